package optimize

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// splitPass moves the build out of the stage that ships when that stage runs its program on a
// full toolchain image (golang, node): the stage keeps its name (so `--target` and compose's
// `target:` still build it) but becomes a runtime stage on a small base that receives only
// what the program needs from the build, now a stage of its own named NAME-build. Later stages
// that were built FROM the target, or copied from it, now refer to NAME-build: they get the
// toolchain image they had. What the runtime stage receives is ecosystem knowledge
// (planRuntime): a Go binary (scratch when built with CGO_ENABLED=0, else debian slim), or a
// Node service's working directory with its node_modules as installed (node slim). Metadata
// (ARG, ENV, WORKDIR, EXPOSE, LABEL, VOLUME, STOPSIGNAL, HEALTHCHECK, ENTRYPOINT, CMD) is
// carried into the runtime stage in order.
func splitPass(p *plan) {
	st := p.stage()
	if st.Name == "" && st.Index != len(p.f.Stages)-1 {
		return
	}
	rt, why := planRuntime(p, st)
	if rt == nil {
		if why != "" {
			p.res.Notes = appendOnce(p.res.Notes, why)
		}
		return
	}
	name := st.Name
	if name == "" {
		name = "runtime"
	}
	build := freeStageName(p.f, name+"-build")
	var edits []rule.TextEdit
	if st.Name == "" {
		edits = append(edits, rule.TextEdit{Start: st.From.EndOffset, End: st.From.EndOffset, New: " AS " + build})
	} else {
		e, ok := renameStage(p.f, st, build)
		if !ok {
			return
		}
		edits = append(edits, e)
	}
	for _, s := range stagesAfter(p.f, st) {
		edits = append(edits, stageRefEdits(p.f, s, st.Name, build)...)
	}
	fromBefore, root := oneLine(text(p.f, st.From)), p.f.RootImage(st) // before apply replaces p.f
	text, from := splitStages(p, st, rt, name, build)
	end := st.Instructions[len(st.Instructions)-1].EndOffset
	edits = append(edits, rule.TextEdit{Start: end, End: end, New: text})
	edits = append(edits, rt.buildEdits...)
	cross, crossChange, crossNote := crossBuildSplit(p, st, rt)
	if cross != nil {
		edits = append(edits, *cross)
	}
	keeps := fmt.Sprintf("Stage %s keeps its name", name)
	if st.Name == "" {
		keeps = fmt.Sprintf("The stage, unnamed before, is now %s (the image that ships), and its build %s", name, build)
	}
	if !p.apply(edits...) {
		// nothing is declined silently (a file whose escape character is not the backslash the
		// runtime stage is written with, for one)
		p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("%s was not split into a build and a runtime stage: the rewrite could not be applied (%v)", stageLabel(st), p.applyErr))
		return
	}
	if rt.note != "" {
		p.res.Notes = appendOnce(p.res.Notes, rt.note)
	}
	if rt.stack != "" {
		p.res.stackSplit = rt.stack
	}
	if rt.user != "" {
		p.res.User = rt.user
	}
	p.res.Changes = append(p.res.Changes, Change{
		Title:  "The build runs in its own stage; the image that ships starts from " + rt.base,
		Why:    fmt.Sprintf("%s %s; it now receives only %s from stage %s. %s", rt.opener(root), keeps, rt.what, from, rt.why),
		Rules:  []string{"DO108", "DO107"},
		Before: fromBefore, After: "FROM " + st.BaseName + " AS " + build + "\n...\nFROM " + rt.base + " AS " + name,
	})
	p.res.Changes = append(p.res.Changes, rt.changes...)
	if crossChange != nil {
		p.res.Changes = append(p.res.Changes, *crossChange)
	}
	if crossNote != "" {
		p.res.Notes = appendOnce(p.res.Notes, crossNote)
	}
}

// splitStages writes the stages the split adds after st: the production-dependency stage
// (rt.prune), the stage rt.pre asks for, and the runtime stage name; from is the stage the
// runtime copies the program from (the build stage, or the production-dependency stage).
func splitStages(p *plan, st *dockerfile.Stage, rt *runtimePlan, name, build string) (text, from string) {
	nl := p.f.Newline()
	from = build
	if rt.prune != "" {
		from = freeStageName(p.f, name+"-prod-deps")
		lines := []string{"FROM " + build + " AS " + from}
		if u := p.f.UserEnd(st); !dockerfile.RunsAsRoot(u) {
			lines = append(lines, "USER root")
		}
		text = nl + nl + strings.Join(append(lines, rt.prune), nl)
	}
	pre := ""
	if rt.pre != nil {
		pre = freeStageName(p.f, name+"-"+rt.pre.suffix)
		lines := append([]string{"FROM " + rt.pre.from + " AS " + pre}, rt.pre.lines(build)...)
		for i := range lines {
			lines[i] = withEscape(p.f, lines[i])
		}
		text += nl + nl + strings.Join(lines, nl)
	}
	text += nl + nl + strings.Join(runtimeStage(p, st, rt, name, from, pre), nl)
	return text, from
}

