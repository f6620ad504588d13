package rules_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/bkcheck"
	"github.com/dockopt/dockopt/internal/testenv"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

// BuildKit's own linter (dockerfile2llb.DockerfileLint, the code behind `docker build
// --check`) is the oracle of the BuildKit rules: the tests below run it and the native
// implementation (buildkit.go) over every testdata file and ../shared/corpus, and require the
// same warnings, and the same (rule, line) findings except for the documented deviations.

// placeholderArg is the value the oracle gives to global ARGs without a value when BuildKit
// stopped at a build error (see oracleWarnings).
const placeholderArg = "dockopt-placeholder"

// oracleWarnings runs DockerfileLint over f. BuildKit stops at the first build error and
// loses the warnings after it; the most common one is a base image that only a --build-arg
// makes valid (`ARG BASE` then `FROM ${BASE}`), so in that case it runs again with a
// placeholder value for the global ARGs that have none. buildErr is BuildKit's error when
// it still stopped early.
func oracleWarnings(f *dockerfile.File) (ws []buildkitlint.Warning, buildErr string) {
	ws, buildErr = runDockerfileLint(f, f.BuildArgs)
	if buildErr == "" {
		return ws, ""
	}
	args := map[string]string{}
	for k, v := range f.BuildArgs {
		args[k] = v
	}
	added := false
	for _, a := range f.GlobalArgs {
		if ac, ok := a.Command.(*instructions.ArgCommand); ok {
			for _, kv := range ac.Args {
				if _, given := args[kv.Key]; !given && (kv.Value == nil || *kv.Value == "") {
					args[kv.Key] = placeholderArg
					added = true
				}
			}
		}
	}
	if !added {
		return ws, buildErr
	}
	if ws2, err2 := runDockerfileLint(f, args); err2 == "" {
		return ws2, ""
	}
	return ws, buildErr
}

func runDockerfileLint(f *dockerfile.File, buildArgs map[string]string) ([]buildkitlint.Warning, string) {
	ws, buildErr := bkcheck.Lint(f.Path, f.Source, buildArgs)
	out := make([]buildkitlint.Warning, 0, len(ws))
	for _, w := range ws {
		out = append(out, buildkitlint.Warning{Rule: w.Rule, Message: w.Message, StartLine: w.StartLine, EndLine: w.EndLine})
	}
	return out, buildErr
}

// oracleChecks maps the BuildKit checks dockopt reimplements natively to rule IDs. The four
// others are not the oracle's business: InvalidBaseImagePlatform needs the registry,
// CopyIgnoredFile the build client, InvalidDefinitionDescription is experimental (off by
// default), and dockopt's SecretsUsedInArgOrEnv (DO016) deliberately differs.
func oracleChecks(t *testing.T) map[string]string {
	out := map[string]string{}
	for id := range buildkitBacked {
		r := rules.Lookup(id)
		name := strings.TrimPrefix(r.Equivalents[0], "buildkit:")
		out[name] = id
	}
	if len(out) != 18 {
		t.Fatalf("%d BuildKit-backed rules, want 18", len(out))
	}
	return out
}

// oracleFile is one Dockerfile of the comparison.
type oracleFile struct {
	f        *dockerfile.File
	oracle   []buildkitlint.Warning // DockerfileLint's warnings of the 18 checks
	buildErr string
	native   []buildkitlint.Warning
}

func loadOracleFiles(t *testing.T, root string, checks map[string]string) []oracleFile {
	var out []oracleFile
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if n := d.Name(); !strings.Contains(n, "Dockerfile") || strings.HasSuffix(n, ".fixed") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		f, err := dockerfile.Parse(p, src, dockerfile.Options{})
		if err != nil {
			return nil // dockopt reports a parse error; no rule runs
		}
		of := oracleFile{f: f, native: buildkitlint.Lint(f)}
		ws, buildErr := oracleWarnings(f)
		for _, w := range ws {
			if _, ok := checks[w.Rule]; ok {
				of.oracle = append(of.oracle, w)
			}
		}
		of.buildErr = buildErr
		out = append(out, of)
		return nil
	})
	return out
}

type ruleLine struct {
	Rule string
	Line int
}

func countRuleLines(ws []buildkitlint.Warning) map[ruleLine]int {
	m := map[ruleLine]int{}
	for _, w := range ws {
		m[ruleLine{w.Rule, w.StartLine}]++
	}
	return m
}

// TestBuildkitOracleTestdata compares the native checks with BuildKit's linter over every
// rules/testdata file.
func TestBuildkitOracleTestdata(t *testing.T) {
	checks := oracleChecks(t)
	files := loadOracleFiles(t, "testdata", checks)
	compareWithOracle(t, files, checks)
}

