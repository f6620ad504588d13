package optimize

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// analysis is what the recipes need to know about the original.
type analysis struct {
	python, node, golang string // why the ecosystem was detected ("" if not)
	declined             string
	baseRepo, baseTag    string // resolved (ARGs substituted), for decisions
	rawRepo, rawTag      string // as written (may hold ${VAR}), for the new FROM lines
	aptPackages          []string
	pipRequirements      []string // files given to pip install -r
	pipConstraints       []string // files given to pip install -c
	pipPackages          []string // packages named on pip install
	noBuildIsolation     bool     // a pip install builds without isolation
	workdir              string
	port                 int
	portHint             bool     // port is a compose service's (Options.PortHints), not the Dockerfile's
	cmd                  []string // CMD in exec form (nil when it cannot be split safely)
	entrypoint           []string
	cmdShellFeatures     bool
	// cmdShellForm: the original CMD was in shell form (cmdText is how it was written).
	cmdShellForm bool
	cmdText      string
	keepPaths    []string
	// refs are the context paths the application's source embeds or reads.
	refs              References
	goBuildPkg, goOut string
	goFlags           []string // the original's go build flags, -o and -trimpath removed
	// goEnv are the variables in force at the go build (ENV and ARG values); goCgoEnv is the
	// CGO_ENABLED it builds with ("" when unset).
	goEnv         map[string]string
	goCgoEnv      string
	healthFoundIn string // where the health path came from ("" when there is none)
	nodeBuild     bool
	nodeBuildLine int // the line of the RUN that runs `npm run build` (the first)
	nodeStart     []string
	lockfile      string
	// pmInstall is the first Python project-manager install a RUN runs (`poetry install`,
	// `pipenv install`, `uv sync`: pkgmgr.VenvInstall), "" when none.
	pmInstall string
}

func analyze(f *dockerfile.File, st *dockerfile.Stage, ctx *buildctx.Context) *analysis {
	a := &analysis{workdir: "/app"}
	if st == nil {
		return a
	}
	a.baseRepo, a.baseTag = splitImage(st.BaseImage)
	a.rawRepo, a.rawTag = splitImage(st.BaseName)
	usesPip, usesNpm, usesGo := false, false, false
	for _, in := range st.Instructions {
		switch in.Cmd {
		case "workdir":
			if len(in.Args) > 0 {
				if v, ok := f.Expand(in, in.Args[0]); ok && strings.HasPrefix(v, "/") {
					a.workdir = v
				}
			}
		case "expose":
			for _, p := range in.Args {
				var n int
				if _, err := fmt.Sscanf(strings.Split(p, "/")[0], "%d", &n); err == nil && a.port == 0 {
					a.port = n
				}
			}
		case "cmd", "entrypoint":
			args, shellish := execForm(in)
			if in.Cmd == "cmd" {
				a.cmd, a.cmdShellFeatures = args, shellish
				a.cmdShellForm, a.cmdText = !in.JSON, strings.TrimSpace(in.Original)
			} else {
				a.entrypoint = args
			}
		case "run":
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				pip, npm, goBuild := a.readCommand(f, in, c)
				usesPip, usesNpm, usesGo = usesPip || pip, usesNpm || npm, usesGo || goBuild
			}
		}
	}
	if a.port == 0 {
		a.port = portFromCommand(append(a.entrypoint, a.cmd...))
	}
	if ctx == nil {
		return a
	}
	a.readKeepPaths(f, ctx)
	pyBase := a.baseRepo == "python" || strings.HasSuffix(a.baseRepo, "/python")
	switch {
	case usesPip && pyBase:
		a.readPython(f, st, ctx)
	case usesNpm && ctx.Exists("package.json"):
		a.readNode(st, ctx)
	case usesGo && ctx.Exists("go.mod"):
		a.golang = fmt.Sprintf("base image %s, `go build` in RUN, and go.mod in the build context", st.BaseImage)
	}
	return a
}