// freeStageName returns name, or name-2, name-3... when a stage already has it.
func freeStageName(f *dockerfile.File, name string) string {
	for i := 2; f.StageByName(name) != nil; i++ {
		name = fmt.Sprintf("%s-%d", strings.TrimSuffix(name, fmt.Sprintf("-%d", i-1)), i)
	}
	return name
}

// renameStage returns the edit that renames stage st (its name after AS) to name.
func renameStage(f *dockerfile.File, st *dockerfile.Stage, name string) (rule.TextEdit, bool) {
	t := f.Source[st.From.StartOffset:st.From.EndOffset]
	i := strings.LastIndex(strings.ToLower(string(t)), strings.ToLower(st.Name))
	if i < 0 {
		return rule.TextEdit{}, false
	}
	return rule.TextEdit{Start: st.From.StartOffset + i, End: st.From.StartOffset + i + len(st.Name), New: name}, true
}

// stageRefEdits returns the edits that make stage s refer to stage `to` where it referred to
// stage `from` by name: its FROM, COPY --from and RUN --mount from=.
func stageRefEdits(f *dockerfile.File, s *dockerfile.Stage, from, to string) []rule.TextEdit {
	var out []rule.TextEdit
	if from == "" {
		return nil
	}
	for _, in := range s.Instructions {
		t := string(f.Source[in.StartOffset:in.EndOffset])
		lt := strings.ToLower(t)
		switch in.Cmd {
		case "from":
			if strings.EqualFold(in.Args[0], from) {
				if i := wordIndex(lt, strings.ToLower(from)); i >= 0 {
					out = append(out, rule.TextEdit{Start: in.StartOffset + i, End: in.StartOffset + i + len(from), New: to})
				}
			}
		case "copy", "add", "run":
			// COPY --from=NAME, RUN --mount=...,from=NAME
			for off := 0; ; {
				j := strings.Index(lt[off:], "from="+strings.ToLower(from))
				if j < 0 {
					break
				}
				j += off
				k := j + len("from=") + len(from)
				if j > 0 && strings.ContainsRune("-, \t", rune(lt[j-1])) && (k == len(lt) || strings.ContainsRune(" \t,\\\r\n\"", rune(lt[k]))) {
					out = append(out, rule.TextEdit{Start: in.StartOffset + j + len("from="), End: in.StartOffset + k, New: to})
				}
				off = k
			}
		}
	}
	return out
}

// runtimeStage writes the lines of the runtime stage.
func runtimeStage(p *plan, st *dockerfile.Stage, rt *runtimePlan, name, build, pre string) []string {
	lines := []string{"FROM " + rt.base + " AS " + name}
	if rt.own != nil {
		for _, l := range rt.own(build) {
			lines = append(lines, withEscape(p.f, l))
		}
		return lines
	}
	var meta, args []string
	workdir := ""
	for _, s := range p.f.BuildOrder(st) {
		for _, in := range s.Instructions[1:] {
			switch in.Cmd {
			case "env":
				if !rt.buildOnlyEnv(in) {
					meta = append(meta, text(p.f, in))
				}
			case "arg":
				args = append(args, text(p.f, in))
				if !rt.argsFirst {
					meta = append(meta, text(p.f, in))
				}
			case "cmd", "entrypoint":
				if rt.command != nil && in.Cmd == "cmd" {
					meta = append(meta, "CMD "+jsonArray(rt.command))
				} else if line, ok := rt.rewriteCommand(in); ok {
					meta = append(meta, line)
				} else {
					meta = append(meta, text(p.f, in))
				}
			case "expose", "label", "volume", "stopsignal", "healthcheck":
				meta = append(meta, text(p.f, in))
			case "workdir":
				workdir = p.f.WorkdirEnd(s)
			case "user":
				// a numeric user exists in any image; a named one may exist only where it
				// was created: the user pass adds one then
				name, _, _ := strings.Cut(in.Args[0], ":")
				if u := in.Args[0]; strings.Trim(u, "0123456789:") == "" || slices.Contains(rt.users, name) {
					meta = append(meta, text(p.f, in))
				}
			}
		}
	}
	if rt.argsFirst {
		lines = append(lines, args...)
	}
	for _, l := range rt.setup {
		lines = append(lines, withEscape(p.f, l))
	}
	if workdir != "" && workdir != "/" {
		lines = append(lines, "WORKDIR "+workdir)
	}
	if rt.pre != nil {
		for _, c := range rt.pre.copies {
			lines = append(lines, fmt.Sprintf("COPY --from=%s %s %s", pre, c[0], c[1]))
		}
	}
	for _, c := range rt.copies {
		lines = append(lines, fmt.Sprintf("COPY --from=%s %s %s", build, c[0], c[1]))
	}
	lines = append(lines, rt.contextCopies...)
	return append(lines, meta...)
}

