package dockerfile

import (
	"bytes"
	_ "crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/distribution/reference"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/linter"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/util/suggest"

	"github.com/dockopt/dockopt/dockerfile/internal/bkparser"
)

// MaxFileBytes is the largest Dockerfile accepted, in bytes. Real Dockerfiles are a few KiB;
// anything past this is treated as bad input rather than parsed.
const MaxFileBytes = 2 << 20

// MaxLineBytes is the size of BuildKit's line buffer (bufio.Scanner's MaxScanTokenSize): a
// line of this many bytes or more, its newline left out, fills it and the parse fails, so the
// longest line accepted is MaxLineBytes-1 bytes.
const MaxLineBytes = 64 * 1024

// ParseError is a Dockerfile that cannot be parsed: it names the file, line and column.
type ParseError struct {
	File   string
	Line   int // 1-based; 0 when the error is about the whole file
	Column int // 1-based; 0 when unknown
	Msg    string
}

func (e *ParseError) Error() string {
	return Pos{e.File, e.Line, e.Column}.String() + ": " + e.Msg
}

// quietLinter is given to BuildKit's instruction parser, which dereferences its linter when a
// `# check=` comment sits above an instruction; with no Warn function it reports nothing
// (dockopt's rules do the checking).
var quietLinter = linter.New(&linter.Config{})

// Options tune parsing.
type Options struct {
	// BuildArgs are --build-arg values used when resolving ARGs (e.g. in FROM).
	BuildArgs map[string]string
}

// Parse parses a Dockerfile's bytes. path is used in messages only. It returns a *ParseError
// for empty, binary, non-UTF-8, oversized or syntactically invalid input; it never panics.
func Parse(path string, src []byte, opt Options) (f *File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, &ParseError{File: path, Msg: fmt.Sprintf("internal error while parsing: %v", r)}
		}
	}()
	if err := checkInput(path, src); err != nil {
		return nil, err
	}
	res, err := bkparser.Parse(bytes.NewReader(src)) // BuildKit's parser.Parse, faster: see bkparser
	if err != nil {
		return nil, toParseError(path, err)
	}
	f = &File{Path: path, Source: src, text: string(src), EscapeToken: res.EscapeToken, AST: res.AST,
		ParserWarnings: res.Warnings, BuildArgs: opt.BuildArgs}
	f.indexLines()
	f.scanComments()
	if err := f.build(); err != nil {
		return nil, err
	}
	f.dropHeredocComments()
	return f, nil
}

// dropHeredocComments removes the "comments" that are lines of a heredoc's body or its
// terminator: BuildKit reads them as the body (a shell comment, a file's text), so a
// `# dockopt ignore=` there is no pragma.
func (f *File) dropHeredocComments() {
	var bodies [][2]int // first and last line of each body, terminator included
	for _, in := range f.Instructions {
		for _, h := range in.Heredocs {
			bodies = append(bodies, [2]int{h.StartLine, h.StartLine + strings.Count(h.Content, "\n")})
		}
	}
	if len(bodies) == 0 {
		return
	}
	f.Comments = slices.DeleteFunc(f.Comments, func(c Comment) bool {
		return slices.ContainsFunc(bodies, func(b [2]int) bool { return c.Line >= b[0] && c.Line <= b[1] })
	})
}

func checkInput(path string, src []byte) error {
	if len(src) > MaxFileBytes {
		return &ParseError{File: path, Msg: fmt.Sprintf("file is %d bytes, larger than the %d-byte limit for a Dockerfile", len(src), MaxFileBytes)}
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return &ParseError{File: path, Msg: "file is empty"}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line := bytes.Count(src[:i], []byte{'\n'}) + 1
		return &ParseError{File: path, Line: line, Msg: "binary file (contains a NUL byte), not a Dockerfile"}
	}
	line, start := 1, 0
	for i := 0; i <= len(src); i++ {
		if j := bytes.IndexByte(src[i:], '\n'); j >= 0 { // to the end of the line at once
			i += j
		} else {
			i = len(src)
		}
		if i == len(src) || src[i] == '\n' {
			if i-start >= MaxLineBytes {
				return &ParseError{File: path, Line: line, Msg: fmt.Sprintf("line is %d bytes, longer than the %d-byte limit", i-start, MaxLineBytes)}
			}
			if !utf8.Valid(src[start:i]) {
				col := 1
				for b := src[start:i]; len(b) > 0; {
					r, size := utf8.DecodeRune(b)
					if r == utf8.RuneError && size <= 1 {
						break
					}
					b = b[size:]
					col++ // columns count characters
				}
				return &ParseError{File: path, Line: line, Column: col, Msg: "invalid UTF-8"}
			}
			line++
			start = i + 1
		}
	}
	return nil
}

