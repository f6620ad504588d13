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
	// the pieces of the command part: each line's text (a slice of f.text) and its offset
	type piece struct {
		start int
		text  string
	}
	var one [1]piece
	pieces := one[:0]
	var afterComment []int
	size := 0
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
			afterComment = append(afterComment, size)
		}
		comment = false
		pieces = append(pieces, piece{start, text})
		size += len(text)
		if !cont {
			break
		}
	}
	if n > in.EndLine {
		n = in.EndLine
	}
	var joined string
	if len(pieces) == 1 {
		joined = pieces[0].text // a slice of the source: no copy
	} else {
		var b strings.Builder
		b.Grow(size)
		for _, p := range pieces {
			b.WriteString(p.text)
		}
		joined = b.String()
	}
	offs := SourceMap{segs: make([]segment, 0, len(pieces))}
	for _, p := range pieces {
		offs.Append(p.start, len(p.text))
	}
	in.joined = joinedLine{text: joined, offs: offs, afterComment: afterComment}
	return n
}