// readCommand records what one command of a RUN tells: Debian packages, a pip install's
// requirement files and packages, a Node build, a go build's package, output, flags and
// environment; pip, npm and goBuild say which of these it is.
func (a *analysis) readCommand(f *dockerfile.File, in *dockerfile.Instruction, c *dockerfile.Command) (pip, npm, goBuild bool) {
	call := pkgmgr.ParseCommand(c)
	switch {
	case call == nil:
	case call.Is("apt") && call.Sub == "install":
		a.aptPackages = append(a.aptPackages, call.Operands...)
	case call.IsVenvInstall():
		if a.pmInstall == "" {
			a.pmInstall = call.Manager.ID + " " + call.Sub
		}
	case call.Is("pip") && call.Sub == "install":
		pip = true
		// pip then builds with the environment's own setuptools (pythonVenvRun keeps it)
		a.noBuildIsolation = a.noBuildIsolation || call.Has("--no-build-isolation") || f.Vars(in)["PIP_NO_BUILD_ISOLATION"] != ""
		reqs, cons := buildctx.PipInstallRefs(call)
		a.pipRequirements = append(a.pipRequirements, reqs...)
		a.pipConstraints = append(a.pipConstraints, cons...)
		// packages named beside -r (pip install -r requirements.txt gunicorn): the
		// recipe installs them too, as written (pip itself is the venv's, then removed)
		for _, pk := range call.Packages() {
			if !pk.Local && !strings.EqualFold(pk.Name, "pip") && !slices.Contains(a.pipPackages, quoteExpanding(pk.Arg)) {
				a.pipPackages = append(a.pipPackages, quoteExpanding(pk.Arg))
			}
		}
	case call.Manager.Ecosystem == "node":
		npm = true
		if call.Sub == "run" && len(call.Operands) > 0 && call.Operands[0] == "build" {
			if !a.nodeBuild {
				a.nodeBuildLine = in.StartLine
			}
			a.nodeBuild = true
		}
	case call.Is("go") && call.Sub == "build":
		goBuild = true
		if len(call.Operands) > 0 {
			a.goBuildPkg = call.Operands[len(call.Operands)-1]
		}
		if v, ok := call.Value("-o"); ok {
			a.goOut = v
		}
		a.goFlags = goBuildFlags(c.Args)
		a.goEnv = f.Vars(in)
		a.goCgoEnv = a.goEnv["CGO_ENABLED"]
		for _, as := range c.Assigns {
			if v, ok := strings.CutPrefix(as, "CGO_ENABLED="); ok {
				a.goCgoEnv = strings.Trim(v, `"'`)
			}
		}
	}
	return pip, npm, goBuild
}

// readKeepPaths lists the context files the generated .dockerignore must keep: the
// manifests, a top-level README or LICENSE, what a RUN names, and what the source embeds
// or reads.
func (a *analysis) readKeepPaths(f *dockerfile.File, ctx *buildctx.Context) {
	for _, m := range ctx.FoundManifests() {
		a.keepPaths = append(a.keepPaths, m)
	}
	for _, e := range ctx.Entries {
		if !strings.Contains(e.Path, "/") && (strings.HasPrefix(strings.ToLower(e.Path), "readme") || strings.HasPrefix(strings.ToLower(e.Path), "license")) {
			a.keepPaths = append(a.keepPaths, e.Path)
		}
	}
	a.keepPaths = append(a.keepPaths, runReferencedPaths(f, ctx)...)
	// paths the source embeds or reads: the .dockerignore must keep them
	a.refs = sourceReferences(ctx)
	a.keepPaths = append(a.keepPaths, a.refs.All()...)
}

