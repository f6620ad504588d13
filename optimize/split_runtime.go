package optimize

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// planRuntime decides the runtime stage for a split of stage st, from the toolchain image it
// is built on: nil when st is not built on one dockopt knows how to split (why then says what
// was not done, or is "" when there is nothing to say).
func planRuntime(p *plan, st *dockerfile.Stage) (*runtimePlan, string) {
	root := p.f.RootImage(st)
	repo, tag := splitImage(root)
	switch path.Base(repo) {
	case "golang":
		return goRuntime(p, st)
	case "node":
		if rt, why, ok := frontendRuntime(p, st, repo, tag); ok {
			return rt, why
		}
		return nodeRuntime(p, st, repo, tag)
	case "rust":
		return rustRuntime(p, st, tag)
	case "eclipse-temurin", "maven", "gradle", "openjdk", "amazoncorretto":
		return javaRuntime(p, st, path.Base(repo), tag)
	case "python":
		if dockerfile.IsSmallVariantTag(tag) {
			return nil, ""
		}
		return pythonRuntime(p, st, repo, tag)
	}
	return nil, ""
}

// goBuildEnv are the Go toolchain's environment variables (https://pkg.go.dev/cmd/go#hdr-Environment_variables):
// a compiled program does not read them.
var goBuildEnv = []string{"CGO_ENABLED", "GOPATH", "GOCACHE", "GOMODCACHE", "GOFLAGS", "GOOS", "GOARCH", "GOAMD64", "GOARM",
	"GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB", "GOINSECURE", "GO111MODULE", "GOTOOLCHAIN", "GOEXPERIMENT", "CGO_CFLAGS", "CGO_LDFLAGS"}

// goRuntime: the binary that CMD/ENTRYPOINT runs, built by `go build -o` in the stage's chain.
func goRuntime(p *plan, st *dockerfile.Stage) (*runtimePlan, string) {
	wd := p.f.WorkdirEnd(st)
	prog := stageProgram(p.f, st)
	if prog == "" || prog == "go" || wd == "" {
		return nil, ""
	}
	// A name without a slash is looked up in PATH, never in the working directory
	// (https://docs.docker.com/reference/dockerfile/#entrypoint: exec form runs the executable
	// as execve does after a PATH lookup).
	dirs := []string{}
	if !strings.Contains(prog, "/") {
		dirs = stagePathDirs(p, st)
	} else {
		prog = cleanAbs(prog, wd)
	}
	var build *dockerfile.Instruction
	cgoOff := false
	for sc := range pkgmgr.ChainCalls(p.f, st) {
		if !sc.Is("go") || sc.Sub != "build" {
			continue
		}
		out, ok := sc.Value("-o")
		if !ok {
			continue
		}
		out = cleanAbs(out, p.f.WorkdirAt(sc.In))
		if len(dirs) > 0 && path.Base(out) == prog && slices.Contains(dirs, path.Dir(out)) {
			prog = out
		} else if out != prog {
			continue
		}
		build = sc.In
		cgoOff = p.f.Vars(sc.In)["CGO_ENABLED"] == "0" || slices.Contains(sc.Command.Assigns, "CGO_ENABLED=0")
	}
	if build == nil {
		if in, installed := goInstalledByCopy(p, st, prog, dirs); in != nil {
			build, prog = in, installed
			cgoOff = p.f.Vars(in)["CGO_ENABLED"] == "0"
			p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("%s runs %s, which line %d builds with make and copies into place: dockopt takes it for the Go program and copies only it into the runtime stage", stageLabel(st), prog, in.StartLine))
		}
	}
	if build == nil {
		if len(dirs) > 0 {
			prog = cleanAbs(prog, wd)
		}
		return nil, fmt.Sprintf("%s is built on %s and runs %s, which no `go build -o` of the Dockerfile writes: the build was not moved to its own stage", stageLabel(st), p.f.RootImage(st), prog)
	}
	rt := &runtimePlan{copies: [][2]string{{prog, prog}}, what: "the binary " + prog, buildEnv: goBuildEnv, stack: "Go"}
	if cgoOff {
		rt.base = "scratch"
		rt.copies = append(rt.copies, [2]string{"/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/certs/ca-certificates.crt"})
		rt.what += " and the CA certificates"
		rt.why = "It is built with CGO_ENABLED=0: a static binary needs no C library, so the image holds nothing else."
	} else {
		goLibcSplit(p, st, rt)
	}
	if len(p.opt.Platforms) > 0 {
		p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("%s's build is the original's: it was not made to cross-compile for %s (its go build sets no GOOS/GOARCH from $TARGETOS/$TARGETARCH), so each platform builds on its own golang image (on a builder of another platform, under emulation)", stageLabel(st), strings.Join(p.opt.Platforms, ", ")))
	}
	for _, r := range p.a.refs.Read {
		dst := path.Join(wd, r)
		rt.copies = append(rt.copies, [2]string{dst, dst})
		rt.what += ", " + r
	}
	return rt, ""
}

