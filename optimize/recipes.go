package optimize

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// writer accumulates the lines of the new Dockerfile.
type writer struct{ b strings.Builder }

func (w *writer) line(format string, args ...any) {
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

func (w *writer) blank() { w.b.WriteByte('\n') }

// header writes the original's parser directives (`# syntax=` names the frontend that parses
// the file, and its features, heredocs among them, need it; `# check=` keeps BuildKit's checks
// as the user set them), then the line that says where the file comes from. Directives must
// come first: BuildKit reads them only before any other line
// (https://docs.docker.com/reference/dockerfile/#parser-directives). The recipes run only on
// files whose escape token is the backslash they write.
func (w *writer) header(f *dockerfile.File) {
	for _, d := range f.Directives {
		if !strings.EqualFold(d.Name, "escape") {
			w.line("# %s=%s", strings.ToLower(d.Name), d.Value)
		}
	}
	w.line("# Optimized by dockopt from %s — see dockopt-report.md for every change and why.", path.Base(f.Path))
}

func (w *writer) String() string { return w.b.String() }

// carried are the original's instructions that a recipe keeps as they were.
type carried struct {
	globalArgs []*dockerfile.Instruction
	args, env  []*dockerfile.Instruction // stage ARG and ENV, in order
	labels     []*dockerfile.Instruction
	volumes    []*dockerfile.Instruction
	stopsignal []*dockerfile.Instruction
	onbuild    []*dockerfile.Instruction
	shell      []*dockerfile.Instruction
	users      []*dockerfile.Instruction
	health     *dockerfile.Instruction
	otherRuns  []*dockerfile.Instruction // RUNs the recipe does not understand
	copies     []*dockerfile.Instruction // COPY/ADD of the context
}

// collect sorts the single stage's instructions; known is called for each RUN and returns
// true when the recipe handles that RUN itself.
func collect(f *dockerfile.File, known func(*dockerfile.Instruction) bool) *carried {
	c := &carried{globalArgs: f.GlobalArgs}
	for _, in := range f.FinalStage().Instructions[1:] {
		switch in.Cmd {
		case "arg":
			c.args = append(c.args, in)
		case "env":
			c.env = append(c.env, in)
		case "label":
			c.labels = append(c.labels, in)
		case "volume":
			c.volumes = append(c.volumes, in)
		case "stopsignal":
			c.stopsignal = append(c.stopsignal, in)
		case "onbuild":
			c.onbuild = append(c.onbuild, in)
		case "shell":
			c.shell = append(c.shell, in)
		case "user":
			c.users = append(c.users, in)
		case "healthcheck":
			c.health = in
		case "run":
			if !known(in) {
				c.otherRuns = append(c.otherRuns, in)
			}
		case "copy", "add":
			c.copies = append(c.copies, in)
		}
	}
	return c
}

// nonRootUser returns the original's last USER when it names a non-root user, else nil.
func (c *carried) nonRootUser() *dockerfile.Instruction {
	if len(c.users) == 0 {
		return nil
	}
	u := c.users[len(c.users)-1]
	if len(u.Args) == 0 {
		return nil
	}
	if dockerfile.IsRootUser(u.Args[0]) {
		return nil
	}
	return u
}

// runsAroundCode splits the RUNs a recipe keeps into those the original ran before its first
// COPY/ADD of the context (e.g. creating a user) and those after (e.g. compiling the code).
func (c *carried) runsAroundCode() (before, after []*dockerfile.Instruction) {
	first := -1
	for _, in := range c.copies {
		if _, ok := in.Flag("from"); !ok {
			first = in.StartLine
			break
		}
	}
	for _, r := range c.otherRuns {
		if first >= 0 && r.StartLine < first {
			before = append(before, r)
		} else {
			after = append(after, r)
		}
	}
	return before, after
}

// takeCollectstatic removes from the carried RUNs the one after the code copy that runs only
// Django's `manage.py collectstatic` (or `django-admin collectstatic`), and returns it (nil for
// none).
func (c *carried) takeCollectstatic() *dockerfile.Instruction {
	_, after := c.runsAroundCode()
	for _, in := range after {
		if in.Script == nil || len(in.Script.Commands) != 1 || len(in.Heredocs) > 0 {
			continue
		}
		cmd := in.Script.Commands[0]
		words := append([]string{cmd.Name}, cmd.Args...)
		if pkgmgr.IsPython(cmd.Name) && len(words) > 2 && path.Base(words[1]) == "manage.py" {
			words = words[1:]
		}
		if len(words) > 1 && (path.Base(words[0]) == "manage.py" || words[0] == "django-admin") && words[1] == "collectstatic" {
			c.otherRuns = slices.DeleteFunc(c.otherRuns, func(x *dockerfile.Instruction) bool { return x == in })
			return in
		}
	}
	return nil
}

// runtimeArgs are the stage ARGs that the instructions carried into the runtime stage use;
// the others (registry settings, build flags) stay in the build stages.
func (c *carried) runtimeArgs(f *dockerfile.File) []*dockerfile.Instruction {
	var used []*dockerfile.Instruction
	var runtime []*dockerfile.Instruction
	runtime = append(runtime, c.env...)
	runtime = append(runtime, c.labels...)
	runtime = append(runtime, c.otherRuns...)
	runtime = append(runtime, c.copies...)
	runtime = append(runtime, c.volumes...)
	for _, a := range c.args {
		ac, ok := a.Command.(*instructions.ArgCommand)
		if !ok {
			continue
		}
		for _, kv := range ac.Args {
			found := false
			for _, in := range runtime {
				t := text(f, in)
				if strings.Contains(t, "$"+kv.Key) || strings.Contains(t, "${"+kv.Key) {
					found = true
				}
			}
			if found {
				used = append(used, a)
				break
			}
		}
	}
	return used
}

// text returns an instruction's source, continuation lines joined as written.
func text(f *dockerfile.File, in *dockerfile.Instruction) string {
	return strings.TrimRight(in.Text(f), "\r\n")
}

func writeAll(w *writer, f *dockerfile.File, ins []*dockerfile.Instruction) {
	for _, in := range ins {
		w.line("%s", text(f, in))
	}
}

func (c *carried) report(res *Result, f *dockerfile.File, where map[string]string) {
	add := func(ins []*dockerfile.Instruction, to string) {
		for _, in := range ins {
			res.Carried = append(res.Carried, fmt.Sprintf("line %d `%s` → %s", in.StartLine, oneLine(text(f, in)), to))
		}
	}
	add(c.globalArgs, "kept before the first FROM")
	add(c.args, where["arg"])
	add(c.env, where["env"])
	add(c.labels, "final stage")
	add(c.volumes, "final stage")
	add(c.stopsignal, "final stage")
	add(c.onbuild, "final stage")
	add(c.shell, where["shell"])
	add(c.otherRuns, where["run"])
	if c.health != nil {
		add([]*dockerfile.Instruction{c.health}, where["healthcheck"])
	}
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\\\n", " ")), " ")
	if len(s) > 90 {
		s = s[:87] + "..."
	}
	return s
}

func healthcheckLine(probe []string) string {
	return "HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \\\n  CMD " + jsonArray(probe)
}

func prefixAll(xs []string, p string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = p + x
	}
	return out
}

