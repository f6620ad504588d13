package dockerfile

import (
	"path"
	"strings"
	"sync"

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
	Offsets SourceMap
	File    *syntax.File
	// Heredoc is true when the part is a heredoc body.
	Heredoc bool
	// Pipes are the pipe nodes of File (`a | b`, `a |& b`), nested ones included (the shell
	// parser nests `a | b | c` as `(a | b) | c`), in the order of a depth-first walk that does
	// not enter words without commands (MayHoldCommands).
	Pipes []*syntax.BinaryCmd
	// CondPipes holds those of Pipes that are in the condition of an if, elif, while or until
	// (nil when there are none).
	CondPipes map[*syntax.BinaryCmd]bool
	// Decls are the declaration clauses of File (export, declare, local, readonly, typeset,
	// nameref), in the same walk order as Pipes.
	Decls []*syntax.DeclClause
}

func (p *ScriptPart) offset(i int) int {
	return p.Offsets.At(i)
}

// MayHoldCommands reports whether a word may contain commands (a command or process
// substitution: $(...), `...`, <(...), >(...)): false when its source has none of $ ` (, so
// that a walk looking for commands, pipes or declarations need not enter it.
func (p *ScriptPart) MayHoldCommands(w *syntax.Word) bool {
	s, e := int(w.Pos().Offset()), int(w.End().Offset())
	if s < 0 || e > len(p.Source) || s > e {
		return true // no source to tell by
	}
	for i := s; i < e; i++ { // strings.ContainsAny builds its byte set at every call
		if c := p.Source[i]; c == '$' || c == '`' || c == '(' {
			return true
		}
	}
	return false
}

// WordSource returns a word's source text.
func (p *ScriptPart) WordSource(w syntax.Node) string {
	s, e := int(w.Pos().Offset()), int(w.End().Offset())
	if s < 0 || e > len(p.Source) || s > e {
		return ""
	}
	return p.Source[s:e]
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
	if start >= 0 && start+len(cmdline) <= in.joined.offs.Len() {
		part.Source = cmdline
		part.Offsets = in.joined.offs.Slice(start, start+len(cmdline))
	} else {
		part.Source = cmdline
		part.Offsets = RunMap(-1, len(cmdline))
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
		var offs SourceMap
		offs.AppendMap(part.Offsets)
		for _, h := range in.Heredocs {
			src = append(src, '\n')
			offs.Append(-1, 1)
			src = append(src, h.Content...)
			offs.Append(h.ContentOffset, len(h.Content))
			src = append(src, h.Name...)
			src = append(src, '\n')
			offs.Append(-1, len(h.Name)+1)
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
	return &ScriptPart{Source: h.Content, Offsets: RunMap(h.ContentOffset, len(h.Content)), Heredoc: true}
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
	w := partWalk{part: p, nextPipe: nextPipe}
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
// calls, their redirections, and the pipe nodes already counted as part of a pipeline (maps
// made at their first entry: most parts have no pipe or redirection).
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
		if x.Op == syntax.Pipe || x.Op == syntax.PipeAll {
			w.part.Pipes = append(w.part.Pipes, x)
			if !w.inPipe[x] {
				w.pipeline(x)
			}
		}
	case *syntax.DeclClause:
		w.part.Decls = append(w.part.Decls, x)
	case *syntax.IfClause:
		w.condition(x.Cond)
	case *syntax.WhileClause:
		w.condition(x.Cond)
	case *syntax.Stmt:
		if ce, ok := x.Cmd.(*syntax.CallExpr); ok {
			for _, r := range x.Redirs {
				if w.redirs == nil {
					w.redirs = map[*syntax.CallExpr][]string{}
				}
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

// condition records the pipe nodes of the condition of an if, elif, while or until.
func (w *partWalk) condition(stmts []*syntax.Stmt) {
	for _, st := range stmts {
		syntax.Walk(st, func(n syntax.Node) bool {
			if b, ok := n.(*syntax.BinaryCmd); ok && (b.Op == syntax.Pipe || b.Op == syntax.PipeAll) {
				if w.part.CondPipes == nil {
					w.part.CondPipes = map[*syntax.BinaryCmd]bool{}
				}
				w.part.CondPipes[b] = true
			}
			return true
		})
	}
}

// pipeline numbers the calls of the pipeline whose outermost pipe node is x, and marks its
// nested pipe nodes as belonging to it.
func (w *partWalk) pipeline(x *syntax.BinaryCmd) {
	members, nested := PipelineMembers(x)
	if w.pipes == nil {
		w.pipes, w.inPipe = map[*syntax.CallExpr]pipeInfo{}, map[*syntax.BinaryCmd]bool{}
	}
	for _, bb := range nested {
		w.inPipe[bb] = true
	}
	for i, m := range members {
		if ce, ok := m.Cmd.(*syntax.CallExpr); ok {
			w.pipes[ce] = pipeInfo{w.nextPipe, i}
		}
	}
	w.nextPipe++
}

// PipelineMembers returns the statements of the pipeline `a | b | c` whose outermost pipe
// node is x, in order, and the pipe nodes nested in it (the shell parser nests a | b | c as
// (a | b) | c).
func PipelineMembers(x *syntax.BinaryCmd) (members []*syntax.Stmt, nested []*syntax.BinaryCmd) {
	var flat func(st *syntax.Stmt)
	flat = func(st *syntax.Stmt) {
		if bb, ok := st.Cmd.(*syntax.BinaryCmd); ok && (bb.Op == syntax.Pipe || bb.Op == syntax.PipeAll) {
			nested = append(nested, bb)
			flat(bb.X)
			flat(bb.Y)
			return
		}
		members = append(members, st)
	}
	flat(x.X)
	flat(x.Y)
	return members, nested
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
