package main

import (
	"encoding/csv"
	"strings"

	"github.com/spf13/pflag"
)

// listFlag is a repeatable string flag with pflag's semantics (the first use replaces the
// default, later uses append; a comma-separated flag splits each value as a CSV record, as
// pflag's StringSlice does) and pflag's type names, so help reads the same. It exists
// because pflag's own slice and array values format their default with an encoding/csv writer
// (a 4 KiB buffer each) when the flag is defined: 15 flags, 60 KB of every run's start-up,
// `dockopt version` included.
type listFlag struct {
	dst     *[]string
	split   bool // comma-separated (pflag StringSlice); otherwise one item per use (StringArray)
	changed bool
}

// stringsVar defines a comma-separated, repeatable flag (pflag's StringSliceVar).
func stringsVar(fl *pflag.FlagSet, dst *[]string, name, usage string) {
	fl.Var(&listFlag{dst: dst, split: true}, name, usage)
}

// stringArrayVarP defines a repeatable flag whose every use is one item (pflag's
// StringArrayVarP); shorthand may be empty.
func stringArrayVarP(fl *pflag.FlagSet, dst *[]string, name, shorthand, usage string) {
	fl.VarP(&listFlag{dst: dst}, name, shorthand, usage)
}

func (l *listFlag) Set(v string) error {
	items := []string{v}
	if l.split {
		items = []string{}
		if v != "" {
			var err error
			if items, err = csv.NewReader(strings.NewReader(v)).Read(); err != nil {
				return err
			}
		}
	}
	if !l.changed {
		*l.dst = items
	} else {
		*l.dst = append(*l.dst, items...)
	}
	l.changed = true
	return nil
}

func (l *listFlag) Type() string {
	if l.split {
		return "stringSlice"
	}
	return "stringArray"
}

// String is "" while the list is empty (pflag then shows no default in help) and the items
// in brackets otherwise.
func (l *listFlag) String() string {
	if l.dst == nil || len(*l.dst) == 0 {
		return ""
	}
	return "[" + strings.Join(*l.dst, ",") + "]"
}
