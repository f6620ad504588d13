package fix_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/e2e/e2eutil"
	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/engine/enginetest"
	"github.com/dockopt/dockopt/fix"
	"github.com/dockopt/dockopt/internal/testenv"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// buildCases is where the build-verified fix cases live, one build context per folder: the
// hand-made ones directly, the real Dockerfiles taken from the shared corpus in corpusCases
// (each recorded in its SOURCES.md: source, licence, what was cut and why).
const (
	buildCases  = "testdata/build"
	corpusCases = "testdata/build/corpus"
	// minCorpusCases is how many real Dockerfiles the test must build (issue 13 asks for 30).
	minCorpusCases = 30
	// buildWorkers is how many cases build at once: the builds wait on the network (apt, the
	// package index) more than on the CPU, so a few in parallel shorten the test on 2 cores.
	buildWorkers = 4
)

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

// buildCase is one folder of testdata/build (or of its corpus folder), with its safe fixes
// applied. A real case (from the corpus) is only built: its command is a desktop program, a
// daemon or a tool that waits for input, so running it compares nothing.
type buildCase struct {
	name, dir string
	real      bool
	orig      []byte
	res       *fix.Result
}

func loadBuildCases(t *testing.T) []buildCase {
	t.Helper()
	out := loadCaseDirs(t, buildCases, false)
	return append(out, loadCaseDirs(t, corpusCases, true)...)
}

func loadCaseDirs(t *testing.T, root string, real bool) []buildCase {
	t.Helper()
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var out []buildCase
	for _, d := range dirs {
		if !d.IsDir() || !real && filepath.Join(root, d.Name()) == corpusCases {
			continue
		}
		dir := filepath.Join(root, d.Name())
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
		out = append(out, buildCase{d.Name(), dir, real, src, res})
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

// TestCorpusCasesAreRecorded: there are at least minCorpusCases real Dockerfiles, and each
// has its row in SOURCES.md (source, licence, changes) and each row its folder (no engine
// needed).
func TestCorpusCasesAreRecorded(t *testing.T) {
	index, err := os.ReadFile(filepath.Join(corpusCases, "SOURCES.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]bool{}
	for _, line := range strings.Split(string(index), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 7 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		name := strings.Trim(strings.TrimSpace(cells[1]), "`")
		rows[name] = true
		for i, what := range []string{"source", "licence", "changes"} {
			if strings.TrimSpace(cells[3+i]) == "" {
				t.Errorf("SOURCES.md: %s has no %s", name, what)
			}
		}
	}
	cases := loadCaseDirs(t, corpusCases, true)
	if len(cases) < minCorpusCases {
		t.Errorf("%d real Dockerfiles in %s, want at least %d", len(cases), corpusCases, minCorpusCases)
	}
	for _, c := range cases {
		if !rows[c.name] {
			t.Errorf("%s has no row in %s/SOURCES.md", c.name, corpusCases)
		}
		delete(rows, c.name)
	}
	for name := range rows {
		t.Errorf("SOURCES.md names %s, which has no folder", name)
	}
}

// caseResult is what building one case showed.
type caseResult struct {
	origErr, fixedErr error
	origOut, fixedOut string // the images' output when run (hand-made cases)
	runErr            error
	seconds           float64
}

// TestFixedFilesBuild builds every case on the engine as written and with its safe fixes
// applied: the fixed file must build whenever the original does (and every hand-made case
// must build once fixed); the hand-made cases' images, run with their own command, must exit
// alike and print the same output. Each case's two images are removed as soon as it is done
// (the build cache stays, so the fixed build reuses the original's unchanged steps). It needs
// DOCKOPT_E2E=1 (or CI=true) and an engine; builds use --network host so that pip reaches the
// machine's offline index on 127.0.0.1:3141.
func TestFixedFilesBuild(t *testing.T) {
	if os.Getenv("DOCKOPT_E2E") != "1" && !testenv.InCI() {
		t.Skip("skipped: builds images on the engine; run with DOCKOPT_E2E=1 (9 to 12 minutes on a fresh engine at a load of 11 to 13 on 2 cores, under a minute with the build cache)")
	}
	e := enginetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Minute)
	defer cancel()
	cases := loadBuildCases(t)
	e2eutil.NeedImages(ctx, t, e, baseImages(t, cases)...)
	results := make([]caseResult, len(cases))
	work := make(chan int)
	var wg sync.WaitGroup
	for range buildWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i] = buildCaseBothWays(ctx, e, cases[i])
				t.Logf("built %s both ways in %.0f s", cases[i].name, results[i].seconds)
			}
		}()
	}
	start := time.Now()
	for i := range cases {
		work <- i
	}
	close(work)
	wg.Wait()
	reportBuildResults(t, cases, results, time.Since(start))
}

