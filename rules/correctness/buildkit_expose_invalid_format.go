package correctness

import (
	"fmt"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// ExposeInvalidFormat is DO022 (expose-invalid-format).
	ExposeInvalidFormat = &rule.Rule{
		ID:          "DO022",
		Name:        "expose-invalid-format",
		Family:      rule.Correctness,
		Severity:    rule.Warning,
		Equivalents: []string{"buildkit:ExposeInvalidFormat"},
		Doc: rule.Doc{
			What: "Finds `EXPOSE` entries with an IP address or a host-port mapping (`EXPOSE 80:80`, " +
				"`EXPOSE 127.0.0.1:80:80`). dockopt runs BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter).",
			Why: "`EXPOSE` only documents which ports the container listens on; publishing to the host is " +
				"decided at run time (`docker run -p`). BuildKit drops the address and host port, so the file " +
				"does not do what it says, and BuildKit announces this will become an error.",
			Example:    "EXPOSE 127.0.0.1:8080:80",
			UseInstead: "EXPOSE 80\n# and at run time: docker run -p 127.0.0.1:8080:80 image",
			References: []string{
				buildkitlint.DocURL("expose-invalid-format"),
				"https://docs.docker.com/reference/dockerfile/#expose",
			},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "ExposeInvalidFormat", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				buildkitlint.Report(p, w, in, fmt.Sprintf("EXPOSE %s holds an IP address or host port; EXPOSE takes only the container port (and protocol)", w.Arg(0)))
			})
		},
	}
)
