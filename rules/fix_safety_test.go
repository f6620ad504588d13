package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// TestAptNoInstallRecommendsFixSafety: DO101's fix adds ca-certificates where the stage
// fetches over HTTPS and does not install it, and is unsafe where a package recommends a
// build dependency (testdata/DO101/fix_safety.Dockerfile, one stage per case).
func TestAptNoInstallRecommendsFixSafety(t *testing.T) {
	path := filepath.Join("testdata", "DO101", "fix_safety.Dockerfile")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := dockerfile.Parse(path, src, dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		ca     bool
		safety rule.FixSafety
	}{
		"fetch-same-run":    {true, rule.SafeFix},
		"fetch-later-run":   {true, rule.SafeFix},
		"fetch-at-run-time": {true, rule.SafeFix},
		"explicit-ca":       {false, rule.SafeFix},
		"plain-http":        {false, rule.SafeFix},
		"pip-builds":        {false, rule.UnsafeFix},
	}
	seen := 0
	for _, fd := range lint.Run(f, nil, lint.Options{Only: []*rule.Rule{rules.Lookup("DO101")}}) {
		var stage string
		for _, st := range f.Stages {
			if st.From.StartLine <= fd.Line {
				stage = st.Name
			}
		}
		w, ok := want[stage]
		if !ok || fd.Fix == nil {
			t.Fatalf("line %d (stage %q): unexpected finding or no fix", fd.Line, stage)
		}
		seen++
		added := strings.Contains(fd.Fix.Edits[0].New, "ca-certificates")
		if added != w.ca || fd.Fix.Safety != w.safety {
			t.Errorf("stage %s: fix %q (%s), want ca-certificates added %v, %s", stage, fd.Fix.Edits[0].New, fd.Fix.Safety, w.ca, w.safety)
		}
	}
	if seen != len(want) {
		t.Errorf("%d findings, want %d", seen, len(want))
	}
}