// baseImages returns the images the cases build FROM (stages and scratch left out).
func baseImages(t *testing.T, cases []buildCase) []string {
	var out []string
	for _, c := range cases {
		f, err := dockerfile.Parse(filepath.Join(c.dir, "Dockerfile"), c.orig, dockerfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range f.Stages {
			img := st.BaseImage
			if img == "" || img == "scratch" || f.BaseStage(st) != nil || slices.Contains(out, img) {
				continue
			}
			out = append(out, img)
		}
	}
	return out
}

// buildCaseBothWays builds a case's original and fixed Dockerfile (in that order, so that the
// fixed build finds the common prefix in the cache), runs hand-made cases' images, and
// removes both images.
func buildCaseBothWays(ctx context.Context, e *engine.Engine, c buildCase) caseResult {
	t0 := time.Now()
	var r caseResult
	dir, err := e.TempDir("dockopt-fixtest-")
	if err != nil {
		return caseResult{origErr: err, fixedErr: err}
	}
	fixedPath := filepath.Join(dir, "Dockerfile.fixed")
	if err := os.WriteFile(fixedPath, c.res.Output, 0o644); err != nil {
		return caseResult{origErr: err, fixedErr: err}
	}
	origImg, origErr := buildVersion(ctx, e, c, filepath.Join(c.dir, "Dockerfile"), "orig", noCacheOrig)
	fixedImg, fixedErr := buildVersion(ctx, e, c, fixedPath, "fixed", false)
	r.origErr, r.fixedErr = origErr, fixedErr
	if !c.real && origErr == nil && fixedErr == nil {
		r.origOut, r.runErr = runImage(ctx, e, origImg, c.name+"-orig")
		if r.runErr == nil {
			r.fixedOut, r.runErr = runImage(ctx, e, fixedImg, c.name+"-fixed")
		}
	}
	e.RemoveImage(ctx, origImg)
	e.RemoveImage(ctx, fixedImg)
	r.seconds = time.Since(t0).Seconds()
	return r
}

// reportBuildResults judges each case and logs the counts: cases built before and after,
// fixes applied in all and per rule, and the wall time.
func reportBuildResults(t *testing.T, cases []buildCase, results []caseResult, took time.Duration) {
	t.Helper()
	both, fixedOnly, real, realBoth, applied := 0, 0, 0, 0, 0
	perRule := map[string]int{}
	for i, c := range cases {
		r := results[i]
		applied += len(c.res.Applied)
		for _, a := range c.res.Applied {
			perRule[a.Rule.ID]++
		}
		if c.real {
			real++
		}
		switch {
		case r.fixedErr != nil && r.origErr == nil:
			t.Errorf("%s: the original builds, the fixed file does not (fixes %s): %v", c.name, appliedIDs(c.res), r.fixedErr)
			continue
		case r.fixedErr != nil:
			t.Errorf("%s: neither the original nor the fixed file builds: %v", c.name, r.fixedErr)
			continue
		case r.origErr != nil && originalFails[c.name] == "":
			t.Errorf("%s: the original does not build (%v), so the case compares nothing: make it build, or list it in originalFails", c.name, r.origErr)
			continue
		case r.origErr != nil:
			fixedOnly++
			t.Logf("%s: the original does not build (%v: %s); fixed, it does", c.name, shortErr(r.origErr), originalFails[c.name])
			continue
		case r.runErr != nil:
			t.Errorf("%s: running the images: %v", c.name, r.runErr)
			continue
		case r.origOut != r.fixedOut:
			t.Errorf("%s: the images behave differently:\noriginal: %s\nfixed:    %s", c.name, r.origOut, r.fixedOut)
			continue
		}
		both++
		if c.real {
			realBoth++
			t.Logf("%s: both build (%.0f s; fixes %s)", c.name, r.seconds, appliedIDs(c.res))
		} else {
			t.Logf("%s: both build and print %q (%.0f s; fixes %s)", c.name, r.fixedOut, r.seconds, appliedIDs(c.res))
		}
	}
	var ids []string
	for id := range perRule {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var per []string
	for _, id := range ids {
		per = append(per, fmt.Sprintf("%s %d", id, perRule[id]))
	}
	t.Logf("%d cases (%d real Dockerfiles from the corpus, %d written), %d fixes applied (%s): "+
		"%d build before and after (%d of the real ones), %d build only once fixed; %.0f s with %d builds at a time",
		len(cases), real, len(cases)-real, applied, strings.Join(per, ", "), both, realBoth, fixedOnly, took.Seconds(), buildWorkers)
}

// noCacheOrig builds every original without BuildKit's cache (DOCKOPT_FIXTEST_NOCACHE=1): the
// test then costs its cold time on every run (537 and 711 s measured at a load of 11 to 13 on 2 cores,
// where the default, with the cache, takes that only on a fresh engine) but proves that each
// original still builds against today's Debian mirror.
var noCacheOrig = os.Getenv("DOCKOPT_FIXTEST_NOCACHE") == "1"

// buildVersion builds one version of a case (in its own folder as the context) and returns its
// tag. The fixed file is built after the original, with the cache: it reuses the steps the
// fixes left unchanged (most fixes change only metadata or one RUN).
func buildVersion(ctx context.Context, e *engine.Engine, c buildCase, dockerfile, version string, noCache bool) (string, error) {
	tag := fmt.Sprintf("dockopt-fixtest-%s-%s:latest", c.name, version)
	_, err := e.Build(ctx, engine.BuildOptions{ContextDir: c.dir, Dockerfile: dockerfile, Tag: tag, Network: "host", NoCache: noCache})
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
