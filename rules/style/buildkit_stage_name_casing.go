package style

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// StageNameCasing is DO001 (stage-name-casing).
	StageNameCasing = &rule.Rule{
		ID:          "DO001",
		Name:        "stage-name-casing",
		Family:      rule.Style_,
		Severity:    rule.Style,
		Equivalents: []string{"buildkit:StageNameCasing"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds stage names (`FROM image AS Name`) that are not all lower-case. dockopt runs " +
				"BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter).",
			Why: "BuildKit lower-cases stage names when it resolves them, so `Builder` and `builder` are " +
				"the same stage. Writing them in lower case keeps names visually distinct from instruction " +
				"keywords and makes every reference (`COPY --from=`, `FROM`, `--target`) read the same.",
			Example:    "FROM golang:1.22 AS BuilderBase\nFROM alpine\nCOPY --from=BuilderBase /out/app /app",
			UseInstead: "FROM golang:1.22 AS builderbase\nFROM alpine\nCOPY --from=builderbase /out/app /app",
			Fixed:      "Stage names are lower case",
			FixNotes: "Lower-cases the name where it is defined and in every later `FROM`, `COPY --from=`, " +
				"`ADD --from=` and `RUN --mount=...,from=` that refers to it. Safe: BuildKit matches stage " +
				"names case-insensitively (`docker build --target` too), so the build is unchanged.",
			References: []string{buildkitlint.DocURL("stage-name-casing")},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "StageNameCasing", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil || in.Cmd != "from" || len(in.Args) < 3 {
					buildkitlint.Report(p, w, in, buildkitlint.LowerFirst(w.Message))
					return
				}
				name := in.Args[2]
				p.Report(in, fmt.Sprintf("stage name %q is not lower-case", name),
					rule.WithFix("lower-case stage name "+name, stageRenameEdits(p.File, in, name)...))
			})
		},
	}
)

// stageRenameEdits lower-cases a stage name at its definition (the FROM in) and in every
// later reference to it.
func stageRenameEdits(f *dockerfile.File, def *dockerfile.Instruction, name string) []rule.TextEdit {
	lower := strings.ToLower(name)
	var edits []rule.TextEdit
	ws := buildkitlint.SourceWords(f, def)
	if len(ws) > 0 && ws[len(ws)-1].Text == name {
		w := ws[len(ws)-1]
		edits = append(edits, rule.TextEdit{Start: w.Start, End: w.End, New: lower})
	} else {
		return nil
	}
	after := false
	for _, in := range f.Instructions {
		if in == def {
			after = true
			continue
		}
		if !after {
			continue
		}
		switch in.Cmd {
		case "from":
			if len(in.Args) > 0 && in.Args[0] != lower && strings.EqualFold(in.Args[0], name) {
				for _, w := range buildkitlint.SourceWords(f, in)[1:] {
					if strings.HasPrefix(w.Text, "--") {
						continue
					}
					if w.Text == in.Args[0] {
						edits = append(edits, rule.TextEdit{Start: w.Start, End: w.End, New: lower})
					}
					break
				}
			}
		case "copy", "add", "run":
			for _, w := range buildkitlint.SourceWords(f, in)[1:] {
				if !strings.HasPrefix(w.Text, "--") {
					break
				}
				edits = append(edits, flagRefEdits(w, name, lower)...)
			}
		}
	}
	return edits
}

// flagRefEdits returns the edits renaming stage name in a `--from=name` or
// `--mount=...,from=name,...` flag word.
func flagRefEdits(w buildkitlint.SrcWord, name, lower string) []rule.TextEdit {
	var val string
	var base int
	switch {
	case strings.HasPrefix(strings.ToLower(w.Text), "--from="):
		val, base = w.Text[len("--from="):], len("--from=")
		if buildkitlint.Unquote(val) != val {
			val, base = val[1:len(val)-1], base+1
		}
		if val != lower && strings.EqualFold(val, name) && w.End-w.Start == len(w.Text) {
			return []rule.TextEdit{{Start: w.Start + base, End: w.Start + base + len(val), New: lower}}
		}
	case strings.HasPrefix(strings.ToLower(w.Text), "--mount="):
		if w.End-w.Start != len(w.Text) {
			return nil // the word spans a line continuation
		}
		off := len("--mount=")
		for _, kv := range strings.Split(w.Text[off:], ",") {
			k, v, _ := strings.Cut(kv, "=")
			if strings.EqualFold(strings.TrimSpace(k), "from") && v != lower && strings.EqualFold(v, name) {
				s := w.Start + off + len(k) + 1
				return []rule.TextEdit{{Start: s, End: s + len(v), New: lower}}
			}
			off += len(kv) + 1
		}
	}
	return nil
}
