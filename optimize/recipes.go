package optimize

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/internal/lazyre"
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

// pythonRecipe: builder from the original Python image with the build packages and a
// virtualenv at /opt/venv filled from the requirement files (copied before the code);
// runtime from the slim variant with only the runtime libraries, the venv, the code owned by
// a system user with a fixed UID/GID, and a urllib HEALTHCHECK (slim images have no curl).
func pythonRecipe(f *dockerfile.File, ctx *buildctx.Context, a *analysis, opt Options, res *Result) (string, error) {
	if !dockerfile.IsDebianTag(a.baseTag) {
		a.declined = fmt.Sprintf("base image tag %q is not Debian-based: the Python recipe needs apt; the generic improvements were applied instead", a.baseTag)
		res.Ecosystem, res.EcosystemWhy = "generic", a.declined
		return generic(f, ctx, a, opt, res)
	}
	if why := pythonSplitGainsNothing(a, opt); why != "" {
		a.declined = why
		res.Ecosystem, res.EcosystemWhy = "generic", why
		out, err := generic(f, ctx, a, opt, res)
		if err != nil {
			return "", err
		}
		return pythonHealthInPlace(f, out, a, opt, res), nil
	}
	r := newPyRecipe(f, ctx, a, opt, res)
	r.w.header(f)
	writeAll(r.w, f, r.c.globalArgs)
	if len(r.c.globalArgs) > 0 {
		r.w.blank()
	}
	r.builderStage()
	r.w.blank()
	r.runtimeStage()
	r.changes()
	return r.w.String(), nil
}

// pyRecipe is the Python recipe's state: what it read of the file and the context, and the
// Dockerfile it writes.
type pyRecipe struct {
	f   *dockerfile.File
	ctx *buildctx.Context
	a   *analysis
	opt Options
	res *Result
	c   *carried
	w   *writer
	// build, runtime and unknown are the Debian packages the build needs, the runtime
	// libraries that replace them and the -dev packages dockopt knows no library for.
	build, runtime, unknown    []string
	hasSlim                    bool
	builderImage, runtimeImage string
	// reqs are the requirement files pip install -r names, reqFiles those with the files
	// they include and the constraint files.
	reqs, reqFiles []string
	pipFlags       []string
	pipCmd         string
	cross          *pyCross
	crossWhy       string
	fromContext    bool
	dropped        []*dockerfile.Instruction
	keptUser       *dockerfile.Instruction
	// collect is Django's collectstatic RUN, moved to the builder (nil when none, or when the
	// builder installs for another platform)
	collect *dockerfile.Instruction
}

func newPyRecipe(f *dockerfile.File, ctx *buildctx.Context, a *analysis, opt Options, res *Result) *pyRecipe {
	r := &pyRecipe{f: f, ctx: ctx, a: a, opt: opt, res: res, w: &writer{}}
	r.c = collect(f, onlyRuns([]string{"rm", "set"}, "apt", "pip"))
	r.build, r.runtime, r.unknown = splitPackages(a.aptPackages)
	res.BuildPackages, res.UnknownDev = r.build, r.unknown
	// no ca-certificates: the python images, slim included, install it themselves
	// (docker-library/python's Dockerfiles: ca-certificates netbase tzdata)
	res.RuntimePackages = r.runtime
	_, r.hasSlim = dockerfile.SlimVariantTag(a.baseTag)
	slim, _ := dockerfile.SlimVariantTag(a.rawTag)
	r.builderImage, r.runtimeImage = a.image(a.rawTag), a.image(slim)
	for _, q := range a.pipRequirements {
		r.reqs = append(r.reqs, path.Clean(strings.TrimPrefix(q, "./")))
	}
	if len(r.reqs) == 0 && ctx != nil && ctx.Exists("requirements.txt") {
		r.reqs = []string{"requirements.txt"}
	}
	// the files they include (-r/-c), which pip opens relative to the including file, the
	// constraint files of the command line, and local package directories they name
	r.reqFiles = requirementClosure(ctx, append(append([]string(nil), r.reqs...), a.pipConstraints...))
	fromProject := len(r.reqs) == 0 && ctx != nil && ctx.Exists("pyproject.toml") || localPackages(r.reqFiles, a.pipPackages)
	r.cross, r.crossWhy = pythonCrossPlan(a, opt, append(append([]string(nil), r.build...), r.unknown...), fromProject)
	if len(r.reqs) == 0 && len(a.pipPackages) == 0 && !fromProject {
		r.cross = nil // nothing for pip to install
	}
	r.pipFlags, r.pipCmd = pipInstall(opt, recipeVars(f))
	if r.cross == nil {
		r.collect = r.c.takeCollectstatic()
	}
	return r
}

// installed is what the runtime stage receives from the builder: the virtualenv, or with
// --platform the target's packages.
func (r *pyRecipe) installed() string {
	if r.cross != nil {
		return "the target platform's packages (" + pipTargetDir + ")"
	}
	return "the virtualenv"
}

