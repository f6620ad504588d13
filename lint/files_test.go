package lint

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestIsDockerfileName(t *testing.T) {
	for name, want := range map[string]bool{
		"Dockerfile": true, "Containerfile": true, "api.Dockerfile": true, "ab__Dockerfile": true,
		"Dockerfile.prod": true, "Dockerfile.optimized": true, "Dockerfile.dev": true, "x.dockerfile": true,
		"Dockerfile.alpine": true, "Dockerfile.cuda12": true, "Containerfile.fedora": true, "Dockerfile.prod.v2": true,
		"Dockerfile.dockerignore": false, "Dockerfile.prod.dockerignore": false, "Dockerfile.orig": false,
		"README.md": false, "dockerfile.go": false,
		// documentation, scripts, backups and test goldens next to Dockerfiles (issue: Dockerfile.md
		// was linted and the run exited 2 on "unknown instruction")
		"Dockerfile.md": false, "Dockerfile.MD": false, "Dockerfile.txt": false, "Dockerfile.rst": false,
		"Dockerfile.json": false, "Dockerfile.yaml": false, "Dockerfile.yml": false, "Dockerfile.toml": false,
		"Dockerfile.sh": false, "Dockerfile.bash": false, "Dockerfile.py": false, "Dockerfile.js": false,
		"Dockerfile.ts": false, "Dockerfile.go": false, "Dockerfile.bak": false, "Dockerfile.swp": false,
		"Dockerfile.tmp": false, "Dockerfile.log": false, "Dockerfile.golden": false, "Dockerfile.fixed": false,
		"Dockerfile.patch": false, "Dockerfile.diff": false, "Dockerfile.lock": false, "Dockerfile.prod.md": false,
		"Containerfile.txt": false, "Dockerfile~": false,
	} {
		if got := IsDockerfileName(name); got != want {
			t.Errorf("IsDockerfileName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestDiscoverSkipsDocumentation(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"Dockerfile", "Dockerfile.md", "Dockerfile.prod", "docs/Dockerfile.txt"} {
		p := filepath.Join(dir, n)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("FROM scratch\n"), 0o644)
	}
	files, errs := Discover([]string{dir})
	want := []string{filepath.Join(dir, "Dockerfile"), filepath.Join(dir, "Dockerfile.prod")}
	if !reflect.DeepEqual(files, want) || len(errs) != 0 {
		t.Errorf("Discover = %v %v, want %v", files, errs, want)
	}
	// a file named explicitly is taken as it is
	if files, _ := Discover([]string{filepath.Join(dir, "Dockerfile.md")}); len(files) != 1 {
		t.Errorf("an explicit path was dropped: %v", files)
	}
}
