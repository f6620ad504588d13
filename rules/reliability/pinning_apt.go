package reliability

import (
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// AptPin is DO701 (apt-pin).
	AptPin = &rule.Rule{
		ID:          "DO701",
		Name:        "apt-pin",
		Family:      rule.Reliability,
		Severity:    rule.Info,
		OptIn:       true,
		Equivalents: []string{"hadolint:DL3008"},
		Doc: rule.Doc{
			What: "Finds `apt-get install` (and `apt install`) of packages without a version " +
				"(`curl` instead of `curl=7.88.1-10+deb12u8`). A target release (`pkg/bookworm-backports`), " +
				"a local .deb and words built from variables are not reported.",
			Why: pinWhy + "This rule is informational because pinning apt versions has a real cost: " +
				"Debian and Ubuntu keep only the current version of each package in a release's " +
				"archive, so a pinned version disappears with the next security update and the build " +
				"fails (\"Version '...' for 'curl' was not found\") until someone bumps it. Pin only " +
				"where reproducibility matters more than that churn, preferably together with a base " +
				"image pinned by digest or the snapshot.debian.org archive. " +
				"Severity: info, where hadolint's DL3008 is a warning, for the cost above.",
			Example:    "RUN apt-get update && apt-get install -y --no-install-recommends curl",
			UseInstead: "RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8",
			OffByDefault: "Debian's and Ubuntu's archives keep only the current version of a package, so an exact " +
				"pin breaks the build at the next update: on real Dockerfiles every sampled finding was a " +
				"package that should follow the release (docs/precision.md). hadolint's DL3008 runs by " +
				"default (warning); turn this rule on where builds are pinned as a whole (a base image " +
				"pinned by digest and snapshot.debian.org).",
			References: []string{
				"https://docs.docker.com/build/building/best-practices/#apt-get",
				"https://github.com/hadolint/hadolint/wiki/DL3008",
				"https://snapshot.debian.org/",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				if !c.Is("apt-get", "apt") {
					return
				}
				call, ok := ruleutil.PmOf(c, "apt")
				if !ok || call.Sub != "install" {
					return
				}
				unpinned := pinUnpinned(call)
				pinReport(p, in, c, c.Name+" install of", unpinned, "pkg=version")
			})
		},
	}
)
