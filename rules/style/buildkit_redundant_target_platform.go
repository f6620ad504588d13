package style

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// RedundantTargetPlatform is DO015 (redundant-target-platform).
	RedundantTargetPlatform = &rule.Rule{
		ID:          "DO015",
		Name:        "redundant-target-platform",
		Family:      rule.Style_,
		Severity:    rule.Info,
		Equivalents: []string{"buildkit:RedundantTargetPlatform", "hadolint:DL3065"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds `FROM --platform=$TARGETPLATFORM`. dockopt runs BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter).",
			Why: "A stage is built for the target platform unless told otherwise, so the flag says nothing. " +
				"It also suggests a cross-compilation setup that is not there (the useful flag in that case " +
				"is `--platform=$BUILDPLATFORM`). " +
				"Severity: info, where hadolint's DL3065 is a warning: the flag states what BuildKit does " +
				"anyway, so the image is the same with or without it.",
			Example:    "FROM --platform=$TARGETPLATFORM alpine AS builder",
			UseInstead: "FROM alpine AS builder",
			Fixed:      "No redundant --platform on FROM",
			FixNotes:   "Removes the flag. Safe: the target platform is already the default.",
			References: []string{
				buildkitlint.DocURL("redundant-target-platform"),
				"https://docs.docker.com/build/building/variables/#multi-platform-build-arguments",
			},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "RedundantTargetPlatform", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil || in.Cmd != "from" {
					buildkitlint.Report(p, w, in, buildkitlint.LowerFirst(w.Message))
					return
				}
				var edits []rule.TextEdit
				ws := buildkitlint.SourceWords(p.File, in)
				for i := 1; i+1 < len(ws); i++ {
					if strings.HasPrefix(strings.ToLower(ws[i].Text), "--platform=") {
						if ws[i].End-ws[i].Start == len(ws[i].Text) {
							edits = append(edits, rule.TextEdit{Start: ws[i].Start, End: ws[i+1].Start})
						}
						break
					}
				}
				p.Report(in, "--platform=$TARGETPLATFORM is redundant: stages are built for the target platform by default",
					rule.WithFix("remove --platform", edits...))
			})
		},
	}
)
