package suppress

import (
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

func TestParseFindReportUnused(t *testing.T) {
	src := "# dockopt global ignore=DO999 -- typo\nFROM alpine\n# dockopt ignore=apt-no-install-recommends,DO102\n# hadolint ignore=DL3018\nRUN apk add curl\n"
	f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps := Parse(f)
	if len(ps) != 3 || !ps[0].Global || ps[0].Reason != "typo" || ps[2].Tool != "hadolint" || len(ps[1].Keys) != 2 {
		t.Fatalf("Parse = %+v", ps)
	}
	apk := &rule.Rule{ID: "DO703", Name: "apk-unpinned", Equivalents: []string{"hadolint:DL3018"}}
	if i := Find(f, rule.Finding{Rule: apk, Line: 5}, ps); i != 2 {
		t.Errorf("Find(DL3018 finding on line 5) = %d, want 2", i)
	}
	if i := Find(f, rule.Finding{Rule: apk, Line: 2}, ps); i != -1 {
		t.Errorf("Find(finding on FROM) = %d, want -1", i)
	}
	known := func(k string) bool { return k != "DO999" }
	all := func(string) bool { return true }
	got := ReportUnused(f, ps, []bool{false, false, true}, known, all)
	if len(got) != 2 || got[0].Line != 1 || got[1].Line != 3 || got[0].Rule != UnusedSuppression {
		for _, g := range got {
			t.Logf("%d: %s", g.Line, g.Message)
		}
		t.Fatalf("ReportUnused: %d findings, want the unknown DO999 (line 1) and the unused line 3", len(got))
	}
	// line 3 names DO101 and DO102: when only DO102 did not run (an opt-in rule left off, say),
	// DO101 ran and matched nothing, so the pragma is still unused; when neither ran, it is not
	ranOnly := func(id string) func(string) bool { return func(k string) bool { return k == id } }
	if got := ReportUnused(f, ps, []bool{false, false, true}, known, ranOnly("apt-no-install-recommends")); len(got) != 2 {
		t.Errorf("a pragma naming a rule that ran and matched nothing: %d findings, want 2", len(got))
	} else if want := "suppression of apt-no-install-recommends matches no finding: remove apt-no-install-recommends from the pragma (the other rules it names did not run)"; got[1].Message != want {
		// the message names only the rule that ran: DO102 may match when it runs
		t.Errorf("message %q, want %q", got[1].Message, want)
	}
	if got := ReportUnused(f, ps, []bool{false, false, true}, known, ranOnly("")); len(got) != 1 || got[0].Line != 1 {
		t.Errorf("a pragma naming only rules that did not run: %d findings, want only the unknown DO999", len(got))
	}
}

// hadolint applies `# hadolint ignore=` only to the line right after it (Hadolint.Pragma:
// the ignore is keyed by the pragma's line + 1); a dockopt pragma may be further up. A "#"
// after the list starts a comment, as hadolint reads it.
func TestHadolintPragmaPlacement(t *testing.T) {
	src := "FROM alpine\n# hadolint ignore=DL3018 # pinned by the base image\nRUN apk add curl\n" +
		"# hadolint ignore=DL3018\n# another comment\nRUN apk add git\n" +
		"# hadolint ignore=DL3018\n\nRUN apk add make\n" +
		"# dockopt ignore=DL3018\n# another comment\n\nRUN apk add gcc\n"
	f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps := Parse(f)
	if len(ps) != 4 || ps[0].Reason != "pinned by the base image" {
		t.Fatalf("Parse = %+v", ps)
	}
	apk := &rule.Rule{ID: "DO703", Name: "apk-unpinned", Equivalents: []string{"hadolint:DL3018"}}
	for line, want := range map[int]int{3: 0, 6: -1, 9: -1, 13: 3} {
		if got := Find(f, rule.Finding{Rule: apk, Line: line}, ps); got != want {
			t.Errorf("Find(finding on line %d) = %d, want %d", line, got, want)
		}
	}
}

// `# hadolint stage ignore=` (hadolint 2.15, Hadolint/Pragma.hs) above a FROM covers that
// whole stage and no other; above another instruction it covers nothing. dockopt's own
// pragma has the same form.
func TestStagePragma(t *testing.T) {
	src := "FROM alpine AS a\nRUN apk add curl\n" +
		"# hadolint stage ignore=DL3018\nFROM alpine AS b\nRUN apk add git\nRUN apk add \\\n    make\n" +
		"FROM alpine AS c\n# dockopt stage ignore=DO703\nRUN apk add gcc\n" +
		"# dockopt stage ignore=DO703\nFROM alpine\nRUN apk add zip\n"
	f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps := Parse(f)
	if len(ps) != 3 || !ps[0].Stage || ps[0].Global || ps[0].Tool != "hadolint" {
		t.Fatalf("Parse = %+v", ps)
	}
	apk := &rule.Rule{ID: "DO703", Name: "apk-unpinned", Equivalents: []string{"hadolint:DL3018"}}
	for line, want := range map[int]int{2: -1, 4: 0, 5: 0, 7: 0, 10: -1, 13: 2} {
		if got := Find(f, rule.Finding{Rule: apk, Line: line}, ps); got != want {
			t.Errorf("Find(finding on line %d) = %d, want %d", line, got, want)
		}
	}
}
