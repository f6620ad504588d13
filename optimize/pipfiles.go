package optimize

import (
	"path"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// The requirement files pip installs from are read at build time only: the virtualenv the
// runtime stage receives holds what they name. A COPY that puts nothing else in the image
// (COPY requirements.txt /tmp/requirements.txt) is not repeated in the runtime stage, unless
// what runs there names the file.

// pipOnlyCopy reports whether COPY in of the context copies only requirement or constraint
// files pip installs from (reqFiles, context paths; a directory entry, ending in /, is a
// local package, not counted), and the instructions of the runtime stage (runtime) and the
// Python sources do not name any of them.
func pipOnlyCopy(f *dockerfile.File, ctx *buildctx.Context, in *dockerfile.Instruction, reqFiles []string, runtime []*dockerfile.Instruction) bool {
	if in.Cmd != "copy" || len(in.Args) < 2 || len(in.Heredocs) > 0 {
		return false
	}
	if _, ok := in.Flag("from"); ok {
		return false
	}
	var names []string
	for _, a := range in.Args[:len(in.Args)-1] {
		v, ok := f.Expand(in, a)
		if !ok {
			return false
		}
		v = path.Clean(strings.TrimPrefix(v, "/"))
		found := false
		for _, r := range reqFiles {
			found = found || r == v
		}
		if !found {
			return false
		}
		names = append(names, path.Base(v))
	}
	return !namedAtRunTime(f, ctx, runtime, names)
}

// pipReadPaths are the image paths the pip installs of stages read as requirement or
// constraint files (-r, -c), relative ones under the working directory of their RUN.
func pipReadPaths(f *dockerfile.File, stages []*dockerfile.Stage) map[string]bool {
	out := map[string]bool{}
	for _, s := range stages {
		for _, in := range s.Instructions {
			if in.Cmd != "run" || in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				call := pkgmgr.ParseCommand(c)
				if call == nil || !call.Is("pip") || call.Sub != "install" {
					continue
				}
				reqs, cons := buildctx.PipInstallRefs(call)
				for _, r := range append(reqs, cons...) {
					if x, ok := f.Expand(in, r); ok {
						out[cleanAbs(x, f.WorkdirAt(in))] = true
					}
				}
			}
		}
	}
	return out
}

// pipOnlyTarget reports whether COPY in (of the context) puts only files that pip reads
// (pipPaths, image paths) at dst, its expanded absolute destination: then the runtime
// stage need not receive dst.
func pipOnlyTarget(f *dockerfile.File, ctx *buildctx.Context, in *dockerfile.Instruction, dst string, pipPaths map[string]bool, runtime []*dockerfile.Instruction) bool {
	if in.Cmd != "copy" || len(pipPaths) == 0 || len(in.Heredocs) > 0 {
		return false
	}
	srcs := in.Args[:len(in.Args)-1]
	intoDir := strings.HasSuffix(in.Args[len(in.Args)-1], "/") || len(srcs) > 1
	var names []string
	for _, a := range srcs {
		v, ok := f.Expand(in, a)
		if !ok || strings.ContainsAny(v, "*?[") {
			return false
		}
		target := dst
		if intoDir || pipPaths[path.Join(dst, path.Base(v))] {
			target = path.Join(dst, path.Base(v))
		}
		if !pipPaths[target] {
			return false
		}
		names = append(names, path.Base(v))
	}
	return !namedAtRunTime(f, ctx, runtime, names)
}

// namedAtRunTime reports whether one of the file names appears in the instructions that run
// in the runtime stage (its RUNs, CMD, ENTRYPOINT, HEALTHCHECK) or in a Python source of the
// context other than setup.py (which reads requirements.txt at build time).
func namedAtRunTime(f *dockerfile.File, ctx *buildctx.Context, runtime []*dockerfile.Instruction, names []string) bool {
	for _, in := range runtime {
		for _, n := range names {
			if strings.Contains(text(f, in), n) {
				return true
			}
		}
	}
	found := false
	eachSource(ctx, func(file string, data []byte) bool {
		if path.Ext(file) != ".py" || path.Base(file) == "setup.py" {
			return true
		}
		for _, n := range names {
			found = found || strings.Contains(string(data), n)
		}
		return !found
	})
	return found
}

// runsInRuntime are the instructions of stages that run in the image that ships when the
// split moves the build out: CMD, ENTRYPOINT and HEALTHCHECK.
func runsInRuntime(stages []*dockerfile.Stage) []*dockerfile.Instruction {
	var out []*dockerfile.Instruction
	for _, s := range stages {
		for _, in := range s.Instructions {
			if in.Cmd == "cmd" || in.Cmd == "entrypoint" || in.Cmd == "healthcheck" {
				out = append(out, in)
			}
		}
	}
	return out
}
