package pkgmgr

import (
	"regexp"
	"strings"

	"github.com/dockopt/dockopt/internal/lazyre"
)

// Facts about Node front-ends: the frameworks whose production build is a directory of static
// files, where that directory is, the small static servers that serve it, and Next.js's
// standalone output. The optimizer's front-end split reads them; each carries its source.

// Frontend is a front-end framework whose build writes a static site into one directory.
type Frontend struct {
	// Name is how reports name it.
	Name string
	// Package is the package.json dependency (or devDependency) that marks a project as one.
	Package string
	// Build is the build command as its words (`vite build`); a package.json script or a RUN
	// that runs it builds the site. AltBuilds are other commands that run the same build
	// (`nuxi generate` for `nuxt generate`).
	Build     []string
	AltBuilds [][]string
	// Requires, when set, must match a line (not a comment) of one of OutDirFiles for the
	// project to be this front-end (Next.js's `output: 'export'`); RequiresText says it.
	Requires     *lazyre.Regexp
	RequiresText string
	// HTMLPages: the build writes a page per route as ROUTE.html (Next.js's export without
	// trailingSlash), which a request for /ROUTE must find.
	HTMLPages bool
	// Start is the framework's own server that the image may run after the build (`next
	// start`), which nginx replaces; nil for none.
	Start *PreviewServer
	// OutDir is the output directory, relative to the project; "dist/{project}" for Angular,
	// whose default is named for the project (OutDirFile says where it is set).
	OutDir string
	// OutDirOptions move it on the build's command line (vite build --outDir out).
	OutDirOptions []string
	// OutDirFile is the configuration file that may move it (vite.config.*, vue.config.js,
	// angular.json), OutDirKey the setting there; OutDirEnv an environment variable that
	// moves it (CRA's BUILD_PATH).
	OutDirFiles []string
	OutDirKey   string
	OutDirEnv   string
	// DevServer is the DevTools name of its development server (`vite`, `ng serve`), which
	// listens on DevPort unless DevPortOptions (or DevPortEnv) set another.
	DevServer      string
	DevPort        string
	DevPortOptions []string
	DevPortEnv     string
	Source         Source
}

// Frontends are the static front-end frameworks dockopt recognises, in the order they are
// tried (a project with several is the first): the frameworks built on Vite (SvelteKit,
// Astro, Nuxt) come before Vite itself. FrontendsSSG (frontend_ssg.go) are the first ones.
var Frontends = append(append([]Frontend{}, FrontendsSSG...), []Frontend{
	{Name: "Vite", Package: "vite", Build: []string{"vite", "build"}, OutDir: "dist", OutDirOptions: []string{"--outDir"},
		OutDirFiles: []string{"vite.config.js", "vite.config.ts", "vite.config.mjs", "vite.config.mts", "vite.config.cjs", "vite.config.cts"}, OutDirKey: "outDir",
		DevServer: "vite", DevPort: "5173", DevPortOptions: []string{"--port"},
		Source: Source{URL: "https://vite.dev/config/build-options#build-outdir", Version: "vite 6"}},
	{Name: "Create React App", Package: "react-scripts", Build: []string{"react-scripts", "build"}, OutDir: "build", OutDirEnv: "BUILD_PATH",
		DevServer: "react-scripts start", DevPort: "3000", DevPortEnv: "PORT",
		Source: Source{URL: "https://create-react-app.dev/docs/advanced-configuration/", Version: "react-scripts 5"}},
	{Name: "Angular", Package: "@angular/cli", Build: []string{"ng", "build"}, OutDir: "dist/{project}", OutDirOptions: []string{"--output-path"},
		OutDirFiles: []string{"angular.json"}, OutDirKey: "outputPath",
		DevServer: "ng serve", DevPort: "4200", DevPortOptions: []string{"--port"},
		Source: Source{URL: "https://angular.dev/reference/configs/workspace-config", Version: "Angular 17"}},
	{Name: "Vue CLI", Package: "@vue/cli-service", Build: []string{"vue-cli-service", "build"}, OutDir: "dist", OutDirOptions: []string{"--dest"},
		OutDirFiles: []string{"vue.config.js", "vue.config.cjs", "vue.config.mjs"}, OutDirKey: "outputDir",
		DevServer: "vue-cli-service serve", DevPort: "8080", DevPortOptions: []string{"--port"},
		Source: Source{URL: "https://cli.vuejs.org/config/#outputdir", Version: "@vue/cli-service 5"}},
}...)

