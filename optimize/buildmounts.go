package optimize

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
)

// buildMountsPass puts the package managers' caches on BuildKit cache mounts (pkgmgr's
// Cache.Mount facts) in the dependency installs and builds of the build stages: the stages
// the image that ships copies from (the build stage a split wrote, a builder the original
// had) and that it is not built FROM. The stage that ships and its FROM chain are left as
// they are. A RUN that already mounts a cache, runs as another user than root (the targets
// are root's), or turns the cache off (--no-cache-dir, PIP_NO_CACHE_DIR) is left as written;
// a cleanup in the same RUN that would empty a mounted cache (yarn cache clean, apt-get
// clean, rm -rf /var/lib/apt/lists) is dropped, or, when it cannot be dropped alone, that
// manager's cache is not mounted. Nothing is done with --cache-mounts=false.
func buildMountsPass(p *plan) {
	if p.opt.NoCacheMounts {
		return
	}
	var edits []rule.TextEdit
	var done []string
	var ids, dropped []string
	for _, s := range notShippedStages(p.f, p.stage()) {
		for _, in := range s.Instructions {
			rm := runMounts(p, in)
			if len(rm.flags) == 0 {
				continue
			}
			edits = append(edits, rm.edits...)
			d := fmt.Sprintf("in %s, the RUN of `%s` got %s", stageLabel(s), strings.Join(rm.calls, "`, `"), strings.Join(rm.flags, " "))
			if len(rm.dropped) > 0 {
				d += " (without its `" + strings.Join(rm.dropped, "`, `") + "`, which would empty the mount)"
			}
			done = append(done, d)
			dropped = append(dropped, rm.dropped...)
			for _, id := range rm.ids {
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		}
	}
	if len(edits) == 0 {
		return
	}
	if line := shippedInstallLeft(p); line != "" {
		p.res.Notes = appendOnce(p.res.Notes, "the build stages' installs were not put on BuildKit cache mounts: the stage that ships runs `"+line+"` without one, and a RUN --mount anywhere would make this a BuildKit file, where DO203 asks every install for a mount; dockopt leaves the stage that ships as written")
		return
	}
	if !p.apply(edits...) {
		p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("the build stages' installs were not put on cache mounts: the rewrite could not be applied (%v)", p.applyErr))
		return
	}
	var gone []string
	for _, d := range dropped {
		if !strings.Contains(p.text, d) {
			// a fix that added it elsewhere too still did something
			gone = append(gone, d)
		}
	}
	p.res.Changes = withoutUndone(p.res.Changes, gone)
	why := "the caches of " + andList(ids) + " are BuildKit cache mounts where the stages that do not ship install or build (" + cacheMountSource + "): they outlive the build, so a rebuild after a dependency change reuses what earlier builds downloaded, and they never reach a layer. The RUNs the original has in the stage that ships are left as written. " +
		upperFirst(strings.Join(done, "; ")) + "."
	for _, id := range ids {
		why += mountFactsWhy(id)
	}
	if sh := shippedAptMounts(p.f, p.stage()); len(sh) > 0 {
		why += " The stage that ships (" + strings.Join(sh, ", ") + ") installs its run-time packages with apt's two mounts too, as the recipes write it: Debian's docker-clean removal stays in its image, so a later apt-get install on top of it keeps its downloads in /var/cache/apt/archives unless it runs apt-get clean."
	}
	why += " RUN --mount needs BuildKit with the Dockerfile frontend 1.2 or later (" + runMountSource + "); `--cache-mounts=false` writes none."
	p.res.Changes = append(p.res.Changes, Change{Title: "The build stages' installs keep their caches on BuildKit cache mounts", Why: why, Rules: []string{"DO203"},
		Before: "(each rebuild downloads everything again)", After: strings.Join(done, "\n")})
}

// withoutUndone are the changes without those of a safe fix whose only work was one of the
// cleanups the cache mounts dropped (DO116 appends `yarn cache clean`, which would empty
// yarn's mount): the report does not claim what the output does not do.
func withoutUndone(changes []Change, dropped []string) []Change {
	var out []Change
	for _, c := range changes {
		_, done, ok := strings.Cut(c.Why, " Done: ")
		undone := false
		for _, d := range dropped {
			undone = undone || ok && strings.TrimSuffix(done, ".") != "" && strings.Contains(done, d) && !strings.Contains(done, "; ")
		}
		if !undone {
			out = append(out, c)
		}
	}
	return out
}

