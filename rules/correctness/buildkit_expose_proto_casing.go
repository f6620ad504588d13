package correctness

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// ExposeProtoCasing is DO021 (expose-proto-casing).
	ExposeProtoCasing = &rule.Rule{
		ID:          "DO021",
		Name:        "expose-proto-casing",
		Family:      rule.Correctness,
		Severity:    rule.Style,
		Equivalents: []string{"buildkit:ExposeProtoCasing"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds `EXPOSE` ports whose protocol is not lower-case (`80/TCP`). dockopt runs BuildKit's " +
				"check itself, with BuildKit's results (tested against BuildKit's own linter).",
			Why: "The protocol is `tcp` or `udp` in lower case everywhere else (`docker run -p`, compose " +
				"files, the image config); tools that compare the exposed ports with those strings may miss " +
				"an upper-case one.",
			Example:    "EXPOSE 80/TCP 53/UDP",
			UseInstead: "EXPOSE 80/tcp 53/udp",
			Fixed:      "EXPOSE protocols are lower case",
			FixNotes:   "Lower-cases the protocol. Safe: BuildKit lower-cases it when it builds the image.",
			References: []string{
				buildkitlint.DocURL("expose-proto-casing"),
				"https://docs.docker.com/reference/dockerfile/#expose",
			},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "ExposeProtoCasing", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil || in.Cmd != "expose" {
					buildkitlint.Report(p, w, in, buildkitlint.LowerFirst(w.Message))
					return
				}
				// BuildKit reports once per port (after variable expansion); find the word it means
				port := w.Arg(0)
				for _, word := range buildkitlint.SourceWords(p.File, in)[1:] {
					i := strings.LastIndex(word.Text, "/")
					if i < 0 || word.End-word.Start != len(word.Text) {
						continue
					}
					proto := word.Text[i+1:]
					if proto == strings.ToLower(proto) || strings.ContainsAny(proto, "$\"'{}") {
						continue
					}
					if word.Text != port && (!strings.Contains(word.Text, "$") || !strings.HasSuffix(port, "/"+proto)) {
						continue
					}
					s := word.Start + i + 1
					p.Report(in, fmt.Sprintf("protocol of EXPOSE %s should be lower-case", word.Text),
						rule.WithFix("lower-case the protocol", rule.TextEdit{Start: s, End: word.End, New: strings.ToLower(proto)}))
					return
				}
				p.Report(in, fmt.Sprintf("protocol of EXPOSE %s should be lower-case", port))
			})
		},
	}
)
