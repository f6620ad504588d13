package style

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// FromAsCasing is DO002 (from-as-casing).
	FromAsCasing = &rule.Rule{
		ID:          "DO002",
		Name:        "from-as-casing",
		Family:      rule.Style_,
		Severity:    rule.Style,
		Equivalents: []string{"buildkit:FromAsCasing"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds a `FROM ... AS name` whose `AS` keyword is not written in the same case as " +
				"`FROM` (`FROM image as name`). dockopt runs BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter).",
			Why: "Keywords are case-insensitive, but mixing `FROM` with `as` makes the file harder to " +
				"scan. A `From` keyword in mixed case is left to consistent-instruction-casing.",
			Example:    "FROM golang:1.22 as builder",
			UseInstead: "FROM golang:1.22 AS builder",
			Fixed:      "AS is written in the same case as FROM",
			FixNotes:   "Rewrites the `AS` keyword in the case of `FROM`. Safe: keywords are case-insensitive.",
			References: []string{buildkitlint.DocURL("from-as-casing")},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "FromAsCasing", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil || in.Cmd != "from" || len(in.Args) < 3 {
					buildkitlint.Report(p, w, in, buildkitlint.LowerFirst(w.Message))
					return
				}
				want := buildkitlint.MatchCase("as", in.Keyword)
				msg := fmt.Sprintf("%q does not match the case of %q", in.Args[1], in.Keyword)
				var edits []rule.TextEdit
				ws := buildkitlint.SourceWords(p.File, in)
				if n := len(ws); n >= 3 && strings.EqualFold(ws[n-2].Text, "as") && ws[n-2].End-ws[n-2].Start == 2 {
					edits = append(edits, rule.TextEdit{Start: ws[n-2].Start, End: ws[n-2].End, New: want})
				}
				p.Report(in, msg, rule.WithFix("write "+want, edits...))
			})
		},
	}
)
