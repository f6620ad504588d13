package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dockopt/dockopt/e2e/e2eutil"
	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/engine/enginetest"
	"github.com/dockopt/dockopt/examples/wsecho"
	"github.com/dockopt/dockopt/internal/testenv"
	"github.com/dockopt/dockopt/measure"
	"github.com/dockopt/dockopt/report"
)

// example is one service under examples/ and what the issue requires of it.
type example struct {
	name string
	// bases are the images its original and optimized Dockerfiles start from.
	bases []string
	// probes are compared between both containers (the first is the health path).
	probes []string
	smoke  []string
	// minReductionPercent is the least image size reduction accepted.
	minReductionPercent float64
	websocket           bool
	// originalReinstalls is true when the original Dockerfile copies the code before it
	// installs the dependencies, so that its code-only rebuild must install them again.
	originalReinstalls bool
	// depRebuild: the rebuild after a dependency change is measured too (node-api only: its
	// npm cache mount is where the figure says most; the others leave it out for CI's time).
	depRebuild bool
	// vendoredBuilder: built through the vendored BuildKit when it is there (node-api, whose
	// cache mounts and dependency-change rebuild are where the builder matters most; the
	// remote builder's export and load of every image cost the others more CI time than
	// they prove: they build on the engine's built-in BuildKit).
	vendoredBuilder bool
}

var examples = []example{
	{name: "forecastin-api", bases: []string{"python:3.11", "python:3.11-slim"},
		probes: []string{"/health", "/api/forecast?city=Oslo&days=3", "/api/db"}, minReductionPercent: 60, websocket: true, originalReinstalls: true},
	{name: "node-api", bases: []string{"node:20", "node:20-slim"},
		probes: []string{"/health", "/api/price?item=coffee&qty=2"}, minReductionPercent: 50, originalReinstalls: true, depRebuild: true, vendoredBuilder: true},
	{name: "go-api", bases: []string{"golang:1.26"},
		probes: []string{"/health", "/api/convert?celsius=21.5"}, smoke: []string{"/app -healthcheck"}, minReductionPercent: 90},
}

func TestExamples(t *testing.T) {
	if testing.Short() {
		e2eutil.Need(t, "-short")
	}
	if dl, ok := t.Deadline(); ok && time.Until(dl) < 30*time.Minute {
		e2eutil.Need(t, "the test timeout leaves %s; the end-to-end test needs 30 minutes (go test -timeout 40m ./e2e/)", time.Until(dl).Round(time.Second))
	}
	start := time.Now()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}

	probeEng := enginetest.New(t)
	var missing []string
	for _, ex := range examples {
		for _, b := range ex.bases {
			if _, err := probeEng.InspectImage(ctx, b); err != nil {
				missing = append(missing, b)
			}
		}
	}
	if len(missing) > 0 {
		e2eutil.Need(t, "base images %s are not in the engine's image store (build the local stand-ins: bash testdata/bases/build.sh)", strings.Join(missing, ", "))
	}
	bin := e2eutil.BuildCLI(t, root)
	buildArgs := e2eutil.RegistryBuildArgs()
	// node-api builds through the BuildKit go.mod vendors (buildkitd as a buildx remote
	// builder) whenever it is there, as it always is in CI: users build with a current
	// BuildKit, not Docker 20.10's built-in one, which the other examples and the real-world
	// suite keep using.
	vendored := os.Getenv("DOCKOPT_TEST_BUILDKITD") != "" || testenv.InCI()
	if vendored {
		enginetest.WithBuildx(t)
	}
	only := os.Getenv("DOCKOPT_E2E_ONLY")
	var summary []string
	for _, ex := range examples {
		if only != "" && only != ex.name {
			continue
		}
		t.Run(ex.name, func(t *testing.T) {
			summary = append(summary, runExample(ctx, t, root, bin, ex, buildArgs, vendored && ex.vendoredBuilder))
		})
		if ctx.Err() != nil {
			t.Fatal("interrupted")
		}
	}
	t.Logf("end-to-end time %s:\n%s", time.Since(start).Round(time.Second), strings.Join(summary, "\n"))
}

