package servercmd

import (
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// RemoveOption returns the edit that deletes option o (with its value) from the call's
// command line, together with the separator after it (or, for the last words of the
// instruction, the one before it): `"--http", "httptools", ` in exec form, `--http httptools `
// in shell form. It returns nil when a word's position is unknown or anything but separators
// (white space, line continuations, the commas of a JSON array) lies between the words.
func (c Call) RemoveOption(f *dockerfile.File, o CallOption) []rule.TextEdit {
	words := append([]Arg{c.Prog}, c.Args...)
	first, last := -1, -1
	for i, a := range words {
		if a.Start >= 0 && a.Start == o.Arg.Start && a.In == o.Arg.In {
			first, last = i, i
		}
	}
	if first < 1 {
		return nil
	}
	if o.HasValue && o.Arg.Value == o.Name {
		// the value is the next word (not attached as --opt=value)
		if first+1 >= len(words) || words[first+1].Start < 0 || words[first+1].Start != o.Value.Start {
			return nil
		}
		last = first + 1
	}
	for i := first; i <= last; i++ {
		if words[i].Start < 0 || words[i].End <= words[i].Start {
			return nil
		}
		if i > first && !separators(f, words[i-1].End, words[i].Start) {
			return nil
		}
	}
	in := o.Arg.In
	if next := last + 1; next < len(words) && words[next].In == in && words[next].Start >= 0 && separators(f, words[last].End, words[next].Start) {
		return []rule.TextEdit{{Start: words[first].Start, End: words[next].Start}}
	}
	if prev := words[first-1]; prev.In == in && prev.End > 0 && separators(f, prev.End, words[first].Start) {
		return []rule.TextEdit{{Start: prev.End, End: words[last].End}}
	}
	return nil
}

// separators reports whether the source between start and end holds only what separates
// two words: blanks, line breaks, escapes of line continuations and JSON commas (at most
// one).
func separators(f *dockerfile.File, start, end int) bool {
	if start < 0 || end < start || end > len(f.Source) {
		return false
	}
	commas := 0
	for _, b := range f.Source[start:end] {
		switch {
		case b == ',':
			commas++
		case b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == byte(f.EscapeToken):
		default:
			return false
		}
	}
	return commas <= 1
}
