package optimize

import (
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// frontendRuntime plans the runtime of a Node stage whose image only serves a front-end's
// production build (pkgmgr.Frontends): a static server the original ran (`serve -s dist`)
// keeps serving it from node's slim image with nothing but that server and the build output;
// a preview server (`vite preview`, which is no production server) is replaced by nginx
// running as its non-root user. A Next.js app built with `output: 'standalone'` runs its
// standalone server (nextRuntime). ok is false when the stage is none of these: the generic
// Node split applies (why, when not "", says what the report must know).
func frontendRuntime(p *plan, st *dockerfile.Stage, repo, tag string) (rt *runtimePlan, why string, ok bool) {
	pkg := stagePackage(p.f, p.ctx, st)
	words := stageCommand(p.f, st)
	if pkg == nil || words == nil {
		return nil, "", false
	}
	ep, _ := p.f.CommandsAt(st)
	fw := frontendOf(p.ctx, pkg)
	if _, isNext := pkg.dep(pkgmgr.NextStandalone.Package); isNext && (fw == nil || fw.Package != pkgmgr.NextStandalone.Package) {
		return nextRuntime(p, st, pkg, words, ep != nil, repo, tag)
	}
	if fw == nil {
		return nil, "", false
	}
	serve, server, preview := frontendServer(pkg, fw, words)
	if serve == nil || preview != nil && preview.dev && isDevStageName(st.Name) {
		return nil, "", false
	}
	out, buildWhy := frontendOutDir(p, st, pkg, fw)
	if out == "" {
		if buildWhy != "" {
			return nil, buildWhy, true
		}
		return nil, "", false
	}
	if ep != nil {
		return nil, fmt.Sprintf("%s serves %s's build through an ENTRYPOINT: dockopt rewrites only a CMD, so the build was not moved to its own stage", stageLabel(st), fw.Name), true
	}
	if server != nil {
		dir := serverDir(server, serve)
		if cleanAbs(dir, p.f.WorkdirEnd(st)) != out {
			return nil, "", false
		}
		return staticServerRuntime(p, st, pkg, fw, server, serve, out, repo, tag)
	}
	return nginxRuntime(p, st, fw, preview, serve, out), "", true
}

// frontendStack names the front-end stack stage st serves ("" for none): a Next.js app
// started with `next start`, or a static front-end's build served by a static or preview
// server (frontendRuntime plans them).
func frontendStack(f *dockerfile.File, ctx *buildctx.Context, st *dockerfile.Stage) string {
	pkg := stagePackage(f, ctx, st)
	words := stageCommand(f, st)
	if pkg == nil || words == nil {
		return ""
	}
	fw := frontendOf(ctx, pkg)
	if _, isNext := pkg.dep(pkgmgr.NextStandalone.Package); isNext && (fw == nil || fw.Package != pkgmgr.NextStandalone.Package) {
		_, standalone := nextConfig(f, ctx, st, f.WorkdirEnd(st))
		if standalone && nextBuilt(f, st, pkg) && buildCommand(pkg, words, []string{"next", "start"}, 0) != nil {
			return "a Next.js app with `output: 'standalone'`"
		}
		return ""
	}
	if fw == nil {
		return ""
	}
	serve, server, preview := frontendServer(pkg, fw, words)
	switch {
	case server != nil:
		return fmt.Sprintf("a static front-end (%s) served by %s", fw.Name, server.Program)
	case preview != nil && preview.dev && (isDevStageName(st.Name) || frontendBuiltAt(f, ctx, st, pkg, fw) == ""):
		// a development stage keeps its dev server; without the build there is nothing to serve
		return ""
	case preview != nil:
		return fmt.Sprintf("a static front-end (%s) served by `%s`", fw.Name, commandText(serve[:2]))
	}
	return ""
}

// frontendOf is the static front-end a package.json's dependencies and the build context's
// config files make the project (pkgmgr.FrontendFor), nil for none.
func frontendOf(ctx *buildctx.Context, pkg *nodePackage) *pkgmgr.Frontend {
	return pkgmgr.FrontendFor(contextConfig(ctx), pkg.Dependencies, pkg.DevDeps)
}

// contextConfig reads a file at the top of the build context (nil when it has none).
func contextConfig(ctx *buildctx.Context) func(string) []byte {
	return func(name string) []byte {
		data, err := readContextFile(ctx, name)
		if err != nil {
			return nil
		}
		return data
	}
}

// dep is the version range package.json gives a dependency or devDependency.
func (pkg *nodePackage) dep(name string) (string, bool) {
	if v, ok := pkg.Dependencies[name]; ok {
		return v, true
	}
	v, ok := pkg.DevDeps[name]
	return v, ok
}

// replaced is a server nginx replaces: a preview server, or (dev) the framework's development
// server.
type replaced struct {
	*pkgmgr.PreviewServer
	dev bool
}

// frontendServer reads what the command serves: the command line of the server (through npx
// and package.json scripts), and which it is: a static server, or a preview or development
// server nginx replaces (server nil). serve is nil when the command is none of these.
func frontendServer(pkg *nodePackage, fw *pkgmgr.Frontend, words []string) (serve []string, server *pkgmgr.StaticServer, preview *replaced) {
	for depth := 0; depth < 4; depth++ {
		idx, _ := pkgmgr.ProgramIndex(words)
		if idx < 0 {
			return nil, nil, nil
		}
		prog := pkgmgr.ProgramBase(words[idx])
		if s, _ := pkgmgr.StaticServerFor(prog); s != nil {
			return words[idx:], s, nil
		}
		if ps := pkgmgr.PreviewServerFor(words[idx:]); ps != nil {
			return words[idx:], nil, &replaced{PreviewServer: ps}
		}
		if fw.Start != nil && fw.Start.Runs(words[idx:]) {
			return words[idx:], nil, &replaced{PreviewServer: fw.Start}
		}
		if ds := pkgmgr.DevServerOf(fw, words[idx:]); ds != nil {
			return words[idx:], nil, &replaced{PreviewServer: ds, dev: true}
		}
		script, _ := pkg.scriptName(words)
		cmds := scriptCommands(pkg.Scripts[script])
		if script == "" || len(cmds) != 1 {
			return nil, nil, nil
		}
		words = append(cmds[0], extraScriptArgs(words)...)
	}
	return nil, nil, nil
}

// extraScriptArgs are the words after `--` of `npm run NAME -- ARGS`, which npm passes to
// the script.
func extraScriptArgs(words []string) []string {
	if i := slices.Index(words, "--"); i >= 0 {
		return words[i+1:]
	}
	return nil
}

// serverDir is the directory a static server's command line serves.
func serverDir(s *pkgmgr.StaticServer, words []string) string {
	for i := 1; i < len(words); i++ {
		w := words[i]
		switch {
		case slices.Contains(s.ValueOptions, w):
			i++
		case strings.HasPrefix(w, "-"):
		default:
			return w
		}
	}
	return s.DefaultDir
}

// frontendOutDir finds the RUN that builds the front-end (its build command, directly or in
// a package.json script) and returns the absolute directory it writes; "" when no RUN
// builds it, or (with why) when its output directory cannot be told.
func frontendOutDir(p *plan, st *dockerfile.Stage, pkg *nodePackage, fw *pkgmgr.Frontend) (out, why string) {
	for _, s := range p.f.BuildOrder(st) {
		for _, in := range s.Instructions {
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				build := frontendBuild(pkg, append([]string{c.Name}, c.Args...), fw)
				if build == nil {
					continue
				}
				dir, why := outDir(fw, p, build, p.f.Vars(in))
				if dir == "" {
					return "", fmt.Sprintf("%s builds %s (line %d), but %s: the build was not moved to its own stage", stageLabel(st), fw.Name, in.StartLine, why)
				}
				return cleanAbs(dir, p.f.WorkdirAt(in)), ""
			}
		}
	}
	return "", ""
}

