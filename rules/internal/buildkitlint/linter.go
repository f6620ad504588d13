package buildkitlint

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/containerd/platforms"
	"github.com/distribution/reference"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/linter"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/buildkit/util/suggest"

	"github.com/dockopt/dockopt/dockerfile"
)

// The linter: BuildKit's parse and stage checks (Lint, on dockopt's model).

// bkNonEnvArgs are build arguments BuildKit never puts in the environment nor reports
// (dockerfile2llb.nonEnvArgs).
var bkNonEnvArgs = map[string]bool{"BUILDKIT_SBOM_SCAN_CONTEXT": true, "BUILDKIT_SBOM_SCAN_STAGE": true}

// bkEnv is BuildKit's llb.EnvList as the shell lexer sees it: values, and keys ordered by
// the time each was last set (the order BuildKit's "did you mean" suggestions search).
type bkEnv struct {
	keys []string
	vals map[string]string
}

func newBkEnv(n int) *bkEnv {
	return &bkEnv{keys: make([]string, 0, n), vals: make(map[string]string, n)}
}

func (e *bkEnv) Get(k string) (string, bool) { v, ok := e.vals[k]; return v, ok }
func (e *bkEnv) Keys() []string              { return e.keys }

func (e *bkEnv) set(k, v string) {
	if _, ok := e.vals[k]; ok {
		if i := slices.Index(e.keys, k); i >= 0 && i != len(e.keys)-1 {
			e.keys = append(e.keys[:i:i], e.keys[i+1:]...)
			e.keys = append(e.keys, k)
		}
	} else {
		e.keys = append(e.keys, k)
	}
	e.vals[k] = v
}

func (e *bkEnv) clone() *bkEnv {
	c := &bkEnv{keys: slices.Clone(e.keys), vals: make(map[string]string, len(e.vals))}
	for k, v := range e.vals {
		c.vals[k] = v
	}
	return c
}

// bkTracker remembers the last CMD, ENTRYPOINT or HEALTHCHECK of a stage.
type bkTracker struct {
	in         *dockerfile.Instruction
	start, end int
}

// bkStage is BuildKit's dispatchState, reduced to what the checks read.
type bkStage struct {
	st       *dockerfile.Stage
	baseName string   // the base name after global ARG substitution
	base     *bkStage // the earlier stage it is built FROM, nil for an image
	reach    bool     // reachable from the last stage (ONBUILD triggers run only there)
	env      *bkEnv   // the build environment: PATH, ARG and ENV values
	cfgEnv   []string // ENV keys of the image configuration, in order
	cfgVals  map[string]string
	args     map[string]bool // ARGs declared in the stage or the stages it is built FROM
	hasShell bool            // SHELL set in the stage or a stage it is built FROM
	workdir  bool            // WORKDIR set in the stage or a stage it is built FROM
	os       string

	// the last CMD, ENTRYPOINT and HEALTHCHECK of the stage
	cmd, entrypoint, healthcheck bkTracker

	cmds []bkCommand // what the stage runs, once known (see commands)

}

// bkLinter holds one file's run.
type bkLinter struct {
	f      *dockerfile.File
	out    []Warning
	file   *linter.Config // the `# check=` directive
	lex    *shell.Lex
	rawLex *shell.Lex
	global *bkEnv // global ARGs with build args, and the platform ARGs
	stages []*bkStage
	target struct{ os, arch string }
}

// Lint returns the warnings `docker build --check` prints for f (the 18 checks that need
// neither a registry nor the build context).
func Lint(f *dockerfile.File) []Warning {
	lx := getLexers(f.EscapeToken)
	defer lexPool.Put(lx)
	l := &bkLinter{f: f, lex: lx.lex, rawLex: lx.raw}
	l.target.os, l.target.arch = "linux", runtime.GOARCH
	if cfg, ok, err := f.CheckDirective(); ok {
		if err != nil {
			return nil // BuildKit refuses to lint a file whose check directive it cannot read
		}
		l.file = cfg
	}
	l.parseChecks()
	if len(f.Stages) == 0 {
		return l.out
	}
	l.stageNameChecks()
	l.casingChecks()
	plat := l.platformArgs()
	l.global, _ = l.metaArgs(plat.clone(), l.f.BuildArgs)
	l.defaultArgChecks(plat)
	l.stageChecks()
	l.markReachable()
	for _, d := range l.stages {
		l.dispatchStage(d)
	}
	return l.out
}

