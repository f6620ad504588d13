package corpus

import (
	"math/rand"
	"os"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/internal/testenv"
)

// TestPrecisionTableIsCurrent fails when docs/precision.md differs from what the corpus run
// and corpus/labels.yaml give (regenerate with: go run ./corpus/gen), and when a finding
// labelled tp is no longer reported.
func TestPrecisionTableIsCurrent(t *testing.T) {
	labels, err := Labels()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(Dir); err != nil {
		testenv.SkipUnlessCI(t, "corpus not found at %s: the precision table cannot be checked", Dir)
	}
	run, err := Lint(Dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../docs/precision.md")
	if err != nil {
		t.Fatalf("docs/precision.md: %v (generate it with: go run ./corpus/gen)", err)
	}
	tab := Compute(run, labels)
	// a true finding the rules no longer report is a lost finding, not a precision gain
	for _, l := range tab.Gone {
		if l.Verdict == TruePositive {
			t.Errorf("%s:%d: %s no longer reports a finding labelled tp (%s)", l.File, l.Line, l.Rule, l.Why)
		}
	}
	if string(got) != tab.Markdown() {
		t.Fatal("docs/precision.md is stale: regenerate it with `go run ./corpus/gen` and commit it")
	}
}

// TestLabelsAreValid: every label names a known rule, a verdict and a reason, once.
func TestLabelsAreValid(t *testing.T) {
	ls, err := Labels()
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) == 0 {
		t.Fatal("corpus/labels.yaml holds no label")
	}
}

// TestSample: the sample does not depend on the order of the findings, takes one finding per
// file before a second from the same file, and holds at most SampleSize findings.
func TestSample(t *testing.T) {
	var keys []Key
	for f := range 6 {
		for line := 1; line <= 4; line++ {
			keys = append(keys, Key{File: string(rune('a'+f)) + ".Dockerfile", Line: line, Rule: "DO101"})
		}
	}
	first := Sample(keys)
	if len(first) != SampleSize {
		t.Fatalf("sample of %d keys has %d, want %d", len(keys), len(first), SampleSize)
	}
	files := map[string]bool{}
	for _, k := range first[:6] {
		files[k.File] = true
	}
	if len(files) != 6 {
		t.Errorf("the first 6 sampled keys come from %d files, want 6 (one per file first): %v", len(files), first)
	}
	r := rand.New(rand.NewSource(1))
	for range 5 {
		r.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		again := Sample(keys)
		for i := range first {
			if again[i] != first[i] {
				t.Fatalf("sample changes with the input order: %v vs %v", first, again)
			}
		}
	}
	if few := Sample(keys[:3]); len(few) != 3 {
		t.Errorf("sample of 3 keys has %d", len(few))
	}
}

// TestComputeCountsVerdicts: a label of a reported finding counts under its rule, a label
// whose finding is gone is listed as gone, and an unlabelled sampled finding is listed.
func TestComputeCountsVerdicts(t *testing.T) {
	run := &Run{Files: 2, Parsed: 2, Hits: []Hit{
		{Key: Key{"s/a", 3, "DO101"}}, {Key: Key{"s/a", 3, "DO101"}}, {Key: Key{"s/b", 1, "DO101"}},
	}}
	labels := []Label{
		{File: "s/a", Line: 3, Rule: "DO101", Verdict: FalsePositive, Why: "x"},
		{File: "s/c", Line: 9, Rule: "DO101", Verdict: TruePositive, Why: "y"},
	}
	tab := Compute(run, labels)
	var s *RuleStats
	for _, r := range tab.Rules {
		if r.Rule.ID == "DO101" {
			s = r
		}
	}
	if s.Findings != 3 || s.Files != 2 || s.FP != 1 || s.TP != 0 || len(s.Unlabelled) != 1 || s.Precision() != 0 {
		t.Errorf("DO101: findings %d files %d fp %d tp %d unlabelled %v precision %v", s.Findings, s.Files, s.FP, s.TP, s.Unlabelled, s.Precision())
	}
	if len(tab.Gone) != 1 || tab.Gone[0].File != "s/c" {
		t.Errorf("gone labels: %v", tab.Gone)
	}
	if md := tab.Markdown(); !strings.Contains(md, "| DO101 | apt-no-install-recommends | warning | on | 3 | 2 | 100% | 1 (+1 to label) | 0 | 0 | 1 | 0% |") {
		t.Errorf("DO101's row is missing from:\n%s", md)
	}
}

// TestTotalsSplitDefaultAndOptIn: the default set's figures leave out the opt-in rules' checked
// findings and files; the full set's count them.
func TestTotalsSplitDefaultAndOptIn(t *testing.T) {
	run := &Run{Files: 3, Parsed: 3, Hits: []Hit{
		{Key: Key{"s/a", 3, "DO101"}}, {Key: Key{"s/b", 2, "DO701"}}, {Key: Key{"s/c", 1, "DO707"}},
	}}
	labels := []Label{
		{File: "s/a", Line: 3, Rule: "DO101", Verdict: TruePositive, Why: "x"},
		{File: "s/b", Line: 2, Rule: "DO701", Verdict: Noise, Why: "y"},
		{File: "s/c", Line: 1, Rule: "DO707", Verdict: Noise, Why: "z"},
	}
	tab := Compute(run, labels)
	all, def := tab.Totals(nil), tab.Totals(ByDefault)
	if all.Checked != 3 || all.Noise != 2 || all.Files != 3 || all.Findings != 3 {
		t.Errorf("all rules: %+v", all)
	}
	if def.Checked != 1 || def.Noise != 0 || def.Files != 1 || def.Findings != 1 || def.NoiseShare() != 0 {
		t.Errorf("default set: %+v", def)
	}
	if md := tab.Markdown(); !strings.Contains(md, "| DO701 | apt-pin | info | *off* | 1 | 1 |") {
		t.Errorf("DO701's row does not say it is off by default:\n%s", md)
	}
}
