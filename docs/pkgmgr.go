package docs

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// PackageManagers renders docs/package-managers.md: what dockerfile/pkgmgr knows about each
// package manager, each fact with its source, so that rule docs can point to it.
func PackageManagers(ms []*pkgmgr.Manager) string {
	var b strings.Builder
	b.WriteString("# Package managers\n\n")
	b.WriteString("Generated from `dockerfile/pkgmgr` (`go run ./docs/gen`): how dockopt reads each package " +
		"manager's commands in RUN instructions, for the rules, the optimizer and the image scanner alike, " +
		"and where each fact comes from.\n\n")
	for _, m := range ms {
		managerMarkdown(&b, m)
	}
	nodeProjectsMarkdown(&b)
	frontendsMarkdown(&b)
	buildOutputsMarkdown(&b)
	jlinkMarkdown(&b, pkgmgr.JLink)
	springBootMarkdown(&b, pkgmgr.SpringBoot)
	muslMarkdown(&b, pkgmgr.CargoMusl)
	devToolsMarkdown(&b, pkgmgr.DevTools())
	cgoModulesMarkdown(&b, pkgmgr.CgoModules())
	return b.String()
}

// buildOutputsMarkdown lists where the compiling build tools (cargo, Maven, Gradle) write
// what they build and how their dependencies get a layer of their own.
func buildOutputsMarkdown(b *strings.Builder) {
	b.WriteString("## Java and Rust builds\n\n")
	b.WriteString("What `dockopt optimize` uses when it moves a Java or Rust build to its own stage and copies only " +
		"what the program runs into a runtime stage.\n\n")
	var ids []string
	for id := range pkgmgr.BuildOutputs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		o := pkgmgr.BuildOutputs[id]
		fmt.Fprintf(b, "- %s: builds %s into %s", id, o.Artifact, code(o.Dir))
		if len(o.DirOptions)+len(o.DirEnv) > 0 {
			fmt.Fprintf(b, " (moved by %s)", codes(append(append([]string{}, o.DirOptions...), o.DirEnv...)))
		}
		if len(o.ProfileDirs) > 0 {
			var ps []string
			for opt, d := range o.ProfileDirs {
				ps = append(ps, code(opt)+" → "+code(d))
			}
			sort.Strings(ps)
			fmt.Fprintf(b, ", profile directory %s, else %s", strings.Join(ps, ", "), code(o.DefaultProfile))
		}
		if o.InstallHomeEnv != "" {
			fmt.Fprintf(b, "; install puts programs in %s/bin (%s, default %s in the official images; %s)", code("$"+o.InstallHomeEnv),
				codes(append(append([]string{}, o.InstallRootOptions...), o.InstallRootEnv...)), code(o.InstallHomeDefault),
				"https://doc.rust-lang.org/cargo/commands/cargo-install.html")
		}
		fmt.Fprintf(b, "; dependencies first: %s [%s]\n", code(o.Prefetch), sourceText(o.Source))
	}
	b.WriteString("\n")
}

// jlinkMarkdown says how the optimizer links a Java runtime of the modules a program uses.
func jlinkMarkdown(b *strings.Builder, j *pkgmgr.JLinkTool) {
	b.WriteString("## Java runtimes linked with jlink\n\n")
	fmt.Fprintf(b, "On a JDK image of Java %d or later (glibc), `dockopt optimize` lists the modules the program uses in "+
		"the build stage (%s) and links them in a stage of their own on the same JDK, which copies only that list (%s), "+
		"into the runtime that debian slim receives.\n\n", j.MinVersion, code(j.JDepsCommand(j.MinVersion, []string{"app.jar"})), code(j.JLinkCommand(j.MinVersion)))
	for _, o := range j.JDeps {
		fmt.Fprintf(b, "- jdeps %s: %s [%s]\n", code(strings.TrimSpace(o.Option+" "+o.Arg)), o.Meaning, sourceText(o.Source))
	}
	for _, o := range j.JLink {
		fmt.Fprintf(b, "- jlink %s: %s [%s]\n", code(strings.TrimSpace(o.Option+" "+o.Arg)), o.Meaning, sourceText(o.Source))
	}
	for _, c := range j.Compress {
		fmt.Fprintf(b, "- jlink %s from JDK %d [%s]\n", code("--compress="+c.Value), c.Since, sourceText(c.Source))
	}
	fmt.Fprintf(b, "- Not found: %s [%s]\n\n", j.Reflection, sourceText(j.JDeps[0].Source))
}

