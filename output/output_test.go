package output

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/rule"
)

func TestTextExcerpts(t *testing.T) {
	r := &rule.Rule{ID: "DO101", Name: "apt-no-install-recommends", Severity: rule.Warning}
	long := "RUN echo " + strings.Repeat("é", 150)
	src := "FROM debian:12\r\nRUN apt-get install -y curl\r\n" + long
	res := &Result{Sources: map[string][]byte{"Dockerfile": []byte(src)}}
	for _, l := range []int{1, 2, 3, 4, 0} {
		res.Findings = append(res.Findings, rule.Finding{Rule: r, File: "Dockerfile", Line: l, Column: 1, Message: "m", Severity: rule.Warning})
	}
	var b bytes.Buffer
	if err := Write(&b, "text", res, Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Dockerfile:1:1 warning DO101 apt-no-install-recommends: m\n     1 | FROM debian:12\n",
		"     2 | RUN apt-get install -y curl\n",
		"     3 | RUN echo éé",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\r") || strings.Contains(out, "   4 |") || strings.Contains(out, "   0 |") {
		t.Errorf("CR kept or excerpt of a line that does not exist:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "     3 | ") {
			if !strings.HasSuffix(l, "…") || strings.ContainsRune(l, '\uFFFD') || len(l) > 9+200+len("…") {
				t.Errorf("long line not cut on a rune boundary: %q", l)
			}
		}
	}
}

// Regression: the excerpt of each finding used to split the whole source, so text output
// was quadratic (88 s for 10,000 RUNs, against 2.6 s for json). The time is a benchmark
// (BenchmarkTextOutput); this test checks the excerpts of a large result are right.
func TestTextOutputLargeResult(t *testing.T) {
	res := largeResult(20000)
	var b bytes.Buffer
	if err := Write(&b, "text", res, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "  20001 | RUN apt-get install -y pkg19999\n") {
		t.Errorf("last excerpt missing")
	}
}

func largeResult(n int) *Result {
	r := &rule.Rule{ID: "DO101", Name: "apt-no-install-recommends", Severity: rule.Warning}
	var src strings.Builder
	src.WriteString("FROM debian:12\n")
	res := &Result{}
	for i := range n {
		fmt.Fprintf(&src, "RUN apt-get install -y pkg%d\n", i)
		res.Findings = append(res.Findings, rule.Finding{Rule: r, File: "Dockerfile", Line: i + 2, Column: 5, Message: "m", Severity: rule.Warning})
	}
	res.Sources = map[string][]byte{"Dockerfile": []byte(src.String())}
	return res
}

func BenchmarkTextOutput(b *testing.B) {
	res := largeResult(10000)
	for b.Loop() {
		var buf bytes.Buffer
		Write(&buf, "text", res, Options{})
	}
}

// The excerpt of line 1 does not show a byte order mark.
func TestTextExcerptWithoutBOM(t *testing.T) {
	r := &rule.Rule{ID: "DO101", Name: "x", Severity: rule.Warning}
	res := &Result{Sources: map[string][]byte{"Dockerfile": []byte("\ufeffFROM debian:12\n")},
		Findings: []rule.Finding{{Rule: r, File: "Dockerfile", Line: 1, Column: 1, Message: "m", Severity: rule.Warning}}}
	var b bytes.Buffer
	if err := Write(&b, "text", res, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "     1 | FROM debian:12\n") {
		t.Errorf("excerpt %q", b.String())
	}
}
