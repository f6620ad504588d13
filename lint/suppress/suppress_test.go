package suppress

import (
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

func TestParseFindReportUnused(t *testing.T) {
	src := "# dockopt global ignore=DO999 -- typo\nFROM alpine\n# hadolint ignore=DL3018\n# dockopt ignore=apt-no-install-recommends,DO102\nRUN apk add curl\n"
	f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps := Parse(f)
	if len(ps) != 3 || !ps[0].Global || ps[0].Reason != "typo" || ps[1].Tool != "hadolint" || len(ps[2].Keys) != 2 {
		t.Fatalf("Parse = %+v", ps)
	}
	apk := &rule.Rule{ID: "DO703", Name: "apk-unpinned", Equivalents: []string{"hadolint:DL3018"}}
	if i := Find(f, rule.Finding{Rule: apk, Line: 5}, ps); i != 1 {
		t.Errorf("Find(DL3018 finding on line 5) = %d, want 1", i)
	}
	if i := Find(f, rule.Finding{Rule: apk, Line: 2}, ps); i != -1 {
		t.Errorf("Find(finding on FROM) = %d, want -1", i)
	}
	known := func(k string) bool { return k != "DO999" }
	got := ReportUnused(f, ps, []bool{false, true, false}, known)
	if len(got) != 2 || got[0].Line != 1 || got[1].Line != 4 || got[0].Rule != UnusedSuppression {
		for _, g := range got {
			t.Logf("%d: %s", g.Line, g.Message)
		}
		t.Fatalf("ReportUnused: %d findings, want the unknown DO999 (line 1) and the unused line 4", len(got))
	}
}