// TestBuildkitOracleCorpus compares the native checks with BuildKit's linter over
// ../shared/corpus (skipped when it is absent).
func TestBuildkitOracleCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		testenv.SkipUnlessCI(t, "no corpus at %s", root)
	}
	checks := oracleChecks(t)
	files := loadOracleFiles(t, root, checks)
	compareWithOracle(t, files, checks)
}

func compareWithOracle(t *testing.T, files []oracleFile, checks map[string]string) {
	t.Helper()
	t.Run("warnings", func(t *testing.T) { compareWarnings(t, files) })
	t.Run("findings", func(t *testing.T) { compareFindings(t, files, checks) })
}

// compareWarnings requires the native warnings to equal BuildKit's: the same (check, line)
// pairs as often, with the same message. Where BuildKit stopped at a build error, its
// warnings must be among the native ones (which go on past the error).
func compareWarnings(t *testing.T, files []oracleFile) {
	agree, afterErr, stopped := 0, 0, 0
	for _, of := range files {
		want, got := countRuleLines(of.oracle), countRuleLines(of.native)
		for k, n := range want {
			if got[k] < n {
				t.Errorf("%s:%d: BuildKit reports %s %d time(s), native %d: %v", of.f.Path, k.Line, k.Rule, n, got[k], messages(of.oracle, k))
			}
		}
		for k, n := range got {
			if extra := n - want[k]; extra > 0 {
				if of.buildErr != "" {
					afterErr += extra
					continue
				}
				t.Errorf("%s:%d: native reports %s %d time(s), BuildKit %d: %v", of.f.Path, k.Line, k.Rule, n, want[k], messages(of.native, k))
			}
		}
		if of.buildErr != "" {
			stopped++
		}
		for k, n := range want {
			agree += min(n, got[k])
			wm, gm := messages(of.oracle, k), messages(of.native, k)
			if strings.Join(wm, "\n") != strings.Join(gm, "\n") && !suggestionTie(k.Rule, wm, gm) {
				t.Errorf("%s:%d: %s messages differ:\nBuildKit: %q\nnative:   %q", of.f.Path, k.Line, k.Rule, wm, gm)
			}
		}
	}
	t.Logf("%d files: %d warnings agree; BuildKit stopped at a build error in %d files, after which the native checks found %d more", len(files), agree, stopped, afterErr)
}

func messages(ws []buildkitlint.Warning, k ruleLine) []string {
	var out []string
	for _, w := range ws {
		if w.Rule == k.Rule && w.StartLine == k.Line {
			out = append(out, w.Message)
		}
	}
	sort.Strings(out)
	return out
}

// suggestionTie accepts a different "did you mean" for UndefinedArgInFrom: BuildKit picks the
// first of equally close ARG names in map order, which varies from run to run.
func suggestionTie(check string, a, b []string) bool {
	if check != "UndefinedArgInFrom" || len(a) != len(b) {
		return false
	}
	for i := range a {
		x, _, _ := strings.Cut(a[i], " (did you mean")
		y, _, _ := strings.Cut(b[i], " (did you mean")
		if x != y {
			return false
		}
	}
	return true
}

// deviation is a documented case where a dockopt rule does not report a warning of
// BuildKit's linter, to avoid a false positive.
type deviation struct {
	ID, Reason string
	Applies    func(f *dockerfile.File, w buildkitlint.Warning) bool
}

