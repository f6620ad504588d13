package measure

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// depRebuilds times the rebuilds of both images after a dependency change: after the
// code-only rebuilds, Options.Runs times the dependency file ChooseDependencyFile finds is
// changed by touchDependencyFile (what it says does not change, but the layer that copies it
// and the install after it are rebuilt), alternating original and optimized. This is where a cache mount shows: the
// install runs again, and finds its downloads in the mount instead of fetching them.
func (m *measurement) depRebuilds() error {
	if m.opt.NoRebuild {
		return nil
	}
	if m.opt.NoDepRebuild {
		m.res.Notes = append(m.res.Notes, "rebuild after a dependency change not measured (--no-dep-rebuild)")
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
	sr, err := m.rebuildSeries(dep, "a dependency change", touchDependencyFile)
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

// touchDependencyFile changes a dependency file without changing what it says, and so that
// no earlier build can have seen the result (an earlier measurement of the same project
// would otherwise find the same bytes, and its layers, in the build cache): a comment line
// with the time where the file's syntax has one, else, for JSON (package-lock.json,
// package.json, composer.lock), the time written in whitespace, which JSON ignores
// (RFC 8259, section 2: "insignificant whitespace is allowed before or after any of the six
// structural characters"), else a blank line.
func touchDependencyFile(ctxDir, rel string, now time.Time) error {
	return appendToFile(ctxDir, rel, func() string {
		stamp := now.UnixNano()
		if prefix := dependencyComment(rel); prefix != "" {
			return fmt.Sprintf("%s dockopt measure: dependency change %d\n", prefix, stamp)
		}
		if strings.HasSuffix(rel, ".json") {
			var b strings.Builder
			for i := 0; i < 63; i++ {
				if stamp>>i&1 == 1 {
					b.WriteByte('\t')
				} else {
					b.WriteByte(' ')
				}
			}
			return b.String() + "\n"
		}
		return "\n"
	})
}

// dependencyComment is the line comment of a dependency file's syntax: # for pip's
// requirement files, TOML (pyproject.toml, Cargo, poetry.lock, uv.lock, Pipfile), YAML
// (pnpm-lock.yaml, .yarnrc.yml), yarn.lock and Gemfile; // for go.mod; "" when dockopt does
// not know one (JSON, go.sum, Gemfile.lock, pom.xml).
func dependencyComment(rel string) string {
	base := path.Base(rel)
	switch path.Ext(base) {
	case ".txt", ".toml", ".yaml", ".yml", ".cfg", ".py":
		return "#"
	}
	switch base {
	case "Pipfile", "Gemfile", "yarn.lock", "poetry.lock", "uv.lock", "Cargo.lock":
		return "#"
	case "go.mod":
		return "//"
	}
	return ""
}
