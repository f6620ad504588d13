// Package lsp is dockopt's language server: the Language Server Protocol over a stream
// (stdio for `dockopt lsp`). It publishes lint findings as diagnostics when a Dockerfile is
// opened or changed (debounced), offers each finding's fix as a code action (safe fixes as
// preferred quick fixes, unsafe ones labelled) and a "fix all safe" source action, shows a
// rule's documentation on hover, and completes rule IDs in `# dockopt ignore=` comments.
//
// The build context of a document is its file's directory, and the configuration is found
// from there (.dockopt.yaml, else .hadolint.yaml), as `dockopt lint FILE` does. The protocol
// types and the method dispatch come from github.com/tliron/glsp; the JSON-RPC transport from
// github.com/sourcegraph/jsonrpc2.
package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Options tune the server.
type Options struct {
	// Debounce is how long after the last change a document is linted; 0 means 250 ms.
	Debounce time.Duration
	// ConfigPath, when set, is the configuration file for every document (--config).
	ConfigPath string
	// Version is dockopt's version, reported to the client.
	Version string
}

// Server holds the open documents of one connection.
type Server struct {
	opt      Options
	handler  protocol.Handler
	contexts contexts

	mu   sync.Mutex
	docs map[string]*document
	// notify sends a notification to the client; nil until a connection is served.
	notify   func(method string, params any)
	shutdown bool
}

type document struct {
	version int32
	text    string
	timer   *time.Timer
	// last is the newest analysis published for this document (nil before the first).
	last *analysis
}

// New returns a server; Serve runs it on a connection.
func New(opt Options) *Server {
	if opt.Debounce <= 0 {
		opt.Debounce = 250 * time.Millisecond
	}
	s := &Server{opt: opt, docs: map[string]*document{}}
	s.handler = protocol.Handler{
		Initialize:                      s.initialize,
		Initialized:                     func(*glsp.Context, *protocol.InitializedParams) error { return nil },
		Shutdown:                        s.shutdownReq,
		Exit:                            func(*glsp.Context) error { return nil },
		SetTrace:                        func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		CancelRequest:                   func(*glsp.Context, *protocol.CancelParams) error { return nil },
		WorkspaceDidChangeConfiguration: func(*glsp.Context, *protocol.DidChangeConfigurationParams) error { s.invalidate(); return nil },
		WorkspaceDidChangeWatchedFiles:  func(*glsp.Context, *protocol.DidChangeWatchedFilesParams) error { s.invalidate(); return nil },
		TextDocumentDidOpen:             s.didOpen,
		TextDocumentDidChange:           s.didChange,
		TextDocumentDidSave:             s.didSave,
		TextDocumentDidClose:            s.didClose,
		TextDocumentCodeAction:          s.codeAction,
		TextDocumentHover:               s.hover,
		TextDocumentCompletion:          s.completion,
	}
	return s
}

// Serve runs the server on a stream of LSP messages (Content-Length framing) until the client
// sends exit, the stream ends or ctx is cancelled. It returns an error when it stopped at a
// message header it could not read (a Content-Length that is not a length, or too large).
func (s *Server) Serve(ctx context.Context, stream io.ReadWriteCloser) error {
	var conn *jsonrpc2.Conn
	st := newStream(stream)
	conn = jsonrpc2.NewConn(ctx, st,
		jsonrpc2.HandlerWithError(func(ctx context.Context, c *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
			return s.handle(ctx, c, req)
		}))
	s.mu.Lock()
	s.notify = func(method string, params any) { _ = conn.Notify(ctx, method, params) }
	s.mu.Unlock()
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	s.stopTimers()
	return st.framing()
}

// handle dispatches one request or notification to the glsp handler (which decodes the
// parameters into the protocol's types) and maps its outcome to JSON-RPC errors.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			result, err = nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: fmt.Sprintf("internal error: %v", r)}
		}
	}()
	gc := &glsp.Context{Method: req.Method, Notify: func(method string, params any) { _ = conn.Notify(ctx, method, params) }}
	if req.Params != nil {
		gc.Params = *req.Params
	} else {
		gc.Params = json.RawMessage("null")
	}
	if req.Method == "exit" {
		s.stopTimers()
		conn.Close()
		return nil, nil
	}
	r, validMethod, validParams, herr := s.handler.Handle(gc)
	switch {
	case !validMethod:
		if req.Notif {
			return nil, nil // unknown notifications are ignored ($/... and the like)
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
	case !validParams && req.Notif:
		return nil, nil
	case !validParams:
		msg := "invalid parameters"
		if herr != nil {
			msg += ": " + herr.Error()
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: msg}
	case herr != nil && req.Notif:
		// a notification has no reply: the client shows the error in its log
		_ = conn.Notify(ctx, protocol.ServerWindowLogMessage, protocol.LogMessageParams{Type: protocol.MessageTypeError, Message: "dockopt: " + herr.Error()})
		return nil, nil
	case herr != nil:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: herr.Error()}
	}
	return r, nil
}