// frontendBuiltAt reports (as the build's command line, "" for none) whether a RUN of
// st's build runs fw's build command.
func frontendBuiltAt(f *dockerfile.File, ctx *buildctx.Context, st *dockerfile.Stage, pkg *nodePackage, fw *pkgmgr.Frontend) string {
	for _, s := range f.BuildOrder(st) {
		for _, in := range s.Instructions {
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				if b := frontendBuild(pkg, append([]string{c.Name}, c.Args...), fw); b != nil {
					return commandText(b)
				}
			}
		}
	}
	return ""
}

// frontendBuild is the command line that runs one of fw's build commands, nil for none.
func frontendBuild(pkg *nodePackage, words []string, fw *pkgmgr.Frontend) []string {
	for _, b := range fw.Builds() {
		if build := buildCommand(pkg, words, b, 0); build != nil {
			return build
		}
	}
	return nil
}

// buildCommand is the command line that runs build (`vite build`), read through npx and
// package.json scripts; nil when words do not run it.
func buildCommand(pkg *nodePackage, words, build []string, depth int) []string {
	idx, _ := pkgmgr.ProgramIndex(words)
	if idx < 0 || depth > 3 {
		return nil
	}
	if len(words) > idx+1 && pkgmgr.ProgramBase(words[idx]) == build[0] && words[idx+1] == build[1] {
		return words[idx:]
	}
	script, _ := pkg.scriptName(words)
	if script == "" {
		return nil
	}
	for _, c := range scriptCommands(pkg.Scripts[script]) {
		if b := buildCommand(pkg, c, build, depth+1); b != nil {
			return append(b, extraScriptArgs(words)...)
		}
	}
	return nil
}

