package optimize

import (
	"fmt"
	"sort"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/reliability"
	"github.com/dockopt/dockopt/rules/size"
)

// Facts are what the optimized Dockerfile itself says about the image it builds, read back
// from its text after the rewrite: the report's statements about the result come from here,
// never from what a recipe meant to do.
type Facts struct {
	// Target names the stage that ships ("stage runtime", "stage 2").
	Target string
	// BaseImage is the external image that stage is built on (through other stages).
	BaseImage string
	// User is the user it ends as ("" for the base image's, root for most).
	User string
	// Packages are the distribution packages it installs and does not remove (the base
	// image's own are not counted); BuildTools those of them that only serve to build
	// (compilers, -dev headers, make, git: pkgmgr.BuildTool).
	Packages, BuildTools []string
	// CacheFindings are the findings of the package-cache rules (CacheRules, by ID) left in
	// the result, as "ID line N"; empty when none of those rules finds anything.
	CacheFindings, CacheRules []string
	// Healthcheck is the HEALTHCHECK the image gets (its own or inherited), as written; ""
	// when none.
	Healthcheck string
}

// eolRuleID is the rule that finds a base image past its end of life.
var eolRuleID = reliability.EOLBaseImage.ID

// LeftWhy returns the reason the optimizer gave for leaving rule id's findings as they were
// ("" when it gave none).
func (r *Result) LeftWhy(id string) string { return r.leftWhy[id] }

// cacheRules are the rules that find a package manager's cache left in a layer.
var cacheRules = []*rule.Rule{size.AptListsNotRemoved, size.ApkAddNoCache, size.PipNoCacheDir, size.PackageCacheNotCleaned, size.YarnCacheNotCleaned}

// readFacts reads Facts from the optimized file nf (its target stage st) and the lint
// findings of the result.
func readFacts(nf *dockerfile.File, st *dockerfile.Stage, left []rule.Finding) Facts {
	fc := Facts{Target: stageLabel(st), BaseImage: nf.RootImage(st), User: nf.UserEnd(st)}
	fc.Packages = pkgmgr.Installed(nf, st)
	for _, r := range cacheRules {
		fc.CacheRules = append(fc.CacheRules, r.ID)
	}
	for _, p := range fc.Packages {
		if k := pkgmgr.BuildTool(p); k != pkgmgr.NotATool && k != pkgmgr.BuildHelper {
			fc.BuildTools = append(fc.BuildTools, p)
		}
	}
	for _, fd := range left {
		for _, r := range cacheRules {
			if fd.Rule == r {
				fc.CacheFindings = append(fc.CacheFindings, fmt.Sprintf("%s line %d", r.ID, fd.Line))
			}
		}
	}
	sort.Strings(fc.CacheFindings)
	for _, s := range nf.StageChain(st) {
		for _, in := range s.Instructions {
			if in.Cmd == "healthcheck" && fc.Healthcheck == "" {
				fc.Healthcheck = oneLine(text(nf, in))
			}
		}
	}
	return fc
}

// LeftFinding is a finding of the original, at error or warning severity, that the
// optimized Dockerfile still has, with the reason it was left.
type LeftFinding struct {
	Rule, Name, Severity string
	// Before and After count the rule's findings in the original and in the result.
	Before, After int
	Why           string
}

// leave records why a pass left the findings of a rule as they were.
func (r *Result) leave(id, why string) {
	if r.leftWhy == nil {
		r.leftWhy = map[string]string{}
	}
	r.leftWhy[id] = why
}

// leftFindings compares the original's error and warning findings with the result's, rule
// by rule: a rule whose findings are all gone is fixed; the others are listed with the
// reason a pass recorded, or the default one.
func leftFindings(before, after []rule.Finding, res *Result) []LeftFinding {
	nb, na := map[*rule.Rule]int{}, map[*rule.Rule]int{}
	sev := map[*rule.Rule]rule.Severity{}
	for _, fd := range before {
		if fd.Severity > rule.Warning {
			continue
		}
		if n, ok := sev[fd.Rule]; !ok || fd.Severity < n {
			sev[fd.Rule] = fd.Severity
		}
		nb[fd.Rule]++
	}
	for _, fd := range after {
		na[fd.Rule]++
	}
	var out []LeftFinding
	for r, n := range nb {
		if na[r] == 0 {
			continue
		}
		why := res.leftWhy[r.ID]
		if why == "" {
			why = fmt.Sprintf("no pass of the optimizer rewrites this yet: fix it by hand (`dockopt rules %s` says how)", r.ID)
		}
		out = append(out, LeftFinding{Rule: r.ID, Name: r.Name, Severity: sev[r].String(), Before: n, After: na[r], Why: why})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Rule < out[j].Rule })
	return out
}
