package optimize

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// distrolessUID is the nonroot user of the distroless images (uid and gid 65532, home
// /home/nonroot: GoogleContainerTools/distroless common/variables.bzl and common/BUILD.bazel).
const distrolessUID = "65532:65532"

// distrolessProvided are Debian packages whose files every distroless Debian 12 image has
// (base/base.bzl: ca-certificates, tzdata, netbase, the C library): an apt install of them is
// dropped, not resolved.
var distrolessProvided = []string{"ca-certificates", "tzdata", "netbase", "libc6"}

// distroless is the distroless image a stage moves to.
type distroless struct {
	// image is the reference written in FROM (the :nonroot tag), flavor its short name.
	image, flavor string
	// entrypoint is the image's own ENTRYPOINT ("" for static and base).
	entrypoint string
	// node is the interpreter's path when the image is nodejs ("" otherwise).
	node string
	// python: the image is python3 (Debian 12's Python 3.11 at /usr/bin/python3.11).
	python bool
}

// distrolessFor returns the distroless image that runs what stage st's base image runs, or
// why there is none. Sources: GoogleContainerTools/distroless README (the Debian 12 images),
// python3/python.bzl (Python 3.11, ENTRYPOINT /usr/bin/python3.11), nodejs/BUILD (Node.js 20,
// 22 and 24, ENTRYPOINT /nodejs/bin/node).
func distrolessFor(st *dockerfile.Stage) (*distroless, string) {
	if st.BaseName == "scratch" {
		return &distroless{image: "gcr.io/distroless/static-debian12:nonroot", flavor: "static"}, ""
	}
	ref := dockerfile.ParseImageRef(st.BaseImage)
	repo, tag := path.Base(ref.Name), ref.Tag
	if st.BaseImage == "" || ref.Name == "" {
		return nil, "its base image " + st.BaseName + " is not resolved"
	}
	if !dockerfile.IsDebianTag(tag) || strings.Contains(tag, "bullseye") || strings.Contains(tag, "buster") || strings.Contains(tag, "trixie") {
		return nil, fmt.Sprintf("its base image %s is not Debian 12, the release the distroless images are built from", st.BaseImage)
	}
	switch repo {
	case "python":
		if tag != "3.11" && !strings.HasPrefix(tag, "3.11-") && !strings.HasPrefix(tag, "3.11.") {
			return nil, fmt.Sprintf("it runs Python %s, and gcr.io/distroless/python3-debian12 has Python 3.11 (Debian 12's): packages installed for another minor version do not load there", strings.SplitN(tag, "-", 2)[0])
		}
		return &distroless{image: "gcr.io/distroless/python3-debian12:nonroot", flavor: "python3", entrypoint: "/usr/bin/python3.11", python: true}, ""
	case "node":
		major, _, _ := strings.Cut(strings.SplitN(tag, "-", 2)[0], ".")
		if !slices.Contains([]string{"20", "22", "24"}, major) {
			return nil, fmt.Sprintf("it runs Node.js %s, and the distroless Debian 12 images have Node.js 20, 22 and 24", major)
		}
		return &distroless{image: "gcr.io/distroless/nodejs" + major + "-debian12:nonroot", flavor: "nodejs" + major, entrypoint: "/nodejs/bin/node", node: "/nodejs/bin/node"}, ""
	case "debian":
		return &distroless{image: "gcr.io/distroless/base-debian12:nonroot", flavor: "base"}, ""
	}
	return nil, "dockopt knows no distroless image for its base image " + st.BaseImage
}

