package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/config"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rules"
)

// TestConfiguredRules runs the rules that read the configuration (the label-schema rules
// DO603-DO611, DO309) over testdata/<ID>/*.Dockerfile.in with testdata/<ID>/<case>.yaml, or
// testdata/<ID>/dockopt.yaml when the case has none, read as a .dockopt.yaml (unknown keys are
// errors). The shared harness (TestRules) lints without a configuration, where these rules
// check nothing. Expectations are `# want: ID` comments, checked both ways; the configuration
// alone must turn the rule on (no --enable).
func TestConfiguredRules(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("testdata", "*", "*.Dockerfile.in"))
	if len(cases) == 0 {
		t.Fatal("no testdata/<ID>/*.Dockerfile.in")
	}
	for _, path := range cases {
		id := filepath.Base(filepath.Dir(path))
		t.Run(id+"/"+filepath.Base(path), func(t *testing.T) {
			r := rules.Lookup(id)
			if r == nil {
				t.Fatalf("no rule %s", id)
			}
			cfgPath := strings.TrimSuffix(path, ".Dockerfile.in") + ".yaml"
			if _, err := os.Stat(cfgPath); err != nil {
				cfgPath = filepath.Join(filepath.Dir(path), "dockopt.yaml")
			}
			data, err := os.ReadFile(cfgPath)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Parse(".dockopt.yaml", data)
			if err != nil {
				t.Fatalf("%s: %v", cfgPath, err)
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := dockerfile.Parse(path, src, dockerfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := wantedLines(string(src), id)
			got := map[int]int{}
			for _, fd := range lint.Run(f, nil, lint.Options{Config: cfg}) {
				if fd.Rule != r {
					continue
				}
				got[fd.Line]++
				if got[fd.Line] > want[fd.Line] {
					t.Errorf("%s:%d: unexpected %s finding: %s", path, fd.Line, id, fd.Message)
				}
			}
			for l, n := range want {
				if got[l] < n {
					t.Errorf("%s:%d: want %d %s finding(s), got %d", path, l, n, id, got[l])
				}
			}
		})
	}
}

// wantedLines maps the line of each instruction below a `# want: ID` comment to the number of
// findings of ID wanted there.
func wantedLines(src, id string) map[int]int {
	want := map[int]int{}
	pending := 0
	for i, l := range strings.Split(src, "\n") {
		if m := wantRe.FindStringSubmatch(l); m != nil {
			for _, w := range strings.Fields(strings.ReplaceAll(m[1], ",", " ")) {
				if w == id {
					pending++
				}
			}
			continue
		}
		if tl := strings.TrimSpace(l); pending > 0 && tl != "" && !strings.HasPrefix(tl, "#") {
			want[i+1] = pending
			pending = 0
		}
	}
	return want
}