// copyCode writes the original's COPY/ADD of the context into the runtime stage, owned by
// the runtime user, but those dropped; with no COPY at all it copies the whole context.
func copyCode(w *writer, f *dockerfile.File, c *carried, a *analysis, owner string, skip bool, dropped []*dockerfile.Instruction) {
	chown := "--chown=" + owner + " "
	if owner == "" {
		chown = "" // the builder's copy: root's, as in the original
	}
	if skip {
		w.line("COPY %s. .", chown)
		return
	}
	n := 0
	for _, in := range c.copies {
		if _, ok := in.Flag("from"); ok {
			continue
		}
		n++
		if slices.Contains(dropped, in) {
			continue
		}
		if in.Cmd == "add" || len(in.Heredocs) > 0 {
			w.line("%s", text(f, in))
			continue
		}
		var flags []string
		for _, fl := range in.Flags {
			if fl.Name == "chown" {
				continue
			}
			if fl.HasValue {
				flags = append(flags, "--"+fl.Name+"="+fl.Value)
			} else {
				flags = append(flags, "--"+fl.Name)
			}
		}
		if owner != "" {
			flags = append([]string{"--chown=" + owner}, flags...)
		}
		if len(flags) > 0 {
			flags[len(flags)-1] += " "
		}
		if in.JSON {
			w.line("COPY %s%s", strings.Join(flags, " "), jsonArray(in.Args))
		} else {
			w.line("COPY %s%s", strings.Join(flags, " "), strings.Join(in.Args, " "))
		}
	}
	if n == 0 {
		w.line("COPY %s. .", chown)
	}
}