// springBootMarkdown says how the optimizer copies a Spring Boot jar's layers.
func springBootMarkdown(b *strings.Builder, s *pkgmgr.SpringBootTool) {
	b.WriteString("## Spring Boot layered jars\n\n")
	fmt.Fprintf(b, "A Spring Boot application (the Maven plugin %s in pom.xml, or the Gradle plugin %s in build.gradle or build.gradle.kts) [%s]: "+
		"`dockopt optimize` extracts the jar's layers in the build stage, copies them into the runtime's working directory one by one in the order %s, "+
		"and runs the launcher class instead of `java -jar` (the JVM options before `-jar` and the arguments after the jar kept) [%s]. "+
		"The version is read from the plugin's version, the spring-boot-starter-parent's, or an imported spring-boot-dependencies's (a ${property} of <properties>); "+
		"Gradle's from the plugins block. Not done, with a note: no version found, layers turned off, a fully executable jar.\n\n",
		code(s.MavenPlugin), code(s.GradlePlugin), sourceText(s.PluginSource), codes(s.Layers), sourceText(s.LayersSource))
	fmt.Fprintf(b, "- Layers index by default from Spring Boot %s [%s]\n", s.MinVersion, sourceText(s.MinVersionSource))
	for _, e := range s.Extract {
		fmt.Fprintf(b, "- Extract, from %s: %s [%s]\n", e.Since, code(e.Value), sourceText(e.Source))
	}
	for _, l := range s.Launchers {
		fmt.Fprintf(b, "- Launcher, from %s: %s [%s]\n", l.Since, code(l.Value), sourceText(l.Source))
	}
	b.WriteString("\n")
}

// muslMarkdown says when a Rust build goes to scratch.
func muslMarkdown(b *strings.Builder, m *pkgmgr.MuslStatic) {
	b.WriteString("## Rust static builds\n\n")
	fmt.Fprintf(b, "- A cargo build on a rust image whose tag names %s, or with `--target *-musl`, links the C runtime statically by default "+
		"(crt-static) [%s]: the binary and the build image's %s go to `scratch` [%s]\n", codes(m.Tags), sourceText(m.Source), code(m.CACerts), sourceText(m.ImageSource))
	fmt.Fprintf(b, "- Not when Cargo.lock is missing, names a crate ending in %s (a binding to a C library) [%s], or the crate has %s: "+
		"a static binary would need the C library as a static archive; a note says so (musl image: not split; `--target *-musl`: debian slim)\n\n",
		code(m.SysSuffix), sourceText(m.SysSource), code(m.BuildScript))
}

