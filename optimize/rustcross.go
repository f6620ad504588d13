package optimize

import (
	"fmt"
	"path"
	"strings"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// rustCross is the split's plan for --platform: the cargo build runs on $BUILDPLATFORM and
// cross-compiles for $TARGETARCH (pkgmgr.RustCross).
type rustCross struct {
	arches  []string // the TARGETARCH words of --platform, sorted
	targets map[string]pkgmgr.RustTarget
	edits   []rule.TextEdit // the build stage's FROM --platform and its setup
	list    string
}

// rustCrossPlan decides whether the Rust split's cargo build cross-compiles for
// p.opt.Platforms: a `cargo build` without a --target of its own on the official rust image
// (rustup in it), of a crate of Rust code alone (Cargo.lock names no *-sys crate, no
// build.rs: a C library would be needed for the target too), for platforms with a known
// target. why says what keeps the build on each target platform's image ("" with a plan or
// without --platform).
func rustCrossPlan(p *plan, st *dockerfile.Stage, bc *buildCall, musl bool) (*rustCross, string) {
	if len(p.opt.Platforms) == 0 {
		return nil, ""
	}
	rc := &rustCross{targets: map[string]pkgmgr.RustTarget{}, list: strings.Join(p.opt.Platforms, ", ")}
	repo, _ := splitImage(p.f.RootImage(st))
	switch {
	case musl:
		return nil, "a static musl build is not cross-compiled by dockopt (it would need a musl C toolchain for each target)"
	case bc.call.Action != pkgmgr.Build:
		return nil, "`cargo install --path` is not cross-compiled by dockopt (only `cargo build`)"
	case bc.call.Has("--target"):
		return nil, "the cargo build names its own --target"
	case path.Base(repo) != "rust":
		return nil, fmt.Sprintf("%s is not the official rust image, whose rustup installs the target's standard library", p.f.RootImage(st))
	}
	if why := rustLinksC(p, "which would have to be built and linked for each target too"); why != "" {
		return nil, why
	}
	for _, pl := range p.opt.Platforms {
		t, ok := pkgmgr.RustCross.RustTargetOf(pl)
		if !ok {
			return nil, fmt.Sprintf("dockopt knows no Rust target and cross linker for %s (it knows %s)", pl, strings.Join(pkgmgr.RustCross.Arches(), ", "))
		}
		arch := t.Triple // one arm per architecture
		if _, seen := rc.targets[arch]; !seen {
			rc.arches = append(rc.arches, strings.SplitN(pl, "/", 3)[1])
		}
		rc.targets[arch] = t
	}
	onBuild, why := onBuildPlatform(p.f, st)
	if onBuild == nil {
		if why == "" {
			why = "its FROM could not be rewritten"
		}
		return nil, why
	}
	root := p.f.RootStage(st)
	nl := p.f.Newline()
	rc.edits = []rule.TextEdit{*onBuild, {Start: root.From.EndOffset, End: root.From.EndOffset, New: nl + strings.Join(rc.setup(p.opt), nl)}}
	return rc, ""
}

// setup are the lines after the build's FROM: the target's standard library, the cross
// linker (from Debian, when the target is not the builder's own architecture), and cargo's
// build.target for every cargo build of the stage.
func (rc *rustCross) setup(opt Options) []string {
	var env, arms []string
	for _, a := range rc.arches {
		t := pkgmgr.RustCross.Targets[a]
		env = append(env, pkgmgr.LinkerEnv(t.Triple)+"="+t.Linker)
		arms = append(arms, fmt.Sprintf(`      %s) triple=%s cross="%s %s" ;; \`, a, t.Triple, t.GCC, t.LibC))
	}
	flags, aptSetup := cacheMounts(opt, "apt", nil)
	apt := append(append([]string(nil), aptSetup...), "apt-get update", `apt-get install -y --no-install-recommends $cross`)
	if len(flags) == 0 {
		apt = append(apt, "rm -rf /var/lib/apt/lists/*")
	}
	run := "RUN "
	for _, f := range flags {
		run += f + " \\\n    "
	}
	lines := []string{"ARG TARGETARCH", "ARG BUILDARCH", "ENV " + strings.Join(env, " \\\n    "),
		run + `case "$TARGETARCH" in \`}
	lines = append(lines, arms...)
	lines = append(lines, fmt.Sprintf(`      *) echo "no Rust target for $TARGETARCH (written for %s)" >&2; exit 1 ;; \`, strings.Join(rc.arches, ", ")),
		`    esac; \`,
		`    rustup target add "$triple" \`,
		` && if [ "$TARGETARCH" != "$BUILDARCH" ]; then `+strings.Join(apt, " && ")+`; fi \`,
		` && printf '[build]\ntarget = "%s"\n' "$triple" >> "$CARGO_HOME/config.toml"`)
	return lines
}

// change is the report's entry for the cross build.
func (rc *rustCross) change(src string) Change {
	rs := pkgmgr.RustCross
	var targets []string
	for _, a := range rc.arches {
		t := rs.Targets[a]
		targets = append(targets, fmt.Sprintf("%s → %s (linker %s from %s and %s)", a, t.Triple, t.Linker, t.GCC, t.LibC))
	}
	return Change{
		Title: "Rust build cross-compiled on $BUILDPLATFORM for " + rc.list,
		Why: fmt.Sprintf("the crate is Rust code alone (Cargo.lock names no *-sys crate, no build.rs), so cargo can cross-compile it: the build stage runs once per target on the builder's own platform ($BUILDPLATFORM, %s), with no emulation; rustup adds the target's standard library (%s), Debian's cross gcc links for it when the target is not the builder's architecture (%s), set as cargo's linker by %s (%s), and cargo's build.target in $CARGO_HOME/config.toml makes every cargo build of the stage a `--target <triple>` build (%s). $TARGETARCH: %s. The binary is in target/<triple>/release/; the runtime stage, pulled for each target platform, copies it from %s (one triple per build) to the path the command names.",
			multiPlatformSource, rs.Source.URL, rs.DebianSource.URL, "CARGO_TARGET_<TRIPLE>_LINKER", rs.ConfigSource.URL, "https://doc.rust-lang.org/cargo/reference/config.html#buildtarget", strings.Join(targets, "; "), src),
		Before: "FROM (the target platform's rust image)\nRUN cargo build --release",
		After:  "FROM " + buildPlatformFlag + " ...\nRUN rustup target add <triple> ...\nRUN cargo build --release   # build.target = <triple>",
	}
}

// crossSource is the COPY source of the binary a cross build writes: the profile directory
// one level down, under the target triple (target/release/app → target/*-unknown-linux-gnu/release/app).
func crossSource(src string) string {
	profile := path.Dir(src)
	return path.Join(path.Dir(profile), pkgmgr.RustCross.TargetMatch, path.Base(profile), path.Base(src))
}

// rustLinksC says why a crate may link a C library ("" when it is Rust code alone): a build
// script, or a *-sys crate in Cargo.lock; then is what that would mean for the build.
func rustLinksC(p *plan, then string) string {
	ms := pkgmgr.CargoMusl
	if p.ctx == nil || !p.ctx.Exists("Cargo.lock") {
		return "without Cargo.lock at the build context's root dockopt cannot tell whether a crate links a C library, " + then
	}
	if p.ctx.Exists(ms.BuildScript) {
		return fmt.Sprintf("the crate has a build script (%s), which may link a C library, %s", ms.BuildScript, then)
	}
	data, err := readContextFile(p.ctx, "Cargo.lock")
	var lock struct {
		Package []struct{ Name string } `toml:"package"`
	}
	if err != nil || toml.Unmarshal(data, &lock) != nil {
		return "Cargo.lock could not be read"
	}
	for _, pk := range lock.Package {
		if strings.HasSuffix(pk.Name, ms.SysSuffix) {
			return fmt.Sprintf("Cargo.lock has %s, which binds a C library (%s), %s", pk.Name, ms.SysSource.URL, then)
		}
	}
	return ""
}
