package rules

import (
	"fmt"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

func init() {
	rule.Register(&rule.Rule{
		ID:          "DO006",
		Name:        "reserved-stage-name",
		Family:      rule.Correctness,
		Severity:    rule.Warning,
		Equivalents: []string{"buildkit:ReservedStageName"},
		Doc: rule.Doc{
			What: "Finds stages named `scratch` or `context`, names BuildKit reserves. dockopt runs " +
				"BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter).",
			Why: "`scratch` is the empty base image and `context` names the build context (for example in " +
				"`--build-context`). A stage with one of these names is ambiguous: `FROM scratch` or " +
				"`COPY --from=context` may not mean the stage the author expects.",
			Example:    "FROM alpine AS scratch\nRUN make",
			UseInstead: "FROM alpine AS build\nRUN make",
			References: []string{buildkitDocURL("reserved-stage-name")},
		},
		Check: func(p *rule.Pass) {
			eachBuildkitWarning(p, "ReservedStageName", func(w bkWarning, in *dockerfile.Instruction) {
				if in == nil || in.Stage == nil || in.Stage.Name == "" {
					reportBuildkit(p, w, in, lowerFirst(w.Message))
					return
				}
				p.Report(in, fmt.Sprintf("stage name %q is reserved by BuildKit", in.Stage.Name))
			})
		},
	})
}
