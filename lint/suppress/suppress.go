// Package suppress owns the inline ignore pragmas: it reads them (`# dockopt ignore=`,
// `# hadolint ignore=`, their `global` and `stage` forms), says which finding a pragma suppresses, and
// reports the pragmas that suppress nothing, which is rule DO601 (unused-suppression). The
// lint engine applies them centrally after the rules ran; rules never see pragmas.
//
// It is a package of its own, below lint, because the registry (rules.All) lists DO601 and
// lint runs the registry.
package suppress

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
)

var (
	// UnusedSuppression is DO601 (unused-suppression). Whether a pragma is used depends on
	// every other rule, so the lint engine checks it (ReportUnused) after they all ran.
	UnusedSuppression = &rule.Rule{
		ID:       "DO601",
		Name:     "unused-suppression",
		Family:   rule.Style_,
		Severity: rule.Info,
		Target:   rule.PragmaTarget,
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
	}
)

// Pragma is one inline ignore pragma.
type Pragma struct {
	Line   int
	Global bool
	// Stage: a `stage ignore=` pragma, for the whole stage whose FROM follows it (hadolint
	// 2.15's Hadolint/Pragma.hs; dockopt reads it in its own pragmas too).
	Stage bool
	// Keys are the IDs as written (dockopt IDs or names, hadolint DL/SC codes).
	Keys []string
	// Tool is "dockopt" or "hadolint".
	Tool string
	// Reason is the text after " -- ", if any.
	Reason string
}

// pragmaRe reads a pragma; the reason follows " -- ", or, as hadolint allows, "#".
var pragmaRe = lazyre.New(`^(dockopt|hadolint)\s+(?:(global|stage)\s+)?ignore\s*=\s*([A-Za-z0-9_,\- ]+?)\s*(?:(?:--|#)\s*(.*))?$`)

// Parse reads the ignore pragmas of a file's comments.
func Parse(f *dockerfile.File) []Pragma {
	var out []Pragma
	for _, c := range f.Comments {
		m := pragmaRe.FindStringSubmatch(c.Text)
		if m == nil {
			continue
		}
		var keys []string
		for _, k := range strings.Split(m[3], ",") {
			if k = strings.TrimSpace(k); k != "" {
				keys = append(keys, k)
			}
		}
		out = append(out, Pragma{Line: c.Line, Global: m[2] == "global", Stage: m[2] == "stage", Keys: keys, Tool: m[1], Reason: m[4]})
	}
	return out
}

// Names reports whether one of the pragma's keys names r: its ID or name, or one of its
// hadolint (DL), ShellCheck (SC) or BuildKit equivalents.
func (s Pragma) Names(r *rule.Rule) bool {
	for _, k := range s.Keys {
		if strings.EqualFold(k, r.ID) || strings.EqualFold(k, r.Name) {
			return true
		}
		if strings.HasPrefix(strings.ToUpper(k), "DL") && r.HasEquivalent("hadolint", k) {
			return true
		}
		if strings.HasPrefix(strings.ToUpper(k), "SC") && r.HasEquivalent("shellcheck", k) {
			return true
		}
		if r.HasEquivalent("buildkit", k) {
			return true
		}
	}
	return false
}

// Find returns the index of the pragma that suppresses fd, or -1: a global pragma naming its
// rule, a stage pragma above the FROM of the stage fd is in, or one on the lines above the
// instruction fd is on. A dockopt pragma may have
// comments and blank lines between it and the instruction; a hadolint pragma applies, as in
// hadolint, only to an instruction that starts on the very next line (hadolint's
// Hadolint.Pragma keys each ignore by the pragma's line + 1), so a file behaves the same
// under both tools.
func Find(f *dockerfile.File, fd rule.Finding, ps []Pragma) int {
	for i, s := range ps {
		if !s.Names(fd.Rule) {
			continue
		}
		if s.Global {
			return i
		}
		in := instructionAfter(f, s.Line)
		if in != nil && s.Tool == "hadolint" && in.StartLine != s.Line+1 {
			continue
		}
		end := 0
		if in != nil {
			end = in.EndLine
		}
		if s.Stage {
			end = stageEnd(f, in)
		}
		if in != nil && fd.Line >= in.StartLine && fd.Line <= end {
			return i
		}
	}
	return -1
}

// stageEnd is the last line of the stage whose FROM is in (0 when in is not a FROM: a stage
// pragma above another instruction suppresses nothing).
func stageEnd(f *dockerfile.File, in *dockerfile.Instruction) int {
	for _, st := range f.Stages {
		if st.From == in && in != nil {
			return st.Instructions[len(st.Instructions)-1].EndLine
		}
	}
	return 0
}

func instructionAfter(f *dockerfile.File, line int) *dockerfile.Instruction {
	for _, in := range f.Instructions {
		if in.StartLine > line {
			return in
		}
	}
	return nil
}

// ReportUnused is DO601's check: it reports the dockopt pragmas that name a key known rejects,
// or that suppressed nothing (used[i] is false) although a rule they name ran (ran: an
// opt-in rule left off, or a rule that needs the build context linted without one, may match
// when it runs). hadolint pragmas are left alone: they may name hadolint checks dockopt does
// not have.
func ReportUnused(f *dockerfile.File, ps []Pragma, used []bool, known, ran func(key string) bool) []rule.Finding {
	pass := rule.NewPass(f, nil)
	pass.Rule = UnusedSuppression
	for i, s := range ps {
		if s.Tool != "dockopt" {
			continue
		}
		unknown := 0
		for _, k := range s.Keys {
			if !known(k) {
				pass.ReportLine(s.Line, fmt.Sprintf("suppression names %q, which is not a rule (see `dockopt rules`)", k))
				unknown++
			}
		}
		// a pragma naming only unknown rules cannot match anything: "not a rule" says it all;
		// one naming only rules that did not run (ran false) may match when they run
		if !used[i] && unknown < len(s.Keys) && slices.ContainsFunc(s.Keys, ran) {
			// name only the rules that ran: the others may match when they run
			var ranKeys []string
			for _, k := range s.Keys {
				if known(k) && ran(k) {
					ranKeys = append(ranKeys, k)
				}
			}
			msg := fmt.Sprintf("suppression of %s matches no finding: remove it", strings.Join(ranKeys, ", "))
			if len(ranKeys) < len(s.Keys) {
				msg = fmt.Sprintf("suppression of %s matches no finding: remove %s from the pragma (the other rules it names did not run)", strings.Join(ranKeys, ", "), strings.Join(ranKeys, ", "))
			}
			pass.ReportLine(s.Line, msg)
		}
	}
	return pass.Findings()
}
