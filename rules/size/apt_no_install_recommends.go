package size

import (
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// AptNoInstallRecommends is DO101 (apt-no-install-recommends).
	AptNoInstallRecommends = &rule.Rule{
		ID:          "DO101",
		Name:        "apt-no-install-recommends",
		Family:      rule.Size,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3015"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds `apt-get install` without `--no-install-recommends`.",
			Why: "By default apt installs every package a package *recommends*, not only what it " +
				"depends on. Recommended packages are rarely needed in a container and commonly add " +
				"tens to hundreds of megabytes (documentation tools, X libraries, compilers).",
			Example:    "RUN apt-get update && apt-get install -y curl",
			UseInstead: "RUN apt-get update && apt-get install -y --no-install-recommends curl",
			FixNotes: "Adds `--no-install-recommends` after `install`. Safe for the packages named, " +
				"but a program that relied on a recommended package at run time may lose it; the " +
				"measure step catches that.",
			References: []string{
				"https://docs.docker.com/build/building/best-practices/#apt-get",
				"https://manpages.debian.org/bookworm/apt/apt-get.8.en.html",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				if !c.Is("apt-get", "apt") || ruleutil.PmSubcommand(c) != "install" {
					return
				}
				if c.HasFlag("--no-install-recommends") || ruleutil.HasAptOption(c, "APT::Install-Recommends") {
					return
				}
				p.ReportCommand(in, c, "apt-get install without --no-install-recommends pulls in recommended packages",
					rule.WithFix("add --no-install-recommends", ruleutil.InsertAfterArg(c, "install", " --no-install-recommends")...))
			})
		},
	}
)