// buildkitDeviations are all the documented deviations (each rule's Doc says the same).
var buildkitDeviations = []deviation{
	{"DO010", "WORKDIR starts with a variable, which the base image may define as an absolute path ($HOME/app)",
		func(f *dockerfile.File, w buildkitlint.Warning) bool {
			return w.In != nil && len(w.In.Args) > 0 && strings.HasPrefix(buildkitlint.Unquote(w.In.Args[0]), "$")
		}},
	{"DO010", "WORKDIR is a Windows path (C:\\app, \\app), absolute on the Windows image it is meant for",
		func(f *dockerfile.File, w buildkitlint.Warning) bool {
			if w.In == nil || len(w.In.Args) == 0 {
				return false
			}
			raw := buildkitlint.Unquote(w.In.Args[0])
			p, ok := f.Expand(w.In, raw)
			return buildkitlint.IsWindowsAbsPath(raw) || (ok && buildkitlint.IsWindowsAbsPath(p))
		}},
	{"DO010", "WORKDIR's path uses a variable whose value is not known offline, so whether it is relative is not known",
		func(f *dockerfile.File, w buildkitlint.Warning) bool {
			if w.In == nil || len(w.In.Args) == 0 {
				return false
			}
			p, ok := f.Expand(w.In, buildkitlint.Unquote(w.In.Args[0]))
			return !ok || p == ""
		}},
	{"DO011", "the use is guarded by a default or alternative value (${VAR:-x}, ${VAR:+x}, ${VAR:?msg}), so it never expands to an unintended empty string",
		func(f *dockerfile.File, w buildkitlint.Warning) bool {
			return w.In != nil && !buildkitlint.HasUnguardedRef(w.In.Original, w.Arg(0))
		}},
	{"DO011", "the stage is built from an image that plausibly sets the variable in its configuration (PYTHON_VERSION in python, JAVA_HOME, NODE_VERSION in node...), which BuildKit only knows from the registry",
		func(f *dockerfile.File, w buildkitlint.Warning) bool {
			if w.In == nil || w.In.Stage == nil {
				return false
			}
			root := f.RootStage(w.In.Stage)
			return !strings.EqualFold(root.BaseImage, "scratch") && buildkitlint.MayComeFromImage(root.BaseImage, w.Arg(0))
		}},
	{"DO011", "the variable is declared nowhere else in the file and is not a likely typo, in a stage built from an image: most likely the image's configuration sets it",
		func(f *dockerfile.File, w buildkitlint.Warning) bool {
			if w.In == nil || w.In.Stage == nil {
				return false
			}
			root := f.RootStage(w.In.Stage)
			typo := w.Arg(1) != "" && len(w.Arg(0)) >= 4
			return !strings.EqualFold(root.BaseImage, "scratch") && !typo && !buildkitlint.DeclaredElsewhere(buildkitlint.Declarations(f)[w.Arg(0)], w.In)
		}},
	{"DO007", "the argument was meant as a JSON array but is broken JSON (CMD ['app']): invalid-exec-form (DO510) reports what is wrong; a shell-form advice would be misleading",
		func(f *dockerfile.File, w buildkitlint.Warning) bool {
			return w.In != nil && w.In.InvalidExecForm != nil
		}},
	{"DO017", "the base name has no variable and names an earlier stage in another letter case (FROM Builder after AS builder) or Scratch: BuildKit resolves stage names case-insensitively, so the build works",
		func(f *dockerfile.File, w buildkitlint.Warning) bool {
			return w.In != nil && w.In.Stage != nil && !strings.Contains(w.In.Stage.BaseName, "$") && w.In.Stage.InvalidBaseImage == ""
		}},
}

// compareFindings requires each of the 18 rules to report exactly BuildKit's (rule, line)
// pairs, except where a documented deviation applies (or where BuildKit stopped at a build
// error, after which the rules go on).
func compareFindings(t *testing.T, files []oracleFile, checks map[string]string) {
	var selected []*rule.Rule
	for _, id := range checks {
		selected = append(selected, rules.Lookup(id))
	}
	agree, afterErr := 0, 0
	byReason := map[string]int{}
	for _, of := range files {
		pass := rule.NewPass(of.f, nil)
		got := map[ruleLine]int{}
		for _, r := range selected {
			pass.Rule = r
			before := len(pass.Findings())
			r.Check(pass)
			for _, fd := range pass.Findings()[before:] {
				got[ruleLine{r.ID, fd.Line}]++
			}
		}
		// a finding is on the first line of its instruction; BuildKit puts NoEmptyContinuation
		// on the last line of the instruction's command part
		want := map[ruleLine]int{}
		for _, w := range of.oracle {
			line := w.StartLine
			if in := buildkitlint.InstructionAtLine(of.f, line); in != nil {
				line = in.StartLine
			}
			want[ruleLine{checks[w.Rule], line}]++
		}
		for k, n := range want {
			agree += min(n, got[k])
			missing := n - got[k]
			if missing <= 0 {
				continue
			}
			// explain each missing finding by a deviation, with the native warning's details
			for _, w := range of.native {
				if missing == 0 {
					break
				}
				if checks[w.Rule] != k.Rule || w.In == nil || w.In.StartLine != k.Line {
					continue
				}
				for _, d := range buildkitDeviations {
					if d.ID == k.Rule && d.Applies(of.f, w) {
						byReason[d.ID+": "+d.Reason]++
						missing--
						break
					}
				}
			}
			if missing > 0 {
				t.Errorf("%s:%d: BuildKit reports %s (%s) and no documented deviation explains why dockopt does not: %v",
					of.f.Path, k.Line, k.Rule, rules.Lookup(k.Rule).Equivalents[0], messages(of.oracle, ruleLine{strings.TrimPrefix(rules.Lookup(k.Rule).Equivalents[0], "buildkit:"), k.Line}))
			}
		}
		for k, n := range got {
			if extra := n - want[k]; extra > 0 {
				if of.buildErr != "" {
					afterErr += extra
					continue
				}
				t.Errorf("%s:%d: dockopt reports %s %d time(s), BuildKit %d", of.f.Path, k.Line, k.Rule, n, want[k])
			}
		}
	}
	t.Logf("%d findings agree with BuildKit; %d more after BuildKit's build errors", agree, afterErr)
	reasons := make([]string, 0, len(byReason))
	for r := range byReason {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		t.Logf("deviation x%d: %s", byReason[r], r)
	}
}
