package buildctx

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// IgnoreFile is a build context's ignore file.
const IgnoreFile = ".dockerignore"

// DockerfileIgnoreFile is the ignore file BuildKit reads for the Dockerfile at path before
// the context's own: <Dockerfile>.dockerignore, next to it.
func DockerfileIgnoreFile(path string) string { return path + IgnoreFile }

// MaxFileBytes is the one size limit for reading a context file (ReadFile): a manifest,
// requirements file, lockfile or source file larger than this is not read.
const MaxFileBytes = 4 << 20

// TooLargeError is ReadFile's error for a file over MaxFileBytes.
type TooLargeError struct {
	Path       string // relative to the context root
	SizeBytes  int64
	LimitBytes int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: %d bytes, more than the %d bytes read from a build context file", e.Path, e.SizeBytes, e.LimitBytes)
}

// ReadFile is the one reader of build-context files: it reads a regular file the scan found
// (rel is slash-separated, relative to the context root). A path the scan did not find, or a
// directory, is an error wrapping fs.ErrNotExist; a file over MaxFileBytes (as scanned, or as
// it grew since) is a *TooLargeError. A nil Context has no files. The Contexts of one walk
// (Scan's, a Cache's for a directory) read a file up to 256 KiB once and return copies of it:
// a Context is a snapshot of its directory.
func (c *Context) ReadFile(rel string) ([]byte, error) {
	if c == nil {
		return nil, &fs.PathError{Op: "read", Path: rel, Err: fs.ErrNotExist}
	}
	e, ok := c.Entry(rel)
	if !ok || e.IsDir {
		return nil, &fs.PathError{Op: "read", Path: rel, Err: fs.ErrNotExist}
	}
	if e.Size > MaxFileBytes {
		return nil, &TooLargeError{Path: e.Path, SizeBytes: e.Size, LimitBytes: MaxFileBytes}
	}
	if c.shared == nil || e.Size > maxCachedFileBytes {
		return c.read(e)
	}
	// The Contexts of one walk read a file once (the Dockerfiles of a directory ask for the
	// same requirements file); each caller gets its own copy.
	data, err := load(&c.shared.filesMu, &c.shared.files, e.Path, func() ([]byte, error) { return c.read(e) })
	if err != nil {
		return nil, err
	}
	return bytes.Clone(data), nil
}

// maxCachedFileBytes bounds the files ReadFile keeps for the Contexts of a walk (a Cache
// keeps them for the run): lockfiles can be megabytes and are read once anyway.
const maxCachedFileBytes = 256 << 10

// read reads entry e from disk.
func (c *Context) read(e Entry) ([]byte, error) {
	p := filepath.Join(c.Dir, filepath.FromSlash(e.Path))
	if st, err := os.Stat(p); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		// a FIFO or a device: opening it would wait for a writer, or read forever
		return nil, &fs.PathError{Op: "read", Path: e.Path, Err: fs.ErrNotExist}
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, &TooLargeError{Path: e.Path, SizeBytes: int64(len(data)), LimitBytes: MaxFileBytes}
	}
	return data, nil
}
