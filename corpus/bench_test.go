package corpus

import (
	"bytes"
	"testing"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/parser"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/fix"
	"github.com/dockopt/dockopt/lint"
)

// The benchmarks process the whole corpus once per iteration and report files/s and MB/s;
// run them with: go test ./corpus -run '^$' -bench . -benchtime 3x (bench/run.sh wraps this).

func report(b *testing.B, files []file, n int) {
	var bytesTotal int
	for _, f := range files {
		bytesTotal += len(f.src)
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(n*b.N)/sec, "files/s")
	b.ReportMetric(float64(bytesTotal*b.N)/sec/1e6, "MB/s")
}

// BenchmarkParseOnly is BuildKit's parser alone: the floor for anything that reads a Dockerfile.
func BenchmarkParseOnly(b *testing.B) {
	files := load(b)
	b.ResetTimer()
	for range b.N {
		for _, f := range files {
			parser.Parse(bytes.NewReader(f.src))
		}
	}
	report(b, files, len(files))
}

// BenchmarkParseInstructions is BuildKit's parser plus instructions.Parse.
func BenchmarkParseInstructions(b *testing.B) {
	files := load(b)
	b.ResetTimer()
	for range b.N {
		for _, f := range files {
			if res, err := parser.Parse(bytes.NewReader(f.src)); err == nil {
				instructions.Parse(res.AST, nil)
			}
		}
	}
	report(b, files, len(files))
}

// BenchmarkModel is dockopt's model: parse, instructions, shell scripts.
func BenchmarkModel(b *testing.B) {
	files := load(b)
	b.ResetTimer()
	for range b.N {
		for _, f := range files {
			dockerfile.Parse(f.path, f.src, dockerfile.Options{})
		}
	}
	report(b, files, len(files))
}

// BenchmarkLint is the model plus every rule, one file after another on one goroutine.
func BenchmarkLint(b *testing.B) {
	files := load(b)
	b.ResetTimer()
	for range b.N {
		for _, f := range files {
			if df, err := dockerfile.Parse(f.path, f.src, dockerfile.Options{}); err == nil {
				lint.Run(df, nil, lint.Options{})
			}
		}
	}
	report(b, files, len(files))
}

// BenchmarkLintParallel lints the corpus on all cores, as `dockopt lint DIR` does.
func BenchmarkLintParallel(b *testing.B) {
	files := load(b)
	b.ResetTimer()
	for range b.N {
		jobs := make(chan file)
		done := make(chan struct{})
		workers := 2
		for range workers {
			go func() {
				for f := range jobs {
					if df, err := dockerfile.Parse(f.path, f.src, dockerfile.Options{}); err == nil {
						lint.Run(df, nil, lint.Options{})
					}
				}
				done <- struct{}{}
			}()
		}
		for _, f := range files {
			jobs <- f
		}
		close(jobs)
		for range workers {
			<-done
		}
	}
	report(b, files, len(files))
}

// BenchmarkFix is lint plus fixing to a fixpoint.
func BenchmarkFix(b *testing.B) {
	files := load(b)
	b.ResetTimer()
	for range b.N {
		for _, f := range files {
			fix.File(f.path, f.src, nil, fix.Options{})
		}
	}
	report(b, files, len(files))
}
