package lsp

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/dockopt/dockopt/fix"
	"github.com/dockopt/dockopt/lint"
)

const sample = "FROM debian:bookworm\nCOPY . /app\nRUN cd /app && make\nRUN apt-get install -y curl\n"

func TestInitializeAnnouncesCapabilities(t *testing.T) {
	c := startServer(t, Options{})
	var res struct {
		Capabilities struct {
			TextDocumentSync struct {
				OpenClose bool `json:"openClose"`
				Change    int  `json:"change"`
			} `json:"textDocumentSync"`
			HoverProvider      bool `json:"hoverProvider"`
			CompletionProvider struct {
				TriggerCharacters []string `json:"triggerCharacters"`
			} `json:"completionProvider"`
			CodeActionProvider struct {
				CodeActionKinds []string `json:"codeActionKinds"`
			} `json:"codeActionProvider"`
		} `json:"capabilities"`
		ServerInfo struct{ Name string } `json:"serverInfo"`
	}
	c.call("initialize", protocol.InitializeParams{}, &res)
	caps := res.Capabilities
	if !caps.TextDocumentSync.OpenClose || caps.TextDocumentSync.Change != 2 || !caps.HoverProvider ||
		!slices.Contains(caps.CompletionProvider.TriggerCharacters, "=") ||
		!slices.Equal(caps.CodeActionProvider.CodeActionKinds, []string{"quickfix", "source.fixAll.dockopt"}) ||
		res.ServerInfo.Name != "dockopt" {
		t.Errorf("capabilities: %+v %+v", caps, res.ServerInfo)
	}
}

func TestDiagnosticsOnOpen(t *testing.T) {
	c := startServer(t, Options{})
	uri := writeDockerfile(t, t.TempDir(), sample)
	p := c.open(uri, sample)
	d := find(p.Diagnostics, "DO101")
	if d == nil {
		t.Fatalf("no DO101 among %v", codes(p.Diagnostics))
	}
	// "apt-get install -y curl" on line 4 (0-based 3), from its column 5
	if d.Range.Start.Line != 3 || d.Range.Start.Character != 4 || d.Severity != 2 || d.Source != "dockopt" ||
		!strings.Contains(d.Message, "--no-install-recommends") {
		t.Errorf("DO101 diagnostic: %+v", *d)
	}
	if find(p.Diagnostics, "DO403") == nil {
		t.Errorf("no DO403 among %v", codes(p.Diagnostics))
	}
}

func TestIncrementalChangesAreDebounced(t *testing.T) {
	c := startServer(t, Options{Debounce: 300 * time.Millisecond})
	uri := writeDockerfile(t, t.TempDir(), "FROM debian:bookworm\n")
	c.open(uri, "FROM debian:bookworm\n")
	// type "RUN apt-get install -y curl\n" in five changes, faster than the debounce
	text := "FROM debian:bookworm\n"
	for i, piece := range []string{"RUN ", "apt-get ", "install ", "-y ", "curl\n"} {
		end := positionOf(text, len(text))
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": i + 2},
			"contentChanges": []any{map[string]any{"range": protocol.Range{Start: end, End: end}, "text": piece}},
		})
		text += piece
	}
	p := c.waitDiagnostics(uri, 6)
	if find(p.Diagnostics, "DO101") == nil {
		t.Errorf("version 6: no DO101 among %v", codes(p.Diagnostics))
	}
	time.Sleep(400 * time.Millisecond)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, pub := range c.published {
		if pub.Version != nil && *pub.Version > 1 && *pub.Version < 6 {
			t.Errorf("version %d was linted: changes within the debounce should be linted once", *pub.Version)
		}
	}
}

