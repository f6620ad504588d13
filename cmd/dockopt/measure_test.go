package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/app"
)

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		write(t, root, name, data)
	}
}

func TestMeasureUsageErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Dockerfile": "FROM scratch\n", "Dockerfile.optimized": "FROM scratch\n"})
	for _, args := range [][]string{
		{"measure", dir, "--format", "xml"},
		{"measure", dir, "--smoke", "'unterminated"},
		{"measure", dir, "--probe", "health"},
		{"measure", filepath.Join(dir, "nope")},
		{"measure", dir, "--ignore", filepath.Join(dir, "no-such.dockerignore")},
		{"measure", dir, "--run-network", "host"},
		{"measure", dir, "--port", "-1"},
		{"measure", dir, "--port", "70000"},
		{"measure", dir, "--health-timeout", "0s"},
		{"measure", dir, "--health-timeout", "-5s"},
		{"measure", dir, "--env-file", filepath.Join(dir, "no-such.env")},
		{"measure", dir, "--env-file", dir},
		{"measure", dir, "--env", "=x"},
		{"measure", dir, "--add-host", "db"},
		{"measure", dir, "--runs", "0"},
	} {
		if code := run(args); code != exitUsage {
			t.Errorf("dockopt %s: exit %d, want %d", strings.Join(args, " "), code, exitUsage)
		}
	}
}

// A --platform that containerd cannot read is exit 2, named, before any engine is asked.
func TestMeasureBadPlatform(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Dockerfile": "FROM scratch\n", "Dockerfile.optimized": "FROM scratch\n"})
	_, stderr, code := runCLI(t, "", "measure", dir, "--docker", filepath.Join(dir, "no-docker"), "--platform", "linux/amd64,linux/arm64/v8/x")
	if code != exitUsage || !strings.Contains(stderr, `--platform "linux/arm64/v8/x"`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// An env file that does not exist is named, with exit 2, before any engine is asked.
func TestMeasureMissingEnvFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Dockerfile": "FROM scratch\n", "Dockerfile.optimized": "FROM scratch\n"})
	env := filepath.Join(dir, "service.env")
	_, stderr, code := runCLI(t, "", "measure", dir, "--docker", filepath.Join(dir, "no-docker"), "--env-file", env)
	if code != exitUsage || !strings.Contains(stderr, "--env-file "+env+": not a readable file") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// A Dockerfile that is a device or too large is refused before anything is built, with the
// file named, as lint refuses it (the read is bounded: /dev/zero does not hang).
func TestOversizedDockerfileRefused(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Dockerfile": "FROM scratch\n", "Dockerfile.optimized": "FROM scratch\n"})
	big := filepath.Join(dir, "Big.Dockerfile")
	if err := os.WriteFile(big, bytes.Repeat([]byte("# x\n"), 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "Zero.Dockerfile")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"measure", dir, "--optimized", zero},
		// (the default optimized Dockerfile is named after the original: Big.Dockerfile.optimized)
		{"measure", dir, "--original", big, "--optimized", filepath.Join(dir, "Dockerfile.optimized")},
		{"optimize", dir, "-f", "Zero.Dockerfile", "--out", t.TempDir()},
		{"optimize", dir, "-f", "Big.Dockerfile", "--out", t.TempDir()},
	} {
		_, stderr, code := runCLI(t, "", args...)
		if code != exitUsage || !strings.Contains(stderr, "limit for a Dockerfile") || !strings.Contains(stderr, "Dockerfile:") {
			t.Errorf("dockopt %s: exit %d, stderr %q; want exit %d naming the file and the limit", strings.Join(args, " "), code, stderr, exitUsage)
		}
	}
}

// An engine that cannot be used is its own exit code (3), not "findings" (1): a CI job can
// tell a machine without docker from an optimization that failed its checks.
func TestMeasureWithoutEngineExits3(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Dockerfile": "FROM scratch\n", "Dockerfile.optimized": "FROM scratch\n"})
	missing := filepath.Join(t.TempDir(), "no-docker")
	_, stderr, code := runCLI(t, "", "measure", dir, "--docker", missing)
	if code != exitEngine || !strings.Contains(stderr, "no-docker") {
		t.Errorf("exit %d, stderr %q; want %d naming the CLI", code, stderr, exitEngine)
	}
}

// TestExitCodes: each kind of error maps to its documented code in exitCode, and only there.
func TestExitCodes(t *testing.T) {
	for _, c := range []struct {
		err  error
		want int
	}{
		{nil, exitOK},
		{app.Inputf("bad flag"), exitUsage},
		{&app.FailedError{}, exitFindings},
		{&app.EngineError{Err: errors.New("no engine")}, exitEngine},
		{&app.InterruptedError{Code: 143}, 143},
		{fmt.Errorf("wrapped: %w", &app.EngineError{Err: errors.New("x")}), exitEngine},
		{errors.New("untyped"), exitUsage},
	} {
		if got := exitCode(c.err); got != c.want {
			t.Errorf("exitCode(%v) = %d, want %d", c.err, got, c.want)
		}
	}
}

// --with-deps refuses what it cannot use before any build, naming it, with exit 2: no compose
// service measured, --run-network beside it, a dependency's env file that is not there, and
// (without the compose plugin) a dependency that has only a build: section.
func TestMeasureWithDepsBadInput(t *testing.T) {
	noDocker := filepath.Join(t.TempDir(), "no-docker")
	plain := t.TempDir()
	writeFiles(t, plain, map[string]string{"Dockerfile": "FROM scratch\n", "Dockerfile.optimized": "FROM scratch\n"})
	composed := func(deps string) string {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"Dockerfile": "FROM python:3.11-slim\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\n", "app.py": "print(1)\n",
			"compose.yaml": "services:\n  app:\n    build: .\n    depends_on: [redis]\n" + deps})
		if _, stderr, code := runCLI(t, "", "optimize", dir); code > 1 {
			t.Fatalf("optimize: exit %d: %s", code, stderr)
		}
		return dir
	}
	missingEnv := composed("  redis:\n    image: redis:7\n    env_file: redis.env\n")
	buildOnly := composed("  redis:\n    build: ./redis\n")
	// a docker CLI that answers `docker version` as a 20.10 one and has no compose plugin
	fakeDocker := filepath.Join(t.TempDir(), "docker")
	if err := os.WriteFile(fakeDocker, []byte("#!/bin/sh\nif [ \"$1\" = version ]; then echo '20.10.24 20.10.24'; exit 0; fi\necho \"docker: '$1' is not a docker command.\" >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{plain, "--docker", noDocker}, "--with-deps: " + plain + ": no compose service is measured"},
		{[]string{plain, "--run-network", "backend"}, "--with-deps and --run-network backend"},
		{[]string{missingEnv, "--docker", noDocker}, filepath.Join(missingEnv, "compose.yaml") + `:5: dependency "redis": env_file ` + filepath.Join(missingEnv, "redis.env") + ": not a readable file"},
		{[]string{buildOnly, "--docker", fakeDocker}, filepath.Join(buildOnly, "compose.yaml") + `:5: dependency "redis" has only a build: section`},
	} {
		args := append([]string{"measure", "--with-deps"}, c.args...)
		_, stderr, code := runCLI(t, "", args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("dockopt %s: exit %d, stderr %q; want exit %d and %q", strings.Join(args, " "), code, stderr, exitUsage, c.want)
		}
	}
}