// readPython reads a pip build's files from the build context: the requirement and
// constraint files pip install names (through the COPY that put them there), and whether the
// Python recipe can rewrite the file (a.python) or declines, and why (a.declined).
func (a *analysis) readPython(f *dockerfile.File, st *dockerfile.Stage, ctx *buildctx.Context) {
	reqs := ctx.FoundManifests()
	hasReq := false
	for _, r := range reqs {
		if strings.HasPrefix(r, "requirements") {
			hasReq = true
		}
	}
	for i, r := range a.pipConstraints {
		a.pipConstraints[i] = pipFileInContext(f, ctx, st, r, a.workdir)
		if !ctx.Exists(a.pipConstraints[i]) {
			a.declined = fmt.Sprintf("pip install -c %s: dockopt cannot tell which file of the build context that is (it is not at that path under %s); the generic improvements were applied instead", r, a.workdir)
			return
		}
	}
	for i, r := range a.pipRequirements {
		r = pipFileInContext(f, ctx, st, r, a.workdir)
		a.pipRequirements[i] = r
		if !ctx.Exists(r) {
			a.declined = fmt.Sprintf("pip install -r %s: dockopt cannot tell which file of the build context that is (it is not at that path under %s); the generic improvements were applied instead", r, a.workdir)
			return
		}
		// a requirements file elsewhere (requirements/prod.txt) named by pip install -r
		hasReq = true
		if !slices.Contains(reqs, r) {
			reqs = append(reqs, r)
		}
	}
	for _, lock := range pkgmgr.Lockfiles("python") {
		if ctx.Exists(lock) && !hasReq {
			a.declined = fmt.Sprintf("%s found: dockopt's Python recipe, which writes the whole file anew, installs requirements*.txt with pip, not %s; the file's own install steps were kept, and the passes that work on them were applied instead", lock, lock)
			return
		}
	}
	if a.pmInstall != "" {
		// the lockfile may be anywhere the RUN reads it from (COPY ./app /app, then poetry
		// install in /app): the install itself says whose project it is
		a.declined = fmt.Sprintf("`%s` in RUN: dockopt's Python recipe, which writes the whole file anew, installs requirements*.txt with pip, not with %s; the file's own install steps were kept, and the passes that work on them were applied instead", a.pmInstall, strings.Fields(a.pmInstall)[0])
		return
	}
	switch {
	case hasReq || ctx.Exists("pyproject.toml"):
		a.python = fmt.Sprintf("base image %s, `pip install` in RUN, and %s in the build context", st.BaseImage, strings.Join(filterPrefix(reqs, "requirements", "pyproject"), ", "))
	case len(a.pipPackages) > 0:
		// pip install flask gunicorn, with no requirements file: the packages as named
		a.python = fmt.Sprintf("base image %s, and `pip install %s` in RUN (no requirements file)", st.BaseImage, strings.Join(a.pipPackages, " "))
	}
}

// readNode reads an npm build's lockfile and start command from the build context, and
// whether the Node recipe can rewrite the file (a.node) or declines, and why (a.declined).
func (a *analysis) readNode(st *dockerfile.Stage, ctx *buildctx.Context) {
	for _, l := range buildctx.Lockfiles() {
		if ctx.Exists(l) {
			a.lockfile = l
			break
		}
	}
	if a.lockfile != "package-lock.json" && a.lockfile != "npm-shrinkwrap.json" {
		if a.lockfile == "" {
			a.declined = "package.json without a lockfile: a reproducible `npm ci` build needs package-lock.json; the generic improvements were applied instead"
		} else {
			a.declined = fmt.Sprintf("%s found: a %s project. dockopt's Node recipe writes npm builds (npm ci) only, so the planner's passes improve the file as written instead: the build moves to its own stage when it leaves something behind (a toolchain image, %s installed for the build, -dev packages), dependencies are installed before the code, a non-root user", a.lockfile, lockfileManager(a.lockfile), lockfileManager(a.lockfile))
		}
		return
	}
	a.node = fmt.Sprintf("base image %s, npm in RUN, package.json and %s in the build context", st.BaseImage, a.lockfile)
	a.nodeStart = nodeStartCommand(ctx)
}

// lockfileManager names the Node package manager that writes a lockfile (pkgmgr's data).
func lockfileManager(lock string) string {
	for _, m := range pkgmgr.Managers() {
		if slices.Contains(m.Lockfiles, lock) {
			return m.ID
		}
	}
	return "Node"
}