// runtimeDistroless moves the stage that ships onto the distroless image that runs the same
// thing (distrolessFor): no shell and no package manager there, so every instruction of the
// stage must work without them, or nothing changes and a note says why. It:
//   - drops the RUNs that create a user (the image has nonroot, 65532) and writes USER 65532:65532,
//     with files given to the old user given to it;
//   - replaces apt's installs of shared libraries by a COPY of those libraries from the build
//     stage, with every library they need (libraryClosure, ELF DT_NEEDED) that the image lacks;
//   - for Python, copies the virtualenv through a stage that points its interpreter at the
//     image's /usr/bin/python3.11 (pyvenv.cfg's home and the bin/python links);
//   - keeps CMD and ENTRYPOINT in exec form, resets the image's own ENTRYPOINT when the stage has
//     only a CMD, and names node by its path (/nodejs/bin/node is not on PATH); the HEALTHCHECK
//     likewise (the health pass repairs one that needs a shell).
func runtimeDistroless(p *plan) {
	st := p.stage()
	keep := func(why string) {
		p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("--runtime distroless: %s stays on %s: %s", stageLabel(st), st.BaseName, why))
	}
	if strings.HasPrefix(dockerfile.ParseImageRef(st.BaseImage).Name, "gcr.io/distroless/") {
		return // already there (optimizing the output again changes nothing)
	}
	d, why := distrolessFor(st)
	if d == nil {
		keep(why)
		return
	}
	rw := &distrolessRewrite{p: p, st: st, d: d}
	if why := rw.plan(); why != "" {
		keep(why)
		return
	}
	if !p.apply(rw.edits...) {
		keep(fmt.Sprintf("the rewrite did not apply cleanly (a bug: please report it): %v", p.applyErr))
		return
	}
	rw.report()
	if hc := effectiveHealthcheck(p.f, p.stage()); hc != nil {
		p.res.Healthcheck = strings.TrimSpace(hc.Text(p.f))
	}
	if cmd := stageCommand(p.f, p.stage()); cmd != nil {
		p.res.Command = cmd
	}
}

// distrolessRewrite collects the edits of one stage's move to a distroless image.
type distrolessRewrite struct {
	p     *plan
	st    *dockerfile.Stage
	d     *distroless
	edits []rule.TextEdit
	// before is written before the stage (the virtualenv's stage)
	before string
	// what was done, for the report
	dropped, libs  []string
	venv, venvName string
	resetEntry     bool
	pkgs           []string
}

func (rw *distrolessRewrite) replace(in *dockerfile.Instruction, s string) {
	rw.edits = append(rw.edits, rule.TextEdit{Start: in.StartOffset, End: in.EndOffset, New: s})
}

func (rw *distrolessRewrite) drop(in *dockerfile.Instruction) {
	f := rw.p.f
	rw.edits = append(rw.edits, rule.TextEdit{Start: f.LineOffset(in.StartLine), End: f.LineOffset(in.EndLine + 1)})
	rw.dropped = append(rw.dropped, oneLine(text(f, in)))
}

// plan reads the stage and collects the edits; it returns why the stage cannot move ("" when
// it can).
func (rw *distrolessRewrite) plan() string {
	p, st, d := rw.p, rw.st, rw.d
	if st.From.Flags != nil {
		if _, ok := st.From.Flag("platform"); ok {
			return "its FROM names a --platform (dockopt writes distroless stages for the build's own platform only)"
		}
	}
	from := "FROM " + d.image
	if st.Name != "" {
		from += " AS " + st.Name
	}
	rw.replace(st.From, from)
	if why := rw.venvStage(); why != "" {
		return why
	}
	rw.introduce()
	ep, _ := p.f.CommandsAt(st)
	hasEntry := ep != nil && ep.Stage == st
	for _, in := range st.Instructions[1:] {
		if why := rw.instruction(in, hasEntry); why != "" {
			return why
		}
	}
	if _, cmd := p.f.CommandsAt(st); cmd == nil && !hasEntry && d.entrypoint != "" {
		return "it sets no command of its own, so the image's " + d.entrypoint + " would run instead"
	}
	return ""
}

