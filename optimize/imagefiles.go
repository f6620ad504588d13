package optimize

import (
	"path"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
)

// contextFileAt returns the build context file that a stage's COPY/ADD instructions put at
// the absolute image path p (through the stages it is built FROM, and COPY --from other
// stages), and whether one does. The last COPY that could write p and has the file wins; a
// file written by a RUN, or copied from an image, is not found, nor is one the .dockerignore
// excludes.
func contextFileAt(f *dockerfile.File, ctx *buildctx.Context, st *dockerfile.Stage, p string) (string, bool) {
	return contextFileIn(f, ctx, st, path.Clean(p), 0)
}

func contextFileIn(f *dockerfile.File, ctx *buildctx.Context, st *dockerfile.Stage, p string, depth int) (string, bool) {
	if ctx == nil || st == nil || depth > 4 {
		return "", false
	}
	for _, s := range f.StageChain(st) {
		for i := len(s.Instructions) - 1; i >= 0; i-- {
			in := s.Instructions[i]
			if (in.Cmd != "copy" && in.Cmd != "add") || len(in.Args) < 2 || len(in.Heredocs) > 0 {
				continue
			}
			src, ok := copiedFrom(f, ctx, in, p)
			if !ok {
				continue
			}
			if from, has := in.Flag("from"); has {
				if fs := f.StageByName(from); fs != nil {
					if c, ok := contextFileIn(f, ctx, fs, src, depth+1); ok {
						return c, true
					}
				}
				continue // from an image, or not a context file there: an earlier COPY may write p
			}
			if ctx.Exists(src) && !ctx.Ignored(src) {
				return src, true
			}
		}
	}
	return "", false
}

// copiedFrom returns the source path that COPY/ADD in puts at image path p: a context path,
// or for COPY --from a path in that stage; ok is false when in does not write p.
func copiedFrom(f *dockerfile.File, ctx *buildctx.Context, in *dockerfile.Instruction, p string) (string, bool) {
	_, fromStage := in.Flag("from")
	srcs, dest := in.Args[:len(in.Args)-1], in.Args[len(in.Args)-1]
	if v, ok := f.Expand(in, dest); ok {
		dest = v
	}
	destDir := strings.HasSuffix(dest, "/") || len(srcs) > 1
	if !strings.HasPrefix(dest, "/") {
		dest = path.Join(f.WorkdirAt(in), dest)
	}
	dest = path.Clean(dest)
	for _, s := range srcs {
		if v, ok := f.Expand(in, s); ok {
			s = v
		}
		if strings.ContainsAny(s, "*?[") || strings.Contains(s, "://") {
			continue
		}
		s = path.Clean(s)
		if !fromStage {
			s = strings.TrimPrefix(path.Clean("/"+s), "/")
		}
		isDir := s == "" || s == "." || s == "/"
		if !fromStage && !isDir {
			if e, ok := ctx.Entry(s); ok {
				isDir = e.IsDir
			}
		}
		switch {
		case isDir || fromStage && !strings.Contains(path.Base(s), "."):
			// a directory's contents go into dest
			if rel, ok := under(p, dest); ok {
				return path.Join(s, rel), true
			}
		case destDir || fromStage:
			if p == path.Join(dest, path.Base(s)) {
				return s, true
			}
			if !destDir && p == dest {
				return s, true
			}
		case p == dest || p == path.Join(dest, path.Base(s)):
			return s, true
		}
	}
	return "", false
}

// under returns p relative to dir when p is dir or lies inside it.
func under(p, dir string) (string, bool) {
	if p == dir {
		return ".", true
	}
	if dir == "/" {
		return strings.TrimPrefix(p, "/"), true
	}
	rel, ok := strings.CutPrefix(p, dir+"/")
	return rel, ok
}
