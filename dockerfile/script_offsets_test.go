package dockerfile

import (
	"strings"
	"testing"
)

// TestScriptPartOffsets checks the map of a RUN's command line followed by its heredoc body:
// every byte from the file maps to itself, the joining newline and the closing name do not.
func TestScriptPartOffsets(t *testing.T) {
	src := "FROM alpine\nRUN cat <<EOF > /x && \\\n  echo hi\nline1\nline2\nEOF\n"
	f, err := Parse("Dockerfile", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := f.Instructions[1].Script
	if s == nil || len(s.Parts) != 1 {
		t.Fatalf("script = %+v, want one part", s)
	}
	p := s.Parts[0]
	cmd := "cat <<EOF > /x &&   echo hi"
	want := cmd + "\nline1\nline2\nEOF\n"
	if p.Source != want {
		t.Fatalf("Source = %q, want %q", p.Source, want)
	}
	if p.Offsets.Len() != len(p.Source) {
		t.Fatalf("Offsets.Len() = %d, want %d", p.Offsets.Len(), len(p.Source))
	}
	body := len(cmd) + 1
	for i := range p.Source {
		o := p.Offsets.At(i)
		unmapped := i == len(cmd) || i >= body+len("line1\nline2\n")
		if unmapped {
			if o != -1 {
				t.Errorf("Offsets.At(%d) = %d for %q, want -1", i, o, p.Source[i])
			}
			continue
		}
		if o < 0 || src[o] != p.Source[i] {
			t.Fatalf("Offsets.At(%d) = %d, want the offset of %q", i, o, p.Source[i])
		}
	}
	if at := p.Offsets.At(body); at != strings.Index(src, "line1") {
		t.Errorf("body starts at %d, want %d", at, strings.Index(src, "line1"))
	}
	if !p.Offsets.Contiguous(0, len("cat <<EOF > /x && ")) || p.Offsets.Contiguous(0, len(cmd)) {
		t.Error("contiguity of the command line across its continuation")
	}
}