// builderStage writes the builder: build packages, the virtualenv (or pip's target
// directory for another platform), the requirement files and the install.
func (r *pyRecipe) builderStage() {
	w, f, a, opt := r.w, r.f, r.a, r.opt
	if r.cross != nil {
		w.line("# builder runs on the builder's own platform and asks pip for the target platform's wheels.")
		w.line("FROM %s %s AS builder", buildPlatformFlag, r.builderImage)
		w.line("ARG TARGETARCH")
	} else {
		w.line("# builder installs the dependencies; compilers and headers live in this stage only.")
		w.line("FROM %s AS builder", r.builderImage)
	}
	writeAll(w, f, r.c.args)
	writeAll(w, f, r.c.env)
	pipFlags, pipCmd := r.pipFlags, r.pipCmd
	if len(pipFlags) == 0 {
		w.line("ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1")
	} else {
		w.line("ENV PIP_DISABLE_PIP_VERSION_CHECK=1")
	}
	if len(r.build) > 0 {
		w.line("%s", aptRun(opt, r.build))
	}
	pipRun := func(args string) string { return mountedRun(pipFlags, pipCmd+" "+args) }
	if r.cross != nil {
		pipRun = func(args string) string { return r.cross.install(pipFlags, pipCmd, args) }
	} else {
		w.line("%s", pythonVenvRun(r.ctx, a, "/opt/venv"))
		w.line("ENV PATH=/opt/venv/bin:$PATH")
	}
	w.line("WORKDIR %s", a.workdir)
	if len(r.reqs) > 0 {
		w.line("# Dependencies first: this layer is rebuilt only when the requirements change.")
		for _, line := range copyKeepingPaths(r.reqFiles) {
			w.line("%s", line)
		}
		w.line("%s", pipRun(strings.Join(append(prefixAll(r.reqs, "-r "), prefixAll(a.pipConstraints, "-c ")...), " ")))
	} else if r.ctx != nil && r.ctx.Exists("pyproject.toml") {
		r.fromContext = true
		if pep621Dependencies(r.ctx) && pythonAtLeast(a.baseTag, 11) {
			w.line("# Dependencies first: [project] dependencies of pyproject.toml (PEP 621), read with tomllib.")
			w.line("COPY pyproject.toml ./")
			w.line("%s", pep621Install(pipFlags, pipCmd))
			w.line("COPY . .")
			w.line("%s", mountedRun(pipFlags, pipCmd+" --no-deps ."))
		} else {
			w.line("COPY . .")
			w.line("%s", mountedRun(pipFlags, pipCmd+" ."))
			r.res.Notes = append(r.res.Notes, "no requirements*.txt, and pyproject.toml's dependencies cannot be read before the code (no static [project] dependencies, or a Python before 3.11 without tomllib): the project is installed with the code, so the dependency layer is rebuilt on every code change; export a requirements.txt (or a lock file) to separate them")
		}
	}
	if len(a.pipPackages) > 0 {
		w.line("%s", pipRun(strings.Join(a.pipPackages, " ")))
	}
	if r.collect != nil {
		w.line("# Django's static files are collected here, where the code and the virtualenv are.")
		if !r.fromContext {
			copyCode(w, f, r.c, a, "", false, pipOnlyCopies(f, r.ctx, r.c, r.reqFiles))
		}
		w.line("%s", text(f, r.collect))
	}
}

// runtimeStage writes the runtime: the slim image, the runtime libraries, the user, the
// installed packages, the code and the original's run-time instructions.
func (r *pyRecipe) runtimeStage() {
	w, f, c, a, opt, res := r.w, r.f, r.c, r.a, r.opt, r.res
	uid, gid := opt.UID, opt.GID
	if r.cross != nil {
		w.line("# runtime is the slim image with the runtime libraries, the target's packages (%s) and the code.", pipTargetDir)
	} else {
		w.line("# runtime is the slim image with the runtime libraries, the virtualenv and the code.")
	}
	w.line("FROM %s AS runtime", r.runtimeImage)
	writeAll(w, f, c.runtimeArgs(f))
	if r.cross != nil {
		w.line("ENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1 \\\n    PYTHONPATH=%s \\\n    PATH=%s/bin:$PATH", pipTargetDir, pipTargetDir)
	} else {
		w.line("ENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1 \\\n    PATH=/opt/venv/bin:$PATH")
	}
	writeAll(w, f, c.env)
	writeAll(w, f, c.labels)
	if len(r.runtime) > 0 {
		w.line("%s", aptRun(opt, r.runtime))
	}
	owner, userLine := fmt.Sprintf("%d:%d", uid, gid), fmt.Sprintf("USER %d:%d", uid, gid)
	r.keptUser = c.nonRootUser()
	if r.keptUser != nil {
		owner, userLine = r.keptUser.Args[0], text(f, r.keptUser)
		res.User = r.keptUser.Args[0] + " (the original's own user, kept)"
	} else {
		w.line("RUN groupadd --system --gid %d app \\\n && useradd --system --uid %d --gid app --no-log-init --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app", gid, uid)
		res.User = fmt.Sprintf("%d:%d (system user app)", uid, gid)
	}
	w.line("WORKDIR %s", a.workdir)
	if r.cross != nil {
		w.line("COPY --from=builder %s %s", pipTargetDir, pipTargetDir)
	} else {
		w.line("COPY --from=builder /opt/venv /opt/venv")
	}
	before, after := c.runsAroundCode()
	writeAll(w, f, before)
	r.dropped = pipOnlyCopies(f, r.ctx, c, r.reqFiles)
	if r.collect != nil {
		w.line("COPY --from=builder --chown=%s %s %s", owner, a.workdir, a.workdir)
	} else {
		copyCode(w, f, c, a, owner, r.fromContext, r.dropped)
	}
	writeAll(w, f, after)
	writeAll(w, f, c.volumes)
	w.line("%s", userLine)
	writeAll(w, f, c.onbuild)
	writeAll(w, f, c.stopsignal)
	if a.port > 0 {
		w.line("EXPOSE %d", a.port)
	}
	cmd := finalCommand(a)
	writeHealth(w, f, c, a, res, pythonRecipeProbe(a.port, opt.HealthPath), "python", opt)
	writeCommand(w, a, a.entrypoint, cmd, res)
}

