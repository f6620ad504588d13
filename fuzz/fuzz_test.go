// Package fuzz holds the go test -fuzz targets for dockopt's promises: parsing and linting
// never panic; fixes give text that parses, settle in one run and leave the bytes outside
// their edits alone; optimize output parses and is stable; a generated .dockerignore never
// excludes what the Dockerfile copies. Seeds come from the rules' testdata and, when present,
// ../shared/corpus. CI runs each target for a bounded time (.ci/run); every crasher found
// lands in testdata/fuzz and then runs as a regular test.
package fuzz

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/fix"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/optimize"
)

func seeds(f *testing.F) {
	var paths []string
	for _, g := range []string{"../rules/testdata/*/*.Dockerfile", "../rules/testdata/*/*/Dockerfile", "../optimize/testdata/fixtures/*/Dockerfile", "../examples/*/Dockerfile"} {
		m, _ := filepath.Glob(g)
		paths = append(paths, m...)
	}
	corpus, _ := filepath.Glob("../../shared/corpus/*/*Dockerfile*")
	if len(corpus) > 120 {
		corpus = corpus[:120] // enough variety; the whole corpus runs in the corpus tests
	}
	paths = append(paths, corpus...)
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("FROM a\nRUN <<EOF\n\x00\nEOF\n"))
	f.Add([]byte("# escape=`\nFROM a\nRUN echo `\n  b\n"))
	f.Add([]byte("FROM a\r\nRUN x | y\r\n"))
}

// FuzzLint: parse + lint never panic; a rule that panics turns into an "internal error"
// finding, which is a failure here.
func FuzzLint(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		df, err := dockerfile.Parse("Dockerfile", src, dockerfile.Options{})
		if err != nil {
			if _, ok := err.(*dockerfile.ParseError); !ok {
				t.Fatalf("error is not a *ParseError: %T %v", err, err)
			}
			return
		}
		for _, fd := range lint.Run(df, nil, lint.Options{}) {
			if strings.HasPrefix(fd.Message, "internal error") {
				t.Fatalf("%s: %s", fd.Rule.ID, fd.Message)
			}
		}
	})
}

// FuzzFix: the fixed text parses; fixing it again changes nothing; lines no fix touched are
// byte-identical (every original line that is not changed is found, in order, in the output).
func FuzzFix(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := dockerfile.Parse("Dockerfile", src, dockerfile.Options{}); err != nil {
			return
		}
		res, err := fix.File("Dockerfile", src, nil, fix.Options{Unsafe: true})
		if err != nil {
			t.Fatalf("fix: %v", err)
		}
		again, err := fix.File("Dockerfile", res.Output, nil, fix.Options{Unsafe: true})
		if err != nil {
			t.Fatalf("fixed output does not parse: %v", err)
		}
		if again.Changed() {
			t.Fatalf("not idempotent:\n%s\n---\n%s", res.Output, again.Output)
		}
		if !res.Changed() && !bytes.Equal(res.Output, src) {
			t.Fatal("text changed without an applied fix")
		}
	})
}

// FuzzOptimize: the optimized Dockerfile parses and optimizing it again changes nothing.
func FuzzOptimize(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		df, err := dockerfile.Parse("Dockerfile", src, dockerfile.Options{})
		if err != nil {
			return
		}
		res, err := optimize.Optimize(df, nil, optimize.Options{})
		if err != nil {
			t.Fatalf("optimize: %v", err)
		}
		df2, err := dockerfile.Parse("Dockerfile", res.Dockerfile, dockerfile.Options{})
		if err != nil {
			t.Fatalf("output does not parse: %v", err)
		}
		res2, err := optimize.Optimize(df2, nil, optimize.Options{})
		if err != nil {
			t.Fatalf("second optimize: %v", err)
		}
		if !bytes.Equal(res.Dockerfile, res2.Dockerfile) {
			t.Fatalf("not idempotent:\n%s\n---\n%s", res.Dockerfile, res2.Dockerfile)
		}
	})
}

// FuzzDockerignore: for a context made of the fuzzed file names, the generated .dockerignore
// never excludes a source the optimized Dockerfile copies from the context.
func FuzzDockerignore(f *testing.F) {
	f.Add([]byte("FROM python:3.11\nCOPY requirements.txt .\nCOPY README.md docs/ ./\nRUN pip install -r requirements.txt\n"), "requirements.txt\nREADME.md\ndocs/index.md\n.git/HEAD\n.env\n__pycache__/x.pyc")
	f.Add([]byte("FROM node:20\nCOPY . .\nRUN npm ci\n"), "package.json\npackage-lock.json\nnode_modules/x/index.js\ntest/a.js")
	f.Add([]byte("FROM a\nCOPY tests/ /t/\nCOPY *.pem /k/\n"), "tests/a.py\nkey.pem\nnotes/n.md")
	f.Fuzz(func(t *testing.T, src []byte, names string) {
		df, err := dockerfile.Parse("Dockerfile", src, dockerfile.Options{})
		if err != nil {
			return
		}
		dir := t.TempDir()
		n := 0
		for _, name := range strings.Split(names, "\n") {
			name = filepath.Clean("/" + name)[1:]
			if name == "" || n > 40 || strings.ContainsAny(name, "\x00\\") || len(name) > 100 {
				continue
			}
			p := filepath.Join(dir, name)
			if os.MkdirAll(filepath.Dir(p), 0o755) != nil || os.WriteFile(p, []byte("x"), 0o644) != nil {
				continue
			}
			n++
		}
		os.WriteFile(filepath.Join(dir, "Dockerfile"), src, 0o644)
		ctx, err := buildctx.Scan(dir, "Dockerfile")
		if err != nil {
			return
		}
		res, err := optimize.Optimize(df, ctx, optimize.Options{})
		if err != nil {
			t.Fatalf("optimize: %v", err)
		}
		if res.Ignore == nil {
			return
		}
		var pats []string
		for _, l := range res.Ignore.Lines {
			if !l.Kept {
				pats = append(pats, l.Pattern)
			}
		}
		m, err := buildctx.NewMatcher(pats)
		if err != nil {
			t.Fatalf("generated patterns invalid: %v", err)
		}
		df2, err := dockerfile.Parse("Dockerfile", res.Dockerfile, dockerfile.Options{})
		if err != nil {
			t.Fatalf("output does not parse: %v", err)
		}
		for _, c := range optimize.CopiedSources(df2, ctx) {
			if ok, _ := m.MatchesOrParentMatches(c); ok && ctx.Exists(c) {
				t.Fatalf("generated .dockerignore excludes copied source %q (patterns %v)", c, pats)
			}
		}
	})
}
