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
// current phase and build step; otherwise one line per phase with the time it took, and,
// during a long phase, a line at least every quietMax with the build step it is on (a CI log
// is never silent for longer).
type progress struct {
	w     io.Writer
	tty   bool
	width int
	mu    sync.Mutex
	cur   string
	start time.Time
	// lastStep is the last build step BuildKit started; lastLine when a line was last printed.
	lastStep string
	lastLine time.Time
	// quietMax and tick drive the non-terminal ticker (started with the first phase).
	quietMax, tick time.Duration
	ticking        bool
	stop           chan struct{}
	stopOnce       sync.Once
	wg             sync.WaitGroup
}

// quietMax is the longest a non-terminal log stays silent while measure works: under 10 s,
// checked twice a second.
const (
	quietMax  = 9 * time.Second
	quietTick = 500 * time.Millisecond
)

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, width: 100, quietMax: quietMax, tick: quietTick, stop: make(chan struct{})}
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
	p.cur, p.start, p.lastStep, p.lastLine = text, time.Now(), "", time.Now()
	if p.tty {
		p.line(text)
	} else if !p.ticking {
		p.ticking = true
		p.wg.Add(1)
		go p.ticker()
	}
}

// ticker prints, without a terminal, a line for a phase that has been quiet for quietMax:
// how long it has run and the build step it is on.
func (p *progress) ticker() {
	defer p.wg.Done()
	t := time.NewTicker(p.tick)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
		}
		p.mu.Lock()
		if p.cur != "" && time.Since(p.lastLine) >= p.quietMax {
			line := fmt.Sprintf("measure: %s … %s so far", p.cur, time.Since(p.start).Round(time.Second))
			if p.lastStep != "" {
				line += " · at " + p.lastStep
			}
			fmt.Fprintln(p.w, strings.ReplaceAll(line, "\n", " "))
			p.lastLine = time.Now()
		}
		p.mu.Unlock()
	}
}

func (p *progress) step(text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lastStep = text
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

// done closes the current phase and stops the ticker.
func (p *progress) done() {
	p.stopOnce.Do(func() { close(p.stop) })
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finish()
}
