package size

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/docker/go-units"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// junkPath is a heavy or sensitive path found in a build context.
type junkPath struct {
	name  string   // what to call it in the message
	paths []string // context paths (relative)
}

// junkDirs are directories that never belong in an image, at any depth.
var junkDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, "node_modules": true,
	"__pycache__": true, ".pytest_cache": true, ".mypy_cache": true, ".ruff_cache": true, ".tox": true,
	".venv": true}

// findJunk returns the heavy or sensitive paths of a context, grouped by name.
func findJunk(ctx *buildctx.Context) []junkPath {
	byName := map[string]*junkPath{}
	var order []string
	add := func(name, p string) {
		j, ok := byName[name]
		if !ok {
			j = &junkPath{name: name}
			byName[name] = j
			order = append(order, name)
		}
		j.paths = append(j.paths, p)
	}
	var taken []string // matched directories: nothing below them is looked at
	isBelow := func(p string) bool {
		for _, t := range taken {
			if strings.HasPrefix(p, t+"/") {
				return true
			}
		}
		return false
	}
	root := func(names ...string) bool { return ctx.HasAny(names...) }
	for _, e := range ctx.Entries {
		if isBelow(e.Path) {
			continue
		}
		base := path.Base(e.Path)
		top := !strings.Contains(e.Path, "/")
		switch {
		case e.IsDir && junkDirs[base]:
			add(base, e.Path)
		case e.IsDir && base == "venv" && (ctx.Exists(e.Path+"/pyvenv.cfg") || ctx.Exists(e.Path+"/bin/activate")):
			add(base, e.Path)
		case e.IsDir && top && base == "dist" && root("package.json", "setup.py", "pyproject.toml"):
			add("dist", e.Path)
		case e.IsDir && top && base == "build" && root("setup.py", "pyproject.toml", "build.gradle", "build.gradle.kts", "package.json"):
			add("build", e.Path)
		case e.IsDir && top && base == "target" && root("pom.xml", "Cargo.toml"):
			add("target", e.Path)
		case e.IsDir && top && base == "coverage" && root("package.json"):
			add("coverage", e.Path)
		case !e.IsDir && buildctx.LikelySecret(ctx, e.Path):
			add("secrets", e.Path)
		default:
			continue
		}
		if e.IsDir {
			taken = append(taken, e.Path)
		}
	}
	var out []junkPath
	for _, n := range order {
		out = append(out, *byName[n])
	}
	return out
}

// copySourceCovers reports whether a COPY/ADD source from the context includes path p.
func copySourceCovers(src, p string) bool {
	s := strings.TrimPrefix(path.Clean("/"+src), "/")
	if s == "" || s == "." {
		return true
	}
	if p == s || strings.HasPrefix(p, s+"/") {
		return true
	}
	if strings.ContainsAny(s, "*?[") {
		parts := strings.Split(p, "/")
		for k := 1; k <= len(parts); k++ {
			if ok, _ := filepath.Match(s, strings.Join(parts[:k], "/")); ok {
				return true
			}
		}
	}
	return false
}

// plural formats "1 file", "3 files".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

var (
	// MissingDockerignore is DO115 (missing-dockerignore).
	MissingDockerignore = &rule.Rule{
		ID:           "DO115",
		Name:         "missing-dockerignore",
		Family:       rule.Size,
		Severity:     rule.Warning,
		NeedsContext: true,
		Doc: rule.Doc{
			What: "Finds a build context without a .dockerignore (nor a `<Dockerfile>.dockerignore`) " +
				"whose COPY or ADD instructions take in heavy or sensitive paths: VCS directories " +
				"(.git, .hg, .svn), node_modules, virtualenvs (.venv, venv), Python caches " +
				"(__pycache__, .pytest_cache, .mypy_cache, .tox), build outputs (dist, build, target, " +
				"coverage, when a matching manifest sits next to them) and files that look like secrets " +
				"(.env, keys, credentials: the test DO302 uses). The finding " +
				"names each path with its size. Needs the build context.",
			Why: "Without a .dockerignore, `COPY . .` sends and stores everything: the git history, a " +
				"node_modules built for the host's OS, caches, and secrets (.env files, keys, credentials), which " +
				"then live in a layer of the image. Every edit to any of them also invalidates the " +
				"build cache from that COPY on.",
			Example:    "# context: .git/ node_modules/ .env src/ package.json\nCOPY . .",
			UseInstead: "# .dockerignore\n.git\nnode_modules\n.env\n**/__pycache__\n\n# Dockerfile\nCOPY . .",
			References: []string{
				"https://docs.docker.com/build/concepts/context/#dockerignore-files",
				"https://docs.docker.com/build/building/best-practices/#exclude-with-dockerignore",
			},
		},
		Check: func(p *rule.Pass) {
			ctx := p.Context
			if ctx == nil || ctx.HasDockerignore() {
				return
			}
			// the same for every Dockerfile of the directory
			junk := ctx.Shared("rules.junk", func() any { return findJunk(ctx) }).([]junkPath)
			if len(junk) == 0 {
				return
			}
			for _, in := range p.File.Instructions {
				x := in
				if in.OnBuild != nil {
					x = in.OnBuild
				}
				ci, ok := ruleutil.CopyOf(p.File, x)
				if !ok || ci.From != "" {
					continue
				}
				var found []string
				for _, j := range junk {
					var files int
					var bytes int64
					hit := false
					for _, jp := range j.paths {
						covered := false
						for _, s := range ci.Sources {
							if !isURL(s) && !strings.Contains(s, "$") && copySourceCovers(s, jp) && !buildctx.CopyExcludes(jp, ci.Excludes) {
								covered = true
							}
						}
						if covered {
							hit = true
							n, b := ctx.SizeBytes(jp, true)
							files += n
							bytes += b
						}
					}
					if !hit {
						continue
					}
					desc := j.name
					switch {
					case j.name == "secrets":
						desc = strings.Join(j.paths, ", ") + " (secrets)"
					case len(j.paths) > 1:
						desc += fmt.Sprintf(" (%d of them, %s, %s)", len(j.paths), plural(files, "file"), units.BytesSize(float64(bytes)))
					default:
						desc += fmt.Sprintf(" (%s, %s)", plural(files, "file"), units.BytesSize(float64(bytes)))
					}
					found = append(found, desc)
				}
				if len(found) == 0 {
					continue
				}
				p.Report(in, "no .dockerignore: "+strings.ToUpper(x.Cmd)+" "+strings.Join(x.Args, " ")+" takes in "+strings.Join(found, ", ")+
					" from the build context; exclude them in a .dockerignore")
				return
			}
		},
	}
)
