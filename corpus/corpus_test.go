// Package corpus holds the tests and benchmarks that run dockopt over the real public
// Dockerfiles in ../shared/corpus (skipped with a message when the corpus is absent).
package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/fix"
	"github.com/dockopt/dockopt/internal/testenv"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/optimize"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// Dir is where the corpus lives, relative to this package.
const Dir = "../../shared/corpus"

type file struct {
	path string
	src  []byte
}

func load(tb testing.TB) []file {
	tb.Helper()
	paths, _ := filepath.Glob(filepath.Join(Dir, "*", "*"))
	var out []file
	for _, p := range paths {
		base := filepath.Base(p)
		if base == "LICENSE.txt" || base == "MANIFEST.tsv" {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, file{p, src})
	}
	if len(out) == 0 {
		testenv.SkipUnlessCI(tb, "corpus not found at %s: corpus tests skipped", Dir)
	}
	return out
}

// isTemplate reports whether a file is a docker-library template with %%PLACEHOLDER%% tags.
func isTemplate(src []byte) bool {
	return bytes.Contains(src, []byte("%%")) || bytes.Contains(src, []byte("PLACEHOLDER")) || bytes.Contains(src, []byte("FROM DIST:SUITE"))
}

// TestCorpusInvariants: every file parses unless it is a template (which must give a
// *ParseError, not a crash); lint never panics and stays within a memory bound; fixing
// gives text that parses, and fixing it again changes nothing.
func TestCorpusInvariants(t *testing.T) {
	files := load(t)
	perRule := map[string]int{}
	parsed, rejected := 0, 0
	for _, fl := range files {
		f, err := dockerfile.Parse(fl.path, fl.src, dockerfile.Options{})
		if err != nil {
			if !isTemplate(fl.src) {
				t.Errorf("%v (not a template, must parse)", err)
			}
			rejected++
			continue
		}
		parsed++
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		findings := lint.Run(f, nil, lint.Options{})
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
			t.Errorf("%s: lint allocated %d MiB (bound 64 MiB)", fl.path, alloc>>20)
		}
		for _, fd := range findings {
			perRule[fd.Rule.ID]++
			if strings.HasPrefix(fd.Message, "internal error") {
				t.Errorf("%s:%d: %s", fl.path, fd.Line, fd.Message)
			}
		}
		res, err := fix.File(fl.path, fl.src, nil, fix.Options{})
		if err != nil {
			t.Errorf("%s: fix: %v", fl.path, err)
			continue
		}
		again, err := fix.File(fl.path, res.Output, nil, fix.Options{})
		if err != nil {
			t.Errorf("%s: fix output does not parse: %v", fl.path, err)
			continue
		}
		if again.Changed() {
			t.Errorf("%s: fixing twice changes the text again", fl.path)
		}
	}
	t.Logf("corpus: %d files parsed, %d templates rejected", parsed, rejected)
	var never []string
	for _, r := range rules.All() {
		if perRule[r.ID] == 0 {
			never = append(never, r.ID)
		}
	}
	t.Logf("findings per rule: %v", perRule)
	t.Logf("rules that never fired on the corpus: %v", never)
}

// TestCorpusOptimize: optimizing never panics, its output parses, optimizing the output
// again changes nothing, and findings of the size and security families never increase for
// a file; summed over the corpus they drop. (No build context: the generic path.)
func TestCorpusOptimize(t *testing.T) {
	files := load(t)
	before := map[rule.Family]int{}
	after := map[rule.Family]int{}
	for _, fl := range files {
		f, err := dockerfile.Parse(fl.path, fl.src, dockerfile.Options{})
		if err != nil {
			continue
		}
		res, err := optimize.Optimize(f, nil, optimize.Options{})
		if err != nil {
			t.Errorf("%s: %v", fl.path, err)
			continue
		}
		f2, err := dockerfile.Parse(fl.path, res.Dockerfile, dockerfile.Options{})
		if err != nil {
			t.Errorf("%s: optimized output does not parse: %v", fl.path, err)
			continue
		}
		res2, err := optimize.Optimize(f2, nil, optimize.Options{})
		if err != nil {
			t.Errorf("%s: second optimize: %v", fl.path, err)
			continue
		}
		if !bytes.Equal(res2.Dockerfile, res.Dockerfile) {
			t.Errorf("%s: optimizing twice changes the text again", fl.path)
		}
		for _, fam := range rule.Families {
			b, a := res.FindingsBefore[fam], res.FindingsAfter[fam]
			before[fam] += b
			after[fam] += a
			if (fam == rule.Size || fam == rule.Security) && a > b {
				t.Errorf("%s: %s findings increase %d -> %d", fl.path, fam, b, a)
			}
		}
	}
	for _, fam := range rule.Families {
		t.Logf("family %-12s findings before %5d after %5d", fam, before[fam], after[fam])
	}
	if after[rule.Size]+after[rule.Security] >= before[rule.Size]+before[rule.Security] {
		t.Errorf("size+security findings did not drop over the corpus: %d -> %d", before[rule.Size]+before[rule.Security], after[rule.Size]+after[rule.Security])
	}
}
