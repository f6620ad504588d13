package reliability

import (
	"fmt"
	"path"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// ReplaceBinSh is DO407 (replace-bin-sh).
	ReplaceBinSh = &rule.Rule{
		ID:          "DO407",
		Name:        "replace-bin-sh",
		Family:      rule.Reliability,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL4005"},
		Doc: rule.Doc{
			What: "Finds a RUN that replaces /bin/sh with a link to another shell (`ln -s /bin/bash /bin/sh`, " +
				"`ln -sf bash /bin/sh`).",
			Why: "/bin/sh belongs to a package (dash on Debian, busybox on Alpine): replacing it changes what " +
				"every script of the image and the packages' maintainer scripts run under, and an upgrade of " +
				"that package puts it back. To run the Dockerfile's RUN instructions under bash, say so with " +
				"SHELL, which changes nothing else in the image.",
			Example:    "RUN ln -sf /bin/bash /bin/sh",
			UseInstead: "SHELL [\"/bin/bash\", \"-c\"]",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#shell",
				"https://github.com/hadolint/hadolint/wiki/DL4005",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				if !c.Is("ln") {
					return
				}
				args := c.Positional()
				if len(args) < 2 || !c.HasFlag("-s", "--symbolic") {
					return
				}
				if target := args[len(args)-1]; path.Clean(target) == "/bin/sh" {
					p.ReportCommand(in, c, fmt.Sprintf("ln -s %s /bin/sh replaces /bin/sh for the whole image: use SHELL to run the RUN instructions under %s", args[0], path.Base(args[0])))
				}
			})
		},
	}
)
