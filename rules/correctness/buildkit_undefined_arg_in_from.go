package correctness

import (
	"fmt"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// UndefinedArgInFrom is DO009 (undefined-arg-in-from).
	UndefinedArgInFrom = &rule.Rule{
		ID:          "DO009",
		Name:        "undefined-arg-in-from",
		Family:      rule.Correctness,
		Severity:    rule.Warning,
		Equivalents: []string{"buildkit:UndefinedArgInFrom"},
		Doc: rule.Doc{
			What: "Finds variables in a `FROM` line (image or `--platform`) that no `ARG` before the first " +
				"`FROM` declares and that are not one of BuildKit's predefined platform arguments. dockopt runs " +
				"BuildKit's check itself (tested against BuildKit's own linter); it also suggests the declared name when the variable " +
				"looks like a typo (`$BUILDPLATFROM`).",
			Why: "`FROM` only sees global ARGs (declared before the first `FROM`) and the predefined " +
				"`BUILDPLATFORM`/`TARGETPLATFORM`/... arguments. An undeclared variable expands to an empty " +
				"string, so `FROM node:22${VARIANT}` silently builds `node:22`, and a typo in a platform " +
				"variable silently builds for the wrong platform.",
			Example:    "FROM node:22${VARIANT} AS build",
			UseInstead: "ARG VARIANT=-alpine3.20\nFROM node:22${VARIANT} AS build",
			References: []string{
				buildkitlint.DocURL("undefined-arg-in-from"),
				"https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact",
			},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "UndefinedArgInFrom", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				msg := fmt.Sprintf("FROM uses $%s, which no ARG before the first FROM declares", w.Arg(0))
				if s := w.Arg(1); s != "" {
					msg += fmt.Sprintf(" (did you mean $%s?)", s)
				}
				buildkitlint.Report(p, w, in, msg)
			})
		},
	}
)
