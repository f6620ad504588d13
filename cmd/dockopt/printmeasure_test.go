package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/measure"
)

// A check with one run each is neither passed nor failed on the terminal.
func TestPrintMeasureUndecided(t *testing.T) {
	res := &measure.Result{Checks: []measure.Check{
		{Name: "optimized code-only rebuild is faster than its cold build", Undecided: true, Detail: measure.OneRunEach + ": rebuild 2.0s, cold build 9.0s"},
		{Name: "optimized works with --cap-drop ALL", Detail: "did not work"},
	}}
	var b bytes.Buffer
	printMeasure(&b, "svc", res, []string{"r.md"})
	out := b.String()
	for _, want := range []string{
		"  --   optimized code-only rebuild is faster than its cold build — one run each: no spread to compare: rebuild 2.0s, cold build 9.0s\n",
		"  no   optimized works with --cap-drop ALL — did not work\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