func (s *Server) initialize(_ *glsp.Context, _ *protocol.InitializeParams) (any, error) {
	caps := s.handler.CreateServerCapabilities()
	caps.CompletionProvider = &protocol.CompletionOptions{TriggerCharacters: []string{"=", ","}}
	caps.CodeActionProvider = &protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, fixAllKind}}
	if sync, ok := caps.TextDocumentSync.(*protocol.TextDocumentSyncOptions); ok {
		sync.Save = &protocol.SaveOptions{IncludeText: &protocol.False}
	}
	v := s.opt.Version
	return protocol.InitializeResult{Capabilities: caps, ServerInfo: &protocol.InitializeResultServerInfo{Name: "dockopt", Version: &v}}, nil
}

func (s *Server) shutdownReq(*glsp.Context) error {
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
	s.stopTimers()
	return nil
}

func (s *Server) stopTimers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
		}
	}
}

func (s *Server) didOpen(_ *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	uri := p.TextDocument.URI
	s.mu.Lock()
	if d := s.docs[uri]; d != nil && d.timer != nil {
		d.timer.Stop()
	}
	s.docs[uri] = &document{version: p.TextDocument.Version, text: p.TextDocument.Text}
	s.mu.Unlock()
	s.schedule(uri, 0)
	return nil
}

func (s *Server) didChange(_ *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	uri := p.TextDocument.URI
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return fmt.Errorf("didChange for %s, which is not open", uri)
	}
	for _, c := range p.ContentChanges {
		d.text = applyChange(d.text, c)
	}
	d.version = p.TextDocument.Version
	s.mu.Unlock()
	s.schedule(uri, s.opt.Debounce)
	return nil
}

func (s *Server) didSave(_ *glsp.Context, p *protocol.DidSaveTextDocumentParams) error {
	s.contexts.reset() // files next to the Dockerfile may have been saved too
	s.schedule(p.TextDocument.URI, 0)
	return nil
}

func (s *Server) didClose(_ *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	uri := p.TextDocument.URI
	s.mu.Lock()
	if d := s.docs[uri]; d != nil && d.timer != nil {
		d.timer.Stop()
	}
	delete(s.docs, uri)
	notify := s.notify
	s.mu.Unlock()
	if notify != nil {
		notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: uri, Diagnostics: []protocol.Diagnostic{}})
	}
	return nil
}

// invalidate drops the cached build contexts and re-lints every open document (a
// configuration or a file of a context may have changed).
func (s *Server) invalidate() {
	s.contexts.reset()
	s.mu.Lock()
	uris := make([]string, 0, len(s.docs))
	for u := range s.docs {
		uris = append(uris, u)
	}
	s.mu.Unlock()
	for _, u := range uris {
		s.schedule(u, 0)
	}
}

// schedule lints the document after delay, replacing a lint already scheduled: changes typed
// in quick succession are linted once.
func (s *Server) schedule(uri string, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil || s.shutdown {
		return
	}
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(delay, func() { s.publish(uri) })
}

// publish lints the current text of a document and sends its diagnostics, unless the text
// changed meanwhile (the newer change's lint will publish).
func (s *Server) publish(uri string) {
	a := s.current(uri)
	if a == nil {
		return
	}
	s.mu.Lock()
	d := s.docs[uri]
	stale := d == nil || d.version != a.version || d.text != a.text
	notify := s.notify
	s.mu.Unlock()
	if stale || notify == nil {
		return
	}
	v := protocol.UInteger(max(a.version, 0))
	notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: uri, Version: &v, Diagnostics: a.diagnostics()})
}

// current returns the analysis of the document's current text, linting it when the last
// analysis is older; nil when the document is not open.
func (s *Server) current(uri string) *analysis {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return nil
	}
	if d.last != nil && d.last.version == d.version && d.last.text == d.text {
		a := d.last
		s.mu.Unlock()
		return a
	}
	version, text := d.version, d.text
	s.mu.Unlock()
	a := s.analyze(uri, version, text)
	s.mu.Lock()
	if d := s.docs[uri]; d != nil && d.version == version && d.text == text {
		d.last = a
	}
	s.mu.Unlock()
	return a
}
