package correctness

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
	"github.com/dockopt/dockopt/rules/internal/servercmd"
)

// quotedOptionValue is `--name='value'`: an option whose value is wrapped in quotes.
var quotedOptionValue = lazyre.New(`^--?[A-Za-z0-9][A-Za-z0-9_.-]*=(['"])[^'"]*(['"])$`)

// inlineCodeFlags take a program text (sh -c, python -c, node -e...): quotes inside it are
// the language's own.
var inlineCodeFlags = map[string]bool{"-c": true, "-e": true, "-E": true, "--eval": true, "-r": true, "--command": true, "-p": true, "--print": true}

var (
	// ExecFormLiteralQuotes is DO513 (exec-form-literal-quotes).
	ExecFormLiteralQuotes = &rule.Rule{
		ID:       "DO513",
		Name:     "exec-form-literal-quotes",
		Family:   rule.Correctness,
		Severity: rule.Warning,
		Fix:      rule.UnsafeFix,
		Doc: rule.Doc{
			What: "Finds an argument of an exec-form (JSON) CMD, ENTRYPOINT, RUN or HEALTHCHECK that " +
				"carries shell quotes: wholly quoted (`[\"nginx\", \"-g\", \"'daemon off;'\"]`, " +
				"`[\"\\\"app\\\"\"]`) or an option whose value is quoted (`\"--bind='0.0.0.0:8000'\"`), and " +
				"the script of `sh -c` when the whole script is one quoted word (`[\"sh\", \"-c\", " +
				"\"'npm start'\"]`). Code given to an interpreter (`python -c`, `node -e`) and quotes " +
				"inside a `sh -c` script are not reported: a program reads them. Windows stages are not " +
				"checked.",
			Why: "The exec form runs no shell, so nothing removes the quotes: the program receives " +
				"them as part of the argument. nginx refuses `'daemon off;'` (unknown directive " +
				"\"'daemon\"), a program named `\"app\"` is not found, and `--bind='0.0.0.0:8000'` " +
				"binds to a host name with quotes in it. A `sh -c` script that is one quoted word " +
				"runs a command whose name is the whole text.",
			Example:    "CMD [\"nginx\", \"-g\", \"'daemon off;'\"]",
			UseInstead: "CMD [\"nginx\", \"-g\", \"daemon off;\"]",
			Fixed:      "Exec-form arguments carry no shell quotes",
			FixNotes: "Removes the two quote characters when the argument is written without JSON " +
				"escapes. Unsafe: a program that really wanted the quotes (rare) no longer gets them.",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
				"https://docs.docker.com/reference/dockerfile/#cmd",
			},
		},
		Check: func(p *rule.Pass) {
			f := p.File
			for _, in := range f.Instructions {
				if !in.JSON || in.Stage == nil || ruleutil.WindowsStage(f, in.Stage) {
					continue
				}
				switch in.Cmd {
				case "cmd", "entrypoint", "run", "healthcheck":
					checkExecQuotes(p, in, servercmd.JSONArgs(f, in))
				}
			}
		},
	}
)

func checkExecQuotes(p *rule.Pass, in *dockerfile.Instruction, args []servercmd.Arg) {
	for i, a := range args {
		v := a.Value
		prevCode := i > 0 && inlineCodeFlags[args[i-1].Value]
		shellScript := prevCode && i >= 2 && shellProgram(args[:i-1])
		var qs, qe int
		switch {
		case shellScript:
			if !wholeQuoted(v) || !strings.ContainsAny(v, " \t") {
				continue
			}
			qs, qe = 0, len(v)-1
		case prevCode:
			continue
		case wholeQuoted(v):
			qs, qe = 0, len(v)-1
		case quotedOptionValue.MatchString(v) && v[strings.IndexByte(v, '=')+1] == v[len(v)-1]:
			qs, qe = strings.IndexByte(v, '=')+1, len(v)-1
		default:
			continue
		}
		inner := v[qs+1 : qe]
		msg := fmt.Sprintf("%s exec form runs no shell: the program gets the quotes of %s literally; write %q", strings.ToUpper(in.Cmd), v, v[:qs]+inner)
		if shellScript {
			msg = fmt.Sprintf("the %s -c script is one quoted word: the shell runs a command named %q; remove the outer quotes", args[i-2].Value, inner)
		}
		var edits []rule.TextEdit
		if a.ValueStart >= 0 {
			edits = []rule.TextEdit{{Start: a.ValueStart + qs, End: a.ValueStart + qs + 1}, {Start: a.ValueStart + qe, End: a.ValueStart + qe + 1}}
		}
		servercmd.ReportArg(p, a, msg, rule.WithFix("remove the literal quotes", edits...))
	}
}

// wholeQuoted reports whether s is one quoted word: 'x' or "x", with no quote of that kind
// inside.
func wholeQuoted(s string) bool {
	if len(s) < 2 || (s[0] != '\'' && s[0] != '"') || s[len(s)-1] != s[0] {
		return false
	}
	return !strings.ContainsRune(s[1:len(s)-1], rune(s[0]))
}

// shellProgram reports whether the words before `-c` name a POSIX shell with its options.
func shellProgram(words []servercmd.Arg) bool {
	for i, w := range words {
		if dockerfile.IsPOSIXShellName(w.Value) {
			for _, o := range words[i+1:] {
				if !strings.HasPrefix(o.Value, "-") {
					return false
				}
			}
			return true
		}
	}
	return false
}
