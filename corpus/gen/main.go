// Command gen writes docs/precision.md: the precision table of the lint rules over
// ../shared/corpus, from a lint run and the hand-checked labels in corpus/labels.yaml.
// Run from the repository root: go run ./corpus/gen
// With -todo it writes nothing and prints the sampled findings that have no label yet, each
// with its instruction, as YAML entries to complete and add to corpus/labels.yaml.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/dockopt/dockopt/corpus"
)

func main() {
	dir := flag.String("corpus", "../shared/corpus", "corpus root (one folder per source)")
	out := flag.String("out", "docs/precision.md", "file to write")
	todo := flag.Bool("todo", false, "print the sampled findings without a label instead of writing the table")
	flag.Parse()
	if err := run(*dir, *out, *todo); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir, out string, todo bool) error {
	labels, err := corpus.Labels()
	if err != nil {
		return err
	}
	r, err := corpus.Lint(dir)
	if err != nil {
		return err
	}
	t := corpus.Compute(r, labels)
	if todo {
		printTodo(t)
		return nil
	}
	return os.WriteFile(out, []byte(t.Markdown()), 0o644)
}

// printTodo prints each unlabelled sampled finding with its message and instruction text.
func printTodo(t *corpus.Table) {
	msgs := map[corpus.Key][]string{}
	ends := map[corpus.Key]int{}
	for _, h := range t.Run.Hits {
		msgs[h.Key] = append(msgs[h.Key], h.Message)
		ends[h.Key] = max(ends[h.Key], h.EndLine)
	}
	for _, s := range t.Rules {
		for _, k := range s.Unlabelled {
			fmt.Printf("- {file: %s, line: %d, rule: %s, verdict: , why: }\n", k.File, k.Line, k.Rule)
			for _, m := range msgs[k] {
				fmt.Printf("  # %s\n", m)
			}
			lines := strings.Split(string(t.Run.Src[k.File]), "\n")
			for i := k.Line - 1; i < min(ends[k], k.Line+14, len(lines)); i++ {
				fmt.Printf("  #| %s\n", lines[i])
			}
		}
	}
}