// nodeProjectsMarkdown lists what the optimizer reads of a Node project to split its build
// from its runtime.
func nodeProjectsMarkdown(b *strings.Builder) {
	b.WriteString("## Node projects\n\n")
	b.WriteString("What `dockopt optimize` reads of a Node project when it moves the build to its own stage.\n\n")
	fmt.Fprintf(b, "- package.json's `packageManager` (`<name>@<version>[+<hash>]`): a package manager installed globally for the build "+
		"(`npm install -g pnpm@10`) is pinned to that version [%s]\n", sourceText(pkgmgr.PackageManagerSource))
	var ids []string
	for id := range pkgmgr.ProdInstalls {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		pi := pkgmgr.ProdInstalls[id]
		prog := id
		if id == "yarn-berry" {
			prog = "yarn"
		}
		fmt.Fprintf(b, "- Production dependencies only (%s): %s [%s]\n", id, code(prog+" "+strings.Join(pi.Args, " ")), sourceText(pi.Source))
	}
	workspacesMarkdown(b)
	ids = ids[:0]
	for id := range pkgmgr.BinFallback {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(b, "- %s: a first word that is neither a subcommand nor a script of package.json runs that program of "+
			"`node_modules/.bin` (%s): without the manager, the runtime runs that program [%s]\n", code(id+" NAME"), code(id+" fastify start"), sourceText(pkgmgr.BinFallback[id]))
	}
	yb := pkgmgr.YarnBerry
	fmt.Fprintf(b, "- yarn berry (2+) is told from yarn classic by %s [%s]\n", codes(yb.Markers), sourceText(yb.MarkerSource))
	fmt.Fprintf(b, "- yarn berry's %s: %s (default) installs no node_modules but %s, which node needs at run time; %s writes node_modules [%s]\n",
		code(yb.LinkerSetting), code(yb.DefaultLinker), codes(yb.PnPFiles), code(yb.NodeModules), sourceText(yb.LinkerSource))
	fmt.Fprintf(b, "- yarn berry's %s keeps the package zips out of the project (in the user's home) [%s]\n", code(yb.GlobalCacheSetting), sourceText(yb.CacheSource))
	fmt.Fprintf(b, "- yarn berry leaves the devDependencies out only with %s %s; its %s reads no NODE_ENV and installs them [%s]\n",
		code("yarn "+strings.Join(yb.DevDependencies.Subcommands, ", ")), codes(yb.DevDependencies.Omit), code("yarn install"), sourceText(yb.DevDependencies.Source))
	fmt.Fprintf(b, "- %s comes with %s, which .yarnrc.yml's %s must list, before yarn %d (built in from then): without it the devDependencies stay, with a note [%s]\n",
		code("yarn workspaces focus"), code(yb.FocusPlugin), code(yb.PluginsSetting), yb.FocusBuiltinSince, sourceText(yb.FocusPluginSource))
	fmt.Fprintf(b, "- after a yarn berry install, %s are read only by yarn's next install: the production stage removes them before the runtime copies the project [%s]\n\n", codes(yb.InstallLeftovers), sourceText(yb.LeftoversSource))
}

// frontendsMarkdown lists what the optimizer knows of front-ends: the frameworks whose build
// is a static site and where it goes, the static and preview servers, Next.js's standalone
// output and the non-root nginx it writes.
func frontendsMarkdown(b *strings.Builder) {
	b.WriteString("## Front-ends\n\n")
	b.WriteString("What `dockopt optimize` reads when the image that ships only serves a front-end's build: the runtime " +
		"receives the build output alone, served by the static server the original ran, or by nginx as a non-root user " +
		"instead of a preview server; a Next.js app with standalone output gets only its standalone server.\n\n")
	for _, fw := range pkgmgr.Frontends {
		var builds []string
		for _, c := range fw.Builds() {
			builds = append(builds, code(strings.Join(c, " ")))
		}
		fmt.Fprintf(b, "- %s (package.json names %s", fw.Name, code(fw.Package))
		if fw.Requires != nil {
			fmt.Fprintf(b, " and %s sets %s", codes(fw.OutDirFiles), code(fw.RequiresText))
		}
		fmt.Fprintf(b, "): %s writes %s", strings.Join(builds, " or "), code(fw.OutDir))
		var moved []string
		if len(fw.OutDirOptions) > 0 {
			moved = append(moved, codes(fw.OutDirOptions))
		}
		if fw.OutDirEnv != "" {
			moved = append(moved, code(fw.OutDirEnv))
		}
		if len(fw.OutDirFiles) > 0 {
			moved = append(moved, code(fw.OutDirKey)+" in "+codes(fw.OutDirFiles))
		}
		if len(moved) > 0 {
			fmt.Fprintf(b, " (moved by %s)", strings.Join(moved, ", "))
		}
		if fw.DevServer != "" {
			port := append(append([]string{}, fw.DevPortOptions...), fw.DevPortEnv)
			fmt.Fprintf(b, "; its development server %s (port %s, set by %s) is replaced by nginx after the build", code(fw.DevServer), fw.DevPort, codes(slices.DeleteFunc(port, func(s string) bool { return s == "" })))
		}
		if fw.HTMLPages {
			b.WriteString("; it writes a page per route as ROUTE.html, which nginx tries for /ROUTE")
		}
		if fw.Start != nil {
			fmt.Fprintf(b, "; %s (port %s, default %s) is replaced by nginx: %s [%s]", code(strings.Join(fw.Start.Command, " ")), codes(fw.Start.PortOptions), fw.Start.DefaultPort, fw.Start.Why, sourceText(fw.Start.Source))
		}
		fmt.Fprintf(b, " [%s]\n", sourceText(fw.Source))
	}
	for _, sf := range pkgmgr.ServerFrontends {
		var when []string
		if sf.Setting != nil {
			when = append(when, code(sf.SettingText)+" in "+codes(sf.ConfigFiles))
		}
		for _, c := range sf.Builds {
			when = append(when, "the build runs "+code(strings.Join(c, " ")))
		}
		fmt.Fprintf(b, "- Not a static site: %s (package.json names %s; %s): %s; not served as a static front-end, with a note [%s]\n",
			sf.Name, code(sf.Package), strings.Join(when, ", or "), sf.Why, sourceText(sf.Source))
	}
	fmt.Fprintf(b, "- Angular builders that write the site into `browser/` under outputPath: %s\n", codes(pkgmgr.AngularBrowserBuilders))
	for _, s := range pkgmgr.StaticServers {
		fmt.Fprintf(b, "- Static server %s (npm package %s): serves its first operand (default %s); kept, installed alone in node's slim image [%s]\n",
			code(s.Program), code(s.Package), code(s.DefaultDir), sourceText(s.Source))
	}
	for _, ps := range pkgmgr.PreviewServers {
		fmt.Fprintf(b, "- Preview server %s (port %s, default %s): not a production server; replaced by nginx [%s]\n",
			code(strings.Join(ps.Command, " ")), codes(ps.PortOptions), ps.DefaultPort, sourceText(ps.Source))
	}
	ns := pkgmgr.NextStandalone
	fmt.Fprintf(b, "- Next.js (%s) with `output: 'standalone'` in %s: the runtime copies %s, %s and %s and runs %s (PORT, default %s; HOSTNAME=0.0.0.0) [%s]\n",
		code(ns.Package), codes(ns.ConfigFiles), code(ns.Dir), code(ns.Static), code(ns.Public), code(strings.Join(ns.Command, " ")), ns.Port, sourceText(ns.Source))
	ng := pkgmgr.NginxUnprivileged
	fmt.Fprintf(b, "- nginx as a non-root user (%s): user %s, pid file %s, %s under /tmp, port %s when the service's is below 1024, files in %s [%s]\n\n",
		code(ng.Image), code(ng.User), code(ng.Pid), codes(ng.TempPaths), ng.Port, code(ng.Root), sourceText(ng.Source))
}

