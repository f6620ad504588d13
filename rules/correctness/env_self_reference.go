package correctness

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/rule"
)

var (
	// EnvSelfReference is DO511 (env-self-reference).
	EnvSelfReference = &rule.Rule{
		ID:          "DO511",
		Name:        "env-self-reference",
		Family:      rule.Correctness,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3044"},
		Doc: rule.Doc{
			What: "Finds an ENV instruction that sets a variable and uses it in a later pair of the same " +
				"instruction (`ENV APP_HOME=/app APP_BIN=$APP_HOME/bin`).",
			Why: "All values of one ENV are expanded before any of its variables is set, so `$APP_HOME` there " +
				"is the value from before the instruction (often empty), not the one just written: APP_BIN " +
				"becomes `/bin`. Split it into two ENV instructions. " +
				"Severity: a warning, where hadolint's DL3044 is an error: the build works, and the " +
				"variable silently takes its earlier value.",
			Example:    "ENV APP_HOME=/app APP_BIN=$APP_HOME/bin",
			UseInstead: "ENV APP_HOME=/app\nENV APP_BIN=$APP_HOME/bin",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#env",
				"https://github.com/hadolint/hadolint/wiki/DL3044",
			},
		},
		Check: func(p *rule.Pass) {
			for _, in := range p.File.Instructions {
				c, ok := in.Command.(*instructions.EnvCommand)
				if !ok || len(c.Env) < 2 {
					continue
				}
				for i, kv := range c.Env {
					for _, prev := range c.Env[:i] {
						if refersTo(kv.Value, prev.Key) {
							p.Report(in, fmt.Sprintf("%s uses $%s, which this same ENV sets: it gets the value from before the instruction; set %s in an ENV of its own first", kv.Key, prev.Key, prev.Key))
						}
					}
				}
			}
		},
	}
)

// refersTo reports whether value refers to the variable name (envRefRe). A reference contains
// $NAME or ${NAME: the expression is compiled only for a value that does.
func refersTo(value, name string) bool {
	if !strings.Contains(value, "$"+name) && !strings.Contains(value, "${"+name) {
		return false
	}
	return envRefRe(name).MatchString(value)
}

// envRefRe matches a reference to the variable name in a value: $NAME or ${NAME...}, not
// escaped with a backslash.
func envRefRe(name string) *regexp.Regexp {
	q := regexp.QuoteMeta(name)
	return regexp.MustCompile(`(^|[^\\])\$(` + q + `\b|\{` + q + `[}:\-+?])`)
}
