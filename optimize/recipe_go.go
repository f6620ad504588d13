package optimize

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

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
// is goRuntimeWorkdir's (kept also when the program asks for it with os.Getwd and reads no
// file).
func goReadFiles(w *writer, f *dockerfile.File, ctx *buildctx.Context, a *analysis, res *Result, runtime, bin string) {
	read := outermost(a.refs.Read)
	wd := goRuntimeWorkdir(a, bin)
	if n := goUnnamedDataNote(f, ctx, a, runtime, wd); n != "" {
		res.Notes = append(res.Notes, n)
	}
	orig := originalWorkdir(f)
	keep := orig != "" && orig != bin && goUsesWorkdir(ctx)
	if len(read) == 0 && !keep {
		return
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

// goRuntimeWorkdir is the runtime's working directory for the files the program reads: the
// original's WORKDIR, else /srv; /srv too when the binary itself is at that path (a Go build
// with no absolute output goes to /app, a common WORKDIR).
func goRuntimeWorkdir(a *analysis, bin string) string {
	if a.workdir == "" || a.workdir == bin {
		return "/srv"
	}
	return a.workdir
}

// goHealthcheck writes a HEALTHCHECK that runs the binary's own probe flag, or notes why
// there is none.
func goHealthcheck(w *writer, ctx *buildctx.Context, a *analysis, res *Result, g *goBuild, bin string) {
	flag := goProbeFlag(ctx)
	switch {
	case flag == "":
		res.Notes = append(res.Notes, "no HEALTHCHECK: the runtime image is FROM "+g.runtime+" ("+g.noProbe+") and the program offers no probe flag (e.g. -healthcheck) that dockopt could find in its source")
	case a.port == 0:
		res.Notes = append(res.Notes, "no HEALTHCHECK: the program has a "+flag+" probe flag, but the service exposes no port dockopt could find")
	case a.portHint:
		// the port is the compose file's: the note on it says no HEALTHCHECK probes it
	default:
		hc := healthcheckLine([]string{bin, flag})
		w.line("%s", hc)
		res.Healthcheck, res.Port = hc, a.port
		res.Changes = append(res.Changes, Change{Title: "A HEALTHCHECK with the program's own probe", Why: g.runtime + " has no curl; the binary's " + flag + " flag probes the service itself.", Rules: []string{"DO401"}, Before: "(none)", After: hc})
	}
}

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

// baseImageOf is the original's base image as written.
func baseImageOf(a *analysis) string { return a.image(a.rawTag) }
