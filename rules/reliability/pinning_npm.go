package reliability

import (
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

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
				"usual case: they bypass package-lock.json entirely. " +
				"Severity: info, where hadolint's DL3016 is a warning: the build works, and an exact pin " +
				"of a global tool trades reproducibility for update churn.",
			Example:    "RUN npm install -g typescript pm2",
			UseInstead: "RUN npm install -g typescript@5.6.3 pm2@5.4.2",
			References: []string{
				"https://docs.npmjs.com/cli/commands/npm-install",
				"https://github.com/hadolint/hadolint/wiki/DL3016",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				call, ok := ruleutil.PmOf(c, "npm")
				if !ok || call.Sub != "install" {
					return
				}
				var unpinned []string
				for _, pkg := range call.Packages() {
					if !pkg.Pinned && pkg.Name != "npm" {
						unpinned = append(unpinned, pkg.Arg)
					}
				}
				pinReport(p, in, c, "npm install of", unpinned, "pkg@version")
			})
		},
	}
)
