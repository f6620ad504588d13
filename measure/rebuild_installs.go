package measure

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// DependencyInstalls returns the instructions among ran (BuildKit's step names, "[builder
// 4/6] RUN npm ci") that install packages, as pkgmgr reads their commands: after a change to
// application code alone, a Dockerfile that copies its manifests before its code runs none.
func DependencyInstalls(ran []string) []string {
	var out []string
	for _, step := range ran {
		_, instr, ok := strings.Cut(step, "] ")
		if !ok || !strings.HasPrefix(instr, "RUN ") {
			continue
		}
		f, err := dockerfile.Parse("step", []byte("FROM scratch\n"+instr+"\n"), dockerfile.Options{})
		if err != nil {
			continue
		}
		if installs(f) {
			out = append(out, step)
		}
	}
	return out
}

func installs(f *dockerfile.File) bool {
	for _, st := range f.Stages {
		for _, in := range st.Instructions {
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				if call := pkgmgr.ParseCommand(c); call != nil && call.Action == pkgmgr.Install {
					return true
				}
			}
		}
	}
	return false
}
