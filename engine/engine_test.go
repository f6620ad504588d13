package engine_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/engine/enginetest"
	"github.com/dockopt/dockopt/imagescan"
)

// A static HTTP server with its own health probe: the image is FROM scratch, so the test
// needs no base image and no registry.
const serverSrc = `package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-healthcheck" {
		r, err := http.Get("http://127.0.0.1:8080/health")
		if err != nil || r.StatusCode != 200 {
			os.Exit(1)
		}
		return
	}
	http.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "{\"status\":\"ok\"}") })
	http.ListenAndServe(":8080", nil)
}
`

const dockerfile = `FROM scratch
COPY app /app
EXPOSE 8080
USER 65532:65532
HEALTHCHECK --interval=30s CMD ["/app", "-healthcheck"]
CMD ["/app"]
`

func buildServer(t *testing.T, dir string) {
	t.Helper()
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "main.go"), []byte(serverSrc), 0o644)
	os.WriteFile(filepath.Join(src, "go.mod"), []byte("module srv\n\ngo 1.21\n"), 0o644)
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, "app"), ".")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
}

// buildScratchServer builds the static server image with e (plain BuildKit or buildx) and
// checks what measure needs of a build: an image ID, a time, the steps, the context size, an
// image in the engine's store that inspect and save can read, and a failed build that names
// its step. It returns the image's tag and the build context directory.
func buildScratchServer(t *testing.T, e *engine.Engine) (tag, dir string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir, err := e.TempDir("dockopt-enginetest-")
	if err != nil {
		t.Fatal(err)
	}
	buildServer(t, dir)
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(dockerfile), 0o644)
	tag = fmt.Sprintf("dockopt-enginetest-%d:cold", time.Now().UnixNano())
	var steps []string
	b, err := e.Build(ctx, engine.BuildOptions{ContextDir: dir, Dockerfile: filepath.Join(dir, "Dockerfile"), Tag: tag, NoCache: true,
		Step: func(s string) { steps = append(steps, s) }})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.ImageID, "sha256:") || b.Seconds <= 0 || b.ContextSentBytes <= 0 || len(steps) == 0 {
		t.Fatalf("build result %+v, steps %q", b, steps)
	}
	im, err := e.InspectImage(ctx, tag)
	if err != nil {
		t.Fatalf("the image built through buildx is not in the engine's store (--load): %v", err)
	}
	if im.SizeBytes <= 0 || !im.HasHealthcheck || im.User != "65532:65532" || len(im.LayerDiffIDs) != 1 {
		t.Fatalf("inspect: %+v", im)
	}
	saved, err := e.SaveFile(ctx, tag)
	if err != nil {
		t.Fatal(err)
	}
	img, err := imagescan.Open(saved, imagescan.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := imagescan.Scan(img, imagescan.ScanOptions{})
	img.Close()
	if err != nil || len(rep.Layers) != 1 || rep.Layers[0].UncompressedSizeBytes <= 0 || rep.Layers[0].Instruction != "COPY app /app" ||
		rep.CompressedSizeBytes <= 0 || rep.CompressedSizeBytes >= rep.UncompressedSizeBytes {
		t.Fatalf("save: %v %+v", err, rep)
	}
	// A failed build names the step and keeps the end of buildx's log.
	os.WriteFile(filepath.Join(dir, "Dockerfile.bad"), []byte("FROM scratch\nCOPY missing-file /x\n"), 0o644)
	_, err = e.Build(ctx, engine.BuildOptions{ContextDir: dir, Dockerfile: filepath.Join(dir, "Dockerfile.bad"), Tag: tag + "-bad"})
	var be *engine.BuildError
	if !errors.As(err, &be) || len(be.Tail) == 0 || !strings.Contains(be.Error(), "missing-file") {
		t.Fatalf("failed build: %v", err)
	}
	return tag, dir
}

