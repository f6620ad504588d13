// Package lint runs the rules over a parsed Dockerfile and applies, centrally, what rules never
// see: the configuration (ignored rules, severity overrides), inline suppressions
// (`# dockopt ignore=`, `# hadolint ignore=`, their `global` forms) and BuildKit's
// `# check=` directive: skip=, and error=true, which makes the findings of BuildKit's checks
// errors. Findings come back sorted by position and rule ID.
package lint

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/config"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint/suppress"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// Options select rules and settings.
type Options struct {
	// Config is the configuration; nil means defaults.
	Config *config.Config
	// Only, when not empty, restricts the run to these rules.
	Only []*rule.Rule
}

// allRules is rules.All, copied once: Run only reads it.
var allRules = sync.OnceValue(rules.All)

// Run lints f with the build context ctx (nil when linting a file alone).
func Run(f *dockerfile.File, ctx *buildctx.Context, opt Options) []rule.Finding {
	cfg := opt.Config
	if cfg == nil {
		cfg = config.Default()
	}
	selected := opt.Only
	if len(selected) == 0 {
		selected = allRules()
	} else if slices.Contains(opt.Only, suppress.UnusedSuppression) {
		// whether a pragma is used depends on every rule: run them all, keep what was asked
		want := map[*rule.Rule]bool{}
		for _, r := range opt.Only {
			want[r] = true
		}
		var out []rule.Finding
		for _, fd := range Run(f, ctx, Options{Config: cfg}) {
			if want[fd.Rule] {
				out = append(out, fd)
			}
		}
		return out
	}
	pass := rule.NewPass(f, ctx)
	pass.TrustedRegistries = cfg.TrustedRegistries
	pass.LabelSchema, pass.StrictLabels = cfg.LabelSchema, cfg.StrictLabels
	pass.ReadFile = ctx.ReadFile // nil-safe: a nil Context has no files
	var all []rule.Finding
	ran := make([]*rule.Rule, 0, len(selected)) // read only for ignore pragmas: a slice is cheaper than a map
	for _, r := range selected {
		if notSelected(r, ctx, cfg) != "" {
			continue
		}
		if len(opt.Only) == 0 && !cfg.Runs(r) && !enabledByDirective(f, r) {
			continue // an opt-in rule nobody turned on (a rule named in Only always runs)
		}
		ran = append(ran, r)
		pass.Rule = r
		before := len(pass.Findings())
		runCheck(pass, r)
		all = append(all, pass.Findings()[before:]...)
	}
	sups := suppress.Parse(f)
	if cfg.DisableIgnorePragma {
		sups = nil // the configuration says inline ignores are not honoured
	}
	used := make([]bool, len(sups))
	errorOnCheck := f.ErrorOnCheck()
	out := all[:0]
	for _, fd := range all {
		if i := suppress.Find(f, fd, sups); i >= 0 {
			used[i] = true
			continue
		}
		if skippedByDirective(f, fd.Rule) {
			continue
		}
		if s, ok := cfg.Severity[fd.Rule]; ok {
			fd.Severity = s
		}
		if errorOnCheck && isBuildKitCheck(fd.Rule) {
			fd.Severity = rule.Error // `# check=error=true`: docker build fails on it
		}
		if fd.Fix != nil && changesProtected(f, fd.Fix.Edits) {
			fd.Fix = nil // a fix may not change comments, directives or heredoc bodies
		}
		out = append(out, fd)
	}
	if len(opt.Only) == 0 && !cfg.Ignored[suppress.UnusedSuppression] {
		// a pragma naming only rules that did not run (opt-in rules left off, rules that need
		// the build context) may match once they run: it is not reported as unused
		ranKey := func(k string) bool {
			for _, r := range rules.Resolve(k) {
				if slices.Contains(ran, r) {
					return true
				}
			}
			return false
		}
		out = append(out, suppress.ReportUnused(f, sups, used, isRuleKey, ranKey)...)
	}
	Sort(out)
	return dedupe(out)
}