// changes says what the recipe changed, and why, and notes what it could not do.
func (r *pyRecipe) changes() {
	f, c, a, opt, res := r.f, r.c, r.a, r.opt, r.res
	uid, gid := opt.UID, opt.GID
	runtime, unknown := r.runtime, r.unknown
	builderImage, runtimeImage := r.builderImage, r.runtimeImage
	pipFlags, pipCmd, reqs, reqFiles := r.pipFlags, r.pipCmd, r.reqs, r.reqFiles
	cross, crossWhy, dropped, keptUser, hasSlim := r.cross, r.crossWhy, r.dropped, r.keptUser, r.hasSlim
	install := mountedRun(pipFlags, pipCmd+" "+strings.Join(prefixAll(reqs, "-r "), " "))
	if cross != nil {
		install = cross.install(pipFlags, pipCmd, strings.Join(prefixAll(reqs, "-r "), " "))
	}
	res.Changes = append(res.Changes,
		Change{Title: "Multi-stage build: compilers stay in the builder", Why: "gcc, headers and other build-only packages are needed to compile wheels, not to run them; the runtime stage starts from " + runtimeImage + " and copies only " + r.installed() + " from the builder.", Rules: []string{"DO107", "DO108", "DO109"}, Before: "FROM " + builderImage, After: "FROM " + builderImage + " AS builder\n...\nFROM " + runtimeImage + " AS runtime"},
		Change{Title: "Dependencies installed before the code is copied", Why: "the pip layer depends only on the requirement files, so a code-only change reuses it from the cache instead of reinstalling everything.", Rules: []string{"DO201"}, Before: originalSteps(f, "pip"), After: strings.Join(copyKeepingPaths(reqFiles), "\n") + "\n" + install},
	)
	mounted := []string{"pip"}
	if len(r.build) > 0 || len(runtime) > 0 {
		mounted = append([]string{"apt"}, mounted...)
	}
	if ch, ok := cacheMountChange(opt, recipeVars(f), len(runtime) > 0, mounted...); ok {
		ch.Rules = append([]string{"DO102", "DO104"}, ch.Rules...)
		ch.Why += " The bytecode pip compiles into " + r.installed() + " stays: it speeds up start-up."
		res.Changes = append(res.Changes, ch)
	} else {
		res.Changes = append(res.Changes, Change{Title: "No package manager caches in the image", Why: "pip's download cache and apt's package lists are left out of every layer (the bytecode pip compiles into " + r.installed() + " stays: it speeds up start-up).", Rules: []string{"DO101", "DO102", "DO104"}, Before: "pip install -r requirements.txt", After: "pip install --no-cache-dir ..."})
	}
	if len(a.aptPackages) > 0 {
		res.Changes = append(res.Changes, Change{Title: "Runtime libraries instead of -dev packages", Why: "each -dev package is replaced by the shared library a built wheel links to (Debian bookworm package names): " + strings.Join(runtime, ", ") + ".", Rules: []string{"DO107"}, Before: "apt-get install " + strings.Join(a.aptPackages, " "), After: "apt-get install --no-install-recommends " + strings.Join(runtime, " ")})
	}
	if len(dropped) > 0 {
		var before []string
		for _, in := range dropped {
			before = append(before, text(f, in))
		}
		res.Changes = append(res.Changes, Change{Title: "No separate copy of the requirement files in the runtime stage", Why: "pip reads them at build time only, and " + r.installed() + ", which the runtime stage receives, holds what they name; nothing that runs in the runtime stage (its RUNs, CMD, ENTRYPOINT, HEALTHCHECK) or a Python source of the context names them, so the runtime stage does not repeat the COPY that put them in the image on their own: one layer fewer. A copy of the code that includes them (`COPY . .`) still brings them along.", Before: strings.Join(before, "\n"), After: "(builder stage only)"})
	}
	if list := strings.Join(opt.Platforms, ", "); cross != nil {
		res.Changes = append(res.Changes, cross.change(list))
	} else if crossWhy != "" {
		res.Notes = append(res.Notes, fmt.Sprintf("not cross-compiled for %s: %s; the Python install runs on each target platform's base image (%s; pip chooses wheels by platform tag, %s)", list, crossWhy, emulated, wheelTagSource))
	}
	if keptUser == nil {
		res.Changes = append(res.Changes, Change{Title: "Non-root user with a fixed UID/GID", Why: fmt.Sprintf("the container runs as %d:%d (a system user without a shell or home), so a compromise of the service does not give root in the container; the numeric USER lets Kubernetes' runAsNonRoot verify it. The code is copied owned by this user (COPY --chown), so the service can write under its working directory as the original, running as root, could; it can also modify its own code: drop --chown where it writes nothing.", uid, gid), Rules: []string{"DO301"}, Before: "(root)", After: fmt.Sprintf("USER %d:%d", uid, gid)})
	}
	c.report(res, f, map[string]string{"arg": "build stage (and the runtime stage where its instructions use it)", "env": "build and runtime stages", "run": "runtime stage, in the original order around the code copy", "shell": "not carried (the recipe's stages use the default shell)", "healthcheck": "runtime stage"})
	if in := r.collect; in != nil {
		res.Carried = append(res.Carried, fmt.Sprintf("line %d `%s` → builder stage, after a copy of the code", in.StartLine, oneLine(text(f, in))))
		res.Changes = append(res.Changes, Change{Title: "Django's static files collected in the builder",
			Why:    "collectstatic runs in the builder, where the code and the virtualenv are; the runtime stage copies the builder's " + a.workdir + " (the code and the collected files) owned by the service user, so it runs no Django command while the image is built and the files it serves are the service user's.",
			Before: text(f, in), After: "(builder) " + text(f, in) + "\n(runtime) COPY --from=builder " + a.workdir + " " + a.workdir})
	}
	if len(unknown) > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("unknown -dev package(s) %s: dockopt does not know which runtime library they need; they stay in the builder and nothing is installed for them at run time — add the runtime package to the runtime stage if the service needs it", strings.Join(unknown, ", ")))
	}
	if !hasSlim {
		res.Notes = append(res.Notes, fmt.Sprintf("base tag %q has no slimmer variant: the runtime stage uses it too", a.baseTag))
	} else if n := pythonVersionNote(a.baseRepo, a.baseTag, slimOf(a.baseTag)); n != "" {
		res.Notes = append(res.Notes, n)
	}
}

// slimOf is the slim variant of a tag (the tag itself when it has none).
func slimOf(tag string) string {
	s, _ := dockerfile.SlimVariantTag(tag)
	return s
}

func prefixAll(xs []string, p string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = p + x
	}
	return out
}

