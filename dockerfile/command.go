package dockerfile

import (
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"mvdan.cc/sh/v3/syntax"
)

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
	c.Words = words[1:len(words):len(words)] // the call's own words: an append copies
	c.Args = make([]string, 0, len(c.Words))
	for _, w := range c.Words {
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
