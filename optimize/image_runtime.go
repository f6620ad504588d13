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
	if prog := commandProgram(f, st); isPythonName(prog) || path.Base(prog) == "node" || path.Base(prog) == "nodejs" {
		return prog, "the stage's command runs it"
	}
	for _, s := range f.StageChain(st) {
		for _, in := range s.Instructions {
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				call := pkgmgr.ParseCommand(c)
				if call == nil || call.Sub != "install" || !call.Is("apt", "apk") {
					continue
				}
				for _, pkg := range call.Packages() {
					switch pkg.Name {
					case "python3", "python3-minimal":
						return "python3", "the stage installs the " + pkg.Name + " package"
					case "nodejs":
						return "node", "the stage installs the nodejs package"
					}
				}
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
	prog := commandProgram(p.f, p.stage())
	if prog == "" || dockerfile.IsPOSIXShellName(prog) || isPythonName(prog) || path.Base(prog) == "node" {
		return "", ""
	}
	return prog, flag
}

// commandProgram returns the program stage st runs: its ENTRYPOINT's (the nearest in the
// stages it is built FROM), else its CMD's; "" when there is none or it needs a shell.
func commandProgram(f *dockerfile.File, st *dockerfile.Stage) string {
	var entry, cmd *dockerfile.Instruction
	for _, s := range f.StageChain(st) {
		for i := len(s.Instructions) - 1; i >= 0; i-- {
			in := s.Instructions[i]
			if in.Cmd == "entrypoint" && entry == nil {
				entry = in
			}
			if in.Cmd == "cmd" && cmd == nil {
				cmd = in
			}
		}
	}
	in := cmd
	if entry != nil {
		in = entry
	}
	if in == nil {
		return ""
	}
	args, shellish := execForm(in)
	if shellish || len(args) == 0 {
		return ""
	}
	return args[0]
}

// isPythonName reports whether a program is a Python interpreter (python, python3,
// /usr/bin/python3.11).
func isPythonName(prog string) bool {
	b := path.Base(prog)
	return strings.HasPrefix(b, "python") && strings.Trim(b[len("python"):], "0123456789.") == ""
}
