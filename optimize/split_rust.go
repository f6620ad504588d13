package optimize

import (
	"fmt"
	"path"
	"slices"
	"strings"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// rustRuntime: the binary that CMD/ENTRYPOINT runs, built by `cargo build` (in its target
// directory's profile directory) or installed by `cargo install`, on debian slim of the
// builder's Debian release (the binary links glibc dynamically). When the crate is one
// binary with src/main.rs, its dependencies are first compiled against an empty main.rs
// after copying Cargo.toml and Cargo.lock only.
func rustRuntime(p *plan, st *dockerfile.Stage, tag string) (*runtimePlan, string) {
	out := pkgmgr.BuildOutputs["cargo"]
	prog := stageProgram(p.f, st)
	wd := p.f.WorkdirEnd(st)
	if prog == "" || prog == "cargo" || wd == "" {
		return nil, fmt.Sprintf("a Rust project: %s runs %s, not a binary dockopt can find the cargo build of, so the build was not moved to its own stage", stageLabel(st), orUnknown(prog))
	}
	musl := slices.ContainsFunc(pkgmgr.CargoMusl.Tags, func(t string) bool { return strings.Contains(tag, t) })
	if musl {
		if why := rustStaticMusl(p); why != "" {
			return nil, fmt.Sprintf("a Rust project on %s (musl): %s, so the build was not moved to its own stage", p.f.RootImage(st), why)
		}
	}
	found, src := rustBuildCall(p, st, prog, wd, out)
	if found == nil {
		return nil, fmt.Sprintf("a Rust project: %s runs %s, which no `cargo build` or `cargo install --path` of the Dockerfile writes, so the build was not moved to its own stage", stageLabel(st), prog)
	}
	if v, ok := found.call.Value("--target"); ok && !musl && strings.HasSuffix(v, "-musl") {
		if why := rustStaticMusl(p); why != "" {
			p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("a Rust project built for %s: the binary goes onto debian slim, not scratch: %s", v, why))
		} else {
			musl = true
		}
	}
	dst := src
	if prog == path.Base(prog) {
		dst = "/usr/local/bin/" + prog // on PATH in any image
	}
	cross, crossWhy := rustCrossPlan(p, st, found, musl)
	if cross != nil {
		src = crossSource(src)
	}
	rt := &runtimePlan{copies: [][2]string{{src, dst}}, what: "the binary " + src}
	rustBase(p, st, rt, tag, musl)
	for _, r := range p.a.refs.Read {
		d := path.Join(wd, r)
		rt.copies = append(rt.copies, [2]string{d, d})
		rt.what += ", " + r
	}
	rt.stack = "Rust"
	if cross != nil {
		rt.buildEdits = append(rt.buildEdits, cross.edits...)
		rt.changes = append(rt.changes, cross.change(src))
	} else if crossWhy != "" {
		p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("not cross-compiled for %s: %s; the cargo build is left on each target platform's rust image (%s; %s)", strings.Join(p.opt.Platforms, ", "), crossWhy, emulated, rustCrossSource))
	}
	if found.call.Action == pkgmgr.Build {
		edit, ch, why := rustDepsLayer(p, st, *found, out, cross != nil)
		if ch != nil {
			rt.buildEdits = append(rt.buildEdits, edit)
			rt.changes = append(rt.changes, *ch)
		} else if why != "" {
			p.res.Notes = appendOnce(p.res.Notes, "a Rust project: "+why)
		}
	} else {
		p.res.Notes = appendOnce(p.res.Notes, "a Rust project installed with `cargo install --path`: its dependencies compile with the code in one layer (dockopt gives them a layer of their own only for `cargo build`)")
	}
	return rt, ""
}

