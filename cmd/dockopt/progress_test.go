package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// Without a terminal, a long phase prints a line at least every quietMax, naming the build
// step it is on.
func TestProgressTicksWithoutTerminal(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf)
	if p.tty {
		t.Skip("a bytes.Buffer is a terminal?")
	}
	if p.quietMax >= 10*time.Second {
		t.Errorf("quietMax %s: want under 10s", p.quietMax)
	}
	p.quietMax, p.tick = 30*time.Millisecond, 5*time.Millisecond
	p.phase("building the original image")
	p.step("[build 3/4] RUN go build")
	time.Sleep(150 * time.Millisecond)
	p.done()
	out := buf.String()
	ticks := strings.Count(out, "… ")
	if ticks < 2 || !strings.Contains(out, "measure: building the original image … ") || !strings.Contains(out, "· at [build 3/4] RUN go build") {
		t.Errorf("want repeated lines with the step, got:\n%s", out)
	}
	if !strings.HasSuffix(out, ")\n") || !strings.Contains(out, "measure: building the original image (") {
		t.Errorf("phase not closed:\n%s", out)
	}
	n := len(buf.String())
	time.Sleep(50 * time.Millisecond)
	if len(buf.String()) != n {
		t.Error("ticker still printing after done")
	}
	p.done() // twice is fine
}
