package buildkitlint

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/buildkit/util/suggest"
	"github.com/moby/buildkit/util/system"
	"github.com/tonistiigi/go-csvvalue"

	"github.com/dockopt/dockopt/dockerfile"
)

// Dispatch: BuildKit's per-instruction checks, stage by stage (dispatchStage).

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