func toParseError(path string, err error) *ParseError {
	pe := &ParseError{File: path, Msg: cleanMsg(err)}
	var le *parser.LocationError
	if errors.As(err, &le) {
		for _, rs := range le.Locations {
			if len(rs) > 0 {
				pe.Line = rs[0].Start.Line
				if rs[0].Start.Character > 0 {
					pe.Column = rs[0].Start.Character + 1
				}
				break
			}
		}
	}
	if pe.Line > 0 && pe.Column == 0 {
		pe.Column = 1
	}
	return pe
}

func cleanMsg(err error) string {
	var le *parser.LocationError
	if errors.As(err, &le) && le.Unwrap() != nil {
		err = le.Unwrap()
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "dockerfile parse error on line ")
	return strings.TrimSpace(msg)
}

func (f *File) indexLines() {
	f.Lines = make([]int, 1, bytes.Count(f.Source, []byte{'\n'})+1)
	for i := bytes.IndexByte(f.Source, '\n'); i >= 0 && i+1 < len(f.Source); {
		f.Lines = append(f.Lines, i+1)
		j := bytes.IndexByte(f.Source[i+1:], '\n')
		if j < 0 {
			break
		}
		i += 1 + j
	}
}

// scanComments records parser directives and comment lines. Directives are only recognised
// at the very top of the file, before any other comment or instruction (BuildKit's rule).
func (f *File) scanComments() {
	directivesOpen := true
	for n := 1; n <= len(f.Lines); n++ {
		text := strings.TrimLeft(f.LineText(n), " \t")
		if n == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if !strings.HasPrefix(text, "#") {
			if strings.TrimSpace(text) != "" {
				directivesOpen = false
			} else if directivesOpen && n > 1 {
				directivesOpen = false
			}
			continue
		}
		body := strings.TrimSpace(text[1:])
		if directivesOpen {
			if k, v, ok := strings.Cut(body, "="); ok {
				name := strings.ToLower(strings.TrimSpace(k))
				if isDirectiveName(name) && !strings.ContainsAny(strings.TrimSpace(k), " \t") {
					f.Directives = append(f.Directives, Directive{Name: name, Value: strings.TrimSpace(v), Line: n})
					continue
				}
			}
			directivesOpen = false
		}
		f.Comments = append(f.Comments, Comment{Line: n, Text: body})
	}
}

func isDirectiveName(n string) bool {
	return n == "syntax" || n == "escape" || n == "check"
}

