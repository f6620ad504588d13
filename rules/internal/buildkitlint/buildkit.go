package buildkitlint

import (
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/containerd/platforms"
	"github.com/distribution/reference"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/buildkit/util/suggest"
	"github.com/moby/buildkit/util/system"
	"github.com/tonistiigi/go-csvvalue"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// This file reimplements, on dockopt's model, the 18 build checks that BuildKit's linter
// (dockerfile2llb.DockerfileLint, the code behind `docker build --check`, v0.34.2) reports
// without a registry or a build client. Running BuildKit's linter itself cost more than the
// rest of lint together (it parses the file again and converts it to LLB); this walks the
// already parsed file once. Each check follows BuildKit's code path by path, with BuildKit's
// messages (linter.RuleX.Format), and buildkit_oracle_test.go compares the result with
// DockerfileLint over the corpus and the testdata.
//
// Deliberate differences from BuildKit: BuildKit stops at the first build error (a base
// image that only a --build-arg makes valid, a COPY --from a later stage...) and loses every
// warning after it; this keeps checking the rest of the file. The base image's
// configuration is unknown offline, as with the offline resolver used before: images are
// taken to set only PATH (UndefinedVar's rule filters what an image may define), and the
// build platform is linux on the host's architecture.

// bkWarning is one warning of BuildKit's build checks.
type Warning struct {
	Rule      string
	Message   string // BuildKit's message, as `docker build --check` prints it
	StartLine int
	EndLine   int
	// In is the instruction the warning is reported on (for a trigger inherited through
	// ONBUILD: the FROM of the stage that runs it).
	In *dockerfile.Instruction
	// Args are the values BuildKit formats into the message (e.g. variable and suggestion).
	Args []string
}

// Warnings computes BuildKit's warnings once per file and shares them between the
// BuildKit rules.
func Warnings(p *rule.Pass) []Warning {
	return p.Memo("buildkit-lint", func() any { return Lint(p.File) }).([]Warning)
}

// eachBuildkitWarning calls fn for every warning of BuildKit's rule name, with the
// instruction it points at (nil when none does).
func EachWarning(p *rule.Pass, name string, fn func(w Warning, in *dockerfile.Instruction)) {
	for _, w := range Warnings(p) {
		if w.Rule == name {
			fn(w, w.In)
		}
	}
}

// InstructionAtLine returns the instruction that starts at line, else the one spanning it.
func InstructionAtLine(f *dockerfile.File, line int) *dockerfile.Instruction {
	var span *dockerfile.Instruction
	for _, in := range f.Instructions {
		if in.StartLine == line {
			return in
		}
		if span == nil && line > in.StartLine && line <= in.EndLine {
			span = in
		}
	}
	return span
}

// reportBuildkit reports msg on the instruction a warning points at, or on its line.
func Report(p *rule.Pass, w Warning, in *dockerfile.Instruction, msg string, opts ...rule.Option) {
	if in != nil {
		p.Report(in, msg, opts...)
		return
	}
	line := w.StartLine
	if line < 1 {
		line = 1
	}
	p.ReportLine(line, msg, opts...)
}

// warnArg returns the i-th message argument of a warning ("" when absent).
func (w Warning) Arg(i int) string {
	if i < len(w.Args) {
		return w.Args[i]
	}
	return ""
}

func LowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// buildkitDocURL is the documentation page of a BuildKit check.
func DocURL(slug string) string {
	return "https://docs.docker.com/reference/build-checks/" + slug + "/"
}

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
	l := &bkLinter{f: f, lex: shell.NewLex(f.EscapeToken), rawLex: shell.NewLex('\\')}
	l.rawLex.SkipProcessQuotes = true
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
		if l.plainWord(st.BaseName) && l.f.BaseStage(st) == nil &&
			(st.BaseName == "scratch" || !strings.EqualFold(st.BaseName, "scratch")) {
			// no variable: dockerfile.Parse has already rejected an invalid reference
			// (it skips stage names and Scratch in any case, checked below)
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

// stageRefByName finds a stage as COPY --from and RUN --mount=from= do: by name (the last
// stage with it), else by index.
func (l *bkLinter) stageRefByName(name string) *bkStage {
	lname := strings.ToLower(name)
	for i := len(l.stages) - 1; i >= 0; i-- {
		if l.stages[i].st.Name != "" && l.stages[i].st.Name == lname {
			return l.stages[i]
		}
	}
	for _, d := range l.stages {
		if strconv.Itoa(d.st.Index) == name {
			return d
		}
	}
	return nil
}

// markReachable marks the stages the last stage needs (through FROM, COPY --from and
// RUN --mount=from=, ONBUILD triggers included): BuildKit runs a base stage's ONBUILD
// triggers only in those.
func (l *bkLinter) markReachable() {
	var visit func(d *bkStage)
	visit = func(d *bkStage) {
		if d == nil || d.reach {
			return
		}
		d.reach = true
		visit(d.base)
		for _, c := range l.commands(d) {
			for _, from := range stageRefs(c) {
				visit(l.stageRefByName(from))
			}
		}
	}
	visit(l.stages[len(l.stages)-1])
}

// stageRefs returns the stage references of a COPY --from or a RUN --mount=from=.
func stageRefs(c bkCommand) []string {
	switch cmd := c.cmd.(type) {
	case *instructions.CopyCommand:
		if cmd.From != "" {
			return []string{cmd.From}
		}
	case *instructions.RunCommand:
		var out []string
		for _, m := range c.src.FlagValues("mount") {
			fields, err := csvvalue.Fields(m, nil)
			if err != nil {
				continue
			}
			for _, field := range fields {
				if k, v, ok := strings.Cut(field, "="); ok && strings.EqualFold(k, "from") && v != "" {
					out = append(out, v)
				}
			}
		}
		return out
	}
	return nil
}

// bkCommand is one command a stage runs: its typed instruction, the instruction it is
// reported on, the instruction it was parsed from (its flags), and the comments that may
// configure its checks.
type bkCommand struct {
	cmd      any
	in, src  *dockerfile.Instruction
	comments []string
}

// commands returns what a stage runs: the ONBUILD triggers of the stage it is built FROM
// (when reachable; reported on its FROM), then its own instructions.
func (l *bkLinter) commands(d *bkStage) []bkCommand {
	if d.cmds != nil {
		return d.cmds // computed when reach was already final (see markReachable)
	}
	out := make([]bkCommand, 0, len(d.st.Instructions))
	if d.base != nil && d.reach {
		for _, in := range d.base.st.Instructions[1:] {
			if in.OnBuild != nil && in.OnBuild.Command != nil {
				out = append(out, bkCommand{cmd: in.OnBuild.Command, in: d.st.From, src: in.OnBuild})
			}
		}
	}
	for _, in := range d.st.Instructions[1:] {
		out = append(out, bkCommand{cmd: in.Command, in: in, src: in, comments: nodeComments(in)})
	}
	d.cmds = out
	return out
}

// initStage sets up a stage's build state: from the stage it is built FROM, or from an
// image (whose configuration, offline, only sets PATH).
func (l *bkLinter) initStage(d *bkStage) {
	if b := d.base; b != nil {
		d.env = b.env.clone()
		d.cfgEnv = slices.Clone(b.cfgEnv)
		d.cfgVals = make(map[string]string, len(b.cfgVals))
		for k, v := range b.cfgVals {
			d.cfgVals[k] = v
		}
		d.args = make(map[string]bool, len(b.args))
		for k := range b.args {
			d.args[k] = true
		}
		d.hasShell, d.workdir, d.os = b.hasShell, b.workdir, b.os
	} else {
		d.env, d.cfgVals, d.args = newBkEnv(4), make(map[string]string, 2), map[string]bool{}
	}
	if _, ok := d.cfgVals["PATH"]; !ok && d.os != "windows" {
		d.setCfgEnv("PATH", system.DefaultPathEnv(d.os))
	}
	for _, k := range d.cfgEnv {
		d.env.set(k, d.cfgVals[k])
	}
}

func (d *bkStage) setCfgEnv(k, v string) {
	if _, ok := d.cfgVals[k]; !ok {
		d.cfgEnv = append(d.cfgEnv, k)
	}
	d.cfgVals[k] = v
}

// dispatchStage is dispatch over a stage's commands: the checks BuildKit makes while it
// converts each instruction.
func (l *bkLinter) dispatchStage(d *bkStage) {
	l.initStage(d)
	for _, c := range l.commands(d) {
		l.dispatch(d, c)
	}
}

type namedCommand interface{ Name() string }

func cmdName(cmd any) string {
	if n, ok := cmd.(namedCommand); ok {
		return n.Name()
	}
	return ""
}

func (l *bkLinter) dispatch(d *bkStage, c bkCommand) {
	cfg := commentConfig(c.comments)
	in := c.in
	x := func(word string) string { return l.expand(d, cfg, in, word, l.lex) }
	switch cmd := c.cmd.(type) {
	case *instructions.EnvCommand:
		type kv struct{ k, v string }
		pairs := make([]kv, len(cmd.Env))
		for i, e := range cmd.Env {
			pairs[i] = kv{x(e.Key), x(e.Value)}
		}
		for i, e := range cmd.Env {
			if e.NoDelim {
				l.warnAt(cfg, linter.RuleLegacyKeyValueFormat.Name, linter.RuleLegacyKeyValueFormat.Format(cmd.Name()), in, cmd.Name())
			}
			d.env.set(pairs[i].k, pairs[i].v)
			d.setCfgEnv(pairs[i].k, pairs[i].v)
		}
	case *instructions.LabelCommand:
		for _, e := range cmd.Labels {
			x(e.Key)
			x(e.Value)
		}
		for _, e := range cmd.Labels {
			if e.NoDelim {
				l.warnAt(cfg, linter.RuleLegacyKeyValueFormat.Name, linter.RuleLegacyKeyValueFormat.Format(cmd.Name()), in, cmd.Name())
			}
		}
	case *instructions.AddCommand:
		x(cmd.Chown)
		x(cmd.Chmod)
		x(cmd.Checksum)
		l.expandSources(d, cfg, in, &cmd.SourcesAndDest)
	case *instructions.CopyCommand:
		x(cmd.Chown)
		x(cmd.Chmod)
		l.expandSources(d, cfg, in, &cmd.SourcesAndDest)
	case *instructions.WorkdirCommand:
		p := x(cmd.Path)
		if !d.workdir && !system.IsAbs(p, d.os) {
			l.warnAt(cfg, linter.RuleWorkdirRelativePath.Name, linter.RuleWorkdirRelativePath.Format(p), in, p)
		}
		d.workdir = true
	case *instructions.RunCommand:
		for _, m := range c.src.FlagValues("mount") {
			l.expandMount(d, cfg, in, m)
		}
	case *instructions.UserCommand:
		x(cmd.User)
	case *instructions.VolumeCommand:
		for _, v := range cmd.Volumes {
			x(v)
		}
	case *instructions.StopSignalCommand:
		x(cmd.Signal)
	case *instructions.ArgCommand:
		l.dispatchArg(d, cfg, in, cmd)
	case *instructions.CmdCommand:
		l.usedOnce(d, &d.cmd, cfg, in, cmd.Name())
		if cmd.PrependShell && !d.hasShell {
			l.warnAt(cfg, linter.RuleJSONArgsRecommended.Name, linter.RuleJSONArgsRecommended.Format(cmd.Name()), in, cmd.Name())
		}
	case *instructions.EntrypointCommand:
		l.usedOnce(d, &d.entrypoint, cfg, in, cmd.Name())
		if cmd.PrependShell && !d.hasShell {
			l.warnAt(cfg, linter.RuleJSONArgsRecommended.Name, linter.RuleJSONArgsRecommended.Format(cmd.Name()), in, cmd.Name())
		}
	case *instructions.HealthCheckCommand:
		l.usedOnce(d, &d.healthcheck, cfg, in, cmd.Name())
	case *instructions.ExposeCommand:
		l.exposeChecks(d, cfg, in, cmd)
	case *instructions.ShellCommand:
		d.hasShell = len(cmd.Shell) > 0
	}
}

// expandSources expands a COPY/ADD's sources and destination, then (with the raw lexer) the
// heredoc sources that expand variables.
func (l *bkLinter) expandSources(d *bkStage, cfg *linter.Config, in *dockerfile.Instruction, s *instructions.SourcesAndDest) {
	for _, p := range s.SourcePaths {
		l.expand(d, cfg, in, p, l.lex)
	}
	l.expand(d, cfg, in, s.DestPath, l.lex)
	for _, sc := range s.SourceContents {
		if sc.Expand {
			l.expand(d, cfg, in, sc.Data, l.rawLex)
		}
	}
}

// expandMount expands the key=value fields of a RUN --mount flag, as parseMount does.
func (l *bkLinter) expandMount(d *bkStage, cfg *linter.Config, in *dockerfile.Instruction, val string) {
	if !strings.Contains(val, "$") {
		return
	}
	fields, err := csvvalue.Fields(val, nil)
	if err != nil {
		return
	}
	for _, field := range fields {
		if _, value, ok := strings.Cut(field, "="); ok {
			l.expand(d, cfg, in, value, l.lex)
		}
	}
}

// plainWord reports whether the shell lexer leaves word as it is: no variable, quote or
// escape character.
func (l *bkLinter) plainWord(word string) bool {
	return !strings.ContainsAny(word, "$'\"") && !strings.ContainsRune(word, l.f.EscapeToken)
}

// expand processes word as BuildKit's Expand does and reports its undefined variables
// (reportUnmatchedVariables); it returns the expanded word.
func (l *bkLinter) expand(d *bkStage, cfg *linter.Config, in *dockerfile.Instruction, word string, lex *shell.Lex) string {
	if !strings.Contains(word, "$") {
		if l.plainWord(word) {
			return word
		}
		res, _ := lex.ProcessWordWithMatches(word, d.env)
		return res.Result
	}
	res, _ := lex.ProcessWordWithMatches(word, d.env)
	for _, name := range sortedKeys(res.Unmatched) {
		if d.args[name] || bkNonEnvArgs[name] {
			continue
		}
		match, _ := suggest.Search(name, d.env.Keys(), true)
		l.warnAt(cfg, linter.RuleUndefinedVar.Name, linter.RuleUndefinedVar.Format(name, match), in, name, match)
	}
	return res.Result
}

// dispatchArg is dispatchArg: each ARG takes its build arg, its default (expanded, checked
// for undefined variables) or the global ARG's value, in order.
func (l *bkLinter) dispatchArg(d *bkStage, cfg *linter.Config, in *dockerfile.Instruction, c *instructions.ArgCommand) {
	for _, kv := range c.Args {
		var val *string
		if v, given := l.f.BuildArgs[kv.Key]; given {
			val = &v
		} else if kv.Value != nil {
			v := l.expand(d, cfg, in, *kv.Value, l.lex)
			val = &v
		} else if v, ok := l.global.Get(kv.Key); ok {
			val = &v
		}
		if val != nil && !bkNonEnvArgs[kv.Key] {
			d.env.set(kv.Key, *val)
		}
		d.args[kv.Key] = true
	}
}

// usedOnce is validateUsedOnce: a second CMD, ENTRYPOINT or HEALTHCHECK in a stage makes
// the previous one useless; the warning is on the previous one.
func (l *bkLinter) usedOnce(d *bkStage, t *bkTracker, cfg *linter.Config, in *dockerfile.Instruction, name string) {
	if t.in != nil {
		l.warn(cfg, linter.RuleMultipleInstructionsDisallowed.Name, linter.RuleMultipleInstructionsDisallowed.Format(name),
			t.in, t.start, t.end, name)
	}
	*t = bkTracker{in: in, start: in.StartLine, end: in.EndLine}
}

// exposeChecks is dispatchExpose and parsePort: the protocol's case, and no IP address or
// host port.
func (l *bkLinter) exposeChecks(d *bkStage, cfg *linter.Config, in *dockerfile.Instruction, c *instructions.ExposeCommand) {
	for _, p := range c.Ports {
		words := []string{p}
		if strings.ContainsAny(p, "$'\" \t") || strings.ContainsRune(p, l.f.EscapeToken) {
			ws, err := l.lex.ProcessWords(p, d.env)
			if err != nil {
				continue
			}
			words = ws
		}
		for _, raw := range words {
			ip, hostPort, containerPort := exposeSplitParts(raw)
			port, proto, _ := strings.Cut(containerPort, "/")
			switch strings.ToLower(proto) {
			case "", "tcp", "udp", "sctp":
			default:
				continue // BuildKit stops: invalid protocol
			}
			if port == "" {
				continue // BuildKit stops: no port
			}
			if proto != strings.ToLower(proto) {
				l.warnAt(cfg, linter.RuleExposeProtoCasing.Name, linter.RuleExposeProtoCasing.Format(raw), in, raw)
			}
			if ip != "" || hostPort != "" {
				l.warnAt(cfg, linter.RuleExposeInvalidFormat.Name, linter.RuleExposeInvalidFormat.Format(raw), in, raw)
			}
		}
	}
}

// exposeSplitParts is portSpecs.splitParts: [ip:]hostPort:containerPort.
func exposeSplitParts(raw string) (ip, hostPort, containerPort string) {
	parts := strings.Split(raw, ":")
	switch n := len(parts); n {
	case 1:
		return "", "", parts[0]
	case 2:
		return "", parts[0], parts[1]
	case 3:
		return parts[0], parts[1], parts[2]
	default:
		return strings.Join(parts[:n-2], ":"), parts[n-2], parts[n-1]
	}
}