// NotRun says why Run with ctx and cfg reports no finding of rule r over f whatever f holds
// when r is named in Options.Only ("" when r runs and its findings are kept): the
// configuration ignores it, it is checked on a built image, it needs the build context and ctx
// is nil, or the file's `# check=skip=` directive turns off the BuildKit check it is the
// equivalent of. Inline ignore pragmas are not considered: they hide single findings, not the
// rule. An opt-in rule left off runs when named, so NotRun does not say it; OffByDefault does.
func NotRun(f *dockerfile.File, ctx *buildctx.Context, cfg *config.Config, r *rule.Rule) string {
	if cfg == nil {
		cfg = config.Default()
	}
	if why := notSelected(r, ctx, cfg); why != "" {
		return why
	}
	if skippedByDirective(f, r) {
		return "the Dockerfile's `# check=skip=` directive turns it off"
	}
	return ""
}

// OffByDefault says why a default Run of f with cfg (no Options.Only) leaves out rule r (""
// when it does not): r is an opt-in rule that neither the configuration nor the file's
// `# check=experimental=` directive turns on.
func OffByDefault(f *dockerfile.File, cfg *config.Config, r *rule.Rule) string {
	if cfg == nil {
		cfg = config.Default()
	}
	if r.OptIn && !cfg.Ignored[r] && !cfg.Runs(r) && !enabledByDirective(f, r) {
		return "it is off by default (opt-in: --enable " + r.ID + ", `enable: [" + r.ID + "]` or --all-rules)"
	}
	return ""
}

// notSelected says why Run does not run rule r at all ("" when it runs).
func notSelected(r *rule.Rule, ctx *buildctx.Context, cfg *config.Config) string {
	switch {
	case cfg.Ignored[r]:
		return "the configuration ignores it"
	case r.Target == rule.ImageTarget:
		return "it is checked on a built image, not on a Dockerfile"
	case r.Target != rule.DockerfileTarget:
		return "it is checked over the ignore pragmas once every other rule ran"
	case r.NeedsContext && ctx == nil:
		return "it needs the build context"
	}
	return ""
}

// isRuleKey reports whether a pragma key names a rule (rules.Resolve).
func isRuleKey(k string) bool { return len(rules.Resolve(k)) > 0 }

// runCheck runs one rule; a panicking rule becomes an internal-error finding instead of
// crashing the run.
func runCheck(p *rule.Pass, r *rule.Rule) {
	defer func() {
		if e := recover(); e != nil {
			p.ReportLine(1, fmt.Sprintf("internal error in rule %s: %v", r.ID, e))
		}
	}()
	r.Check(p)
}

// skippedByDirective reports whether the file's `# check=skip=` directive disables the
// BuildKit check a rule is the equivalent of.
func skippedByDirective(f *dockerfile.File, r *rule.Rule) bool {
	for _, e := range r.Equivalents {
		if tool, id, _ := strings.Cut(e, ":"); tool == "buildkit" && f.SkipsCheck(id) {
			return true
		}
	}
	return false
}

// enabledByDirective reports whether the file's `# check=experimental=` directive turns on
// the BuildKit check an opt-in rule is the equivalent of (BuildKit's experimental checks are
// dockopt's opt-in rules).
func enabledByDirective(f *dockerfile.File, r *rule.Rule) bool {
	for _, e := range r.Equivalents {
		if tool, id, _ := strings.Cut(e, ":"); tool == "buildkit" && f.EnablesExperimentalCheck(id) {
			return true
		}
	}
	return false
}

// isBuildKitCheck reports whether a rule is one of BuildKit's build checks.
func isBuildKitCheck(r *rule.Rule) bool {
	for _, e := range r.Equivalents {
		if strings.HasPrefix(e, "buildkit:") {
			return true
		}
	}
	return false
}

// Sort orders findings by file, line, column, then rule ID.
func Sort(fs []rule.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Rule.ID < b.Rule.ID
	})
}

func dedupe(fs []rule.Finding) []rule.Finding {
	out := fs[:0]
	for i, f := range fs {
		if i > 0 {
			p := fs[i-1]
			if p.Rule == f.Rule && p.Line == f.Line && p.Column == f.Column && p.Message == f.Message {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// Fails reports whether any finding is at or above the failure threshold.
func Fails(fs []rule.Finding, threshold rule.Severity) bool {
	for _, f := range fs {
		if f.Severity <= threshold {
			return true
		}
	}
	return false
}

// changesProtected reports whether one of the edits changes a comment, a directive or a
// heredoc body (dockerfile.File.ChangesProtected).
func changesProtected(f *dockerfile.File, es []rule.TextEdit) bool {
	for _, e := range es {
		if f.ChangesProtected(e.Start, e.End) {
			return true
		}
	}
	return false
}
