package lsp

import (
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Positions in LSP count lines from 0 and characters in UTF-16 code units (the protocol's
// default encoding, which every client supports); dockopt counts lines from 1 and columns in
// code points, and its edits are byte offsets. The helpers below convert between the three.

// lineStart returns the byte offset of 0-based line n (len(text) when there is no such line).
func lineStart(text string, n int) int {
	off := 0
	for i := 0; i < n; i++ {
		j := strings.IndexByte(text[off:], '\n')
		if j < 0 {
			return len(text)
		}
		off += j + 1
	}
	return off
}

// lineEnd returns the offset of the end of the line starting at off (before "\n" or "\r\n").
func lineEnd(text string, off int) int {
	end := len(text)
	if j := strings.IndexByte(text[off:], '\n'); j >= 0 {
		end = off + j
	}
	if end > off && text[end-1] == '\r' {
		end--
	}
	return end
}

// LSP lines end at "\n", "\r\n" or a lone "\r" (the protocol's three end-of-line
// sequences); dockopt's lines (dockerfile.File, findings) end at "\n" only. lspLineStart and
// lspLineEnd are the protocol's; lineStart and lineEnd dockopt's.

// lspBreak returns the length of the line break starting at i (0 when there is none).
func lspBreak(text string, i int) int {
	switch {
	case text[i] == '\n':
		return 1
	case text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n':
		return 2
	case text[i] == '\r':
		return 1
	}
	return 0
}

// lspLineStart returns the byte offset of LSP line n (len(text) when there is no such line).
func lspLineStart(text string, n int) int {
	if n <= 0 {
		return 0
	}
	for i := 0; i < len(text); {
		if b := lspBreak(text, i); b > 0 {
			i += b
			if n--; n == 0 {
				return i
			}
			continue
		}
		i++
	}
	return len(text)
}

// lspLineEnd returns the offset of the line break (or the text's end) at or after off.
func lspLineEnd(text string, off int) int {
	if i := strings.IndexAny(text[off:], "\r\n"); i >= 0 {
		return off + i
	}
	return len(text)
}

// offsetOf converts an LSP position into a byte offset of text. A character past the end of
// its line means the line's end (as the protocol says); a line past the end, the text's end.
// A position inside a UTF-16 surrogate pair is the start of that character.
func offsetOf(text string, p protocol.Position) int {
	start := lspLineStart(text, int(p.Line))
	if start >= len(text) {
		return len(text)
	}
	end := lspLineEnd(text, start)
	units := 0
	for i, r := range text[start:end] {
		w := utf16.RuneLen(r)
		if w < 0 {
			w = 1
		}
		if units+w > int(p.Character) {
			return start + i
		}
		units += w
	}
	return end
}

// positionOf converts a byte offset of text into an LSP position. An offset between the "\r"
// and "\n" of a line break is the end of its line.
func positionOf(text string, off int) protocol.Position {
	off = max(0, min(off, len(text)))
	for off > 0 && off < len(text) && !utf8.RuneStart(text[off]) {
		off--
	}
	if off > 0 && off < len(text) && text[off-1] == '\r' && text[off] == '\n' {
		off--
	}
	line, start := 0, 0
	for i := 0; i < off; {
		if b := lspBreak(text, i); b > 0 {
			i += b
			line, start = line+1, i
			continue
		}
		i++
	}
	units := 0
	for _, r := range text[start:off] {
		if w := utf16.RuneLen(r); w > 0 {
			units += w
		} else {
			units++
		}
	}
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(units)}
}

// dockoptLine is the 1-based dockopt line of a byte offset.
func dockoptLine(text string, off int) int {
	return strings.Count(text[:max(0, min(off, len(text)))], "\n") + 1
}

// offsetOfLineCol converts dockopt's 1-based line and code-point column into a byte offset.
// A byte order mark at the start of the text is not counted, as dockerfile.File.Position
// does not count it.
func offsetOfLineCol(text string, line, col int) int {
	start := lineStart(text, max(line-1, 0))
	if start >= len(text) {
		return len(text)
	}
	if start == 0 {
		start = len(text) - len(strings.TrimPrefix(text, "\ufeff"))
	}
	end := lineEnd(text, start)
	off := start
	for n := 1; n < col && off < end; n++ {
		_, size := utf8.DecodeRuneInString(text[off:end])
		off += size
	}
	return off
}

// rangeOf converts byte offsets [start, end) of text into an LSP range.
func rangeOf(text string, start, end int) protocol.Range {
	return protocol.Range{Start: positionOf(text, start), End: positionOf(text, end)}
}

// applyChange applies one content change of textDocument/didChange to text.
func applyChange(text string, change any) string {
	switch c := change.(type) {
	case protocol.TextDocumentContentChangeEventWhole:
		return c.Text
	case protocol.TextDocumentContentChangeEvent:
		if c.Range == nil {
			return c.Text
		}
		s, e := offsetOf(text, c.Range.Start), offsetOf(text, c.Range.End)
		if e < s {
			s, e = e, s
		}
		return text[:s] + c.Text + text[e:]
	}
	return text
}

// pathOf returns the local file path of a document URI, or "" for a URI that is not a file
// (an unsaved buffer): such a document is linted alone, without a build context.
func pathOf(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	if p == "" {
		return ""
	}
	return filepath.FromSlash(p)
}
