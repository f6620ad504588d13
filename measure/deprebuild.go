package measure

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// depRebuilds times the rebuilds of both images after a dependency change: after the
// code-only rebuilds, Options.Runs times a line is appended to the dependency file
// ChooseDependencyFile finds, as to the code-only change's file (an empty line, or a comment
// line for a file type that takes one: what the file says does not change, but the layer
// that copies it and the install after it are rebuilt), alternating original and optimized. This is where a cache mount shows: the
// install runs again, and finds its downloads in the mount instead of fetching them.
func (m *measurement) depRebuilds() error {
	if m.opt.NoRebuild {
		return nil
	}
	if m.res.TouchedFile == "" {
		m.res.Notes = append(m.res.Notes, "rebuild after a dependency change not measured: it follows the code-only rebuilds, which were not measured")
		return nil
	}
	dep := ChooseDependencyFile(m.sides[1].ctxDir, m.sides[0].ctxDir)
	if dep == "" {
		m.res.Notes = append(m.res.Notes, "rebuild after a dependency change not measured: no manifest or lockfile that dockopt's package-manager data knows is in both build contexts")
		return nil
	}
	m.res.DepTouchedFile = dep
	sr, err := m.rebuildSeries(dep, "a dependency change")
	if err != nil {
		return err
	}
	for i, s := range m.sides {
		sp := sr.spread(i)
		s.img.DepRebuild, s.img.DepRebuildSeconds, s.img.DepRebuildRan = sp, sp.Median, sr.ran[i]
		// the image may well stay the same (the install gives the same files): what shows the
		// change is an install that ran again
		if len(DependencyInstalls(sr.ran[i])) == 0 {
			m.res.Notes = append(m.res.Notes, fmt.Sprintf("the change to %s ran no package install again in the %s build (its Dockerfile does not copy that file before an install): its dependency-change rebuild time does not show a reinstall", dep, s.name))
		}
	}
	return nil
}

// ChooseDependencyFile returns the first dependency file, in pkgmgr's order (each manager's
// lockfiles, then its manifests; patterns such as requirements*.txt skipped), that is a file
// in every one of contexts, slash-separated; "" when there is none.
func ChooseDependencyFile(contexts ...string) string {
	if len(contexts) == 0 {
		return ""
	}
	for _, m := range pkgmgr.Managers() {
		for _, name := range append(append([]string(nil), m.Lockfiles...), m.Manifests...) {
			if strings.ContainsAny(name, "*?[") {
				continue
			}
			if inAll(name, contexts) {
				return name
			}
		}
	}
	return ""
}

func inAll(rel string, contexts []string) bool {
	for _, c := range contexts {
		st, err := os.Stat(filepath.Join(c, filepath.FromSlash(rel)))
		if err != nil || !st.Mode().IsRegular() {
			return false
		}
	}
	return true
}
