package buildctx

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The Contexts of one walk read a small file once, and each caller gets its own copy; a file
// over maxCachedFileBytes is read again each time.
func TestReadFileOncePerWalk(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "requirements.txt")
	big := filepath.Join(dir, "big.txt")
	write := func(p string, data []byte) {
		t.Helper()
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(small, []byte("flask==3.0\n"))
	write(big, bytes.Repeat([]byte("a"), maxCachedFileBytes+1))
	var cache Cache
	c1, err := cache.Context(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	c2, err := cache.Context(dir, "api.Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	first, err := c1.ReadFile("requirements.txt")
	if err != nil || string(first) != "flask==3.0\n" {
		t.Fatalf("ReadFile = %q, %v", first, err)
	}
	first[0] = 'X' // the caller's copy
	write(small, []byte("django=5.0\n"))
	write(big, bytes.Repeat([]byte("b"), maxCachedFileBytes+1))
	again, err := c2.ReadFile("requirements.txt")
	if err != nil || string(again) != "flask==3.0\n" {
		t.Errorf("second read of the walk = %q, %v; want the first read's content, unmodified", again, err)
	}
	b, err := c2.ReadFile("big.txt")
	if err != nil || b[0] != 'b' {
		t.Errorf("a large file is read from disk each time: %q..., %v", b[:1], err)
	}
	// another walk reads the file again
	c3, err := Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c3.ReadFile("requirements.txt"); err != nil || string(got) != "django=5.0\n" {
		t.Errorf("a new walk = %q, %v", got, err)
	}
}

// A FIFO in the context is no file to read: opening it would wait for a writer forever.
func TestReadFileFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "requirements.txt"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	c, err := Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := c.ReadFile("requirements.txt"); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("ReadFile(FIFO) = %v, want an error wrapping fs.ErrNotExist", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ReadFile blocked on a FIFO")
	}
}

// A FIFO named .dockerignore is an error naming the file, not a read that waits for ever.
func TestIgnoreFileFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, ".dockerignore"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := Scan(dir, "Dockerfile"); done <- err }()
	select {
	case err := <-done:
		var ie *IgnoreFileError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("Scan = %v, want an IgnoreFileError: not a regular file", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Scan blocked on a FIFO .dockerignore")
	}
}
