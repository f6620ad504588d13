// Package dockerfile parses a Dockerfile with BuildKit's parser and builds the model the rules
// read: parser directives, global ARGs, stages, instructions with exact source ranges, flags,
// heredocs, the raw comment lines, and RUN scripts parsed as shell (mvdan.cc/sh/v3).
//
// Positions are 1-based lines and 1-based columns counted in Unicode code points (see
// File.Position); offsets are 0-based byte offsets into File.Source. The parser is
// github.com/moby/buildkit/frontend/dockerfile/parser (v0.34.2), through dockerfile/internal/bkparser:
// a copy whose line-continuation test needs no regular expression, tested to give the same AST.
package dockerfile

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/parser"
)

// File is one parsed Dockerfile.
type File struct {
	// Path is the file name used in messages ("-" for standard input).
	Path string
	// Source is the file's bytes exactly as read.
	Source []byte
	// Lines holds the start offset of each line in Source; Lines[0] is line 1.
	Lines []int
	// EscapeToken is '\\' or '`' (the `# escape=` directive).
	EscapeToken rune
	// Directives are the parser directives at the top of the file, in order.
	Directives []Directive
	// Comments are every comment line of the file, directives excluded.
	Comments []Comment
	// GlobalArgs are the ARG instructions before the first FROM.
	GlobalArgs []*Instruction
	// Stages are the build stages in order.
	Stages []*Stage
	// Instructions are all instructions in source order (global ARGs included).
	Instructions []*Instruction
	// AST is BuildKit's syntax tree.
	AST *parser.Node
	// ParserWarnings are BuildKit parser warnings (empty continuation lines).
	ParserWarnings []parser.Warning
	// BuildArgs are values given on the command line (--build-arg), used when resolving.
	BuildArgs map[string]string

	// text is Source as a string, made once: line texts are slices of it.
	text string
	// varsCache holds File.Vars results; a File is used by one goroutine at a time.
	varsCache map[*Instruction]map[string]string
	// protected holds ProtectedRanges for ChangesProtected, computed once.
	protectedOnce sync.Once
	protected     [][2]int
	// global, inheritedEnv and stageEndVars are computed with varsCache (vars.go).
	global       mapEnv
	inheritedEnv map[*Stage]mapEnv
	stageEndVars map[*Stage]map[string]string
	// stateCache and stageEnd hold WorkdirAt/UserAt results (state.go).
	stateCache map[*Instruction]state
	stageEnd   map[*Stage]state
}

// Directive is a parser directive such as `# syntax=...`, `# escape=...` or `# check=...`.
type Directive struct {
	Name, Value string
	Line        int
}

// Comment is one comment line; Text is what follows '#', trimmed.
type Comment struct {
	Line int
	Text string
}

// Stage is a build stage: a FROM and the instructions up to the next FROM.
type Stage struct {
	// Index is the stage's position, from 0.
	Index int
	// Name is the stage name given with `AS`, lower-cased as BuildKit does; "" if none.
	Name string
	// BaseName is the base image reference as written (may contain ${VAR}).
	BaseName string
	// BaseImage is BaseName after ARG substitution; "" when a variable could not be resolved.
	BaseImage string
	// Platform is the --platform flag value as written, "" if none.
	Platform string
	// InvalidBaseImage says why BaseImage is not a valid image reference (uppercase, a short
	// digest, a template placeholder), "" when it is valid, a stage, scratch or unresolved.
	InvalidBaseImage string
	// From is the FROM instruction.
	From *Instruction
	// Instructions are the stage's instructions, FROM first.
	Instructions []*Instruction
}

// Flag is one `--name=value` flag of an instruction.
type Flag struct {
	Name, Value string
	// HasValue is false for a bare `--link`.
	HasValue bool
}

