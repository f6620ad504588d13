package optimize

import (
	"bytes"
	"go/build"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/dockopt/dockopt/buildctx"
)

// goBuildContext is go/build's default context made to list and read the build context
// through buildctx, the one reader of its files (its snapshot, its size limit, regular files
// only: a FIFO named *.go would otherwise block go/build's read for ever), instead of the disk.
// Paths outside the context are not in it, nor are those .dockerignore leaves out: the build
// never sees them.
// unread collects the files it could not read (over buildctx.MaxFileBytes, or not regular).
func goBuildContext(ctx *buildctx.Context, unread *[]string) build.Context {
	bctx := build.Default
	rel := func(p string) (string, bool) {
		r, err := filepath.Rel(ctx.Dir, p)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return "", false
		}
		return filepath.ToSlash(r), true
	}
	bctx.IsDir = func(p string) bool {
		r, ok := rel(p)
		if !ok {
			return false
		}
		e, ok := ctx.Entry(r)
		return r == "." || ok && e.IsDir
	}
	bctx.ReadDir = func(dir string) ([]fs.FileInfo, error) {
		r, ok := rel(dir)
		if !ok || !bctx.IsDir(dir) {
			return nil, &fs.PathError{Op: "readdir", Path: dir, Err: fs.ErrNotExist}
		}
		var out []fs.FileInfo
		for _, e := range ctx.Children(r) {
			switch {
			case ctx.Ignored(e.Path):
			case e.Size > buildctx.MaxFileBytes:
				// not listed, so that go/build reads the package's other files
				*unread = append(*unread, e.Path)
			default:
				out = append(out, entryInfo{e})
			}
		}
		return out, nil
	}
	bctx.OpenFile = func(p string) (io.ReadCloser, error) {
		r, ok := rel(p)
		if !ok {
			return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
		}
		data, err := ctx.ReadFile(r)
		if err != nil {
			*unread = append(*unread, r)
			return nil, err
		}
		return io.NopCloser(bytes.NewReader(data)), nil
	}
	return bctx
}

// entryInfo is a build-context entry as the fs.FileInfo go/build's ReadDir hook returns.
type entryInfo struct{ e buildctx.Entry }

func (i entryInfo) Name() string       { return path.Base(i.e.Path) }
func (i entryInfo) Size() int64        { return i.e.Size }
func (i entryInfo) ModTime() time.Time { return time.Time{} }
func (i entryInfo) IsDir() bool        { return i.e.IsDir }
func (i entryInfo) Sys() any           { return nil }
func (i entryInfo) Mode() fs.FileMode {
	if i.e.IsDir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
