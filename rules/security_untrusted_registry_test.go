package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/config"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// TestUntrustedRegistryConfigured runs DO309 with the trusted registries of
// testdata/DO309/dockopt.yaml over testdata/DO309/configured.Dockerfile.in (the shared harness
// lints without a configuration, where DO309 never fires). Expectations are `# want: DO309`
// comments, checked both ways as in TestRules.
func TestUntrustedRegistryConfigured(t *testing.T) {
	r := rules.Lookup("DO309")
	cfg, err := config.Load(filepath.Join("testdata", "DO309", "dockopt.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "DO309", "configured.Dockerfile.in")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := dockerfile.Parse(path, src, dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]bool{}
	pending := false
	for i, l := range strings.Split(string(src), "\n") {
		if strings.Contains(l, "# want: DO309") {
			pending = true
			continue
		}
		if tl := strings.TrimSpace(l); pending && tl != "" && !strings.HasPrefix(tl, "#") {
			want[i+1] = true
			pending = false
		}
	}
	got := map[int]bool{}
	for _, fd := range lint.Run(f, nil, lint.Options{Config: cfg, Only: []*rule.Rule{r}}) {
		got[fd.Line] = true
		if !want[fd.Line] {
			t.Errorf("%s:%d: unexpected finding: %s", path, fd.Line, fd.Message)
		}
	}
	for l := range want {
		if !got[l] {
			t.Errorf("%s:%d: want a DO309 finding, got none", path, l)
		}
	}
}