// build walks BuildKit's AST into stages and instructions.
func (f *File) build() error {
	var cur *Stage
	shellByStage := map[*Stage][]string{}
	for _, node := range f.AST.Children {
		in, err := f.newInstruction(node)
		if err != nil {
			return err
		}
		switch in.Cmd {
		case "from":
			st := &Stage{Index: len(f.Stages), From: in}
			if len(in.Args) > 0 {
				st.BaseName = in.Args[0]
			}
			if len(in.Args) >= 3 && strings.EqualFold(in.Args[1], "as") {
				st.Name = strings.ToLower(in.Args[2])
			}
			st.Platform, _ = in.Flag("platform")
			st.BaseImage, _ = f.ExpandGlobal(st.BaseName)
			if st.InvalidBaseImage = f.checkBaseImage(st); st.InvalidBaseImage != "" && !referenceAlphabet(st.BaseImage) {
				// A template's placeholder (`FROM alpine:%%TAG%%`) is no image reference at all:
				// the file is not a Dockerfile yet, so it stays a parse error.
				return &ParseError{File: f.Path, Line: in.StartLine, Column: 1, Msg: st.InvalidBaseImage}
			}
			f.Stages = append(f.Stages, st)
			cur = st
			shellByStage[st] = defaultShell(f, st)
			if base := f.stageRef(st.BaseImage, st.Index); base != nil {
				shellByStage[st] = shellByStage[base]
			}
		default:
			if cur == nil {
				if in.Cmd != "arg" {
					// BuildKit: instructions.CurrentStage
					return &ParseError{File: f.Path, Line: in.StartLine, Column: 1,
						Msg: fmt.Sprintf("%s before the first FROM: no build stage in current context", strings.ToUpper(in.Cmd))}
				}
				f.GlobalArgs = append(f.GlobalArgs, in)
				f.Instructions = append(f.Instructions, in)
				continue
			}
		}
		in.Stage = cur
		cur.Instructions = append(cur.Instructions, in)
		f.Instructions = append(f.Instructions, in)
		if sh, ok := in.Command.(*instructions.ShellCommand); ok {
			shellByStage[cur] = append([]string(nil), sh.Shell...)
		}
		in.Shell = shellByStage[cur]
		if in.OnBuild != nil {
			in.OnBuild.Shell = in.Shell
			in.OnBuild.Stage = cur
		}
		f.attachScript(in)
		if in.OnBuild != nil {
			f.attachScript(in.OnBuild)
		}
	}
	if len(f.Stages) == 0 && len(f.Instructions) > 0 {
		// only global ARGs: BuildKit (dockerfile2llb) refuses the file
		return &ParseError{File: f.Path, Line: f.Instructions[0].StartLine, Column: 1,
			Msg: "no FROM: the Dockerfile contains no stages to build"}
	}
	return nil
}

// checkBaseImage says why BuildKit would reject a base image reference when building
// (`FROM DEBIAN`, `FROM x@sha256:f1db`, a template's `FROM alpine:%%TAG%%`), "" when it
// would not. BuildKit's parser accepts the file: the reference fails only when the stage is
// resolved, so a reference made of the characters references use is a finding (DO017) and
// the rest of the file is still linted; one with other characters (a template placeholder)
// is a parse error (see build). Stage references, scratch and unresolved variables are not
// checked.
func (f *File) checkBaseImage(st *Stage) string {
	img := st.BaseImage
	if img == "" || strings.EqualFold(img, "scratch") || f.stageRef(img, st.Index) != nil {
		return ""
	}
	if img == strings.TrimSpace(img) && ParseImageRef(img).Valid {
		return "" // the grammar accepts it (ParseImageRef keeps its readings)
	}
	if _, err := reference.ParseNormalizedNamed(img); err != nil {
		return fmt.Sprintf("invalid base image reference %q: %v", img, err)
	}
	return ""
}

// referenceAlphabet says whether s uses only the characters of an image reference's
// grammar (github.com/distribution/reference: name components, tag, digest, registry
// host and port), of either case.
func referenceAlphabet(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("._-/:@[]", r):
		default:
			return false
		}
	}
	return true
}

func defaultShell(f *File, st *Stage) []string {
	img := strings.ToLower(st.BaseImage + " " + st.BaseName)
	if strings.Contains(img, "windows") || strings.Contains(img, "nanoserver") || strings.Contains(img, "servercore") {
		return []string{"cmd", "/S", "/C"}
	}
	return []string{"/bin/sh", "-c"}
}

// stageRef returns the earlier stage a base name refers to, or nil.
func (f *File) stageRef(name string, before int) *Stage {
	if name == "" {
		return nil
	}
	for _, s := range f.Stages[:before] {
		if s.Name != "" && s.Name == strings.ToLower(name) {
			return s
		}
	}
	return nil
}

// BaseStage returns the earlier stage a stage is built FROM, or nil when its base is an image.
func (f *File) BaseStage(st *Stage) *Stage { return f.stageRef(st.BaseImage, st.Index) }