// Builds are the commands that run fw's build: Build, then AltBuilds.
func (fw *Frontend) Builds() [][]string {
	return append([][]string{fw.Build}, fw.AltBuilds...)
}

// AngularBrowserBuilders are the angular.json builders that write the browser files into a
// browser/ subdirectory of outputPath (the application builder, Angular 17+).
var AngularBrowserBuilders = []string{"@angular-devkit/build-angular:application", "@angular/build:application"}

// FrontendFor is the framework a package.json's dependencies name (deps and devDeps are
// package names) whose build is a static site, nil for none. config reads a file of the
// project (nil when it has none): a framework whose Requires no config file sets is skipped,
// and a project whose configuration makes its build a server (ServerFrontends) is none.
func FrontendFor(config func(name string) []byte, deps ...map[string]string) *Frontend {
	for i := range Frontends {
		fw := &Frontends[i]
		if !hasDep(fw.Package, deps) {
			continue
		}
		if fw.Requires != nil && ConfigSetting(config, fw.OutDirFiles, fw.Requires.Regexp()) == "" {
			continue
		}
		if sf, _ := ServerFrontendFor(config, nil, deps...); sf != nil && sf.Package == fw.Package {
			return nil
		}
		return fw
	}
	return nil
}

func hasDep(name string, deps []map[string]string) bool {
	for _, d := range deps {
		if _, ok := d[name]; ok {
			return true
		}
	}
	return false
}

// ConfigSetting is the first of files (read by config) with a line, not a comment, that
// setting matches; "" for none.
func ConfigSetting(config func(name string) []byte, files []string, setting *regexp.Regexp) string {
	if config == nil {
		return ""
	}
	for _, f := range files {
		if data := config(f); data != nil && settingSet(data, setting) {
			return f
		}
	}
	return ""
}

// StaticServer is a small program that serves a directory of files over HTTP.
type StaticServer struct {
	// Program is its executable, Package its npm package.
	Program, Package string
	// ValueOptions are its options that take a separate value (-l 3000), so that the
	// directory can be told from them; DefaultDir is what it serves without one ("." ).
	ValueOptions []string
	DefaultDir   string
	Source       Source
}

// StaticServers are the static servers the optimizer keeps when the original used one.
var StaticServers = []StaticServer{
	{Program: "serve", Package: "serve", ValueOptions: []string{"-l", "--listen", "-p", "--port", "-c", "--config"}, DefaultDir: ".",
		Source: Source{URL: "https://github.com/vercel/serve#usage", Version: "serve 14"}},
	{Program: "http-server", Package: "http-server", ValueOptions: []string{"-p", "--port", "-a", "-c", "-e", "--ext", "-P", "--proxy"}, DefaultDir: "./public",
		Source: Source{URL: "https://github.com/http-party/http-server#usage", Version: "http-server 14"}},
}

// StaticServerFor is the static server a program is, nil for none. As npx runs a version of
// it (`npx serve@latest`), prog may name one: spec is then that package and version
// ("serve@latest"), else "".
func StaticServerFor(prog string) (s *StaticServer, spec string) {
	for i := range StaticServers {
		s := &StaticServers[i]
		if prog == s.Program {
			return s, ""
		}
		if strings.HasPrefix(prog, s.Program+"@") {
			return s, prog
		}
	}
	return nil, ""
}

// PreviewServer is a front-end command that serves the production build locally, for a
// check before deploying: its documentation says it is no production server, so the build
// is served by a web server instead.
type PreviewServer struct {
	// Command is the program and subcommand (`vite preview`).
	Command []string
	// PortOptions (or PortEnv) set its port, DefaultPort is its port without one.
	PortOptions []string
	PortEnv     string
	DefaultPort string
	// Why, when not "", says why it is no server for the image (else: its documentation
	// says it is no production server).
	Why    string
	Source Source
}

