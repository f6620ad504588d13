package dockerfile

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/parser"
)

// shellBuiltins are commands that exist only inside a shell (POSIX special and regular
// built-ins, plus bash's common ones): a shell-form command starting with one cannot run in
// exec form. Sources: POSIX.1-2017 XCU 2.14 (special built-ins) and bash(1) SHELL BUILTIN
// COMMANDS.
var shellBuiltins = map[string]bool{
	".": true, ":": true, "break": true, "continue": true, "eval": true, "exec": true, "exit": true,
	"export": true, "readonly": true, "return": true, "set": true, "shift": true, "times": true,
	"trap": true, "unset": true, "alias": true, "bg": true, "cd": true, "command": true, "fg": true,
	"getopts": true, "jobs": true, "read": true, "type": true, "ulimit": true, "umask": true,
	"unalias": true, "wait": true, "source": true, "declare": true, "local": true, "typeset": true,
	"builtin": true, "enable": true, "shopt": true, "pushd": true, "popd": true, "let": true,
}

// ExecForm turns a shell-form command line (CMD/ENTRYPOINT text) into the argument list the
// exec form would run, when that is the same program with the same arguments: the line uses
// no shell feature (variables, quotes, escapes, globs, redirections, pipes, `&&`, `;`,
// comments), does not start with an environment assignment (`A=b cmd`) or a shell built-in
// (`source`, `cd`, `export`, ...). A leading `exec` is dropped (the program then runs as
// PID 1, which is what `exec` asked for). ok is false when the conversion would change
// what runs.
func ExecForm(line string) (args []string, ok bool) {
	if strings.TrimSpace(line) == "" || strings.ContainsAny(line, "$`|&;<>()*?[]{}~\\\"'#\n\r") {
		return nil, false
	}
	words := strings.Fields(line)
	if words[0] == "exec" {
		words = words[1:]
	}
	if len(words) == 0 || strings.Contains(words[0], "=") || shellBuiltins[words[0]] {
		return nil, false
	}
	return words, true
}

// execFormCmds are the instructions whose argument may be a JSON array (exec form).
var execFormCmds = map[string]bool{"run": true, "cmd": true, "entrypoint": true, "shell": true,
	"healthcheck": true, "copy": true, "add": true, "volume": true}

// checkExecForm finds an argument that was meant as a JSON array but is not valid JSON
// (`CMD ["echo", "hi"`, single quotes, a trailing comma...). BuildKit silently falls back to
// the shell form (or, for COPY/ADD/VOLUME, to white-space separated words), which is never
// what was meant. A shell command that starts with `[` (`RUN [ -f x ] && ...`,
// `[ "$A" = b ]`) is left alone. node is the instruction's node (or an ONBUILD's child), in
// the instruction it belongs to.
func (f *File) checkExecForm(node *parser.Node, in *Instruction) *ParseError {
	cmd := strings.ToLower(node.Value)
	if !execFormCmds[cmd] || node.Attributes["json"] {
		return nil
	}
	rest := argText(node.Original, f.EscapeToken)
	if cmd == "healthcheck" {
		i := strings.IndexAny(rest, " \t")
		if i < 0 || !strings.EqualFold(rest[:i], "cmd") {
			return nil
		}
		rest = strings.TrimSpace(rest[i:])
	}
	if !looksLikeExecForm(rest) {
		return nil
	}
	var v []any
	jerr := json.Unmarshal([]byte(rest), &v)
	if jerr == nil {
		return nil // a JSON array of non-strings is BuildKit's own error
	}
	why := "Docker would run it as a shell command"
	switch cmd {
	case "copy", "add", "volume":
		why = "Docker would split it at white space instead"
	case "shell":
		why = "SHELL requires one"
	}
	shown := rest
	if utf8.RuneCountInString(shown) > 60 {
		shown = string([]rune(shown)[:60]) + "…"
	}
	pe := &ParseError{File: f.Path, Line: in.StartLine, Column: 1,
		Msg: fmt.Sprintf("%s argument %s is not a valid JSON array (%s): %v", strings.ToUpper(cmd), shown, why, jerr)}
	if i := strings.LastIndex(in.joined.text, rest); i >= 0 && i < in.joined.offs.Len() {
		pe.Line, pe.Column = f.Position(in.joined.offs.At(i)) // where the array starts
	}
	return pe
}

// execFirstElemRe matches an array's first element followed by a comma: `[ "a",`, `[ 'a',`, `[ a,`.
var execFirstElemRe = lazyre.New(`^\[\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,\[\]"']+)\s*,`)

// execTokensRe matches text made only of JSON array tokens: `[`, strings, commas, then a
// `]` or an unterminated last string.
var execTokensRe = lazyre.New(`^\[(?:\s*(?:"(?:[^"\\]|\\.)*"|,))*\s*(?:\]|"(?:[^"\\]|\\.)*)?\s*$`)

// looksLikeExecForm reports whether an argument that starts with `[` was meant as a JSON
// array rather than as a shell command starting with the `[` (test) builtin.
func looksLikeExecForm(rest string) bool {
	if !strings.HasPrefix(rest, "[") || strings.HasPrefix(rest, "[[") {
		return false
	}
	if strings.HasPrefix(rest, `["`) || strings.HasPrefix(rest, `['`) || strings.HasPrefix(rest, "[\u201c") {
		return true // no shell command (nor COPY glob) starts like this
	}
	return execFirstElemRe.MatchString(rest) || execTokensRe.MatchString(rest)
}

// argText returns an instruction line's argument text as BuildKit's parser sees it: after
// the keyword and the --flags.
func argText(line string, esc rune) string {
	line = strings.TrimSpace(line)
	i := strings.IndexAny(line, " \t")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(line[i:], " \t")
	for strings.HasPrefix(rest, "--") {
		// a flag word: up to white space outside quotes, escaped bytes skipped
		j, quote := 0, byte(0)
	word:
		for ; j < len(rest); j++ {
			c := rest[j]
			switch {
			case rune(c) == esc && j+1 < len(rest):
				j++
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == ' ' || c == '\t':
				break word
			}
		}
		word := rest[:j]
		rest = strings.TrimLeft(rest[j:], " \t")
		if word == "--" {
			break
		}
	}
	return strings.TrimSpace(rest)
}
