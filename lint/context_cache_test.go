package lint_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
)

// The build context of a directory is walked once for all the Dockerfiles in it, and every
// file's findings are those of linting it alone with its own freshly scanned context.
func TestRunFilesScansEachContextOnce(t *testing.T) {
	dir := t.TempDir()
	write := func(p, s string) {
		t.Helper()
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("package.json", "{}\n")
	write("package-lock.json", "{}\n")
	write(".env", "TOKEN=x\n")
	write("build/out.bin", "x")
	write(".dockerignore", "build\n")
	write("api.Dockerfile.dockerignore", "node_modules\n")
	dockerfiles := map[string]string{
		"Dockerfile":      "FROM node:20\nCOPY . .\nRUN npm install\n",
		"api.Dockerfile":  "FROM node:20\nCOPY build/out.bin .env /app/\nRUN npm install\n",
		"web.Dockerfile":  "FROM node:20\nCOPY missing.txt /app/\nCOPY build /app/build\n",
		"Dockerfile.prod": "FROM node:20\nCOPY .env /app/\n",
		"sub/Dockerfile":  "FROM node:20\nCOPY . .\n",
	}
	var files []string
	for n, src := range dockerfiles {
		write(n, src)
		files = append(files, filepath.Join(dir, n))
	}
	var cache buildctx.Cache
	results := lint.RunFiles(files, lint.FilesOptions{Contexts: &cache, Workers: 3})
	if got := cache.Walks(); got != 2 { // dir and dir/sub
		t.Errorf("%d context walks for %d Dockerfiles in 2 directories, want 2", got, len(files))
	}
	total := 0
	for i, r := range results {
		if r.Err != nil {
			t.Fatalf("%s: %v", files[i], r.Err)
		}
		src, _ := os.ReadFile(files[i])
		f, err := dockerfile.Parse(files[i], src, dockerfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ctx, err := buildctx.Scan(filepath.Dir(files[i]), filepath.Base(files[i]))
		if err != nil {
			t.Fatal(err)
		}
		want := lint.Run(f, ctx, lint.Options{})
		if !reflect.DeepEqual(r.Findings, want) {
			t.Errorf("%s: findings with the shared context differ:\n got %v\nwant %v", files[i], r.Findings, want)
		}
		total += len(want)
	}
	if total == 0 {
		t.Error("no findings at all: the test lints nothing")
	}
}
