package dockerfile

import (
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"mvdan.cc/sh/v3/syntax"
)

// Script is a RUN instruction's shell code, parsed with mvdan.cc/sh/v3 (bash dialect, which
// accepts POSIX sh). A RUN may contribute several parts: its command line, and heredoc bodies
// that a shell executes.
type Script struct {
	Parts []*ScriptPart
	// Commands are every simple command in the script, in source order, including those
	// inside subshells, conditionals, loops and command substitutions.
	Commands []*Command
	// Err is the first shell syntax error, nil if every part parsed.
	Err error
	// Pipefail is true when `set -o pipefail` (or `set -eo pipefail`...) appears before a pipe.
	Pipefail bool
}

// ScriptPart is one piece of shell source with the Dockerfile offset of each of its bytes.
type ScriptPart struct {
	Source string
	// Offsets maps a byte index of Source to an offset in File.Source (-1: not in the file).
	Offsets []int
	File    *syntax.File
	// Heredoc is true when the part is a heredoc body.
	Heredoc bool
}

// Command is one simple command (a program and its arguments).
type Command struct {
	// Name is the program's base name ("apt-get" for /usr/bin/apt-get), after wrappers such as
	// sudo, env, nohup, time and exec are skipped.
	Name string
	// Args are the arguments after Name: literal text where the word is literal (quotes
	// removed), the word's source text otherwise.
	Args []string
	// Words are the syntax words of Args.
	Words []*syntax.Word
	// Wrappers are the wrapper programs skipped before Name, e.g. ["sudo"].
	Wrappers []string
	// Assigns are the VAR=value prefixes of the command.
	Assigns []string
	// Call is the syntax node.
	Call *syntax.CallExpr
	// Part is the script part the command is in.
	Part *ScriptPart
	// Pipeline is a number shared by the commands of one `a | b` pipeline, 0 if none.
	Pipeline int
	// PipeIndex is the command's position in its pipeline (0 first).
	PipeIndex int
	// Redirects are the redirections of the statement, as source text (e.g. "> /dev/null").
	Redirects []string

	memoMu sync.Mutex
	memo   atomic.Pointer[[]memoEntry] // replaced, never changed in place: read without the lock
}

type memoEntry struct{ key, val any }

// Memo returns what compute derives from the command, computed once per key (packages that
// read commands, such as dockerfile/pkgmgr, keep their reading here instead of parsing the
// same command for every rule). The value is shared: callers must not modify it.
func (c *Command) Memo(key any, compute func() any) any {
	if m := c.memo.Load(); m != nil {
		for _, e := range *m {
			if e.key == key {
				return e.val
			}
		}
	}
	c.memoMu.Lock()
	defer c.memoMu.Unlock()
	var old []memoEntry
	if m := c.memo.Load(); m != nil {
		old = *m
		for _, e := range old {
			if e.key == key {
				return e.val
			}
		}
	}
	v := compute()
	next := append(old[:len(old):len(old)], memoEntry{key, v})
	c.memo.Store(&next)
	return v
}

// Offset maps a syntax position of this command's part to a File.Source offset (-1 unknown).
func (c *Command) Offset(p syntax.Pos) int {
	return c.Part.offset(int(p.Offset()))
}

// StartOffset is the file offset of the command's first word (or its first wrapper).
func (c *Command) StartOffset() int { return c.Offset(c.Call.Pos()) }

// EndOffset is the file offset just past the command's last word.
func (c *Command) EndOffset() int {
	end := c.Call.End()
	o := c.Part.offset(int(end.Offset()) - 1)
	if o < 0 {
		return -1
	}
	return o + 1
}

func (p *ScriptPart) offset(i int) int {
	if i < 0 || i >= len(p.Offsets) {
		return -1
	}
	return p.Offsets[i]
}

