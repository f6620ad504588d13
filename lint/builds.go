package lint

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/compose"
	"github.com/dockopt/dockopt/rule"
)

// Builds maps a Dockerfile, by the path Discover lists it under, to the compose services and
// bake targets that build it: their context is its build context, their build args resolve
// its ARGs, and its findings name them.
type Builds map[string][]compose.Build

// DiscoverBuilds reads the compose and bake files of the directories among paths (compose.yaml
// or docker-compose.yml, docker-bake.hcl or .json at the top of each directory) and those named
// directly. A file that cannot be read is a *FileError with its line; a build whose Dockerfile
// is not there is left out (its sources may live elsewhere). The other builds are still
// returned.
func DiscoverBuilds(paths []string) (Builds, []error) {
	builds := Builds{}
	var errs []error
	for _, p := range paths {
		if p == "-" {
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			continue // Discover reports it
		}
		root, files := p, []string(nil)
		switch {
		case st.IsDir():
			files = compose.Find(p)
		case compose.IsBuildFile(p):
			root, files = filepath.Dir(p), []string{p}
		}
		absRoot, err := filepath.Abs(root)
		if err != nil {
			continue
		}
		for _, f := range files {
			bs, err := compose.Load(f)
			if err != nil {
				var ce *compose.Error
				if errors.As(err, &ce) {
					errs = append(errs, &FileError{File: ce.File, Line: ce.Line, Column: ce.Column, Err: errors.New(ce.Msg)})
				} else {
					errs = append(errs, &FileError{File: f, Err: err})
				}
				continue
			}
			for _, b := range bs {
				if st, err := os.Stat(b.Dockerfile); err != nil || st.IsDir() {
					// not an error: a compose file often names services whose sources are
					// elsewhere (another repository, a submodule not checked out)
					continue
				}
				// both paths as the directory was named, so that they match Discover's and
				// each other's (relative with a relative argument)
				key := under(root, absRoot, b.Dockerfile)
				b.Context = under(root, absRoot, b.Context)
				builds[key] = append(builds[key], b)
			}
		}
	}
	return builds, errs
}

// under writes the absolute path p relative to root (root's absolute form is absRoot) in
// root's own form.
func under(root, absRoot, p string) string {
	if rel, err := filepath.Rel(absRoot, p); err == nil {
		return filepath.Join(root, rel)
	}
	return p
}

// AddTo returns files plus the Dockerfiles built that files lacks (names Discover does not
// take for Dockerfiles, or outside the directories searched), minus the compose and bake files
// named on the command line, which are not Dockerfiles.
func (b Builds) AddTo(files []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range files {
		if compose.IsBuildFile(f) {
			continue
		}
		seen[filepath.Clean(f)] = true
		out = append(out, f)
	}
	var extra []string
	for k := range b {
		if !seen[filepath.Clean(k)] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}

// ContextDir is the build context of the Dockerfile at path: that of the first service or
// target building it; "" when none does.
func (b Builds) ContextDir(path string) string {
	if bs := b[filepath.Clean(path)]; len(bs) > 0 {
		return bs[0].Context
	}
	return ""
}

// Targets are the build targets the services and targets building path name, sorted ("" for
// the last stage; nil when none builds it).
func (b Builds) Targets(path string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range b[filepath.Clean(path)] {
		if !seen[x.Target] {
			seen[x.Target] = true
			out = append(out, x.Target)
		}
	}
	sort.Strings(out)
	return out
}

// BuildArgs are the build args of the first service or target building path, overridden by
// the command line's.
func (b Builds) BuildArgs(path string, cli map[string]string) map[string]string {
	bs := b[filepath.Clean(path)]
	if len(bs) == 0 || len(bs[0].Args) == 0 {
		return cli
	}
	out := map[string]string{}
	for k, v := range bs[0].Args {
		out[k] = v
	}
	for k, v := range cli {
		out[k] = v
	}
	return out
}

// annotate names, in each finding's message, the services and targets that build the file.
func (b Builds) annotate(path string, fs []rule.Finding) {
	bs := b[filepath.Clean(path)]
	if len(bs) == 0 {
		return
	}
	var vias []string
	for _, x := range bs {
		vias = append(vias, x.Via())
	}
	suffix := " [built by " + strings.Join(vias, ", ") + "]"
	for i := range fs {
		fs[i].Message += suffix
	}
}
