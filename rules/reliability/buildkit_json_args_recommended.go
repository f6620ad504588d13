package reliability

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// JsonArgsRecommended is DO007 (json-args-recommended).
	JsonArgsRecommended = &rule.Rule{
		ID:          "DO007",
		Name:        "json-args-recommended",
		Family:      rule.Reliability,
		Severity:    rule.Warning,
		Equivalents: []string{"buildkit:JSONArgsRecommended", "hadolint:DL3025"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds `CMD` and `ENTRYPOINT` in shell form (`CMD my-server --port 80`) in a stage that " +
				"has not chosen its shell with `SHELL`. dockopt runs BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter), " +
				"except for an argument meant as a JSON array that is broken JSON (`CMD ['app']`): invalid-exec-form (DO510) reports that.",
			Why: "The shell form runs the program as a child of `/bin/sh -c`. The shell is PID 1 and does " +
				"not forward signals, so `docker stop` sends SIGTERM to a shell that ignores it, the program " +
				"never shuts down cleanly and is killed after the timeout. A shell-form ENTRYPOINT also " +
				"ignores the arguments of `docker run`.",
			Example:    "FROM alpine\nENTRYPOINT my-program start",
			UseInstead: "FROM alpine\nENTRYPOINT [\"my-program\", \"start\"]",
			Fixed:      "CMD and ENTRYPOINT use the exec form",
			FixNotes: "Rewrites a one-line shell-form CMD/ENTRYPOINT as a JSON array when the command uses " +
				"no shell feature (no variables, quotes, globs, redirections, pipes, `&&`, `;`, escapes) and " +
				"does not start with an environment assignment or a shell built-in (`source`, `cd`, `export`...); " +
				"a leading `exec` is dropped. The program then runs as PID 1 and receives signals, which " +
				"is the point. An ENTRYPOINT is only rewritten when its stage has no CMD after it, since " +
				"an exec-form ENTRYPOINT would start receiving that CMD as arguments.",
			References: []string{
				buildkitlint.DocURL("json-args-recommended"),
				"https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
				"https://github.com/hadolint/hadolint/wiki/DL3025",
			},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "JSONArgsRecommended", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil {
					buildkitlint.Report(p, w, in, buildkitlint.LowerFirst(w.Message))
					return
				}
				if in.InvalidExecForm != nil {
					return // meant as exec form but broken JSON: invalid-exec-form says what is wrong
				}
				kw := strings.ToUpper(in.Cmd)
				p.Report(in, fmt.Sprintf("%s in shell form runs under /bin/sh -c, which does not pass signals to the program; use the JSON (exec) form", kw),
					rule.WithFix("use the exec form", execFormEdit(p.File, in)...))
			})
		},
	}
)

// execFormEdit rewrites a one-line shell-form CMD/ENTRYPOINT that uses no shell feature as a
// JSON array; it returns no edit when that is not safe.
func execFormEdit(f *dockerfile.File, in *dockerfile.Instruction) []rule.TextEdit {
	if in.JSON || len(in.Args) != 1 || in.StartLine != in.EndLine || in.OnBuild != nil {
		return nil
	}
	line := in.Args[0]
	words, ok := dockerfile.ExecForm(line)
	if !ok {
		return nil
	}
	if in.Cmd == "entrypoint" && in.Stage != nil {
		after := false
		for _, x := range in.Stage.Instructions {
			if x == in {
				after = true
			} else if after && x.Cmd == "cmd" {
				return nil
			}
		}
	}
	text := in.Text(f)
	i := strings.LastIndex(text, line)
	if i < 0 || strings.TrimSpace(text[i+len(line):]) != "" {
		return nil
	}
	quoted := make([]string, len(words))
	for j, w := range words {
		b, _ := json.Marshal(w)
		quoted[j] = string(b)
	}
	start := in.StartOffset + i
	return []rule.TextEdit{{Start: start, End: start + len(line), New: "[" + strings.Join(quoted, ", ") + "]"}}
}
