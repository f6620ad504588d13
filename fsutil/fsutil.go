// Package fsutil writes users' files without losing data: atomically (a temporary file in the
// same directory, then rename), keeping the file mode, writing through a symlink to its
// target, and refusing when the file changed on disk since it was read.
package fsutil

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrChanged is returned when a file's bytes on disk differ from what was read.
var ErrChanged = errors.New("file changed on disk since it was read; not overwritten")

// WriteFileAtomic replaces path with data. original, when not nil, is what was read: if the
// file on disk no longer holds those bytes, nothing is written and ErrChanged is returned.
// A symlink is resolved and its target rewritten; the mode of the existing file is kept
// (perm is used for a new file).
func WriteFileAtomic(path string, data []byte, original []byte, perm fs.FileMode) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		target = path
	}
	mode := perm
	if st, err := os.Stat(target); err == nil {
		mode = st.Mode().Perm()
		if original != nil {
			cur, err := os.ReadFile(target)
			if err != nil {
				return err
			}
			if !bytes.Equal(cur, original) {
				return fmt.Errorf("%s: %w", path, ErrChanged)
			}
		}
	}
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".dockopt-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmpName, mode); err != nil {
		return err
	}
	return os.Rename(tmpName, target)
}

// Within reports whether path lies inside dir (after resolving symlinks of both where they
// exist), so a tool can refuse to write outside a build context.
func Within(dir, path string) bool {
	d, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	if r, err := filepath.EvalSymlinks(d); err == nil {
		d = r
	}
	p, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	} else if r, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		p = filepath.Join(r, filepath.Base(p))
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !startsWithDotDot(rel)
}

func startsWithDotDot(rel string) bool {
	return len(rel) >= 3 && rel[:3] == ".."+string(filepath.Separator)
}