// runtimePlan is what the runtime stage of a split is made of.
type runtimePlan struct {
	// base is its image; setup lines follow FROM (package installs).
	base  string
	setup []string
	// copies are [source in the build stage, destination] pairs.
	copies [][2]string
	// what names what it receives, why explains the base, for the report.
	what, why string
	// buildEnv are environment variables only the build reads (the Go toolchain's): an ENV
	// that sets only those is not carried.
	buildEnv []string
	// contextCopies are COPY/ADD lines written after copies (the files again, in order).
	contextCopies []string
	// buildEdits change the build stages (a virtualenv for pip to install into).
	buildEdits []rule.TextEdit
	// argsFirst puts the stage's ARGs right after FROM (the setup lines use them); users
	// are the users the setup lines create (a USER naming one is carried).
	argsFirst bool
	users     []string
	// command, when set, replaces the stage's CMD (exec form); changes are recorded with
	// the split's own.
	command []string
	changes []Change
	// onSlim: the build already runs on the slim image; what it leaves behind is in why.
	onSlim bool
	// prune, when set, is the RUN of a stage between the build and the runtime that leaves
	// only the production dependencies; the runtime copies from that stage.
	prune string
	// commandLine rewrites a CMD or ENTRYPOINT for the runtime stage (without the package
	// manager that stays in the build); nil, or ok false, keeps it as written.
	commandLine func(*dockerfile.Instruction) (string, bool)
	// note is what the report must say about the split when it is made ("" for nothing).
	note string
	// stack names a stack the generic path has no recipe for (Java, Rust) when this split
	// is its plan.
	stack string
	// own, when set, writes the whole runtime stage after its FROM (a web server's stage
	// carries nothing of the build's metadata), with build the stage it copies from; user is
	// the user it runs as.
	own  func(build string) []string
	user string
	// pre, when set, is a stage written between the build and the runtime.
	pre *preStage
	// portable, when not "", says why what the runtime receives from the build is the same
	// for every platform: with --platform the build then runs on $BUILDPLATFORM.
	portable string
}

// preStage is a stage between the build and the runtime, named NAME-suffix (a Java runtime
// linked by jlink): FROM from, then lines (given the build stage's name); the runtime stage
// copies copies from it before it copies from the build.
type preStage struct {
	suffix, from string
	lines        func(build string) []string
	copies       [][2]string
}

// opener is the first sentence of the split's reason, about the build's image.
func (rt *runtimePlan) opener(image string) string {
	if rt.onSlim {
		return image + " is already the slim image, but the build leaves tools in it that only the build needs."
	}
	return image + " is a toolchain image: compilers and build caches are needed to build, not to run."
}

func (rt *runtimePlan) rewriteCommand(in *dockerfile.Instruction) (string, bool) {
	if rt.commandLine == nil {
		return "", false
	}
	return rt.commandLine(in)
}

// buildOnlyEnv reports whether an ENV instruction sets only variables of rt.buildEnv.
func (rt *runtimePlan) buildOnlyEnv(in *dockerfile.Instruction) bool {
	return setsOnly(in, rt.buildEnv)
}

// setsOnly reports whether in is an ENV instruction that sets only variables of names.
func setsOnly(in *dockerfile.Instruction, names []string) bool {
	c, ok := dockerfile.Typed[*instructions.EnvCommand](in)
	if !ok || len(names) == 0 {
		return false
	}
	for _, kv := range c.Env {
		if !slices.Contains(names, kv.Key) {
			return false
		}
	}
	return true
}

// cleanAbs resolves p against dir when it is relative.
func cleanAbs(p, dir string) string {
	if !strings.HasPrefix(p, "/") {
		p = path.Join(dir, p)
	}
	return path.Clean(p)
}

// withEscape writes the continuation lines of a line dockopt composed (" \\\n") with the file's
// escape character, so that they parse in a file whose `# escape=` directive sets a backtick.
func withEscape(f *dockerfile.File, line string) string {
	if f.EscapeToken == '\\' {
		return line
	}
	return strings.ReplaceAll(line, " \\\n", " "+string(f.EscapeToken)+"\n")
}
