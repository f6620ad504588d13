package lint

import (
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

func runSource(t *testing.T, src string) []rule.Finding {
	t.Helper()
	f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return Run(f, nil, Options{})
}

func severityOf(fs []rule.Finding, id string, line int) (rule.Severity, bool) {
	for _, f := range fs {
		if f.Rule.ID == id && f.Line == line {
			return f.Severity, true
		}
	}
	return 0, false
}

// `# check=error=true` makes docker build fail on any BuildKit check violation
// (docs.docker.com/build/checks, "Fail build on check violations"): the findings of the
// BuildKit checks become errors, and only those.
func TestCheckErrorTrueMakesBuildKitFindingsErrors(t *testing.T) {
	src := "# check=error=true\nFROM debian:bookworm\nENTRYPOINT echo hi\n"
	fs := runSource(t, src)
	if s, ok := severityOf(fs, "DO007", 3); !ok || s != rule.Error {
		t.Fatalf("DO007 (JSONArgsRecommended) on line 3: found %v, severity %v; want an error", ok, s)
	}
	if s, ok := severityOf(fs, "DO301", 2); !ok || s != rule.Warning {
		t.Fatalf("DO301 (not a BuildKit check) on line 2: found %v, severity %v; want its own warning", ok, s)
	}
	if !Fails(fs, rule.Error) {
		t.Fatal("a file with check=error=true and a BuildKit finding must fail even at --failure-threshold error")
	}
	fs = runSource(t, "FROM debian:bookworm\nENTRYPOINT echo hi\n")
	if s, ok := severityOf(fs, "DO007", 2); !ok || s != rule.Warning {
		t.Fatalf("without the directive DO007 is a warning, got found=%v %v", ok, s)
	}
}

// A `# check=skip=` comment directly above an instruction skips that check for that
// instruction only: BuildKit merges the comments above each instruction into its linter
// (linter.WithMergedConfigFromComments, and its test "check=skip=all // is local to only
// this instruction"). Text after a space is ignored, as BuildKit cuts the value there.
func TestCheckSkipAboveInstructionIsLocal(t *testing.T) {
	src := "FROM debian:bookworm\n# check=skip=JSONArgsRecommended // signals handled by the script\nENTRYPOINT echo hi\nCMD echo hi\n"
	fs := runSource(t, src)
	if _, ok := severityOf(fs, "DO007", 3); ok {
		t.Error("DO007 on line 3 is skipped by the comment above it")
	}
	if _, ok := severityOf(fs, "DO007", 4); !ok {
		t.Error("DO007 on line 4 is not covered by a comment above another instruction")
	}
}
