package fsutil

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileAtomicKeepsModeAndRefusesChangedFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	os.WriteFile(p, []byte("old"), 0o600)
	if err := WriteFileAtomic(p, []byte("new"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	err := WriteFileAtomic(p, []byte("newer"), []byte("old"), 0o644)
	if !errors.Is(err, ErrChanged) {
		t.Errorf("want ErrChanged, got %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("file is %q after a refused write", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestWriteFileAtomicThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("a"), 0o644)
	link := filepath.Join(dir, "link")
	os.Symlink(target, link)
	if err := WriteFileAtomic(link, []byte("b"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Error("symlink replaced")
	}
	if b, _ := os.ReadFile(target); string(b) != "b" {
		t.Errorf("target = %q", b)
	}
}

func TestWithin(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "ctx", "sub"), 0o755)
	outside := filepath.Join(dir, "outside")
	os.WriteFile(outside, nil, 0o644)
	os.Symlink(outside, filepath.Join(dir, "ctx", "escape"))
	ctx := filepath.Join(dir, "ctx")
	cases := map[string]bool{
		filepath.Join(ctx, "Dockerfile"):        true,
		filepath.Join(ctx, "sub", "Dockerfile"): true,
		filepath.Join(ctx, "..", "outside"):     false,
		filepath.Join(ctx, "escape"):            false,
	}
	for p, want := range cases {
		if got := Within(ctx, p); got != want {
			t.Errorf("Within(%s) = %v, want %v", p, got, want)
		}
	}
}
