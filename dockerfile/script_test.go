package dockerfile

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// Command.Memo computes a value once per key, also when goroutines ask at once, and keeps
// the values of different keys apart.
func TestCommandMemo(t *testing.T) {
	f, err := Parse("Dockerfile", []byte("FROM alpine\nRUN apk add curl\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := f.Instructions[1].Script.Commands[0]
	type keyA struct{}
	type keyB struct{}
	var computed atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if v := c.Memo(keyA{}, func() any { computed.Add(1); return "a" }); v != "a" {
				t.Errorf("keyA = %v", v)
			}
			if v := c.Memo(keyB{}, func() any { computed.Add(1); return 2 }); v != 2 {
				t.Errorf("keyB = %v", v)
			}
		})
	}
	wg.Wait()
	if n := computed.Load(); n != 2 {
		t.Errorf("computed %d times, want once per key (2)", n)
	}
}

// Commands inside command and process substitutions are found (the walk enters only words
// that may hold them), with their pipelines.
func TestCommandsInSubstitutions(t *testing.T) {
	src := "FROM alpine\nRUN echo plain 'q(' \"$(curl -s x | tar -x)\" `id -u` <(ls /) ${A:-$(date)} && z\n"
	f, err := Parse("Dockerfile", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	pipes := 0
	for _, c := range f.Instructions[1].Script.Commands {
		names = append(names, c.Name)
		if c.Pipeline > 0 {
			pipes++
		}
	}
	if got, want := strings.Join(names, " "), "echo curl tar id ls date z"; got != want {
		t.Errorf("commands %q, want %q", got, want)
	}
	if pipes != 2 {
		t.Errorf("%d commands in a pipeline, want 2 (curl | tar)", pipes)
	}
}
