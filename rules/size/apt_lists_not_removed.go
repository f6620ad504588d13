package size

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// AptListsNotRemoved is DO102 (apt-lists-not-removed).
	AptListsNotRemoved = &rule.Rule{
		ID:          "DO102",
		Name:        "apt-lists-not-removed",
		Family:      rule.Size,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3009", "dockle:DKL-DI-0005"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds a RUN that runs `apt-get update` and installs packages but does not remove " +
				"`/var/lib/apt/lists/*` in the same RUN, in a stage whose layers end up in the final " +
				"image (the last stage and the stages it is built FROM). A RUN whose apt lists are on a " +
				"`--mount=type=cache` or `type=tmpfs` mount is not reported.",
			Why: "`apt-get update` downloads the package indexes (typically 20 to 50 MB) into " +
				"/var/lib/apt/lists. Each RUN is a layer: removing them in a later RUN hides the files " +
				"but the earlier layer still ships them. Stale indexes are also useless at run time. " +
				"Builder stages are not reported: their layers never reach the image. " +
				"Severity: a warning, where hadolint's DL3009 is info: the lists of debian:12 after `apt- " +
				"get update` weigh 19 MB (`du -sh /var/lib/apt/lists`), in every image built from the " +
				"layer.",
			Example: "RUN apt-get update && apt-get install -y --no-install-recommends curl",
			UseInstead: "RUN apt-get update \\\n" +
				" && apt-get install -y --no-install-recommends curl \\\n" +
				" && rm -rf /var/lib/apt/lists/*\n\n" +
				"# or, with BuildKit, keep the lists in a cache mount:\n" +
				"RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \\\n" +
				"    --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n" +
				"    apt-get update && apt-get install -y --no-install-recommends curl",
			Fixed: "apt's package lists are removed in the layer that downloads them",
			FixNotes: "Appends ` && rm -rf /var/lib/apt/lists/*` after the shell statement holding the " +
				"last apt command of the RUN. Safe: nothing after that statement in the RUN uses apt. " +
				"A later RUN that runs `apt-get install` without its own `apt-get update` would fail; " +
				"that pattern is what DO202 reports.",
			References: []string{
				"https://docs.docker.com/build/building/best-practices/#apt-get",
				"https://github.com/hadolint/hadolint/wiki/DL3009",
				"https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md#dkl-di-0005",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
				s := in.Script
				if s == nil || !inImage(p, in) || discardMounted(in, ruleutil.ManagerCache("apt", "apt-lists")) {
					return
				}
				update, lastUpdate := matching(s, ruleutil.IsAptUpdate)
				if update == nil || !anyAfter(s, lastUpdate, ruleutil.IsAptInstall) {
					return // no update, or DO202's update without install
				}
				if anyAfter(s, lastUpdate, aptListsCleanup) {
					return
				}
				anchor := lastCommand(s, func(c *dockerfile.Command) bool { return c.Is("apt-get", "apt", "aptitude") })
				p.ReportCommand(in, update, "apt lists downloaded by apt-get update are not removed in the same RUN",
					rule.WithFix("remove /var/lib/apt/lists/* at the end of the RUN",
						outsideHeredocs(in, ruleutil.AppendAfter(anchor, " && "+sudoPrefix(anchor)+"rm -rf /var/lib/apt/lists/*"))...))
			})
		},
	}
)

// aptListsCleanup reports whether a command removes the apt lists (or may: a cleanup script).
func aptListsCleanup(c *dockerfile.Command) bool {
	if removesUnder(c, ruleutil.ManagerCache("apt", "apt-lists")) {
		return true
	}
	if call, ok := ruleutil.PmOf(c, "apt"); ok && call.Sub == "distclean" {
		return true // apt 2.7.8+: removes the lists too
	}
	// a project's own cleanup helper (install_clean, docker-clean.sh, apt-cleanup...)
	return strings.Contains(strings.ToLower(c.Name), "clean") && !c.Is("apt-get", "apt", "yum", "dnf", "apk", "npm", "yarn", "pip", "conda", "make")
}
