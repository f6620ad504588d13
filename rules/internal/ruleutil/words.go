package ruleutil

import (
	"mvdan.cc/sh/v3/syntax"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// NameWord returns the syntax word naming a command's program.
func NameWord(c *dockerfile.Command) *syntax.Word {
	i := len(c.Call.Args) - len(c.Words) - 1
	if i < 0 || i >= len(c.Call.Args) {
		return nil
	}
	return c.Call.Args[i]
}

// WordRange returns the file offsets of a word of a command; ok is false when unknown.
func WordRange(c *dockerfile.Command, w syntax.Node) (start, end int, ok bool) {
	if w == nil {
		return -1, -1, false
	}
	s := c.Offset(w.Pos())
	e := c.Part.Offsets.At(int(w.End().Offset()) - 1)
	if s < 0 || e < 0 {
		return -1, -1, false
	}
	return s, e + 1, true
}

// InsertAfterWord returns an edit inserting text right after a word.
func InsertAfterWord(c *dockerfile.Command, w syntax.Node, text string) []rule.TextEdit {
	_, end, ok := WordRange(c, w)
	if !ok {
		return nil
	}
	return []rule.TextEdit{{Start: end, End: end, New: text}}
}
