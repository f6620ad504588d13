package style

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// LegacyKeyValueFormat is DO013 (legacy-key-value-format).
	LegacyKeyValueFormat = &rule.Rule{
		ID:          "DO013",
		Name:        "legacy-key-value-format",
		Family:      rule.Style_,
		Severity:    rule.Info,
		Equivalents: []string{"buildkit:LegacyKeyValueFormat"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds `ENV` and `LABEL` written in the legacy `KEY value` form, with white space instead " +
				"of `=` between the key and the value. dockopt runs BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter).",
			Why: "The space-separated form is deprecated. It also reads ambiguously: `ENV A B C` sets A to " +
				"\"B C\", while `ENV A=B C=D` sets two variables, and one instruction can only hold one " +
				"legacy pair.",
			Example:    "ENV PYTHONDONTWRITEBYTECODE 1\nENV DEPS curl git make",
			UseInstead: "ENV PYTHONDONTWRITEBYTECODE=1\nENV DEPS=\"curl git make\"",
			Fixed:      "ENV and LABEL use the key=value form",
			FixNotes: "Replaces the white space after the key with `=`, and wraps the value in double quotes " +
				"when it holds unquoted white space (the legacy value is everything after the key). Safe: " +
				"the value stays byte for byte the same. No fix when a multi-word value holds quotes or " +
				"escape characters. Comment lines between the key and the value are kept.",
			References: []string{
				buildkitlint.DocURL("legacy-key-value-format"),
				"https://docs.docker.com/reference/dockerfile/#env",
			},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "LegacyKeyValueFormat", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil || (in.Cmd != "env" && in.Cmd != "label") {
					buildkitlint.Report(p, w, in, buildkitlint.LowerFirst(w.Message))
					return
				}
				kw := strings.ToUpper(in.Cmd)
				key := ""
				if len(in.Args) > 0 {
					key = in.Args[0]
				}
				p.Report(in, fmt.Sprintf("%s %s uses the legacy \"key value\" form; write %s %s=value", kw, key, kw, key),
					rule.WithFix("write "+key+"=value", legacyKVEdits(p.File, in)...))
			})
		},
	}
)

// legacyKVEdits turns `ENV key value` into `ENV key=value` (quoting a multi-word value).
func legacyKVEdits(f *dockerfile.File, in *dockerfile.Instruction) []rule.TextEdit {
	t := buildkitlint.InstructionSource(f, in)
	ws := t.Words()
	if len(ws) < 3 || strings.ContainsAny(ws[1].Text, "\"'=") {
		return nil
	}
	keyEnd := ws[1].Idx + len(ws[1].Text)
	val := keyEnd
	for val < len(t.S) && buildkitlint.IsSpaceByte(t.S[val]) {
		val++
	}
	end := len(t.S)
	for end > val && buildkitlint.IsSpaceByte(t.S[end-1]) {
		end--
	}
	if val >= end {
		return nil
	}
	crossed := false
	for k := keyEnd + 1; k <= val; k++ {
		crossed = crossed || t.Crossed[k]
	}
	sepStart, sepEnd := t.Offs.At(keyEnd-1)+1, t.Offs.At(val)
	value := t.S[val:end]
	multi := hasUnquotedSpace(value, byte(f.EscapeToken))
	if multi && (strings.ContainsAny(value, "\"'`\\") || strings.ContainsRune(value, f.EscapeToken)) {
		return nil
	}
	eq := "="
	if multi {
		eq = `="`
	}
	var edits []rule.TextEdit
	if !crossed {
		edits = []rule.TextEdit{{Start: sepStart, End: sepEnd, New: eq}}
	} else {
		// Comment lines sit between the key and the value: keep them. Put the `=` before the
		// line continuation and drop the indentation of the value's first line, which the
		// legacy form does not count as part of the value.
		i := sepStart
		for i < len(f.Source) && (f.Source[i] == ' ' || f.Source[i] == '\t') {
			i++
		}
		if i == sepStart || i >= len(f.Source) || rune(f.Source[i]) != f.EscapeToken {
			return nil
		}
		edits = []rule.TextEdit{{Start: sepStart, End: i, New: eq}}
		if ls := f.LineOffset(lineOf(f, sepEnd)); ls < sepEnd {
			edits = append(edits, rule.TextEdit{Start: ls, End: sepEnd})
		}
	}
	if multi {
		edits = append(edits, rule.TextEdit{Start: t.Offs.At(end-1) + 1, End: t.Offs.At(end-1) + 1, New: `"`})
	}
	return edits
}

func lineOf(f *dockerfile.File, off int) int {
	l, _ := f.Position(off)
	return l
}

// hasUnquotedSpace reports whether a shell word holds white space outside quotes.
func hasUnquotedSpace(s string, esc byte) bool {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
		case c == esc:
			i++
		case quote == '"':
			if c == '"' {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case buildkitlint.IsSpaceByte(c):
			return true
		}
	}
	return false
}
