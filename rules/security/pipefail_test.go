package security

import "testing"

func TestMayPipe(t *testing.T) {
	for src, want := range map[string]bool{
		"a | b": true, "a|b": true, "a |& b": true, "|": true, "a >| f": true, "case x in a|b) ;; esac": true,
		"a || b": false, "a||b || c": false, "a": false, "": false, "a || b | c": true, "a | b || c": true,
	} {
		if got := mayPipe(src); got != want {
			t.Errorf("mayPipe(%q) = %v, want %v", src, got, want)
		}
	}
}
