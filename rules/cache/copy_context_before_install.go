package cache

import (
	"path"
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// depInstall describes a dependency install that only needs the ecosystem's manifests.
type depInstall struct {
	// ecosystem groups installs for reporting (one finding per stage and ecosystem).
	ecosystem string
	// manifests are the files to copy first.
	manifests []string
}

// dependencyInstall returns what a command installs from manifests, or false when it is not a
// manifest-only dependency install (e.g. `pip install .` needs the sources).
func dependencyInstall(c *dockerfile.Command) (depInstall, bool) {
	if args, ok := ruleutil.PipArgs(c); ok && ruleutil.PipSubcommand(args) == "install" {
		var reqs []string
		for i, a := range args {
			switch {
			case (a == "-r" || a == "--requirement" || a == "-c" || a == "--constraint") && i+1 < len(args):
				reqs = append(reqs, path.Base(args[i+1]))
			case strings.HasPrefix(a, "--requirement=") || strings.HasPrefix(a, "--constraint="):
				_, v, _ := strings.Cut(a, "=")
				reqs = append(reqs, path.Base(v))
			case strings.HasPrefix(a, "-r") && len(a) > 2:
				reqs = append(reqs, path.Base(a[2:]))
			}
		}
		if len(reqs) == 0 {
			return depInstall{}, false
		}
		return depInstall{"pip", reqs}, true
	}
	pos := c.Positional()
	first := ""
	if len(pos) > 0 {
		first = pos[0]
	}
	switch {
	case c.Is("npm"):
		p := c.Positional(ruleutil.NpmValueFlags...)
		if len(p) == 1 && (p[0] == "ci" || p[0] == "install" || p[0] == "i") && !c.HasFlag("-g", "--global") {
			return depInstall{"npm", []string{"package.json", "package-lock.json"}}, true
		}
	case c.Is("yarn"):
		p := c.Positional(ruleutil.YarnValueFlags...)
		if len(p) == 0 || len(p) == 1 && p[0] == "install" {
			return depInstall{"yarn", []string{"package.json", "yarn.lock"}}, true
		}
	case c.Is("pnpm"):
		if len(pos) == 1 && (first == "install" || first == "i") {
			return depInstall{"pnpm", []string{"package.json", "pnpm-lock.yaml"}}, true
		}
	case c.Is("go"):
		if len(pos) >= 2 && first == "mod" && pos[1] == "download" {
			return depInstall{"go", []string{"go.mod", "go.sum"}}, true
		}
	case c.Is("bundle", "bundler"):
		if first == "install" || first == "" {
			return depInstall{"bundler", []string{"Gemfile", "Gemfile.lock"}}, true
		}
	case c.Is("composer", "composer.phar"):
		if first == "install" {
			return depInstall{"composer", []string{"composer.json", "composer.lock"}}, true
		}
	case c.Is("poetry"):
		if first == "install" || first == "sync" {
			return depInstall{"poetry", []string{"pyproject.toml", "poetry.lock"}}, true
		}
	case c.Is("pipenv"):
		if first == "install" || first == "sync" {
			return depInstall{"pipenv", []string{"Pipfile", "Pipfile.lock"}}, true
		}
	case c.Is("uv"):
		if first == "sync" {
			return depInstall{"uv", []string{"pyproject.toml", "uv.lock"}}, true
		}
	case c.Is("mvn", "mvnw"):
		for _, a := range pos {
			if strings.HasPrefix(a, "dependency:") {
				return depInstall{"maven", []string{"pom.xml"}}, true
			}
		}
	case c.Is("cargo"):
		if first == "fetch" {
			return depInstall{"cargo", []string{"Cargo.toml", "Cargo.lock"}}, true
		}
	case c.Is("dotnet"):
		if first == "restore" {
			return depInstall{"dotnet", []string{"*.csproj"}}, true
		}
	}
	return depInstall{}, false
}

// goBuildWithModules reports whether c is a go build/install/test that downloads modules: the
// build context (when known) has a go.sum, i.e. the module has dependencies.
func goBuildWithModules(p *rule.Pass, c *dockerfile.Command) bool {
	if !c.Is("go") || p.Context == nil {
		return false
	}
	sub := c.Subcommand()
	if sub != "build" && sub != "install" && sub != "test" && sub != "vet" {
		return false
	}
	e, ok := p.Context.Entry("go.sum")
	return ok && !e.IsDir && e.Size > 0 && !p.Context.Ignored("go.sum")
}

// wholeContext reports whether a COPY/ADD source is the whole build context.
func wholeContext(src string) bool {
	switch strings.TrimSpace(src) {
	case ".", "./", "*", "./*", "/", "/.":
		return true
	}
	return false
}

var (
	// CopyContextBeforeInstall is DO201 (copy-context-before-install).
	CopyContextBeforeInstall = &rule.Rule{
		ID:       "DO201",
		Name:     "copy-context-before-install",
		Family:   rule.Cache,
		Severity: rule.Warning,
		Doc: rule.Doc{
			What: "Finds a dependency install that only needs the dependency manifests (`pip install " +
				"-r`, `npm ci`/`npm install`, `yarn install`, `pnpm install`, `go mod download`, " +
				"`bundle install`, `composer install`, `poetry install`, `pipenv install`, `uv sync`, " +
				"`mvn dependency:...`, `cargo fetch`, `dotnet restore`; with the build context, also " +
				"`go build` of a module with a go.sum and no `go mod download` before) running after " +
				"the whole build context was copied (`COPY . .`, `COPY . /app`, `ADD . .`) in the " +
				"same stage.",
			Why: "BuildKit reuses a cached layer only while everything before it is unchanged. After " +
				"`COPY . .`, any edit to any file, a README included, invalidates the cache and the " +
				"dependency install runs again from scratch: minutes per build. Copying only the " +
				"manifests first, installing, then copying the sources keeps the install cached " +
				"until the dependencies themselves change.",
			Example: "COPY . .\nRUN pip install --no-cache-dir -r requirements.txt",
			UseInstead: "COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n" +
				"COPY . .",
			References: []string{
				"https://docs.docker.com/build/cache/optimize/#order-your-layers",
				"https://docs.docker.com/build/building/best-practices/#leverage-build-cache",
			},
		},
		Check: func(p *rule.Pass) {
			for _, st := range p.File.Stages {
				var ctxCopy *dockerfile.Instruction
				reported := map[string]bool{}
				goDownloaded := false
				for _, in := range st.Instructions {
					if in.Cmd == "copy" || in.Cmd == "add" {
						ci, ok := ruleutil.CopyOf(p.File, in)
						if ok && ci.From == "" && ctxCopy == nil {
							for _, s := range ci.Sources {
								if wholeContext(s) {
									ctxCopy = in
								}
							}
						}
						continue
					}
					if in.Cmd != "run" || in.Script == nil {
						continue
					}
					if ctxCopy == nil {
						for _, c := range in.Script.Commands {
							if d, ok := dependencyInstall(c); ok && d.ecosystem == "go" {
								goDownloaded = true
							}
						}
						continue
					}
					for _, c := range in.Script.Commands {
						d, ok := dependencyInstall(c)
						if !ok && !goDownloaded && goBuildWithModules(p, c) {
							d, ok = depInstall{"go", []string{"go.mod", "go.sum"}}, true
						}
						if !ok || reported[d.ecosystem] {
							continue
						}
						reported[d.ecosystem] = true
						p.ReportCommand(in, c, ruleutil.CommandText(c)+" runs after "+strings.ToUpper(ctxCopy.Cmd)+" "+
							strings.Join(ctxCopy.Args, " ")+" (line "+strconv.Itoa(ctxCopy.StartLine)+
							"): any source change reruns it; copy "+strings.Join(d.manifests, " and ")+
							" first, install, then copy the rest")
					}
				}
			}
		},
	}
)
