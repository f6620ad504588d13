package buildkitlint

import "testing"

func TestHasUnguardedRef(t *testing.T) {
	cases := map[string]bool{
		"ENV A=$X":               true,
		"ENV A=${X}":             true,
		"ENV A=${X:-d}":          false,
		"ENV A=${X-d} B=${X:+y}": false,
		"ENV A=${X:?required}":   false,
		"ENV A=${X:+$X:}/lib":    false,
		"ENV A=${X:+$X:}/lib:$X": true,
		"ENV A=${X#prefix}":      true,
		"ENV A=$XY":              true, // X itself not found: keep BuildKit's finding
		"ENV A=${XY}":            true,
		"ENV LD=${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$TOMCAT": false,
	}
	for text, want := range cases {
		name := "X"
		if text == "ENV LD=${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$TOMCAT" {
			name = "LD_LIBRARY_PATH"
		}
		if got := HasUnguardedRef(text, name); got != want {
			t.Errorf("HasUnguardedRef(%q, %q) = %v, want %v", text, name, got, want)
		}
	}
}
