package lint

import (
	"strings"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/config"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// NotRun says why Run would keep no finding of a rule; it agrees with Run on the same file.
func TestNotRun(t *testing.T) {
	src := "# check=skip=SecretsUsedInArgOrEnv\nFROM debian:12-slim\nENV API_TOKEN=x\nCOPY . /app\n"
	f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := buildctx.Scan(t.TempDir(), "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Ignored[rules.Lookup("DO113")] = true
	for id, want := range map[string]string{
		"DO301": "", "DO113": "configuration ignores it", "IMG004": "built image",
		"DO016": "check=skip", "DO601": "ignore pragmas",
	} {
		if got := NotRun(f, ctx, cfg, rules.Lookup(id)); want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	if got := NotRun(f, nil, cfg, rules.Lookup("DO302")); !strings.Contains(got, "build context") {
		t.Errorf("DO302 without a context: %q", got)
	}
	if got := NotRun(f, ctx, cfg, rules.Lookup("DO302")); got != "" {
		t.Errorf("DO302 with a context: %q", got)
	}
	// Run agrees: DO016 reports the ENV, and drops it under the directive
	plain, err := dockerfile.Parse("Dockerfile", []byte(strings.SplitN(src, "\n", 2)[1]), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if fs := Run(plain, ctx, Options{Only: []*rule.Rule{rules.Lookup("DO016")}}); len(fs) != 1 {
		t.Fatalf("DO016 without the directive: %v", fs)
	}
	for _, fd := range Run(f, ctx, Options{Config: cfg}) {
		if fd.Rule.ID == "DO016" {
			t.Errorf("Run kept %v", fd)
		}
	}
	if fs := Run(f, ctx, Options{Config: cfg, Only: []*rule.Rule{rules.Lookup("DO016")}}); len(fs) != 0 {
		t.Errorf("Only DO016: %v", fs)
	}
}
