package dockerfile

import "testing"

func TestChangesProtected(t *testing.T) {
	src := "# syntax=docker/dockerfile:1\nFROM alpine\n# a comment\nRUN <<EOF\necho hi\nEOF\n"
	f, err := Parse("Dockerfile", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	comment := f.LineOffset(3)
	body := f.LineOffset(5)
	for _, c := range []struct {
		start, end int
		want       bool
	}{
		{f.LineOffset(2), f.LineOffset(2) + 4, false}, // FROM
		{comment + 2, comment + 3, true},              // inside the comment
		{comment, comment, false},                     // insertion at its start
		{comment + 4, comment + 4, true},              // insertion inside it
		{body, body + 4, true},                        // heredoc body
		{0, 1, true},                                  // the syntax directive
	} {
		if got := f.ChangesProtected(c.start, c.end); got != c.want {
			t.Errorf("ChangesProtected(%d, %d) = %v, want %v", c.start, c.end, got, c.want)
		}
	}
}