// skipped reports whether rule is disabled by the file's `# check=skip=` directive or by a
// `# check=skip=` comment above the instruction (cfg).
func (l *bkLinter) skipped(name string, cfg *linter.Config) bool {
	for _, c := range []*linter.Config{l.file, cfg} {
		if c != nil && (c.SkipAll || slices.Contains(c.SkipRules, name)) {
			return true
		}
	}
	return false
}

func (l *bkLinter) warn(cfg *linter.Config, name, msg string, in *dockerfile.Instruction, start, end int, args ...string) {
	if l.skipped(name, cfg) {
		return
	}
	l.out = append(l.out, Warning{Rule: name, Message: msg, StartLine: start, EndLine: end, In: in, Args: args})
}

func (l *bkLinter) warnAt(cfg *linter.Config, name, msg string, in *dockerfile.Instruction, args ...string) {
	l.warn(cfg, name, msg, in, in.StartLine, in.EndLine, args...)
}

// commentConfig is linter.Linter.WithMergedConfigFromComments: the first `check=...` among the
// comments above an instruction configures the checks of that instruction.
func commentConfig(comments []string) *linter.Config {
	for _, c := range comments {
		// a directive comment starts with its name (comments are trimmed)
		if len(c) < 5 || !strings.EqualFold(c[:5], "check") {
			continue
		}
		var dp parser.DirectiveParser
		dp.SetComment("")
		d, _ := dp.ParseLine([]byte(c))
		if d == nil || d.Name != "check" {
			continue
		}
		v, _, _ := strings.Cut(d.Value, " ")
		cfg, err := linter.ParseLintOptions(v)
		if err != nil {
			return nil
		}
		return cfg
	}
	return nil
}

func nodeComments(in *dockerfile.Instruction) []string {
	if in.Node == nil {
		return nil
	}
	return in.Node.PrevComment
}

// parseChecks are the checks of BuildKit's parser and instructions.Parse: empty continuation
// lines, MAINTAINER, and the casing of stage names and of `AS`.
func (l *bkLinter) parseChecks() {
	f := l.f
	for _, w := range f.ParserWarnings {
		if w.URL != linter.RuleNoEmptyContinuation.URL || w.Location == nil {
			continue
		}
		line := w.Location.Start.Line
		l.warn(nil, linter.RuleNoEmptyContinuation.Name, linter.RuleNoEmptyContinuation.Format(),
			InstructionAtLine(f, line), line, w.Location.End.Line)
	}
	for _, in := range f.Instructions {
		switch in.Cmd {
		case "maintainer":
			l.warnAt(commentConfig(nodeComments(in)), linter.RuleMaintainerDeprecated.Name,
				linter.RuleMaintainerDeprecated.Format(), in)
		case "from":
			cfg := commentConfig(nodeComments(in))
			args := in.Args
			if len(args) == 3 && args[2] != strings.ToLower(args[2]) {
				l.warnAt(cfg, linter.RuleStageNameCasing.Name, linter.RuleStageNameCasing.Format(args[2]), in, args[2])
			}
			if len(args) >= 3 {
				kw := in.Keyword
				lower, upper := kw == strings.ToLower(kw), kw == strings.ToUpper(kw)
				if (lower && args[1] != strings.ToLower(args[1])) || (!lower && upper && args[1] != strings.ToUpper(args[1])) {
					l.warnAt(cfg, linter.RuleFromAsCasing.Name, linter.RuleFromAsCasing.Format(kw, args[1]), in, kw, args[1])
				}
			}
		}
	}
}

// stageNameChecks is validateStageNames: reserved and duplicate stage names.
func (l *bkLinter) stageNameChecks() {
	seen := map[string]bool{}
	for _, st := range l.f.Stages {
		if st.Name == "" {
			continue
		}
		if st.Name == "context" || st.Name == "scratch" {
			l.warnAt(nil, linter.RuleReservedStageName.Name, linter.RuleReservedStageName.Format(st.Name), st.From, st.Name)
		}
		if seen[st.Name] {
			l.warnAt(nil, linter.RuleDuplicateStageName.Name, linter.RuleDuplicateStageName.Format(st.Name), st.From, st.Name)
		}
		seen[st.Name] = true
	}
}