func TestCodeActions(t *testing.T) {
	c := startServer(t, Options{})
	dir := t.TempDir()
	uri := writeDockerfile(t, dir, sample)
	c.open(uri, sample)

	acts := c.codeActions(uri, 3)
	var quick *protocol.CodeAction
	for i, a := range acts {
		if strings.HasPrefix(a.Title, "DO101 ") {
			quick = &acts[i]
		}
	}
	if quick == nil || quick.IsPreferred == nil || !*quick.IsPreferred || quick.Kind == nil || *quick.Kind != protocol.CodeActionKindQuickFix {
		t.Fatalf("no preferred DO101 quick fix in %+v", titles(acts))
	}
	got := applyEdits(t, sample, quick.Edit.Changes[uri])
	if want := strings.Replace(sample, "install -y", "install --no-install-recommends -y", 1); got != want && !strings.Contains(got, "--no-install-recommends") {
		t.Errorf("after the DO101 fix:\n%s", got)
	}

	// the unsafe DO403 fix is offered, labelled and not preferred
	var unsafe *protocol.CodeAction
	onCd := c.codeActions(uri, 2)
	for i, a := range onCd {
		if strings.HasPrefix(a.Title, "DO403 ") {
			unsafe = &onCd[i]
		}
	}
	if unsafe == nil || !strings.Contains(unsafe.Title, "unsafe") || unsafe.IsPreferred == nil || *unsafe.IsPreferred {
		t.Fatalf("DO403: want an unsafe, not preferred action; got %+v", unsafe)
	}

	// fix all safe = `dockopt fix` (safe fixes only: the cd stays)
	var all *protocol.CodeAction
	for i, a := range acts {
		if a.Kind != nil && *a.Kind == fixAllKind {
			all = &acts[i]
		}
	}
	if all == nil {
		t.Fatalf("no fix-all action in %v", titles(acts))
	}
	got = applyEdits(t, sample, all.Edit.Changes[uri])
	if want := fixOutput(t, dir, sample); got != want {
		t.Errorf("fix all safe:\n%s\nwant (dockopt fix):\n%s", got, want)
	}
	if !strings.Contains(got, "RUN cd /app") {
		t.Errorf("fix all safe applied the unsafe DO403 fix:\n%s", got)
	}

	// the ignore action silences the finding
	var ignore *protocol.CodeAction
	for i, a := range acts {
		if strings.HasPrefix(a.Title, "Ignore DO101") {
			ignore = &acts[i]
		}
	}
	if ignore == nil {
		t.Fatalf("no ignore action in %v", titles(acts))
	}
	ignored := applyEdits(t, sample, ignore.Edit.Changes[uri])
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": ignored}},
	})
	if p := c.waitDiagnostics(uri, 2); find(p.Diagnostics, "DO101") != nil || find(p.Diagnostics, "DO601") != nil { // DO601: unused suppression
		t.Errorf("after %q: %v", ignore.Title, codes(p.Diagnostics))
	}
}

func titles(as []protocol.CodeAction) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Title)
	}
	return out
}

// fixOutput is what `dockopt fix` writes for text in dir.
func fixOutput(t *testing.T, dir, text string) string {
	t.Helper()
	a := New(Options{}).analyze(writeDockerfile(t, dir, text), 1, text)
	res, err := fix.File(a.file.Path, []byte(text), a.ctx, fix.Options{Lint: lint.Options{Config: a.cfg}})
	if err != nil {
		t.Fatal(err)
	}
	return string(res.Output)
}

func TestCodeActionsHonourOnly(t *testing.T) {
	c := startServer(t, Options{})
	uri := writeDockerfile(t, t.TempDir(), sample)
	c.open(uri, sample)
	var out []protocol.CodeAction
	c.call("textDocument/codeAction", protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri},
		Range:        protocol.Range{Start: protocol.Position{Line: 3}, End: protocol.Position{Line: 3}},
		Context:      protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{}, Only: []protocol.CodeActionKind{"source.fixAll"}},
	}, &out)
	if len(out) != 1 || *out[0].Kind != fixAllKind {
		t.Errorf("only source.fixAll: got %v", titles(out))
	}
}

func TestHover(t *testing.T) {
	c := startServer(t, Options{})
	text := "FROM debian:bookworm\nCOPY . /app\n# dockopt ignore=DO403\nRUN cd /app && make\nRUN apt-get install -y curl\n"
	uri := writeDockerfile(t, t.TempDir(), text)
	c.open(uri, text)
	var h struct {
		Contents protocol.MarkupContent `json:"contents"`
	}
	// on the rule ID of the pragma
	c.call("textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: protocol.Position{Line: 2, Character: 19}}}, &h)
	if h.Contents.Kind != "markdown" || !strings.Contains(h.Contents.Value, "DO403") || !strings.Contains(h.Contents.Value, "WORKDIR") {
		t.Errorf("hover on DO403: %+v", h)
	}
	// on an instruction with a finding
	h.Contents = protocol.MarkupContent{}
	c.call("textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: protocol.Position{Line: 4, Character: 2}}}, &h)
	if !strings.Contains(h.Contents.Value, "DO101 apt-no-install-recommends") || !strings.Contains(h.Contents.Value, "--no-install-recommends") {
		t.Errorf("hover on the apt-get RUN: %+v", h)
	}
	// on a line without findings: nothing
	var none any = "unset"
	c.call("textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: protocol.Position{Line: 1, Character: 0}}}, &none)
	if none != nil {
		t.Errorf("hover on COPY . /app: %v", none)
	}
}

func TestCompletionOfIgnorePragma(t *testing.T) {
	c := startServer(t, Options{})
	text := "FROM debian:bookworm\n# dockopt ignore=DO7\nRUN apt-get install -y curl\n# hadolint ignore=\nRUN apt-get install -y wget\n"
	uri := writeDockerfile(t, t.TempDir(), text)
	c.open(uri, text)
	var list protocol.CompletionList
	c.call("textDocument/completion", protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: protocol.Position{Line: 1, Character: 20}}}, &list)
	if len(list.Items) == 0 {
		t.Fatal("no completion items")
	}
	// the rules reported on the RUN below come first, and the typed "DO7" is replaced
	first := list.Items[0]
	if first.Label != "DO101" && first.Label != "DO701" {
		t.Errorf("first item %q, want a rule reported on the next instruction", first.Label)
	}
	labels := map[string]bool{}
	for _, it := range list.Items {
		labels[it.Label] = true
	}
	if !labels["DO403"] || labels["DL3015"] {
		t.Errorf("dockopt pragma items: %d, DO403 %v, DL3015 %v", len(list.Items), labels["DO403"], labels["DL3015"])
	}
	list = protocol.CompletionList{}
	c.call("textDocument/completion", protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: protocol.Position{Line: 3, Character: 18}}}, &list)
	if len(list.Items) == 0 || list.Items[0].Label != "DL3015" && list.Items[0].Label != "DL3008" {
		t.Errorf("hadolint pragma: %d items, first %+v", len(list.Items), list.Items)
	}
	// outside a pragma: nothing
	list = protocol.CompletionList{}
	c.call("textDocument/completion", protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: protocol.Position{Line: 2, Character: 3}}}, &list)
	if len(list.Items) != 0 {
		t.Errorf("completion in a RUN: %d items", len(list.Items))
	}
}

