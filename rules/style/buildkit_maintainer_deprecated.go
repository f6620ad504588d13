package style

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// MaintainerDeprecated is DO008 (maintainer-deprecated).
	MaintainerDeprecated = &rule.Rule{
		ID:          "DO008",
		Name:        "maintainer-deprecated",
		Family:      rule.Style_,
		Severity:    rule.Info,
		Equivalents: []string{"buildkit:MaintainerDeprecated", "hadolint:DL4000", "trivy:AVD-DS-0022"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds the `MAINTAINER` instruction. dockopt runs BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter).",
			Why: "`MAINTAINER` has been deprecated since Docker 1.13. The image author belongs in the " +
				"`org.opencontainers.image.authors` label, which registries and scanners read. " +
				"Severity: info, where hadolint's DL4000 is an error: MAINTAINER still works in every " +
				"builder, BuildKit only warns about the deprecation, and the image is the same with the " +
				"label.",
			Example:    "MAINTAINER Jane Doe <jane@example.com>",
			UseInstead: "LABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"",
			Fixed:      "The author is a LABEL, not MAINTAINER",
			FixNotes: "Replaces the instruction with `LABEL org.opencontainers.image.authors=\"...\"` " +
				"holding the same text. Safe: the image gains the standard label instead of the deprecated " +
				"author field. No fix when the text spans lines or holds quotes, `$`, backslashes or " +
				"backticks, which the label would interpret.",
			References: []string{
				buildkitlint.DocURL("maintainer-deprecated"),
				"https://docs.docker.com/engine/deprecated/#maintainer-in-dockerfile",
				"https://github.com/opencontainers/image-spec/blob/main/annotations.md#pre-defined-annotation-keys",
				"https://github.com/hadolint/hadolint/wiki/DL4000",
			},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "MaintainerDeprecated", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil || in.Cmd != "maintainer" {
					buildkitlint.Report(p, w, in, "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors")
					return
				}
				p.Report(in, "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors",
					rule.WithFix("replace MAINTAINER with LABEL org.opencontainers.image.authors", maintainerEdits(p.File, in)...))
			})
		},
	}
)

// maintainerEdits rewrites `MAINTAINER text` as `LABEL org.opencontainers.image.authors="text"`.
func maintainerEdits(f *dockerfile.File, in *dockerfile.Instruction) []rule.TextEdit {
	t := buildkitlint.InstructionSource(f, in)
	ws := t.Words()
	if len(ws) < 2 {
		return nil
	}
	first, last := ws[1], ws[len(ws)-1]
	// the value must be on one source line, written as is
	if last.End-first.Start != last.Idx+len(last.Text)-first.Idx {
		return nil
	}
	value := string(f.Source[first.Start:last.End])
	if strings.ContainsAny(value, "\"\\$`") {
		return nil
	}
	label := buildkitlint.MatchCase("label", in.Keyword)
	return []rule.TextEdit{
		{Start: in.StartOffset, End: first.Start, New: label + ` org.opencontainers.image.authors="`},
		{Start: last.End, End: last.End, New: `"`},
	}
}
