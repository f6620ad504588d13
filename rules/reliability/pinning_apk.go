package reliability

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var pinApkValueFlags = []string{"-t", "--virtual", "-X", "--repository", "--root", "-p",
	"--arch", "--cache-dir", "--keys-dir", "--repositories-file", "--cache-max-age"}

var (
	// ApkPin is DO703 (apk-pin).
	ApkPin = &rule.Rule{
		ID:          "DO703",
		Name:        "apk-pin",
		Family:      rule.Reliability,
		Severity:    rule.Info,
		Equivalents: []string{"hadolint:DL3018"},
		Doc: rule.Doc{
			What: "Finds `apk add` of packages without a version constraint (`curl` instead of " +
				"`curl=8.9.1-r0` or `curl~8.9`). The `--virtual` name, local .apk files and words built " +
				"from variables are not reported.",
			Why: pinWhy + "Informational: like Debian, an Alpine branch's repository keeps only the " +
				"latest build of each package, so an exact `=1.2.3-r0` pin breaks at the next " +
				"package release; the fuzzy `~1.2` form survives revision bumps.",
			Example:    "RUN apk add --no-cache curl",
			UseInstead: "RUN apk add --no-cache curl~8.9",
			References: []string{
				"https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Advanced_Usage",
				"https://github.com/hadolint/hadolint/wiki/DL3018",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				if c.Name != "apk" {
					return
				}
				_, pkgs, ok := pinPositional(c.Args, []string{"add"}, pinApkValueFlags)
				if !ok {
					return
				}
				var unpinned []string
				for _, pkg := range pkgs {
					if strings.ContainsAny(pkg, "=~<>") || strings.HasSuffix(pkg, ".apk") || pinHasVar(pkg) || strings.HasPrefix(pkg, ".") {
						continue
					}
					unpinned = append(unpinned, pkg)
				}
				pinReport(p, in, c, "apk add of", unpinned, "pkg=version or pkg~major.minor")
			})
		},
	}
)
