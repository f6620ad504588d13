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