func runExample(ctx context.Context, t *testing.T, root, bin string, ex example, buildArgs map[string]string, vendored bool) string {
	t0 := time.Now()
	eng := enginetest.New(t) // its Cleanup removes what this example created
	network := "host"        // the builds reach the offline Python index on 127.0.0.1
	if vendored {
		// buildkitd runs its build steps in the host's network (no CNI configured), so the
		// builds need no --network (which a remote builder refuses without an entitlement)
		builder := mirroredBuilder(ctx, t, eng, "dockopt-e2e-"+ex.name, ex.bases...)
		eng = enginetest.NewWith(t, engine.Options{Builder: builder})
		network = ""
	}
	if ex.websocket {
		if e2eutil.IsStandIn(ctx, eng, "python:3.11") {
			e2eutil.StartPyIndex(t, root)
		}
	}
	ctxDir := filepath.Join(t.TempDir(), ex.name)
	e2eutil.CopyTracked(t, root, filepath.Join("examples", ex.name), ctxDir)
	out := os.Getenv("DOCKOPT_E2E_OUT")
	if out != "" {
		out = filepath.Join(out, ex.name)
	} else {
		out = filepath.Join(t.TempDir(), "out")
	}

	// dockopt optimize, through the CLI.
	cmd := exec.CommandContext(ctx, bin, "optimize", ctxDir, "--out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("dockopt optimize %s: %v\n%s", ex.name, err, b)
	}
	optimized := filepath.Join(out, "Dockerfile.optimized")
	ignore := filepath.Join(out, ".dockerignore")
	for _, p := range []string{optimized, ignore, filepath.Join(out, "dockopt-report.md")} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("dockopt optimize did not write %s", p)
		}
	}

	// dockopt measure, through the package the CLI runs (so that the WebSocket echo can be
	// checked on both running containers).
	var args []string
	for _, df := range []string{filepath.Join(ctxDir, "Dockerfile"), optimized} {
		src, _ := os.ReadFile(df)
		for name, val := range buildArgs {
			if e2eutil.DeclaresArg(src, name) && !e2eutil.ContainsPrefix(args, name+"=") {
				args = append(args, name+"="+val)
			}
		}
	}
	var smoke [][]string
	for _, s := range ex.smoke {
		w, err := measure.SplitCommand(s)
		if err != nil {
			t.Fatal(err)
		}
		smoke = append(smoke, w)
	}
	var extra []measure.ExtraCheck
	if ex.websocket {
		extra = append(extra, measure.ExtraCheck{Name: "WebSocket echo round-trip on /ws", Run: func(ctx context.Context, base string) error {
			ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
			defer cancel()
			msg := "dockopt e2e " + ex.name
			got, err := wsecho.RoundTrip(ctx, "ws"+strings.TrimPrefix(base, "http")+"/ws", msg)
			if err != nil {
				return err
			}
			if got != msg {
				return fmt.Errorf("sent %q, got %q back", msg, got)
			}
			return nil
		}})
	}
	res, err := measure.Run(ctx, eng, measure.Options{
		ContextDir: ctxDir, Original: filepath.Join(ctxDir, "Dockerfile"), Optimized: optimized, OptimizedIgnore: ignore,
		BuildArgs: args, Network: network, Probes: ex.probes, Smoke: smoke, Extra: extra,
		HealthTimeout: 3 * time.Minute, NoDepRebuild: !ex.depRebuild,
		Phase: func(s string) { t.Logf("%s  %s", time.Since(t0).Round(time.Second), s) },
	})
	if err != nil {
		t.Fatalf("measure %s: %v", ex.name, err)
	}
	writeReports(t, ctxDir, out, res)
	if want := os.Getenv("DOCKOPT_TEST_BUILDKIT_VERSION"); vendored && (res.Engine.BuilderDriver != "remote" || want != "" && res.Engine.BuildKitVersion != want) {
		t.Errorf("%s: the report names builder %q (driver %q, BuildKit %q); want the vendored buildkitd, remote, BuildKit %q",
			ex.name, res.Engine.Builder, res.Engine.BuilderDriver, res.Engine.BuildKitVersion, want)
	}

	table := report.MetricsTable(res)
	t.Logf("%s — measured:\n%s%s", ex.name, table, verdicts(res))

	// The assertions.
	for _, c := range res.Failed() {
		t.Errorf("%s: %s: %s", ex.name, c.Name, c.Detail)
	}
	if !hasCheck(res, "WebSocket echo round-trip on /ws") && ex.websocket {
		t.Errorf("%s: WebSocket echo not checked", ex.name)
	}
	if res.Optimized.RunsAsRoot {
		t.Errorf("%s: the optimized container runs as root (%s)", ex.name, res.Optimized.UserMethod)
	}
	// the hardening trial proves every option in one run (with what it added back), and the
	// report turns that into a compose and a Kubernetes snippet
	if h := res.Optimized.Hardening; h == nil || len(h.Verified) != len(measure.HardeningOptions) {
		t.Errorf("%s: the hardening trial did not prove every option together: %+v", ex.name, h)
	} else if md := report.MetricsMarkdown(res); !strings.Contains(md, "services:\n") || !strings.Contains(md, "securityContext:") || !strings.Contains(md, "read_only: true") {
		t.Errorf("%s: the report has no proven compose and Kubernetes snippet:\n%s", ex.name, md)
	}
	size := res.Figure("size_bytes")
	reduction := -*size.ChangePercent
	if reduction < ex.minReductionPercent {
		t.Errorf("%s: optimized image %d bytes vs original %d: %.1f%% smaller, want at least %.0f%%",
			ex.name, res.Optimized.SizeBytes, res.Original.SizeBytes, reduction, ex.minReductionPercent)
	}
	if res.Optimized.RebuildSeconds <= 0 {
		t.Errorf("%s: the code-only rebuild was not measured (%v)", ex.name, res.Notes)
	} else if deps := measure.DependencyInstalls(res.Optimized.RebuildRan); len(deps) > 0 {
		t.Errorf("%s: the code-only rebuild of the optimized Dockerfile ran its dependency install again: %q (all it ran: %q)",
			ex.name, deps, res.Optimized.RebuildRan)
	}
	if d := res.Optimized.DepRebuild; ex.depRebuild && (d == nil || res.DepTouchedFile == "" || len(measure.DependencyInstalls(res.Optimized.DepRebuildRan)) == 0) {
		t.Errorf("%s: the rebuild after a dependency change (file %q, %+v) did not run the optimized image's install again (ran %q)", ex.name, res.DepTouchedFile, d, res.Optimized.DepRebuildRan)
	}
	if len(measure.DependencyInstalls(res.Original.RebuildRan)) == 0 && ex.originalReinstalls {
		t.Errorf("%s: the original's code-only rebuild ran no dependency install (it ran %q): the change did not reach the layers it should", ex.name, res.Original.RebuildRan)
	}
	overhead := 0.0
	if res.Timing != nil {
		overhead = res.Timing.OverheadRatio
	}
	return fmt.Sprintf("  %-15s size −%.1f%% (want ≥%.0f%%), optimized code-only rebuild %.0f%% of its cold build, ran %d instructions again (%d dependency installs), measure's wall time %.2f× its engine steps', %s",
		ex.name, reduction, ex.minReductionPercent, res.Optimized.RebuildSeconds/res.Optimized.ColdBuildSeconds*100,
		len(res.Optimized.RebuildRan), len(measure.DependencyInstalls(res.Optimized.RebuildRan)), overhead, time.Since(t0).Round(time.Second))
}