// pipOnlyCopies are the original's COPY instructions of the requirement files alone
// (pipOnlyCopy), which the runtime stage does not repeat.
func pipOnlyCopies(f *dockerfile.File, ctx *buildctx.Context, c *carried, reqFiles []string) []*dockerfile.Instruction {
	runtime := append([]*dockerfile.Instruction(nil), c.otherRuns...)
	for _, in := range f.FinalStage().Instructions {
		if in.Cmd == "cmd" || in.Cmd == "entrypoint" || in.Cmd == "healthcheck" {
			runtime = append(runtime, in)
		}
	}
	var out []*dockerfile.Instruction
	for _, in := range c.copies {
		if pipOnlyCopy(f, ctx, in, reqFiles, runtime) {
			out = append(out, in)
		}
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

// requirementClosure is the requirement files and, recursively, the files they include with
// -r/--requirement and -c/--constraint (resolved against the including file's directory, as
// pip does: https://pip.pypa.io/en/stable/reference/requirements-file-format/), those that
// exist in the context, in first-seen order; and the local package directories they name
// (`-e ./libs/x`, `./libs/x`, `file:./libs/x`), each with a trailing /.
func requirementClosure(ctx *buildctx.Context, reqs []string) []string {
	var out []string
	seen := map[string]bool{}
	var visit func(string)
	visit = func(r string) {
		if seen[r] || len(out) > 100 {
			return
		}
		seen[r] = true
		out = append(out, r)
		data, err := readContextFile(ctx, r)
		if err != nil {
			return
		}
		refs := buildctx.ParsePipRequirements(string(data))
		for _, inc := range append(refs.Requirements, refs.Constraints...) {
			if p := path.Join(path.Dir(r), inc); ctx != nil && ctx.Exists(p) {
				visit(p)
			}
		}
		for _, local := range refs.LocalPaths {
			// a local package directory, copied with the requirement files so that pip finds it
			p := path.Join(path.Dir(r), local)
			if e, ok := ctx.Entry(p); ok && e.IsDir && !seen[p+"/"] {
				seen[p+"/"] = true
				out = append(out, p+"/") // a trailing / marks a directory for copyKeepingPaths
			}
		}
	}
	for _, r := range reqs {
		visit(r)
	}
	return out
}

// copyKeepingPaths writes COPY lines that put context files at the same relative paths under
// the working directory: one COPY per directory (COPY of several files into one destination
// does not keep their directories), and one per entry ending in / (a directory, copied whole
// to the same path: COPY of a directory copies its contents).
func copyKeepingPaths(files []string) []string {
	var dirs, whole []string
	byDir := map[string][]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "/") {
			whole = append(whole, strings.TrimSuffix(f, "/")) // a directory: copied whole
			continue
		}
		d := path.Dir(f)
		if _, ok := byDir[d]; !ok {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], f)
	}
	var out []string
	for _, d := range dirs {
		dest := "./"
		if d != "." {
			dest = "./" + d + "/"
		}
		out = append(out, "COPY "+strings.Join(byDir[d], " ")+" "+dest)
	}
	for _, d := range whole {
		out = append(out, "COPY "+d+" ./"+d+"/")
	}
	return out
}

// outermost drops the paths that lie inside another path of the list (sorted input).
func outermost(paths []string) []string {
	var out []string
	for _, p := range paths {
		inside := false
		for _, q := range out {
			if strings.HasPrefix(p, q+"/") {
				inside = true
			}
		}
		if !inside {
			out = append(out, p)
		}
	}
	return out
}

// nodeStages lists the FROM lines of the node recipe's output, for the report.
func nodeStages(needBuild, split bool, baseImage, runtimeImage string) string {
	var out []string
	if needBuild {
		out = append(out, "FROM "+baseImage+" AS deps")
	}
	if split {
		out = append(out, "FROM "+baseImage+" AS prod-deps")
	}
	if needBuild {
		out = append(out, "FROM deps AS build")
	}
	return strings.Join(append(out, "FROM "+runtimeImage+" AS runtime"), "\n")
}

// cmdBefore is the original CMD as written, "(none)" without one.
func cmdBefore(a *analysis) string {
	if a.cmdText == "" {
		return "(none)"
	}
	return a.cmdText
}

// nodeStartCommand reads package.json's "start" script; a plain `node FILE` becomes the
// command, so node is PID 1 instead of npm.
func nodeStartCommand(ctx *buildctx.Context) []string {
	data, err := readContextFile(ctx, "package.json")
	if err != nil {
		return nil
	}
	scripts := packageScripts(data)
	start := strings.Fields(scripts["start"])
	if len(start) >= 2 && start[0] == "node" && !strings.ContainsAny(scripts["start"], "&|;$") {
		return start
	}
	return nil
}

// The Node recipe's statements that devDependencies are left out; the development-command
// pass rewrites them when the command needs devDependencies (keepDevDependencies).
const (
	prodDepsComment        = "prod-deps installs the production dependencies only, in their own layer: a code change does not touch it."
	prodDepsOnly           = "production dependencies only; compilers, npm's cache and devDependencies stay behind."
	nodeRuntimeComment     = "runtime is the slim image with the production dependencies and the built app, run as user node."
	nodeRuntimeCodeComment = "runtime is the slim image with the production dependencies and the app, run as user node."
	titleNoDevDependencies = "NODE_ENV=production and no devDependencies"
)

