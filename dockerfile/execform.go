package dockerfile

import "strings"

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
