package rules_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/fix"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

var update = flag.Bool("update", false, "rewrite the .fixed golden files from the current fixes")

var wantRe = regexp.MustCompile(`^\s*#\s*want:\s*(.+)$`)

// TestRules runs every rule over its testdata: testdata/<ID>/*.Dockerfile alone, and
// testdata/<ID>/<case>/Dockerfile with <case> as the build context. Expectations are written
// in the files: `# want: ID` above an instruction. Both directions are checked: every
// finding of the rule under test must be wanted, and every want must be found.
func TestRules(t *testing.T) {
	dirs, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		id := d.Name()
		r := rules.Lookup(id)
		if r == nil {
			t.Errorf("testdata/%s: no rule with that ID", id)
			continue
		}
		cases, _ := os.ReadDir(filepath.Join("testdata", id))
		for _, c := range cases {
			path := filepath.Join("testdata", id, c.Name())
			ctxDir := ""
			if c.IsDir() {
				ctxDir = path
				path = filepath.Join(path, "Dockerfile")
			} else if !strings.HasSuffix(c.Name(), ".Dockerfile") {
				continue
			}
			t.Run(id+"/"+c.Name(), func(t *testing.T) {
				checkWants(t, r, path, ctxDir)
				checkFixes(t, r, path, ctxDir)
			})
		}
	}
}

