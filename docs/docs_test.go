package docs

import (
	"os"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// TestRulesMarkdownIsCurrent fails when docs/rules.md differs from what the rules' own docs
// generate. Regenerate with: go run ./docs/gen
func TestRulesMarkdownIsCurrent(t *testing.T) {
	want := Generate(rules.All())
	got, err := os.ReadFile("rules.md")
	if err != nil {
		t.Fatalf("docs/rules.md: %v (generate it with: go run ./docs/gen)", err)
	}
	if string(got) != want {
		t.Fatal("docs/rules.md is stale: regenerate it with `go run ./docs/gen` and commit it")
	}
}

// TestPackageManagersMarkdownIsCurrent fails when docs/package-managers.md differs from what
// dockerfile/pkgmgr's data generates. Regenerate with: go run ./docs/gen
func TestPackageManagersMarkdownIsCurrent(t *testing.T) {
	got, err := os.ReadFile("package-managers.md")
	if err != nil || string(got) != PackageManagers(pkgmgr.Managers()) {
		t.Fatal("docs/package-managers.md is stale or missing: regenerate it with `go run ./docs/gen` and commit it")
	}
}

func TestEveryRuleDocumentsEverySection(t *testing.T) {
	for _, r := range rules.All() {
		md := RuleMarkdown(r)
		for _, section := range []string{"### What it does", "### Why is this bad?", "### Example", "### Use instead", "### References"} {
			if !strings.Contains(md, section) {
				t.Errorf("%s: section %q missing", r.ID, section)
			}
		}
		if r.Fix != rule.NoFix && !strings.Contains(md, "### Fix safety") {
			t.Errorf("%s: fixable rule without a Fix safety section", r.ID)
		}
	}
}

func TestAtLeastSixtyRules(t *testing.T) {
	if n := len(rules.All()); n < 60 {
		t.Errorf("%d rules registered, the lint issue asks for at least 60", n)
	}
}
