package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/measure"
)

// TestOptimizeWriteTwiceKeepsFirstOriginals: a second --write changes nothing and keeps the
// user's own Dockerfile and .dockerignore as the .orig files; the user's ignore lines (and
// comments) stay verbatim at the top.
func TestOptimizeWriteTwiceKeepsFirstOriginals(t *testing.T) {
	dir := t.TempDir()
	orig := "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 8000\nCMD [\"python\", \"app.py\"]\n"
	write(t, dir, "Dockerfile", orig)
	write(t, dir, "requirements.txt", "flask==2.2.2\n")
	write(t, dir, "app.py", "@app.get('/healthz')\n")
	write(t, dir, ".env", "FAKE=1\n")
	write(t, dir, ".dockerignore", "# mine\nsecret.txt\n")
	for i := 0; i < 2; i++ {
		if _, _, code := runCLI(t, "", "optimize", dir, "--write"); code != 0 {
			t.Fatalf("run %d: exit %d", i, code)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "Dockerfile.orig")); string(b) != orig {
		t.Errorf("Dockerfile.orig = %q, want the user's original", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ".dockerignore.orig")); string(b) != "# mine\nsecret.txt\n" {
		t.Errorf(".dockerignore.orig = %q, want the user's original", b)
	}
	ign, _ := os.ReadFile(filepath.Join(dir, ".dockerignore"))
	if !strings.HasPrefix(string(ign), "# mine\nsecret.txt\n") || !strings.Contains(string(ign), "\n**/.env\n") {
		t.Errorf(".dockerignore = %q", ign)
	}
	df, _ := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	if !strings.Contains(string(df), "/healthz") {
		t.Errorf("the health route found in app.py is not probed:\n%s", df)
	}
}

// TestOptimizeOutWritesTheDockerfilesOwnIgnoreFile: with --out, BuildKit must find the
// generated ignore file next to the optimized Dockerfile, and lint with --context agrees.
func TestOptimizeOutWritesTheDockerfilesOwnIgnoreFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD [\"node\", \"index.js\"]\n")
	write(t, dir, "package.json", "{\"name\":\"x\"}\n")
	write(t, dir, "package-lock.json", "{}\n")
	write(t, dir, "index.js", "\n")
	write(t, dir, ".env", "FAKE=1\n")
	out := filepath.Join(t.TempDir(), "out")
	stdout, _, code := runCLI(t, "", "optimize", dir, "--out", out)
	if code != 0 || !strings.Contains(stdout, "--out "+out) {
		t.Fatalf("exit %d, next-step hint without --out:\n%s", code, stdout)
	}
	b, err := os.ReadFile(filepath.Join(out, "Dockerfile.optimized.dockerignore"))
	if err != nil || !strings.Contains(string(b), "\n**/.env\n") {
		t.Fatalf("Dockerfile.optimized.dockerignore: %v %q", err, b)
	}
	lintOut, _, _ := runCLI(t, "", "lint", "--context", dir, "--no-color", filepath.Join(out, "Dockerfile.optimized"))
	for _, bad := range []string{"DO302", "DO115", "DO019"} {
		if strings.Contains(lintOut, bad) {
			t.Errorf("lint of the optimized Dockerfile with its context reports %s:\n%s", bad, lintOut)
		}
	}
}

// TestOptimizeNamedDockerfileHintMeasures: after `optimize -f api.Dockerfile`, the measure
// command optimize prints finds api.Dockerfile and api.Dockerfile.optimized: run without an
// engine, it gets as far as starting one (exit 3), not to a missing file (exit 2).
func TestOptimizeNamedDockerfileHintMeasures(t *testing.T) {
	for _, withOut := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "my service")
		write(t, dir, "api.Dockerfile", "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 8000\nCMD [\"python\", \"app.py\"]\n")
		write(t, dir, "requirements.txt", "flask==2.2.2\n")
		write(t, dir, "app.py", "print('hi')\n")
		args := []string{"optimize", dir, "-f", "api.Dockerfile"}
		if withOut {
			args = append(args, "--out", filepath.Join(t.TempDir(), "out"))
		}
		stdout, _, code := runCLI(t, "", args...)
		_, next, ok := strings.Cut(stdout, "next: dockopt ")
		if code != 0 || !ok {
			t.Fatalf("optimize: exit %d\n%s", code, stdout)
		}
		next, _, _ = strings.Cut(next, "   (")
		if !strings.Contains(next, "--original '"+filepath.Join(dir, "api.Dockerfile")+"'") {
			t.Errorf("next: %s", next)
		}
		words, err := measure.SplitCommand(next) // as a shell splits it
		if err != nil {
			t.Fatal(err)
		}
		margs := append(words, "--docker", filepath.Join(t.TempDir(), "no-docker"))
		if _, stderr, code := runCLI(t, "", margs...); code != exitEngine {
			t.Errorf("dockopt %s: exit %d, want %d (files found, no engine)\n%s", strings.Join(margs, " "), code, exitEngine, stderr)
		}
	}
}

// TestOptimizeWriteHintMeasures: after `optimize --write` the original is in Dockerfile.orig
// and the optimized file in its place; the measure command optimize prints names both, so
// that it finds its files (exit 3 without an engine, not 2).
func TestOptimizeWriteHintMeasures(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "svc")
	write(t, dir, "Dockerfile", "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 8000\nCMD [\"python\", \"app.py\"]\n")
	write(t, dir, "requirements.txt", "flask==2.2.2\n")
	write(t, dir, "app.py", "print('hi')\n")
	stdout, stderr, code := runCLI(t, "", "optimize", dir, "--write")
	if code != 0 {
		t.Fatalf("optimize --write: exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "--original "+filepath.Join(dir, "Dockerfile.orig")) || !strings.Contains(stdout, "--optimized "+filepath.Join(dir, "Dockerfile")) {
		t.Errorf("the measure command does not name the backup and the rewritten Dockerfile:\n%s", stdout)
	}
	if len(runNext(t, stdout)) != 1 {
		t.Errorf("no measure command printed:\n%s", stdout)
	}
}
