package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/e2e/e2eutil"
	"github.com/dockopt/dockopt/engine/enginetest"
)

// TestHeredocWithSyntaxLine optimizes and measures, through the CLI, a service whose
// Dockerfile starts with `# syntax=docker/dockerfile:1` and uses RUN and COPY heredocs
// (e2e/testdata/heredoc). The engine's built-in BuildKit (Docker 20.10 here) parses heredocs
// only through that frontend: the local stand-in testdata/bases/build.sh builds from BuildKit's
// own source. Both images must build, answer the probes the same, and the optimized file keep
// its syntax line; the report names the frontend that built them.
func TestHeredocWithSyntaxLine(t *testing.T) {
	if testing.Short() {
		e2eutil.Need(t, "-short")
	}
	if dl, ok := t.Deadline(); ok && time.Until(dl) < 8*time.Minute {
		e2eutil.Need(t, "the test timeout leaves %s; this test needs 8 minutes", time.Until(dl).Round(time.Second))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	eng := enginetest.New(t)
	e2eutil.NeedImages(ctx, t, eng, "docker/dockerfile:1", "python:3.11", "python:3.11-slim")
	if e2eutil.IsStandIn(ctx, eng, "python:3.11") {
		e2eutil.StartPyIndex(t, root)
	}
	bin := e2eutil.BuildCLI(t, root)
	ctxDir := filepath.Join(t.TempDir(), "heredoc")
	e2eutil.CopyTracked(t, root, filepath.Join("e2e", "testdata", "heredoc"), ctxDir)
	out := filepath.Join(t.TempDir(), "out")
	run := func(args ...string) string {
		t.Helper()
		b, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("dockopt %s: %v\n%s", strings.Join(args, " "), err, b)
		}
		return string(b)
	}
	run("optimize", ctxDir, "--out", out)
	optimized, err := os.ReadFile(filepath.Join(out, "Dockerfile.optimized"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(optimized), "# syntax=docker/dockerfile:1\n") {
		t.Errorf("the optimized Dockerfile lost its syntax line:\n%s", optimized)
	}
	// one build and run of each (--runs 1): this test proves the frontend path, not timings
	log := run("measure", ctxDir, "--out", out, "--network", "host", "--format", "json", "--runs", "1", "--no-rebuild",
		"--probe", "/health", "--probe", "/greeting")
	t.Logf("measure's last lines:\n%s", tail(log, 10))
	data, err := os.ReadFile(filepath.Join(out, "dockopt-report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Metrics struct {
			Checks []struct {
				Name, Detail  string
				OK, Undecided bool
				NotRun        bool `json:"not_run"`
			} `json:"checks"`
			Bases []struct {
				Ref      string `json:"ref"`
				Frontend bool   `json:"frontend"`
				StandIn  bool   `json:"stand_in"`
			} `json:"base_images"`
		} `json:"metrics"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Metrics.Checks) == 0 {
		t.Fatal("no checks in the report")
	}
	greeting := false
	for _, c := range doc.Metrics.Checks {
		if !c.OK && !c.Undecided && !c.NotRun && !strings.HasPrefix(c.Name, "optimized works") {
			t.Errorf("check failed: %s (%s)", c.Name, c.Detail)
		}
		greeting = greeting || c.Name == "GET /greeting answers the same" && c.OK && strings.Contains(c.Detail, "hello from a heredoc")
	}
	if !greeting {
		t.Error("GET /greeting did not answer the text the COPY heredoc wrote, the same in both images")
	}
	frontend := false
	for _, b := range doc.Metrics.Bases {
		frontend = frontend || b.Ref == "docker/dockerfile:1" && b.Frontend
	}
	if !frontend {
		t.Errorf("the report does not name the frontend: %+v", doc.Metrics.Bases)
	}
}
