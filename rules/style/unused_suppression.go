package style

import (
	"github.com/dockopt/dockopt/rule"
)

var (
	// UnusedSuppression is DO601 (unused-suppression).
	UnusedSuppression = &rule.Rule{
		ID:       "DO601",
		Name:     "unused-suppression",
		Family:   rule.Style_,
		Severity: rule.Info,
		Doc: rule.Doc{
			What: "Finds `# dockopt ignore=` pragmas that name an unknown rule or suppress nothing " +
				"(reported only when every rule runs, so `--rule` does not make pragmas look unused).",
			Why: "A suppression that matches nothing is noise at best; at worst it was meant for " +
				"a line that moved and now hides nothing while the real problem is reported, or a " +
				"typo in the rule ID means the problem it was written for is not suppressed at all.",
			Example:    "# dockopt ignore=DO101\nRUN apt-get install -y --no-install-recommends curl",
			UseInstead: "RUN apt-get install -y --no-install-recommends curl",
			References: []string{"https://staticcheck.dev/docs/configuration/#line-based-linter-directives (staticcheck reports unmatched directives the same way)"},
		},
		Check: func(*rule.Pass) {},
	}
)