func filterPrefix(xs []string, prefixes ...string) []string {
	var out []string
	for _, x := range xs {
		for _, p := range prefixes {
			if strings.HasPrefix(x, p) {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// runsManager reports whether a command runs one of the package managers (by pkgmgr ID).
func runsManager(c *dockerfile.Command, ids ...string) bool {
	call := pkgmgr.ParseCommand(c)
	return call != nil && call.Is(ids...)
}

// runReferencedPaths are context entries that RUN commands name (e.g. `pytest tests`), which
// the .dockerignore must not exclude.
func runReferencedPaths(f *dockerfile.File, ctx *buildctx.Context) []string {
	var out []string
	for _, in := range f.Instructions {
		if in.Script == nil {
			continue
		}
		for _, c := range in.Script.Commands {
			for _, a := range append([]string{c.Name}, c.Args...) {
				a = strings.TrimPrefix(strings.TrimPrefix(a, "./"), "/app/")
				a = strings.TrimSuffix(a, "/")
				if a != "" && !strings.HasPrefix(a, "-") && ctx.Exists(a) {
					out = append(out, a)
				}
			}
		}
	}
	return out
}

// image joins a repository and tag as written in the original (keeping ${VAR} references).
func (a *analysis) image(tag string) string {
	if tag == "" {
		return a.rawRepo
	}
	return a.rawRepo + ":" + tag
}

// splitImage splits "python:3.11-slim" into ("python", "3.11-slim"), the name as written;
// a digest is dropped.
func splitImage(ref string) (repo, tag string) {
	r := dockerfile.ParseImageRef(ref)
	return r.Name, r.Tag
}

// execForm returns a CMD/ENTRYPOINT as an argument list. A shell-form command is split into
// words when that runs the same thing (dockerfile.ExecForm); otherwise it is kept under
// `sh -c` and shellish is true.
// brokenCommand is the CMD or ENTRYPOINT of the stage that ships (or the stages it is built
// on) that was meant as an exec-form array but is not valid JSON (the parser's
// InvalidExecForm, DO510's finding); nil when there is none.
func brokenCommand(f *dockerfile.File, st *dockerfile.Stage) *dockerfile.Instruction {
	for _, s := range f.StageChain(st) {
		for _, in := range s.Instructions {
			if (in.Cmd == "cmd" || in.Cmd == "entrypoint") && in.InvalidExecForm != nil {
				return in
			}
		}
	}
	return nil
}

func execForm(in *dockerfile.Instruction) (args []string, shellish bool) {
	if in.JSON {
		return append([]string(nil), in.Args...), false
	}
	if len(in.Args) == 0 {
		return nil, false
	}
	line := in.Args[0]
	if args, ok := dockerfile.ExecForm(line); ok {
		return args, false
	}
	return []string{"/bin/sh", "-c", line}, true
}

// portFromCommand finds --port N, --bind/-b host:N or PORT in a server command line.
func portFromCommand(args []string) int {
	for i, a := range args {
		var n int
		switch {
		case (a == "--port" || a == "-p") && i+1 < len(args):
			fmt.Sscanf(args[i+1], "%d", &n)
		case strings.HasPrefix(a, "--port="):
			fmt.Sscanf(a[len("--port="):], "%d", &n)
		case (a == "--bind" || a == "-b") && i+1 < len(args):
			if j := strings.LastIndex(args[i+1], ":"); j >= 0 {
				fmt.Sscanf(args[i+1][j+1:], "%d", &n)
			}
		case a == "runserver" && i > 0 && strings.HasSuffix(args[i-1], "manage.py"):
			// Django's `manage.py runserver [addrport]`: "8000", "0.0.0.0:8000", "[::]:8000"
			// (https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver)
			for j := i + 1; j < len(args); j++ {
				switch w := args[j]; {
				case w == "--settings" || w == "--pythonpath" || w == "-v" || w == "--verbosity":
					j++ // the option's value
				case !strings.HasPrefix(w, "-"):
					fmt.Sscanf(w[strings.LastIndex(w, ":")+1:], "%d", &n)
					j = len(args)
				}
			}
		}
		if n > 0 {
			return n
		}
	}
	return 0
}

// goValueFlags are go build flags that take a separate value (cmd/go's build flags).
var goValueFlags = map[string]bool{"-o": true, "-ldflags": true, "-tags": true, "-gcflags": true, "-asmflags": true,
	"-gccgoflags": true, "-mod": true, "-modfile": true, "-pkgdir": true, "-buildmode": true, "-compiler": true,
	"-installsuffix": true, "-p": true, "-overlay": true, "-pgo": true, "-buildvcs": true, "-C": true, "-toolexec": true}

// goBuildFlags keeps the flags of an original `go build` command, without -o (the recipe
// names its output) and -trimpath (the recipe adds it); -ldflags is kept as "-ldflags=VALUE".
func goBuildFlags(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "build" {
			continue
		}
		name, val, hasVal := strings.Cut(a, "=")
		name = "-" + strings.TrimLeft(name, "-")
		if !hasVal && goValueFlags[name] && i+1 < len(args) {
			val, hasVal = args[i+1], true
			i++
		}
		switch name {
		case "-o", "-trimpath":
			continue
		}
		if hasVal {
			out = append(out, name+"="+val)
		} else {
			out = append(out, name)
		}
	}
	return out
}
