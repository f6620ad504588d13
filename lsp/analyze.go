package lsp

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/config"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
)

// analysis is the outcome of linting one version of a document.
type analysis struct {
	version int32
	text    string
	path    string
	// file is nil when the text does not parse.
	file     *dockerfile.File
	ctx      *buildctx.Context
	cfg      *config.Config
	findings []rule.Finding
	// problems are parse and configuration errors, shown as diagnostics without a rule.
	problems []problem
}

type problem struct {
	line, col int // 1-based; 0 when unknown
	msg       string
}

// contexts caches build-context scans per directory and Dockerfile name: a scan walks the
// directory, too slow to repeat on every keystroke. Entries expire after contextTTL and are
// dropped when a file is saved (the context may have changed).
type contexts struct {
	mu sync.Mutex
	m  map[string]ctxEntry
}

type ctxEntry struct {
	ctx  *buildctx.Context
	err  error
	when time.Time
}

const contextTTL = 10 * time.Second

func (c *contexts) get(dir, name string) (*buildctx.Context, error) {
	key := dir + "\x00" + name
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if ok && time.Since(e.when) < contextTTL {
		return e.ctx, e.err
	}
	ctx, err := buildctx.Scan(dir, name)
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]ctxEntry{}
	}
	c.m[key] = ctxEntry{ctx: ctx, err: err, when: time.Now()}
	c.mu.Unlock()
	return ctx, err
}

func (c *contexts) reset() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}

// loadConfig finds the configuration as the CLI does (.dockopt.yaml, else .hadolint.yaml, in
// the directory or a parent), starting from the document's directory (the server's working
// directory for a document that is not a file). A configuration that cannot be read is a
// problem on the document's first line; the defaults apply.
func (s *Server) loadConfig(path string) (*config.Config, *problem) {
	if s.opt.ConfigPath != "" {
		c, err := config.Load(s.opt.ConfigPath)
		if err != nil {
			return config.Default(), &problem{line: 1, msg: "configuration: " + err.Error()}
		}
		return c, nil
	}
	dir := "."
	if path != "" {
		dir = filepath.Dir(path)
	}
	p := config.Find(dir)
	if p == "" {
		return config.Default(), nil
	}
	c, err := config.Load(p)
	if err != nil {
		return config.Default(), &problem{line: 1, msg: "configuration: " + err.Error()}
	}
	return c, nil
}

// analyze lints text, the document at uri; it never panics (a panic becomes a problem).
func (s *Server) analyze(uri string, version int32, text string) (a *analysis) {
	a = &analysis{version: version, text: text, path: pathOf(uri)}
	defer func() {
		if r := recover(); r != nil {
			a.file, a.findings = nil, nil
			a.problems = append(a.problems, problem{line: 1, msg: fmt.Sprintf("internal error: %v", r)})
		}
	}()
	cfg, cp := s.loadConfig(a.path)
	a.cfg = cfg
	if cp != nil {
		a.problems = append(a.problems, *cp)
	}
	name := a.path
	if name == "" {
		name = uri
	}
	f, err := dockerfile.Parse(name, []byte(text), dockerfile.Options{})
	if err != nil {
		var pe *dockerfile.ParseError
		if errors.As(err, &pe) {
			a.problems = append(a.problems, problem{line: pe.Line, col: pe.Column, msg: pe.Msg})
		} else {
			a.problems = append(a.problems, problem{line: 1, msg: err.Error()})
		}
		return a
	}
	a.file = f
	if a.path != "" {
		// the build context is the file's directory, as for `dockopt lint FILE`
		ctx, err := s.contexts.get(filepath.Dir(a.path), filepath.Base(a.path))
		if err != nil {
			var ie *buildctx.IgnoreFileError
			if errors.As(err, &ie) {
				a.problems = append(a.problems, problem{line: 1, msg: fmt.Sprintf("build context: %s:%d: %s", ie.File, ie.Line, ie.Msg)})
			}
			ctx = nil // lint the file alone: rules that need the context are skipped
		}
		a.ctx = ctx
	}
	a.findings = lint.Run(f, a.ctx, lint.Options{Config: cfg})
	return a
}

var severities = map[rule.Severity]protocol.DiagnosticSeverity{
	rule.Error:   protocol.DiagnosticSeverityError,
	rule.Warning: protocol.DiagnosticSeverityWarning,
	rule.Info:    protocol.DiagnosticSeverityInformation,
	rule.Style:   protocol.DiagnosticSeverityHint,
}

const source = "dockopt"

// findingRange is a finding's range in LSP positions.
func findingRange(text string, f rule.Finding) protocol.Range {
	s := offsetOfLineCol(text, f.Line, f.Column)
	e := offsetOfLineCol(text, f.EndLine, f.EndColumn)
	if e < s {
		e = s
	}
	return rangeOf(text, s, e)
}

// diagnostic converts a finding.
func diagnostic(text string, f rule.Finding) protocol.Diagnostic {
	sev := severities[f.Severity]
	src := source
	msg := f.Message
	if f.Fix != nil {
		msg += " [fixable]"
	}
	return protocol.Diagnostic{
		Range:    findingRange(text, f),
		Severity: &sev,
		Code:     &protocol.IntegerOrString{Value: f.Rule.ID},
		Source:   &src,
		Message:  msg,
	}
}

// diagnostics converts an analysis; the slice is never nil (an empty list clears the client's).
func (a *analysis) diagnostics() []protocol.Diagnostic {
	out := []protocol.Diagnostic{}
	for _, p := range a.problems {
		line := max(p.line, 1)
		s := offsetOfLineCol(a.text, line, max(p.col, 1))
		e := lineEnd(a.text, lineStart(a.text, line-1))
		if e < s || p.col > 0 {
			e = s
		}
		sev := protocol.DiagnosticSeverityError
		src := source
		out = append(out, protocol.Diagnostic{Range: rangeOf(a.text, s, e), Severity: &sev, Source: &src, Message: p.msg})
	}
	for _, f := range a.findings {
		out = append(out, diagnostic(a.text, f))
	}
	return out
}