// rustBuildCall finds the cargo call that writes the binary prog (run in wd): a `cargo build`
// whose profile directory holds it, or a `cargo install --path` into a bin directory; src is
// where the binary is (nil when no call writes it).
func rustBuildCall(p *plan, st *dockerfile.Stage, prog, wd string, out *pkgmgr.BuildOutput) (found *buildCall, src string) {
	for _, bc := range findBuildCalls(p.f, st, pkgmgr.Build, "cargo") {
		vars := p.f.Vars(bc.in)
		dir := cargoProfileDir(bc, vars, p.f.WorkdirAt(bc.in), out)
		if path.Dir(cleanAbs(prog, wd)) == dir {
			found, src = &bc, cleanAbs(prog, wd)
		}
	}
	for _, bc := range findBuildCalls(p.f, st, pkgmgr.Install, "cargo") {
		if len(bc.call.Operands) > 0 || !bc.call.Has("--path") {
			continue // a crate from crates.io, not the project
		}
		bin := cargoInstallBin(bc, p.f.Vars(bc.in), out)
		if cand := path.Join(bin, path.Base(prog)); prog == path.Base(prog) || cleanAbs(prog, wd) == cand {
			found, src = &bc, cand
		}
	}
	return found, src
}

// rustBase chooses the runtime's base image: scratch for a static musl binary, else the
// debian slim image with the rust image's glibc.
func rustBase(p *plan, st *dockerfile.Stage, rt *runtimePlan, tag string, musl bool) {
	suite := dockerfile.DebianSuiteOfTag(tag)
	switch {
	case musl:
		ms := pkgmgr.CargoMusl
		rt.base = "scratch"
		rt.copies = append(rt.copies, [2]string{ms.CACerts, ms.CACerts})
		rt.what += " and the CA certificates"
		rt.why = fmt.Sprintf("%s builds for a musl target, where Rust links the C runtime statically by default (%s): a crate of Rust code alone is one static binary, so the image holds nothing else; no Cargo.lock package binds a C library (*%s) and the crate has no %s.",
			p.f.RootImage(st), ms.Source.URL, ms.SysSuffix, ms.BuildScript)
	case suite != "":
		rt.base = "debian:" + suite + "-slim"
		rt.why = fmt.Sprintf("cargo builds a binary linked to the C library: %s has the same glibc as the rust image (Debian %s).", rt.base, suite)
	default:
		rt.base = "debian:bookworm-slim"
		rt.why = "cargo builds a binary linked to the C library: debian:bookworm-slim has the glibc of the Debian 12 rust images."
		rt.note = fmt.Sprintf("a Rust project on %s: the tag names no Debian release, and the runtime stage is debian:bookworm-slim; if that rust image is built on a newer Debian (trixie), its binary may need a newer glibc than bookworm's: name the release in both (rust:1-bookworm, or debian:trixie-slim)", p.f.RootImage(st))
	}
}

// cargoProfileDir is the directory a `cargo build` writes its binaries to.
func cargoProfileDir(bc buildCall, vars map[string]string, wd string, out *pkgmgr.BuildOutput) string {
	dir := out.Dir
	for _, e := range out.DirEnv {
		if v := vars[e]; v != "" {
			dir = v
		}
	}
	for _, a := range bc.cmd.Assigns {
		for _, e := range out.DirEnv {
			if v, ok := strings.CutPrefix(a, e+"="); ok {
				dir = v
			}
		}
	}
	if v, ok := bc.call.Value(out.DirOptions...); ok {
		dir = v
	}
	if v, ok := bc.call.Value("--manifest-path"); ok && !strings.HasPrefix(dir, "/") {
		wd = cleanAbs(path.Dir(v), wd)
	}
	profile := out.DefaultProfile
	for opt, d := range out.ProfileDirs {
		if bc.call.Has(opt) {
			profile = d
		}
	}
	if v, ok := bc.call.Value("--profile"); ok {
		profile = v
		if v == "dev" {
			profile = out.DefaultProfile
		}
	}
	if v, ok := bc.call.Value("--target"); ok {
		profile = v + "/" + profile
	}
	return path.Join(cleanAbs(dir, wd), profile)
}

