package dockerfile

import "testing"

func TestRootUser(t *testing.T) {
	for _, c := range []struct {
		u          string
		root, runs bool
	}{
		{"", false, true},
		{":staff", false, true},
		{"root", true, true},
		{"root:root", true, true},
		{" 0:0 ", true, true},
		{"00", true, true},
		{"0:1000", true, true},
		{"10001", false, false},
		{"1000:0", false, false},
		{"app", false, false},
		{"rooty", false, false},
	} {
		if got := IsRootUser(c.u); got != c.root {
			t.Errorf("IsRootUser(%q) = %v, want %v", c.u, got, c.root)
		}
		if got := RunsAsRoot(c.u); got != c.runs {
			t.Errorf("RunsAsRoot(%q) = %v, want %v", c.u, got, c.runs)
		}
	}
}
