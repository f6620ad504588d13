package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/e2e/e2eutil"
	"github.com/dockopt/dockopt/engine/enginetest"
	"github.com/dockopt/dockopt/measure"
)

// TestCrossMeasure: `dockopt measure --platform linux/amd64,linux/arm64` on go-api after
// `dockopt optimize --platform linux/amd64,linux/arm64`, through the vendored BuildKit's
// buildkitd as a buildx remote builder (as TestCrossBuild; no emulation is installed). Both
// platforms of the optimized image must be built and sized, only this machine's platform run,
// and the optimized file recognised as optimize's own output (the optimize report gets the
// measurement). The original's go build runs on the target platform's golang image, which
// the test's registry has for this machine's platform only: BuildKit then builds on that one
// with an InvalidBaseImagePlatform warning (an image labelled arm64 holding amd64 programs),
// or fails; either way the original gets the reason instead of a figure for that platform.
//
// No registry is reachable: the local golang:1.26 is pushed to a registry served by this test
// and buildkitd is configured with it as docker.io's mirror, so `FROM golang:1.26` resolves
// there as it would on a builder with registry access.
func TestCrossMeasure(t *testing.T) {
	if testing.Short() {
		e2eutil.Need(t, "-short")
	}
	if dl, ok := t.Deadline(); ok && time.Until(dl) < 15*time.Minute {
		e2eutil.Need(t, "the test timeout leaves %s; this test needs 15 minutes", time.Until(dl).Round(time.Second))
	}
	enginetest.WithBuildx(t)
	eng := enginetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	e2eutil.NeedImages(ctx, t, eng, "golang:1.26")
	native := map[string]string{"amd64": "linux/amd64", "arm64": "linux/arm64"}[runtime.GOARCH]
	other := map[string]string{"amd64": "linux/arm64", "arm64": "linux/amd64"}[runtime.GOARCH]
	if native == "" {
		e2eutil.Need(t, "a linux/amd64 or linux/arm64 machine (this one is %s)", runtime.GOARCH)
	}
	builder := mirroredBuilder(ctx, t, eng, "dockopt-crossmeasure", "golang:1.26")

	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bin := e2eutil.BuildCLI(t, root)
	ctxDir := filepath.Join(t.TempDir(), "go-api")
	e2eutil.CopyTracked(t, root, filepath.Join("examples", "go-api"), ctxDir)
	out := filepath.Join(t.TempDir(), "out")
	plats := native + "," + other
	if b, err := exec.CommandContext(ctx, bin, "optimize", ctxDir, "--out", out, "--platform", plats).CombinedOutput(); err != nil {
		t.Fatalf("optimize: %v\n%s", err, b)
	}
	args := []string{"measure", ctxDir, "--out", out, "--platform", plats, "--builder", builder,
		"--runs", "1", "--no-rebuild", "--format", "json"}
	if v, ok := e2eutil.RegistryBuildArgs()["GOPROXY"]; ok {
		args = append(args, "--build-arg", "GOPROXY="+v)
	}
	t0 := time.Now()
	stdout, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	t.Logf("dockopt %s (%s):\n%s", strings.Join(args, " "), time.Since(t0).Round(time.Second), stdout)
	if err != nil {
		t.Fatalf("measure: %v", err)
	}

	// optimize's report, not dockopt-measure.json: the --platform output was recognised
	data, err := os.ReadFile(filepath.Join(out, "dockopt-report.json"))
	if err != nil {
		t.Fatalf("the optimize report was not written with the measurement: %v", err)
	}
	var doc struct {
		Metrics *measure.Result `json:"metrics"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || doc.Metrics == nil {
		t.Fatalf("dockopt-report.json: %v, metrics %v", err, doc.Metrics)
	}
	m := doc.Metrics
	if len(m.Platforms) != 2 {
		t.Fatalf("platforms: %+v, want %s", m.Platforms, plats)
	}
	byName := map[string]measure.Platform{}
	for _, p := range m.Platforms {
		byName[p.Platform] = p
	}
	n, o := byName[native], byName[other]
	if !n.Native || !n.Run || o.Native || o.Run {
		t.Errorf("run: %s native=%v run=%v, %s native=%v run=%v; want only %s run", native, n.Native, n.Run, other, o.Native, o.Run, native)
	}
	for _, p := range []measure.Platform{n, o} {
		if p.Optimized.Error != "" || p.Optimized.SizeBytes <= 0 || p.Optimized.CompressedSizeBytes <= 0 || p.Optimized.CompressedSizeBytes > p.Optimized.SizeBytes {
			t.Errorf("optimized image for %s: %+v; want both sizes", p.Platform, p.Optimized)
		}
	}
	if n.Optimized.ImageID != m.Optimized.ImageID || o.Optimized.ImageID == m.Optimized.ImageID {
		t.Errorf("image IDs: run %s, %s %s, %s %s; want the run image to be the %s one only", m.Optimized.ImageID, native, n.Optimized.ImageID, other, o.Optimized.ImageID, native)
	}
	if m.Optimized.Healthy == nil || m.Platform != native {
		t.Errorf("the %s images were not run (healthy %v, platform %q)", native, m.Optimized.Healthy, m.Platform)
	}
	if n.Original.Error != "" || n.Original.SizeBytes != m.Original.SizeBytes {
		t.Errorf("original for %s: %+v, measured size %d", native, n.Original, m.Original.SizeBytes)
	}
	// the original's go build runs on the target's golang image, which is not there (and
	// could not run without emulation): a reason, no figure
	if !(strings.HasPrefix(o.Original.Error, "not built for "+other) || strings.HasPrefix(o.Original.Error, "not measured for "+other+": BuildKit warned `InvalidBaseImagePlatform")) || o.Original.SizeBytes != 0 {
		t.Errorf("original for %s: %+v; want no figure and why", other, o.Original)
	}
	md, err := os.ReadFile(filepath.Join(out, "dockopt-report.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Per platform:", "| `" + other + "` |", "only the " + native + " images (this engine's platform) were run"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("dockopt-report.md lacks %q", want)
		}
	}
	t.Logf("%s: optimized %d bytes (%d compressed); %s: optimized %d bytes (%d compressed); original for %s: %s",
		native, n.Optimized.SizeBytes, n.Optimized.CompressedSizeBytes, other, o.Optimized.SizeBytes, o.Optimized.CompressedSizeBytes, other, o.Original.Error)
}
