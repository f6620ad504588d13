package lsp

import (
	"context"
	"encoding/json"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// client is a protocol-level test client: it talks JSON-RPC to a server over an in-memory
// connection, exactly as an editor does over stdio.
type client struct {
	t    *testing.T
	conn *jsonrpc2.Conn
	mu   sync.Mutex
	// published collects textDocument/publishDiagnostics notifications, in arrival order.
	published []published
	arrived   chan struct{}
	done      chan struct{}
}

func startServer(t *testing.T, opt Options) *client {
	t.Helper()
	if opt.Debounce == 0 {
		opt.Debounce = 20 * time.Millisecond
	}
	srvSide, cliSide := net.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	c := &client{t: t, arrived: make(chan struct{}, 1000), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		_ = New(opt).Serve(ctx, srvSide)
	}()
	c.conn = jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(cliSide, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
			if req.Method == "textDocument/publishDiagnostics" && req.Params != nil {
				var p published
				if err := json.Unmarshal(*req.Params, &p); err != nil {
					t.Errorf("publishDiagnostics: %v", err)
				}
				c.mu.Lock()
				c.published = append(c.published, p)
				c.mu.Unlock()
				c.arrived <- struct{}{}
			}
			return nil, nil
		}))
	t.Cleanup(func() {
		c.conn.Close()
		cancel()
		srvSide.Close()
		select {
		case <-c.done:
		case <-time.After(5 * time.Second):
			t.Error("server did not stop within 5 s of the connection closing")
		}
	})
	var res protocol.InitializeResult
	c.call("initialize", protocol.InitializeParams{}, &res)
	c.notify("initialized", struct{}{})
	return c
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// waitDiagnostics waits for the diagnostics of uri at version (any version when < 0, none
// when 0: the empty list sent when a document is closed).
func (c *client) waitDiagnostics(uri string, version int) published {
	c.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		c.mu.Lock()
		for i := len(c.published) - 1; i >= 0; i-- {
			p := c.published[i]
			if p.URI == uri && (version < 0 || version == 0 && p.Version == nil || p.Version != nil && int(*p.Version) == version) {
				c.mu.Unlock()
				return p
			}
		}
		c.mu.Unlock()
		select {
		case <-c.arrived:
		case <-deadline:
			c.t.Fatalf("no diagnostics for %s version %d within 20 s", uri, version)
		}
	}
}

func (c *client) open(uri, text string) published {
	c.t.Helper()
	c.notify("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: uri, LanguageID: "dockerfile", Version: 1, Text: text}})
	return c.waitDiagnostics(uri, 1)
}

func (c *client) codeActions(uri string, line int) []protocol.CodeAction {
	c.t.Helper()
	var out []protocol.CodeAction
	c.call("textDocument/codeAction", protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri},
		Range:        protocol.Range{Start: protocol.Position{Line: protocol.UInteger(line)}, End: protocol.Position{Line: protocol.UInteger(line)}},
		Context:      protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{}},
	}, &out)
	return out
}

// writeDockerfile writes text to dir/Dockerfile and returns its file URI.
func writeDockerfile(t *testing.T, dir, text string) string {
	t.Helper()
	p := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
}

// applyEdits applies LSP text edits to text, as a client does.
func applyEdits(t *testing.T, text string, es []protocol.TextEdit) string {
	t.Helper()
	type span struct {
		s, e int
		new  string
	}
	var spans []span
	for _, e := range es {
		spans = append(spans, span{offsetOf(text, e.Range.Start), offsetOf(text, e.Range.End), e.NewText})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].s > spans[j].s })
	for _, sp := range spans {
		text = text[:sp.s] + sp.new + text[sp.e:]
	}
	return text
}

// published is a publishDiagnostics notification as the client decodes it (glsp's
// IntegerOrString cannot decode a diagnostic's code: its UnmarshalJSON has a value receiver).
type published struct {
	URI         string     `json:"uri"`
	Version     *int       `json:"version"`
	Diagnostics []diagWire `json:"diagnostics"`
}

type diagWire struct {
	Range    protocol.Range `json:"range"`
	Severity int            `json:"severity"`
	Code     string         `json:"code"`
	Source   string         `json:"source"`
	Message  string         `json:"message"`
}

func codes(ds []diagWire) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Code)
	}
	return out
}

func find(ds []diagWire, code string) *diagWire {
	for i := range ds {
		if ds[i].Code == code {
			return &ds[i]
		}
	}
	return nil
}