func TestConfigurationIsHonoured(t *testing.T) {
	for name, cfg := range map[string]string{
		".dockopt.yaml":  "ignored: [DO101]\noverride:\n  error: [DO403]\n",
		".hadolint.yaml": "ignored: [DL3015]\noverride:\n  error: [DL3003]\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, name), []byte(cfg), 0o644); err != nil {
				t.Fatal(err)
			}
			c := startServer(t, Options{})
			uri := writeDockerfile(t, dir, sample)
			p := c.open(uri, sample)
			if find(p.Diagnostics, "DO101") != nil {
				t.Errorf("DO101 reported although ignored: %v", codes(p.Diagnostics))
			}
			if d := find(p.Diagnostics, "DO403"); d == nil || d.Severity != 1 {
				t.Errorf("DO403 should be an error: %+v", d)
			}
		})
	}
}

func TestBadConfigurationAndParseErrorsAreDiagnostics(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".dockopt.yaml"), []byte("ignored: [NOPE123]\n"), 0o644)
	c := startServer(t, Options{})
	text := "FROM debian:bookworm\nCMD [\"a\",\n"
	uri := writeDockerfile(t, dir, text)
	p := c.open(uri, text)
	var msgs []string
	for _, d := range p.Diagnostics {
		msgs = append(msgs, d.Message)
	}
	if len(p.Diagnostics) < 1 || !strings.Contains(strings.Join(msgs, "\n"), "configuration") {
		t.Errorf("diagnostics: %q", msgs)
	}
}

func TestCloseClearsDiagnosticsAndUTF16Positions(t *testing.T) {
	c := startServer(t, Options{})
	// "😀" is two UTF-16 code units, "é" one: DO101's range starts after them
	text := "FROM debian:bookworm\nRUN echo 😀é && apt-get install -y curl\n"
	uri := writeDockerfile(t, t.TempDir(), text)
	p := c.open(uri, text)
	d := find(p.Diagnostics, "DO101")
	if d == nil {
		t.Fatalf("no DO101 in %v", codes(p.Diagnostics))
	}
	if want := len([]rune("RUN echo ")) + 2 + 1 + len(" && "); int(d.Range.Start.Character) != want {
		t.Errorf("DO101 starts at UTF-16 character %d, want %d", d.Range.Start.Character, want)
	}
	c.notify("textDocument/didClose", protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}})
	if p := c.waitDiagnostics(uri, 0); len(p.Diagnostics) != 0 {
		t.Errorf("after close: %v", codes(p.Diagnostics))
	}
}

func TestBadRequestsDoNotStopTheServer(t *testing.T) {
	c := startServer(t, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var out any
	if err := c.conn.Call(ctx, "textDocument/hover", []int{1, 2}, &out); err == nil {
		t.Error("hover with an array for params: no error")
	}
	if err := c.conn.Call(ctx, "textDocument/nope", nil, &out); err == nil {
		t.Error("unknown method: no error")
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///not/open", "version": 3}, "contentChanges": []any{}})
	uri := writeDockerfile(t, t.TempDir(), sample)
	if p := c.open(uri, sample); len(p.Diagnostics) == 0 {
		t.Error("no diagnostics after the bad requests")
	}
	c.call("shutdown", nil, &out)
}
