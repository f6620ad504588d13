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

// A part records every pipe node in walk order, nested ones and those in substitutions
// included, and which of them are the condition of an if, elif, while or until.
func TestPartPipes(t *testing.T) {
	src := "FROM alpine\n" +
		"RUN if a | b; then c | d | e; elif f |& g; then :; fi; echo \"$(h | i)\" 'j | k'; until l | m; do n; done\n" +
		"RUN echo 'x | y' || z\n"
	f, err := Parse("Dockerfile", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	part := f.Instructions[1].Script.Parts[0]
	var got, conds []string
	for _, b := range part.Pipes {
		text := part.Source[b.Pos().Offset():b.End().Offset()]
		got = append(got, text)
		if part.CondPipes[b] {
			conds = append(conds, text)
		}
	}
	want := []string{"a | b", "c | d | e", "c | d", "f |& g", "h | i", "l | m"}
	if strings.Join(got, ";") != strings.Join(want, ";") {
		t.Errorf("pipes %q, want %q", got, want)
	}
	if strings.Join(conds, ";") != "a | b;f |& g;l | m" {
		t.Errorf("condition pipes %q", conds)
	}
	if p := f.Instructions[2].Script.Parts[0]; len(p.Pipes) != 0 || p.CondPipes != nil {
		t.Errorf("no pipe in %q: %d recorded", p.Source, len(p.Pipes))
	}
}

// A part records its declaration clauses in walk order, those in substitutions included.
func TestPartDecls(t *testing.T) {
	src := "FROM alpine\nRUN export A=1; f() { local B=2; }; echo \"$(declare -x C=3)\" 'export D=4'\n"
	f, err := Parse("Dockerfile", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range f.Instructions[1].Script.Parts[0].Decls {
		got = append(got, d.Variant.Value+" "+d.Args[len(d.Args)-1].Name.Value)
	}
	if want := "export A;local B;declare C"; strings.Join(got, ";") != want {
		t.Errorf("decls %q, want %s", got, want)
	}
}