// PreviewServers are the preview servers dockopt recognises.
var PreviewServers = append([]PreviewServer{
	{Command: []string{"vite", "preview"}, PortOptions: []string{"--port"}, DefaultPort: "4173",
		Source: Source{URL: "https://vite.dev/guide/cli#vite-preview", Version: "vite 6"}},
}, PreviewServersSSG...)

// DevServerOf is fw's development server as a server nginx replaces (Source: the tool's
// documentation), nil when words (program first) do not run it.
func DevServerOf(fw *Frontend, words []string) *PreviewServer {
	use := FindDevTool(words)
	if use == nil || !use.Tool.Frontend || use.Tool.Name != fw.DevServer {
		return nil
	}
	return &PreviewServer{Command: []string{fw.DevServer}, PortOptions: fw.DevPortOptions, PortEnv: fw.DevPortEnv,
		DefaultPort: fw.DevPort, Source: use.Tool.Source}
}

// PreviewServerFor is the preview server a command line (program first) runs, nil for none.
func PreviewServerFor(words []string) *PreviewServer {
	for i := range PreviewServers {
		if PreviewServers[i].Runs(words) {
			return &PreviewServers[i]
		}
	}
	return nil
}

// Runs reports whether a command line (program first) runs the server: its program and
// subcommand (`vite preview`).
func (s *PreviewServer) Runs(words []string) bool {
	return len(words) > 1 && ProgramBase(words[0]) == s.Command[0] && words[1] == s.Command[1]
}

// NextStandalone is what Next.js's `output: 'standalone'` build writes and how it runs.
var NextStandalone = struct {
	// Package marks a Next.js project; ConfigFiles are the files that may set Setting.
	Package     string
	ConfigFiles []string
	// Setting matches `output: 'standalone'` in a line of the config file (StandaloneSet).
	Setting *lazyre.Regexp
	// Dir is the self-contained server (server.js and the traced node_modules), Static and
	// Public the directories it does not copy, which the runtime needs next to it.
	Dir, Static, Public string
	// Command runs it; it listens on PORT (Port when unset) and on HOSTNAME, which the
	// runtime sets to 0.0.0.0 (a container's HOSTNAME is its ID).
	Command []string
	Port    string
	Source  Source
}{
	Package:     "next",
	ConfigFiles: nextConfigFiles,
	Setting:     lazyre.New(`\boutput\s*:\s*['"]standalone['"]`),
	Dir:         ".next/standalone", Static: ".next/static", Public: "public",
	Command: []string{"node", "server.js"},
	Port:    "3000",
	Source:  Source{URL: "https://nextjs.org/docs/app/api-reference/config/next-config-js/output", Version: "Next.js 15"},
}

// NginxUnprivileged is how an nginx image runs as its own non-root user, as the
// nginx-unprivileged images do: no `user` directive (only root switches users), the pid file
// and the temporary files under /tmp, and a listening port above 1023 (Port, unless the
// service had another).
var NginxUnprivileged = struct {
	// Image is the nginx image dockopt writes (the version these facts were checked on).
	Image, User, Pid, Port string
	// TempPaths are the directives of the temporary files nginx writes, each set to
	// /tmp/<name>.
	TempPaths []string
	// Root is where the official image serves its files from.
	Root   string
	Source Source
}{
	Image: "nginx:1.22", User: "nginx", Pid: "/tmp/nginx.pid", Port: "8080",
	TempPaths: []string{"client_body_temp_path", "proxy_temp_path", "fastcgi_temp_path", "uwsgi_temp_path", "scgi_temp_path"},
	Root:      "/usr/share/nginx/html",
	Source:    Source{URL: "https://github.com/nginxinc/docker-nginx-unprivileged#readme", Version: "nginx 1.22"},
}

// StandaloneSet reports whether a next.config file's text sets `output: 'standalone'` on a
// line that is not a comment.
func StandaloneSet(config []byte) bool {
	return settingSet(config, NextStandalone.Setting.Regexp())
}

// settingSet reports whether setting matches a line of a JavaScript or TypeScript config
// file that is not a comment.
func settingSet(config []byte, setting *regexp.Regexp) bool {
	for _, l := range strings.Split(string(config), "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "//") || strings.HasPrefix(t, "/*") || strings.HasPrefix(t, "*") {
			continue
		}
		if setting.MatchString(t) {
			return true
		}
	}
	return false
}
