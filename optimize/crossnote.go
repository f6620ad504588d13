package optimize

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// Sources of what the notes say about ecosystems that are not cross-compiled.
const (
	// pip installs the wheel whose platform tag matches the interpreter's platform.
	wheelTagSource = "https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/"
	// a Rust build for another target needs its standard library and a linker for it.
	rustCrossSource = "https://rust-lang.github.io/rustup/cross-compilation.html"
)

// emulated is how a stage left on the target platform builds on a builder of another one.
const emulated = "on a builder of another platform, under emulation such as QEMU binfmt_misc"

// nodeLockFacts is what the build context's Node lockfile says about the modules an install
// builds or chooses per platform (pkgmgr.NpmNativeModules).
type nodeLockFacts struct {
	// lockfile is the lockfile found ("" none); checked: it records those facts (an npm
	// lockfile with a "packages" section).
	lockfile string
	checked  bool
	all      []pkgmgr.NativeModule
	// noScripts, when not "", is the source that says the lockfile does not record install
	// scripts (pnpm's lockfile 9.0): only os/cpu were checked.
	noScripts string
}

// readNodeLock reads the first Node lockfile of the context (buildctx.Lockfiles' order).
func readNodeLock(ctx *buildctx.Context) nodeLockFacts {
	var nf nodeLockFacts
	if ctx == nil {
		return nf
	}
	for _, l := range buildctx.Lockfiles() {
		if ctx.Exists(l) {
			nf.lockfile = l
			break
		}
	}
	data, err := readContextFile(ctx, nf.lockfile)
	if err != nil {
		return nf
	}
	switch nf.lockfile {
	case "package-lock.json", "npm-shrinkwrap.json":
		mods, ok, err := pkgmgr.NpmNativeModules(data)
		nf.checked, nf.all = ok && err == nil, mods
	case "pnpm-lock.yaml":
		mods, version, scripts, err := pkgmgr.PnpmNativeModules(data)
		nf.checked, nf.all = version != "" && err == nil, mods
		if nf.checked && !scripts {
			nf.noScripts = pkgmgr.PnpmLockSources[version].URL
		}
	}
	return nf
}

// native says which modules of the lockfile an install builds or chooses per platform (the
// production ones only with prod), or that the lockfile was not checked; "" when it was and
// names none.
func (nf nodeLockFacts) native(prod bool) string {
	switch {
	case nf.lockfile == "":
		return "no lockfile says which modules are built or chosen per platform"
	case !nf.checked:
		return fmt.Sprintf("%s was not checked for modules built or chosen per platform (dockopt reads install scripts and os/cpu fields from package-lock.json's \"packages\", lockfileVersion 2 or 3, %s, and from pnpm-lock.yaml 6.x and 9.x)", nf.lockfile, pkgmgr.NpmLockSource.URL)
	}
	unchecked := ""
	if nf.noScripts != "" {
		unchecked = fmt.Sprintf("%s does not record install scripts (%s), so those were not checked", nf.lockfile, nf.noScripts)
	}
	mods, what := nf.all, "modules"
	if prod {
		mods, what = pkgmgr.ProdNative(mods), "production modules"
	}
	if len(mods) == 0 {
		if unchecked != "" {
			return nf.lockfile + " names no module with os/cpu fields, but " + unchecked
		}
		return ""
	}
	names := make([]string, 0, 6)
	for i, m := range mods {
		if i == 6 {
			names = append(names, fmt.Sprintf("and %d more", len(mods)-6))
			break
		}
		names = append(names, m.String())
	}
	out := fmt.Sprintf("%s names %s that an install builds or chooses for the platform it runs on: %s (install scripts, which node-gyp builds get: %s; os/cpu: %s)",
		nf.lockfile, what, strings.Join(names, ", "), pkgmgr.NodeGypDefaultSource.URL, pkgmgr.NpmPlatformSource.URL)
	if unchecked != "" {
		out += "; " + unchecked
	}
	return out
}