// goLibcSplit makes rt the runtime of a binary that may link the C library (cgo not disabled):
// the slim image of the build image's C library and release (goLibcRuntime), the build
// pinned to a Debian release where its tag names none, and why, with what needs cgo.
func goLibcSplit(p *plan, st *dockerfile.Stage, rt *runtimePlan) {
	root := p.f.RootStage(st)
	_, tag := splitImage(root.BaseName)
	base, pinned, why := goLibcRuntime(tag)
	rt.base = base
	rt.copies = append(rt.copies, [2]string{"/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/certs/ca-certificates.crt"})
	rt.what += " and the CA certificates"
	cgo := detectCgo(p.ctx, "")
	if cgo.needed() {
		rt.why = "The program needs cgo (" + strings.Join(cgo.reasons, "; ") + "): "
	} else {
		rt.why = "cgo is not disabled (no CGO_ENABLED=0), so the binary may link the C library (the net and os/user packages do when cgo is on): "
	}
	if pinned != "" {
		repo, _ := splitImage(root.BaseName)
		img := repo + ":" + pinned
		from := p.f.Source[root.From.StartOffset:root.From.EndOffset]
		i := strings.Index(string(from), root.BaseName)
		if strings.Contains(root.BaseName, "$") || i < 0 {
			why = "debian:bookworm-slim has the glibc of the golang image's bookworm variant; a golang tag without a Debian release follows the image's default release, so build on the -bookworm variant if the binary does not start."
		} else {
			rt.buildEdits = append(rt.buildEdits, rule.TextEdit{Start: root.From.StartOffset + i, End: root.From.StartOffset + i + len(root.BaseName), New: img})
		}
	}
	rt.why += why
}