// nodeRecipe: dependencies installed with `npm ci` from the lockfile in their own stage, the
// build in another, devDependencies pruned, and a runtime stage from the slim image running
// as the image's `node` user with a `node -e` health probe.
func nodeRecipe(f *dockerfile.File, ctx *buildctx.Context, a *analysis, opt Options, res *Result) (string, error) {
	if !dockerfile.IsDebianTag(a.baseTag) {
		res.Ecosystem, res.EcosystemWhy = "generic", fmt.Sprintf("base image tag %q: the Node recipe targets the Debian-based node images", a.baseTag)
		return generic(f, ctx, a, opt, res)
	}
	c := collect(f, onlyRuns([]string{"set", "rm"}, "npm", "apt"))
	build, runtimePkgs, unknown := splitPackages(a.aptPackages)
	res.BuildPackages, res.RuntimePackages, res.UnknownDev = build, runtimePkgs, unknown
	slim, _ := dockerfile.SlimVariantTag(a.rawTag)
	baseImage := a.image(a.rawTag)
	runtimeImage := a.image(slim)
	manifests := []string{"package.json", a.lockfile}
	w := &writer{}
	w.header(f)
	writeAll(w, f, c.globalArgs)
	if len(c.globalArgs) > 0 {
		w.blank()
	}
	outDir := nodeOutDir(ctx)
	// the original's other RUNs after the code copy run in the build stage and may write into
	// the working directory (a directory, a generated file, node_modules/.prisma): the runtime
	// then takes that directory from the build stage whole, not the code from the build context
	runsOnCode := nodeRunsOnCode(f, ctx, c)
	split := (a.nodeBuild && outDir != "" || !a.nodeBuild) && len(runsOnCode) == 0
	mono := planNpmMonorepo(ctx, a, &split, res)
	// the build stage (and the full install it starts from) only when something is built
	needBuild := a.nodeBuild || len(c.otherRuns) > 0 || !split
	npmFlags, _ := cacheMounts(opt, "npm", recipeVars(f))
	npmOpts := ""
	if len(npmFlags) > 0 {
		// the options that make npm take the mount's packages without asking the registry
		npmOpts = " " + strings.Join(pkgmgr.ByID("npm").MountOptions(recipeVars(f)), " ")
	}
	// installStage writes a stage that installs the dependencies from the lockfile alone
	prodCross, crossChange, crossNote := nodeProdCross(ctx, opt, needBuild)
	installStage := func(comment, name, install string) {
		w.line("# %s", comment)
		from := baseImage
		if name == "prod-deps" && prodCross {
			from = buildPlatformFlag + " " + baseImage
		}
		w.line("FROM %s AS %s", from, name)
		writeAll(w, f, c.args)
		writeAll(w, f, c.env)
		if len(build) > 0 {
			w.line("%s", aptRun(opt, build))
		}
		w.line("WORKDIR %s", a.workdir)
		w.line("COPY %s ./", strings.Join(manifests, " "))
		for _, d := range mono.manifestDirs(name) {
			w.line("COPY %s/package.json %s/", d, d)
		}
		w.line("%s", mountedRun(npmFlags, install+npmOpts))
		w.blank()
	}
	if needBuild {
		installStage("deps installs the dependencies from the lockfile only, cached until it changes.", "deps", "npm ci")
	}
	if split {
		comment, install := mono.prodInstall()
		installStage(comment, "prod-deps", install)
	}
	if needBuild {
		writeNodeBuild(w, f, c, a, split)
	}
	writeNodeRuntime(w, f, ctx, c, a, opt, res, runtimeImage, runtimePkgs, split, outDir, mono.runtime(split, a.nodeBuild, res))
	res.Changes = append(res.Changes, nodeChanges(f, a, split, baseImage, runtimeImage, needBuild)...)
	res.Notes = append(res.Notes, nodeWholeDirNote(f, c, runsOnCode, a, split, outDir)...)
	if split && crossChange != nil {
		res.Changes = append(res.Changes, *crossChange)
	} else if split && crossNote != "" {
		res.Notes = append(res.Notes, crossNote)
	}
	if ch, ok := cacheMountChange(opt, recipeVars(f), len(runtimePkgs) > 0, nodeCacheManagers(build, runtimePkgs)...); ok {
		res.Changes = append(res.Changes, ch)
	}
	if len(a.aptPackages) > 0 {
		res.Changes = append(res.Changes, Change{Title: "System packages split between build and runtime", Why: "compilers and -dev headers (for native modules) are installed where `npm ci` runs; the runtime stage gets only what the app uses at run time (-dev packages mapped to their Debian bookworm runtime libraries): " + strings.Join(runtimePkgs, ", ") + ".", Rules: []string{"DO107"}, Before: "apt-get install " + strings.Join(a.aptPackages, " "), After: "apt-get install --no-install-recommends " + strings.Join(runtimePkgs, " ")})
	}
	if len(unknown) > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("unknown -dev package(s) %s: dockopt does not know which runtime library they need; add it to the runtime stage if the app needs it", strings.Join(unknown, ", ")))
	}
	c.report(res, f, map[string]string{"arg": "dependency stages (and the runtime stage where its instructions use it)", "env": "every stage", "run": nodeRunWhere(a, split, outDir), "shell": "not carried", "healthcheck": "runtime stage"})
	return w.String(), nil
}