// casingChecks is validateCommandCasing: every keyword of the stages (global ARGs are not
// counted) in the case most keywords use, upper case on a tie.
func (l *bkLinter) casingChecks() {
	lowerN, upperN := 0, 0
	for _, st := range l.f.Stages {
		for _, in := range st.Instructions {
			kw := in.Keyword
			if kw == strings.ToLower(kw) {
				lowerN++
			} else if kw == strings.ToUpper(kw) {
				upperN++
			}
		}
	}
	majorityLower := lowerN > upperN
	for _, st := range l.f.Stages {
		for _, in := range st.Instructions {
			kw, casing := in.Keyword, ""
			if majorityLower && strings.ToLower(kw) != kw {
				casing = "lowercase"
			} else if !majorityLower && strings.ToUpper(kw) != kw {
				casing = "uppercase"
			}
			if casing != "" {
				l.warnAt(nil, linter.RuleConsistentInstructionCasing.Name,
					linter.RuleConsistentInstructionCasing.Format(kw, casing), in, kw, casing)
			}
		}
	}
}

// platformArgs is dockerfile2llb.defaultArgs: the predefined platform ARGs, overridden by
// build args.
func (l *bkLinter) platformArgs() *bkEnv {
	plat := l.target.os + "/" + l.target.arch
	target := l.f.Stages[len(l.f.Stages)-1].Name
	if target == "" {
		target = "default"
	}
	env := newBkEnv(11 + len(l.f.GlobalArgs))
	for _, kv := range [...][2]string{
		{"BUILDPLATFORM", plat}, {"BUILDOS", l.target.os}, {"BUILDOSVERSION", ""},
		{"BUILDARCH", l.target.arch}, {"BUILDVARIANT", ""},
		{"TARGETPLATFORM", plat}, {"TARGETOS", l.target.os}, {"TARGETOSVERSION", ""},
		{"TARGETARCH", l.target.arch}, {"TARGETVARIANT", ""}, {"TARGETSTAGE", target},
	} {
		v := kv[1]
		if ov, ok := l.f.BuildArgs[kv[0]]; ok {
			v = ov
		}
		env.set(kv[0], v)
	}
	return env
}

// metaArgs is dockerfile2llb.buildMetaArgs: the global ARGs' values in order; with
// buildArgs, a given value replaces the default.
func (l *bkLinter) metaArgs(env *bkEnv, buildArgs map[string]string) (*bkEnv, bool) {
	for _, a := range l.f.GlobalArgs {
		c, ok := a.Command.(*instructions.ArgCommand)
		if !ok {
			continue
		}
		for _, kv := range c.Args {
			if v, given := buildArgs[kv.Key]; given {
				env.set(kv.Key, v)
			} else if kv.Value != nil {
				res, err := l.lex.ProcessWordWithMatches(*kv.Value, env)
				if err != nil {
					return env, false
				}
				env.set(kv.Key, res.Result)
			}
		}
	}
	return env, true
}

// defaultArgChecks is validateBaseImagesWithDefaultArgs: with the global ARGs' defaults
// alone (no build args), every base image name must be a valid reference. plat holds the
// platform ARGs.
func (l *bkLinter) defaultArgChecks(plat *bkEnv) {
	env, ok := l.metaArgs(plat, nil)
	if !ok {
		return
	}
	for _, st := range l.f.Stages {
		if l.plainWord(st.BaseName) && l.f.BaseStage(st) == nil && st.InvalidBaseImage == "" &&
			(st.BaseName == "scratch" || !strings.EqualFold(st.BaseName, "scratch")) {
			// no variable and a valid reference (BuildKit checks stage names and Scratch
			// in any case, below; `FROM DEBIAN` and `FROM x@sha256:f1db` too)
			continue
		}
		res, err := l.lex.ProcessWordWithMatches(st.BaseName, env)
		if err != nil {
			return
		}
		if _, err := reference.ParseNormalizedNamed(res.Result); err != nil {
			l.warnAt(nil, linter.RuleInvalidDefaultArgInFrom.Name, linter.RuleInvalidDefaultArgInFrom.Format(st.BaseName), st.From, st.BaseName)
		}
	}
}

