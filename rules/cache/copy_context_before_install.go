package cache

import (
	"path"
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
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
	if call, ok := ruleutil.PipInstall(c); ok {
		var reqs []string
		for _, v := range call.Values("--requirement", "--constraint") {
			reqs = append(reqs, path.Base(v))
		}
		if len(reqs) == 0 {
			return depInstall{}, false
		}
		return depInstall{"pip", reqs}, true
	}
	if call, ok := ruleutil.PmOf(c); ok {
		return lockedInstall(call)
	}
	pos := c.Positional()
	switch {
	case c.Is("mvn", "mvnw"):
		for _, a := range pos {
			if strings.HasPrefix(a, "dependency:") {
				return depInstall{"maven", []string{"pom.xml"}}, true
			}
		}
	case c.Is("dotnet"):
		if len(pos) > 0 && pos[0] == "restore" {
			return depInstall{"dotnet", []string{"*.csproj"}}, true
		}
	}
	return depInstall{}, false
}

// lockedInstall returns what a package manager's install of a project's dependencies (the
// manager's manifest and lockfile, as pkgmgr lists them) needs; false for other calls.
func lockedInstall(call *pkgmgr.Call) (depInstall, bool) {
	m := call.Manager
	n := len(call.Positional)
	ok := false
	switch m.ID {
	case "npm":
		// npm install NAME in a project installs the whole package.json too (npm 7 and later
		// build the tree from the manifest and the packages named:
		// https://docs.npmjs.com/cli/v10/commands/npm-install)
		ok = n >= 1 && (call.Sub == "ci" && n == 1 || call.Sub == "install") && !call.Has("--global")
	case "yarn":
		ok = n == 0 || n == 1 && call.Sub == "install"
	case "pnpm":
		ok = n == 1 && call.Sub == "install"
	case "bundler":
		ok = call.Sub == "install" || call.Sub == ""
	case "poetry", "pipenv":
		ok = call.Sub == "install" || call.Sub == "sync"
	case "go", "composer", "uv", "cargo":
		ok = call.Sub == map[string]string{"go": "mod download", "composer": "install", "uv": "sync", "cargo": "fetch"}[m.ID]
	}
	if !ok || len(m.Manifests) == 0 || len(m.Lockfiles) == 0 {
		return depInstall{}, false
	}
	return depInstall{m.ID, []string{m.Manifests[0], m.Lockfiles[0]}}, true
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
