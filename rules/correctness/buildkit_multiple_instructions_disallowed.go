package correctness

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// MultipleInstructionsDisallowed is DO012 (multiple-instructions-disallowed).
	MultipleInstructionsDisallowed = &rule.Rule{
		ID:       "DO012",
		Name:     "multiple-instructions-disallowed",
		Family:   rule.Correctness,
		Severity: rule.Warning,
		Equivalents: []string{"buildkit:MultipleInstructionsDisallowed", "hadolint:DL4003", "hadolint:DL4004",
			"hadolint:DL3012", "trivy:AVD-DS-0016", "trivy:AVD-DS-0007", "trivy:AVD-DS-0023"},
		Doc: rule.Doc{
			What: "Finds a `CMD`, `ENTRYPOINT` or `HEALTHCHECK` that a later instruction of the same kind in " +
				"the same stage overrides; the finding is on the overridden (earlier) one. dockopt runs " +
				"BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter). The `CMD` of a `HEALTHCHECK` does not count.",
			Why: "An image has one command, one entrypoint and one health check: only the last instruction " +
				"of each kind in a stage takes effect. The earlier one is dead code that misleads readers " +
				"about what the container runs. " +
				"Severity: a warning for CMD, ENTRYPOINT and HEALTHCHECK alike, as BuildKit reports them; " +
				"hadolint's DL4003 (CMD) is a warning, hadolint's DL4004 (ENTRYPOINT) and " +
				"hadolint's DL3012 (HEALTHCHECK) " +
				"errors. The build works and the last instruction wins, so none of them breaks the image " +
				"by itself.",
			Example:    "FROM alpine\nENTRYPOINT [\"echo\", \"Hello, Norway!\"]\nENTRYPOINT [\"echo\", \"Hello, Sweden!\"]",
			UseInstead: "FROM alpine\nENTRYPOINT [\"echo\", \"Hello, Sweden!\"]",
			References: []string{
				buildkitlint.DocURL("multiple-instructions-disallowed"),
				"https://github.com/hadolint/hadolint/wiki/DL4003",
				"https://github.com/hadolint/hadolint/wiki/DL4004",
				"https://github.com/hadolint/hadolint/wiki/DL3012",
			},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "MultipleInstructionsDisallowed", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil || in.Stage == nil {
					buildkitlint.Report(p, w, in, buildkitlint.LowerFirst(w.Message))
					return
				}
				kw := strings.ToUpper(in.Cmd)
				next := 0
				after := false
				for _, x := range in.Stage.Instructions {
					if x == in {
						after = true
					} else if after && x.Cmd == in.Cmd {
						next = x.StartLine
						break
					}
				}
				if next > 0 {
					p.Report(in, fmt.Sprintf("this %s has no effect: the %s on line %d replaces it", kw, kw, next))
				} else {
					p.Report(in, fmt.Sprintf("this %s has no effect: a later %s in the stage replaces it", kw, kw))
				}
			})
		},
	}
)
