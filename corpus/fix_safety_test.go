package corpus

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/fix"
	"github.com/dockopt/dockopt/internal/bkcheck"
)

// TestFixesKeepBuildKitClean applies `dockopt fix` (the safe fixes, the default) to every
// corpus file that parses and requires of each fixed file what `docker build --check` would
// see: BuildKit's parser and instruction parser accept it with no more parser warnings than
// the original, every RUN whose shell script parsed still parses, and BuildKit's own linter
// (dockerfile2llb.DockerfileLint, run offline) reports no check more often than on the
// original and no build error the original did not have. No engine is needed; the
// engine-verified build is TestFixedFilesBuild in
// fix/build_test.go (DOCKOPT_E2E=1).
func TestFixesKeepBuildKitClean(t *testing.T) {
	files := load(t)
	applied := map[string]int{}
	fixed, parsed := 0, 0
	for _, fl := range files {
		if _, err := dockerfile.Parse(fl.path, fl.src, dockerfile.Options{}); err != nil {
			continue // a template: never fixed
		}
		parsed++
		res, err := fix.File(fl.path, fl.src, nil, fix.Options{})
		if err != nil {
			t.Errorf("%s: fix: %v", fl.path, err)
			continue
		}
		if !res.Changed() {
			continue
		}
		fixed++
		for _, a := range res.Applied {
			applied[a.Rule.ID]++
		}
		for _, problem := range fixProblems(fl.path, fl.src, res.Output) {
			t.Errorf("%s: %s (fixes: %s)", fl.path, problem, appliedList(res))
		}
	}
	if parsed == 0 {
		t.Fatal("no corpus file parsed")
	}
	t.Logf("%d files parse, %d changed by safe fixes; fixes applied per rule: %v", parsed, fixed, applied)
}

// fixProblems compares a fixed file with its original as BuildKit reads them.
func fixProblems(path string, orig, out []byte) []string {
	var problems []string
	origRes, err := parser.Parse(bytes.NewReader(orig))
	if err != nil {
		return nil // BuildKit rejects the original too: nothing to compare
	}
	outRes, err := parser.Parse(bytes.NewReader(out))
	if err != nil {
		return []string{"BuildKit's parser rejects the fixed file: " + err.Error()}
	}
	if len(outRes.Warnings) > len(origRes.Warnings) {
		problems = append(problems, fmt.Sprintf("BuildKit's parser warns %d times, %d before", len(outRes.Warnings), len(origRes.Warnings)))
	}
	if _, _, err := instructions.Parse(outRes.AST, nil); err != nil {
		if _, _, origErr := instructions.Parse(origRes.AST, nil); origErr == nil {
			problems = append(problems, "BuildKit's instruction parser rejects the fixed file: "+err.Error())
		}
	}
	if n, m := brokenScripts(path, orig), brokenScripts(path, out); m > n {
		problems = append(problems, fmt.Sprintf("%d RUN scripts do not parse as shell, %d before", m, n))
	}
	before, origErr := bkcheck.Lint(path, orig, nil)
	after, outErr := bkcheck.Lint(path, out, nil)
	if outErr != "" && origErr == "" {
		problems = append(problems, "BuildKit's linter stops at a build error the original did not have: "+outErr)
	}
	was := map[string]int{}
	for _, w := range before {
		was[w.Rule]++
	}
	for _, w := range after {
		if was[w.Rule]--; was[w.Rule] < 0 {
			problems = append(problems, fmt.Sprintf("new BuildKit warning %s at line %d: %s", w.Rule, w.StartLine, w.Message))
		}
	}
	return problems
}

// brokenScripts counts the RUN instructions whose shell script does not parse.
func brokenScripts(path string, src []byte) int {
	f, err := dockerfile.Parse(path, src, dockerfile.Options{})
	if err != nil {
		return 1 << 20
	}
	n := 0
	for _, in := range f.Instructions {
		if in.Script != nil && in.Script.Err != nil {
			n++
		}
	}
	return n
}

func appliedList(res *fix.Result) string {
	var ids []string
	for _, a := range res.Applied {
		ids = append(ids, fmt.Sprintf("%s@%d", a.Rule.ID, a.Line))
	}
	sort.Strings(ids)
	return fmt.Sprint(ids)
}

// TestFixProblemsDetects: the comparison catches each kind of damage a fix could do.
func TestFixProblemsDetects(t *testing.T) {
	orig := "FROM debian:bookworm AS build\nRUN apt-get update && apt-get install -y curl\nCMD [\"curl\"]\n"
	for _, tc := range []struct{ name, out, want string }{
		{"shell syntax", "FROM debian:bookworm AS build\nRUN apt-get update && apt-get install -y 'curl\nCMD [\"curl\"]\n", "RUN scripts do not parse"},
		{"new check warning", "FROM debian:bookworm as build\nRUN apt-get update && apt-get install -y curl\nCMD [\"curl\"]\n", "new BuildKit warning FromAsCasing"},
		{"instruction error", "FROM debian:bookworm AS build\nRUN apt-get update && apt-get install -y curl\nHEALTHCHECK --interval=soon CMD true\n", "instruction parser rejects"},
		{"parser warning", "FROM debian:bookworm AS build\nRUN apt-get update && \\\n\n apt-get install -y curl\nCMD [\"curl\"]\n", "parser warns"},
	} {
		p := fixProblems("Dockerfile", []byte(orig), []byte(tc.out))
		if !strings.Contains(fmt.Sprint(p), tc.want) {
			t.Errorf("%s: problems %q, want one with %q", tc.name, p, tc.want)
		}
	}
	if p := fixProblems("Dockerfile", []byte(orig), []byte(orig)); len(p) != 0 {
		t.Errorf("an unchanged file has problems: %v", p)
	}
}