func TestEngineBuildRunSave(t *testing.T) {
	e := enginetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	info, err := e.Info(ctx)
	if err != nil || info.ServerVersion == "" || info.BuildCommand == "" {
		t.Fatalf("Info: %+v, %v", info, err)
	}
	tag, dir := buildScratchServer(t, e)

	c, err := e.Run(ctx, engine.RunOptions{Image: tag, Name: fmt.Sprintf("dockopt-enginetest-%d", time.Now().UnixNano()), Port: 8080, HealthInterval: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if c.HostPort == 0 {
		t.Fatal("no host port")
	}
	ready := func(ctx context.Context) bool {
		r, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/health", c.HostPort))
		if err != nil {
			return false
		}
		r.Body.Close()
		return r.StatusCode == 200
	}
	h, err := e.WaitHealthy(ctx, c, true, ready, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if h.Healthy <= 0 || h.Healthy > 30*time.Second || h.FirstAnswer <= 0 || h.FirstAnswer > h.Healthy {
		t.Errorf("time to healthy %s, to first answer %s (the 1s interval override did not apply?)", h.Healthy, h.FirstAnswer)
	}
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/health", c.HostPort))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /health: %v", err)
	}
	resp.Body.Close()
	mem, err := e.MemoryBytes(ctx, c)
	if err != nil || mem <= 0 {
		t.Errorf("memory %d, %v", mem, err)
	}
	r, err := e.Exec(ctx, c, "/app", "-healthcheck")
	if err != nil || r.ExitCode != 0 {
		t.Errorf("exec probe: %+v, %v", r, err)
	}
	r, err = e.Exec(ctx, c, "id", "-u")
	if err != nil || r.ExitCode == 0 {
		t.Errorf("exec of a missing binary in scratch: %+v, %v", r, err)
	}

	// Cleanup removes the container, the image and the temp dir.
	if err := e.Cleanup(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.InspectImage(ctx, tag); err == nil {
		t.Error("image still there after Cleanup")
	}
	if _, err := e.State(ctx, c); err == nil {
		t.Error("container still there after Cleanup")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Error("temp dir still there after Cleanup")
	}
}

// buildVariant builds the static server with another Dockerfile and returns the image's tag.
func buildVariant(ctx context.Context, t *testing.T, e *engine.Engine, dockerfile string) string {
	t.Helper()
	dir, err := e.TempDir("dockopt-enginetest-")
	if err != nil {
		t.Fatal(err)
	}
	buildServer(t, dir)
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(dockerfile), 0o644)
	tag := fmt.Sprintf("dockopt-enginetest-%d:variant", time.Now().UnixNano())
	if _, err := e.Build(ctx, engine.BuildOptions{ContextDir: dir, Dockerfile: filepath.Join(dir, "Dockerfile"), Tag: tag}); err != nil {
		t.Fatal(err)
	}
	return tag
}

func TestEngineUnhealthy(t *testing.T) {
	e := enginetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// the probe cannot even start: the container never becomes healthy
	tag := buildVariant(ctx, t, e, "FROM scratch\nCOPY app /app\nHEALTHCHECK CMD [\"/nonexistent\"]\nCMD [\"/app\"]\n")
	c, err := e.Run(ctx, engine.RunOptions{Image: tag, Name: fmt.Sprintf("dockopt-enginetest-%d", time.Now().UnixNano()), HealthInterval: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.WaitHealthy(ctx, c, true, nil, 5*time.Second)
	var he *engine.HealthError
	if !errors.As(err, &he) || he.Exited {
		t.Fatalf("want a HealthError (timeout), got %v", err)
	}
	t.Logf("as reported: %v", err)
}

// A container that exits at once is reported as exited, with its code, whether that is
// seen when its port is looked up (it has no bindings any more) or while waiting.
func TestEngineExitsAtOnce(t *testing.T) {
	e := enginetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// -healthcheck with no server running: exits 1 at once
	tag := buildVariant(ctx, t, e, "FROM scratch\nCOPY app /app\nEXPOSE 8080\nCMD [\"/app\", \"-healthcheck\"]\n")
	for i := 0; i < 3; i++ {
		c, err := e.Run(ctx, engine.RunOptions{Image: tag, Name: fmt.Sprintf("dockopt-enginetest-%d", time.Now().UnixNano()), Port: 8080})
		if err == nil {
			_, err = e.WaitHealthy(ctx, c, false, func(context.Context) bool { return false }, time.Minute)
		}
		var he *engine.HealthError
		if !errors.As(err, &he) || !he.Exited || he.ExitCode != 1 {
			t.Fatalf("want a HealthError (exited with code 1), got %v", err)
		}
		if i == 0 {
			t.Logf("as reported: %v", err)
		}
	}
}
