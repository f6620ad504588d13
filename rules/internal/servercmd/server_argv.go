package servercmd

import (
	"encoding/json"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// This file turns the command of a CMD, ENTRYPOINT or HEALTHCHECK (exec or shell form) into
// argument vectors whose words keep their position in the file, so that the server rules
// (DO506-DO509) and the healthcheck rules (DO401/DO402) can read them and fix single words.

// Arg is one word of a command line.
type Arg struct {
	// Value is the word with quotes and escapes removed; for a word holding expansions
	// ($VAR, $(cmd)) it is the word's source text and Literal is false.
	Value   string
	Literal bool
	// In is the instruction the word belongs to.
	In *dockerfile.Instruction
	// Start and End delimit the word's source text (quotes included); -1 when unknown.
	Start, End int
	// ValueStart is the offset where Value appears byte for byte in the file (inside the
	// quotes), -1 when it does not (escapes, line continuations, expansions).
	ValueStart int
}

// CmdLine is one simple command: a program and its arguments.
type CmdLine struct {
	In   *dockerfile.Instruction
	Args []Arg
	// Shell is true when the words come from shell code (shell form or `sh -c`).
	Shell bool
}

// InstrCommandLines returns the simple commands a CMD or ENTRYPOINT runs. Exec form gives
// one command (plus the commands of its script when it is `sh -c SCRIPT`); shell form in a
// POSIX shell gives every simple command of the parsed text. PowerShell/cmd stages give the
// exec-form argv only.
func InstrCommandLines(f *dockerfile.File, in *dockerfile.Instruction) []CmdLine {
	if in.JSON {
		args := JSONArgs(f, in)
		if len(args) == 0 {
			return nil
		}
		out := []CmdLine{{In: in, Args: args}}
		return append(out, ShellC(f, in, args)...)
	}
	if !in.IsPOSIXShell() || len(in.Args) == 0 {
		return nil
	}
	src, offs := relShellSource(in, in.Args[len(in.Args)-1])
	return ParseShell(in, src, offs)
}

// ShellC returns the commands of the script of `sh -c SCRIPT` (also bash, and with
// options before -c) in an exec-form argv.
func ShellC(f *dockerfile.File, in *dockerfile.Instruction, args []Arg) []CmdLine {
	for i := 0; i+1 < len(args); i++ {
		if !dockerfile.IsPOSIXShellName(args[i].Value) {
			continue
		}
		for j := i + 1; j < len(args)-1; j++ {
			a := args[j].Value
			if !strings.HasPrefix(a, "-") {
				break
			}
			if strings.Contains(a, "c") && !strings.HasPrefix(a, "--") {
				script := args[j+1]
				return ParseShell(in, script.Value, dockerfile.RunMap(script.ValueStart, len(script.Value)))
			}
		}
		break
	}
	return nil
}

// relShellSource returns cmdline, a part of a shell-form instruction's joined text
// (dockerfile.Instruction.Joined), with the file offsets of its bytes (-1 where unknown).
func relShellSource(in *dockerfile.Instruction, cmdline string) (string, dockerfile.SourceMap) {
	j := in.Joined()
	if i := strings.LastIndex(j.Text, cmdline); i >= 0 {
		return cmdline, j.Offsets.Slice(i, i+len(cmdline))
	}
	return cmdline, dockerfile.RunMap(-1, len(cmdline))
}

// ParseShell parses shell code, whose bytes offs maps to file offsets, and returns its simple
// commands.
func ParseShell(in *dockerfile.Instruction, src string, offs dockerfile.SourceMap) []CmdLine {
	file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
	if err != nil {
		return nil
	}
	var out []CmdLine
	syntax.Walk(file, func(n syntax.Node) bool {
		ce, ok := n.(*syntax.CallExpr)
		if !ok || len(ce.Args) == 0 {
			return true
		}
		cl := CmdLine{In: in, Shell: true}
		for _, w := range ce.Args {
			cl.Args = append(cl.Args, relShellWord(in, src, offs, w))
		}
		out = append(out, cl)
		return true
	})
	return out
}

func relShellWord(in *dockerfile.Instruction, src string, offs dockerfile.SourceMap, w *syntax.Word) Arg {
	s, e := int(w.Pos().Offset()), int(w.End().Offset())
	a := Arg{In: in, Start: offs.At(s), End: -1, ValueStart: -1, Literal: true}
	if o := offs.At(e - 1); o >= 0 {
		a.End = o + 1
	}
	var b strings.Builder
	for _, part := range w.Parts {
		switch x := part.(type) {
		case *syntax.Lit:
			b.WriteString(relUnescape(x.Value, false))
		case *syntax.SglQuoted:
			b.WriteString(x.Value)
		case *syntax.DblQuoted:
			for _, dp := range x.Parts {
				if l, ok := dp.(*syntax.Lit); ok {
					b.WriteString(relUnescape(l.Value, true))
				} else {
					a.Literal = false
					b.WriteString(src[dp.Pos().Offset():dp.End().Offset()])
				}
			}
		default:
			a.Literal = false
			b.WriteString(src[part.Pos().Offset():part.End().Offset()])
		}
	}
	a.Value = b.String()
	// where does Value appear verbatim?
	if a.Literal && len(w.Parts) == 1 {
		inner := s
		switch x := w.Parts[0].(type) {
		case *syntax.Lit:
			if strings.Contains(x.Value, `\`) {
				return a
			}
		case *syntax.SglQuoted:
			inner = s + 1
		case *syntax.DblQuoted:
			if len(x.Parts) > 1 || (len(x.Parts) == 1 && strings.Contains(src[s:e], `\`)) {
				return a
			}
			inner = s + 1
		}
		if offs.Contiguous(inner, inner+len(a.Value)) && src[inner:inner+len(a.Value)] == a.Value {
			a.ValueStart = offs.At(inner)
			if len(a.Value) == 0 {
				a.ValueStart = -1
			}
		}
	}
	return a
}

// relUnescape removes shell backslash escapes (inside double quotes only before $ ` " \ and
// newline).
func relUnescape(s string, dquoted bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			if !dquoted || strings.IndexByte("$`\"\\\n", s[i+1]) >= 0 {
				i++
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// JSONArgs returns the words of an exec-form instruction with their positions, found by
// scanning the JSON array in the source. When the scan disagrees with BuildKit's parse, the
// words come back without positions.
func JSONArgs(f *dockerfile.File, in *dockerfile.Instruction) []Arg {
	want := in.Args
	if in.Cmd == "healthcheck" && len(want) > 0 && strings.EqualFold(want[0], "CMD") {
		want = want[1:]
	}
	out := make([]Arg, len(want))
	for i, v := range want {
		out[i] = Arg{Value: v, Literal: true, In: in, Start: -1, End: -1, ValueStart: -1}
	}
	found := relScanJSONStrings(f, in)
	if len(found) != len(want) {
		return out
	}
	for i := range found {
		if found[i].Value != want[i] {
			return out
		}
	}
	return found
}

func relScanJSONStrings(f *dockerfile.File, in *dockerfile.Instruction) []Arg {
	src := f.Source
	end := in.EndOffset
	if len(in.Heredocs) > 0 && in.Heredocs[0].ContentOffset > in.StartOffset {
		end = in.Heredocs[0].ContentOffset
	}
	i := in.StartOffset
	for i < end && src[i] != '[' {
		i++
	}
	var out []Arg
	lineStart := false
	for ; i < end; i++ {
		c := src[i]
		if c == '\n' {
			lineStart = true
			continue
		}
		if lineStart {
			if c == ' ' || c == '\t' || c == '\r' {
				continue
			}
			lineStart = false
			if c == '#' {
				for i < end && src[i] != '\n' {
					i++
				}
				i--
				continue
			}
		}
		if c == ']' {
			break
		}
		if c != '"' {
			continue
		}
		j := i + 1
		for j < end && src[j] != '"' && src[j] != '\n' {
			if src[j] == '\\' {
				j++
			}
			j++
		}
		if j >= end || src[j] != '"' {
			return nil
		}
		raw := string(src[i : j+1])
		var v string
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			return nil
		}
		a := Arg{Value: v, Literal: true, In: in, Start: i, End: j + 1, ValueStart: -1}
		if !strings.Contains(raw, `\`) && v != "" {
			a.ValueStart = i + 1
		}
		out = append(out, a)
		i = j
	}
	return out
}

// Base returns the base name of a program path ("/usr/local/bin/uvicorn" -> "uvicorn").
func Base(prog string) string { return pkgmgr.ProgramBase(prog) }

// IsPython reports whether a program is a Python interpreter (python, python3, python3.12).
func IsPython(prog string) bool { return pkgmgr.IsPython(prog) }

// ProgramIndex returns the index of the word that names the program actually run by a
// command line (pkgmgr.ProgramIndex: launchers, their options and VAR=value words skipped);
// for `python -m MODULE` it returns the index of MODULE and module is true.
func ProgramIndex(args []Arg) (idx int, module bool) {
	words := make([]string, len(args))
	for i, a := range args {
		words[i] = a.Value
	}
	return pkgmgr.ProgramIndex(words)
}
