package optimize

import (
	"fmt"
	"go/build"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// goMod is what the build context's go.mod says: the module's path and every module it
// requires (direct and indirect: since Go 1.17 go.mod lists both).
type goMod struct {
	path     string
	requires []string
}

// readGoMod reads go.mod at the context root; nil when there is none or it does not parse.
func readGoMod(ctx *buildctx.Context) *goMod {
	if ctx == nil {
		return nil
	}
	data, err := readContextFile(ctx, "go.mod")
	if err != nil {
		return nil
	}
	f, err := modfile.ParseLax("go.mod", data, nil)
	if err != nil {
		return nil
	}
	m := &goMod{}
	if f.Module != nil {
		m.path = f.Module.Mod.Path
	}
	for _, r := range f.Require {
		m.requires = append(m.requires, r.Mod.Path)
	}
	return m
}

// goPackageDirs are the context's directories that hold Go source the build compiles: test
// files, files .dockerignore leaves out, vendor/, testdata/ and directories whose name starts
// with . or _ left out (the go command ignores the last three:
// https://pkg.go.dev/cmd/go#hdr-Package_lists_and_patterns).
func goPackageDirs(ctx *buildctx.Context) []string {
	dirs := map[string]bool{}
	for _, e := range ctx.Entries {
		if e.IsDir || !strings.HasSuffix(e.Path, ".go") || strings.HasSuffix(e.Path, "_test.go") || ctx.Ignored(e.Path) {
			continue
		}
		d := path.Dir(e.Path)
		skip := false
		for _, part := range strings.Split(d, "/") {
			if part == "vendor" || part == "testdata" || strings.HasPrefix(part, ".") && part != "." || strings.HasPrefix(part, "_") {
				skip = true
			}
		}
		if !skip {
			dirs[d] = true
		}
	}
	return sortedKeys(dirs)
}

// goPackages reads the packages of the context's Go directories as `go build` for linux/amd64
// would (build constraints applied); cgo says whether files that import "C" count. unread are
// the files it could not read (a package with one is left out).
func goPackages(ctx *buildctx.Context, cgo bool) (pkgs []*build.Package, unread []string) {
	bctx := goBuildContext(ctx, &unread)
	bctx.GOOS, bctx.GOARCH, bctx.CgoEnabled = "linux", "amd64", cgo
	for _, d := range goPackageDirs(ctx) {
		pkg, err := bctx.ImportDir(filepath.Join(ctx.Dir, filepath.FromSlash(d)), 0)
		if err == nil {
			pkgs = append(pkgs, pkg)
		}
	}
	return pkgs, unread
}

// goCgo is why a Go build needs cgo: the reasons, for the report, and the Debian -dev
// packages the cgo modules build with.
type goCgo struct {
	reasons []string
	dev     []string
	// unread are Go files dockopt could not read, so whether they import "C" is not known.
	unread []string
}

func (g goCgo) needed() bool { return len(g.reasons) > 0 }

// noImportC says that no Go file imports "C", naming the files that could not be read.
func (g goCgo) noImportC() string {
	if len(g.unread) == 0 {
		return "no file imports \"C\""
	}
	return fmt.Sprintf("no file dockopt could read imports \"C\" (not read: %s; over %d MiB, or not a regular file; their packages were not checked)", strings.Join(g.unread, ", "), buildctx.MaxFileBytes>>20)
}

// detectCgo finds what makes the context's Go program need cgo: its own files that
// `import "C"`, a package it imports or a module go.mod requires that pkgmgr.CgoModules lists,
// or the original's own CGO_ENABLED=1 (origCgo: where it says so, "" when it does not).
func detectCgo(ctx *buildctx.Context, origCgo string) goCgo {
	var g goCgo
	if ctx == nil {
		return g
	}
	seen := map[string]bool{}
	add := func(m *pkgmgr.CgoModule, how string) {
		if m == nil || seen[m.Path] {
			return
		}
		seen[m.Path] = true
		g.reasons = append(g.reasons, fmt.Sprintf("%s %s, which %s (%s)", how, m.Path, m.Why, m.Source.URL))
		g.dev = append(g.dev, m.DevPackages...)
	}
	pkgs, unread := goPackages(ctx, true)
	g.unread = unread
	for _, pkg := range pkgs {
		if len(pkg.CgoFiles) > 0 {
			rel, _ := filepath.Rel(ctx.Dir, filepath.Join(pkg.Dir, pkg.CgoFiles[0]))
			g.reasons = append(g.reasons, fmt.Sprintf("%s imports \"C\"", filepath.ToSlash(rel)))
		}
		for _, imp := range pkg.Imports {
			add(pkgmgr.CgoImport(imp), "the program imports")
		}
	}
	if m := readGoMod(ctx); m != nil {
		for _, r := range m.requires {
			add(pkgmgr.CgoRequirement(r), "go.mod requires")
		}
	}
	if origCgo != "" && len(g.reasons) == 0 {
		g.reasons = append(g.reasons, origCgo)
	}
	sort.Strings(g.dev)
	return g
}

// originalCgo says where the original builds with CGO_ENABLED=1 explicitly ("" when it does
// not): in the go build's own assignments or an ENV of its stage.
func (a *analysis) originalCgo() string {
	if a.goCgoEnv == "1" {
		return "the original builds with CGO_ENABLED=1"
	}
	return ""
}

// goLibcRuntime is the runtime base for a cgo binary built on the golang image repo:tag: the
// same C library, at the same release. A Debian golang tag that names no release
// (golang:1.26) follows the image's default release, which moves to each new Debian; the build
// is then pinned to the -bookworm variant (pinned is the tag to build on, "" when the tag is
// kept), so the runtime's glibc is never older than the one the binary was linked against.
// Source: the golang image's tags, https://hub.docker.com/_/golang (1.26-bookworm,
// 1.26-trixie, 1.26-alpine3.22...).
func goLibcRuntime(tag string) (base, pinned, why string) {
	t := strings.ToLower(tag)
	for _, rel := range []string{"trixie", "bookworm", "bullseye", "buster"} {
		if strings.Contains(t, rel) {
			return "debian:" + rel + "-slim", "", fmt.Sprintf("debian:%s-slim has the glibc of the %s build image (the same Debian release), and nothing else.", rel, rel)
		}
	}
	if i := strings.Index(t, "alpine"); i >= 0 {
		base = "alpine"
		if v := t[i+len("alpine"):]; v != "" && strings.Trim(v, "0123456789.") == "" {
			base += ":" + v
		}
		return base, "", base + " has the musl C library the alpine build image links against."
	}
	switch {
	case tag == "" || tag == "latest":
		pinned = "bookworm"
	default:
		pinned = tag + "-bookworm"
	}
	return "debian:bookworm-slim", pinned, fmt.Sprintf("the build is pinned to the bookworm variant (golang:%s): a tag without a Debian release follows the image's default release, which changes, and a binary linked against a newer glibc does not start on an older one; debian:bookworm-slim has the same glibc.", pinned)
}

// goBuild is how the Go recipe builds: the build stage's FROM, the go build's environment and
// cache mounts, and the runtime stage's base, with what the report says about each.
type goBuild struct {
	// from is the build stage's FROM after the keyword, with a trailing space ("golang:1.26 ",
	// "--platform=$BUILDPLATFORM golang:1.26 ").
	from string
	// cross: the build compiles for $TARGETOS/$TARGETARCH on the builder's own platform.
	cross bool
	// env prefixes the go build (CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH).
	env string
	// modMount and buildMount are the RUN flags of the module and build cache mounts.
	modMount, buildMount string
	// runtime is the runtime stage's base; runtimeSetup a RUN after its FROM ("" for none).
	runtime, runtimeSetup string
	// runtimeHolds, userWhy and noProbe complete the comments and notes about it.
	runtimeHolds, userWhy, noProbe string
	cgo                            goCgo
	cgoWhy                         string // why the runtime base fits a cgo binary
	buildImage                     string
	platforms                      []string
	notes                          []string
}

// planGoBuild decides the Go recipe's build: cgo or static, the runtime base, cross-compiling
// for opt.Platforms, and the cache mounts.
func planGoBuild(ctx *buildctx.Context, a *analysis, opt Options) *goBuild {
	g := &goBuild{cgo: detectCgo(ctx, a.originalCgo()), buildImage: baseImageOf(a), platforms: opt.Platforms}
	if !opt.NoCacheMounts {
		g.modMount, g.buildMount = goCacheMounts(a.goEnv)
	}
	if g.cgo.needed() {
		base, pinned, why := goLibcRuntime(a.rawTag)
		if pinned != "" {
			g.buildImage = a.image(pinned)
		}
		g.runtime, g.cgoWhy, g.env = base, why, "CGO_ENABLED=1"
		g.runtimeHolds = "the binary and CA certificates on " + base + " (the C library it links against)"
		g.userWhy, g.noProbe = "no user is made for the service", "no curl or wget"
		_, libs, unknown := splitPackages(append(append([]string(nil), a.aptPackages...), g.cgo.dev...))
		if len(libs) > 0 && strings.HasPrefix(base, "debian:") {
			g.runtimeSetup = aptRun(opt, libs)
			g.runtimeHolds += ", plus " + strings.Join(libs, ", ")
		}
		if len(unknown) > 0 {
			g.notes = append(g.notes, fmt.Sprintf("unknown -dev package(s) %s: dockopt does not know which runtime library the cgo binary needs from them; add it to the runtime stage", strings.Join(unknown, ", ")))
		}
		for _, d := range g.cgo.dev {
			if !slices.Contains(a.aptPackages, d) {
				g.notes = append(g.notes, fmt.Sprintf("the cgo build needs the Debian package %s, which the original does not install: add it to the build stage (`apt-get install %s`)", d, d))
			}
		}
		if len(opt.Platforms) > 0 {
			g.notes = append(g.notes, fmt.Sprintf("not cross-compiled for %s: the program needs cgo (%s), and a cgo build needs a C compiler and C library for each target; the build stage runs on each target platform's golang image instead (on a builder of another platform, under emulation such as QEMU binfmt_misc)", strings.Join(opt.Platforms, ", "), g.cgo.reasons[0]))
		}
	} else {
		g.runtime, g.env = "scratch", "CGO_ENABLED=0"
		g.runtimeHolds = "nothing but the binary and CA certificates"
		g.userWhy, g.noProbe = "scratch has no /etc/passwd", "no shell, no curl"
		if len(opt.Platforms) > 0 {
			g.cross = true
			g.env += " GOOS=$TARGETOS GOARCH=$TARGETARCH"
		}
	}
	g.from = g.buildImage + " "
	if g.cross {
		g.from = "--platform=$BUILDPLATFORM " + g.from
	}
	return g
}

// mounts are the cache mounts of the module download (build false) or the go build (true);
// none with Options.NoCacheMounts.
func (g *goBuild) mounts(build bool) []string {
	if g.modMount == "" {
		return nil
	}
	if build {
		return []string{g.modMount, g.buildMount}
	}
	return []string{g.modMount}
}

// changes are the report's entries for the build g plans.
func (g *goBuild) changes(f *dockerfile.File, baseImage string, mods []string) []Change {
	var out []Change
	if g.cgo.needed() {
		out = append(out, Change{Title: "cgo binary on " + g.runtime, Why: "the program needs cgo: " + strings.Join(g.cgo.reasons, "; ") + ". A CGO_ENABLED=1 binary links the C library dynamically, so the runtime is not scratch but " + g.runtime + ": " + g.cgoWhy + " The Go toolchain (" + baseImage + ") stays in the build stage.", Rules: []string{"DO108", "DO109", "DO107"}, Before: "FROM " + baseImage, After: "FROM " + g.buildImage + " AS build\nFROM " + g.runtime + " AS runtime"})
	} else {
		out = append(out, Change{Title: "Static binary on scratch", Why: g.cgo.noImportC() + " and no module that needs cgo is required, so a CGO_ENABLED=0 binary needs no libc: the runtime image holds only the binary and CA certificates instead of the whole Go toolchain (" + baseImage + ").", Rules: []string{"DO108", "DO109", "DO107"}, Before: "FROM " + baseImage, After: "FROM " + baseImage + " AS build\nFROM scratch AS runtime"})
	}
	if g.modMount == "" {
		out = append(out, Change{Title: "Modules downloaded before the source is copied", Why: "`go mod download` depends only on go.mod/go.sum, so a code-only change reuses it (cache mounts turned off: the module and build caches stay in the build stage's layers, which the runtime stage does not copy).", Rules: []string{"DO201"}, Before: originalSteps(f, "go"), After: "COPY " + strings.Join(mods, " ") + " ./\nRUN go mod download\nCOPY . .\nRUN " + g.env + " go build ..."})
	} else {
		out = append(out, Change{Title: "Modules downloaded before the source is copied, caches on cache mounts", Why: "`go mod download` depends only on go.mod/go.sum, so a code-only change reuses it; the module cache and the build cache are BuildKit cache mounts (" + cacheMountSource + "), so a rebuild recompiles only the packages that changed and neither cache reaches a layer. RUN --mount needs BuildKit with the Dockerfile frontend 1.2 or later: the frontend built into Docker 20.10 and later, with no `# syntax` line (" + runMountSource + ").", Rules: []string{"DO201", "DO203"}, Before: originalSteps(f, "go"), After: "COPY " + strings.Join(mods, " ") + " ./\nRUN " + g.modMount + " go mod download\nCOPY . .\nRUN " + g.modMount + " " + g.buildMount + " " + g.env + " go build ..."})
	}
	if g.cross {
		out = append(out, Change{Title: "Cross-compiled for " + strings.Join(g.platforms, ", "), Why: "the build stage runs on the builder's own platform ($BUILDPLATFORM) and the go command compiles for each target ($TARGETOS/$TARGETARCH, which BuildKit sets per platform of `--platform`): a static Go build needs no emulation, and the scratch runtime has no platform-specific files (" + multiPlatformSource + ").", Before: "FROM " + baseImage, After: "FROM --platform=$BUILDPLATFORM " + baseImage + " AS build\nARG TARGETOS TARGETARCH\nRUN ... " + g.env + " go build ..."})
	}
	return out
}

// Sources of the BuildKit facts the Go recipe relies on.
const (
	// RUN --mount left the experimental channel in Dockerfile frontend 1.2.0 (BuildKit v0.8),
	// the frontend Docker 20.10 builds with.
	runMountSource = "https://github.com/moby/buildkit/releases/tag/dockerfile%2F1.2.0"
	// FROM --platform=$BUILDPLATFORM with TARGETOS/TARGETARCH.
	multiPlatformSource = "https://docs.docker.com/build/building/multi-platform/#cross-compilation"
)

// goCacheMounts are the RUN flags that put the go command's module cache and build cache
// (pkgmgr's go caches) on BuildKit cache mounts, where the build stage's environment env puts
// them: GOMODCACHE, else GOPATH's first entry + /pkg/mod, else the golang image's /go/pkg/mod;
// GOCACHE, else root's /root/.cache/go-build (https://pkg.go.dev/cmd/go#hdr-Environment_variables).
func goCacheMounts(env map[string]string) (mod, build string) {
	goTool := pkgmgr.ByID("go")
	modCache, _ := goTool.Cache("go-mod-cache")
	buildCache, _ := goTool.Cache("go-build-cache")
	modDir, buildDir := modCache.Dir, buildCache.Dir
	if v := env["GOMODCACHE"]; strings.HasPrefix(v, "/") {
		modDir = v
	} else if v, _, _ := strings.Cut(env["GOPATH"], ":"); strings.HasPrefix(v, "/") {
		modDir = path.Join(v, "pkg/mod")
	}
	if v := env["GOCACHE"]; strings.HasPrefix(v, "/") {
		buildDir = v
	}
	return "--mount=type=cache,target=" + modDir, "--mount=type=cache,target=" + buildDir
}

// noteCrossBuild says, for --platform, that a build which was not made to cross-compile
// builds on each target platform's images instead (crossNote says what stands in the way),
// unless a note or change already says how these platforms are built (the Go recipe, the
// split of a golang stage, a front-end's build on $BUILDPLATFORM). When the original f already
// builds a stage on $BUILDPLATFORM (dockopt's own output optimized again, or the user's cross
// build), the note says that instead of what stands in the way.
func noteCrossBuild(res *Result, ctx *buildctx.Context, platforms []string, f *dockerfile.File) {
	if len(platforms) == 0 {
		return
	}
	list := strings.Join(platforms, ", ")
	for _, n := range res.Notes {
		if strings.Contains(n, list) {
			return
		}
	}
	for _, c := range res.Changes {
		if strings.Contains(c.Title, list) {
			return
		}
	}
	for _, st := range f.Stages {
		if strings.Contains(st.Platform, "BUILDPLATFORM") {
			res.Notes = append(res.Notes, fmt.Sprintf("%s already builds on $BUILDPLATFORM (FROM on line %d): its cross build for %s is kept as written", stageLabel(st), st.From.StartLine, list))
			return
		}
	}
	res.Notes = append(res.Notes, crossNote(res, ctx, list))
}
