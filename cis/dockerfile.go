package cis

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/config"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
	"github.com/dockopt/dockopt/rules/security"
)

// Dockerfile is a parsed Dockerfile with its build context (nil: the rules that need one do
// not run, and the items they cover cannot pass on their evidence).
type Dockerfile struct {
	File    *dockerfile.File
	Context *buildctx.Context
	// TrustedRegistries are the registries base images may come from (the configuration's
	// trustedRegistries); empty, DO309 has nothing to compare with and 4.2 is not checked.
	TrustedRegistries []string
}

// itemRules returns the rules of the target kind that list cis:id as an equivalent.
func itemRules(id string, target rule.Target) []*rule.Rule {
	var out []*rule.Rule
	for _, r := range rules.LookupEquivalent("cis", id) {
		if r.Target == target {
			out = append(out, r)
		}
	}
	return out
}

// lintSource is a Dockerfile linted with every rule that carries a CIS equivalent.
type lintSource struct {
	file     *dockerfile.File
	path     string
	findings map[*rule.Rule][]rule.Finding
	// notRun says, for each such rule that did not run, why.
	notRun map[*rule.Rule]string
}

// lint runs the rules with a CIS equivalent over the Dockerfile. Inline ignore pragmas are
// not honoured and no rule is ignored: a suppressed finding is still a failure of the item.
func (d *Dockerfile) lint() *lintSource {
	cfg := config.Default()
	cfg.DisableIgnorePragma = true
	cfg.TrustedRegistries = d.TrustedRegistries
	s := &lintSource{file: d.File, path: d.File.Path, findings: map[*rule.Rule][]rule.Finding{}, notRun: map[*rule.Rule]string{}}
	var only []*rule.Rule
	for _, it := range Items {
		for _, r := range itemRules(it.ID, rule.DockerfileTarget) {
			if why := lint.NotRun(d.File, d.Context, cfg, r); why != "" {
				s.notRun[r] = why
				continue
			}
			if r == security.UntrustedRegistry && len(d.TrustedRegistries) == 0 {
				s.notRun[r] = "no trusted registries are configured (trustedRegistries in .dockopt.yaml)"
				continue
			}
			only = append(only, r)
		}
	}
	if len(only) > 0 {
		for _, fd := range lint.Run(d.File, d.Context, lint.Options{Config: cfg, Only: only}) {
			s.findings[fd.Rule] = append(s.findings[fd.Rule], fd)
		}
	}
	return s
}

func (s *lintSource) observe(it Item) observation {
	var o observation
	rs := itemRules(it.ID, rule.DockerfileTarget)
	var notRun []string
	for _, r := range rs {
		for _, fd := range s.findings[r] {
			o.fails = append(o.fails, Evidence{Verdict: Fail, Source: FromDockerfile, Check: r.ID,
				Where: fmt.Sprintf("%s:%d", fd.File, fd.Line), Detail: r.Name + ": " + fd.Message})
		}
		if why, ok := s.notRun[r]; ok {
			notRun = append(notRun, fmt.Sprintf("%s (%s) did not run on %s: %s", r.ID, r.Name, s.path, why))
		}
	}
	switch {
	case len(o.fails) > 0:
	case len(notRun) > 0:
		o.why = notRun
	case it.ID == "4.6" && healthcheckOf(s.file) == nil:
		// DO401 reports services only: its silence shows no HEALTHCHECK in an image that
		// serves nothing, or inherits one from its base
		o.why = []string{ruleList(rs) + " found nothing to report, but it looks only at services (an EXPOSE or a server command); " +
			s.path + " declares no HEALTHCHECK: the built image's config would tell (`dockopt inspect`, `dockopt measure`)"}
	default:
		if it.ID == "4.6" {
			hc := healthcheckOf(s.file)
			o.passes = append(o.passes, Evidence{Verdict: Pass, Source: FromDockerfile, Check: "HEALTHCHECK",
				Where: fmt.Sprintf("%s:%d", s.path, hc.StartLine), Detail: "the final image declares a HEALTHCHECK"})
		}
		for _, r := range rs {
			o.passes = append(o.passes, Evidence{Verdict: Pass, Source: FromDockerfile, Check: r.ID, Where: s.path,
				Detail: r.Name + ": no finding"})
		}
	}
	return o
}

// healthcheckOf returns the HEALTHCHECK the final stage ends up with (its own, or one of the
// stages it is built FROM), or nil when there is none or it is HEALTHCHECK NONE.
func healthcheckOf(f *dockerfile.File) *dockerfile.Instruction {
	var hc *dockerfile.Instruction
	chain := f.StageChain(f.FinalStage())
	for i := len(chain) - 1; i >= 0; i-- { // oldest stage first: a later HEALTHCHECK wins
		for _, in := range chain[i].Instructions {
			if in.Cmd == "healthcheck" {
				hc = in
			}
		}
	}
	if hc == nil || len(hc.Args) > 0 && strings.EqualFold(hc.Args[0], "none") {
		return nil
	}
	return hc
}

// absent says which items a source that was not given would have decided: the rules of its
// target, and the command that runs them.
type absent struct {
	target rule.Target
	what   string // "the Dockerfile", "a built image"
	notRun string // what was not done, with the command that does it
}

var (
	absentDockerfile = absent{rule.DockerfileTarget, "the Dockerfile", "none was given here (`dockopt lint`"}
	absentImage      = absent{rule.ImageTarget, "a built image", "none was scanned here (`dockopt inspect IMAGE`"}
)

func (a absent) observe(it Item) observation {
	rs := itemRules(it.ID, a.target)
	if len(rs) == 0 {
		return observation{}
	}
	return observation{why: []string{ruleList(rs) + verb(rs, " checks", " check") + " " + a.what + ": " + a.notRun + verb(rs, " runs it)", " runs them)")}}
}

// verb picks the singular or plural form for rs.
func verb(rs []*rule.Rule, one, many string) string {
	if len(rs) == 1 {
		return one
	}
	return many
}

// ruleList names rules: "DO301 (root-user)", "DO016 (...), DO302 (...)".
func ruleList(rs []*rule.Rule) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.ID+" ("+r.Name+")")
	}
	return strings.Join(parts, ", ")
}
