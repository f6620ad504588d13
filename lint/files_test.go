package lint

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
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

// Regression: a 12.6 MB file was reported as "2097153 bytes" (the read limit + 1).
func TestReadSourceNamesTheRealSize(t *testing.T) {
	p := filepath.Join(t.TempDir(), "Dockerfile")
	size := 3*dockerfile.MaxFileBytes + 17
	if err := os.WriteFile(p, bytes.Repeat([]byte("RUN echo\n"), size/9), 0o644); err != nil {
		t.Fatal(err)
	}
	size = size / 9 * 9
	_, err := ReadSource(p, nil)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("file is %d bytes, larger than the %d-byte limit", size, dockerfile.MaxFileBytes)) {
		t.Errorf("file: %v", err)
	}
	_, err = ReadSource("-", bytes.NewReader(make([]byte, size)))
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("standard input is more than %d bytes", dockerfile.MaxFileBytes)) {
		t.Errorf("stdin: %v", err)
	}
	res := RunFiles([]string{p}, FilesOptions{NoContext: true})
	if res[0].Err == nil || !strings.Contains(res[0].Err.Error(), fmt.Sprintf("file is %d bytes", size)) {
		t.Errorf("RunFiles: %v", res[0].Err)
	}
	// exactly at the limit is read
	if err := os.WriteFile(p, append(bytes.Repeat([]byte{'#'}, dockerfile.MaxFileBytes-1), '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if src, err := ReadSource(p, nil); err != nil || len(src) != dockerfile.MaxFileBytes {
		t.Errorf("at the limit: %d bytes, %v", len(src), err)
	}
}

// ReadSource reads a file whole whatever its size (the buffer is sized from Stat), and a
// reader of unknown size too.
func TestReadSourceSizes(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 4096, 100_000, dockerfile.MaxFileBytes} {
		p := filepath.Join(dir, fmt.Sprint(n))
		want := bytes.Repeat([]byte("x"), n)
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, err := ReadSource(p, nil); err != nil || !bytes.Equal(got, want) || got == nil {
			t.Errorf("%d bytes: read %d, %v", n, len(got), err)
		}
		if got, err := readLimited(bytes.NewReader(want), int64(n/2)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%d bytes with a size hint too small: read %d, %v", n, len(got), err)
		}
		if got, err := ReadSource("-", bytes.NewReader(want)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%d bytes on stdin: read %d, %v", n, len(got), err)
		}
	}
}
