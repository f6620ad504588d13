package optimize

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// splitPackages sorts the packages an original Dockerfile installs into what the builder
// needs, what the runtime needs, and -dev packages with no known runtime library.
func splitPackages(pkgs []string) (build, runtime, unknown []string) {
	seen := map[string]bool{}
	addRT := func(p string) {
		if !seen[p] {
			seen[p] = true
			runtime = append(runtime, p)
		}
	}
	for _, p := range pkgs {
		name := p
		if i := strings.IndexAny(name, "=:"); i > 0 {
			name = name[:i]
		}
		switch {
		case pkgmgr.IsDevPackage(name):
			build = append(build, p)
			if libs, ok := pkgmgr.RuntimeLibs(name); ok {
				for _, l := range libs {
					addRT(l)
				}
			} else {
				unknown = append(unknown, name)
			}
		case pkgmgr.BuildTool(name) != pkgmgr.NotATool:
			build = append(build, p)
		default:
			// a package the program uses at run time (curl, ffmpeg, ...): needed in both
			build = append(build, p)
			addRT(p)
		}
	}
	return
}
