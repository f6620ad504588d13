// Package fix applies the fixes of lint findings to a Dockerfile's original text. Fixes are
// byte-range edits (rule.TextEdit); bytes no edit touches stay identical (comments, blank
// lines, CRLF, heredoc bodies, the escape directive). Overlapping fixes are resolved
// deterministically: fixes are taken in order of position then rule ID, and a fix whose
// edits touch an already accepted edit waits for the next round. Rounds repeat (re-parse,
// re-lint) until nothing changes, so fixing the output again changes nothing.
package fix

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
)

// MaxRounds bounds the fix loop; a rule whose fix does not settle within it is a bug that the
// rules' tests catch.
const MaxRounds = 10

// Options select which fixes apply.
type Options struct {
	Lint lint.Options
	// Unsafe also applies fixes marked rule.UnsafeFix.
	Unsafe bool
	// BuildArgs are --build-arg values for parsing.
	BuildArgs map[string]string
}

// Applied is one fix that was applied.
type Applied struct {
	Rule        *rule.Rule
	Line        int // line of the finding in the text the fix was applied to
	Description string
	Round       int
}

// Result is the outcome of fixing one file.
type Result struct {
	Output  []byte
	Applied []Applied
	// Rounds is the number of rounds that changed the text.
	Rounds int
	// Remaining are the findings left after fixing (fixable ones included, e.g. unsafe fixes
	// not asked for).
	Remaining []rule.Finding
}

// Changed reports whether fixing changed the text.
func (r *Result) Changed() bool { return len(r.Applied) > 0 }

// File fixes src (the Dockerfile at path, with build context ctx, which may be nil) until no
// fixable finding is left. It returns an error only when src itself does not parse.
func File(path string, src []byte, ctx *buildctx.Context, opt Options) (*Result, error) {
	cur := src
	res := &Result{}
	for round := 1; ; round++ {
		f, err := dockerfile.Parse(path, cur, dockerfile.Options{BuildArgs: opt.BuildArgs})
		if err != nil {
			if round == 1 {
				return nil, err
			}
			return nil, fmt.Errorf("internal error: fixes produced text that does not parse: %w", err)
		}
		findings := lint.Run(f, ctx, opt.Lint)
		res.Remaining = findings
		if round > MaxRounds {
			break
		}
		fixes := selectFixes(findings, opt.Unsafe)
		if len(fixes) == 0 {
			break
		}
		next, applied := applyParsable(path, cur, fixes, opt)
		if len(applied) == 0 || bytes.Equal(next, cur) {
			break
		}
		for _, a := range applied {
			res.Applied = append(res.Applied, Applied{Rule: a.Rule, Line: a.Line, Description: a.Fix.Description, Round: round})
		}
		res.Rounds = round
		cur = next
	}
	res.Output = cur
	return res, nil
}

// selectFixes keeps the fixes to apply, in source order. lint.Run has already dropped every
// fix that would change a protected range.
func selectFixes(fs []rule.Finding, unsafe bool) []rule.Finding {
	var out []rule.Finding
	for _, f := range fs {
		if f.Fix == nil || len(f.Fix.Edits) == 0 {
			continue
		}
		if f.Fix.Safety == rule.UnsafeFix && !unsafe {
			continue
		}
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Fix.Edits[0].Start, out[j].Fix.Edits[0].Start
		if a != b {
			return a < b
		}
		return out[i].Rule.ID < out[j].Rule.ID
	})
	return out
}

// applyParsable applies the non-conflicting fixes; if the result does not parse, it falls
// back to the first single fix whose result parses.
func applyParsable(path string, src []byte, fixes []rule.Finding, opt Options) ([]byte, []rule.Finding) {
	accepted := nonConflicting(fixes)
	if out, err := Apply(src, edits(accepted)); err == nil && parses(path, out, opt) {
		return out, accepted
	}
	for _, f := range accepted {
		if next, err := Apply(src, f.Fix.Edits); err == nil && parses(path, next, opt) {
			return next, []rule.Finding{f}
		}
	}
	return src, nil
}

func parses(path string, src []byte, opt Options) bool {
	_, err := dockerfile.Parse(path, src, dockerfile.Options{BuildArgs: opt.BuildArgs})
	return err == nil
}

func edits(fs []rule.Finding) []rule.TextEdit {
	var out []rule.TextEdit
	for _, f := range fs {
		out = append(out, f.Fix.Edits...)
	}
	return out
}

// nonConflicting keeps, in order, each fix none of whose edits touches an edit already kept.
// Touching (adjacent ranges, two insertions at one point) counts as a conflict, because the
// order of the two would be ambiguous; the later fix is retried in the next round.
func nonConflicting(fs []rule.Finding) []rule.Finding {
	var kept []rule.Finding
	var taken []rule.TextEdit
	for _, f := range fs {
		ok := true
		for _, e := range f.Fix.Edits {
			for _, t := range taken {
				if e.Start <= t.End && t.Start <= e.End {
					ok = false
				}
			}
		}
		// a fix's own edits must not touch each other either
		for i, a := range f.Fix.Edits {
			for _, b := range f.Fix.Edits[i+1:] {
				if a.Start < b.End && b.Start < a.End {
					ok = false
				}
			}
		}
		if ok {
			kept = append(kept, f)
			taken = append(taken, f.Fix.Edits...)
		}
	}
	return kept
}

// Apply applies edits to src. Edits must not overlap; it returns an error naming the first
// pair that does, or an edit outside src. An insertion (Start == End) at the offset where
// another edit starts does not overlap it: the insertion goes first, whatever the order the
// edits were given in.
func Apply(src []byte, es []rule.TextEdit) ([]byte, error) {
	sorted := append([]rule.TextEdit(nil), es...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Start == a.End && b.Start != b.End
	})
	var b bytes.Buffer
	pos := 0
	for _, e := range sorted {
		if e.Start < pos || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) overlaps another or lies outside the text (%d bytes)", e.Start, e.End, len(src))
		}
		b.Write(src[pos:e.Start])
		b.WriteString(e.New)
		pos = e.End
	}
	b.Write(src[pos:])
	return b.Bytes(), nil
}