// nodeRuntime: the working directory as built (source and node_modules), on node's slim
// variant of the same version, with the distribution packages the stage installed for run
// time and the setup commands it ran before copying the code (users, links). A stage already
// on the slim variant is split when its build leaves something behind: a package manager
// installed for the build (npm i -g pnpm, corepack), -dev packages, or devDependencies the
// command does not need (prodPrune).
func nodeRuntime(p *plan, st *dockerfile.Stage, repo, tag string) (*runtimePlan, string) {
	wd := p.f.WorkdirEnd(st)
	if wd == "" || wd == "/" {
		return nil, fmt.Sprintf("%s runs on %s without a WORKDIR: dockopt cannot tell which files the service needs, so the build was not moved to its own stage", stageLabel(st), p.f.RootImage(st))
	}
	onSlim := dockerfile.IsSmallVariantTag(tag)
	base := ""
	if onSlim {
		base = p.f.RootStage(st).BaseName
	} else if slim, ok := dockerfile.SlimVariantTag(tag); ok {
		base = repo + ":" + slim
	} else {
		return nil, ""
	}
	if why := yarnPnP(p, st); why != "" {
		return nil, why
	}
	setup, setupWhy := readNodeSetup(p, st)
	dropped := setup.managerIDs(stagePackage(p.f, p.ctx, st))
	pkgs, extra, why, ok := scanNodeChain(p, st, wd)
	if !ok {
		return nil, why
	}
	build, runtime, unknown := splitPackages(pkgs)
	prune, pruneSrc, pruneNote, pruneManager := prodPrune(p, st, wd)
	// on slim, the devDependencies alone are a reason to split only when package.json has some
	prunes := prune != "" && len(stagePackage(p.f, p.ctx, st).devDeps()) > 0
	if onSlim && len(dropped) == 0 && !hasBuildOnly(build, runtime) && !prunes {
		if pruneNote != "" {
			p.res.Notes = appendOnce(p.res.Notes, pruneNote)
		}
		return nil, ""
	}
	if setupWhy != "" {
		return nil, fmt.Sprintf("%s: %s; the runtime stage would have to repeat it, so the build was not moved to its own stage", stageLabel(st), setupWhy)
	}
	if len(unknown) > 0 {
		return nil, fmt.Sprintf("%s installs %s, whose run-time libraries dockopt does not know: the build was not moved to its own stage", stageLabel(st), strings.Join(unknown, ", "))
	}
	rt := &runtimePlan{base: base, onSlim: onSlim}
	if len(runtime) > 0 {
		rt.setup = append(rt.setup, runtimeAptRun(p.opt, runtime))
	}
	if len(setup.commands) > 0 {
		rt.setup = append(rt.setup, "RUN "+strings.Join(setup.commands, " \\\n && "))
		rt.argsFirst = true
		rt.users = setup.users
	}
	if len(dropped) > 0 {
		if why := nodeCommandWithout(p, st, rt, setup, dropped, wd); why != "" {
			return nil, why
		}
	}
	rt.nodeCopies(p, st, wd, extra)
	prune, pruneSrc = rt.workspaceSplit(p, st, wd, prune, pruneManager, pruneSrc)
	if run, src, note := prune, pruneSrc, pruneNote; run != "" {
		rt.prune = run
		rt.what = strings.Replace(rt.what, "node_modules as installed", "node_modules without the devDependencies", 1)
		rt.what = strings.Replace(rt.what, "(source and node_modules)", "(source and node_modules), without the devDependencies", 1)
		rt.changes = append(rt.changes, Change{
			Title:  "The runtime gets the production dependencies only",
			Why:    fmt.Sprintf("the build installs the devDependencies too (an install that adds packages installs them whatever NODE_ENV says), and the command needs none of them: a stage after the build runs `%s` (%s), and the runtime copies from it. The build stage keeps them for the build and the stages built on it.", strings.TrimPrefix(run, "RUN "), src.URL),
			Before: "(node_modules as installed)", After: run,
		})
	} else if note != "" {
		p.res.Notes = appendOnce(p.res.Notes, note)
	}
	rt.why = nodeRuntimeWhy(rt.base, onSlim, dropped, buildOnly(build, runtime), prunes, len(setup.commands) > 0)
	edits, ch, note := pinManager(p, st, setup)
	rt.buildEdits = append(rt.buildEdits, edits...)
	if ch != nil {
		rt.changes = append(rt.changes, *ch)
	}
	if note != "" {
		p.res.Notes = appendOnce(p.res.Notes, note)
	}
	return rt, ""
}

// scanNodeChain reads the stage's chain for the Debian packages it installs and the
// directories outside wd it copies to; ok is false (with why, "" for no note) when the build
// cannot move: a global Node package the command runs, or a COPY destination it cannot expand.
func scanNodeChain(p *plan, st *dockerfile.Stage, wd string) (pkgs []string, extra map[string]bool, why string, ok bool) {
	cmd := stageCommand(p.f, st)
	extra = map[string]bool{}
	for _, s := range p.f.StageChain(st) {
		for _, in := range s.Instructions {
			switch in.Cmd {
			case "run":
				if in.Script == nil {
					continue
				}
				for _, c := range in.Script.Commands {
					call := pkgmgr.ParseCommand(c)
					if _, _, ok := call.GlobalManagerInstall(); ok {
						continue
					}
					if call != nil && call.Manager.Ecosystem == "node" && (call.Has("-g", "--global") || call.Sub == "global add") && runsGlobal(cmd, call.Operands) {
						return nil, nil, fmt.Sprintf("%s runs a Node package it installs globally (%s): dockopt does not yet carry global packages into a slim runtime, so the build was not moved to its own stage", stageLabel(st), strings.Join(c.Args, " ")), false
					}
				}
			case "copy", "add":
				if len(in.Args) < 2 {
					continue
				}
				dst, ok := p.f.Expand(in, in.Args[len(in.Args)-1])
				if !ok {
					return nil, nil, "", false
				}
				dst = cleanAbs(dst, p.f.WorkdirAt(in))
				if dst != wd && !strings.HasPrefix(dst, wd+"/") {
					extra[dst] = true
				}
			}
		}
		pkgs = append(pkgs, pkgmgr.Installed(p.f, s)...)
	}
	return pkgs, extra, "", true
}

