package optimize

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/internal/lazyre"
)

// nodeSlimBase is the slim variant of the stage's node image (the image itself when it is
// one); ok is false when the tag has none.
func nodeSlimBase(p *plan, st *dockerfile.Stage, repo, tag string) (string, bool) {
	if dockerfile.IsSmallVariantTag(tag) {
		return p.f.RootStage(st).BaseName, true
	}
	slim, ok := dockerfile.SlimVariantTag(tag)
	return repo + ":" + slim, ok
}

// safeSpec is a package spec that needs no shell quoting (serve, serve@14, serve@^14.2.1).
var safeSpec = lazyre.New(`^[@\w./^~-]+$`)

// serverSpec is what the runtime installs of the static server: the spec the build's
// global install named, else the version range package.json gives it, else its name.
func serverSpec(p *plan, st *dockerfile.Stage, pkg *nodePackage, s *pkgmgr.StaticServer) string {
	for sc := range pkgmgr.ChainCalls(p.f, st) {
		if sc.Manager.Ecosystem != "node" || sc.Action != pkgmgr.Install || !sc.Has("-g", "--global") {
			continue
		}
		for _, op := range sc.Operands {
			if op == s.Package || strings.HasPrefix(op, s.Package+"@") {
				if safeSpec.MatchString(op) {
					return op
				}
			}
		}
	}
	if v, ok := pkg.dep(s.Package); ok && safeSpec.MatchString(v) {
		return s.Package + "@" + v
	}
	return s.Package
}

// staticServerRuntime keeps the static server the original ran, on node's slim image with
// only that server installed and the build output copied from the build.
func staticServerRuntime(p *plan, st *dockerfile.Stage, pkg *nodePackage, fw *pkgmgr.Frontend, s *pkgmgr.StaticServer, serve []string, out, repo, tag string) (*runtimePlan, string, bool) {
	base, ok := nodeSlimBase(p, st, repo, tag)
	if !ok {
		return nil, "", false
	}
	spec := serverSpec(p, st, pkg, s)
	if _, v := pkgmgr.StaticServerFor(pkgmgr.ProgramBase(serve[0])); v != "" {
		// `npx serve@latest out`: the runtime installs that version and runs the program
		if safeSpec.MatchString(v) {
			spec = v
		}
		serve = append([]string{s.Program}, serve[1:]...)
	}
	rt := &runtimePlan{base: base, copies: [][2]string{{out, out}}, command: serve,
		stack: fmt.Sprintf("static front-end (%s, served by %s)", fw.Name, s.Program)}
	rt.setup = []string{"RUN npm install -g " + spec + " \\\n    && npm cache clean --force"}
	rt.portable = fmt.Sprintf("the runtime receives only %s's build output (%s), static files that are the same for every platform, and installs %s itself on its own image (no node_modules is copied from the build)", fw.Name, out, s.Program)
	rt.what = fmt.Sprintf("%s's build output, %s", fw.Name, out)
	rt.why = fmt.Sprintf("The image only serves %s's build (%s writes %s, %s) with %s (%s): %s holds node and that server, installed as the build installed it (`npm install -g %s`); the sources, node_modules and the build tools stay in the build stage.",
		fw.Name, commandText(fw.Build), out, fw.Source.URL, s.Program, s.Source.URL, base, spec)
	if cmd := stageCommand(p.f, st); commandText(cmd) != commandText(serve) {
		_, cmdIn := p.f.CommandsAt(st)
		rt.changes = append(rt.changes, Change{
			Title:  fmt.Sprintf("The container starts `%s` directly", shortCommand(serve)),
			Why:    fmt.Sprintf("`%s` runs `%s`; the runtime has %s installed globally and no package.json, so it runs that command itself.", commandText(cmd), commandText(serve), s.Program),
			Before: strings.TrimSpace(text(p.f, cmdIn)), After: "CMD " + jsonArray(serve),
		})
	}
	return rt, "", true
}

// previewPort is the port a preview or development server's command line listens on (vars:
// the stage's environment).
func previewPort(ps *pkgmgr.PreviewServer, words []string, vars map[string]string) string {
	for i, w := range words {
		for _, o := range ps.PortOptions {
			if w == o && i+1 < len(words) {
				return words[i+1]
			}
			if v, ok := strings.CutPrefix(w, o+"="); ok {
				return v
			}
		}
	}
	if v := vars[ps.PortEnv]; ps.PortEnv != "" && v != "" {
		return v
	}
	return ps.DefaultPort
}

