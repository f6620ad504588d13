package e2e

import (
	"archive/tar"
	"context"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/dockopt/dockopt/e2e/e2eutil"
	"github.com/dockopt/dockopt/engine/enginetest"
	"github.com/dockopt/dockopt/imagescan"
)

// TestCrossBuild: `dockopt optimize --platform linux/amd64,linux/arm64` on go-api, then its
// optimized Dockerfile built for the other architecture than this machine's (linux/arm64 on
// amd64) through a BuildKit of the version go.mod vendors: buildkitd as a buildx remote
// builder (DOCKOPT_TEST_BUILDKITD and DOCKOPT_TEST_BUILDX, which .ci/run builds with the go
// command). No emulation is installed here, so the build only succeeds because the Go stage
// runs on $BUILDPLATFORM and cross-compiles; the runtime is scratch, so no base image of the
// target platform is needed. The image comes out as an OCI layout, whose config must say the
// target architecture and whose binary must be an ELF for it.
//
// No registry is reachable, so the local golang:1.26 is pushed to a registry served by this
// test (go-containerregistry's, on 127.0.0.1 over HTTP, which the buildkitd's configuration
// allows) and named as the `golang:1.26` build context.
func TestCrossBuild(t *testing.T) {
	if testing.Short() {
		e2eutil.Need(t, "-short")
	}
	if dl, ok := t.Deadline(); ok && time.Until(dl) < 10*time.Minute {
		e2eutil.Need(t, "the test timeout leaves %s; this test needs 10 minutes (about 4 on an idle 2-core machine)", time.Until(dl).Round(time.Second))
	}
	enginetest.WithBuildx(t)
	eng := enginetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	e2eutil.NeedImages(ctx, t, eng, "golang:1.26")
	target := map[string]string{"amd64": "linux/arm64", "arm64": "linux/amd64"}[runtime.GOARCH]
	if target == "" {
		e2eutil.Need(t, "a linux/amd64 or linux/arm64 machine (this one is %s)", runtime.GOARCH)
	}
	wantArch := strings.TrimPrefix(target, "linux/")
	wantMachine := map[string]elf.Machine{"arm64": elf.EM_AARCH64, "amd64": elf.EM_X86_64}[wantArch]

	host := serveBaseImage(ctx, t, "golang:1.26")
	addr := enginetest.StartBuildkitd(t, fmt.Sprintf("[registry.%q]\n  http = true\n  insecure = true\n", host))
	info, err := eng.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	run := func(bin string, args ...string) string {
		t.Helper()
		out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	builder := fmt.Sprintf("dockopt-cross-%d", time.Now().UnixNano())
	run(info.CLI, "buildx", "create", "--name", builder, "--driver", "remote", addr)
	t.Cleanup(func() { exec.Command(info.CLI, "buildx", "rm", builder).Run() })

	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bin := e2eutil.BuildCLI(t, root)
	ctxDir := filepath.Join(t.TempDir(), "go-api")
	e2eutil.CopyTracked(t, root, filepath.Join("examples", "go-api"), ctxDir)
	out := filepath.Join(t.TempDir(), "out")
	run(bin, "optimize", ctxDir, "--out", out, "--platform", "linux/amd64,linux/arm64")
	df := filepath.Join(out, "Dockerfile.optimized")
	text, err := os.ReadFile(df)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "FROM --platform=$BUILDPLATFORM golang:1.26 AS build") {
		t.Fatalf("the optimized Dockerfile does not build on $BUILDPLATFORM:\n%s", text)
	}
	layout := filepath.Join(t.TempDir(), "image")
	args := []string{"buildx", "build", "--builder", builder, "--platform", target, "-f", df,
		"--build-context", "golang:1.26=docker-image://" + host + "/library/golang:1.26",
		"--output", "type=oci,tar=false,dest=" + layout, "--progress", "plain"}
	if v, ok := e2eutil.RegistryBuildArgs()["GOPROXY"]; ok {
		args = append(args, "--build-arg", "GOPROXY="+v)
	}
	t0 := time.Now()
	logText := run(info.CLI, append(args, ctxDir)...)
	t.Logf("built %s through buildkitd in %s; the end of its log:\n%s", target, time.Since(t0).Round(time.Second), tail(logText, 8))

	img, err := imagescan.Open(layout, imagescan.OpenOptions{Context: ctx, Platform: target})
	if err != nil {
		t.Fatal(err)
	}
	defer img.Close()
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	if cf.OS != "linux" || cf.Architecture != wantArch {
		t.Errorf("image config: %s/%s, want %s", cf.OS, cf.Architecture, target)
	}
	machine, err := elfMachine(img, "app")
	if err != nil || machine != wantMachine {
		t.Errorf("/app in the image: %v, %v; want an ELF for %s (%v)", machine, err, wantArch, wantMachine)
	}
	t.Logf("image config %s/%s, /app is an ELF for %v", cf.OS, cf.Architecture, machine)
}

// serveBaseImage pushes the engine's images refs to a registry this test serves on 127.0.0.1
// (blobs on disk) and returns the registry's host:port.
func serveBaseImage(ctx context.Context, t *testing.T, refs ...string) string {
	t.Helper()
	srv := httptest.NewServer(registry.New(registry.WithBlobHandler(registry.NewDiskBlobHandler(t.TempDir())),
		registry.Logger(log.New(io.Discard, "", 0))))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")
	for _, ref := range refs {
		src, err := imagescan.Open(ref, imagescan.OpenOptions{Context: ctx})
		if err != nil {
			t.Fatal(err)
		}
		dst, err := name.ParseReference(host+"/library/"+ref, name.Insecure)
		if err != nil {
			src.Close()
			t.Fatal(err)
		}
		t0 := time.Now()
		err = remote.Write(dst, src.Image, remote.WithContext(ctx))
		src.Close()
		if err != nil {
			t.Fatalf("pushing %s to the test's registry: %v", ref, err)
		}
		t.Logf("pushed %s to the test's registry %s in %s", ref, host, time.Since(t0).Round(time.Second))
	}
	return host
}

// elfMachine reads the file at path (no leading slash) in the image's layers and returns its
// ELF machine.
func elfMachine(img *imagescan.Image, path string) (elf.Machine, error) {
	layers, err := img.Layers()
	if err != nil {
		return 0, err
	}
	for i := len(layers) - 1; i >= 0; i-- {
		rc, err := layers[i].Uncompressed()
		if err != nil {
			return 0, err
		}
		tr := tar.NewReader(rc)
		for {
			h, err := tr.Next()
			if err != nil {
				break
			}
			if strings.TrimPrefix(h.Name, "./") != path {
				continue
			}
			data, err := io.ReadAll(tr)
			rc.Close()
			if err != nil {
				return 0, err
			}
			f, err := elf.NewFile(strings.NewReader(string(data)))
			if err != nil {
				return 0, err
			}
			return f.Machine, nil
		}
		rc.Close()
	}
	return 0, errors.New("not in the image")
}
