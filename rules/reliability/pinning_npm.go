package reliability

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var pinNpmValueFlags = []string{"--prefix", "--registry", "--cache", "--loglevel", "--omit",
	"--include", "-w", "--workspace", "--userconfig", "--tag", "--only", "--install-strategy"}

// pinNpmPinned reports whether an npm package spec fixes its version (or is not from the
// registry).
func pinNpmPinned(spec string) bool {
	for _, pre := range []string{"/", "./", "../", "~/", "file:", "http://", "https://", "git:", "git+", "github:"} {
		if strings.HasPrefix(spec, pre) {
			return !strings.HasPrefix(pre, "git") || strings.Contains(spec, "#")
		}
	}
	for _, suf := range []string{".tgz", ".tar.gz", ".tar"} {
		if strings.HasSuffix(spec, suf) {
			return true
		}
	}
	name := spec
	if strings.HasPrefix(name, "@") {
		name = name[1:]
	}
	_, ver, ok := strings.Cut(name, "@")
	return (ok && ver != "" && ver != "latest" && ver != "*") || pinHasVar(spec)
}

var (
	// NpmPin is DO704 (npm-pin).
	NpmPin = &rule.Rule{
		ID:          "DO704",
		Name:        "npm-pin",
		Family:      rule.Reliability,
		Severity:    rule.Info,
		Equivalents: []string{"hadolint:DL3016"},
		Doc: rule.Doc{
			What: "Finds `npm install <pkg>` (also `npm i`, `npm add`) of registry packages without " +
				"`@version` (or with `@latest`). `npm install`/`npm ci` without package names (the " +
				"lockfile decides), paths, tarballs and git URLs with a `#commit` are fine, and so is " +
				"npm updating itself.",
			Why: pinWhy + "Global tools installed in a Dockerfile (`npm install -g typescript`) are the " +
				"usual case: they bypass package-lock.json entirely.",
			Example:    "RUN npm install -g typescript pm2",
			UseInstead: "RUN npm install -g typescript@5.6.3 pm2@5.4.2",
			References: []string{
				"https://docs.npmjs.com/cli/commands/npm-install",
				"https://github.com/hadolint/hadolint/wiki/DL3016",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				if c.Name != "npm" {
					return
				}
				_, pkgs, ok := pinPositional(c.Args, []string{"install", "i", "in", "add", "isntall"}, pinNpmValueFlags)
				if !ok {
					return
				}
				var unpinned []string
				for _, pkg := range pkgs {
					if pinNpmPinned(pkg) || pkg == "npm" || strings.HasPrefix(pkg, "npm@") {
						continue
					}
					unpinned = append(unpinned, pkg)
				}
				pinReport(p, in, c, "npm install of", unpinned, "pkg@version")
			})
		},
	}
)