// writeNodeRuntime writes the Node recipe's runtime stage: the slim image with NODE_ENV
// production, the production node_modules, the build output (or the code), the node user,
// a HEALTHCHECK through node, and the start command run by node itself.
func writeNodeRuntime(w *writer, f *dockerfile.File, ctx *buildctx.Context, c *carried, a *analysis, opt Options, res *Result, runtimeImage string, runtimePkgs []string, split bool, outDir string, mono *npmMonorepo) {
	if a.nodeBuild {
		w.line("# %s", nodeRuntimeComment)
	} else {
		w.line("# %s", nodeRuntimeCodeComment)
	}
	w.line("FROM %s AS runtime", runtimeImage)
	writeAll(w, f, c.runtimeArgs(f))
	w.line("ENV NODE_ENV=production")
	writeAll(w, f, c.env)
	writeAll(w, f, c.labels)
	if len(runtimePkgs) > 0 {
		w.line("%s", aptRun(opt, runtimePkgs))
	}
	w.line("WORKDIR %s", a.workdir)
	switch {
	case split && a.nodeBuild:
		w.line("COPY --from=prod-deps --chown=node:node %s/node_modules ./node_modules", a.workdir)
		w.line("COPY --from=build --chown=node:node %s/%s ./%s", a.workdir, outDir, outDir)
		w.line("COPY --chown=node:node package.json ./")
	case split && mono != nil:
		// the install's directory as it left it: node_modules with the workspace links, the
		// package.json files, and any workspace's own node_modules; then the code
		w.line("COPY --from=prod-deps --chown=node:node %s ./", a.workdir)
		for _, d := range mono.codeDirs() {
			w.line("COPY --chown=node:node %s %s", d, d)
		}
	case split:
		w.line("COPY --from=prod-deps --chown=node:node %s/node_modules ./node_modules", a.workdir)
		w.line("COPY --chown=node:node . .")
	default:
		w.line("COPY --from=build --chown=node:node %s %s", a.workdir, a.workdir)
	}
	writeAll(w, f, c.volumes)
	w.line("USER node")
	res.User = "node (UID 1000, from the base image)"
	writeAll(w, f, c.onbuild)
	writeAll(w, f, c.stopsignal)
	if a.port > 0 {
		w.line("EXPOSE %d", a.port)
	}
	url := fmt.Sprintf("'http://127.0.0.1:%d%s'", a.port, opt.HealthPath)
	if sourceMentions(ctx, "process.env.PORT", ".js", ".mjs", ".cjs", ".ts") {
		// the app listens on $PORT when it is set (docker run -e PORT=...): so does the probe
		url = fmt.Sprintf("'http://127.0.0.1:' + (process.env.PORT || %d) + '%s'", a.port, opt.HealthPath)
	}
	probe := []string{"node", "-e", fmt.Sprintf("require('http').get(%s, r => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))", url)}
	writeHealth(w, f, c, a, res, probe, "node", opt)
	cmd := a.cmd
	if len(a.nodeStart) > 0 && (len(cmd) == 0 || strings.Join(cmd, " ") == "npm start" || strings.Join(cmd, " ") == "npm run start") {
		cmd = a.nodeStart
		res.Changes = append(res.Changes, Change{Title: "node runs the app directly", Why: "`npm start` keeps npm as PID 1, which does not forward SIGTERM to node; the start script's command runs directly instead, in exec form.", Rules: []string{"DO007"}, Before: cmdBefore(a), After: "CMD " + jsonArray(cmd)})
		a.cmdShellForm = false // this change already says it
	}
	a.cmdShellFeatures = false
	writeCommand(w, a, a.entrypoint, cmd, res)
}

// nodeCacheManagers are the managers whose caches the Node recipe mounts: apt when a stage
// installs system packages, npm always.
func nodeCacheManagers(build, runtime []string) []string {
	if len(build)+len(runtime) > 0 {
		return []string{"apt", "npm"}
	}
	return []string{"npm"}
}

// goRecipe: modules downloaded from go.mod/go.sum before the source is copied, with the
// module and build caches on BuildKit cache mounts; a static CGO_ENABLED=0 build with -trimpath
// and stripped symbols onto FROM scratch with CA certificates and a numeric non-root user, or,
// when the program needs cgo (goCgo), a CGO_ENABLED=1 build onto the slim image of the C
// library it links against. With opt.Platforms the static build cross-compiles on
// $BUILDPLATFORM. A HEALTHCHECK is added only when the program offers a probe of its own.
func goRecipe(f *dockerfile.File, ctx *buildctx.Context, a *analysis, opt Options, res *Result) (string, error) {
	c := collect(f, onlyRuns([]string{"set"}, "go"))
	g := planGoBuild(ctx, a, opt)
	pkg := a.goBuildPkg
	if pkg == "" {
		pkg = "."
	}
	bin := goBinaryPath(a)
	mods := []string{"go.mod"}
	if ctx != nil && ctx.Exists("go.sum") {
		mods = append(mods, "go.sum")
	}
	uid := 65532
	osRuns, otherRuns, aptOnly := splitOSRuns(c.otherRuns)
	w := &writer{}
	w.header(f)
	writeAll(w, f, c.globalArgs)
	if len(c.globalArgs) > 0 {
		w.blank()
	}
	goBuildStage(w, f, c, a, opt, g, mods, pkg, osRuns, otherRuns, aptOnly)
	w.line("# runtime holds %s.", g.runtimeHolds)
	w.line("FROM %s AS runtime", g.runtime)
	if g.runtimeSetup != "" {
		w.line("%s", g.runtimeSetup)
	}
	for _, in := range c.env {
		// the Go toolchain's variables (CGO_ENABLED...) are for the build only
		if !setsOnly(in, goBuildEnv) {
			writeAll(w, f, []*dockerfile.Instruction{in})
		}
	}
	writeAll(w, f, c.labels)
	w.line("COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt")
	w.line("COPY --from=build /out/app %s", bin)
	goReadFiles(w, f, ctx, a, res, g.runtime, bin)
	w.line("USER %d:%d", uid, uid)
	res.User = fmt.Sprintf("%d:%d (numeric: %s)", uid, uid, g.userWhy)
	writeAll(w, f, c.stopsignal)
	if a.port > 0 {
		w.line("EXPOSE %d", a.port)
		res.Port = a.port // the migration snippet publishes it, HEALTHCHECK or not
		if n := goPortNote(ctx, a.port); n != "" {
			res.Notes = append(res.Notes, n)
		}
	}
	goHealthcheck(w, ctx, a, res, g, bin)
	if len(c.volumes) > 0 {
		writeAll(w, f, c.volumes)
	}
	ep, cmd := goCommand(a, bin, g.runtime, res)
	writeCommand(w, a, ep, cmd, res)
	for _, r := range otherRuns {
		res.Notes = append(res.Notes, fmt.Sprintf("line %d `%s` runs in the build stage: what it writes outside the binary is not in the %s image — copy such files with `COPY --from=build` (dockopt cannot tell which it needs)", r.StartLine, oneLine(text(f, r)), g.runtime))
	}
	c.report(res, f, map[string]string{"arg": "build stage", "env": "build and runtime stages (the Go toolchain's own variables, such as CGO_ENABLED, build stage only)", "run": "build stage, before the go build (see the notes)", "shell": "build stage", "healthcheck": "runtime stage"})
	res.Changes = append(res.Changes, g.changes(f, baseImageOf(a), mods)...)
	if aptOnly && len(a.aptPackages) > 0 || g.runtimeSetup != "" {
		if ch, ok := cacheMountChange(opt, nil, g.runtimeSetup != "", "apt"); ok {
			res.Changes = append(res.Changes, ch)
		}
	}
	res.Changes = append(res.Changes,
		Change{Title: "Non-root numeric user", Why: g.runtime + " has no user for the service; a numeric USER needs no /etc/passwd entry and lets Kubernetes' runAsNonRoot verify it.", Rules: []string{"DO301"}, Before: "(root)", After: fmt.Sprintf("USER %d:%d", uid, uid)},
	)
	res.Notes = append(res.Notes, g.notes...)
	return w.String(), nil
}

