// Package ownimage is the end-to-end test of dockopt's own image, a package of its own so that
// its build (up to 15 minutes the first time on two busy cores; seconds with BuildKit's cache
// mounts warm) runs beside the examples' end-to-end test rather than after it.
package ownimage

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/e2e/e2eutil"
	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/engine/enginetest"
)

// TestOwnImage builds dockopt's own image (the repository's Dockerfile: a Go builder on
// golang:1.26, a static binary on scratch, a non-root user) and runs `docker run -i IMAGE lint
// -` with a Dockerfile on standard input. Like the other end-to-end tests it runs with
// DOCKOPT_E2E=1 (as .ci/run sets it) and an engine with the golang:1.26 base image, and fails
// in CI when it cannot. Its log line gives the size recorded in bench/RESULTS.md.
func TestOwnImage(t *testing.T) {
	if os.Getenv("DOCKOPT_E2E") != "1" {
		e2eutil.Need(t, "DOCKOPT_E2E=1 is not set (building dockopt's image takes minutes)")
	}
	if testing.Short() {
		e2eutil.Need(t, "-short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	eng := enginetest.New(t)
	e2eutil.NeedImages(ctx, t, eng, "golang:1.26")
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	// the builder downloads modules through the machine's Go proxy, given as a build arg
	goproxy, err := exec.Command("go", "env", "GOPROXY").Output()
	if err != nil {
		t.Fatal(err)
	}
	tag := fmt.Sprintf("dockopt-e2e-self:%d", time.Now().UnixNano())
	res, err := eng.Build(ctx, engine.BuildOptions{ContextDir: root, Dockerfile: filepath.Join(root, "Dockerfile"), Tag: tag,
		Network: "host", BuildArgs: []string{"GOPROXY=" + strings.TrimSpace(string(goproxy))}})
	if err != nil {
		t.Fatal(err)
	}
	img, err := eng.InspectImage(ctx, tag)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dockopt's image: %.1f MB (%d bytes), %d layer(s), user %s, built in %.0f s",
		float64(img.SizeBytes)/1e6, img.SizeBytes, len(img.LayerDiffIDs), img.User, res.Seconds)
	if img.User == "" || img.User == "root" || strings.HasPrefix(img.User, "0") {
		t.Errorf("the image runs as %q, want a non-root user", img.User)
	}
	if img.SizeBytes > 60e6 {
		t.Errorf("the image is %d bytes: a static binary on scratch should be well under 60 MB", img.SizeBytes)
	}

	run := func(stdin string, args ...string) (string, int) {
		cmd := exec.CommandContext(ctx, "docker", append([]string{"run", "--rm", "-i", "--network", "none", tag}, args...)...)
		cmd.Stdin = strings.NewReader(stdin)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), code
	}
	out, code := run("FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n", "lint", "--no-color", "-")
	if code != 1 || !strings.Contains(out, "-:2:23 warning DO101 apt-no-install-recommends") {
		t.Errorf("docker run -i %s lint -: exit %d, want 1 with DO101 on line 2\n%s", tag, code, out)
	}
	own, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if out, code := run(string(own), "lint", "-"); code != 0 {
		t.Errorf("the image's own Dockerfile, linted by the image: exit %d\n%s", code, out)
	}
	if out, code := run("", "version"); code != 0 || !strings.HasPrefix(out, "dockopt ") {
		t.Errorf("version: exit %d: %s", code, out)
	}
}
