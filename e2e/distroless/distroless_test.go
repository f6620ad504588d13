// Package distroless is the end-to-end test of `dockopt optimize --runtime distroless`: the
// Python example (a virtualenv with a C extension linked to libpq, whose libraries the rewrite
// copies from the builder) optimized through the CLI onto the local distroless stand-in, built
// and run by measure, healthy and answering its probes as the original does. One run of each
// image, no rebuild figure: about two minutes. It runs with DOCKOPT_E2E=1 (or CI=true) and
// needs the stand-ins of testdata/bases/build.sh and the offline package index (started here).
package distroless

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/e2e/e2eutil"
	"github.com/dockopt/dockopt/engine/enginetest"
	"github.com/dockopt/dockopt/internal/testenv"
	"github.com/dockopt/dockopt/measure"
)

func TestDistrolessPython(t *testing.T) {
	if os.Getenv("DOCKOPT_E2E") != "1" && !testenv.InCI() {
		t.Skip("skipped: set DOCKOPT_E2E=1 to build and run the distroless example on the engine")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	eng := enginetest.New(t)
	const runtime = "gcr.io/distroless/python3-debian12:nonroot"
	e2eutil.NeedImages(ctx, t, eng, "python:3.11", "python:3.11-slim", runtime)
	if e2eutil.IsStandIn(ctx, eng, "python:3.11") {
		e2eutil.StartPyIndex(t, root)
	}
	bin := e2eutil.BuildCLI(t, root)
	dir := filepath.Join(t.TempDir(), "forecastin-api")
	e2eutil.CopyTracked(t, root, filepath.Join("examples", "forecastin-api"), dir)
	out := filepath.Join(t.TempDir(), "out")
	b, err := exec.CommandContext(ctx, bin, "optimize", dir, "--runtime", "distroless", "--out", out).CombinedOutput()
	if err != nil {
		t.Fatalf("dockopt optimize --runtime distroless: %v\n%s", err, b)
	}
	optimized := filepath.Join(out, "Dockerfile.optimized")
	src, err := os.ReadFile(optimized)
	if err != nil {
		t.Fatal(err)
	}
	f, err := dockerfile.Parse(optimized, src, dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.FinalStage().BaseName; got != runtime {
		t.Fatalf("the optimized image ships on %s, want %s; optimize said:\n%s", got, runtime, b)
	}
	if !strings.Contains(string(src), "libpq.so.5") {
		t.Errorf("libpq is not copied into the distroless stage:\n%s", src)
	}
	res, err := measure.Run(ctx, eng, measure.Options{
		ContextDir: dir, Original: filepath.Join(dir, "Dockerfile"), Optimized: optimized,
		OptimizedIgnore: filepath.Join(out, ".dockerignore"), Network: "host", Runs: 1, NoRebuild: true,
		Probes:        []string{"/health", "/api/forecast?city=Oslo&days=3", "/api/db"},
		HealthTimeout: 3 * time.Minute,
		Phase:         func(s string) { t.Log(s) },
	})
	if err != nil {
		t.Fatalf("measure: %v", err)
	}
	for _, c := range res.Failed() {
		t.Errorf("%s: %s", c.Name, c.Detail)
	}
	if res.Optimized.RunsAsRoot {
		t.Errorf("the distroless container runs as root (%s)", res.Optimized.UserMethod)
	}
	// the probes were answered the same by both (a failed check above says otherwise); the
	// image is smaller than the original by far
	if res.Optimized.SizeBytes <= 0 || res.Optimized.SizeBytes*4 > res.Original.SizeBytes {
		t.Errorf("distroless image %d bytes, original %d: want under a quarter", res.Optimized.SizeBytes, res.Original.SizeBytes)
	}
	t.Logf("distroless %d bytes, original %d; checks: %d passed", res.Optimized.SizeBytes, res.Original.SizeBytes, len(res.Checks)-len(res.Failed()))
}
