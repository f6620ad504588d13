package correctness

import (
	"unicode/utf8"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

var (
	// InvalidExecForm is DO510 (invalid-exec-form).
	InvalidExecForm = &rule.Rule{
		ID:       "DO510",
		Name:     "invalid-exec-form",
		Family:   rule.Correctness,
		Severity: rule.Error,
		Doc: rule.Doc{
			What: "Finds a RUN, CMD, ENTRYPOINT, HEALTHCHECK, COPY, ADD or VOLUME (also under ONBUILD) whose " +
				"argument was meant as a JSON array (exec form) but is not valid JSON: single quotes, a " +
				"trailing or missing comma, unquoted words, a missing `]`. A shell command that starts with " +
				"`[` (`RUN [ -f x ] && ...`) is not one. (An invalid SHELL array is a parse error: Docker " +
				"refuses to build it.)",
			Why: "Docker does not reject it: it runs the text as a shell command (`/bin/sh -c \"['python', " +
				"'app.py']\"`, which fails when the container starts), or, for COPY, ADD and VOLUME, splits it " +
				"at white space into paths that include the brackets and quotes.",
			Example:    "ENTRYPOINT ['python', 'app.py']",
			UseInstead: "ENTRYPOINT [\"python\", \"app.py\"]",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
			},
		},
		Check: func(p *rule.Pass) {
			for _, in := range p.File.Instructions {
				pe := in.InvalidExecForm
				if pe == nil {
					continue
				}
				start := columnOffset(p.File, pe.Line, pe.Column)
				end := p.File.LineEndOffset(pe.Line)
				if end <= start {
					p.Report(in, pe.Msg)
					continue
				}
				p.ReportRange(start, end, pe.Msg)
			}
		},
	}
)

// columnOffset is the byte offset of a 1-based line and character column.
func columnOffset(f *dockerfile.File, line, col int) int {
	off := f.LineOffset(line)
	end := f.LineEndOffset(line)
	for i := 1; i < col && off < end; i++ {
		_, size := utf8.DecodeRune(f.Source[off:end])
		off += size
	}
	return off
}
