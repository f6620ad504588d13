package rules

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

func init() {
	rule.Register(&rule.Rule{
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
			FixNotes: "Replaces the white space after the key with `=`, and wraps the value in double quotes " +
				"when it holds unquoted white space (the legacy value is everything after the key). Safe: " +
				"the value stays byte for byte the same. No fix when a multi-word value holds quotes or " +
				"escape characters. Comment lines between the key and the value are kept.",
			References: []string{
				buildkitDocURL("legacy-key-value-format"),
				"https://docs.docker.com/reference/dockerfile/#env",
			},
		},
		Check: func(p *rule.Pass) {
			eachBuildkitWarning(p, "LegacyKeyValueFormat", func(w bkWarning, in *dockerfile.Instruction) {
				if in == nil || (in.Cmd != "env" && in.Cmd != "label") {
					reportBuildkit(p, w, in, lowerFirst(w.Message))
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
	})
}

// legacyKVEdits turns `ENV key value` into `ENV key=value` (quoting a multi-word value).
func legacyKVEdits(f *dockerfile.File, in *dockerfile.Instruction) []rule.TextEdit {
	t := instructionSource(f, in)
	ws := t.words()
	if len(ws) < 3 || strings.ContainsAny(ws[1].Text, "\"'=") {
		return nil
	}
	keyEnd := ws[1].idx + len(ws[1].Text)
	val := keyEnd
	for val < len(t.s) && isSpaceByte(t.s[val]) {
		val++
	}
	end := len(t.s)
	for end > val && isSpaceByte(t.s[end-1]) {
		end--
	}
	if val >= end {
		return nil
	}
	crossed := false
	for k := keyEnd + 1; k <= val; k++ {
		crossed = crossed || t.crossed[k]
	}
	sepStart, sepEnd := t.offs[keyEnd-1]+1, t.offs[val]
	value := t.s[val:end]
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
		edits = append(edits, rule.TextEdit{Start: t.offs[end-1] + 1, End: t.offs[end-1] + 1, New: `"`})
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
		case isSpaceByte(c):
			return true
		}
	}
	return false
}
