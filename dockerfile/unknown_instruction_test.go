package dockerfile

import (
	"errors"
	"strings"
	"testing"
)

// An unknown instruction's suggestion is the same every time (BuildKit's picks among equally
// near names in a map's order: rm gave arg, cmd, from or run).
func TestUnknownInstructionSuggestionStable(t *testing.T) {
	var first string
	for i := range 30 {
		_, err := Parse("Dockerfile", []byte("FROM alpine\nrm -rf /x\n"), Options{})
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("want a parse error, got %v", err)
		}
		if pe.Line != 2 || !strings.Contains(pe.Msg, "unknown instruction: rm (did you mean ") {
			t.Fatalf("line %d: %s", pe.Line, pe.Msg)
		}
		if i == 0 {
			first = pe.Msg
		} else if pe.Msg != first {
			t.Fatalf("run %d: %q, then %q", i, first, pe.Msg)
		}
	}
}
