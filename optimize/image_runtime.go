package optimize

import (
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// imageRuntime names the language interpreter stage st's image has, which a health probe can
// run, and says how that is known; "" when none is known. In order: the base image (the
// official python and node images, Docker Hub's or a mirror's, and the distroless python3
// and nodejs images, whose interpreters are /usr/bin/python3 and /nodejs/bin/node:
// github.com/GoogleContainerTools/distroless), the interpreter the stage's command itself
// runs, the Debian or Alpine package (python3, nodejs) a RUN of the stage installs.
func imageRuntime(f *dockerfile.File, st *dockerfile.Stage) (prog, from string) {
	root := f.RootImage(st)
	name := dockerfile.ParseImageRef(root).Familiar()
	switch base := path.Base(name); {
	case base == "python":
		return "python", "the base image " + root + " has it"
	case base == "node":
		return "node", "the base image " + root + " has it"
	case strings.HasPrefix(name, "gcr.io/distroless/python3"):
		return "python3", "the base image " + root + " has it"
	case strings.HasPrefix(name, "gcr.io/distroless/nodejs"):
		return "/nodejs/bin/node", "the base image " + root + " has it"
	}
	if prog := stageProgram(f, st); pkgmgr.IsPython(prog) || path.Base(prog) == "node" || path.Base(prog) == "nodejs" {
		return prog, "the stage's command runs it"
	}
	for sc := range pkgmgr.ChainCalls(f, st) {
		if sc.Sub != "install" || !sc.Is("apt", "apk") {
			continue
		}
		for _, pkg := range sc.Packages() {
			switch pkg.Name {
			case "python3", "python3-minimal":
				return "python3", "the stage installs the " + pkg.Name + " package"
			case "nodejs":
				return "node", "the stage installs the nodejs package"
			}
		}
	}
	return "", ""
}

// programProbe returns the program the stage that ships runs and the health probe flag its
// Go source defines (goProbeFlag); "" when there is none, or the command is a shell or an
// interpreter rather than the program.
func programProbe(p *plan) (bin, flag string) {
	flag = goProbeFlag(p.ctx)
	if flag == "" {
		return "", ""
	}
	prog := stageProgram(p.f, p.stage())
	if prog == "" || dockerfile.IsPOSIXShellName(prog) || pkgmgr.IsPython(prog) || path.Base(prog) == "node" {
		return "", ""
	}
	return prog, flag
}
