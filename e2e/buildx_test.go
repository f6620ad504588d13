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

// TestMeasureCLIThroughBuildx runs the dockopt CLI as a user with the buildx plugin would:
// `dockopt optimize` then `dockopt measure --builder NAME` on go-api, where NAME is a buildx
// builder (a docker context's own builder) and every build goes through `docker buildx build
// --load`. TestExamples covers the plain `DOCKER_BUILDKIT=1 docker build` path. The plugin
// comes from DOCKOPT_TEST_BUILDX (enginetest.WithBuildx; .ci/run builds it).
func TestMeasureCLIThroughBuildx(t *testing.T) {
	if testing.Short() {
		e2eutil.Need(t, "-short")
	}
	if dl, ok := t.Deadline(); ok && time.Until(dl) < 20*time.Minute {
		e2eutil.Need(t, "the test timeout leaves %s; this test needs 20 minutes", time.Until(dl).Round(time.Second))
	}
	enginetest.WithBuildx(t)
	// the original go-api compiles the whole program on every build: about 2.5 minutes per
	// build at a CI rehearsal's load 7-11, where 10 minutes did not suffice
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	eng := enginetest.New(t)
	e2eutil.NeedImages(ctx, t, eng, "golang:1.26")
	info, err := eng.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}

	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(ctx, name, args...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	host := strings.TrimSpace(run(info.CLI, "context", "inspect", "--format", "{{.Endpoints.docker.Host}}"))
	builder := fmt.Sprintf("dockopt-e2e-%d", time.Now().UnixNano())
	run(info.CLI, "context", "create", builder, "--docker", "host="+host)

	bin := e2eutil.BuildCLI(t, root)
	ctxDir := filepath.Join(t.TempDir(), "go-api")
	e2eutil.CopyTracked(t, root, filepath.Join("examples", "go-api"), ctxDir)
	out := filepath.Join(t.TempDir(), "out")
	run(bin, "optimize", ctxDir, "--out", out)
	// One build of each kind (--runs 1) and no dependency-change rebuild: this test proves the
	// buildx path, not the timings (TestExamples checks those with the default 3 runs), and
	// stays within run's limit.
	args := []string{"measure", ctxDir, "--out", out, "--builder", builder, "--network", "host", "--format", "json",
		"--runs", "1", "--no-dep-rebuild", "--probe", "/health", "--probe", "/api/convert?celsius=21.5"}
	t.Logf("dockopt %s (and the machine's GOPROXY as a build arg)", strings.Join(args, " "))
	if v, ok := e2eutil.RegistryBuildArgs()["GOPROXY"]; ok {
		args = append(args, "--build-arg", "GOPROXY="+v)
	}
	t0 := time.Now()
	log := run(bin, args...)
	t.Logf("measure through buildx took %s; its last lines:\n%s", time.Since(t0).Round(time.Second), tail(log, 12))

	data, err := os.ReadFile(filepath.Join(out, "dockopt-report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Metrics struct {
			Engine struct {
				BuildCommand  string `json:"build_command"`
				Builder       string `json:"builder"`
				BuilderDriver string `json:"builder_driver"`
			} `json:"engine"`
			Original struct {
				SizeBytes int64 `json:"size_bytes"`
			} `json:"original"`
			Optimized struct {
				SizeBytes  int64 `json:"size_bytes"`
				RunsAsRoot bool  `json:"runs_as_root"`
			} `json:"optimized"`
			Checks []struct {
				Name      string `json:"name"`
				OK        bool   `json:"ok"`
				Undecided bool   `json:"undecided"`
			} `json:"checks"`
		} `json:"metrics"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	m := doc.Metrics
	if m.Engine.BuildCommand != "docker buildx build" || m.Engine.Builder != builder || m.Engine.BuilderDriver != "docker" {
		t.Errorf("engine in the report: %+v, want docker buildx build with builder %s (docker driver)", m.Engine, builder)
	}
	if len(m.Checks) == 0 {
		t.Error("no checks in the report")
	}
	for _, c := range m.Checks {
		// with --runs 1 a comparison of timings is undecided: neither passed nor failed
		if !c.OK && !c.Undecided {
			t.Errorf("check failed: %s", c.Name)
		}
	}
	if m.Original.SizeBytes <= 0 || m.Optimized.SizeBytes <= 0 || m.Optimized.SizeBytes*10 > m.Original.SizeBytes {
		t.Errorf("sizes %d → %d: want the optimized at least 90%% smaller", m.Original.SizeBytes, m.Optimized.SizeBytes)
	}
	if m.Optimized.RunsAsRoot {
		t.Error("optimized runs as root")
	}
	if _, err := os.Stat(filepath.Join(out, "dockopt-report.html")); err != nil {
		t.Error(err)
	}
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