// nginxRuntime serves the build output with nginx instead of a preview server, as the
// nginx-unprivileged images run it (pkgmgr.NginxUnprivileged): its own configuration, with
// a single-page fallback to index.html (what the preview server does), on the preview's port
// when that is above 1023, else on 8080; the user nginx.
func nginxRuntime(p *plan, st *dockerfile.Stage, fw *pkgmgr.Frontend, ps *replaced, serve []string, out string) *runtimePlan {
	ng := pkgmgr.NginxUnprivileged
	last := st.Instructions[len(st.Instructions)-1]
	port := previewPort(ps.PreviewServer, serve, p.f.Vars(last))
	if n, err := strconv.Atoi(port); err != nil || n < 1024 {
		port = ng.Port
	}
	rt := &runtimePlan{base: ng.Image, stack: fmt.Sprintf("static front-end (%s, served by nginx instead of `%s`)", fw.Name, strings.Join(ps.Command, " "))}
	rt.own = func(build string) []string {
		return []string{
			fmt.Sprintf("COPY --from=%s %s %s", build, out, ng.Root),
			nginxConfigRun(port, fw.HTMLPages),
			"EXPOSE " + port,
			"USER " + ng.User,
			`CMD ["nginx", "-g", "daemon off;"]`,
		}
	}
	rt.user = ng.User
	rt.portable = fmt.Sprintf("the runtime receives only %s's build output (%s), static files that are the same for every platform", fw.Name, out)
	rt.what = fmt.Sprintf("%s's build output, %s, into %s", fw.Name, out, ng.Root)
	kind := "preview server, which its documentation says is not a production server"
	if ps.dev {
		kind = "development server, which serves the sources, not the build"
	} else if ps.Why != "" {
		kind = "server: " + ps.Why
	}
	rt.why = fmt.Sprintf("`%s` is %s's %s (%s): nginx serves the build (%s writes %s, %s) with the same single-page fallback to index.html, on port %s, as the user %s with its pid file and temporary files under /tmp, as the nginx-unprivileged images do (%s).",
		commandText(serve), fw.Name, kind, ps.Source.URL, commandText(fw.Build), out, fw.Source.URL, port, ng.User, ng.Source.URL)
	return rt
}

// nginxConfigRun is the RUN that writes nginx.conf for a non-root nginx serving the static
// files of pkgmgr.NginxUnprivileged.Root on port; htmlPages: a request for /ROUTE also tries
// ROUTE.html (pkgmgr.Frontend.HTMLPages).
func nginxConfigRun(port string, htmlPages bool) string {
	ng := pkgmgr.NginxUnprivileged
	htmlTry := ""
	if htmlPages {
		htmlTry = "$uri.html " // /about is about.html
	}
	var temps []string
	conf := []string{"worker_processes auto;", "pid " + ng.Pid + ";", "error_log /dev/stderr notice;",
		"events { worker_connections 1024; }", "http {", "    include /etc/nginx/mime.types;",
		"    default_type application/octet-stream;", "    access_log /dev/stdout;", "    sendfile on;"}
	for _, t := range ng.TempPaths {
		dir := "/tmp/" + strings.TrimSuffix(t, "_path")
		conf = append(conf, fmt.Sprintf("    %s %s;", t, dir))
		temps = append(temps, dir)
	}
	conf = append(conf, "    server {", "        listen "+port+";", "        root "+ng.Root+";",
		"        location / { try_files $uri "+htmlTry+"$uri/ /index.html; }", "    }", "}")
	q := make([]string, len(conf))
	for i, l := range conf {
		q[i] = "'" + l + "'"
	}
	// nginx -t, as root, creates the pid file and the temporary directories as root's: they
	// go, so that the nginx user creates its own
	return "RUN printf '%s\\n' \\\n    " + strings.Join(q, " \\\n    ") + " \\\n    > /etc/nginx/nginx.conf \\\n" +
		"    && rm -f /etc/nginx/conf.d/default.conf && nginx -t \\\n    && rm -rf " + ng.Pid + " " + strings.Join(temps, " ")
}

