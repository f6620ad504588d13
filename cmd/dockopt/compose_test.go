package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/measure"
)

// appThenDev is a Dockerfile whose last stage (dev) is not the one compose builds (app): a
// run that optimized the last stage would leave app running as root.
const appThenDev = "FROM python:3.11-slim AS app\nWORKDIR /app\nCOPY . .\nEXPOSE 8000\nCMD [\"python\", \"-m\", \"http.server\", \"8000\"]\n\nFROM app AS dev\nCMD [\"python\", \"-m\", \"http.server\", \"8000\", \"--bind\", \"0.0.0.0\"]\n"

// stageUser is the USER at the end of stage name of the Dockerfile at path.
func stageUser(t *testing.T, path, name string) string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := dockerfile.Parse(path, src, dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := f.StageByName(name)
	if st == nil {
		t.Fatalf("%s has no stage %s (optimize must keep the target's name):\n%s", path, name, src)
	}
	return f.UserEnd(st)
}

// runNext runs the measure command optimize printed (after "next: "), as a shell splits it,
// with a docker CLI that is not there: exit 3 says it found every file (a missing one is 2).
func runNext(t *testing.T, stdout string) []string {
	t.Helper()
	var cmds [][]string
	for _, line := range strings.Split(stdout, "\n") {
		if next, ok := strings.CutPrefix(line, "next: dockopt "); ok {
			next, _, _ = strings.Cut(next, "   (")
			words, err := measure.SplitCommand(next)
			if err != nil {
				t.Fatal(err)
			}
			cmds = append(cmds, words)
		}
	}
	var out []string
	for _, words := range cmds {
		args := append(words, "--docker", filepath.Join(t.TempDir(), "no-docker"))
		stdout, stderr, code := runCLI(t, "", args...)
		if code != exitEngine {
			t.Errorf("dockopt %s: exit %d, want %d (files found, no engine)\n%s", strings.Join(args, " "), code, exitEngine, stderr)
		}
		out = append(out, stdout)
	}
	return out
}

// optimize DIR with a compose file whose service builds stage app: it says so, optimizes app
// (the USER lands there, not in the last stage) and the measure command it prints says the
// same stage.
func TestOptimizeComposeBuildsTarget(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my svc")
	write(t, dir, "Dockerfile", appThenDev)
	write(t, dir, "app.py", "print(1)\n")
	write(t, dir, "compose.yaml", "services:\n  web:\n    build:\n      context: .\n      target: app\n    ports: [\"8080:8000\"]\n")
	stdout, stderr, code := runCLI(t, "", "optimize", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, `compose service "web" (`+filepath.Join(dir, "compose.yaml")+`:2) builds stage "app"`) {
		t.Errorf("no line says which stage compose builds:\n%s", stdout)
	}
	opt := filepath.Join(dir, "Dockerfile.optimized")
	if u := stageUser(t, opt, "app"); u == "" || u == "root" || u == "0" {
		t.Errorf("stage app runs as %q: the stage compose builds was not optimized", u)
	}
	report, _ := os.ReadFile(filepath.Join(dir, "dockopt-report.md"))
	if !strings.Contains(string(report), "--target app") || !strings.Contains(string(report), "dockopt measure '"+dir+"' --service web") {
		t.Errorf("the report's build and measure commands do not build stage app:\n%s", report)
	}
	for _, out := range runNext(t, stdout) {
		if !strings.Contains(out, `builds stage "app"`) {
			t.Errorf("measure does not say which stage it builds:\n%s", out)
		}
	}
	// -f names the same Dockerfile: still built as compose builds it
	stdout, _, code = runCLI(t, "", "optimize", dir, "-f", "Dockerfile", "--out", filepath.Join(t.TempDir(), "out"))
	if code != 0 || !strings.Contains(stdout, `builds stage "app"`) {
		t.Errorf("-f Dockerfile: exit %d\n%s", code, stdout)
	}
	runNext(t, stdout)
}

