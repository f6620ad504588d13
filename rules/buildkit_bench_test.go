package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

// The benchmarks measure what the BuildKit checks cost next to the rest of lint, and what
// BuildKit's own linter (dockerfile2llb.DockerfileLint, run offline; now only the tests'
// oracle) cost, over ../shared/corpus (skipped when it is absent):
//
//	go test ./rules -run '^$' -bench Buildkit -benchtime 3x

// buildkitBacked are the rules whose check reads the BuildKit warnings of buildkit.go.
var buildkitBacked = map[string]bool{
	"DO001": true, "DO002": true, "DO003": true, "DO004": true, "DO005": true, "DO006": true,
	"DO007": true, "DO008": true, "DO009": true, "DO010": true, "DO011": true, "DO012": true,
	"DO013": true, "DO015": true, "DO017": true, "DO018": true, "DO021": true, "DO022": true,
}

func loadCorpus(b *testing.B) []*dockerfile.File {
	b.Helper()
	root := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		b.Skip("no corpus at", root)
	}
	var out []*dockerfile.File
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(d.Name(), "Dockerfile") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		if f, err := dockerfile.Parse(p, src, dockerfile.Options{}); err == nil {
			out = append(out, f)
		}
		return nil
	})
	if len(out) == 0 {
		b.Skip("empty corpus")
	}
	return out
}

// cpuTime is the CPU time (user+system) the process has used so far. Wall time alone misleads
// on a shared machine; CPU time per file says what a file costs one core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportFiles(b *testing.B, n int, cpu0 time.Duration) {
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(n*b.N)/sec, "files/s")
	b.ReportMetric(sec*1e3/float64(n*b.N), "ms/file")
	b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(n*b.N), "cpu-ms/file")
}

// BenchmarkBuildkitLintOnly is the native BuildKit checks alone on already parsed files.
func BenchmarkBuildkitLintOnly(b *testing.B) {
	files := loadCorpus(b)
	b.ResetTimer()
	cpu0 := cpuTime()
	for range b.N {
		for _, f := range files {
			buildkitlint.Warnings(rule.NewPass(f, nil))
		}
	}
	reportFiles(b, len(files), cpu0)
}

// BenchmarkBuildkitOracle is BuildKit's own linter (DockerfileLint) on the same files.
func BenchmarkBuildkitOracle(b *testing.B) {
	files := loadCorpus(b)
	b.ResetTimer()
	cpu0 := cpuTime()
	for range b.N {
		for _, f := range files {
			oracleWarnings(f)
		}
	}
	reportFiles(b, len(files), cpu0)
}

// BenchmarkBuildkitModelParse is dockopt's model (BuildKit parser, instructions, shell) alone.
func BenchmarkBuildkitModelParse(b *testing.B) {
	files := loadCorpus(b)
	b.ResetTimer()
	cpu0 := cpuTime()
	for range b.N {
		for _, f := range files {
			dockerfile.Parse(f.Path, f.Source, dockerfile.Options{})
		}
	}
	reportFiles(b, len(files), cpu0)
}

// BenchmarkBuildkitLintAllRules is every rule on parsed files.
func BenchmarkBuildkitLintAllRules(b *testing.B) {
	files := loadCorpus(b)
	b.ResetTimer()
	cpu0 := cpuTime()
	for range b.N {
		for _, f := range files {
			lint.Run(f, nil, lint.Options{})
		}
	}
	reportFiles(b, len(files), cpu0)
}

// BenchmarkBuildkitLintWithoutBuildkitRules is every rule except those reading the BuildKit
// warnings, so the native BuildKit checks never run.
func BenchmarkBuildkitLintWithoutBuildkitRules(b *testing.B) {
	files := loadCorpus(b)
	var rs []*rule.Rule
	for _, r := range rules.All() {
		if !buildkitBacked[r.ID] {
			rs = append(rs, r)
		}
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	for range b.N {
		for _, f := range files {
			lint.Run(f, nil, lint.Options{Only: rs})
		}
	}
	reportFiles(b, len(files), cpu0)
}

// TestBuildkitBackedList keeps buildkitBacked in step with the rules.
func TestBuildkitBackedList(t *testing.T) {
	for id := range buildkitBacked {
		if r := rules.Lookup(id); r == nil || !strings.HasPrefix(r.Equivalents[0], "buildkit:") {
			t.Errorf("%s is not a BuildKit rule", id)
		}
	}
}