// instruction plans one instruction of the stage.
func (rw *distrolessRewrite) instruction(in *dockerfile.Instruction, hasEntry bool) string {
	f := rw.p.f
	switch in.Cmd {
	case "run":
		return rw.run(in)
	case "shell":
		return "it sets a SHELL, and the image has none"
	case "onbuild":
		return "it has ONBUILD triggers, which may run shell commands in images built on it"
	case "user":
		if len(in.Args) > 0 && !dockerfile.IsRootUser(in.Args[0]) {
			rw.replace(in, "USER "+distrolessUID)
		}
	case "copy", "add":
		return rw.copy(in)
	case "cmd", "entrypoint":
		if !in.JSON {
			args, shellish := execForm(in)
			if shellish {
				return fmt.Sprintf("its %s `%s` needs a shell, which the image does not have", strings.ToUpper(in.Cmd), oneLine(text(f, in)))
			}
			in2 := *in
			in2.Args, in2.JSON = args, true
			in = &in2
		}
		args := in.Args
		if in.Cmd == "entrypoint" || !hasEntry {
			args = rw.command(in.Args)
		}
		if (in.Cmd == "entrypoint" || !hasEntry) && len(args) > 0 && (strings.HasSuffix(args[0], ".sh") || dockerfile.IsPOSIXShellName(args[0])) {
			return fmt.Sprintf("its %s runs %s, a shell or shell script, and the image has no shell", strings.ToUpper(in.Cmd), args[0])
		}
		if (in.Cmd == "entrypoint" || !hasEntry) && len(args) > 0 && (args[0] == "npm" || args[0] == "npx" || args[0] == "yarn" || args[0] == "pnpm") {
			return fmt.Sprintf("its %s runs %s, which the distroless Node.js image does not have (only node)", strings.ToUpper(in.Cmd), args[0])
		}
		line := strings.ToUpper(in.Cmd) + " " + jsonArray(args)
		if in.Cmd == "cmd" && !hasEntry && rw.d.entrypoint != "" {
			line = "ENTRYPOINT []" + f.Newline() + line
			rw.resetEntry = true
		}
		rw.replace(in, line)
	case "healthcheck":
		if rw.d.node != "" {
			t := text(f, in)
			if i := strings.Index(t, `["node",`); i >= 0 {
				rw.replace(in, t[:i]+`["`+rw.d.node+`",`+t[i+len(`["node",`):])
			}
		}
	}
	return ""
}

// command names node by its path in the nodejs image.
func (rw *distrolessRewrite) command(args []string) []string {
	out := append([]string(nil), args...)
	if rw.d.node != "" && len(out) > 0 && (out[0] == "node" || out[0] == "nodejs") {
		out[0] = rw.d.node
	}
	return out
}

// run plans a RUN: user creation is dropped, apt installs become library copies, anything
// else needs a shell.
func (rw *distrolessRewrite) run(in *dockerfile.Instruction) string {
	if in.Script == nil || in.Script.Err != nil || len(in.Heredocs) > 0 {
		return fmt.Sprintf("its `%s` needs a shell, which the image does not have", oneLine(text(rw.p.f, in)))
	}
	var pkgs []string
	users := false
	for _, c := range in.Script.Commands {
		call := pkgmgr.ParseCommand(c)
		switch {
		case call != nil && call.Is("apt") && call.Sub == "install":
			for _, pkg := range call.Packages() {
				pkgs = append(pkgs, pkg.Name)
			}
		case call != nil && call.Is("apt") && (call.Sub == "update" || call.Sub == "clean"):
		case c.Name == "rm" && slices.ContainsFunc(c.Args, func(a string) bool { return strings.HasPrefix(a, "/var/lib/apt/lists") }):
		case isCacheMountSetup(c, "apt"):
		case c.Is("groupadd", "useradd", "addgroup", "adduser"):
			users = true
		default:
			return fmt.Sprintf("its `%s` runs %s, which needs a shell the image does not have", oneLine(text(rw.p.f, in)), c.Name)
		}
	}
	if len(pkgs) == 0 {
		if users {
			rw.drop(in)
		}
		return ""
	}
	pkgs = slices.DeleteFunc(pkgs, func(s string) bool { return slices.Contains(distrolessProvided, s) })
	if len(pkgs) == 0 {
		rw.drop(in)
		return ""
	}
	return rw.libraries(in, pkgs)
}

