package lsp

import (
	"fmt"
	"strings"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/fix"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
)

// fixAllKind is the kind of the "fix all safe" action: a source action (LSP 3.15's
// source.fixAll), which editors run on save when asked to.
const fixAllKind = protocol.CodeActionKind("source.fixAll.dockopt")

// codeAction offers, for the findings on the requested lines: each fix (safe ones as the
// preferred quick fix, unsafe ones labelled), an "ignore" pragma above the instruction, and
// for the document "fix all safe" (every safe fix, applied to a fixpoint as `dockopt fix`
// does).
func (s *Server) codeAction(_ *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	uri := p.TextDocument.URI
	a := s.current(uri)
	actions := []protocol.CodeAction{}
	if a == nil || a.file == nil {
		return actions, nil
	}
	from, to := dockoptLine(a.text, offsetOf(a.text, p.Range.Start)), dockoptLine(a.text, offsetOf(a.text, p.Range.End))
	for _, f := range a.findings {
		if f.EndLine < from || f.Line > to {
			continue
		}
		d := diagnostic(a.text, f)
		if f.Fix != nil && len(f.Fix.Edits) > 0 && wanted(p.Context.Only, protocol.CodeActionKindQuickFix) {
			actions = append(actions, fixAction(uri, a.text, f, d))
		}
		if in := instructionAt(a.file, f.Line); in != nil && wanted(p.Context.Only, protocol.CodeActionKindQuickFix) {
			actions = append(actions, ignoreAction(uri, a.text, in, f, d))
		}
	}
	if wanted(p.Context.Only, fixAllKind) {
		if act := s.fixAllAction(uri, a); act != nil {
			actions = append(actions, *act)
		}
	}
	return actions, nil
}

// wanted reports whether an action of kind k passes the client's "only" filter: a kind
// matches itself and its sub-kinds (source matches source.fixAll.dockopt).
func wanted(only []protocol.CodeActionKind, k protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if k == o || strings.HasPrefix(string(k), string(o)+".") {
			return true
		}
	}
	return false
}

func edits(text string, es []rule.TextEdit) []protocol.TextEdit {
	out := make([]protocol.TextEdit, 0, len(es))
	for _, e := range es {
		out = append(out, protocol.TextEdit{Range: rangeOf(text, e.Start, e.End), NewText: e.New})
	}
	return out
}

func fixAction(uri, text string, f rule.Finding, d protocol.Diagnostic) protocol.CodeAction {
	kind := protocol.CodeActionKindQuickFix
	title := fmt.Sprintf("%s %s: %s", f.Rule.ID, f.Rule.Name, f.Fix.Description)
	preferred := f.Fix.Safety == rule.SafeFix
	if !preferred {
		title += " (unsafe fix: may change behaviour)"
	}
	return protocol.CodeAction{
		Title:       title,
		Kind:        &kind,
		Diagnostics: []protocol.Diagnostic{d},
		IsPreferred: &preferred,
		Edit:        &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{uri: edits(text, f.Fix.Edits)}},
	}
}

// ignoreAction inserts `# dockopt ignore=ID` above the instruction, indented as it is.
func ignoreAction(uri, text string, in *dockerfile.Instruction, f rule.Finding, d protocol.Diagnostic) protocol.CodeAction {
	kind := protocol.CodeActionKindQuickFix
	start := lineStart(text, in.StartLine-1)
	if in.StartLine == 1 {
		start = len(text) - len(strings.TrimPrefix(text, "\ufeff"))
	}
	indent := text[start:]
	indent = indent[:len(indent)-len(strings.TrimLeft(indent, " \t"))]
	eol := "\n"
	if e := lineEnd(text, start); e < len(text) && text[e] == '\r' {
		eol = "\r\n"
	}
	no := false
	return protocol.CodeAction{
		Title:       fmt.Sprintf("Ignore %s %s for this instruction", f.Rule.ID, f.Rule.Name),
		Kind:        &kind,
		Diagnostics: []protocol.Diagnostic{d},
		IsPreferred: &no,
		Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{uri: {{
			Range:   rangeOf(text, start, start),
			NewText: indent + "# dockopt ignore=" + f.Rule.ID + eol,
		}}}},
	}
}

// instructionAt returns the instruction spanning a 1-based line, or nil.
func instructionAt(f *dockerfile.File, line int) *dockerfile.Instruction {
	for _, in := range f.Instructions {
		if line >= in.StartLine && line <= in.EndLine {
			return in
		}
	}
	return nil
}

// fixAllAction applies every safe fix to a fixpoint (as `dockopt fix` does) and returns the
// change as one edit of the lines that differ; nil when no safe fix applies.
func (s *Server) fixAllAction(uri string, a *analysis) *protocol.CodeAction {
	safe := 0
	for _, f := range a.findings {
		if f.Fix != nil && f.Fix.Safety == rule.SafeFix {
			safe++
		}
	}
	if safe == 0 {
		return nil
	}
	res, err := fix.File(a.file.Path, []byte(a.text), a.ctx, fix.Options{Lint: lint.Options{Config: a.cfg}})
	if err != nil || !res.Changed() {
		return nil
	}
	kind := fixAllKind
	title := fmt.Sprintf("Fix all safe dockopt findings (%d fixes)", len(res.Applied))
	if len(res.Applied) == 1 {
		title = "Fix all safe dockopt findings (1 fix)"
	}
	return &protocol.CodeAction{
		Title: title,
		Kind:  &kind,
		Edit:  &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{uri: {minimalEdit(a.text, string(res.Output))}}},
	}
}

// minimalEdit is the one edit that turns old into new: the whole lines between their common
// prefix and common suffix, so that editors show a line-wise change.
func minimalEdit(old, new string) protocol.TextEdit {
	p := 0
	for p < len(old) && p < len(new) && old[p] == new[p] {
		p++
	}
	p = strings.LastIndexByte(old[:p], '\n') + 1 // back to the start of the line
	q := 0
	for q < len(old)-p && q < len(new)-p && old[len(old)-1-q] == new[len(new)-1-q] {
		q++
	}
	// forward to the end of a line: the common suffix then starts after a newline
	for q > 0 && old[len(old)-q-1] != '\n' {
		q--
	}
	return protocol.TextEdit{Range: rangeOf(old, p, len(old)-q), NewText: new[p : len(new)-q]}
}