// nodeRuntimeWhy is the reason the runtime plan gives: what a slim runtime leaves behind,
// or what the slim image is.
func nodeRuntimeWhy(base string, onSlim bool, dropped, buildOnlyPkgs []string, prunes, setup bool) string {
	var why string
	if onSlim {
		why = fmt.Sprintf("The runtime starts again from %s without what only the build needs", base)
		var left []string
		if len(dropped) > 0 {
			left = append(left, strings.Join(dropped, ", ")+" (installed to install the dependencies)")
		}
		if len(buildOnlyPkgs) > 0 {
			left = append(left, strings.Join(buildOnlyPkgs, ", "))
		}
		if prunes {
			left = append(left, "the devDependencies")
		}
		why += ": " + strings.Join(left, "; ") + "."
	} else {
		why = fmt.Sprintf("%s is the same Node.js on Debian without compilers and headers; node_modules is copied as the build installed it (native modules built there run on the same Debian).", base)
	}
	if setup {
		why += " The setup commands the build ran before copying the code (users, links, permissions) run again in the runtime stage, without the package installs."
	}
	return why
}

// nodeCommandWithout makes the runtime's command run without the package managers the
// runtime leaves out; why says why it cannot.
func nodeCommandWithout(p *plan, st *dockerfile.Stage, rt *runtimePlan, setup nodeSetup, dropped []string, wd string) string {
	ep, cmdIn := p.f.CommandsAt(st)
	words := stageCommand(p.f, st)
	if words == nil {
		if ep == nil && cmdIn == nil {
			return ""
		}
		return fmt.Sprintf("%s installs %s for the build, and its command is shell code dockopt cannot read: the build was not moved to its own stage", stageLabel(st), strings.Join(dropped, ", "))
	}
	out, how, ok := withoutManager(p, st, words, dropped, wd)
	if !ok {
		return fmt.Sprintf("%s runs `%s`, which needs %s, installed for the build (%s): the build was not moved to its own stage", stageLabel(st), commandText(words), strings.Join(dropped, ", "), how)
	}
	if slices.Equal(out, words) {
		return ""
	}
	if ep != nil {
		return fmt.Sprintf("%s runs `%s` through an ENTRYPOINT, which needs %s, installed for the build: the build was not moved to its own stage", stageLabel(st), commandText(words), strings.Join(dropped, ", "))
	}
	rt.command = out
	rt.changes = append(rt.changes, Change{
		Title:  fmt.Sprintf("The container starts `%s` without %s", shortCommand(out), strings.Join(dropped, ", ")),
		Why:    fmt.Sprintf("%s is a build tool here, left in the build stage; %s, so the runtime runs that directly.", strings.Join(dropped, ", "), how),
		Before: strings.TrimSpace(text(p.f, cmdIn)),
		After:  "CMD " + jsonArray(out),
	})
	return ""
}

// hasBuildOnly reports whether some installed packages are for the build only.
func hasBuildOnly(build, runtime []string) bool { return len(buildOnly(build, runtime)) > 0 }

// buildOnly are the packages of build that the runtime does not get.
func buildOnly(build, runtime []string) []string {
	var out []string
	for _, b := range build {
		if !slices.Contains(runtime, b) {
			out = append(out, b)
		}
	}
	return out
}

