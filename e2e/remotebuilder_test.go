package e2e

import (
	"context"
	"fmt"
	"os/exec"
	"testing"
	"time"

	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/engine/enginetest"
)

// mirroredBuilder starts the vendored buildkitd (DOCKOPT_TEST_BUILDKITD) with a registry of
// the test's own as docker.io's mirror, pushes the engine's images refs there (no registry is
// reachable, and buildkitd does not read the engine's image store), and adds it as a buildx
// remote builder named after prefix, removed when the test ends. A Dockerfile keeps its FROM:
// `FROM golang:1.26` resolves through the mirror as on a builder with registry access. It
// returns the builder's name; the caller has called enginetest.WithBuildx.
func mirroredBuilder(ctx context.Context, t *testing.T, eng *engine.Engine, prefix string, refs ...string) string {
	t.Helper()
	return remoteBuilder(ctx, t, eng, prefix, serveBaseImage(ctx, t, refs...))
}

// remoteBuilder is mirroredBuilder for a registry host the caller has filled.
func remoteBuilder(ctx context.Context, t *testing.T, eng *engine.Engine, prefix, host string) string {
	t.Helper()
	addr := enginetest.StartBuildkitd(t, fmt.Sprintf("[registry.\"docker.io\"]\n  mirrors = [%q]\n[registry.%q]\n  http = true\n  insecure = true\n", host, host))
	info, err := eng.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	builder := fmt.Sprintf("%s-%d", prefix, time.Now().UnixNano())
	if out, err := exec.CommandContext(ctx, info.CLI, "buildx", "create", "--name", builder, "--driver", "remote", addr).CombinedOutput(); err != nil {
		t.Fatalf("buildx create: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command(info.CLI, "buildx", "rm", builder).Run() })
	return builder
}
