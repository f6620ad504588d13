package buildkitlint

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
)

// srcText is an instruction's command part joined the way BuildKit's parser joins it
// (continuation escapes removed, comment and empty lines inside the continuation skipped),
// with the source offsets of its bytes, so that fixes can edit the original text.
type srcText struct {
	S    string
	Offs dockerfile.SourceMap
	// crossed[i] is true when a comment line lies between byte i-1 and byte i.
	Crossed []bool
}

// SrcWord is one whitespace-separated word of an instruction, as written.
type SrcWord struct {
	Text       string
	Start, End int // source offsets, End exclusive
	Idx        int // index of the first byte in srcText
}

// InstructionSource is in's joined command part (dockerfile.Instruction.Joined), with a
// flag per byte for the comment lines crossed.
func InstructionSource(f *dockerfile.File, in *dockerfile.Instruction) srcText {
	j := in.Joined()
	t := srcText{S: j.Text, Offs: j.Offsets, Crossed: make([]bool, len(j.Text))}
	for _, i := range j.AfterComment {
		t.Crossed[i] = true
	}
	return t
}

// Words splits the joined text on unquoted white space; quotes are kept in the words.
func (t srcText) Words() []SrcWord {
	var out []SrcWord
	i := 0
	for i < len(t.S) {
		for i < len(t.S) && IsSpaceByte(t.S[i]) {
			i++
		}
		if i >= len(t.S) {
			break
		}
		j := i
		var quote byte
		for j < len(t.S) {
			c := t.S[j]
			if quote != 0 {
				if c == quote {
					quote = 0
				}
			} else if c == '"' || c == '\'' {
				quote = c
			} else if IsSpaceByte(c) {
				break
			}
			j++
		}
		out = append(out, SrcWord{Text: t.S[i:j], Start: t.Offs.At(i), End: t.Offs.At(j-1) + 1, Idx: i})
		i = j
	}
	return out
}

func IsSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}

// SourceWords returns the instruction's words (keyword first).
func SourceWords(f *dockerfile.File, in *dockerfile.Instruction) []SrcWord {
	return InstructionSource(f, in).Words()
}

// StageWorkdir returns the absolute working directory in effect at the end of stage st
// (through the stages it is built FROM), and whether it is known: it is known for scratch,
// and when an absolute WORKDIR was set in the stage or in a stage of this file it is built
// FROM; an external base image's WORKDIR is unknown offline.
func StageWorkdir(f *dockerfile.File, st *dockerfile.Stage, before *dockerfile.Instruction) (string, bool) {
	wd, known := "/", false
	if base := f.BaseStage(st); base != nil {
		wd, known = StageWorkdir(f, base, nil)
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
		p, ok := f.Expand(in, Unquote(in.Args[0]))
		if !ok || p == "" {
			return "", false
		}
		if strings.HasPrefix(p, "/") {
			wd, known = CleanPath(p), true
		} else if known {
			wd = CleanPath(wd + "/" + p)
		}
	}
	return wd, known
}

func CleanPath(p string) string {
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

func Unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// IsWindowsAbsPath reports whether p is absolute on Windows (C:\dir, C:/dir, \dir).
func IsWindowsAbsPath(p string) bool {
	if len(p) >= 2 && p[1] == ':' && (p[0] >= 'a' && p[0] <= 'z' || p[0] >= 'A' && p[0] <= 'Z') {
		return true
	}
	return strings.HasPrefix(p, `\`)
}

// MatchCase returns word in the case of model: upper-case when model is all upper-case,
// lower-case otherwise.
func MatchCase(word, model string) string {
	if model == strings.ToUpper(model) {
		return strings.ToUpper(word)
	}
	return strings.ToLower(word)
}