// devToolsMarkdown lists the development tools the optimizer recognises in the command of
// the stage that ships.
func devToolsMarkdown(b *strings.Builder, tools []pkgmgr.DevTool) {
	b.WriteString("## Development tools\n\n")
	b.WriteString("Commands that serve development only. `dockopt optimize` recognises them as the command of the " +
		"stage that ships (directly, behind launchers, or in a package.json script run by `npm run`/`yarn`/`pnpm`) " +
		"and switches to the production start or keeps what they need.\n\n")
	for _, t := range tools {
		var when []string
		if len(t.Subcommands) > 0 {
			when = append(when, "with "+codes(t.Subcommands))
		}
		if len(t.NotSubcommands) > 0 {
			when = append(when, "unless "+codes(t.NotSubcommands))
		}
		if t.OptionsOnly {
			when = append(when, "with "+codes(t.Options))
		} else if len(t.Options) > 0 {
			when = append(when, "development options "+codes(t.Options))
		}
		if t.Production != "" {
			when = append(when, "production: "+code(t.Production))
		}
		prog := codes(t.Programs)
		for _, m := range t.Modules {
			prog += ", " + code("python -m "+m)
		}
		pkg := ""
		if t.Package != "" {
			pkg = " (package " + code(t.Package) + ")"
		}
		line := fmt.Sprintf("- %s: %s%s", code(t.Name), prog, pkg)
		if len(when) > 0 {
			line += "; " + strings.Join(when, "; ")
		}
		fmt.Fprintf(b, "%s: %s [%s]\n", line, t.What, sourceText(t.Source))
	}
	b.WriteString("\n")
}

