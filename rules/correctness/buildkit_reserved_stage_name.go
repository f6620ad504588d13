package correctness

import (
	"fmt"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// ReservedStageName is DO006 (reserved-stage-name).
	ReservedStageName = &rule.Rule{
		ID:          "DO006",
		Name:        "reserved-stage-name",
		Family:      rule.Correctness,
		Severity:    rule.Warning,
		Equivalents: []string{"buildkit:ReservedStageName", "hadolint:DL3063"},
		Doc: rule.Doc{
			What: "Finds stages named `scratch` or `context`, names BuildKit reserves. dockopt runs " +
				"BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter).",
			Why: "`scratch` is the empty base image and `context` names the build context (for example in " +
				"`--build-context`). A stage with one of these names is ambiguous: `FROM scratch` or " +
				"`COPY --from=context` may not mean the stage the author expects.",
			Example:    "FROM alpine AS scratch\nRUN make",
			UseInstead: "FROM alpine AS build\nRUN make",
			References: []string{buildkitlint.DocURL("reserved-stage-name")},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "ReservedStageName", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil || in.Stage == nil || in.Stage.Name == "" {
					buildkitlint.Report(p, w, in, buildkitlint.LowerFirst(w.Message))
					return
				}
				p.Report(in, fmt.Sprintf("stage name %q is reserved by BuildKit", in.Stage.Name))
			})
		},
	}
)
