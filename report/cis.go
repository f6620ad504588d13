package report

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/cis"
)

// CIS is the CIS Docker Benchmark section: the verdicts on the original and on the optimized
// Dockerfile (and, once measured, on what measure saw of their images), from package cis.
type CIS struct {
	Original  *cis.Report `json:"original"`
	Optimized *cis.Report `json:"optimized"`
}

// CISMarkdown writes the section: a table of verdicts, then each item's evidence.
func CISMarkdown(c *CIS) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("## CIS Docker Benchmark\n\n")
	p("Items of the %s: section 4 (container images and build files) and the items of section 5 (container runtime) a container run can show. ", cis.Benchmark)
	p("An item passes only when a check that would have found a failure ran and found none; each verdict names its evidence: the lint finding (file:line), the image finding, or the container run. ")
	p("A pass is as wide as its checks (`dockopt rules ID` says what each looks at). Every lint rule of an item runs here, whatever the configuration ignores, and inline ignore comments are disregarded: a suppressed finding still fails its item.\n\n")
	p("| item | original | optimized |\n|---|---|---|\n")
	for i, o := range c.Original.Items {
		n := c.Optimized.Items[i]
		p("| %s %s | %s | %s |\n", o.ID, o.Title, mdVerdict(o.Verdict), mdVerdict(n.Verdict))
	}
	p("\nEvidence (original `%s`, optimized `%s`):\n\n", c.Original.Subject, c.Optimized.Subject)
	for i, o := range c.Original.Items {
		n := c.Optimized.Items[i]
		p("- **%s** %s\n", o.ID, o.Title)
		if o.Verdict == cis.NotChecked && n.Verdict == cis.NotChecked && len(o.Evidence)+len(n.Evidence) == 0 &&
			strings.Join(o.Why, "\n") == strings.Join(n.Why, "\n") {
			p("  - original and optimized: not checked: %s\n", strings.Join(o.Why, "; "))
			continue
		}
		cisSide(&b, "original", o)
		cisSide(&b, "optimized", n)
	}
	p("\n")
	return b.String()
}

// cisSide writes one side's verdict on an item and its evidence.
func cisSide(b *strings.Builder, side string, r cis.Result) {
	fmt.Fprintf(b, "  - %s: %s", side, r.Verdict)
	if len(r.Why) > 0 {
		fmt.Fprintf(b, ": %s", strings.Join(r.Why, "; "))
	}
	b.WriteString("\n")
	for _, e := range r.Evidence {
		if e.Where == "" {
			fmt.Fprintf(b, "    - %s: %s\n", e.Check, e.Detail)
		} else {
			fmt.Fprintf(b, "    - %s `%s`: %s\n", e.Check, e.Where, e.Detail)
		}
	}
}

func mdVerdict(v cis.Verdict) string {
	if v == cis.Fail {
		return "**fail**"
	}
	return string(v)
}