// goBuildStage writes the Go recipe's build stage: the modules downloaded first (cached until
// go.mod/go.sum change), then the code and the go build.
func goBuildStage(w *writer, f *dockerfile.File, c *carried, a *analysis, opt Options, g *goBuild, mods []string, pkg string, osRuns, otherRuns []*dockerfile.Instruction, aptOnly bool) {
	if g.modMount != "" {
		w.line("# build downloads the modules first (cached until go.mod/go.sum change), then builds the binary;")
		w.line("# both caches are BuildKit cache mounts, kept between builds and never in a layer.")
	} else {
		w.line("# build downloads the modules first (cached until go.mod/go.sum change), then builds the binary.")
	}
	w.line("FROM %sAS build", g.from)
	writeAll(w, f, c.args)
	if g.cross {
		w.line("ARG TARGETOS TARGETARCH")
	}
	writeAll(w, f, c.env)
	if aptOnly && len(a.aptPackages) > 0 {
		w.line("%s", aptRun(opt, a.aptPackages))
	} else {
		writeAll(w, f, osRuns)
	}
	w.line("WORKDIR /src")
	w.line("COPY %s ./", strings.Join(mods, " "))
	w.line("%s", mountedRun(g.mounts(false), "go mod download"))
	w.line("COPY . .")
	writeAll(w, f, otherRuns)
	w.line("%s", mountedRun(g.mounts(true), fmt.Sprintf("%s go build -trimpath %s -o /out/app %s", g.env, strings.Join(goFlagsWithStrip(a.goFlags), " "), pkg)))
	w.blank()
}

// goReadFiles copies the files the program opens by their context path (not embedded) under
// its working directory in the runtime stage: read-only, owned by root. The working directory
// is the original's WORKDIR (also kept when the program asks for it with os.Getwd and reads no
// file), else /app; /srv when the binary itself is at that path.
func goReadFiles(w *writer, f *dockerfile.File, ctx *buildctx.Context, a *analysis, res *Result, runtime, bin string) {
	read := outermost(a.refs.Read)
	if n := goUnnamedDataNote(f, ctx, a, runtime); n != "" {
		res.Notes = append(res.Notes, n)
	}
	orig := originalWorkdir(f)
	keep := orig != "" && orig != bin && goUsesWorkdir(ctx)
	if len(read) == 0 && !keep {
		return
	}
	wd := a.workdir
	if wd == "" || wd == bin {
		wd = "/srv"
	}
	w.line("WORKDIR %s", wd)
	if len(read) == 0 {
		res.Changes = append(res.Changes, Change{Title: "The original working directory is kept", Why: "the program asks for its working directory (os.Getwd): the " + runtime + " image starts it in " + wd + ", as the original did.", Before: "WORKDIR " + orig, After: "WORKDIR " + wd})
		return
	}
	var lines []string
	for _, p := range read {
		lines = append(lines, fmt.Sprintf("COPY --from=build /src/%s ./%s", p, p))
		w.line("%s", lines[len(lines)-1])
	}
	res.Changes = append(res.Changes, Change{Title: "Files the program reads at run time", Why: "the source names " + strings.Join(read, ", ") + " by its path in the build context (relative, or joined to the working directory; not embedded): copied under the working directory " + wd + ", which the " + runtime + " image would otherwise lack.", Before: originalSteps(f), After: "WORKDIR " + wd + "\n" + strings.Join(lines, "\n")})
}

// goHealthcheck writes a HEALTHCHECK that runs the binary's own probe flag, or notes why
// there is none.
func goHealthcheck(w *writer, ctx *buildctx.Context, a *analysis, res *Result, g *goBuild, bin string) {
	if flag := goProbeFlag(ctx); flag != "" && a.port > 0 {
		hc := healthcheckLine([]string{bin, flag})
		w.line("%s", hc)
		res.Healthcheck, res.Port = hc, a.port
		res.Changes = append(res.Changes, Change{Title: "A HEALTHCHECK with the program's own probe", Why: g.runtime + " has no curl; the binary's " + flag + " flag probes the service itself.", Rules: []string{"DO401"}, Before: "(none)", After: hc})
	} else {
		res.Notes = append(res.Notes, "no HEALTHCHECK: the runtime image is FROM "+g.runtime+" ("+g.noProbe+") and the program offers no probe flag (e.g. -healthcheck) that dockopt could find in its source")
	}
}

// baseImageOf is the original's base image as written.
func baseImageOf(a *analysis) string { return a.image(a.rawTag) }

// goBinaryPath is where the runtime image holds the binary: the absolute path the original's
// command runs (ENTRYPOINT's first word, else CMD's) when it is the go build's output, else
// the go build's absolute -o, else /app.
func goBinaryPath(a *analysis) string {
	prog := a.cmd
	if len(a.entrypoint) > 0 {
		prog = a.entrypoint
	}
	switch {
	case len(prog) > 0 && strings.HasPrefix(prog[0], "/") && (a.goOut == "" || path.Base(prog[0]) == path.Base(a.goOut)):
		return prog[0]
	case a.goOut != "" && strings.HasPrefix(a.goOut, "/"):
		return a.goOut
	}
	return "/app"
}