// mountFactsWhy is what the report says about the mount of the manager id beyond its target:
// the options it runs with, the setup it needs, where the fact comes from.
func mountFactsWhy(id string) string {
	m := pkgmgr.ByID(id)
	out := ""
	for _, c := range m.Caches {
		if c.Mount == nil || strings.Contains(out, c.Mount.Source.URL) {
			continue
		}
		switch {
		case len(c.Mount.Options) > 0:
			out += fmt.Sprintf(" %s's installs run with %s (%s, %s).", id, strings.ReplaceAll(strings.Join(c.Mount.Options, " "), "=TARGET", " set to the mount"), c.Mount.Source.URL, c.Mount.Source.Version)
		case c.Mount.Setup != "":
			out += fmt.Sprintf(" apt's mounts are sharing=locked and the RUN first runs `%s` (%s).", c.Mount.Setup, c.Mount.Source.URL)
		case id == "cargo":
			out += fmt.Sprintf(" cargo's registry is mounted, never its target directory: the binary copied from it afterwards must be in the layer (%s).", c.Mount.Source.URL)
		}
	}
	return out
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// notShippedStages are the stages up to st (the build target) that are neither st nor a
// stage st is built FROM, in file order: the stages st copies from, and the other targets
// of the file (a development or test stage), whose installs lint asks the same of.
func notShippedStages(f *dockerfile.File, st *dockerfile.Stage) []*dockerfile.Stage {
	ships := f.StageChain(st)
	var out []*dockerfile.Stage
	for _, s := range f.Stages {
		if s.Index < st.Index && !slices.Contains(ships, s) {
			out = append(out, s)
		}
	}
	return out
}

// shippedInstallLeft is the first install of the stage that ships (or its FROM chain) that
// could keep its cache on a mount but has none, when the file uses no BuildKit feature yet
// ("" otherwise): mounts in the other stages would make DO203 report it.
func shippedInstallLeft(p *plan) string {
	if _, ok := p.f.Directive("syntax"); ok {
		return ""
	}
	for _, in := range p.f.Instructions {
		if len(in.Heredocs) > 0 || len(in.FlagValues("mount")) > 0 {
			return ""
		}
	}
	for _, s := range p.f.BuildOrder(p.stage()) {
		for _, in := range s.Instructions {
			if rm := runMounts(p, in); len(rm.calls) > 0 {
				return strings.Join(rm.calls, "`, `")
			}
		}
	}
	return ""
}

// shippedAptMounts are the RUNs of the stage that ships (and its FROM chain) that mount
// apt's caches: a split writes its runtime packages' install that way (runtimeAptRun).
func shippedAptMounts(f *dockerfile.File, st *dockerfile.Stage) []string {
	var out []string
	for _, s := range f.BuildOrder(st) {
		for _, in := range s.Instructions {
			if in.HasCacheMount() && slices.Contains(in.CacheMountTargets(), "/var/cache/apt") {
				out = append(out, stageLabel(s))
			}
		}
	}
	return out
}

// runMount is what buildMountsPass does to one RUN.
type runMount struct {
	edits []rule.TextEdit
	// flags are the mounts added; ids the managers they are for; calls the install
	// commands (manager and subcommand); dropped the cleanups removed.
	flags, ids, calls, dropped []string
}

// runMounts plans the cache mounts of one RUN of a build stage.
func runMounts(p *plan, in *dockerfile.Instruction) runMount {
	var rm runMount
	t := text(p.f, in)
	if in.Cmd != "run" || in.Script == nil || in.Script.Err != nil || in.HasCacheMount() || !in.IsPOSIXShell() ||
		!strings.HasPrefix(strings.ToUpper(t), "RUN ") || !dockerfile.RunsAsRoot(p.f.UserAt(in)) {
		return rm
	}
	vars := p.f.Vars(in)
	ins := readInstalls(in)
	var setup []string
	for _, id := range ins.order {
		m := pkgmgr.ByID(id)
		flags, su := m.MountFlags(vars)
		if id == "yarn" {
			flags = yarnMount(p, in.Stage, vars)
		}
		if ins.off[id] || len(flags) == 0 {
			continue
		}
		if copiedFromMount(p.f, flags) {
			// a later COPY --from reads what the RUN leaves there (a binary, an artifact
			// `mvn install` puts in the local repository): it must be in the layer
			continue
		}
		cleanups, ok := mountCleanups(p, in, m, flags)
		if !ok {
			continue
		}
		for _, e := range append(cleanups, ins.disable[id]...) {
			rm.edits = append(rm.edits, e)
			rm.dropped = append(rm.dropped, strings.TrimSpace(strings.Trim(string(p.f.Source[e.Start:e.End]), "&;\\\n \t")))
		}
		rm.flags = append(rm.flags, flags...)
		rm.ids = append(rm.ids, id)
		setup = append(setup, su...)
		opts := m.MountOptions(vars)
		for _, ca := range ins.calls[id] {
			rm.calls = appendOnce(rm.calls, commandWords(ca.cmd))
			if ca.call.Action == pkgmgr.Install && len(opts) > 0 {
				end := ca.cmd.EndOffset()
				rm.edits = append(rm.edits, rule.TextEdit{Start: end, End: end, New: " " + strings.Join(opts, " ")})
			}
		}
	}
	if len(rm.flags) == 0 {
		return runMount{}
	}
	e, ok := flagsEdit(p.f, in, rm.flags, setup)
	if !ok {
		return runMount{}
	}
	rm.edits = append(rm.edits, e)
	return rm
}

// flagsEdit writes the mount flags after RUN, each on its own line, and the setup commands
// (apt's docker-clean removal) before the script; false when the setup cannot go first (the
// RUN has another flag, or the script does not start with its first command).
func flagsEdit(f *dockerfile.File, in *dockerfile.Instruction, flags, setup []string) (rule.TextEdit, bool) {
	nl := f.Newline()
	esc := string(f.EscapeToken)
	cont := " " + esc + nl + "    "
	at, end := in.StartOffset+4, in.StartOffset+4
	lead := ""
	if len(setup) > 0 {
		first := in.Script.Commands[0].StartOffset()
		if first < at || strings.TrimSpace(strings.ReplaceAll(string(f.Source[at:first]), esc+nl, "")) != "" {
			return rule.TextEdit{}, false
		}
		end = first
		lead = strings.Join(setup, " && ") + " " + esc + nl + " && "
	}
	return rule.TextEdit{Start: at, End: end, New: strings.Join(flags, cont) + cont + lead}, true
}

// callAt is a package-manager call and the command it was read from.
type callAt struct {
	call *pkgmgr.Call
	cmd  *dockerfile.Command
}

// installs are the dependency installs and builds of one RUN, by manager: calls in order of
// their managers' first call; off, the managers whose cache an option moves or turns off in
// a way that cannot be undone; disable, the edits that drop the options that turn a cache
// off (pip's --no-cache-dir), applied when the cache is mounted.
type installs struct {
	order   []string
	calls   map[string][]callAt
	off     map[string]bool
	disable map[string][]rule.TextEdit
}

func readInstalls(in *dockerfile.Instruction) installs {
	ins := installs{calls: map[string][]callAt{}, off: map[string]bool{}, disable: map[string][]rule.TextEdit{}}
	for _, c := range in.Script.Commands {
		call := pkgmgr.ParseCommand(c)
		if call == nil || call.Action != pkgmgr.Install && call.Action != pkgmgr.Download && call.Action != pkgmgr.Build {
			continue
		}
		id := call.Manager.ID
		for _, ca := range call.Manager.Caches {
			if call.Has(ca.DirOptions...) {
				ins.off[id] = true
			}
			if call.Has(ca.DisableOptions...) {
				if e, ok := dropOptions(c, call, ca.DisableOptions); ok {
					ins.disable[id] = append(ins.disable[id], e...)
				} else {
					ins.off[id] = true
				}
			}
		}
		if !slices.Contains(ins.order, id) {
			ins.order = append(ins.order, id)
		}
		ins.calls[id] = append(ins.calls[id], callAt{call, c})
	}
	return ins
}

// commandWords is how the report names an install: its program and first arguments.
func commandWords(c *dockerfile.Command) string {
	words := append([]string{c.Name}, c.Args...)
	if len(words) > 6 {
		words = append(words[:6], "...")
	}
	return strings.Join(words, " ")
}

// yarnMount is the mount of the cache the project's yarn uses: berry's global cache for
// yarn 2+ (isYarnBerry), the classic cache otherwise.
func yarnMount(p *plan, st *dockerfile.Stage, vars map[string]string) []string {
	kind := "yarn-cache"
	if isYarnBerry(p, stagePackage(p.f, p.ctx, st)) {
		kind = "yarn-berry-cache"
	}
	ca, _ := pkgmgr.ByID("yarn").Cache(kind)
	if f := ca.MountFlag(vars); f != "" {
		return []string{f}
	}
	return nil
}

// copiedFromMount reports whether a COPY --from of the file copies a path on (or above) one
// of the mounts of flags.
func copiedFromMount(f *dockerfile.File, flags []string) bool {
	targets := mountTargets(flags)
	for _, in := range f.Instructions {
		if _, ok := in.Flag("from"); !ok || in.Cmd != "copy" && in.Cmd != "add" || len(in.Args) < 2 {
			continue
		}
		for _, a := range in.Args[:len(in.Args)-1] {
			a, _ = f.Expand(in, a)
			a = path.Clean("/" + strings.TrimRight(a, "*"))
			if slices.ContainsFunc(targets, func(t string) bool { return onPath(a, t) }) {
				return true
			}
		}
	}
	return false
}

// mountTargets are the targets of cache mount flags.
func mountTargets(flags []string) []string {
	var out []string
	for _, f := range flags {
		t, _, _ := strings.Cut(strings.TrimPrefix(f, "--mount=type=cache,target="), ",")
		out = append(out, t)
	}
	return out
}

// onPath reports whether paths a and t are the same or one is under the other.
func onPath(a, t string) bool {
	return a == t || strings.HasPrefix(a, t+"/") || strings.HasPrefix(t, a+"/")
}

// mountCleanups are the edits that drop the commands of in that would empty one of the
// mounts of m's caches (flags): m's own clean subcommand, an rm of a path on a mount. ok is
// false when such a command cannot be dropped alone (an rm that removes other paths too, a
// command not joined by && to its neighbours).
func mountCleanups(p *plan, in *dockerfile.Instruction, m *pkgmgr.Manager, flags []string) ([]rule.TextEdit, bool) {
	targets := mountTargets(flags)
	cmds := in.Script.Commands
	var edits []rule.TextEdit
	for i, c := range cmds {
		call := pkgmgr.ParseCommand(c)
		cleans := call != nil && call.Manager == m && call.Action == pkgmgr.Clean
		if !cleans && c.Name == "rm" {
			on, other := 0, 0
			for _, a := range c.Args {
				if strings.HasPrefix(a, "-") {
					continue
				}
				a, _ = p.f.Expand(in, a)
				a = path.Clean(strings.TrimRight(a, "*"))
				if slices.ContainsFunc(targets, func(t string) bool { return onPath(a, t) }) {
					on++
				} else {
					other++
				}
			}
			if on > 0 && other > 0 {
				return nil, false
			}
			cleans = on > 0
		}
		if !cleans {
			continue
		}
		e, ok := dropCommand(p.f, cmds, i)
		if !ok {
			return nil, false
		}
		edits = append(edits, e)
	}
	return edits, true
}

// andJoin matches what joins two commands of an && list: spaces, line continuations, &&.
var andJoin = lazyre.New(`^(?:\s|\\\r?\n|` + "`" + `\r?\n)*&&(?:\s|\\\r?\n|` + "`" + `\r?\n)*$`)

// dropCommand is the edit that removes command i of cmds from the && list it is in.
func dropCommand(f *dockerfile.File, cmds []*dockerfile.Command, i int) (rule.TextEdit, bool) {
	c := cmds[i]
	if len(c.Redirects) > 0 || c.Pipeline != 0 {
		return rule.TextEdit{}, false
	}
	start, end := c.StartOffset(), c.EndOffset()
	if start < 0 || end < 0 {
		return rule.TextEdit{}, false
	}
	if i > 0 {
		prev := cmds[i-1].EndOffset()
		if prev >= 0 && prev < start && andJoin.MatchString(string(f.Source[prev:start])) {
			return rule.TextEdit{Start: prev, End: end}, true
		}
	}
	if i+1 < len(cmds) {
		next := cmds[i+1].StartOffset()
		if next > end && andJoin.MatchString(string(f.Source[end:next])) {
			return rule.TextEdit{Start: start, End: next}, true
		}
	}
	return rule.TextEdit{}, false
}

// dropOptions are the edits that remove the options of names (canonical names: pip's
// --no-cache-dir, however abbreviated) from command c, the call it is; false when one is
// not a plain word of its own.
func dropOptions(c *dockerfile.Command, call *pkgmgr.Call, names []string) ([]rule.TextEdit, bool) {
	var edits []rule.TextEdit
	for _, o := range call.Options {
		if !slices.Contains(names, o.Name) {
			continue
		}
		i := slices.Index(c.Args, o.Written)
		if i < 1 || o.HasValue || i >= len(c.Words) {
			return nil, false
		}
		start, end := wordEnd(c, c.Words[i-1]), wordEnd(c, c.Words[i])
		if start < 0 || end <= start {
			return nil, false
		}
		edits = append(edits, rule.TextEdit{Start: start, End: end})
	}
	return edits, len(edits) > 0
}
