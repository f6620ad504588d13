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

func TestJoinedSegments(t *testing.T) {
	// a BOM, CRLF line endings, a line that is only a continuation, a comment line
	src := "\ufeffARG a \\\r\n\\\r\n  b \\\r\n# c\r\n  d\r\nFROM x\r\n"
	f, err := Parse("Dockerfile", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	j := f.Instructions[0].Joined()
	if j.Text != "ARG a   b   d" {
		t.Fatalf("Text = %q", j.Text)
	}
	if j.Offsets.Len() != len(j.Text) {
		t.Fatalf("Offsets.Len() = %d, want %d", j.Offsets.Len(), len(j.Text))
	}
	for i := range j.Text {
		if o := j.Offsets.At(i); o < 0 || src[o] != j.Text[i] {
			t.Fatalf("Offsets.At(%d) = %d, want the offset of %q", i, o, j.Text[i])
		}
	}
	// one segment per line that holds text: "ARG a ", "  b ", "  d"
	if got := len(j.Offsets.segs); got != 3 {
		t.Errorf("segments = %v, want 3", j.Offsets.segs)
	}
	if !j.Offsets.Contiguous(0, 6) || j.Offsets.Contiguous(5, 7) {
		t.Error("contiguity across a continuation")
	}
	if len(j.AfterComment) != 1 || j.Text[j.AfterComment[0]:] != "  d" {
		t.Errorf("AfterComment = %v", j.AfterComment)
	}
	if j.Offsets.At(0) != 3 {
		t.Errorf("Offsets.At(0) = %d, want 3 (after the BOM)", j.Offsets.At(0))
	}
}
