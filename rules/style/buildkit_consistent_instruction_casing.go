package style

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// ConsistentInstructionCasing is DO004 (consistent-instruction-casing).
	ConsistentInstructionCasing = &rule.Rule{
		ID:          "DO004",
		Name:        "consistent-instruction-casing",
		Family:      rule.Style_,
		Severity:    rule.Style,
		Equivalents: []string{"buildkit:ConsistentInstructionCasing"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds instruction keywords written in mixed case (`Run`, `EntryPoint`) or in a case " +
				"other than the one most of the file uses. dockopt runs BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter).",
			Why: "Keywords are case-insensitive, but a file that mixes `RUN`, `run` and `Run` is harder " +
				"to read and to search. Most Dockerfiles write keywords in upper case.",
			Example:    "FROM alpine\nRun echo hello > /greeting.txt\nEntryPoint [\"cat\", \"/greeting.txt\"]",
			UseInstead: "FROM alpine\nRUN echo hello > /greeting.txt\nENTRYPOINT [\"cat\", \"/greeting.txt\"]",
			Fixed:      "Instruction keywords use one casing",
			FixNotes: "Rewrites the keyword in the case most keywords of the file use. Safe: keywords are " +
				"case-insensitive.",
			References: []string{buildkitlint.DocURL("consistent-instruction-casing")},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "ConsistentInstructionCasing", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil || in.Keyword == "" {
					buildkitlint.Report(p, w, in, buildkitlint.LowerFirst(w.Message))
					return
				}
				want, name := strings.ToUpper(in.Keyword), "upper-case"
				if w.Arg(1) == "lowercase" {
					want, name = strings.ToLower(in.Keyword), "lower-case"
				}
				var edits []rule.TextEdit
				if end := in.StartOffset + len(in.Keyword); end <= len(p.File.Source) && string(p.File.Source[in.StartOffset:end]) == in.Keyword {
					edits = append(edits, rule.TextEdit{Start: in.StartOffset, End: end, New: want})
				}
				p.Report(in, fmt.Sprintf("instruction %q should be %s like most instructions of the file", in.Keyword, name),
					rule.WithFix("write "+want, edits...))
			})
		},
	}
)
