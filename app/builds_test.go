package app

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// twoStages is a Dockerfile whose last stage (dev) is not the one compose builds (app).
const twoStages = "FROM python:3.11-slim AS app\nWORKDIR /app\nCOPY . .\nEXPOSE 8000\nCMD [\"python\", \"-m\", \"http.server\", \"8000\"]\n\nFROM app AS dev\nCMD [\"python\", \"-m\", \"http.server\", \"8000\", \"--bind\", \"0.0.0.0\"]\n"

// composeProject is a compose file with two services built in one context (web at stage app,
// worker from worker.Dockerfile) and one that runs an image.
const composeProject = `services:
  web:
    build:
      context: .
      target: app
      args:
        MODE: prod
        LEVEL: "1"
    ports: ["8080:8000"]
    environment:
      GREETING: hi
    healthcheck:
      test: ["CMD", "python", "-c", "print(1)"]
  worker:
    build:
      context: .
      dockerfile: worker.Dockerfile
  db:
    image: postgres:16
  upstream:
    build: https://github.com/example/upstream.git
`

func composeDir(t *testing.T) string {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"compose.yaml": composeProject, "Dockerfile": twoStages,
		"worker.Dockerfile": "FROM python:3.11-slim\nCMD [\"python\", \"-c\", \"print(1)\"]\n", "app.py": "print(1)\n"})
	return dir
}

func TestResolveBuildsEveryService(t *testing.T) {
	dir := composeDir(t)
	res, err := ResolveBuilds(BuildRequest{Dir: dir, BuildArgs: map[string]string{"LEVEL": "2"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Builds) != 2 {
		t.Fatalf("%d builds, want web and worker", len(res.Builds))
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "compose.yaml:20: service upstream left out: its build context is remote") {
		t.Errorf("notes %q: the service with a remote build is not named", res.Notes)
	}
	web, worker := res.Builds[0], res.Builds[1]
	if web.Service.Name != "web" || web.Target != "app" || web.Path != filepath.Join(dir, "Dockerfile") || web.Name != "Dockerfile" || web.ByFile {
		t.Errorf("web: %+v", web)
	}
	if !strings.Contains(web.TargetVia, `compose service "web" (`+filepath.Join(dir, "compose.yaml")+":2) build.target") {
		t.Errorf("web's target via %q", web.TargetVia)
	}
	if len(web.Notes) != 1 || !strings.Contains(web.Notes[0], `builds stage "app"`) {
		t.Errorf("web's notes %q: the stage compose builds is not said", web.Notes)
	}
	if !reflect.DeepEqual(web.BuildArgs, map[string]string{"MODE": "prod", "LEVEL": "2"}) {
		t.Errorf("build args %v: --build-arg must win over the compose file's", web.BuildArgs)
	}
	if worker.Target != "" || len(worker.Notes) != 0 || worker.Name != "worker.Dockerfile" {
		t.Errorf("worker: %+v", worker)
	}
	// both build in dir: without --out, each output is named for its service
	if !web.SharedContext || web.Outputs("").Optimized() != filepath.Join(dir, "Dockerfile.web.optimized") ||
		web.Outputs("").Report("md") != filepath.Join(dir, "dockopt-report.web.md") {
		t.Errorf("web outputs %+v", web.Outputs(""))
	}
	if got := worker.Outputs("/out").Optimized(); got != filepath.Join("/out", "worker", "worker.Dockerfile.optimized") {
		t.Errorf("worker with --out: %s", got)
	}
}

func TestResolveBuildsExplicitValuesWin(t *testing.T) {
	dir := composeDir(t)
	res, err := ResolveBuilds(BuildRequest{Dir: dir, Service: "web", Target: "dev"})
	if err != nil {
		t.Fatal(err)
	}
	b := res.Builds[0]
	if b.Target != "dev" || b.TargetVia != "--target" || len(b.Notes) != 0 {
		t.Errorf("--target dev: %+v", b)
	}
	// -f names the Dockerfile: built as web builds it (its target, its args), with the
	// names of a Dockerfile without compose
	res, err = ResolveBuilds(BuildRequest{Dir: dir, File: "Dockerfile"})
	if err != nil {
		t.Fatal(err)
	}
	b = res.Builds[0]
	if b.Service == nil || b.Service.Name != "web" || b.Target != "app" || !b.ByFile || b.Outputs("").Optimized() != filepath.Join(dir, "Dockerfile.optimized") {
		t.Errorf("-f Dockerfile: %+v", b)
	}
	// a Dockerfile no service builds is built as it is
	writeFiles(t, dir, map[string]string{"other.Dockerfile": "FROM scratch\n"})
	res, err = ResolveBuilds(BuildRequest{Dir: dir, File: "other.Dockerfile"})
	if err != nil || res.Builds[0].Service != nil || res.Builds[0].Target != "" {
		t.Errorf("-f other.Dockerfile: %+v, %v", res.Builds[0], err)
	}
}

// Bad input names the compose file and the line where known, as an *InputError.
func TestResolveBuildsBadInput(t *testing.T) {
	dir := composeDir(t)
	plain := t.TempDir()
	writeFiles(t, plain, map[string]string{"Dockerfile": twoStages})
	broken := t.TempDir()
	writeFiles(t, broken, map[string]string{"Dockerfile": twoStages, "compose.yaml": "services:\n  web:\n    build: .\n   oops: x\n"})
	for _, c := range []struct {
		req  BuildRequest
		want string
	}{
		{BuildRequest{Dir: dir, Service: "db"}, filepath.Join(dir, "compose.yaml") + ":18: --service db: it runs the image postgres:16"},
		{BuildRequest{Dir: dir, Service: "nope"}, "--service nope: no such service (its services with a build are web, worker)"},
		{BuildRequest{Dir: dir, Target: "dev"}, "builds several services (web, worker): name the one"},
		{BuildRequest{Dir: plain, Service: "web"}, "has no compose file"},
		{BuildRequest{Dir: broken}, filepath.Join(broken, "compose.yaml") + ":4:4: "},
	} {
		_, err := ResolveBuilds(c.req)
		var ie *InputError
		if err == nil || !errors.As(err, &ie) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want an input error with %q", c.req, err, c.want)
		}
	}
}

// A compose target that names no stage is an input error naming the service and its line;
// nothing is written.
func TestOptimizeComposeTargetNamesNoStage(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Dockerfile": twoStages, "compose.yaml": "services:\n  web:\n    build:\n      context: .\n      target: prod\n"})
	out := filepath.Join(t.TempDir(), "out")
	_, err := OptimizeAll(OptimizeOptions{Dir: dir, Out: out, Format: "md"})
	var ie *InputError
	want := `compose service "web" (` + filepath.Join(dir, "compose.yaml") + `:2) build.target "prod" names no stage of this Dockerfile (its stages are app, dev)`
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want an input error with %q", err, want)
	}
	if fileExists(out) || dirExists(out) {
		t.Errorf("%s was created", out)
	}
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
