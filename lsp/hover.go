package lsp

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/dockopt/dockopt/docs"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// ruleWord matches what can name a rule: an ID (DO101), a hadolint code (DL3008) or a
// kebab-case name.
var ruleWord = lazyre.New(`[A-Za-z0-9][A-Za-z0-9_-]*`)

// lookupRule finds a rule by ID, name, or hadolint, ShellCheck or BuildKit equivalent.
func lookupRule(key string) *rule.Rule {
	if r := rules.Lookup(key); r != nil {
		return r
	}
	for _, tool := range []string{"hadolint", "shellcheck"} {
		if rs := rules.LookupEquivalent(tool, strings.ToUpper(key)); len(rs) > 0 {
			return rs[0]
		}
	}
	if rs := rules.LookupEquivalent("buildkit", key); len(rs) > 0 {
		return rs[0]
	}
	return nil
}

// hover shows rule documentation: for a rule ID or name under the cursor (in an ignore
// pragma, say), that rule's; on an instruction with findings, each finding's message and its
// rule's documentation.
func (s *Server) hover(_ *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	a := s.current(p.TextDocument.URI)
	if a == nil {
		return nil, nil
	}
	off := offsetOf(a.text, p.Position)
	start := lspLineStart(a.text, int(p.Position.Line))
	line := a.text[start:lspLineEnd(a.text, start)]
	col := off - start
	if strings.HasPrefix(strings.TrimSpace(line), "#") {
		for _, m := range ruleWord.FindAllStringIndex(line, -1) {
			if col < m[0] || col > m[1] {
				continue
			}
			if r := lookupRule(line[m[0]:m[1]]); r != nil {
				rg := rangeOf(a.text, start+m[0], start+m[1])
				return &protocol.Hover{Contents: markdown(docs.RuleMarkdown(r)), Range: &rg}, nil
			}
		}
	}
	lineNo := dockoptLine(a.text, off)
	from, to := lineNo, lineNo
	if a.file != nil {
		if in := instructionAt(a.file, lineNo); in != nil {
			from, to = in.StartLine, in.EndLine
		}
	}
	var parts []string
	seen := map[*rule.Rule]bool{}
	for _, f := range a.findings {
		if f.EndLine < from || f.Line > to {
			continue
		}
		parts = append(parts, fmt.Sprintf("**%s %s** (%s): %s", f.Rule.ID, f.Rule.Name, f.Severity, f.Message))
	}
	if len(parts) == 0 {
		return nil, nil
	}
	for _, f := range a.findings {
		if f.EndLine < from || f.Line > to || seen[f.Rule] {
			continue
		}
		seen[f.Rule] = true
		parts = append(parts, "---\n\n"+docs.RuleMarkdown(f.Rule))
	}
	return &protocol.Hover{Contents: markdown(strings.Join(parts, "\n\n"))}, nil
}

func markdown(s string) protocol.MarkupContent {
	return protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: s}
}

// pragmaPrefix matches a comment up to the cursor that is an ignore pragma being typed; the
// last group is the rule key under completion.
var pragmaPrefix = lazyre.New(`^\s*#\s*(dockopt|hadolint)\s+(?:global\s+)?ignore\s*=\s*(?:[A-Za-z0-9_-]+\s*,\s*)*([A-Za-z0-9_-]*)$`)

// completion completes the rule keys of `# dockopt ignore=` (dockopt IDs) and
// `# hadolint ignore=` (hadolint codes of dockopt's rules). The rules that report on the
// instruction below come first.
func (s *Server) completion(_ *glsp.Context, p *protocol.CompletionParams) (any, error) {
	a := s.current(p.TextDocument.URI)
	empty := protocol.CompletionList{Items: []protocol.CompletionItem{}}
	if a == nil {
		return empty, nil
	}
	off := offsetOf(a.text, p.Position)
	start := lspLineStart(a.text, int(p.Position.Line))
	if off < start {
		return empty, nil
	}
	m := pragmaPrefix.FindStringSubmatch(a.text[start:off])
	if m == nil {
		return empty, nil
	}
	tool, typed := m[1], m[2]
	replace := rangeOf(a.text, off-len(typed), off)
	below := map[*rule.Rule]bool{}
	if a.file != nil {
		if in := instructionAfterLine(a, dockoptLine(a.text, off)); in > 0 {
			for _, f := range a.findings {
				if f.Line >= in && f.Line <= instructionEnd(a, in) {
					below[f.Rule] = true
				}
			}
		}
	}
	var items []protocol.CompletionItem
	kind := protocol.CompletionItemKindValue
	for _, r := range rules.All() {
		keys := []string{r.ID}
		if tool == "hadolint" {
			keys = nil
			for _, e := range r.Equivalents {
				if t, id, _ := strings.Cut(e, ":"); t == "hadolint" {
					keys = append(keys, id)
				}
			}
		}
		for _, k := range keys {
			sortText := "1" + k
			detail := fmt.Sprintf("%s (%s, %s)", r.Name, r.Family, r.Severity)
			if below[r] {
				sortText = "0" + k
				detail += ": reported on the next instruction"
			}
			doc := markdown(r.Doc.What)
			items = append(items, protocol.CompletionItem{
				Label: k, Kind: &kind, Detail: &detail, Documentation: doc, SortText: &sortText,
				TextEdit: protocol.TextEdit{Range: replace, NewText: k},
			})
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return *items[i].SortText < *items[j].SortText })
	return protocol.CompletionList{Items: items}, nil
}

// instructionAfterLine returns the start line of the first instruction after a 1-based line
// (where a pragma on that line applies), or 0.
func instructionAfterLine(a *analysis, line int) int {
	for _, in := range a.file.Instructions {
		if in.StartLine > line {
			return in.StartLine
		}
	}
	return 0
}

func instructionEnd(a *analysis, startLine int) int {
	if in := instructionAt(a.file, startLine); in != nil {
		return in.EndLine
	}
	return startLine
}