// Two services build one Dockerfile at two stages: without --out, each output is named for its
// service; with --out, each goes into OUT/<service>/. --service picks one.
func TestOptimizeComposeServicesShareADockerfile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", appThenDev)
	write(t, dir, "app.py", "print(1)\n")
	write(t, dir, "compose.yaml", "services:\n  web:\n    build:\n      context: .\n      target: app\n  devbox:\n    build:\n      context: .\n      target: dev\n  cache:\n    image: redis:7\n")
	stdout, stderr, code := runCLI(t, "", "optimize", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, name := range []string{"Dockerfile.web.optimized", "Dockerfile.devbox.optimized", "Dockerfile.web.optimized.dockerignore", "dockopt-report.web.md", "dockopt-report.devbox.md"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	for _, name := range []string{"Dockerfile.optimized", "dockopt-report.md", ".dockerignore"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s written: two services would share it", name)
		}
	}
	if u := stageUser(t, filepath.Join(dir, "Dockerfile.web.optimized"), "app"); u == "" || u == "root" {
		t.Errorf("web's stage app runs as %q", u)
	}
	if len(runNext(t, stdout)) != 2 {
		t.Errorf("want one measure command per service:\n%s", stdout)
	}

	out := filepath.Join(t.TempDir(), "out")
	stdout, _, code = runCLI(t, "", "optimize", dir, "--out", out, "--service", "devbox")
	if code != 0 {
		t.Fatalf("--service devbox: exit %d", code)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 || entries[0].Name() != "devbox" {
		t.Errorf("--out with --service devbox wrote %v, want only devbox/", entries)
	}
	if _, err := os.Stat(filepath.Join(out, "devbox", "Dockerfile.optimized")); err != nil {
		t.Error(err)
	}
	runNext(t, stdout)
}

// Bad input: exit 2, an error naming the file (and the line where known), and nothing written,
// neither in --out nor in DIR.
func TestOptimizeComposeBadInputWritesNothing(t *testing.T) {
	good := "services:\n  web:\n    build:\n      context: .\n      target: app\n  db:\n    image: postgres:16\n"
	for _, c := range []struct {
		name, compose string
		args          []string
		want          string
	}{
		{"compose does not parse", "services:\n  web:\n    build: .\n   oops: x\n", nil, "compose.yaml:4:4: yaml: did not find expected key"},
		{"compose target names no stage", strings.Replace(good, "target: app", "target: prod", 1), nil, `compose.yaml:2) build.target "prod" names no stage`},
		{"--target names no stage", good, []string{"--target", "prod"}, `Dockerfile: --target "prod" names no stage of this Dockerfile (its stages are app, dev)`},
		{"--service names no service", good, []string{"--service", "api"}, "compose.yaml: --service api: no such service (its services with a build are web)"},
		{"--service without build", good, []string{"--service", "db"}, "compose.yaml:6: --service db: it runs the image postgres:16 and has no build: section"},
		{"compose Dockerfile missing", strings.Replace(good, "context: .", "context: .\n      dockerfile: nope.Dockerfile", 1), []string{"--service", "web"}, `compose.yaml:2: service "web": `},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "Dockerfile", appThenDev)
			write(t, dir, "compose.yaml", c.compose)
			before, _ := os.ReadDir(dir)
			out := filepath.Join(t.TempDir(), "out")
			if err := os.Mkdir(out, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, withOut := range []bool{true, false} {
				args := append([]string{"optimize", dir}, c.args...)
				if withOut {
					args = append(args, "--out", out)
				}
				_, stderr, code := runCLI(t, "", args...)
				if code != exitUsage || !strings.Contains(stderr, c.want) {
					t.Errorf("%v: exit %d, want %d with %q:\n%s", args, code, exitUsage, c.want, stderr)
				}
			}
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("--out got %v", entries)
			}
			if after, _ := os.ReadDir(dir); len(after) != len(before) {
				t.Errorf("DIR got files: %v", after)
			}
			// measure refuses the same input before it looks for an engine
			margs := append(append([]string{"measure", dir}, c.args...), "--docker", filepath.Join(t.TempDir(), "no-docker"))
			if _, stderr, code := runCLI(t, "", margs...); code != exitUsage {
				t.Errorf("%v: exit %d, want %d:\n%s", margs, code, exitUsage, stderr)
			}
		})
	}
}

// The realworld todo-app shape: -f names a Dockerfile two services build at two stages; without
// --target or --service that is ambiguous and said so, with the services and their lines.
func TestOptimizeFileBuiltBySeveralServices(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", appThenDev)
	write(t, dir, "compose.yaml", "services:\n  web:\n    build:\n      context: .\n      target: app\n  devbox:\n    build:\n      context: .\n      target: dev\n")
	_, stderr, code := runCLI(t, "", "optimize", dir, "-f", "Dockerfile")
	if code != exitUsage || !strings.Contains(stderr, `devbox (line 6) builds stage "dev", web (line 2) builds stage "app"`) {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	stdout, _, code := runCLI(t, "", "optimize", dir, "-f", "Dockerfile", "--target", "dev", "--out", out)
	if code != 0 {
		t.Fatalf("--target dev: exit %d", code)
	}
	if names, _ := os.ReadDir(out); !slices.ContainsFunc(names, func(e os.DirEntry) bool { return e.Name() == "Dockerfile.optimized" }) {
		t.Errorf("-f Dockerfile --out: %v, want OUT/Dockerfile.optimized", names)
	}
	runNext(t, stdout)
}
