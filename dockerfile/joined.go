package dockerfile

import (
	"strings"
)

// joinedLine is an instruction's text as BuildKit joins it, with the source offsets of its
// bytes and the indices where a skipped comment line lies before a line.
type joinedLine struct {
	text         string
	offs         SourceMap
	afterComment []int
}

// joinCommandPart rebuilds the instruction's joined line the way BuildKit's parser does
// (continuation escapes removed, comment and empty lines inside continuations skipped) and
// keeps the source offset of every byte. It returns the last line of the command part
// (heredoc bodies follow it).
func (f *File) joinCommandPart(in *Instruction) int {
	// each line's text is a run of f.text: the map's segments name them all. Without heredoc
	// bodies, every line but the comment and empty ones is a segment.
	lines := in.EndLine - in.StartLine + 1
	if lines < 1 || (in.Node != nil && len(in.Node.Heredocs) > 0) {
		lines = 1
	}
	offs := SourceMap{segs: make([]segment, 0, lines)}
	var afterComment []int
	esc := byte(f.EscapeToken)
	n := in.StartLine
	first, comment := true, false
	for ; n <= in.EndLine; n++ {
		start := f.LineOffset(n)
		text := f.LineText(n)
		if first {
			trim := len(text) - len(strings.TrimLeft(text, " \t\v\f\r"))
			start += trim
			text = text[trim:]
			if n == 1 && strings.HasPrefix(text, "\ufeff") {
				start += 3
				text = text[3:]
			}
		} else {
			t := strings.TrimLeft(text, " \t\v\f\r")
			if strings.HasPrefix(t, "#") {
				comment = true
				continue
			}
			if t == "" {
				continue
			}
		}
		first = false
		cont := false
		body := strings.TrimRight(text, " \t")
		if len(body) > 0 && body[len(body)-1] == esc && (len(body) == 1 || body[len(body)-2] != esc) {
			cont = true
			text = body[:len(body)-1]
		}
		if comment && len(text) > 0 {
			afterComment = append(afterComment, offs.Len())
		}
		comment = false
		offs.Append(start, len(text))
		if !cont {
			break
		}
	}
	if n > in.EndLine {
		n = in.EndLine
	}
	in.joined = joinedLine{text: f.mappedText(offs), offs: offs, afterComment: afterComment}
	return n
}

// mappedText returns the text m maps, all of whose bytes are in the file: a slice of the
// source when it is one run, a copy of its runs joined otherwise.
func (f *File) mappedText(m SourceMap) string {
	if len(m.segs) == 1 {
		return f.text[m.segs[0].off : m.segs[0].off+m.n]
	}
	var b strings.Builder
	b.Grow(m.n)
	for k, s := range m.segs {
		end := m.n
		if k+1 < len(m.segs) {
			end = m.segs[k+1].at
		}
		b.WriteString(f.text[s.off : s.off+end-s.at])
	}
	return b.String()
}
