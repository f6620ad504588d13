package rules

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

func init() {
	rule.Register(&rule.Rule{
		ID:          "DO007",
		Name:        "json-args-recommended",
		Family:      rule.Reliability,
		Severity:    rule.Warning,
		Equivalents: []string{"buildkit:JSONArgsRecommended", "hadolint:DL3025"},
		Doc: rule.Doc{
			What: "Finds `CMD` and `ENTRYPOINT` in shell form (`CMD my-server --port 80`) in a stage that " +
				"has not chosen its shell with `SHELL`. dockopt runs BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter).",
			Why: "The shell form runs the program as a child of `/bin/sh -c`. The shell is PID 1 and does " +
				"not forward signals, so `docker stop` sends SIGTERM to a shell that ignores it, the program " +
				"never shuts down cleanly and is killed after the timeout. A shell-form ENTRYPOINT also " +
				"ignores the arguments of `docker run`.",
			Example:    "FROM alpine\nENTRYPOINT my-program start",
			UseInstead: "FROM alpine\nENTRYPOINT [\"my-program\", \"start\"]",
			References: []string{
				buildkitDocURL("json-args-recommended"),
				"https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
				"https://github.com/hadolint/hadolint/wiki/DL3025",
			},
		},
		Check: func(p *rule.Pass) {
			eachBuildkitWarning(p, "JSONArgsRecommended", func(w bkWarning, in *dockerfile.Instruction) {
				if in == nil {
					reportBuildkit(p, w, in, lowerFirst(w.Message))
					return
				}
				kw := strings.ToUpper(in.Cmd)
				p.Report(in, fmt.Sprintf("%s in shell form runs under /bin/sh -c, which does not pass signals to the program; use the JSON (exec) form", kw))
			})
		},
	})
}