// libraries replaces an apt install by COPYs of the packages' libraries and what they need.
func (rw *distrolessRewrite) libraries(in *dockerfile.Instruction, pkgs []string) string {
	p := rw.p
	from := rw.buildStage()
	if from == nil {
		return fmt.Sprintf("it installs %s with apt, and it copies from no build stage that could hold those libraries", strings.Join(pkgs, ", "))
	}
	builder := p.f.RootImage(from)
	if p.opt.Images == nil {
		return fmt.Sprintf("it installs %s with apt; dockopt finds those libraries, and the ones they need, by reading them in %s and %s through the container engine, and this run has none", strings.Join(pkgs, ", "), builder, rw.d.image)
	}
	libs, err := libraryClosure(p.opt.Images, builder, rw.d.image, pkgs)
	if err != nil {
		return fmt.Sprintf("it installs %s with apt, and their libraries cannot be copied: %v", strings.Join(pkgs, ", "), err)
	}
	rw.pkgs = append(rw.pkgs, pkgs...)
	if len(libs) == 0 {
		rw.drop(in)
		return ""
	}
	byDir := map[string][]string{}
	var dirs []string
	for _, l := range libs {
		d := path.Dir(l.path)
		if _, ok := byDir[d]; !ok {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], l.path)
		rw.libs = append(rw.libs, l.soname)
	}
	var lines []string
	for _, d := range dirs {
		lines = append(lines, fmt.Sprintf("COPY --from=%s %s %s/", stageRef(from), strings.Join(byDir[d], " "), d))
	}
	nl := p.f.Newline()
	rw.replace(in, "# the shared libraries apt installed here, and those they need (ELF DT_NEEDED) that the image lacks"+nl+strings.Join(lines, nl))
	return ""
}

// copy plans a COPY/ADD: files owned by a user are given to nonroot; the CA bundle a static
// image gets from the build is dropped (the image has Debian's).
func (rw *distrolessRewrite) copy(in *dockerfile.Instruction) string {
	t := text(rw.p.f, in)
	if len(in.Args) >= 2 && in.Args[len(in.Args)-1] == "/etc/ssl/certs/ca-certificates.crt" {
		rw.drop(in)
		return ""
	}
	if ch, ok := in.Flag("chown"); ok && !dockerfile.IsRootUser(ch) {
		t = strings.Replace(t, "--chown="+ch, "--chown="+distrolessUID, 1)
	}
	if from, ok := in.Flag("from"); ok && rw.venv != "" && len(in.Args) == 2 && path.Clean(in.Args[0]) == rw.venv && strings.EqualFold(from, rw.venvFrom().Name) {
		t = strings.Replace(t, "--from="+from, "--from="+rw.venvName, 1)
	}
	if t != text(rw.p.f, in) {
		rw.replace(in, t)
	}
	return ""
}

// buildStage is the stage the runtime stage copies from first (the builder), nil when none.
func (rw *distrolessRewrite) buildStage() *dockerfile.Stage {
	for _, in := range rw.st.Instructions {
		if in.Cmd != "copy" {
			continue
		}
		if from, ok := in.Flag("from"); ok {
			if s := rw.p.f.StageByName(from); s != nil {
				return s
			}
		}
	}
	return nil
}

func stageRef(s *dockerfile.Stage) string {
	if s.Name != "" {
		return s.Name
	}
	return fmt.Sprint(s.Index)
}

