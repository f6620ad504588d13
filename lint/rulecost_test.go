package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/config"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// corpusDir is the shared corpus (../shared/corpus from the repository).
const corpusDir = "../../shared/corpus"

// BenchmarkRuleCost runs every rule over the parsed corpus, with each file's build context,
// in lint.Run's order and with one Pass per file (so a value memoized for several rules is
// charged to the first rule that asks for it), and logs where the time goes: the rules that
// cost most, in µs per file. Parsing and the context scan are done before the timer starts.
//
//	go test ./lint -run '^$' -bench RuleCost -benchtime 5x -v
func BenchmarkRuleCost(b *testing.B) {
	files, errs := Discover([]string{corpusDir})
	if len(files) == 0 || len(errs) > 0 {
		b.Skipf("corpus not found at %s: %v", corpusDir, errs)
	}
	type parsed struct {
		f   *dockerfile.File
		ctx *buildctx.Context
	}
	var models []parsed
	cache := new(buildctx.Cache)
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		f, err := dockerfile.Parse(p, src, dockerfile.Options{})
		if err != nil {
			continue
		}
		ctx, err := cache.Context(filepath.Dir(p), filepath.Base(p))
		if err != nil {
			b.Fatal(err)
		}
		models = append(models, parsed{f, ctx})
	}
	cfg := config.Default()
	spent := map[*rule.Rule]time.Duration{}
	b.ResetTimer()
	for range b.N {
		for _, m := range models {
			pass := rule.NewPass(m.f, m.ctx)
			pass.ReadFile = m.ctx.ReadFile
			for _, r := range rules.All() {
				if notSelected(r, m.ctx, cfg) != "" {
					continue
				}
				pass.Rule = r
				start := time.Now()
				runCheck(pass, r)
				spent[r] += time.Since(start)
			}
		}
	}
	b.StopTimer()
	var order []*rule.Rule
	var total time.Duration
	for r, d := range spent {
		order = append(order, r)
		total += d
	}
	sort.Slice(order, func(i, j int) bool { return spent[order[i]] > spent[order[j]] })
	perFile := func(d time.Duration) float64 {
		return float64(d.Microseconds()) / float64(b.N*len(models))
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "all rules: %.1f µs per file (%d files)\n", perFile(total), len(models))
	for _, r := range order[:min(25, len(order))] {
		fmt.Fprintf(&sb, "%-6s %-34s %6.1f µs %5.1f%%\n", r.ID, r.Name, perFile(spent[r]), 100*float64(spent[r])/float64(total))
	}
	b.Log("\n" + sb.String())
}