// cargoInstallBin is the directory a `cargo install` puts binaries in.
func cargoInstallBin(bc buildCall, vars map[string]string, out *pkgmgr.BuildOutput) string {
	root := out.InstallHomeDefault
	if v := vars[out.InstallHomeEnv]; v != "" {
		root = v
	}
	for _, e := range out.InstallRootEnv {
		if v := vars[e]; v != "" {
			root = v
		}
	}
	if v, ok := bc.call.Value(out.InstallRootOptions...); ok {
		root = v
	}
	return path.Join(root, "bin")
}

// cargoManifest is what rustDepsLayer reads of Cargo.toml.
type cargoManifest struct {
	Package   *struct{ Name string } `toml:"package"`
	Workspace map[string]any         `toml:"workspace"`
	Bin       []map[string]any       `toml:"bin"`
	Lib       map[string]any         `toml:"lib"`
}

// rustDepsLayer compiles the dependencies before the code is copied, for a crate that is
// one binary built from src/main.rs at the build context's root.
func rustDepsLayer(p *plan, st *dockerfile.Stage, bc buildCall, out *pkgmgr.BuildOutput, cross bool) (rule.TextEdit, *Change, string) {
	if p.ctx == nil || !p.ctx.Exists("Cargo.toml") {
		return rule.TextEdit{}, nil, "Cargo.toml is not at the build context's root, so the dependencies are not compiled in a layer of their own"
	}
	data, err := readContextFile(p.ctx, "Cargo.toml")
	var m cargoManifest
	if err != nil || toml.Unmarshal(data, &m) != nil || m.Package == nil || m.Package.Name == "" {
		return rule.TextEdit{}, nil, "Cargo.toml could not be read as one package, so the dependencies are not compiled in a layer of their own"
	}
	for _, f := range []string{"build.rs", "src/lib.rs", "src/bin"} {
		if p.ctx.Exists(f) {
			return rule.TextEdit{}, nil, fmt.Sprintf("the crate has %s: an empty main.rs does not stand in for it, so the dependencies are not compiled in a layer of their own", f)
		}
	}
	if m.Workspace != nil || len(m.Bin) > 0 || m.Lib != nil || !p.ctx.Exists("src/main.rs") {
		return rule.TextEdit{}, nil, "Cargo.toml is a workspace or declares its own targets ([[bin]], [lib]): an empty src/main.rs does not stand in for them, so the dependencies are not compiled in a layer of their own"
	}
	files := []string{"Cargo.toml"}
	if p.ctx.Exists("Cargo.lock") {
		files = append(files, "Cargo.lock")
	}
	wd := p.f.WorkdirAt(bc.in)
	target := cargoProfileDir(bc, p.f.Vars(bc.in), wd, out)
	rel := strings.TrimPrefix(strings.TrimPrefix(target, wd), "/")
	if !strings.HasPrefix(target, wd+"/") {
		rel = target
	}
	if cross { // the profile directory is under the target triple (build.target)
		rel = path.Join(path.Dir(rel), pkgmgr.RustCross.TargetMatch, path.Base(rel))
	}
	build := strings.Join(append([]string{bc.cmd.Name}, bc.cmd.Args...), " ")
	if len(bc.cmd.Assigns) > 0 {
		build = strings.Join(bc.cmd.Assigns, " ") + " " + build
	}
	if strings.ContainsAny(build, "$`'\"\\") {
		return rule.TextEdit{}, nil, "the cargo build command holds quotes or variables dockopt does not write again, so the dependencies are not compiled in a layer of their own"
	}
	fp := m.Package.Name
	prefetch := out.PrefetchFor(build, rel, fp)
	return depsLayerEdit(p, st, bc, files, prefetch, out.Source)
}

func orUnknown(s string) string {
	if s == "" {
		return "a command dockopt cannot read"
	}
	return s
}

// rustStaticMusl says why a crate built on a musl rust image may not be one static binary
// ("" when it is Rust code alone): a build script or a *-sys crate in Cargo.lock links a C
// library, which a static binary needs as a static archive dockopt cannot tell is there.
func rustStaticMusl(p *plan) string {
	return rustLinksC(p, "which a static binary FROM scratch would need as a static archive")
}
