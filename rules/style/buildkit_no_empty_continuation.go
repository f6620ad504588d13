package style

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// NoEmptyContinuation is DO003 (no-empty-continuation).
	NoEmptyContinuation = &rule.Rule{
		ID:          "DO003",
		Name:        "no-empty-continuation",
		Family:      rule.Style_,
		Severity:    rule.Warning,
		Equivalents: []string{"buildkit:NoEmptyContinuation"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds empty lines inside an instruction continued with `\\` (or the escape character " +
				"set by `# escape=`). dockopt reads BuildKit's parser warning (the same as `docker build --check`).",
			Why: "An empty line does not end a continued instruction: the parser skips it and keeps " +
				"joining lines, so the next line, even one that looks like a new instruction, becomes part " +
				"of the previous one. BuildKit has deprecated empty continuation lines and says a future " +
				"release will reject them, which would break the build.",
			Example:    "RUN apk add \\\n\n    curl",
			UseInstead: "RUN apk add \\\n    curl",
			Fixed:      "No empty continuation lines",
			FixNotes: "Deletes the empty lines. Safe: the parser already ignores them, so the instruction " +
				"is unchanged. Comment lines are kept.",
			References: []string{buildkitlint.DocURL("no-empty-continuation")},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "NoEmptyContinuation", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil {
					buildkitlint.Report(p, w, in, "empty continuation line")
					return
				}
				lines := emptyContinuationLines(p.File, in)
				var edits []rule.TextEdit
				for _, n := range lines {
					edits = append(edits, rule.TextEdit{Start: p.File.LineOffset(n), End: p.File.LineOffset(n + 1)})
				}
				msg := fmt.Sprintf("%s continues over an empty line", strings.ToUpper(in.Cmd))
				if len(lines) > 0 {
					msg = fmt.Sprintf("%s continues over an empty line (line %d)", strings.ToUpper(in.Cmd), lines[0])
				}
				p.Report(in, msg, rule.WithFix("delete empty continuation lines", edits...))
			})
		},
	}
)

// emptyContinuationLines returns the empty lines inside the command part of in (heredoc
// bodies excluded).
func emptyContinuationLines(f *dockerfile.File, in *dockerfile.Instruction) []int {
	last := in.EndLine
	for _, h := range in.Heredocs {
		if h.StartLine > 0 && h.StartLine-1 < last {
			last = h.StartLine - 1
		}
	}
	var out []int
	for n := in.StartLine + 1; n <= last; n++ {
		if strings.TrimSpace(f.LineText(n)) == "" && n < len(f.Lines) {
			out = append(out, n)
		}
	}
	return out
}