// outDir is where a build command line writes the site, relative to its directory; "" with
// why when a configuration dockopt does not read may move it.
func outDir(fw *pkgmgr.Frontend, p *plan, build []string, vars map[string]string) (string, string) {
	for i, w := range build {
		for _, o := range fw.OutDirOptions {
			if w == o && i+1 < len(build) {
				return build[i+1], ""
			}
			if v, ok := strings.CutPrefix(w, o+"="); ok {
				return v, ""
			}
		}
	}
	if fw.OutDirEnv != "" && vars[fw.OutDirEnv] != "" {
		return vars[fw.OutDirEnv], ""
	}
	if fw.Package == "@angular/cli" {
		return angularOutDir(p)
	}
	if len(fw.OutDirFiles) == 0 {
		return fw.OutDir, ""
	}
	setting := regexp.MustCompile(`\b` + regexp.QuoteMeta(fw.OutDirKey) + `['"]?\s*[:,}]`)
	for _, f := range fw.OutDirFiles {
		if pkgmgr.ConfigSetting(contextConfig(p.ctx), []string{f}, setting) != "" {
			return "", fmt.Sprintf("%s sets %s, which dockopt does not evaluate (%s)", f, fw.OutDirKey, fw.Source.URL)
		}
	}
	return fw.OutDir, ""
}

// angularOutDir reads angular.json's first project: its outputPath (a string, or an object
// with base and browser) and builder; the application builder writes the site into
// browser/.
func angularOutDir(p *plan) (string, string) {
	data, err := readContextFile(p.ctx, "angular.json")
	if err != nil {
		return "", "angular.json could not be read"
	}
	var ws struct {
		DefaultProject string `json:"defaultProject"`
		Projects       map[string]struct {
			Architect struct {
				Build struct {
					Builder string `json:"builder"`
					Options struct {
						OutputPath json.RawMessage `json:"outputPath"`
					} `json:"options"`
				} `json:"build"`
			} `json:"architect"`
		} `json:"projects"`
	}
	if json.Unmarshal(data, &ws) != nil || len(ws.Projects) != 1 {
		return "", "angular.json does not name exactly one project"
	}
	for name, proj := range ws.Projects {
		b := proj.Architect.Build
		out := strings.ReplaceAll("dist/{project}", "{project}", name)
		var s string
		if len(b.Options.OutputPath) > 0 && json.Unmarshal(b.Options.OutputPath, &s) != nil {
			return "", "angular.json's outputPath is not a string"
		}
		if s != "" {
			out = s
		}
		if slices.Contains(pkgmgr.AngularBrowserBuilders, b.Builder) {
			out = path.Join(out, "browser")
		}
		return out, ""
	}
	return "", ""
}
