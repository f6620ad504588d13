package fix_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/engine/enginetest"
	"github.com/dockopt/dockopt/fix"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// buildCases is where the build-verified fix cases live, one build context per folder.
const buildCases = "testdata/build"

// notBuildableHere are the safe fixes no case exercises, because the package manager they
// fix has no base image on the machines this runs on (only Debian, Python and Node.js images
// are there); the corpus test (corpus.TestFixesKeepBuildKitClean) still checks them.
var notBuildableHere = map[string]string{
	"DO103": "apk: no Alpine image",
	"DO106": "yum, dnf, microdnf, zypper: no RPM-based image",
	"DO406": "yum, dnf, zypper: no RPM-based image",
}

// originalFails are the cases whose original cannot build, with why: the fixed file must.
var originalFails = map[string]string{
	"escaped-space": "DO516: `&& \\ useradd` runs a program named \" useradd\"",
}

// buildCase is one folder of testdata/build, with its safe fixes applied.
type buildCase struct {
	name, dir string
	orig      []byte
	res       *fix.Result
}

func loadBuildCases(t *testing.T) []buildCase {
	t.Helper()
	dirs, err := os.ReadDir(buildCases)
	if err != nil {
		t.Fatal(err)
	}
	var out []buildCase
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		dir := filepath.Join(buildCases, d.Name())
		path := filepath.Join(dir, "Dockerfile")
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ctx, err := buildctx.Scan(dir, "Dockerfile")
		if err != nil {
			t.Fatal(err)
		}
		res, err := fix.File(path, src, ctx, fix.Options{})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !res.Changed() {
			t.Fatalf("%s: no safe fix applies: the case tests nothing", path)
		}
		out = append(out, buildCase{d.Name(), dir, src, res})
	}
	return out
}

// TestBuildCasesExerciseEverySafeFix: together, the build cases get every safe fix applied,
// except the fixes listed in notBuildableHere (no engine needed: it keeps the cases complete
// when a rule gains a safe fix).
func TestBuildCasesExerciseEverySafeFix(t *testing.T) {
	exercised := map[string]bool{}
	for _, c := range loadBuildCases(t) {
		for _, a := range c.res.Applied {
			exercised[a.Rule.ID] = true
		}
	}
	for _, r := range rules.All() {
		if r.Fix != rule.SafeFix {
			continue
		}
		_, excused := notBuildableHere[r.ID]
		switch {
		case !exercised[r.ID] && !excused:
			t.Errorf("%s (%s) has a safe fix that no case of %s applies: add one", r.ID, r.Name, buildCases)
		case exercised[r.ID] && excused:
			t.Errorf("%s is listed as not buildable here but a case applies its fix", r.ID)
		}
	}
}

// TestFixedFilesBuild builds every case of testdata/build on the engine as written and with
// its safe fixes applied: the fixed file must build whenever the original does (and every
// case must build once fixed), and both images, run with their own command, must exit alike
// and print the same output. It needs DOCKOPT_E2E=1 (or CI=true) and an engine; builds use
// --network host so that pip reaches the machine's offline index on 127.0.0.1:3141.
func TestFixedFilesBuild(t *testing.T) {
	if os.Getenv("DOCKOPT_E2E") != "1" && !enginetest.InCI() {
		t.Skip("skipped: builds images on the engine; run with DOCKOPT_E2E=1 (about 3 minutes)")
	}
	e := enginetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	both, fixedOnly, applied := 0, 0, 0
	for _, c := range loadBuildCases(t) {
		applied += len(c.res.Applied)
		fixedPath := filepath.Join(t.TempDir(), "Dockerfile.fixed")
		if err := os.WriteFile(fixedPath, c.res.Output, 0o644); err != nil {
			t.Fatal(err)
		}
		origImg, origErr := buildVersion(ctx, e, c, filepath.Join(c.dir, "Dockerfile"), "orig")
		fixedImg, fixedErr := buildVersion(ctx, e, c, fixedPath, "fixed")
		switch {
		case fixedErr != nil && origErr == nil:
			t.Errorf("%s: the original builds, the fixed file does not (fixes %s): %v", c.name, appliedIDs(c.res), fixedErr)
			continue
		case fixedErr != nil:
			t.Errorf("%s: neither the original nor the fixed file builds: %v", c.name, fixedErr)
			continue
		case origErr != nil && originalFails[c.name] == "":
			t.Errorf("%s: the original does not build (%v), so the case compares nothing: make it build, or list it in originalFails", c.name, origErr)
			continue
		case origErr != nil:
			fixedOnly++
			t.Logf("%s: the original does not build (%v: %s); fixed, it does", c.name, shortErr(origErr), originalFails[c.name])
			continue
		}
		both++
		origOut, err := runImage(ctx, e, origImg, c.name+"-orig")
		if err != nil {
			t.Errorf("%s: running the original image: %v", c.name, err)
			continue
		}
		fixedOut, err := runImage(ctx, e, fixedImg, c.name+"-fixed")
		if err != nil {
			t.Errorf("%s: running the fixed image: %v", c.name, err)
			continue
		}
		if origOut != fixedOut {
			t.Errorf("%s: the images behave differently:\noriginal: %s\nfixed:    %s", c.name, origOut, fixedOut)
		}
		t.Logf("%s: both build and print %q; sizes %s -> %s (fixes %s)", c.name, fixedOut,
			imageSize(ctx, e, origImg), imageSize(ctx, e, fixedImg), appliedIDs(c.res))
	}
	t.Logf("%d cases, %d fixes applied: %d build before and after with the same output, %d build only once fixed", both+fixedOnly, applied, both, fixedOnly)
}

// buildVersion builds one version of a case (in its own folder as the context) and returns its tag.
func buildVersion(ctx context.Context, e *engine.Engine, c buildCase, dockerfile, version string) (string, error) {
	tag := fmt.Sprintf("dockopt-fixtest-%s-%s:latest", c.name, version)
	_, err := e.Build(ctx, engine.BuildOptions{ContextDir: c.dir, Dockerfile: dockerfile, Tag: tag, Network: "host"})
	return tag, err
}

// runImage runs an image's own command to its end and returns its exit code and output.
func runImage(ctx context.Context, e *engine.Engine, image, name string) (string, error) {
	name = "dockopt-fixtest-" + name + fmt.Sprint(time.Now().UnixNano())
	c, err := e.Run(ctx, engine.RunOptions{Image: image, Name: name, NoHealthcheck: true})
	if err != nil {
		return "", err
	}
	defer e.RemoveContainer(ctx, c)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(200 * time.Millisecond) {
		st, err := e.State(ctx, c)
		if err != nil {
			return "", err
		}
		if !st.Running {
			return fmt.Sprintf("exit %d: %s", st.ExitCode, strings.Join(e.Logs(ctx, c, 20), " | ")), nil
		}
		if time.Now().After(deadline) {
			return "", errors.New("still running after a minute")
		}
	}
}

func imageSize(ctx context.Context, e *engine.Engine, image string) string {
	img, err := e.InspectImage(ctx, image)
	if err != nil {
		return "?"
	}
	return fmt.Sprintf("%.1f MB", float64(img.SizeBytes)/1e6)
}

func appliedIDs(res *fix.Result) string {
	var ids []string
	for _, a := range res.Applied {
		if !slices.Contains(ids, a.Rule.ID) {
			ids = append(ids, a.Rule.ID)
		}
	}
	slices.Sort(ids)
	return strings.Join(ids, " ")
}

func shortErr(err error) string {
	var be *engine.BuildError
	if errors.As(err, &be) && be.Step != "" {
		return "fails at " + be.Step
	}
	return err.Error()
}
