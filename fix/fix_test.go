package fix

import (
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

func TestApply(t *testing.T) {
	src := []byte("abcdef")
	out, err := Apply(src, []rule.TextEdit{{Start: 4, End: 5, New: "E"}, {Start: 1, End: 1, New: "+"}})
	if err != nil || string(out) != "a+bcdEf" {
		t.Fatalf("got %q %v", out, err)
	}
	// an insertion where a replacement starts goes before it, in either order given
	for _, es := range [][]rule.TextEdit{{{Start: 1, End: 3, New: "X"}, {Start: 1, End: 1, New: "+"}}, {{Start: 1, End: 1, New: "+"}, {Start: 1, End: 3, New: "X"}}} {
		if out, err := Apply(src, es); err != nil || string(out) != "a+Xdef" {
			t.Errorf("%v: got %q %v", es, out, err)
		}
	}
	if _, err := Apply(src, []rule.TextEdit{{Start: 1, End: 3}, {Start: 2, End: 4}}); err == nil {
		t.Error("overlapping edits accepted")
	}
	if _, err := Apply(src, []rule.TextEdit{{Start: 5, End: 9}}); err == nil {
		t.Error("edit past the end accepted")
	}
}

func TestNonConflictingKeepsOrderAndDefersTouching(t *testing.T) {
	r := &rule.Rule{ID: "X"}
	mk := func(s, e int) rule.Finding {
		return rule.Finding{Rule: r, Fix: &rule.Fix{Edits: []rule.TextEdit{{Start: s, End: e}}}}
	}
	got := nonConflicting([]rule.Finding{mk(0, 2), mk(2, 4), mk(5, 6), mk(5, 5)})
	if len(got) != 2 || got[0].Fix.Edits[0].Start != 0 || got[1].Fix.Edits[0].Start != 5 {
		t.Errorf("kept %v", got)
	}
}

// TestFixpointSeveralRulesOnOneCommand: fixes that touch the same command settle over
// rounds, and the result is stable, parses and keeps comments and heredoc bodies.
func TestFixpointSeveralRulesOnOneCommand(t *testing.T) {
	src := "# escape=\\\nFROM debian:bookworm\n# a comment that stays\nRUN apt-get update && apt-get install curl\nRUN <<EOF\napt-get install -y git\nEOF\n"
	res, err := File("Dockerfile", []byte(src), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := string(res.Output)
	for _, keep := range []string{"# escape=\\\n", "# a comment that stays\n", "RUN <<EOF\napt-get install -y git\nEOF\n"} {
		if !strings.Contains(out, keep) {
			t.Errorf("lost %q:\n%s", keep, out)
		}
	}
	if !strings.Contains(out, "--no-install-recommends") {
		t.Errorf("DO101 fix not applied:\n%s", out)
	}
	again, err := File("Dockerfile", res.Output, nil, Options{})
	if err != nil || again.Changed() {
		t.Errorf("second run changed the text again (%v):\n%s", err, again.Output)
	}
	f, _ := dockerfile.Parse("Dockerfile", res.Output, dockerfile.Options{})
	for _, fd := range lint.Run(f, nil, lint.Options{}) {
		if fd.Fix != nil && fd.Fix.Safety == rule.SafeFix {
			t.Errorf("a safe fix is left: %s line %d", fd.Rule.ID, fd.Line)
		}
	}
}

func TestHeredocFindingsAreNotFixable(t *testing.T) {
	src := "FROM debian:bookworm\nRUN <<EOF\napt-get update && apt-get install -y git\nEOF\n"
	f, _ := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	found := false
	for _, fd := range lint.Run(f, nil, lint.Options{Only: []*rule.Rule{rules.Lookup("DO101")}}) {
		found = true
		if fd.Fix != nil {
			t.Error("a finding inside a heredoc body claims a fix that will never be applied")
		}
	}
	if !found {
		t.Fatal("DO101 should still report inside the heredoc")
	}
}
