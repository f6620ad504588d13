package dockerfile

import "testing"

func TestJoined(t *testing.T) {
	src := "FROM alpine\n  RUN echo a \\\n# note\n\n    && echo b\n"
	f, err := Parse("Dockerfile", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	j := f.Instructions[1].Joined()
	if j.Text != "RUN echo a     && echo b" {
		t.Fatalf("Text = %q", j.Text)
	}
	for i := range j.Text {
		if src[j.Offsets.At(i)] != j.Text[i] {
			t.Fatalf("Offsets[%d] = %d points at %q, want %q", i, j.Offsets.At(i), src[j.Offsets.At(i)], j.Text[i])
		}
	}
	if len(j.AfterComment) != 1 || j.Text[j.AfterComment[0]:] != "    && echo b" {
		t.Errorf("AfterComment = %v", j.AfterComment)
	}
}
