// Package buildkitlint reimplements, on dockopt's model, the 18 build checks that BuildKit's linter
// (dockerfile2llb.DockerfileLint, the code behind `docker build --check`, v0.34.2) reports
// without a registry or a build client. Running BuildKit's linter itself cost more than the
// rest of lint together (it parses the file again and converts it to LLB); this walks the
// already parsed file once. Each check follows BuildKit's code path by path, with BuildKit's
// messages (linter.RuleX.Format), and rules/buildkit_oracle_test.go compares the result with
// DockerfileLint over the corpus and the testdata.
//
// Deliberate differences from BuildKit: BuildKit stops at the first build error (a base
// image that only a --build-arg makes valid, a COPY --from a later stage...) and loses every
// warning after it; this keeps checking the rest of the file. The base image's
// configuration is unknown offline, as with the offline resolver used before: images are
// taken to set only PATH (UndefinedVar's rule filters what an image may define), and the
// build platform is linux on the host's architecture.
package buildkitlint

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// Warning is one warning of BuildKit's build checks.
type Warning struct {
	Rule      string
	Message   string // BuildKit's message, as `docker build --check` prints it
	StartLine int
	EndLine   int
	// In is the instruction the warning is reported on (for a trigger inherited through
	// ONBUILD: the FROM of the stage that runs it).
	In *dockerfile.Instruction
	// Args are the values BuildKit formats into the message (e.g. variable and suggestion).
	Args []string
}

// Warnings computes BuildKit's warnings once per file and shares them between the
// BuildKit rules.
func Warnings(p *rule.Pass) []Warning {
	return p.Memo("buildkit-lint", func() any { return Lint(p.File) }).([]Warning)
}

// eachBuildkitWarning calls fn for every warning of BuildKit's rule name, with the
// instruction it points at (nil when none does).
func EachWarning(p *rule.Pass, name string, fn func(w Warning, in *dockerfile.Instruction)) {
	for _, w := range Warnings(p) {
		if w.Rule == name {
			fn(w, w.In)
		}
	}
}

// InstructionAtLine returns the instruction that starts at line, else the one spanning it.
func InstructionAtLine(f *dockerfile.File, line int) *dockerfile.Instruction {
	var span *dockerfile.Instruction
	for _, in := range f.Instructions {
		if in.StartLine == line {
			return in
		}
		if span == nil && line > in.StartLine && line <= in.EndLine {
			span = in
		}
	}
	return span
}

// reportBuildkit reports msg on the instruction a warning points at, or on its line.
func Report(p *rule.Pass, w Warning, in *dockerfile.Instruction, msg string, opts ...rule.Option) {
	if in != nil {
		p.Report(in, msg, opts...)
		return
	}
	line := w.StartLine
	if line < 1 {
		line = 1
	}
	p.ReportLine(line, msg, opts...)
}

// warnArg returns the i-th message argument of a warning ("" when absent).
func (w Warning) Arg(i int) string {
	if i < len(w.Args) {
		return w.Args[i]
	}
	return ""
}

func LowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// buildkitDocURL is the documentation page of a BuildKit check.
func DocURL(slug string) string {
	return "https://docs.docker.com/reference/build-checks/" + slug + "/"
}