// venvFrom is the stage the virtualenv is copied from.
func (rw *distrolessRewrite) venvFrom() *dockerfile.Stage {
	for _, in := range rw.st.Instructions {
		if from, ok := in.Flag("from"); ok && in.Cmd == "copy" && len(in.Args) == 2 && path.Clean(in.Args[0]) == rw.venv {
			return rw.p.f.StageByName(from)
		}
	}
	return nil
}

// venvStage finds the virtualenv a Python stage copies from a build stage (one that a RUN of
// the file creates with `python -m venv DIR`) and writes the stage that points it at the
// image's interpreter, before the runtime stage. The packages were installed by the build's
// Python 3.11 (python.org's in the official image, Debian's in the stand-in): extension modules
// built for 3.11 load in any 3.11 (CPython keeps the ABI within a minor version), and pure
// Python files do not care. Only the interpreter path changes: the venv's bin/python links to
// the builder's python, and pyvenv.cfg's home names its directory.
func (rw *distrolessRewrite) venvStage() string {
	if !rw.d.python {
		return ""
	}
	p := rw.p
	venvs := map[string]bool{}
	for _, in := range p.f.Instructions {
		if in.Script == nil {
			continue
		}
		for _, c := range in.Script.Commands {
			if pkgmgr.IsPython(c.Name) && len(c.Args) >= 3 && c.Args[0] == "-m" && c.Args[1] == "venv" {
				venvs[path.Clean(c.Args[len(c.Args)-1])] = true
			}
		}
	}
	for _, in := range rw.st.Instructions {
		if _, ok := in.Flag("from"); ok && in.Cmd == "copy" && len(in.Args) == 2 && venvs[path.Clean(in.Args[0])] && path.Clean(in.Args[0]) == path.Clean(in.Args[1]) {
			rw.venv = path.Clean(in.Args[0])
		}
	}
	from := rw.venvFrom()
	if rw.venv == "" || from == nil {
		return "its Python packages are not in a virtualenv copied from a build stage, which dockopt could point at the image's /usr/bin/python3.11"
	}
	rw.venvName = freeStageName(p.f, "venv-distroless")
	nl := p.f.Newline()
	v := rw.venv
	rw.before = strings.Join([]string{
		"# " + rw.venvName + ": the virtualenv of " + stageRef(from) + ", its interpreter pointed at the distroless image's /usr/bin/python3.11",
		"FROM " + stageRef(from) + " AS " + rw.venvName,
		"RUN for py in " + v + "/bin/python " + v + "/bin/python3 " + v + "/bin/python3.11; do ln -sfn /usr/bin/python3.11 \"$py\"; done \\",
		" && sed -i -e 's|^home = .*|home = /usr/bin|' -e 's|^executable = .*|executable = /usr/bin/python3.11|' " + v + "/pyvenv.cfg",
	}, nl) + nl + nl
	return ""
}

// introduce writes what goes before the stage's FROM: the stages it needs (rw.before) and, in
// place of the comment lines that introduced the slim stage, one that says what it is now.
func (rw *distrolessRewrite) introduce() {
	p, st := rw.p, rw.st
	at := p.f.LineOffset(st.From.StartLine)
	for l := st.From.StartLine - 1; l > 0 && strings.HasPrefix(strings.TrimSpace(p.f.LineText(l)), "#"); l-- {
		at = p.f.LineOffset(l)
	}
	who := st.Name
	if who == "" {
		who = stageLabel(st) // "# 1 runs on ..." would not say what 1 is
	}
	comment := "# " + who + " runs on the distroless image: no shell, no package manager, the nonroot user (65532)."
	rw.edits = append(rw.edits, rule.TextEdit{Start: at, End: st.From.StartOffset, New: rw.before + comment + p.f.Newline()})
}

