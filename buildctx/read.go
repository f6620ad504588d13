package buildctx

import (
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
// it grew since) is a *TooLargeError. A nil Context has no files.
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
	f, err := os.Open(filepath.Join(c.Dir, filepath.FromSlash(e.Path)))
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