// MayHoldCommands reports whether a word may contain commands (a command or process
// substitution: $(...), `...`, <(...), >(...)): false when its source has none of $ ` (, so
// that a walk looking for commands, pipes or declarations need not enter it.
func (p *ScriptPart) MayHoldCommands(w *syntax.Word) bool {
	s, e := int(w.Pos().Offset()), int(w.End().Offset())
	if s < 0 || e > len(p.Source) || s > e {
		return true // no source to tell by
	}
	return strings.ContainsAny(p.Source[s:e], "$`(")
}

// WordSource returns a word's source text.
func (p *ScriptPart) WordSource(w syntax.Node) string {
	s, e := int(w.Pos().Offset()), int(w.End().Offset())
	if s < 0 || e > len(p.Source) || s > e {
		return ""
	}
	return p.Source[s:e]
}

// HasFlag reports whether the command has one of the given flags. Long flags ("--yes") match
// exactly or as "--yes=..."; one-letter flags ("-y") also match inside grouped short flags
// ("-qqy").
func (c *Command) HasFlag(flags ...string) bool {
	for _, a := range c.Args {
		if a == "--" {
			return false
		}
		for _, f := range flags {
			if a == f || (strings.HasPrefix(f, "--") && hasValuePrefix(a, f)) {
				return true
			}
			if len(f) == 2 && f[0] == '-' && f[1] != '-' && len(a) > 2 && a[0] == '-' && a[1] != '-' &&
				isLetters(a[1:]) && strings.ContainsRune(a[1:], rune(f[1])) {
				return true
			}
		}
	}
	return false
}

// FlagValue returns the value of a flag given as "--name=value" or "--name value" (or "-n value").
func (c *Command) FlagValue(names ...string) (string, bool) {
	for i, a := range c.Args {
		for _, n := range names {
			if a == n && i+1 < len(c.Args) {
				return c.Args[i+1], true
			}
			if hasValuePrefix(a, n) {
				return a[len(n)+1:], true
			}
		}
	}
	return "", false
}

// hasValuePrefix reports whether a is "name=..." (strings.HasPrefix(a, name+"="), without
// building that string).
func hasValuePrefix(a, name string) bool {
	return len(a) > len(name) && a[len(name)] == '=' && strings.HasPrefix(a, name)
}

func isLetters(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return s != ""
}

// Positional returns the arguments that are not flags. valueFlags lists flags that take a
// separate value (e.g. "-o" for apt-get), whose value is skipped too.
func (c *Command) Positional(valueFlags ...string) []string {
	var out []string
	skip := false
	dashdash := false
	for _, a := range c.Args {
		if skip {
			skip = false
			continue
		}
		if dashdash {
			out = append(out, a)
			continue
		}
		if a == "--" {
			dashdash = true
			continue
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			for _, v := range valueFlags {
				if a == v {
					skip = true
				}
			}
			continue
		}
		out = append(out, a)
	}
	return out
}

// Subcommand returns the first positional argument ("install" in apt-get install), or "".
func (c *Command) Subcommand(valueFlags ...string) string {
	p := c.Positional(valueFlags...)
	if len(p) == 0 {
		return ""
	}
	return p[0]
}

// Is reports whether the command's program is one of names.
func (c *Command) Is(names ...string) bool {
	for _, n := range names {
		if c.Name == n {
			return true
		}
	}
	return false
}

