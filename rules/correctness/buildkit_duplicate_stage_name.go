package correctness

import (
	"fmt"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// DuplicateStageName is DO005 (duplicate-stage-name).
	DuplicateStageName = &rule.Rule{
		ID:          "DO005",
		Name:        "duplicate-stage-name",
		Family:      rule.Correctness,
		Severity:    rule.Warning,
		Equivalents: []string{"buildkit:DuplicateStageName", "hadolint:DL3024", "trivy:AVD-DS-0012"},
		Doc: rule.Doc{
			What: "Finds two stages with the same name (`FROM ... AS builder` twice; names are compared " +
				"without case). dockopt runs BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter).",
			Why: "A stage name must identify one stage. With two stages of the same name, `COPY --from=`, " +
				"`FROM name` and `docker build --target` can only reach one of them, so the other one is " +
				"built for nothing or, worse, the wrong one is used. " +
				"Severity: a warning, as BuildKit reports it; hadolint's DL3024 makes it an error. The " +
				"build runs, and `# check=error=true` turns it into a failure.",
			Example:    "FROM debian:bookworm AS builder\nRUN make\n\nFROM golang:1.22 AS builder\nRUN go build ./...",
			UseInstead: "FROM debian:bookworm AS c-builder\nRUN make\n\nFROM golang:1.22 AS go-builder\nRUN go build ./...",
			References: []string{buildkitlint.DocURL("duplicate-stage-name"), "https://github.com/hadolint/hadolint/wiki/DL3024"},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "DuplicateStageName", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil || in.Stage == nil || in.Stage.Name == "" {
					buildkitlint.Report(p, w, in, buildkitlint.LowerFirst(w.Message))
					return
				}
				for _, st := range p.File.Stages {
					if st.Name == in.Stage.Name && st.Index < in.Stage.Index {
						p.Report(in, fmt.Sprintf("stage name %q is already used by the stage on line %d", in.Stage.Name, st.From.StartLine))
						return
					}
				}
				p.Report(in, fmt.Sprintf("stage name %q is used by more than one stage", in.Stage.Name))
			})
		},
	}
)