func (f *File) newInstruction(node *parser.Node) (*Instruction, error) {
	in := &Instruction{
		Cmd:       strings.ToLower(node.Value),
		Keyword:   node.Value,
		StartLine: node.StartLine,
		EndLine:   node.EndLine,
		Original:  node.Original,
		Node:      node,
		JSON:      node.Attributes["json"],
	}
	in.StartOffset = f.LineOffset(node.StartLine)
	// skip leading white space on the first line
	for in.StartOffset < len(f.Source) && (f.Source[in.StartOffset] == ' ' || f.Source[in.StartOffset] == '\t') {
		in.StartOffset++
	}
	if node.StartLine == 1 && bytes.HasPrefix(f.Source[in.StartOffset:], []byte("\ufeff")) {
		in.StartOffset += 3
	}
	in.EndOffset = f.LineEndOffset(node.EndLine)
	for _, fl := range node.Flags {
		name, val, has := strings.Cut(strings.TrimPrefix(fl, "--"), "=")
		in.Flags = append(in.Flags, Flag{Name: strings.ToLower(name), Value: val, HasValue: has})
	}
	for n := node.Next; n != nil; n = n.Next {
		in.Args = append(in.Args, n.Value)
	}
	in.Comments = f.commentsAbove(node.StartLine)
	lastLine := f.joinCommandPart(in)
	// An argument meant as a JSON array that is not one: SHELL cannot build (an error); the
	// others build with another meaning, which the invalid-exec-form rule reports.
	if pe := f.checkExecForm(node, in); pe != nil {
		if in.Cmd == "shell" {
			return nil, pe
		}
		in.InvalidExecForm = pe
	}
	if in.Cmd == "onbuild" && node.Next != nil && len(node.Next.Children) > 0 {
		if pe := f.checkExecForm(node.Next.Children[0], in); pe != nil {
			if strings.EqualFold(node.Next.Children[0].Value, "shell") {
				return nil, pe
			}
			in.InvalidExecForm = pe
		}
	}
	cmd, err := instructions.ParseInstructionWithLinter(node, quietLinter)
	if err != nil {
		// the errors `docker build` would stop at: unknown instruction, bad flags, bad JSON...
		var unknown *instructions.UnknownInstructionError
		if errors.As(err, &unknown) {
			// BuildKit suggests the nearest instruction from a map's order, so of two as near
			// (rm: arg, cmd, from, run) a different one each run: ask it with the names sorted
			err = suggest.WrapError(unknown, node.Value, instructionNames(), false)
		}
		pe := toParseError(f.Path, err)
		if pe.Line == 0 {
			pe.Line, pe.Column = node.StartLine, 1
		}
		return nil, pe
	}
	in.Command = cmd
	off := f.LineOffset(lastLine + 1)
	line := lastLine + 1
	for _, h := range node.Heredocs {
		hd := Heredoc{Heredoc: h, ContentOffset: off, StartLine: line}
		in.Heredocs = append(in.Heredocs, hd)
		line += strings.Count(h.Content, "\n") + 1
		off = f.LineOffset(line)
	}
	if in.Cmd == "onbuild" && len(node.Next.Children) > 0 {
		child := node.Next.Children[0]
		sub := &Instruction{Cmd: strings.ToLower(child.Value), Keyword: child.Value,
			StartLine: node.StartLine, EndLine: node.EndLine, StartOffset: in.StartOffset,
			EndOffset: in.EndOffset, Original: child.Original, Node: child, JSON: child.Attributes["json"]}
		for _, fl := range child.Flags {
			name, val, has := strings.Cut(strings.TrimPrefix(fl, "--"), "=")
			sub.Flags = append(sub.Flags, Flag{Name: strings.ToLower(name), Value: val, HasValue: has})
		}
		for n := child.Next; n != nil; n = n.Next {
			sub.Args = append(sub.Args, n.Value)
		}
		sub.joined = in.joined
		sub.Heredocs = in.Heredocs
		if c, err := instructions.ParseCommand(child); err == nil {
			sub.Command = c
		}
		in.OnBuild = sub
	}
	return in, nil
}

// commentsAbove returns the run of comment lines directly above line n.
func (f *File) commentsAbove(n int) []Comment {
	var out []Comment
	i := len(f.Comments) - 1
	for ; i >= 0 && f.Comments[i].Line >= n; i-- {
	}
	want := n - 1
	for ; i >= 0 && f.Comments[i].Line == want; i-- {
		out = append([]Comment{f.Comments[i]}, out...)
		want--
	}
	return out
}

// instructionNames are the Dockerfile instructions, upper-case and sorted, as BuildKit's
// parser suggests them for an unknown one.
var instructionNames = sync.OnceValue(func() []string {
	names := make([]string, 0, len(command.Commands))
	for name := range command.Commands {
		names = append(names, strings.ToUpper(name))
	}
	slices.Sort(names)
	return names
})
