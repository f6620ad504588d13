package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// progress shows what measure is doing on stderr: on a terminal one line, rewritten with the
// current phase and build step; otherwise one line per phase with the time it took.
type progress struct {
	w     io.Writer
	tty   bool
	width int
	mu    sync.Mutex
	cur   string
	start time.Time
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, width: 100}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = true
		if wd, _, err := term.GetSize(int(f.Fd())); err == nil && wd > 20 {
			p.width = wd
		}
	}
	return p
}

func (p *progress) phase(text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finish()
	p.cur, p.start = text, time.Now()
	if p.tty {
		p.line(text)
	}
}

func (p *progress) step(text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && p.cur != "" {
		p.line(p.cur + " · " + text)
	}
}

func (p *progress) line(s string) {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > p.width-2 {
		s = string(r[:p.width-3]) + "…"
	}
	fmt.Fprintf(p.w, "\r\033[K%s", s)
}

// finish closes the current phase (caller holds mu).
func (p *progress) finish() {
	if p.cur == "" {
		return
	}
	d := time.Since(p.start).Round(100 * time.Millisecond)
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K")
	}
	fmt.Fprintf(p.w, "measure: %s (%s)\n", p.cur, d)
	p.cur = ""
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finish()
}
