package lint

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestComposeAndBakeDiscovery(t *testing.T) {
	root := filepath.Join("..", "compose", "testdata", "project")
	files, errs := Discover([]string{root})
	builds, berrs := DiscoverBuilds([]string{root})
	if len(errs)+len(berrs) > 0 {
		t.Fatal(errs, berrs)
	}
	files = builds.AddTo(files)
	api, web := filepath.Join(root, "api", "Dockerfile"), filepath.Join(root, "web", "Dockerfile.web")
	if len(builds[api]) != 2 || len(builds[web]) != 2 || len(files) != 2 {
		t.Fatalf("files %v, builds %v", files, builds)
	}
	if got := builds.ContextDir(web); got != root {
		t.Errorf("web's context %q, want the project directory %q (compose and bake say context .)", got, root)
	}
	res := RunFiles(files, FilesOptions{Builds: builds})
	for _, r := range res {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		svc := filepath.Base(filepath.Dir(r.Path)) // api or web
		if len(r.Findings) == 0 {
			t.Errorf("%s: no findings", r.Path)
		}
		for _, f := range r.Findings {
			if !strings.Contains(f.Message, `compose service "`+svc+`" (compose.yaml)`) || !strings.Contains(f.Message, `bake target "`+svc+`" (docker-bake.hcl)`) {
				t.Errorf("%s: finding does not name its service and target: %s", r.Path, f.Message)
			}
			// compose's build arg PY=3.11 resolves FROM python:${PY}-slim (the default is 3.12)
			if f.Rule.ID == "DO707" && svc == "api" && !strings.Contains(f.Message, "python:3.11-slim") {
				t.Errorf("ARG not resolved from the compose build args: %s", f.Message)
			}
		}
	}
}

func TestComposeContextAndUnconventionalNames(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"compose.yaml":   "services:\n  app:\n    build:\n      context: .\n      dockerfile: build/app.df\n",
		"build/app.df":   "FROM debian:bookworm\nCOPY . /app\nUSER 1000\n",
		"secrets/id_rsa": "-----BEGIN OPENSSH PRIVATE KEY-----\n",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	files, _ := Discover([]string{dir})
	builds, errs := DiscoverBuilds([]string{dir})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	files = builds.AddTo(files)
	df := filepath.Join(dir, "build", "app.df")
	if len(files) != 1 || files[0] != df {
		t.Fatalf("files %v, want the compose service's %s", files, df)
	}
	res := RunFiles(files, FilesOptions{Builds: builds})
	found := false
	for _, f := range res[0].Findings {
		found = found || f.Rule.ID == "DO302" && strings.Contains(f.Message, "id_rsa")
	}
	if !found {
		t.Errorf("COPY . of the compose context (with secrets/id_rsa) not reported; findings: %v", res[0].Findings)
	}
}

func TestMalformedComposeIsAnErrorAndOthersAreLinted(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "docker-compose.yml"), []byte("services:\n  api:\n    build: ./api\n   bad: x\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "docker-bake.hcl"), []byte("target \"x\" {\n  dockerfile = \"missing/Dockerfile\"\n}\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "other"), 0o755)
	os.WriteFile(filepath.Join(dir, "other", "Dockerfile"), []byte("FROM alpine:3\nRUN apk add curl\n"), 0o644)
	files, _ := Discover([]string{dir})
	builds, errs := DiscoverBuilds([]string{dir})
	if len(errs) != 1 {
		t.Fatalf("errors %v, want the compose file's only (a missing Dockerfile is left out)", errs)
	}
	var fe *FileError
	if !errors.As(errs[0], &fe) || fe.File != filepath.Join(dir, "docker-compose.yml") || fe.Line != 4 || fe.Column != 4 {
		t.Errorf("compose error %v, want docker-compose.yml:4:4 (where the key breaks the mapping)", errs[0])
	}
	if len(builds) != 0 {
		t.Errorf("the bake target whose Dockerfile is missing was kept: %v", builds)
	}
	files = builds.AddTo(files)
	if len(files) != 1 || RunFiles(files, FilesOptions{Builds: builds})[0].Findings == nil {
		t.Errorf("other/Dockerfile not linted: %v", files)
	}
}