// finalCommand is the original CMD, in exec form, with uvicorn/gunicorn options corrected.
func finalCommand(a *analysis) []string {
	return a.cmd
}

func writeHealth(w *writer, f *dockerfile.File, c *carried, a *analysis, res *Result, probe []string, tool string, opt Options) {
	// the port the recipe EXPOSEs: the report's docker run publishes it, HEALTHCHECK or not
	if a.port > 0 {
		res.Port = a.port
	}
	if c.health != nil {
		// carried as written: the health pass repairs a check the runtime image cannot run
		// (DO402)
		w.line("%s", text(f, c.health))
		res.Healthcheck = text(f, c.health)
		return
	}
	if a.port == 0 || probe == nil {
		res.Notes = append(res.Notes, "no HEALTHCHECK added: the service exposes no port dockopt could find")
		return
	}
	if a.portHint {
		return // the port is the compose file's: the note on it says no HEALTHCHECK probes it
	}
	if opt.HealthPath == "" {
		res.Notes = append(res.Notes, "no HEALTHCHECK added: no health route (/health, /healthz, /ping...) was found in the source; name one with --health-path")
		return
	}
	hc := healthcheckLine(probe)
	w.line("%s", hc)
	res.Healthcheck = hc
	res.Port = a.port
	before := "(none)"
	if c.health != nil {
		before = text(f, c.health)
	}
	res.Changes = append(res.Changes, Change{
		Title:  "A HEALTHCHECK that works in the final image",
		Why:    fmt.Sprintf("Docker (and compose, Swarm) then know when the service is ready and restart it when it stops answering. The probe uses %s, which the image already has, instead of adding curl; it expects GET %s (%s) to answer with a status below 400.", tool, opt.HealthPath, healthSource(a)),
		Rules:  []string{"DO401", "DO402"},
		Before: before,
		After:  hc,
	})
}

func healthSource(a *analysis) string {
	if a.healthFoundIn == "--health-path" {
		return "given with --health-path"
	}
	return "the route found in " + a.healthFoundIn
}

func writeCommand(w *writer, a *analysis, ep, cmd []string, res *Result) {
	if len(ep) > 0 {
		w.line("ENTRYPOINT %s", jsonArray(ep))
		res.Command = append([]string(nil), ep...)
	}
	if len(cmd) > 0 {
		w.line("CMD %s", jsonArray(cmd))
		res.Command = append(append([]string(nil), ep...), cmd...)
		if a.cmdShellForm && !a.cmdShellFeatures {
			res.Changes = append(res.Changes, Change{Title: "CMD in exec form", Why: "the server runs as PID 1 and receives `docker stop`'s SIGTERM itself, where a shell would not pass it on; a program that does not handle SIGTERM (node and python as PID 1 ignore it by default) is still killed after the stop timeout (10 s): handle the signal, or run with `--init`.", Rules: []string{"DO007"}, Before: a.cmdText, After: "CMD " + jsonArray(cmd)})
		}
	}
}

func cleanRel(p string) string {
	p = path.Clean("/" + p)[1:]
	if p == "" || p == "." || strings.HasPrefix(p, "..") {
		return ""
	}
	return p
}

// originalSteps is the original's text, in order, of the final stage's COPY/ADD instructions
// from the build context and of its RUNs that call one of the package managers (pkgmgr IDs):
// what a recipe's change replaced, as it was written.
func originalSteps(f *dockerfile.File, managers ...string) string {
	var lines []string
	for _, in := range f.FinalStage().Instructions {
		switch in.Cmd {
		case "copy", "add":
			if _, ok := in.Flag("from"); !ok {
				lines = append(lines, oneLine(text(f, in)))
			}
		case "run":
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				if len(managers) > 0 && runsManager(c, managers...) {
					lines = append(lines, oneLine(text(f, in)))
					break
				}
			}
		}
	}
	return strings.Join(lines, "\n")
}

// onlyRuns is collect's question for a recipe: does this RUN hold only the given shell
// commands and calls of the given package managers, so that the recipe writes it again?
func onlyRuns(commands []string, managers ...string) func(*dockerfile.Instruction) bool {
	return func(in *dockerfile.Instruction) bool {
		if in.Script == nil {
			return false
		}
		for _, c := range in.Script.Commands {
			if !(c.Is(commands...) || runsManager(c, managers...)) {
				return false
			}
		}
		return true
	}
}