// Instruction is one Dockerfile instruction.
type Instruction struct {
	// Cmd is the instruction keyword lower-cased ("run", "from", ...).
	Cmd string
	// Keyword is the keyword exactly as written ("Run").
	Keyword string
	// Stage is the stage it belongs to, nil for a global ARG.
	Stage *Stage
	// StartLine and EndLine are the 1-based lines the instruction spans, heredoc bodies included.
	StartLine, EndLine int
	// StartOffset and EndOffset delimit the instruction's source text (EndOffset excludes the
	// final line ending).
	StartOffset, EndOffset int
	// Original is the instruction as BuildKit joined it (continuations removed).
	Original string
	// Flags are the builder flags, in order.
	Flags []Flag
	// Args are the arguments as BuildKit split them (for FROM: image, "AS", name).
	Args []string
	// JSON is true for the exec (JSON array) form of RUN, CMD, ENTRYPOINT, SHELL...
	JSON bool
	// Heredocs are the heredocs, with their bodies.
	Heredocs []Heredoc
	// Node is BuildKit's node.
	Node *parser.Node
	// Command is BuildKit's typed instruction (instructions.RunCommand, ...).
	Command any
	// Shell is the shell a shell-form RUN/CMD/ENTRYPOINT/HEALTHCHECK runs under.
	Shell []string
	// Script is the parsed shell script of a RUN (shell form, or heredoc run by a POSIX shell);
	// nil otherwise.
	Script *Script
	// InvalidExecForm is set when the argument was meant as a JSON array (exec form) but is
	// not valid JSON (`CMD ['app']`, a trailing comma): Docker then runs it as a shell command,
	// or, for COPY/ADD/VOLUME, splits it at white space. Line and Column are where the array
	// starts; Msg says what is wrong.
	InvalidExecForm *ParseError
	// OnBuild is the wrapped instruction of an ONBUILD, nil otherwise.
	OnBuild *Instruction
	// Comments are the comment lines directly above the instruction.
	Comments []Comment

	joined joinedLine
}

// SourceText is an instruction's command part (heredoc bodies excluded) joined the way
// BuildKit's parser joins it: continuation escapes removed, comment and empty lines inside
// the continuation skipped, leading white space dropped. It is the one rejoiner of source
// text: the offsets let rules report on, and fixes edit, the original bytes.
type SourceText struct {
	Text string
	// Offsets maps a byte index of Text to its source offset.
	Offsets SourceMap
	// AfterComment lists the indices in Text of the first byte of each line that follows a
	// comment line inside the continuation.
	AfterComment []int
}

// Joined returns the instruction's joined command part (see SourceText). The slices are
// shared: callers must not modify them.
func (in *Instruction) Joined() SourceText {
	return SourceText{Text: in.joined.text, Offsets: in.joined.offs, AfterComment: in.joined.afterComment}
}

// Heredoc is one heredoc attached to an instruction.
type Heredoc struct {
	parser.Heredoc
	// ContentOffset is the offset of the body's first byte in File.Source (-1 if unknown).
	ContentOffset int
	// StartLine is the line of the body's first line.
	StartLine int
}

// Flag returns the value of the named flag (without "--") and whether it is present.
func (in *Instruction) Flag(name string) (string, bool) {
	for _, f := range in.Flags {
		if f.Name == name {
			return f.Value, true
		}
	}
	return "", false
}

// FlagValues returns the values of every occurrence of the named flag (e.g. --mount).
func (in *Instruction) FlagValues(name string) []string {
	var out []string
	for _, f := range in.Flags {
		if f.Name == name {
			out = append(out, f.Value)
		}
	}
	return out
}

// HasCacheMount reports whether a RUN has `--mount=type=cache`.
func (in *Instruction) HasCacheMount() bool {
	for _, m := range in.FlagValues("mount") {
		for _, kv := range strings.Split(m, ",") {
			if strings.TrimSpace(kv) == "type=cache" {
				return true
			}
		}
	}
	return false
}

// CacheMountTargets returns the target paths of the RUN's cache mounts.
func (in *Instruction) CacheMountTargets() []string {
	var out []string
	for _, m := range in.FlagValues("mount") {
		isCache := false
		target := ""
		for _, kv := range strings.Split(m, ",") {
			k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
			switch k {
			case "type":
				isCache = v == "cache"
			case "target", "dst", "destination":
				target = v
			}
		}
		if isCache && target != "" {
			out = append(out, target)
		}
	}
	return out
}

// ShellForm reports whether a RUN/CMD/ENTRYPOINT is in shell form.
func (in *Instruction) ShellForm() bool { return !in.JSON }

// IsPOSIXShell reports whether the instruction's shell is a POSIX-like shell (sh, bash, ash,
// dash, zsh, ksh); false for PowerShell and cmd.
func (in *Instruction) IsPOSIXShell() bool {
	if len(in.Shell) == 0 {
		return true
	}
	return IsPOSIXShellName(in.Shell[0])
}

// IsPOSIXShellName reports whether a program path names a POSIX-like shell.
func IsPOSIXShellName(prog string) bool {
	base := prog
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	base = strings.ToLower(strings.TrimSuffix(strings.ToLower(base), ".exe"))
	switch base {
	case "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox":
		return true
	}
	return false
}

// Text returns the instruction's exact source text.
func (in *Instruction) Text(f *File) string {
	return f.text[in.StartOffset:in.EndOffset]
}

// Typed returns BuildKit's typed command, e.g. *instructions.RunCommand, or nil.
func Typed[T any](in *Instruction) (T, bool) {
	v, ok := in.Command.(T)
	return v, ok
}

