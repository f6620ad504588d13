package size

import (
	"sync"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// apkCacheDirs are where apk keeps its package indexes (and packages, when caching is on),
// read from pkgmgr on first use.
var apkCacheDirs = sync.OnceValue(func() (out []string) {
	for _, ca := range pkgmgr.ByID("apk").Caches {
		out = append(out, ca.Dir)
	}
	return out
})

var (
	// ApkAddNoCache is DO103 (apk-add-no-cache).
	ApkAddNoCache = &rule.Rule{
		ID:          "DO103",
		Name:        "apk-add-no-cache",
		Family:      rule.Size,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3019", "trivy:AVD-DS-0025"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds `apk add` without `--no-cache`, and `apk update`, whose package index is not " +
				"removed (`rm -rf /var/cache/apk/*`) later in the same RUN, in a stage whose layers end " +
				"up in the final image. A RUN with a cache or tmpfs mount on /var/cache/apk is not " +
				"reported.",
			Why: "Without `--no-cache`, apk stores the repository indexes (a few MB per repository) " +
				"under /var/cache/apk, and they stay in the layer. `apk add --no-cache` fetches a fresh " +
				"index into a temporary location, so neither `apk update` nor a cleanup is needed. " +
				"Severity: a warning, where hadolint's DL3019 is info: the cached indexes are megabytes " +
				"on images that weigh a few megabytes, and the safe fix costs nothing.",
			Example:    "RUN apk update && apk add curl",
			UseInstead: "RUN apk add --no-cache curl",
			Fixed:      "apk add keeps no package index cache",
			FixNotes: "Inserts `--no-cache` after `add`. Safe: the same packages are installed from a " +
				"freshly fetched index. An `apk update` in the same RUN is reported without a fix: " +
				"remove it by hand once every `apk add` has `--no-cache`.",
			References: []string{
				"https://github.com/hadolint/hadolint/wiki/DL3019",
				"https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Local_Cache",
				"https://github.com/gliderlabs/docker-alpine/blob/master/docs/usage.md#disabling-cache",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
				s := in.Script
				if s == nil || !inImage(p, in) || discardMounted(in, apkCacheDirs()...) {
					return
				}
				for i, c := range s.Commands {
					call, ok := ruleutil.PmOf(c, "apk")
					if !ok || call.Sub != "add" && call.Sub != "update" || call.CacheDisabled() || call.Has("--no-network") {
						continue
					}
					sub := call.Sub
					if anyAfter(s, i, func(x *dockerfile.Command) bool { return removesUnder(x, apkCacheDirs()...) }) {
						continue
					}
					if sub == "update" {
						p.ReportCommand(in, c, "apk update leaves the package index in /var/cache/apk (use apk add --no-cache instead)")
						continue
					}
					p.ReportCommand(in, c, "apk add without --no-cache leaves the package index in /var/cache/apk",
						rule.WithFix("add --no-cache", outsideHeredocs(in, ruleutil.InsertAfterArg(c, "add", " --no-cache"))...))
				}
			})
		},
	}
)

// anyAfter reports whether a command after position i of the script satisfies match (the
// cleanup of an install, or the install after an update).
func anyAfter(s *dockerfile.Script, i int, match func(*dockerfile.Command) bool) bool {
	for _, x := range s.Commands[i+1:] {
		if match(x) {
			return true
		}
	}
	return false
}