// report records the change.
func (rw *distrolessRewrite) report() {
	p, d := rw.p, rw.d
	var done []string
	done = append(done, "no shell and no package manager in the image: every command is in exec form")
	if rw.resetEntry {
		done = append(done, "`ENTRYPOINT []` resets the image's own entrypoint ("+d.entrypoint+"), so CMD runs as written")
	}
	if d.node != "" {
		done = append(done, "node is named by its path, "+d.node+" (not on PATH in the image)")
	}
	if rw.venv != "" {
		done = append(done, fmt.Sprintf("the virtualenv %s comes through stage %s, which points its interpreter at the image's /usr/bin/python3.11 (Debian 12's Python 3.11: packages built for 3.11 load in any 3.11)", rw.venv, rw.venvName))
	}
	if len(rw.libs) > 0 {
		done = append(done, fmt.Sprintf("apt's %s replaced by a COPY of %s from the build stage: the libraries those packages hold and those they need, transitively (ELF DT_NEEDED), that the image lacks", strings.Join(rw.pkgs, ", "), strings.Join(rw.libs, ", ")))
	} else if len(rw.pkgs) > 0 {
		done = append(done, "apt's "+strings.Join(rw.pkgs, ", ")+" dropped: the image has their libraries")
	}
	done = append(done, "the image's nonroot user (UID/GID 65532) runs the service and owns the files the stage gave its user")
	if len(rw.dropped) > 0 {
		done = append(done, "dropped: "+strings.Join(rw.dropped, "; "))
	}
	p.res.User = distrolessUID + " (nonroot, the distroless image's own user)"
	p.res.RuntimePackages = nil
	rw.supersede()
	p.res.Changes = append(p.res.Changes, Change{
		Title:  "The image that ships starts from " + d.image,
		Why:    fmt.Sprintf("--runtime distroless: %s holds what runs %s and little else (GoogleContainerTools/distroless, Debian 12). Done: %s.", d.image, d.flavor, strings.Join(done, "; ")),
		Rules:  []string{"DO108"},
		Before: "FROM " + rw.st.BaseName,
		After:  "FROM " + d.image,
	})
}

// supersede rewrites what the changes before this one say of the stage that moved: its base
// image is now the distroless one, and its user the image's nonroot user, so a change that
// named the old base image or set another user says so (their After snippets are synced
// with the file by syncAfter).
func (rw *distrolessRewrite) supersede() {
	old := rw.st.BaseName
	for i := range rw.p.res.Changes {
		c := &rw.p.res.Changes[i]
		if slices.Contains(c.Rules, "DO301") {
			c.Title = "Runs as the distroless image's nonroot user"
			c.Why = "the distroless images ship a nonroot user (UID/GID 65532, GoogleContainerTools/distroless); the app files are owned by it."
			continue
		}
		if len(rw.pkgs) > 0 && strings.HasPrefix(c.After, "apt-get install") {
			c.Why += " --runtime distroless then replaced that install (the image has no apt) by a copy of the libraries from the build stage: see the last change."
			c.After = "(the runtime stage's apt-get install replaced by a COPY of " + strings.Join(rw.libs, ", ") + ")"
			if len(rw.libs) == 0 {
				c.After = "(the runtime stage's apt-get install dropped: the distroless image has these libraries)"
			}
			continue
		}
		if old != "" && strings.Contains(c.Why, old) {
			c.Why = strings.ReplaceAll(c.Why, old, rw.d.image+" (moved there from "+old+" by --runtime distroless)")
			c.Title = strings.Replace(c.Title, "on the slim image", "on a smaller image", 1)
		}
		if old != "" && strings.HasSuffix(c.Title, " on "+old) {
			// "Static binary on scratch"
			c.Title = strings.TrimSuffix(c.Title, old) + rw.d.image
		}
	}
	for i, n := range rw.p.res.Notes {
		if old != "" {
			rw.p.res.Notes[i] = strings.ReplaceAll(n, "the runtime image is FROM "+old+" ", "the runtime image is FROM "+rw.d.image+" ")
		}
	}
}
