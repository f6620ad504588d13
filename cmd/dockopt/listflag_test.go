package main

import (
	"reflect"
	"testing"

	"github.com/spf13/pflag"
)

// TestListFlagAsPflag parses the same command lines with listFlag and with pflag's own
// StringSlice and StringArray values and requires the same results, errors and help text.
func TestListFlagAsPflag(t *testing.T) {
	lines := [][]string{
		nil,
		{"--x", "DO101"},
		{"--x", "DO101,DO102", "--x", "DO103"},
		{"--x", "a=1,b=2", "--x=c"},
		{"--x", `"quoted,comma",plain`},
		{"--x", ""},
		{"--x", `bad"quote`},
		{"-e", "A=1", "-e", "B=2,3"},
	}
	for _, split := range []bool{true, false} {
		for _, args := range lines {
			var ours, theirs []string
			a := pflag.NewFlagSet("ours", pflag.ContinueOnError)
			b := pflag.NewFlagSet("pflag", pflag.ContinueOnError)
			if split {
				stringsVar(a, &ours, "x", "usage")
				b.StringSliceVar(&theirs, "x", nil, "usage")
			} else {
				stringArrayVarP(a, &ours, "x", "e", "usage")
				b.StringArrayVarP(&theirs, "x", "e", nil, "usage")
			}
			errA, errB := a.Parse(args), b.Parse(args)
			if (errA == nil) != (errB == nil) {
				t.Errorf("split=%v %q: error %v, pflag's %v", split, args, errA, errB)
				continue
			}
			if errA == nil && !reflect.DeepEqual(ours, theirs) && (len(ours) != 0 || len(theirs) != 0) {
				t.Errorf("split=%v %q: %q, pflag's %q", split, args, ours, theirs)
			}
		}
		a := pflag.NewFlagSet("ours", pflag.ContinueOnError)
		b := pflag.NewFlagSet("pflag", pflag.ContinueOnError)
		var x, y []string
		if split {
			stringsVar(a, &x, "x", "usage")
			b.StringSliceVar(&y, "x", nil, "usage")
		} else {
			stringArrayVarP(a, &x, "x", "", "usage")
			b.StringArrayVar(&y, "x", nil, "usage")
		}
		if got, want := a.FlagUsages(), b.FlagUsages(); got != want {
			t.Errorf("split=%v help %q, pflag's %q", split, got, want)
		}
	}
}
