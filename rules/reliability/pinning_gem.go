package reliability

import (
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// GemPin is DO705 (gem-pin).
	GemPin = &rule.Rule{
		ID:          "DO705",
		Name:        "gem-pin",
		Family:      rule.Reliability,
		Severity:    rule.Info,
		Equivalents: []string{"hadolint:DL3028"},
		Doc: rule.Doc{
			What: "Finds `gem install` of gems without a version (`gem install rails` instead of " +
				"`gem install rails:7.2.1` or `-v 7.2.1`). Local .gem files and words built from " +
				"variables are not reported.",
			Why: pinWhy + "A Gemfile.lock installed with `bundle install` pins everything it lists; " +
				"gems installed directly (bundler itself, CLI tools) are not covered by it. " +
				"Severity: info, where hadolint's DL3028 is a warning: the build works, and an exact pin " +
				"trades reproducibility for update churn.",
			Example:    "RUN gem install bundler",
			UseInstead: "RUN gem install bundler:2.5.18",
			References: []string{
				"https://guides.rubygems.org/command-reference/#gem-install",
				"https://github.com/hadolint/hadolint/wiki/DL3028",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				call, ok := ruleutil.PmOf(c, "gem")
				if !ok || call.Sub != "install" || call.Has("--version") {
					return
				}
				unpinned := pinUnpinned(call)
				pinReport(p, in, c, "gem install of", unpinned, "gem:version or -v version")
			})
		},
	}
)
