package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/e2e/e2eutil"
	"github.com/dockopt/dockopt/engine/enginetest"
)

// TestModernSyntaxThroughVendoredBuildKit optimizes and measures, through the CLI, a service
// whose Dockerfile uses COPY --chmod, COPY --parents, a RUN heredoc and RUN
// --mount=type=cache with no `# syntax=` line (e2e/testdata/modern), built by the BuildKit
// that go.mod vendors: buildkitd (DOCKOPT_TEST_BUILDKITD) as a buildx remote builder, named
// with `measure --builder`. The engine's built-in BuildKit (Docker 20.10 here) must refuse
// the same file, so the test shows what the newer builder brings. Every other end-to-end test
// keeps the engine's built-in builder.
//
// No registry is reachable and buildkitd does not read the engine's image store, so the
// stand-in python:3.11-slim is pushed to a registry this test serves on 127.0.0.1, which the
// buildkitd's configuration names as docker.io's mirror: the Dockerfile keeps its FROM.
func TestModernSyntaxThroughVendoredBuildKit(t *testing.T) {
	if testing.Short() {
		e2eutil.Need(t, "-short")
	}
	if dl, ok := t.Deadline(); ok && time.Until(dl) < 10*time.Minute {
		e2eutil.Need(t, "the test timeout leaves %s; this test needs 10 minutes (about 2 on an idle 2-core machine)", time.Until(dl).Round(time.Second))
	}
	enginetest.WithBuildx(t)
	eng := enginetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	const base = "python:3.11-slim"
	e2eutil.NeedImages(ctx, t, eng, base)
	info, err := eng.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	run := func(bin string, args ...string) (string, error) {
		out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
		return string(out), err
	}
	must := func(bin string, args ...string) string {
		t.Helper()
		out, err := run(bin, args...)
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, out)
		}
		return out
	}

	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	ctxDir := filepath.Join(t.TempDir(), "modern")
	e2eutil.CopyTracked(t, root, filepath.Join("e2e", "testdata", "modern"), ctxDir)

	// The engine's own builder cannot build it.
	tag := fmt.Sprintf("dockopt-e2e-modern-builtin:%d", time.Now().UnixNano())
	if out, err := run(info.CLI, "build", "--builder", "default", "-t", tag, ctxDir); err == nil {
		exec.Command(info.CLI, "rmi", "-f", tag).Run()
		t.Fatalf("the engine's built-in BuildKit built e2e/testdata/modern: the test no longer shows what the vendored one brings\n%s", tail(out, 10))
	} else {
		t.Logf("the engine's built-in BuildKit refuses it, as expected:\n%s", tail(out, 4))
	}

	builder := mirroredBuilder(ctx, t, eng, "dockopt-modern", base)

	bin := e2eutil.BuildCLI(t, root)
	out := filepath.Join(t.TempDir(), "out")
	must(bin, "optimize", ctxDir, "--out", out)
	// one build and run of each (--runs 1): this test proves the builder path, not timings
	log := must(bin, "measure", ctxDir, "--out", out, "--builder", builder, "--format", "json",
		"--runs", "1", "--no-rebuild", "--probe", "/health", "--probe", "/a/")
	t.Logf("measure's last lines:\n%s", tail(log, 10))

	data, err := os.ReadFile(filepath.Join(out, "dockopt-report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Metrics struct {
			Engine struct {
				Builder         string `json:"builder"`
				BuilderDriver   string `json:"builder_driver"`
				BuildKitVersion string `json:"buildkit_version"`
			} `json:"engine"`
			Checks []struct {
				Name, Detail  string
				OK, Undecided bool
				NotRun        bool `json:"not_run"`
			} `json:"checks"`
		} `json:"metrics"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	e := doc.Metrics.Engine
	want := os.Getenv("DOCKOPT_TEST_BUILDKIT_VERSION")
	if e.Builder != builder || e.BuilderDriver != "remote" || e.BuildKitVersion == "" || want != "" && e.BuildKitVersion != want {
		t.Errorf("the report names builder %q (driver %q, BuildKit %q); want %s, remote, BuildKit %q", e.Builder, e.BuilderDriver, e.BuildKitVersion, builder, want)
	}
	if len(doc.Metrics.Checks) == 0 {
		t.Fatal("no checks in the report")
	}
	answered := map[string]bool{}
	for _, c := range doc.Metrics.Checks {
		// nothing here for optimize to shrink (it adds a user): the size is not this test's point
		if !c.OK && !c.Undecided && !c.NotRun && !strings.HasPrefix(c.Name, "optimized works") && c.Name != "optimized image is smaller" {
			t.Errorf("check failed: %s (%s)", c.Name, c.Detail)
		}
		if c.OK {
			answered[c.Name] = strings.Contains(c.Detail, "ok from a heredoc") || strings.Contains(c.Detail, "page a")
		}
	}
	for _, name := range []string{"GET /health answers the same", "GET /a/ answers the same"} {
		if !answered[name] {
			t.Errorf("%q: not passed with the text the Dockerfile wrote (the heredoc's, COPY --parents' file); checks: %+v", name, doc.Metrics.Checks)
		}
	}
}
