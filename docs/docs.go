// Package docs renders the rules' own documentation (rule.Doc) as Markdown: one rule for
// `dockopt rules ID`, and the whole of docs/rules.md. Nothing here is written by hand: a test
// fails when docs/rules.md differs from what Generate returns.
package docs

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/rule"
)

// RuleMarkdown renders one rule's documentation.
func RuleMarkdown(r *rule.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s %s\n\n", r.ID, r.Name)
	fmt.Fprintf(&b, "Family: %s · Severity: %s · Fix: %s", r.Family, r.Severity, r.Fix)
	if len(r.Equivalents) > 0 {
		fmt.Fprintf(&b, " · Equivalents: %s", strings.Join(r.Equivalents, ", "))
	}
	if r.Target == rule.ImageTarget {
		b.WriteString(" · Checked on a built image: `dockopt inspect`")
	}
	if r.OptIn {
		b.WriteString(" · **Off by default** (opt-in)")
	}
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "### What it does\n\n%s\n\n", strings.TrimSpace(r.Doc.What))
	fmt.Fprintf(&b, "### Why is this bad?\n\n%s\n\n", strings.TrimSpace(r.Doc.Why))
	fmt.Fprintf(&b, "### Example\n\n```dockerfile\n%s\n```\n\n", strings.TrimSpace(r.Doc.Example))
	fmt.Fprintf(&b, "### Use instead\n\n```dockerfile\n%s\n```\n\n", strings.TrimSpace(r.Doc.UseInstead))
	if r.Fix != rule.NoFix {
		fmt.Fprintf(&b, "### Fix safety\n\n%s (%s)\n\n", strings.TrimSpace(r.Doc.FixNotes), r.Fix)
	}
	if r.OptIn {
		fmt.Fprintf(&b, "### Off by default\n\n%s\n\n%s\n\n", strings.TrimSpace(r.Doc.OffByDefault), EnableHow(r))
	}
	b.WriteString("### References\n\n")
	for _, ref := range r.Doc.References {
		fmt.Fprintf(&b, "- %s\n", ref)
	}
	b.WriteString("\n")
	return b.String()
}

// Generate renders docs/rules.md: an index table, then every rule by family.
func Generate(rules []*rule.Rule) string {
	var b strings.Builder
	b.WriteString("# dockopt rules\n\n")
	b.WriteString("Generated from the rules' own documentation by `go run ./docs/gen` — do not edit by hand.\n\n")
	fmt.Fprintf(&b, "%d rules.\n\n", len(rules))
	b.WriteString("Rules marked *off* in the Default column are opt-in: they run when named (`--rule`), turned on " +
		"(`--enable ID`, `enable: [ID]` or a severity in `override:` in `.dockopt.yaml`) or with `--all-rules`.\n\n")
	b.WriteString("| ID | Name | Family | Severity | Default | Fix | Equivalents |\n|---|---|---|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s | %s | %s | %s |\n", r.ID, anchor(r), r.Name, r.Family, r.Severity, Default(r), r.Fix, strings.Join(r.Equivalents, ", "))
	}
	b.WriteString("\n")
	for _, fam := range rule.Families {
		var in []*rule.Rule
		for _, r := range rules {
			if r.Family == fam {
				in = append(in, r)
			}
		}
		if len(in) == 0 {
			continue
		}
		fmt.Fprintf(&b, "# Family: %s\n\n", fam)
		for _, r := range in {
			b.WriteString(RuleMarkdown(r))
		}
	}
	return b.String()
}

func anchor(r *rule.Rule) string {
	return strings.ToLower(r.ID + "-" + r.Name)
}

// Default says whether a rule runs by default: "on", or "off" for an opt-in rule.
func Default(r *rule.Rule) string {
	if r.OptIn {
		return "off"
	}
	return "on"
}

// EnableHow says how to turn on an opt-in rule.
func EnableHow(r *rule.Rule) string {
	return fmt.Sprintf("Turn it on with `dockopt lint --enable %s` (or `--all-rules` for every opt-in rule), "+
		"`enable: [%s]` in `.dockopt.yaml`, or a severity for it in `override:` (hadolint's way to turn on "+
		"its off-by-default checks). `--rule %s` runs it alone.", r.ID, r.ID, r.ID)
}