// attachScript parses the shell code of a RUN in a POSIX shell.
func (f *File) attachScript(in *Instruction) {
	if in.Cmd != "run" || in.JSON || !in.IsPOSIXShell() || len(in.Args) == 0 {
		return
	}
	s := &Script{}
	cmdline := in.Args[0]
	jt := in.joined.text
	start := strings.LastIndex(jt, cmdline)
	part := &ScriptPart{}
	if start >= 0 && start+len(cmdline) <= len(in.joined.offs) {
		part.Source = cmdline
		part.Offsets = in.joined.offs[start : start+len(cmdline)]
	} else {
		part.Source = cmdline
		part.Offsets = fill(len(cmdline), -1)
	}
	if len(in.Heredocs) > 0 {
		trimmed := strings.TrimSpace(cmdline)
		if len(in.Heredocs) == 1 && isBareHeredoc(trimmed, in.Heredocs[0].Name) {
			h := in.Heredocs[0]
			if shebang, ok := shebangOf(h.Content); ok && !IsPOSIXShellName(shebang) {
				return // a script in another language
			}
			s.addPart(heredocPart(h))
			in.Script = s
			s.finish()
			return
		}
		// command line + heredoc bodies, as a shell would read them
		src := []byte(part.Source)
		offs := append([]int(nil), part.Offsets...)
		for _, h := range in.Heredocs {
			src = append(src, '\n')
			offs = append(offs, -1)
			src = append(src, h.Content...)
			for i := range len(h.Content) {
				offs = append(offs, h.ContentOffset+i)
			}
			src = append(src, h.Name...)
			src = append(src, '\n')
			offs = append(offs, fill(len(h.Name)+1, -1)...)
		}
		part = &ScriptPart{Source: string(src), Offsets: offs}
	}
	s.addPart(part)
	// heredoc bodies fed to a shell (`RUN <<EOF bash`, `RUN bash <<EOF`) are scripts too
	if len(in.Heredocs) > 0 {
		for _, c := range append([]*Command(nil), s.Commands...) {
			if !IsPOSIXShellName(c.Name) || c.HasFlag("-c") {
				continue
			}
			for _, h := range in.Heredocs {
				if _, ok := shebangOf(h.Content); ok {
					continue
				}
				if strings.Contains(part.Source, "<<"+h.Name) || strings.Contains(part.Source, "<<-"+h.Name) ||
					strings.Contains(part.Source, "<<\""+h.Name) || strings.Contains(part.Source, "<<'"+h.Name) {
					s.addPart(heredocPart(h))
				}
			}
			break
		}
	}
	s.finish()
	in.Script = s
}

func heredocPart(h Heredoc) *ScriptPart {
	offs := make([]int, len(h.Content))
	for i := range offs {
		offs[i] = h.ContentOffset + i
	}
	return &ScriptPart{Source: h.Content, Offsets: offs, Heredoc: true}
}

func isBareHeredoc(s, name string) bool {
	s = strings.TrimPrefix(s, "<<")
	s = strings.TrimPrefix(s, "-")
	s = strings.TrimSpace(s)
	s = strings.Trim(s, `"'`)
	return s == name
}

func shebangOf(content string) (string, bool) {
	if !strings.HasPrefix(content, "#!") {
		return "", false
	}
	line, _, _ := strings.Cut(content[2:], "\n")
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return "", false
	}
	prog := fields[0]
	if path.Base(prog) == "env" && len(fields) > 1 {
		prog = fields[1]
		if strings.HasPrefix(prog, "-") && len(fields) > 2 {
			prog = fields[2]
		}
	}
	return prog, true
}

