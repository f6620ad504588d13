package lsp

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// FuzzDocumentUpdates types into a document as an editor does (incremental changes at
// arbitrary positions, half-typed instructions, heredocs, pragmas, multi-byte characters) and
// asks for diagnostics, code actions, hover and completion after each change. The server must
// never panic, never hit an internal error, and always answer with positions inside the text.
func FuzzDocumentUpdates(f *testing.F) {
	f.Add("FROM debian:bookworm\nRUN apt-get install -y curl\n", []byte{3, 0, 'R', 1, 5, '\\', 0, 9, '\n'}, "RUN <<EOF\n")
	f.Add("FROM alpine\n# dockopt ignore=DO1\nRUN cd /app && make\n", []byte{1, 17, ',', 2, 200, '"'}, "[\"a\",")
	f.Add("# syntax=docker/dockerfile:1\n# escape=`\nFROM scratch AS b\nCOPY --from=b . .\n", []byte{0, 0, 0, 4, 4, 4}, "😀é\r\n")
	f.Add("", []byte{0, 0, 'F', 0, 1, 'R'}, "FROM ubuntu\nUSER root\nCMD npm run dev")
	dir := f.TempDir()
	os.WriteFile(filepath.Join(dir, "requirements.txt"), []byte("flask\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte(".git\n"), 0o644)
	uri := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "Dockerfile"))}).String()
	f.Fuzz(func(t *testing.T, initial string, ops []byte, insert string) {
		if len(initial) > 1<<14 || len(insert) > 256 || len(ops) > 64 {
			return
		}
		initial = strings.ToValidUTF8(initial, "\uFFFD") // JSON carries valid Unicode only
		s := New(Options{})
		s.shutdown = true // no timers: every request lints synchronously
		s.didOpen(nil, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: uri, Version: 1, Text: initial}})
		text := initial
		check := func(version int32) {
			a := s.current(uri)
			if a == nil || a.text != text {
				t.Fatalf("version %d: the server's text differs from the client's", version)
			}
			for _, p := range a.problems {
				if strings.Contains(p.msg, "internal error") {
					t.Fatalf("text %q: %s", text, p.msg)
				}
			}
			lines := positionOf(text, len(text)).Line // the last LSP line
			for _, d := range a.diagnostics() {
				if d.Range.Start.Line > lines || d.Range.End.Line > lines || d.Range.End.Line < d.Range.Start.Line {
					t.Fatalf("text %q: diagnostic range %+v outside the text (%d lines)", text, d.Range, lines+1)
				}
			}
			for line := range lines + 1 {
				pos := protocol.Position{Line: line, Character: protocol.UInteger(len(insert) % 7)}
				if _, err := s.codeAction(nil, &protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri},
					Range: protocol.Range{Start: pos, End: pos}}); err != nil {
					t.Fatal(err)
				}
				tdp := protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: pos}
				if _, err := s.hover(nil, &protocol.HoverParams{TextDocumentPositionParams: tdp}); err != nil {
					t.Fatal(err)
				}
				if _, err := s.completion(nil, &protocol.CompletionParams{TextDocumentPositionParams: tdp}); err != nil {
					t.Fatal(err)
				}
				if line > 8 {
					break // enough lines per version
				}
			}
		}
		check(1)
		version := int32(1)
		for i := 0; i+2 < len(ops); i += 3 {
			// a change: at (line, character) of ops, delete up to ops[i+2]%4 characters and
			// insert a piece of insert (or one byte of ops)
			start := protocol.Position{Line: protocol.UInteger(ops[i] % 16), Character: protocol.UInteger(ops[i+1])}
			so := offsetOf(text, start)
			eo := so
			for n := int(ops[i+2] % 4); n > 0 && eo < len(text); n-- {
				_, size := utf8.DecodeRuneInString(text[eo:])
				eo += size
			}
			if eo > 0 && eo < len(text) && text[eo-1] == '\r' && text[eo] == '\n' {
				eo++ // a range cannot end inside a "\r\n" line break: no LSP position is there
			}
			piece := string(rune(ops[i+2]))
			if insert != "" {
				k := int(ops[i+2]) % (len(insert) + 1)
				piece = insert[:k]
			}
			if !utf8.ValidString(piece) {
				piece = strings.ToValidUTF8(piece, "")
			}
			rg := rangeOf(text, so, eo)
			version++
			s.didChange(nil, &protocol.DidChangeTextDocumentParams{
				TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: version},
				ContentChanges: []any{protocol.TextDocumentContentChangeEvent{Range: &rg, Text: piece}},
			})
			text = text[:so] + piece + text[eo:]
			check(version)
		}
	})
}

func TestPositionRoundTrip(t *testing.T) {
	text := "a😀b\r\nсé\n\nlast"
	for off := 0; off <= len(text); off++ {
		if !utf8.RuneStart(text[min(off, len(text)-1)]) && off < len(text) {
			continue
		}
		if text[max(off-1, 0)] == '\r' && off > 0 && off < len(text) && text[off] == '\n' {
			continue // between \r and \n: the line's end, before the \r
		}
		if got := offsetOf(text, positionOf(text, off)); got != off {
			t.Errorf("offset %d -> %+v -> %d", off, positionOf(text, off), got)
		}
	}
	if p := positionOf(text, strings.Index(text, "b")); p.Line != 0 || p.Character != 3 {
		t.Errorf("b: %+v, want 0:3 (the emoji is two UTF-16 units)", p)
	}
	if off := offsetOf(text, protocol.Position{Line: 0, Character: 99}); off != strings.Index(text, "\r") {
		t.Errorf("past the end of line 0: %d", off)
	}
	if off := offsetOf(text, protocol.Position{Line: 9, Character: 0}); off != len(text) {
		t.Errorf("past the last line: %d", off)
	}
}