// TestEveryRuleHasTestdata fails for a rule without a testdata directory holding at least
// one expected finding.
func TestEveryRuleHasTestdata(t *testing.T) {
	for _, r := range rules.All() {
		if r.Target == rule.ImageTarget {
			continue // the image rules are tested on built images by imagescan's tests
		}
		matches, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*"))
		found := false
		for _, m := range matches {
			files := []string{m}
			if st, err := os.Stat(m); err == nil && st.IsDir() {
				files = []string{filepath.Join(m, "Dockerfile")}
			}
			for _, f := range files {
				data, _ := os.ReadFile(f)
				if strings.Contains(string(data), "want: "+r.ID) {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("rule %s (%s) has no testdata with a `# want: %s`", r.ID, r.Name, r.ID)
		}
		if r.Fix != rule.NoFix {
			goldens, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*.fixed"))
			inDirs, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*", "Dockerfile.fixed"))
			if len(goldens)+len(inDirs) == 0 {
				t.Errorf("rule %s (%s) declares a %s fix but has no .fixed golden file", r.ID, r.Name, r.Fix)
			}
		}
	}
}

func checkWants(t *testing.T, r *rule.Rule, path, ctxDir string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := dockerfile.Parse(path, src, dockerfile.Options{})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var ctx *buildctx.Context
	if ctxDir != "" {
		ctx, err = buildctx.Scan(ctxDir, "Dockerfile")
		if err != nil {
			t.Fatalf("context: %v", err)
		}
	}
	got := lint.Run(f, ctx, lint.Options{Only: []*rule.Rule{r}})
	// wanted: instruction start line -> count
	want := map[int]int{}
	pending := 0
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		if m := wantRe.FindStringSubmatch(strings.TrimRight(l, "\r")); m != nil {
			for _, k := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' }) {
				if k == r.ID || k == r.Name {
					pending++
				}
			}
			continue
		}
		if pending > 0 {
			if in := instructionAt(f, i+1); in != nil && in.StartLine == i+1 {
				want[in.StartLine] += pending
				pending = 0
			}
		}
	}
	gotBy := map[int][]rule.Finding{}
	for _, fd := range got {
		in := instructionAt(f, fd.Line)
		if in == nil {
			// a finding on a comment line (e.g. a pragma) belongs to the instruction below it
			for _, x := range f.Instructions {
				if x.StartLine > fd.Line {
					in = x
					break
				}
			}
		}
		key := fd.Line
		if in != nil {
			key = in.StartLine
		}
		gotBy[key] = append(gotBy[key], fd)
	}
	var keys []int
	for k := range want {
		keys = append(keys, k)
	}
	for k := range gotBy {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Ints(keys)
	for _, k := range keys {
		if len(gotBy[k]) != want[k] {
			var msgs []string
			for _, fd := range gotBy[k] {
				msgs = append(msgs, fmt.Sprintf("%d:%d %s", fd.Line, fd.Column, fd.Message))
			}
			t.Errorf("%s:%d: want %d finding(s) of %s, got %d %v", path, k, want[k], r.ID, len(gotBy[k]), msgs)
		}
	}
}

func instructionAt(f *dockerfile.File, line int) *dockerfile.Instruction {
	for _, in := range f.Instructions {
		if line >= in.StartLine && line <= in.EndLine {
			return in
		}
	}
	return nil
}

// checkFixes applies the rule's fixes (unsafe ones too) until nothing changes and checks that
// the output parses, that fixing it again changes nothing, that a rule without a declared fix
// offers none, and that the output equals the .fixed golden file when there is one.
func checkFixes(t *testing.T, r *rule.Rule, path, ctxDir string) {
	t.Helper()
	src, _ := os.ReadFile(path)
	var ctx *buildctx.Context
	if ctxDir != "" {
		ctx, _ = buildctx.Scan(ctxDir, "Dockerfile")
	}
	opt := fix.Options{Lint: lint.Options{Only: []*rule.Rule{r}}, Unsafe: true}
	res, err := fix.File(path, src, ctx, opt)
	if err != nil {
		t.Fatalf("fix: %v", err)
	}
	if r.Fix == rule.NoFix {
		f, _ := dockerfile.Parse(path, src, dockerfile.Options{})
		for _, fd := range lint.Run(f, ctx, lint.Options{Only: []*rule.Rule{r}}) {
			if fd.Fix != nil {
				t.Errorf("%s:%d: rule declares no fix but the finding carries one", path, fd.Line)
			}
		}
		return
	}
	again, err := fix.File(path, res.Output, ctx, opt)
	if err != nil {
		t.Fatalf("fix output does not parse: %v", err)
	}
	if again.Changed() {
		t.Errorf("%s: fixing twice changes the text again (not idempotent):\n%s", path, again.Output)
	}
	golden := path + ".fixed"
	if *update {
		if res.Changed() {
			if err := os.WriteFile(golden, res.Output, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		if res.Changed() {
			t.Errorf("%s: fixes change the file but there is no golden %s (run go test ./rules -update and review it)", path, golden)
		}
		return
	}
	if !bytes.Equal(want, res.Output) {
		t.Errorf("%s: fixed output differs from %s:\n--- got\n%s\n--- want\n%s", path, golden, res.Output, want)
	}
}

// TestRegistry checks the explicit list: every rule is complete (rule.Validate), IDs and names
// are unique, the list is in ID order, and it is exactly the set docs/rules.md documents.
func TestRegistry(t *testing.T) {
	all := rules.All()
	ids, names := map[string]bool{}, map[string]bool{}
	for i, r := range all {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
		if ids[r.ID] || names[r.Name] {
			t.Errorf("rule %s (%s): ID or name listed twice", r.ID, r.Name)
		}
		ids[r.ID], names[r.Name] = true, true
		if i > 0 && all[i-1].ID >= r.ID {
			t.Errorf("rules.All is not in ID order at %s", r.ID)
		}
	}
	md, err := os.ReadFile("../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^## ([A-Z]+[0-9]+) `).FindAllStringSubmatch(string(md), -1) {
		documented[m[1]] = true
		if !ids[m[1]] {
			t.Errorf("docs/rules.md documents %s, which is not in rules.All", m[1])
		}
	}
	for id := range ids {
		if !documented[id] {
			t.Errorf("%s is in rules.All but not in docs/rules.md (run go run ./docs/gen)", id)
		}
	}
}

func TestResolve(t *testing.T) {
	for key, want := range map[string]string{
		"DO101": "DO101", "apt-no-install-recommends": "DO101", "dl3015": "DO101",
		"StageNameCasing": "DO001", "AVD-DS-0002": "DO301", "IMG003": "IMG003", "unused-suppression": "DO601",
		// qualified, as `dockopt rules` and the JSON output's equivalents print them
		"trivy:AVD-DS-0002": "DO301", "buildkit:StageNameCasing": "DO001", "hadolint:dl3015": "DO101",
		"dockle:CIS-DI-0001": "DO301", "cis:4.1": "DO301",
	} {
		if rs := rules.Resolve(key); len(rs) == 0 || rs[0].ID != want {
			t.Errorf("Resolve(%q) = %v, want %s first", key, rs, want)
		}
	}
	for _, key := range []string{"DL9999", "trivy:DL3015", "nosuchtool:DO101"} {
		if rs := rules.Resolve(key); rs != nil {
			t.Errorf("Resolve(%q) = %v, want nil", key, rs)
		}
	}
}