func fill(n, v int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// parsers reuses shell parsers (a syntax.Parser is not safe for concurrent use).
var parsers = sync.Pool{New: func() any { return syntax.NewParser(syntax.Variant(syntax.LangBash)) }}

func (s *Script) addPart(p *ScriptPart) {
	s.Parts = append(s.Parts, p)
	parser := parsers.Get().(*syntax.Parser)
	file, err := parser.Parse(strings.NewReader(p.Source), "")
	parsers.Put(parser)
	if err != nil {
		if s.Err == nil {
			s.Err = err
		}
		return // rules see no commands of a script that does not parse
	}
	p.File = file
	nextPipe := 1
	for _, c := range s.Commands {
		if c.Pipeline >= nextPipe {
			nextPipe = c.Pipeline + 1
		}
	}
	w := partWalk{part: p, nextPipe: nextPipe, pipes: map[*syntax.CallExpr]pipeInfo{},
		redirs: map[*syntax.CallExpr][]string{}, inPipe: map[*syntax.BinaryCmd]bool{}}
	// one walk: statements record their redirections and pipeline membership; calls become
	// commands in source order
	syntax.Walk(file, func(n syntax.Node) bool {
		c, more := w.visit(n)
		if c != nil {
			s.Commands = append(s.Commands, c)
		}
		return more
	})
	for _, c := range s.Commands {
		if c.Part != p {
			continue
		}
		if pi, ok := w.pipes[c.Call]; ok {
			c.Pipeline, c.PipeIndex = pi.id, pi.index
		}
		c.Redirects = w.redirs[c.Call]
	}
}

// pipeInfo is a call's pipeline number and its position in the pipeline.
type pipeInfo struct{ id, index int }

// partWalk is what one walk over a script part's syntax tree gathers: the pipelines of its
// calls, their redirections, and the pipe nodes already counted as part of a pipeline.
type partWalk struct {
	part     *ScriptPart
	nextPipe int
	pipes    map[*syntax.CallExpr]pipeInfo
	redirs   map[*syntax.CallExpr][]string
	inPipe   map[*syntax.BinaryCmd]bool
}

// visit records what node n says; it returns the command a call becomes (nil for none) and
// whether the walk goes into n.
func (w *partWalk) visit(n syntax.Node) (*Command, bool) {
	switch x := n.(type) {
	case *syntax.BinaryCmd:
		if (x.Op == syntax.Pipe || x.Op == syntax.PipeAll) && !w.inPipe[x] {
			w.pipeline(x)
		}
	case *syntax.Stmt:
		if ce, ok := x.Cmd.(*syntax.CallExpr); ok {
			for _, r := range x.Redirs {
				w.redirs[ce] = append(w.redirs[ce], w.part.WordSource(r))
			}
		}
	case *syntax.CallExpr:
		if len(x.Args) > 0 {
			return newCommand(w.part, x), true
		}
	case *syntax.Word:
		return nil, w.part.MayHoldCommands(x)
	}
	return nil, true
}

// pipeline numbers the calls of the pipeline whose outermost pipe node is x, and marks its
// nested pipe nodes as belonging to it.
func (w *partWalk) pipeline(x *syntax.BinaryCmd) {
	var members []*syntax.Stmt
	var flat func(st *syntax.Stmt)
	flat = func(st *syntax.Stmt) {
		if bb, ok := st.Cmd.(*syntax.BinaryCmd); ok && (bb.Op == syntax.Pipe || bb.Op == syntax.PipeAll) {
			w.inPipe[bb] = true
			flat(bb.X)
			flat(bb.Y)
			return
		}
		members = append(members, st)
	}
	flat(x.X)
	flat(x.Y)
	for i, m := range members {
		if ce, ok := m.Cmd.(*syntax.CallExpr); ok {
			w.pipes[ce] = pipeInfo{w.nextPipe, i}
		}
	}
	w.nextPipe++
}

func firstCall(b *syntax.BinaryCmd) *syntax.CallExpr {
	st := b.X
	for {
		switch c := st.Cmd.(type) {
		case *syntax.CallExpr:
			return c
		case *syntax.BinaryCmd:
			st = c.X
		default:
			return nil
		}
	}
}

// finish computes script-wide facts.
func (s *Script) finish() {
	set := false
	for _, c := range s.Commands {
		if c.Name == "set" && hasPipefailOption(c.Args) {
			set = true
		}
		if c.Pipeline > 0 && c.PipeIndex == 0 && !set {
			s.Pipefail = false
			return
		}
	}
	s.Pipefail = set
}

func hasPipefailOption(args []string) bool {
	for i, a := range args {
		if a == "pipefail" && i > 0 && strings.HasPrefix(args[i-1], "-") && strings.HasSuffix(args[i-1], "o") {
			return true
		}
		if a == "-opipefail" {
			return true
		}
	}
	return false
}

// HasPipes reports whether the script contains a pipeline.
func (s *Script) HasPipes() bool {
	for _, c := range s.Commands {
		if c.Pipeline > 0 {
			return true
		}
	}
	return false
}

// Find returns the commands whose program is one of names.
func (s *Script) Find(names ...string) []*Command {
	if s == nil {
		return nil
	}
	var out []*Command
	for _, c := range s.Commands {
		if c.Is(names...) {
			out = append(out, c)
		}
	}
	return out
}

// wrappers are programs that run the command that follows them; the value is the set of their
// options that take a separate argument.
var wrappers = map[string][]string{
	"sudo":      {"-u", "-g", "-p", "-C", "-D", "-r", "-t", "-U", "-h"},
	"env":       {"-u", "-C", "-S"},
	"nohup":     nil,
	"time":      {"-f", "-o"},
	"exec":      {"-a"},
	"command":   nil,
	"nice":      {"-n"},
	"gosu":      nil,
	"su-exec":   nil,
	"xargs":     {"-I", "-n", "-P", "-L", "-d", "-a", "-E", "-s"},
	"eatmydata": nil,
	"chronic":   nil,
}

func newCommand(p *ScriptPart, ce *syntax.CallExpr) *Command {
	c := &Command{Call: ce, Part: p}
	for _, a := range ce.Assigns {
		c.Assigns = append(c.Assigns, p.WordSource(a))
	}
	words := ce.Args
	for len(words) > 0 {
		name := path.Base(wordValue(p, words[0]))
		valFlags, isWrapper := wrappers[name]
		if !isWrapper || len(words) == 1 {
			break
		}
		c.Wrappers = append(c.Wrappers, name)
		words = words[1:]
		// skip the wrapper's own options (and gosu/su-exec's user argument)
		if name == "gosu" || name == "su-exec" {
			words = words[1:]
			continue
		}
		for len(words) > 0 {
			v := wordValue(p, words[0])
			if name == "env" && strings.Contains(v, "=") && !strings.HasPrefix(v, "-") {
				c.Assigns = append(c.Assigns, v)
				words = words[1:]
				continue
			}
			if !strings.HasPrefix(v, "-") || v == "-" {
				break
			}
			words = words[1:]
			if v == "--" {
				break
			}
			for _, vf := range valFlags {
				if v == vf && len(words) > 0 {
					words = words[1:]
				}
			}
		}
		if name == "time" || name == "nice" {
			continue
		}
	}
	if len(words) == 0 {
		return nil
	}
	c.Name = path.Base(wordValue(p, words[0]))
	c.Words = make([]*syntax.Word, 0, len(words)-1)
	c.Args = make([]string, 0, len(words)-1)
	for _, w := range words[1:] {
		c.Words = append(c.Words, w)
		c.Args = append(c.Args, wordValue(p, w))
	}
	return c
}

// wordValue returns a word's literal value with quotes removed, or its source text when it
// holds expansions.
func wordValue(p *ScriptPart, w *syntax.Word) string {
	if len(w.Parts) == 1 { // most words: one literal or one quoted string, no copy needed
		switch x := w.Parts[0].(type) {
		case *syntax.Lit:
			return UnescapeLit(x.Value)
		case *syntax.SglQuoted:
			return x.Value
		}
	}
	var b strings.Builder
	for _, part := range w.Parts {
		switch x := part.(type) {
		case *syntax.Lit:
			b.WriteString(UnescapeLit(x.Value))
		case *syntax.SglQuoted:
			b.WriteString(x.Value)
		case *syntax.DblQuoted:
			for _, dp := range x.Parts {
				if l, ok := dp.(*syntax.Lit); ok {
					b.WriteString(l.Value)
				} else {
					b.WriteString(p.WordSource(dp))
				}
			}
		default:
			b.WriteString(p.WordSource(part))
		}
	}
	return b.String()
}

// UnescapeLit is the value of an unquoted shell literal (syntax.Lit.Value, as written): each
// backslash escape replaced by the character it escapes.
func UnescapeLit(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