// FinalStage returns the last stage (the image `docker build` produces without --target).
func (f *File) FinalStage() *Stage {
	if len(f.Stages) == 0 {
		return nil
	}
	return f.Stages[len(f.Stages)-1]
}

// StageByName returns the stage with this name or numeric index, or nil.
func (f *File) StageByName(name string) *Stage {
	lname := strings.ToLower(name)
	for _, s := range f.Stages {
		if s.Name != "" && s.Name == lname {
			return s
		}
	}
	for _, s := range f.Stages {
		if itoa(s.Index) == name {
			return s
		}
	}
	return nil
}

// Directive returns the value of the named parser directive.
func (f *File) Directive(name string) (string, bool) {
	for _, d := range f.Directives {
		if d.Name == name {
			return d.Value, true
		}
	}
	return "", false
}

// LineText returns line n (1-based) without its line ending.
func (f *File) LineText(n int) string {
	if n < 1 || n > len(f.Lines) {
		return ""
	}
	start := f.Lines[n-1]
	end := len(f.Source)
	if n < len(f.Lines) {
		end = f.Lines[n]
	}
	return strings.TrimRight(f.text[start:end], "\r\n")
}

// Position converts a byte offset into a 1-based line and column. The column counts Unicode
// code points (characters, as editors show them), not bytes, and a byte order mark at the
// start of the file is not counted; an offset inside a multi-byte character is the column of
// that character. Every output format reports this column.
func (f *File) Position(off int) (line, col int) {
	if off < 0 {
		return 1, 1
	}
	if off > len(f.Source) {
		off = len(f.Source)
	}
	lo, hi := 0, len(f.Lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.Lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	start := f.Lines[lo]
	if lo == 0 && bytes.HasPrefix(f.Source, []byte("\ufeff")) {
		start = min(3, off)
	}
	col = 1
	for i := start; i < off; i++ {
		if utf8.RuneStart(f.Source[i]) {
			col++
		}
	}
	if off < len(f.Source) && off > start && !utf8.RuneStart(f.Source[off]) {
		col-- // inside a character: that character's column
	}
	return lo + 1, col
}

// LineOffset returns the offset of the first byte of line n (1-based).
func (f *File) LineOffset(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(f.Lines) {
		return len(f.Source)
	}
	return f.Lines[n-1]
}

// LineEndOffset returns the offset just past line n's content (before its line ending).
func (f *File) LineEndOffset(n int) int {
	return f.LineOffset(n) + len(f.LineText(n))
}

// ProtectedRanges are the byte ranges [start, end) no fix may change: parser directives,
// comment lines and heredoc bodies (with their terminators), each with its line ending, so
// that an insertion at the end of such a line counts as changing it.
func (f *File) ProtectedRanges() [][2]int {
	var out [][2]int
	for _, d := range f.Directives {
		out = append(out, [2]int{f.LineOffset(d.Line), f.LineEndOffset(d.Line) + 1})
	}
	for _, c := range f.Comments {
		out = append(out, [2]int{f.LineOffset(c.Line), f.LineEndOffset(c.Line) + 1})
	}
	for _, in := range f.Instructions {
		for _, h := range in.Heredocs {
			if h.ContentOffset >= 0 {
				out = append(out, [2]int{h.ContentOffset, in.EndOffset + 1})
				break // bodies and terminators run to the end of the instruction
			}
		}
	}
	return out
}

// ChangesProtected reports whether replacing the bytes [start, end) changes a protected range
// (ProtectedRanges). An insertion (start == end) exactly at a range's start or end does not.
// The one owner of the check: lint drops every fix that would.
func (f *File) ChangesProtected(start, end int) bool {
	f.protectedOnce.Do(func() { f.protected = f.ProtectedRanges() })
	for _, p := range f.protected {
		if start == end {
			if start > p[0] && start < p[1] {
				return true
			}
			continue
		}
		if start < p[1] && p[0] < end {
			return true
		}
	}
	return false
}

// Newline returns the file's line ending: "\r\n" when its first line ends with CRLF, else "\n".
func (f *File) Newline() string {
	if f.UsesCRLF() {
		return "\r\n"
	}
	return "\n"
}

// UsesCRLF reports whether the file's first line ends with CRLF.
func (f *File) UsesCRLF() bool {
	i := strings.IndexByte(string(f.Source), '\n')
	return i > 0 && f.Source[i-1] == '\r'
}

var _ = instructions.Stage{}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	p := len(b)
	neg := i < 0
	if neg {
		i = -i
	}
	for i > 0 {
		p--
		b[p] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		p--
		b[p] = '-'
	}
	return string(b[p:])
}
