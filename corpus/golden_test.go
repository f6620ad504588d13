package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/config"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
)

var update = flag.Bool("update", false, "rewrite testdata/findings.golden from the current findings")

// golden is every finding of `dockopt lint` over the corpus, one line per file.
const golden = "testdata/findings.golden"

// TestCorpusFindings lints the corpus as `dockopt lint --all-rules DIR` does (lint.Discover,
// then lint.RunFiles with default options and the opt-in rules turned on: build context on,
// every rule) and compares every
// finding with testdata/findings.golden. A line per file: its path under the corpus, a digest
// of everything the findings say (rule, start and end position, severity, message, fix
// description, safety and edits) and each finding as line:column:rule; a file that cannot be
// read or parsed has its error instead. A change of any finding fails the test and names the
// files; `go test ./corpus -run TestCorpusFindings -update` rewrites the golden after review.
func TestCorpusFindings(t *testing.T) {
	load(t) // skips when the corpus is absent
	files, errs := lint.Discover([]string{Dir})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var b strings.Builder
	for _, r := range lint.RunFiles(files, lint.FilesOptions{Options: lint.Options{Config: allRules()}}) {
		b.WriteString(goldenLine(r))
		b.WriteByte('\n')
	}
	got := b.String()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./corpus -run TestCorpusFindings -update writes it)", err)
	}
	wantLines := strings.Split(string(want), "\n")
	gotLines := strings.Split(got, "\n")
	if len(wantLines) != len(gotLines) {
		t.Fatalf("%d files linted, the golden has %d", len(gotLines)-1, len(wantLines)-1)
	}
	changed := 0
	for i := range gotLines {
		if gotLines[i] != wantLines[i] {
			changed++
			if changed <= 10 {
				t.Errorf("findings changed:\n  want %s\n  got  %s", wantLines[i], gotLines[i])
			}
		}
	}
	if changed > 0 {
		t.Errorf("%d of %d files have other findings than %s", changed, len(gotLines)-1, golden)
	}
}

// allRules is the default configuration with every opt-in rule turned on (--all-rules).
func allRules() *config.Config {
	cfg := config.Default()
	cfg.AllRules = true
	return cfg
}

// TestDefaultRunLeavesOutOnlyOptInRules lints the corpus by default and with --all-rules: the
// default run reports exactly the all-rules findings of the rules that are not opt-in, except
// that DO601 says nothing of a dockopt pragma naming only opt-in rules that did not run.
func TestDefaultRunLeavesOutOnlyOptInRules(t *testing.T) {
	load(t)
	files, errs := lint.Discover([]string{Dir})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	key := func(fd rule.Finding) string {
		return fmt.Sprintf("%s:%d:%d %s %s", fd.File, fd.Line, fd.Column, fd.Rule.ID, fd.Message)
	}
	all := map[string]bool{}
	optIn := 0
	for _, r := range lint.RunFiles(files, lint.FilesOptions{Options: lint.Options{Config: allRules()}}) {
		for _, fd := range r.Findings {
			all[key(fd)] = true
			if fd.Rule.OptIn {
				optIn++
			}
		}
	}
	if optIn == 0 {
		t.Fatal("no finding of an opt-in rule with --all-rules: the opt-in rules did not run")
	}
	def := map[string]bool{}
	for _, r := range lint.RunFiles(files, lint.FilesOptions{}) {
		for _, fd := range r.Findings {
			if fd.Rule.OptIn {
				t.Errorf("default run reports opt-in rule %s: %s", fd.Rule.ID, key(fd))
			}
			if !all[key(fd)] {
				t.Errorf("default run reports what --all-rules does not: %s", key(fd))
			}
			def[key(fd)] = true
		}
	}
	for _, r := range lint.RunFiles(files, lint.FilesOptions{Options: lint.Options{Config: allRules()}}) {
		for _, fd := range r.Findings {
			if !fd.Rule.OptIn && !def[key(fd)] && fd.Rule.ID != "DO601" {
				t.Errorf("--all-rules reports a finding of a default rule that the default run does not: %s", key(fd))
			}
		}
	}
	t.Logf("%d findings with --all-rules (%d of opt-in rules), %d by default", len(all), optIn, len(def))
}

// goldenLine is one file's line of the golden.
func goldenLine(r lint.FileResult) string {
	rel, err := filepath.Rel(Dir, r.Path)
	if err != nil {
		rel = r.Path
	}
	rel = filepath.ToSlash(rel)
	if r.Err != nil {
		return fmt.Sprintf("%s error %d:%d %s", rel, r.Err.Line, r.Err.Column, r.Err.Err)
	}
	h := sha256.New()
	short := make([]string, len(r.Findings))
	for i, fd := range r.Findings {
		fmt.Fprintf(h, "%s %s %d:%d-%d:%d %v %q\n", fd.Rule.ID, filepath.ToSlash(fd.File), fd.Line, fd.Column, fd.EndLine, fd.EndColumn, fd.Severity, fd.Message)
		if fd.Fix != nil {
			fmt.Fprintf(h, "fix %q %v\n", fd.Fix.Description, fd.Fix.Safety)
			for _, e := range fd.Fix.Edits {
				fmt.Fprintf(h, "edit %d %d %q\n", e.Start, e.End, e.New)
			}
		}
		short[i] = fmt.Sprintf("%d:%d:%s", fd.Line, fd.Column, fd.Rule.ID)
	}
	return fmt.Sprintf("%s %s %s", rel, hex.EncodeToString(h.Sum(nil))[:16], strings.Join(short, " "))
}
