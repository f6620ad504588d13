package reliability

import (
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// ApkPin is DO703 (apk-pin).
	ApkPin = &rule.Rule{
		ID:          "DO703",
		Name:        "apk-pin",
		Family:      rule.Reliability,
		Severity:    rule.Info,
		OptIn:       true,
		Equivalents: []string{"hadolint:DL3018"},
		Doc: rule.Doc{
			What: "Finds `apk add` of packages without a version constraint (`curl` instead of " +
				"`curl=8.9.1-r0` or `curl~8.9`). The `--virtual` name, local .apk files and words built " +
				"from variables are not reported.",
			Why: pinWhy + "Informational: like Debian, an Alpine branch's repository keeps only the " +
				"latest build of each package, so an exact `=1.2.3-r0` pin breaks at the next " +
				"package release; the fuzzy `~1.2` form survives revision bumps. " +
				"Severity: info, where hadolint's DL3018 is a warning, for the same reason.",
			Example:    "RUN apk add --no-cache curl",
			UseInstead: "RUN apk add --no-cache curl~8.9",
			OffByDefault: "An Alpine branch keeps only the latest build of each package, so an exact pin breaks the " +
				"build at the next package release: on real Dockerfiles every sampled finding was a " +
				"package that should follow the branch (docs/precision.md). hadolint's DL3018 runs by " +
				"default (warning); turn this rule on where builds are pinned as a whole.",
			References: []string{
				"https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Advanced_Usage",
				"https://github.com/hadolint/hadolint/wiki/DL3018",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				call, ok := ruleutil.PmOf(c, "apk")
				if !ok || call.Sub != "add" {
					return
				}
				unpinned := pinUnpinned(call)
				pinReport(p, in, c, "apk add of", unpinned, "pkg=version or pkg~major.minor")
			})
		},
	}
)