// runsGlobal reports whether a command line runs one of the globally installed packages
// (pnpm@9 counts as pnpm); a command that cannot be read counts as running them.
func runsGlobal(cmd, pkgs []string) bool {
	if len(cmd) == 0 {
		return true
	}
	idx, _ := pkgmgr.ProgramIndex(cmd)
	if idx < 0 {
		return true
	}
	prog := pkgmgr.ProgramBase(cmd[idx])
	for _, p := range pkgs {
		name := p
		if i := strings.LastIndex(name, "@"); i > 0 {
			name = name[:i]
		}
		if path.Base(name) == prog {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// housekeeping are commands a dependency-install RUN may run besides the package managers:
// they leave nothing the runtime needs.
var housekeeping = map[string]bool{"rm": true, "mkdir": true, "ln": true, "chown": true, "chmod": true, "echo": true,
	"true": true, "set": true, "corepack": true, "touch": true, "printf": true}

// recopy returns the COPY and ADD instructions of stage st and the stages it is built FROM,
// in order, with absolute destinations, when everything else those stages do is installing
// dependencies in the working directory wd (so node_modules is the only thing the build adds
// there): the runtime stage can then copy node_modules from the build and the files again.
// ok is false when a RUN does anything else (a build step), an install runs in another
// directory, or a COPY cannot be written again exactly.
func recopy(p *plan, st *dockerfile.Stage, wd string) ([]string, bool) {
	var lines []string
	installs := 0
	for _, s := range p.f.BuildOrder(st) {
		for _, in := range s.Instructions[1:] {
			switch in.Cmd {
			case "run":
				if in.Script == nil || in.Script.Err != nil {
					return nil, false
				}
				for _, c := range in.Script.Commands {
					call := pkgmgr.ParseCommand(c)
					switch {
					case call != nil && call.Manager.Ecosystem == "node" && call.Action == pkgmgr.Install && len(call.Operands) == 0 && !call.Has("-g", "--global"):
						if p.f.WorkdirAt(in) != wd {
							return nil, false
						}
						installs++
					case call != nil && call.Is(pkgmgr.OSManagers...):
					case call != nil && call.Manager.Ecosystem == "node" && (call.Has("-g", "--global") || call.Sub == "global add"):
					case call != nil && call.Manager.Ecosystem == "node" && call.Action == pkgmgr.Clean:
						// a cache cleanup (`yarn cache clean`, which the cache pass may have
						// added to the install) leaves nothing in the working directory
					case housekeeping[c.Name]:
					default:
						return nil, false
					}
				}
			case "copy", "add":
				line, ok := absoluteCopy(p, in)
				if !ok {
					return nil, false
				}
				lines = append(lines, line)
			}
		}
	}
	return lines, installs > 0
}

// absoluteCopy writes a COPY or ADD again with its destination made absolute (the runtime
// stage has only the final WORKDIR); false when a word holds a variable, a space or a quote.
func absoluteCopy(p *plan, in *dockerfile.Instruction) (string, bool) {
	if len(in.Args) < 2 || len(in.Heredocs) > 0 {
		return "", false
	}
	for _, a := range in.Args {
		if strings.ContainsAny(a, "$ \t\"'") {
			return "", false
		}
	}
	for _, fl := range in.Flags {
		if strings.ContainsAny(fl.Value, "$ ") {
			return "", false
		}
	}
	dest := in.Args[len(in.Args)-1]
	abs := cleanAbs(dest, p.f.WorkdirAt(in))
	if strings.HasSuffix(dest, "/") || dest == "." || len(in.Args) > 2 {
		abs = strings.TrimSuffix(abs, "/") + "/"
	}
	return strings.ToUpper(in.Cmd) + " " + flagText(in) + strings.Join(in.Args[:len(in.Args)-1], " ") + " " + abs, true
}

// nodeCopies sets what the Node runtime copies from the build: node_modules then the
// stage's COPY instructions again when they can be repeated (the build then may run on
// $BUILDPLATFORM when no module is platform-specific), else the working directory as built
// and the other directories the stage copied to.
func (rt *runtimePlan) nodeCopies(p *plan, st *dockerfile.Stage, wd string, extra map[string]bool) {
	if lines, ok := recopy(p, st, wd); ok {
		// node_modules first, then the COPY instructions again: a code change rebuilds only
		// the code's layers, as in the original
		rt.copies = [][2]string{{wd + "/node_modules", wd + "/node_modules"}}
		rt.contextCopies = lines
		rt.what = wd + "/node_modules as installed, then the files the stage copied, copied again in the same order"
		if lock := pureInstall(p, st, wd); lock != "" {
			rt.portable = fmt.Sprintf("the build stage only installs the dependencies, and %s names no module with an install script (which node-gyp builds get, %s) or os/cpu fields (%s), so node_modules, all the runtime receives from it, is the same files on every platform; the runtime copies the build context's files itself", lock, pkgmgr.NodeGypDefaultSource.URL, pkgmgr.NpmPlatformSource.URL)
		}
	} else {
		rt.copies = [][2]string{{wd, wd}}
		rt.what = wd + " as built (source and node_modules)"
		for _, d := range sortedKeys(extra) {
			rt.copies = append(rt.copies, [2]string{d, d})
			rt.what += ", " + d
		}
	}
}
