package size

import (
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// isYarnInstall reports whether a yarn command installs packages (`yarn`, `yarn install`,
// `yarn add`, `yarn global add`).
func isYarnInstall(c *dockerfile.Command) bool {
	call, ok := ruleutil.PmOf(c, "yarn")
	if !ok {
		return false
	}
	switch call.Sub {
	case "", "install", "add", "global add":
		return call.Action == pkgmgr.Install
	}
	return false
}

// yarnCacheCleanup reports whether a command removes yarn's cache.
func yarnCacheCleanup(c *dockerfile.Command) bool {
	if call, ok := ruleutil.PmOf(c, "yarn"); ok {
		return call.Sub == "cache clean"
	}
	for _, t := range rmTargets(c) {
		t = cleanGlob(t)
		if strings.Contains(t, "yarn") && (strings.Contains(t, "cache") || strings.Contains(t, ".yarn")) ||
			strings.HasSuffix(t, "/.cache") || t == "~/.cache" {
			return true
		}
	}
	return false
}

var (
	// YarnCacheNotCleaned is DO116 (yarn-cache-not-cleaned).
	YarnCacheNotCleaned = &rule.Rule{
		ID:          "DO116",
		Name:        "yarn-cache-not-cleaned",
		Family:      rule.Size,
		Severity:    rule.Info,
		Equivalents: []string{"hadolint:DL3060"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds `yarn install` (also a bare `yarn`, `yarn add`, `yarn global add`) without " +
				"`yarn cache clean` (or removal of the yarn cache directory) later in the same RUN, in " +
				"a stage whose layers end up in the final image. A RUN with a cache or tmpfs mount on " +
				"yarn's cache is not reported.",
			Why: "Yarn keeps a copy of every package it downloads in its global cache " +
				"(/usr/local/share/.cache/yarn for root in the node images), which duplicates " +
				"node_modules in the layer: often as large as node_modules itself.",
			Example:    "RUN yarn install --frozen-lockfile",
			UseInstead: "RUN yarn install --frozen-lockfile && yarn cache clean",
			Fixed:      "yarn's cache is cleaned in the install layer",
			FixNotes: "Appends ` && yarn cache clean` after the shell statement holding the last yarn " +
				"command of the RUN. Safe: the cache is only a download cache.",
			References: []string{
				"https://github.com/hadolint/hadolint/wiki/DL3060",
				"https://classic.yarnpkg.com/en/docs/cli/cache",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
				s := in.Script
				if s == nil || !inImage(p, in) {
					return
				}
				first, last := matching(s, isYarnInstall)
				if first == nil || yarnCacheMounted(p.File, in) || anyAfter(s, last, yarnCacheCleanup) {
					return
				}
				anchor := lastCommand(s, func(c *dockerfile.Command) bool { return c.Is("yarn") })
				p.ReportCommand(in, first, "yarn install without yarn cache clean in the same RUN leaves yarn's cache in the layer",
					rule.WithFix("append yarn cache clean", outsideHeredocs(in, ruleutil.AppendAfter(anchor, " && "+sudoPrefix(anchor)+"yarn cache clean"))...))
			})
		},
	}
)

// yarnCacheMounted reports whether yarn's cache is on a cache or tmpfs mount of the RUN.
func yarnCacheMounted(f *dockerfile.File, in *dockerfile.Instruction) bool {
	targets := ruleutil.MountTargets(in, "cache", "tmpfs")
	if dir, ok := f.Vars(in)["YARN_CACHE_FOLDER"]; ok && pathUnder(dir, targets...) {
		return true
	}
	for _, t := range targets {
		if strings.Contains(t, "yarn") || path.Base(t) == ".cache" {
			return true
		}
	}
	return false
}
