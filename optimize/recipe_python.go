package optimize

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
)

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