// nextRuntime: a Next.js app that runs `next start` after `next build`. With `output:
// 'standalone'` in its next.config, the runtime receives only the standalone server and the
// static files it does not copy, and runs `node server.js`; without it, the generic Node
// split applies, and a note says what the setting would save (dockopt does not change the
// app's configuration).
func nextRuntime(p *plan, st *dockerfile.Stage, pkg *nodePackage, words []string, hasEntrypoint bool, repo, tag string) (*runtimePlan, string, bool) {
	ns := pkgmgr.NextStandalone
	start := buildCommand(pkg, words, []string{"next", "start"}, 0)
	wd := p.f.WorkdirEnd(st)
	cfg, standalone := nextConfig(p.f, p.ctx, st, wd)
	if start == nil || !nextBuilt(p.f, st, pkg) || !standalone {
		return nil, "", false
	}
	base, ok := nodeSlimBase(p, st, repo, tag)
	if hasEntrypoint || wd == "" || wd == "/" || !ok {
		return nil, "", false
	}
	rt := &runtimePlan{base: base, command: ns.Command, stack: "Next.js (output: 'standalone')"}
	rt.copies = [][2]string{{path.Join(wd, ns.Dir), wd}, {path.Join(wd, ns.Static), path.Join(wd, ns.Static)}}
	rt.what = fmt.Sprintf("the standalone server %s and %s", path.Join(wd, ns.Dir), path.Join(wd, ns.Static))
	if _, ok := contextFileAt(p.f, p.ctx, st, path.Join(wd, ns.Public)); ok {
		rt.copies = append(rt.copies, [2]string{path.Join(wd, ns.Public), path.Join(wd, ns.Public)})
		rt.what += " and " + path.Join(wd, ns.Public)
	}
	rt.setup = []string{"ENV HOSTNAME=0.0.0.0"}
	if port := portFromCommand(start); port > 0 {
		rt.setup = append(rt.setup, "ENV PORT="+strconv.Itoa(port))
	}
	rt.why = fmt.Sprintf("%s sets `output: 'standalone'`: `next build` writes a self-contained server (server.js with the node_modules it traced) into %s, which does not copy %s and %s (%s). It listens on PORT (default %s) and HOSTNAME, set to 0.0.0.0 (a container's HOSTNAME is its ID).", cfg, ns.Dir, ns.Static, ns.Public, ns.Source.URL, ns.Port)
	_, cmdIn := p.f.CommandsAt(st)
	rt.changes = append(rt.changes, Change{
		Title:  "The container starts Next.js's standalone server with `node server.js`",
		Why:    fmt.Sprintf("`%s` runs `%s`, which needs the whole node_modules; the standalone build's server.js is the same app (%s).", commandText(words), commandText(start), ns.Source.URL),
		Before: strings.TrimSpace(text(p.f, cmdIn)), After: "CMD " + jsonArray(ns.Command),
	})
	return rt, "", true
}

// nextBuilt reports whether a RUN of the stage's build runs `next build`.
func nextBuilt(f *dockerfile.File, st *dockerfile.Stage, pkg *nodePackage) bool {
	for _, s := range f.BuildOrder(st) {
		for _, in := range s.Instructions {
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				if buildCommand(pkg, append([]string{c.Name}, c.Args...), []string{"next", "build"}, 0) != nil {
					return true
				}
			}
		}
	}
	return false
}

// nextConfig is the next.config file the stage copies into wd ("" none) and whether it sets
// `output: 'standalone'`.
func nextConfig(f *dockerfile.File, ctx *buildctx.Context, st *dockerfile.Stage, wd string) (string, bool) {
	for _, name := range pkgmgr.NextStandalone.ConfigFiles {
		file, ok := contextFileAt(f, ctx, st, path.Join(wd, name))
		if !ok {
			continue
		}
		data, err := readContextFile(ctx, file)
		return file, err == nil && pkgmgr.StandaloneSet(data)
	}
	return "", false
}

// nextNote is what the report says of a Next.js app started with `next start` after `next
// build` without `output: 'standalone'` ("" for any other stage): the runtime keeps
// node_modules, and which setting would let it copy only the standalone server. dockopt
// does not change the app's configuration.
func nextNote(f *dockerfile.File, ctx *buildctx.Context, st *dockerfile.Stage) string {
	pkg := stagePackage(f, ctx, st)
	words := stageCommand(f, st)
	ns := pkgmgr.NextStandalone
	if pkg == nil || words == nil {
		return ""
	}
	if _, isNext := pkg.dep(ns.Package); !isNext || buildCommand(pkg, words, []string{"next", "start"}, 0) == nil || !nextBuilt(f, st, pkg) {
		return ""
	}
	cfg, standalone := nextConfig(f, ctx, st, f.WorkdirEnd(st))
	if fw := frontendOf(ctx, pkg); standalone || fw != nil && fw.Package == ns.Package {
		return "" // standalone or static export: the split serves it
	}
	where := "no next.config file"
	if cfg != "" {
		where = cfg + " does not set it"
	}
	return fmt.Sprintf("%s is a Next.js app without `output: 'standalone'` (%s): the image keeps the whole app with node_modules. With that setting, `next build` writes a self-contained server into %s and the runtime would need only it, %s and %s (%s); dockopt does not change the app's configuration", stageLabel(st), where, ns.Dir, ns.Static, ns.Public, ns.Source.URL)
}
