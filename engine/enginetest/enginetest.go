// Package enginetest gives tests an engine, or skips them clearly when none answers — except
// in CI (CI=true), where a missing engine is a failure: the tests that need one must run there.
package enginetest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/internal/testenv"
)

// New returns an engine whose Cleanup runs when the test ends. With no engine it skips the
// test (or fails it in CI) with the CLI's own explanation.
func New(t testing.TB) *engine.Engine {
	t.Helper()
	return NewWith(t, engine.Options{})
}

// NewWith is New with engine options: a buildx builder, for one.
func NewWith(t testing.TB, opt engine.Options) *engine.Engine {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	e, err := engine.New(ctx, opt)
	if err != nil {
		testenv.SkipUnlessCI(t, "no container engine answers (start dockerd to run this test): %v", err)
	}
	t.Cleanup(func() {
		if err := e.Cleanup(); err != nil {
			t.Errorf("engine cleanup: %v", err)
		}
	})
	return e
}

// WithBuildx installs the buildx plugin named by DOCKOPT_TEST_BUILDX into a docker config
// directory of the test's own and points DOCKER_CONFIG at it for the rest of the test (and
// the commands it runs), so that the test builds through `docker buildx build` while the
// other tests keep the plain `DOCKER_BUILDKIT=1 docker build`. Without the variable it skips
// the test, or fails it in CI (.ci/run builds buildx with the go command and sets it).
func WithBuildx(t testing.TB) {
	t.Helper()
	t.Setenv("DOCKER_CONFIG", PluginConfig(t, "DOCKOPT_TEST_BUILDX", "buildx"))
}

// PluginConfig returns a DOCKER_CONFIG directory of the test's own whose cli-plugins holds
// the docker CLI plugin named by the environment variable env (docker-<name>), for a test
// that passes it to the commands it runs. It skips the test when env is unset, and fails it
// in CI (.ci/run builds the plugins).
func PluginConfig(t testing.TB, env, name string) string {
	t.Helper()
	bin := os.Getenv(env)
	if bin == "" {
		testenv.SkipUnlessCI(t, "%s does not name a %s binary (.ci/run builds one)", env, name)
	}
	abs, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	cfg := t.TempDir()
	plugins := filepath.Join(cfg, "cli-plugins")
	if err := os.MkdirAll(plugins, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(abs, filepath.Join(plugins, "docker-"+name)); err != nil {
		t.Fatal(err)
	}
	return cfg
}
