package engine_test

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/engine/enginetest"
)

// The buildx tests drive `docker buildx build` through a buildx plugin that the test installs
// into a docker config directory of its own (DOCKER_CONFIG), so the other engine tests keep
// the plain `DOCKER_BUILDKIT=1 docker build` path and both are tested (enginetest.WithBuildx).
// .ci/run builds the plugin and buildkitd, for the remote builder, with the go command and
// names them:
//
//	DOCKOPT_TEST_BUILDX     the buildx binary (github.com/docker/buildx/cmd/buildx)
//	DOCKOPT_TEST_BUILDKITD  the buildkitd binary (github.com/moby/buildkit/cmd/buildkitd)

// docker runs cli, the CLI the engine chose, for the test's own setup.
func docker(t *testing.T, cli string, args ...string) string {
	t.Helper()
	out, err := exec.Command(cli, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("docker %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func dockerCLI(t *testing.T) string {
	t.Helper()
	e := enginetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	in, err := e.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return in.CLI
}

// withBuilder is an engine that builds with the buildx builder name, and its Info.
func withBuilder(t *testing.T, name string) (*engine.Engine, engine.Info) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	e, err := engine.New(ctx, engine.Options{Builder: name})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Cleanup() })
	in, err := e.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return e, in
}

func TestBuildxDefaultBuilder(t *testing.T) {
	enginetest.WithBuildx(t)
	e := enginetest.New(t)
	if !e.Buildx() {
		t.Fatal("buildx is installed but the engine does not build with it")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	in, err := e.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if in.BuildCommand != "docker buildx build" || in.Builder == "" || in.BuilderDriver != "docker" {
		t.Errorf("info: %+v", in)
	}
	buildScratchServer(t, e)
}

// A builder named with --builder: here a docker context of its own (which buildx lists as a
// builder with the docker driver), and an unknown name, which New refuses.
func TestBuildxNamedBuilder(t *testing.T) {
	enginetest.WithBuildx(t)
	cli := dockerCLI(t)
	host := docker(t, cli, "context", "inspect", "--format", "{{.Endpoints.docker.Host}}")
	name := fmt.Sprintf("dockopt-test-%d", time.Now().UnixNano())
	docker(t, cli, "context", "create", name, "--docker", "host="+host)
	e, in := withBuilder(t, name)
	if in.Builder != name || in.BuilderDriver != "docker" {
		t.Errorf("info: builder %q driver %q, want %q docker", in.Builder, in.BuilderDriver, name)
	}
	buildScratchServer(t, e)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := engine.New(ctx, engine.Options{Builder: "no-such-builder"})
	if err == nil || !strings.Contains(err.Error(), "no-such-builder") {
		t.Errorf("unknown builder: %v", err)
	}
}

// A remote builder: buildkitd started here as its own process on a Unix socket, added with
// `docker buildx create --driver remote`. The image is built by that BuildKit and loaded into
// the engine, where measure reads it.
func TestBuildxRemoteBuilder(t *testing.T) {
	enginetest.WithBuildx(t)
	addr := enginetest.StartBuildkitd(t, "")
	cli := dockerCLI(t)
	name := fmt.Sprintf("dockopt-remote-%d", time.Now().UnixNano())
	docker(t, cli, "buildx", "create", "--name", name, "--driver", "remote", addr)
	t.Cleanup(func() { exec.Command(cli, "buildx", "rm", name).Run() })

	e, in := withBuilder(t, name)
	t.Logf("built with %s, builder %s (driver %s, BuildKit %s)", in.BuildCommand, in.Builder, in.BuilderDriver, in.BuildKitVersion)
	if in.Builder != name || in.BuilderDriver != "remote" || !strings.HasPrefix(in.BuildKitVersion, "v") {
		t.Errorf("info: builder %q driver %q BuildKit %q, want %q, remote, a version", in.Builder, in.BuilderDriver, in.BuildKitVersion, name)
	}
	buildScratchServer(t, e)
}
