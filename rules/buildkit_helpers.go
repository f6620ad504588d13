package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/dockopt/dockopt/dockerfile"
)

// srcText is an instruction's command part joined the way BuildKit's parser joins it
// (continuation escapes removed, comment and empty lines inside the continuation skipped),
// with the source offset of every byte, so that fixes can edit the original text.
type srcText struct {
	s    string
	offs []int
	// crossed[i] is true when a comment line lies between byte i-1 and byte i.
	crossed []bool
}

// srcWord is one whitespace-separated word of an instruction, as written.
type srcWord struct {
	Text       string
	Start, End int // source offsets, End exclusive
	idx        int // index of the first byte in srcText
}

// instructionSource joins the command part of in (heredoc bodies excluded).
func instructionSource(f *dockerfile.File, in *dockerfile.Instruction) srcText {
	var t srcText
	n := in.EndOffset - in.StartOffset
	b := make([]byte, 0, n)
	t.offs = make([]int, 0, n)
	t.crossed = make([]bool, 0, n)
	esc := byte(f.EscapeToken)
	last := in.EndLine
	for _, h := range in.Heredocs {
		if h.StartLine > 0 && h.StartLine-1 < last {
			last = h.StartLine - 1
		}
	}
	comment := false
	for n := in.StartLine; n <= last; n++ {
		start := f.LineOffset(n)
		text := f.LineText(n)
		if n == in.StartLine {
			if d := in.StartOffset - start; d > 0 && d <= len(text) {
				start, text = in.StartOffset, text[d:]
			}
		} else {
			t := strings.TrimLeft(text, " \t\v\f\r")
			if strings.HasPrefix(t, "#") {
				comment = true
				continue
			}
			if t == "" {
				continue
			}
		}
		cont := false
		body := strings.TrimRight(text, " \t")
		if len(body) > 0 && body[len(body)-1] == esc && (len(body) == 1 || body[len(body)-2] != esc) {
			cont = true
			text = body[:len(body)-1]
		}
		for i := range len(text) {
			b = append(b, text[i])
			t.offs = append(t.offs, start+i)
			t.crossed = append(t.crossed, comment && i == 0)
		}
		comment = false
		if !cont {
			break
		}
	}
	t.s = string(b)
	return t
}

// words splits the joined text on unquoted white space; quotes are kept in the words.
func (t srcText) words() []srcWord {
	var out []srcWord
	i := 0
	for i < len(t.s) {
		for i < len(t.s) && isSpaceByte(t.s[i]) {
			i++
		}
		if i >= len(t.s) {
			break
		}
		j := i
		var quote byte
		for j < len(t.s) {
			c := t.s[j]
			if quote != 0 {
				if c == quote {
					quote = 0
				}
			} else if c == '"' || c == '\'' {
				quote = c
			} else if isSpaceByte(c) {
				break
			}
			j++
		}
		out = append(out, srcWord{Text: t.s[i:j], Start: t.offs[i], End: t.offs[j-1] + 1, idx: i})
		i = j
	}
	return out
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}

// sourceWords returns the instruction's words (keyword first).
func sourceWords(f *dockerfile.File, in *dockerfile.Instruction) []srcWord {
	return instructionSource(f, in).words()
}

// stageWorkdir returns the absolute working directory in effect at the end of stage st
// (through the stages it is built FROM), and whether it is known: it is known for scratch,
// and when an absolute WORKDIR was set in the stage or in a stage of this file it is built
// FROM; an external base image's WORKDIR is unknown offline.
func stageWorkdir(f *dockerfile.File, st *dockerfile.Stage, before *dockerfile.Instruction) (string, bool) {
	wd, known := "/", false
	if base := f.BaseStage(st); base != nil {
		wd, known = stageWorkdir(f, base, nil)
	} else if strings.EqualFold(st.BaseImage, "scratch") {
		known = true
	}
	for _, in := range st.Instructions {
		if in == before {
			break
		}
		if in.Cmd != "workdir" || len(in.Args) == 0 {
			continue
		}
		p, ok := f.Expand(in, unquote(in.Args[0]))
		if !ok || p == "" {
			return "", false
		}
		if strings.HasPrefix(p, "/") {
			wd, known = cleanPath(p), true
		} else if known {
			wd = cleanPath(wd + "/" + p)
		}
	}
	return wd, known
}

func cleanPath(p string) string {
	parts := []string{}
	for _, s := range strings.Split(p, "/") {
		switch s {
		case "", ".":
		case "..":
			if len(parts) > 0 {
				parts = parts[:len(parts)-1]
			}
		default:
			parts = append(parts, s)
		}
	}
	return "/" + strings.Join(parts, "/")
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// isWindowsAbsPath reports whether p is absolute on Windows (C:\dir, C:/dir, \dir).
func isWindowsAbsPath(p string) bool {
	if len(p) >= 2 && p[1] == ':' && (p[0] >= 'a' && p[0] <= 'z' || p[0] >= 'A' && p[0] <= 'Z') {
		return true
	}
	return strings.HasPrefix(p, `\`)
}

// matchCase returns word in the case of model: upper-case when model is all upper-case,
// lower-case otherwise.
func matchCase(word, model string) string {
	if model == strings.ToUpper(model) {
		return strings.ToUpper(word)
	}
	return strings.ToLower(word)
}

// expandGlobal expands the variables of a FROM line (image or --platform) with the global
// ARGs (defaults and build args), as BuildKit does; ok is false when a variable has no value.
// (File.Expand on a FROM instruction does not see the global ARGs.)
func expandGlobal(f *dockerfile.File, word string) (string, bool) {
	if !strings.Contains(word, "$") {
		return word, true
	}
	env := globalEnv{}
	if len(f.GlobalArgs) > 0 {
		env = f.Vars(f.GlobalArgs[0])
	}
	res, err := shell.NewLex(f.EscapeToken).ProcessWordWithMatches(word, env)
	if err != nil || len(res.Unmatched) > 0 {
		return "", false
	}
	return res.Result, true
}

type globalEnv map[string]string

func (m globalEnv) Get(k string) (string, bool) { v, ok := m[k]; return v, ok }
func (m globalEnv) Keys() []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