// cgoModulesMarkdown lists the Go modules that need cgo, which make `dockopt optimize` build
// with CGO_ENABLED=1 onto a C library runtime instead of scratch.
func cgoModulesMarkdown(b *strings.Builder, mods []pkgmgr.CgoModule) {
	b.WriteString("## Go modules that need cgo\n\n")
	b.WriteString("A Go project that requires one of these modules in go.mod (or whose own files `import \"C\"`) is " +
		"built by `dockopt optimize` with `CGO_ENABLED=1` onto a runtime with the C library it was linked " +
		"against (debian slim for a Debian golang image), not scratch, and is not cross-compiled.\n\n")
	for _, m := range mods {
		line := fmt.Sprintf("- %s: %s", code(m.Path), m.Why)
		if len(m.DevPackages) > 0 {
			line += "; builds with the Debian package(s) " + codes(m.DevPackages)
		}
		fmt.Fprintf(b, "%s [%s]\n", line, sourceText(m.Source))
	}
	b.WriteString("\n")
}

func managerMarkdown(b *strings.Builder, m *pkgmgr.Manager) {
	fmt.Fprintf(b, "## %s\n\nEcosystem: %s · Source: %s\n\n", m.ID, m.Ecosystem, sourceText(m.Source))
	var run []string
	for _, p := range m.Programs {
		run = append(run, code(p))
	}
	for _, p := range m.VersionedPrograms {
		run = append(run, code(p)+" (also with a version: "+code(p+"3")+", "+code(p+"3.12")+")")
	}
	for _, mod := range m.Modules {
		run = append(run, code("python -m "+mod))
	}
	for _, v := range m.Via {
		run = append(run, code(v+" "+m.ID))
	}
	fmt.Fprintf(b, "- Runs as: %s\n", strings.Join(run, ", "))
	var subs []string
	for _, s := range m.Subcommands {
		t := code(s.Name)
		if len(s.Aliases) > 0 {
			t += " (" + codes(s.Aliases) + ")"
		}
		t += ": " + s.Action.String()
		if s.Source.URL != "" {
			t += " [" + sourceText(s.Source) + "]"
		}
		subs = append(subs, t)
	}
	fmt.Fprintf(b, "- Subcommands: %s\n", strings.Join(subs, "; "))
	if len(m.ValueOptions) > 0 {
		fmt.Fprintf(b, "- Options that take a value: %s\n", codes(m.ValueOptions))
	}
	if m.LongPrefixes {
		b.WriteString("- Long options may be abbreviated to any unambiguous prefix (`--no-cache` is `--no-cache-dir`)\n")
	}
	for _, ca := range m.Caches {
		cacheMarkdown(b, ca)
	}
	for _, in := range m.Insecure {
		what := "signature"
		if in.TLS {
			what = "TLS"
		}
		fmt.Fprintf(b, "- Turns %s checks off: %s %s [%s]\n", what, code(in.Option), in.Effect, sourceText(in.Source))
	}
	if f := m.Pin.Forms(); f != "" {
		fmt.Fprintf(b, "- Pinning: %s [%s]\n", f, sourceText(pkgmgr.PinSource[m.Pin]))
	}
	if len(m.Manifests)+len(m.Lockfiles) > 0 {
		fmt.Fprintf(b, "- Manifests: %s · Lockfiles: %s\n", orNone(m.Manifests), orNone(m.Lockfiles))
	}
	if dd := m.DevDependencies; dd != nil {
		fmt.Fprintf(b, "- Leaves devDependencies out: %s with %s", codes(dd.Subcommands), codes(dd.Omit))
		if dd.Env != "" {
			fmt.Fprintf(b, ", or under %s", code(dd.Env))
			if dd.Include != "" {
				fmt.Fprintf(b, " unless given %s", code(dd.Include))
			}
		}
		fmt.Fprintf(b, " [%s]\n", sourceText(dd.Source))
	}
	if vi := m.VenvInstall; vi != nil {
		venvInstallMarkdown(b, vi)
	}
	b.WriteString("\n")
}

