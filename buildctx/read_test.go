package buildctx

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "requirements.txt"), []byte("flask==3.0\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "src"), 0o755)
	big := filepath.Join(dir, "big.lock")
	if err := os.WriteFile(big, make([]byte, MaxFileBytes+1), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, err := Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if data, err := ctx.ReadFile("requirements.txt"); err != nil || string(data) != "flask==3.0\n" {
		t.Errorf("requirements.txt: %q %v", data, err)
	}
	for _, rel := range []string{"missing.txt", "src", "../outside"} {
		if _, err := ctx.ReadFile(rel); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: %v, want fs.ErrNotExist", rel, err)
		}
	}
	var tl *TooLargeError
	if _, err := ctx.ReadFile("big.lock"); !errors.As(err, &tl) || tl.LimitBytes != MaxFileBytes || tl.SizeBytes != MaxFileBytes+1 {
		t.Errorf("big.lock: %v, want a *TooLargeError", err)
	}
	var none *Context
	if _, err := none.ReadFile("requirements.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("nil context: %v", err)
	}
}

func TestReadIgnoreFile(t *testing.T) {
	dir := t.TempDir()
	if pats, err := ReadIgnoreFile(filepath.Join(dir, "missing")); err != nil || pats != nil {
		t.Errorf("missing file: %v, %v", pats, err)
	}
	p := filepath.Join(dir, "x.dockerignore")
	os.WriteFile(p, []byte("# comment\n.env\n\n*.log\n"), 0o644)
	if pats, err := ReadIgnoreFile(p); err != nil || len(pats) != 2 || pats[0] != ".env" || pats[1] != "*.log" {
		t.Errorf("patterns %q, %v", pats, err)
	}
	os.WriteFile(p, []byte(".env\n[\n"), 0o644)
	var ie *IgnoreFileError
	if _, err := ReadIgnoreFile(p); !errors.As(err, &ie) || ie.Line != 2 {
		t.Errorf("bad pattern: %v", err)
	}
}