// goCommand is the runtime stage's ENTRYPOINT and CMD: the original's, with a word that named
// the binary where the build left it (./server) pointing at bin.
func goCommand(a *analysis, bin, runtime string, res *Result) (ep, cmd []string) {
	ep, cmd = a.entrypoint, a.cmd
	names := func(word string) bool {
		// ./server, or server with no directory, named the binary where the build left it
		return !strings.HasPrefix(word, "/") && (path.Base(word) == path.Base(a.goOut) || a.goOut == "" && strings.HasPrefix(word, "./"))
	}
	switch {
	case len(ep) > 0 && names(ep[0]):
		ep = append([]string{bin}, ep[1:]...)
		res.Changes = append(res.Changes, Change{Title: "ENTRYPOINT names the binary where it now is", Why: "the binary is copied to " + bin + " in the " + runtime + " image, not left next to the source where `" + a.entrypoint[0] + "` found it.", Before: "ENTRYPOINT " + jsonArray(a.entrypoint), After: "ENTRYPOINT " + jsonArray(ep)})
	case len(ep) > 0:
	case len(cmd) == 0:
		cmd = []string{bin}
	case names(cmd[0]):
		cmd = append([]string{bin}, cmd[1:]...)
		res.Changes = append(res.Changes, Change{Title: "CMD names the binary where it now is", Why: "the binary is copied to " + bin + " in the " + runtime + " image, not left next to the source where `" + a.cmd[0] + "` found it.", Before: cmdBefore(a), After: "CMD " + jsonArray(cmd)})
	}
	return ep, cmd
}

// splitOSRuns separates the RUN instructions that only install distribution packages (the
// C libraries a cgo build links, for example), which the build stage runs before the module
// download so that a code change does not run them again, from the others. aptOnly: there
// are such RUNs and apt is the only package manager they call (the recipe then writes one
// apt-get RUN of its own for the same packages).
func splitOSRuns(runs []*dockerfile.Instruction) (osRuns, others []*dockerfile.Instruction, aptOnly bool) {
	aptOnly = true
	for _, in := range runs {
		only := in.Script != nil && in.Script.Err == nil && len(in.Script.Commands) > 0
		apt := true
		if only {
			for _, c := range in.Script.Commands {
				call := pkgmgr.ParseCommand(c)
				switch {
				case call != nil && call.Is("apt"):
				case call != nil && call.Is(pkgmgr.OSManagers...):
					apt = false
				case housekeeping[c.Name]:
				default:
					only = false
				}
			}
		}
		if only {
			osRuns = append(osRuns, in)
			aptOnly = aptOnly && apt
		} else {
			others = append(others, in)
		}
	}
	return osRuns, others, aptOnly && len(osRuns) > 0
}

// nodeOutDir is the build output directory: tsconfig.json's compilerOptions.outDir, else the
// first directory of package.json's "main"; "" when neither says.
func nodeOutDir(ctx *buildctx.Context) string {
	if data, err := readContextFile(ctx, "tsconfig.json"); err == nil {
		if m := outDirRe.FindSubmatch(data); m != nil {
			if d := cleanRel(string(m[1])); d != "" {
				return d
			}
		}
	}
	if data, err := readContextFile(ctx, "package.json"); err == nil {
		var pkg struct {
			Main string `json:"main"`
		}
		if json.Unmarshal(data, &pkg) == nil {
			if d, _, ok := strings.Cut(cleanRel(pkg.Main), "/"); ok && d != "" {
				return d
			}
		}
	}
	return ""
}

// outDirRe reads outDir without a full JSONC parser (tsconfig.json allows comments).
var outDirRe = lazyre.New(`"outDir"\s*:\s*"([^"]+)"`)

func cleanRel(p string) string {
	p = path.Clean("/" + p)[1:]
	if p == "" || p == "." || strings.HasPrefix(p, "..") {
		return ""
	}
	return p
}

// goFlagsWithStrip returns the original's go build flags with "-s -w" added to -ldflags
// (symbol and DWARF tables stripped), each value double-quoted for the shell so that ${ARG}
// references still expand.
func goFlagsWithStrip(flags []string) []string {
	var out []string
	ld := "-s -w"
	for _, fl := range flags {
		name, val, hasVal := strings.Cut(fl, "=")
		if name == "-ldflags" {
			if v := strings.TrimSpace(val); v != "" && v != "-s -w" {
				ld = "-s -w " + v
			}
			continue
		}
		if hasVal {
			out = append(out, name+"="+quoteExpanding(val))
		} else {
			out = append(out, name)
		}
	}
	return append([]string{"-ldflags=" + quoteExpanding(ld)}, out...)
}

// quoteExpanding double-quotes a value for a RUN line unless it is a plain word, so that its $
// references still expand (report.shellQuote, for commands people paste, quotes them away).
func quoteExpanding(v string) string {
	if v != "" && !strings.ContainsAny(v, " \t\"'`\\;&|<>()*?[]{}#") {
		return v
	}
	return "\"" + strings.NewReplacer("\\", "\\\\", "\"", "\\\"", "`", "\\`").Replace(v) + "\""
}

// goProbeFlag looks in the Go sources at the context root for a health probe flag the program
// defines (flag.Bool("healthcheck", ...)) and returns it as "-healthcheck".
func goProbeFlag(ctx *buildctx.Context) string {
	if ctx == nil {
		return ""
	}
	var files []string
	for _, e := range ctx.Entries {
		if strings.HasSuffix(e.Path, ".go") && !strings.HasSuffix(e.Path, "_test.go") && !strings.Contains(e.Path, "vendor/") {
			files = append(files, e.Path)
		}
	}
	sort.Strings(files)
	for _, p := range files {
		data, err := readContextFile(ctx, p)
		if err != nil {
			continue
		}
		s := string(data)
		for _, name := range []string{"healthcheck", "health-check", "health"} {
			if strings.Contains(s, `flag.Bool("`+name+`"`) || strings.Contains(s, `BoolVar(`) && strings.Contains(s, `"`+name+`"`) {
				return "-" + name
			}
		}
	}
	return ""
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