// fromArgKeys are the names a FROM may use: the global ARGs (with or without a value) and
// the predefined ones.
func (l *bkLinter) fromArgKeys() []string {
	keys := slices.Clone(l.global.Keys())
	for _, a := range l.f.GlobalArgs {
		if c, ok := a.Command.(*instructions.ArgCommand); ok {
			for _, kv := range c.Args {
				if _, ok := l.global.Get(kv.Key); !ok && !slices.Contains(keys, kv.Key) {
					keys = append(keys, kv.Key)
				}
			}
		}
	}
	return keys
}

// stageChecks is buildDispatchStates: the variables of each FROM line and its --platform,
// and the stage graph (which stage is built FROM which, each stage's platform).
func (l *bkLinter) stageChecks() {
	keys := l.fromArgKeys()
	byName := map[string]*bkStage{}
	for _, st := range l.f.Stages {
		in := st.From
		cfg := commentConfig(nodeComments(in))
		d := &bkStage{st: st, os: l.target.os}
		res := shell.ProcessWordResult{Result: st.BaseName}
		if !l.plainWord(st.BaseName) {
			res, _ = l.lex.ProcessWordWithMatches(st.BaseName, l.global)
		}
		l.undefinedFromArgs(cfg, in, keys, res.Unmatched)
		d.baseName = res.Result
		if st.Platform != "" {
			pres, err := l.lex.ProcessWordWithMatches(st.Platform, l.global)
			l.undefinedFromArgs(cfg, in, keys, pres.Unmatched)
			if len(pres.Matched) == 1 && len(pres.Unmatched) == 0 {
				if _, ok := pres.Matched["TARGETPLATFORM"]; ok {
					if tp, _ := l.global.Get("TARGETPLATFORM"); pres.Result == tp {
						l.warnAt(cfg, linter.RuleRedundantTargetPlatform.Name,
							linter.RuleRedundantTargetPlatform.Format(st.Platform), in, st.Platform)
					}
				}
			}
			if len(pres.Matched) == 0 && len(pres.Unmatched) == 0 {
				if p, err := platforms.Parse(pres.Result); err == nil &&
					!strings.Contains(st.Name, p.OS) && !strings.Contains(st.Name, p.Architecture) {
					l.warnAt(cfg, linter.RuleFromPlatformFlagConstDisallowed.Name,
						linter.RuleFromPlatformFlagConstDisallowed.Format(pres.Result), in, pres.Result)
				}
			}
			if err == nil && pres.Result != "" {
				if p, err := platforms.Parse(pres.Result); err == nil {
					d.os = p.OS
				}
			}
		}
		if base, ok := byName[d.baseName]; ok {
			d.base = base
		} else if d.baseName == "scratch" {
			d.os = l.target.os // BuildKit builds scratch for the target platform, whatever --platform says
		}
		if st.Name != "" {
			byName[st.Name] = d
		}
		l.stages = append(l.stages, d)
	}
}

// undefinedFromArgs is reportUnusedFromArgs: variables of a FROM line that no global ARG
// declares.
func (l *bkLinter) undefinedFromArgs(cfg *linter.Config, in *dockerfile.Instruction, keys []string, unmatched map[string]struct{}) {
	for _, name := range sortedKeys(unmatched) {
		if slices.Contains(keys, name) {
			continue
		}
		match, _ := suggest.Search(name, keys, true)
		l.warnAt(cfg, linter.RuleUndefinedArgInFrom.Name, linter.RuleUndefinedArgInFrom.Format(name, match), in, name, match)
	}
}

func sortedKeys(m map[string]struct{}) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// lexers are the two shell lexers Lint uses, kept between files: a shell.Lex holds a 1 KiB
// scanner buffer, and it resets its state for every word (BuildKit's own dispatcher reuses one
// for a whole Dockerfile).
type lexers struct {
	esc      rune
	lex, raw *shell.Lex
}

var lexPool = sync.Pool{New: func() any {
	raw := shell.NewLex('\\')
	raw.SkipProcessQuotes = true
	return &lexers{raw: raw}
}}

// getLexers returns pooled lexers whose lex uses escape token esc.
func getLexers(esc rune) *lexers {
	lx := lexPool.Get().(*lexers)
	if lx.lex == nil || lx.esc != esc {
		lx.lex, lx.esc = shell.NewLex(esc), esc
	}
	return lx
}