func verdicts(res *measure.Result) string {
	var b strings.Builder
	for _, c := range res.Checks {
		mark := "yes"
		if !c.OK {
			mark = "NO"
		}
		fmt.Fprintf(&b, "  %-3s %s", mark, c.Name)
		if c.Detail != "" {
			fmt.Fprintf(&b, " (%s)", c.Detail)
		}
		b.WriteString("\n")
	}
	for _, bi := range res.Bases {
		fmt.Fprintf(&b, "  base %s: id %.19s stand-in=%v\n", bi.Ref, bi.ID, bi.StandIn)
	}
	fmt.Fprintf(&b, "  %s\n", report.EngineLine(res))
	return b.String()
}

func hasCheck(res *measure.Result, name string) bool {
	for _, c := range res.Checks {
		if c.Name == name {
			return true
		}
	}
	return false
}

// writeReports renders the report files as dockopt measure does (Markdown, JSON, HTML) and
// checks that they carry the measurement.
func writeReports(t *testing.T, ctxDir, out string, res *measure.Result) {
	t.Helper()
	in := &report.Input{Dir: ctxDir, DockerfileName: "Dockerfile", OutDockerfile: filepath.Join(out, "Dockerfile.optimized"),
		MetricsMarkdown: report.MetricsMarkdown(res), Metrics: res}
	var md, js, html bytes.Buffer
	md.WriteString("# dockopt measure\n\n" + in.MetricsMarkdown)
	if err := report.HTML(&html, in, res); err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(&js)
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"metrics": res}); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"dockopt-measure.md": md.Bytes(), "dockopt-measure.json": js.Bytes(), "dockopt-measure.html": html.Bytes()} {
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(html.String(), "<svg") || !strings.Contains(html.String(), "optimized — ") {
		t.Error("the HTML report lacks the layer chart")
	}
}