// cacheMarkdown is one cache directory's line: where it is, what turns it off, moves or
// empties it, and the cache mount the optimizer gives it.
func cacheMarkdown(b *strings.Builder, ca pkgmgr.Cache) {
	fmt.Fprintf(b, "- Cache %s: %s", code(ca.Kind), code(ca.Dir))
	if len(ca.DisableOptions)+len(ca.DisableEnv) > 0 {
		fmt.Fprintf(b, "; off with %s", codes(append(append([]string{}, ca.DisableOptions...), ca.DisableEnv...)))
	}
	if len(ca.DirOptions)+len(ca.DirEnv) > 0 {
		fmt.Fprintf(b, "; moved with %s", codes(append(append([]string{}, ca.DirOptions...), ca.DirEnv...)))
	}
	if ca.CleanCommand != "" {
		fmt.Fprintf(b, "; emptied by %s", code(ca.CleanCommand))
	}
	fmt.Fprintf(b, " [%s]", sourceText(ca.Source))
	if f := ca.MountFlag(nil); f != "" {
		fmt.Fprintf(b, "; cache mount %s", code(f))
		if ca.Mount.Setup != "" {
			fmt.Fprintf(b, " after %s", code(ca.Mount.Setup))
		}
		if len(ca.Mount.Options) > 0 {
			fmt.Fprintf(b, " with %s", codes(ca.Mount.Options))
			if strings.Contains(strings.Join(ca.Mount.Options, " "), "TARGET") {
				b.WriteString(" (TARGET: the mount's target)")
			}
		}
		for _, e := range ca.DirEnv {
			if sub := ca.Mount.EnvSub[e]; sub != "" {
				fmt.Fprintf(b, ", at %s when %s is set", code("$"+e+"/"+sub), code(e))
			}
		}
		fmt.Fprintf(b, " [%s]", sourceText(ca.Mount.Source))
	}
	b.WriteString("\n")
}

// venvInstallMarkdown says how a Python project manager installs into a given virtualenv
// (the optimizer's split: /opt/venv in the build stage, copied without the manager).
func venvInstallMarkdown(b *strings.Builder, vi *pkgmgr.VenvInstall) {
	fmt.Fprintf(b, "- Installs into a given virtualenv (VENV): %s under %s", codes(vi.Subcommands), codes(vi.Env))
	if vi.CreatesVenv {
		b.WriteString(", which creates it")
	}
	switch {
	case len(vi.Production) > 0:
		fmt.Fprintf(b, "; without development dependencies: %s unless given %s", code(strings.Join(vi.Production, " ")), codes(append(append([]string{}, vi.GroupOptions...), vi.GroupEnv...)))
	case vi.NoProduction:
		b.WriteString("; development dependencies only when asked")
	}
	if len(vi.Refuse) > 0 {
		fmt.Fprintf(b, "; not with %s", codes(vi.Refuse))
	}
	if vi.CacheMount {
		b.WriteString("; its cache in a BuildKit cache mount")
	}
	if vi.Runner != "" {
		fmt.Fprintf(b, "; %s runs a program of the environment", code(vi.Runner))
	}
	fmt.Fprintf(b, " [%s]\n", sourceText(vi.Source))
}

func sourceText(s pkgmgr.Source) string {
	if s.Version == "" {
		return s.URL
	}
	return s.URL + " (" + s.Version + ")"
}

func code(s string) string { return "`" + s + "`" }

func codes(xs []string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = code(x)
	}
	return strings.Join(out, ", ")
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return codes(xs)
}

// workspacesMarkdown lists where a monorepo declares its workspaces and how each manager
// installs one workspace's production dependencies.
func workspacesMarkdown(b *strings.Builder) {
	for _, id := range sortedKeys(pkgmgr.WorkspaceDecls) {
		d := pkgmgr.WorkspaceDecls[id]
		fmt.Fprintf(b, "- Monorepo workspaces (%s): the patterns of %s in %s [%s]\n", id, code(d.Key), code(d.File), sourceText(d.Source))
	}
	for _, id := range sortedKeys(pkgmgr.WorkspaceInstalls) {
		wi := pkgmgr.WorkspaceInstalls[id]
		prog := strings.TrimSuffix(id, "-berry")
		how := "only the workspace the command runs (NAME) and the workspaces it depends on"
		if !wi.Focused {
			how = "every workspace's (a note says so): " + wi.Why
		}
		root := ""
		if len(wi.RootArgs) > 0 {
			root = fmt.Sprintf("; with %s when the root package.json has dependencies", code(strings.Join(wi.RootArgs, " ")))
		}
		fmt.Fprintf(b, "- One workspace's production dependencies (%s): %s, %s%s [%s]\n", id, code(prog+" "+strings.Join(wi.Args, " ")), how, root, sourceText(wi.Source))
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