// crossNote is the note of an ecosystem whose build is left on each target platform: what
// stands in the way of building it on $BUILDPLATFORM.
func crossNote(res *Result, ctx *buildctx.Context, list string) string {
	has := func(names ...string) bool {
		for _, n := range names {
			if ctx != nil && ctx.Exists(n) {
				return true
			}
		}
		return false
	}
	switch {
	case res.Ecosystem == "python" || res.Ecosystem == "generic" && has(buildctx.Manifests()["python"]...):
		return fmt.Sprintf("not cross-compiled for %s: pip chooses a wheel per platform (by its platform tag, %s) and builds one from source where none matches, so the Python install runs on each target platform's base image (%s)", list, wheelTagSource, emulated)
	case res.stackSplit == "Rust" || has("Cargo.toml"):
		return fmt.Sprintf("not cross-compiled for %s: a cargo build for another platform needs that target's standard library (`rustup target add`) and a linker for it (a cross gcc), which the build does not set up (%s); the cargo build is left on each target platform's rust image (%s)", list, rustCrossSource, emulated)
	case res.Ecosystem == "node" || has("package.json"):
		why := readNodeLock(ctx).native(false)
		if why == "" {
			why = "dockopt moves only static front-end builds and the production install of its own Node recipe to $BUILDPLATFORM"
		}
		return fmt.Sprintf("not cross-compiled for %s: %s; the Node stages build on each target platform's base image (%s)", list, why, emulated)
	}
	return fmt.Sprintf("not cross-compiled for %s: dockopt makes Go builds, static front-end builds and pure-Node production installs cross-build on $BUILDPLATFORM, not %s build; its stages build on each target platform's base image (%s)", list, res.Ecosystem, emulated)
}

// nodeProdCross decides, for --platform, whether the Node recipe's prod-deps stage (`npm ci
// --omit=dev`, whose node_modules the runtime copies) runs on $BUILDPLATFORM: when the
// lockfile was read and names no production module that an install builds or chooses per
// platform, the install writes the same files for every platform. It returns the report's
// change, or the note that says why the install stays on each target platform's image.
// needBuild: the recipe also has the full install and the build, which stay there.
func nodeProdCross(ctx *buildctx.Context, opt Options, needBuild bool) (bool, *Change, string) {
	if len(opt.Platforms) == 0 {
		return false, nil, ""
	}
	list := strings.Join(opt.Platforms, ", ")
	nf := readNodeLock(ctx)
	if why := nf.native(true); why != "" {
		return false, nil, fmt.Sprintf("not cross-compiled for %s: %s; `npm ci --omit=dev` runs on each target platform's image (%s)", list, why, emulated)
	}
	rest := "The runtime stage is pulled for each target platform."
	if needBuild {
		rest = "The full install and the build (the app's own build script, whose output dockopt cannot check) and the runtime stage stay on each target platform's image."
	}
	return true, &Change{
		Title: "Production dependencies installed on $BUILDPLATFORM for " + list,
		Why: fmt.Sprintf("%s lists no production package with an install script (which node-gyp builds get, %s) or os/cpu fields (%s): `npm ci --omit=dev` writes the same files on every platform, so the prod-deps stage runs once, on the builder's own platform ($BUILDPLATFORM), with no emulation, and the runtime copies its node_modules (%s). %s",
			nf.lockfile, pkgmgr.NodeGypDefaultSource.URL, pkgmgr.NpmPlatformSource.URL, multiPlatformSource, rest),
		Before: "FROM " + "(the target platform's node image) AS prod-deps",
		After:  "FROM " + buildPlatformFlag + " ... AS prod-deps",
	}, ""
}

// pureInstall is the lockfile (as the stage copies it into wd) that says an install of the
// project writes the same files on every platform: it records install scripts and names no
// module with one or with os/cpu fields, devDependencies included (a build installs them);
// "" when there is no such lockfile.
func pureInstall(p *plan, st *dockerfile.Stage, wd string) string {
	nf := readNodeLock(p.ctx)
	if !nf.checked || nf.noScripts != "" || len(nf.all) > 0 {
		return ""
	}
	if src, ok := contextFileAt(p.f, p.ctx, st, path.Join(wd, nf.lockfile)); !ok || src != nf.lockfile {
		return ""
	}
	return nf.lockfile
}
