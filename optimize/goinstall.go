package optimize

import (
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// stagePathDirs are the directories a command name without a slash is looked up in, in the
// stage's last instruction: the literal entries of an ENV PATH the Dockerfile sets, then the
// golang image's.
func stagePathDirs(p *plan, st *dockerfile.Stage) []string {
	var dirs []string
	if n := len(st.Instructions); n > 0 {
		for _, d := range strings.Split(p.f.Vars(st.Instructions[n-1])["PATH"], ":") {
			if strings.HasPrefix(d, "/") && !strings.Contains(d, "$") && !slices.Contains(dirs, path.Clean(d)) {
				dirs = append(dirs, path.Clean(d))
			}
		}
	}
	for _, d := range pkgmgr.GoImagePATH {
		if !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// goInstalledByCopy finds the RUN of st's chain that builds with make and then copies the
// program into place with cp or install (cloudflare/cfssl: `make all && cp bin/* /usr/bin/`,
// ENTRYPOINT ["cfssl"]): prog is the absolute path the command runs, or, with dirs, a name
// looked up in those directories. It returns the RUN and the program's path, or nil.
func goInstalledByCopy(p *plan, st *dockerfile.Stage, prog string, dirs []string) (*dockerfile.Instruction, string) {
	for _, s := range p.f.StageChain(st) {
		for _, in := range s.Instructions {
			if in.Script == nil {
				continue
			}
			built := false
			for _, c := range in.Script.Commands {
				switch c.Name {
				case "make", "go":
					built = true
				case "cp", "install":
					if !built {
						continue
					}
					if dst := copiedProgram(c.Args, p.f.WorkdirAt(in), prog, dirs); dst != "" {
						return in, dst
					}
				}
			}
		}
	}
	return nil, ""
}

// copiedProgram is where a cp or install with args puts prog (as goInstalledByCopy reads it),
// or "".
func copiedProgram(args []string, wd, prog string, dirs []string) string {
	var ops []string
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			ops = append(ops, a)
		}
	}
	if len(ops) < 2 || wd == "" {
		return ""
	}
	dst := cleanAbs(ops[len(ops)-1], wd)
	srcs := ops[:len(ops)-1]
	name := prog
	if len(dirs) == 0 {
		if dst == prog && len(srcs) == 1 && !strings.ContainsAny(srcs[0], "*?[") {
			return prog
		}
		if dst != path.Dir(prog) {
			return ""
		}
		name = path.Base(prog)
	} else if !slices.Contains(dirs, dst) {
		return ""
	}
	for _, src := range srcs {
		if ok, err := path.Match(path.Base(src), name); err == nil && ok {
			return path.Join(dst, name)
		}
	}
	return ""
}
