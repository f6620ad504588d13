package pkgmgr

import (
	"strings"
	"sync"
)

// DevTool is a program, or a program's subcommand or options, that serves development only:
// it restarts the app when a file changes, serves a front-end with hot reload, compiles
// TypeScript on the fly, or is a framework's development server. Its own documentation says
// not to run it in production (Source).
type DevTool struct {
	// Name is how reports name it: "nodemon", "next dev", "flask run", "uvicorn --reload".
	Name      string
	Ecosystem string
	// Programs are the executables' base names; Modules the `python -m` names.
	Programs, Modules []string
	// Package is the package (npm or PyPI) that provides it; "" for the language's runtime
	// (node --watch).
	Package string
	// Subcommands: the call is a development command only when its first operand is one of
	// them ("dev" for next). NotSubcommands: the call is one unless its first operand is one
	// of them (vite serves unless told to build or preview). Neither: the program itself is.
	Subcommands, NotSubcommands []string
	// Options turn development mode on (uvicorn's --reload): a production command drops
	// them. When OptionsOnly is true the call is a development command only with one of them.
	Options     []string
	OptionsOnly bool
	// ValueOptions are development options that take a value (--reload-dir DIR): dropped with
	// Options; they do not make a development command by themselves.
	ValueOptions []string
	// ArgOptions are the tool's other options that take a separate value, so that the file it
	// runs can be told from their values (nodemon --exec CMD, ts-node -P tsconfig.json).
	ArgOptions []string
	// Production is the subcommand that runs the same app for production ("run" for
	// `fastapi dev`), "" when the tool has none.
	Production string
	// Frontend is true for a front-end dev server: in production the build script's output
	// is served instead, so a production start needs the build to have run.
	Frontend bool
	// What says what it does, for notes.
	What   string
	Source Source
}

func devNode(name, pkg, what, url string, progs ...string) DevTool {
	return DevTool{Name: name, Ecosystem: "node", Programs: progs, Package: pkg, What: what, Source: Source{URL: url}}
}

func frontend(t DevTool, subs ...string) DevTool {
	t.Frontend, t.Subcommands = true, subs
	return t
}

// devTools are the development tools dockopt recognises, built on first use.
var devTools = sync.OnceValue(func() []DevTool {
	return []DevTool{
		func() DevTool {
			t := devNode("nodemon", "nodemon", "restarts node whenever a file changes", "https://nodemon.io/", "nodemon")
			t.ArgOptions = []string{"-x", "--exec", "-w", "--watch", "-e", "--ext", "-i", "--ignore", "-d", "--delay", "--signal", "--config", "--exitcrash"}
			return t
		}(),
		func() DevTool {
			t := devNode("ts-node", "ts-node", "compiles TypeScript in memory at every start", "https://typestrong.org/ts-node/docs/", "ts-node", "ts-node-esm", "ts-node-transpile-only")
			t.ArgOptions = []string{"-r", "--require", "-P", "--project", "-O", "--compiler-options", "-C", "--compiler", "-I", "--ignore"}
			return t
		}(),
		devNode("ts-node-dev", "ts-node-dev", "compiles TypeScript in memory and restarts on changes", "https://github.com/wclr/ts-node-dev", "ts-node-dev", "tsnd"),
		// tsx FILE and tsx watch FILE both run uncompiled TypeScript
		devNode("tsx", "tsx", "compiles TypeScript in memory at every start (tsx watch: and restarts on changes)", "https://tsx.is/", "tsx"),
		devNode("babel-node", "@babel/node", "compiles with Babel in memory; its documentation says not to use it in production", "https://babeljs.io/docs/babel-node", "babel-node"),
		func() DevTool {
			t := devNode("node --watch", "", "restarts node whenever a file changes", "https://nodejs.org/api/cli.html#--watch", "node", "nodejs")
			t.Options, t.OptionsOnly = []string{"--watch", "--watch-preserve-output"}, true
			t.ValueOptions = []string{"--watch-path"}
			t.ArgOptions = []string{"-r", "--require", "--import", "--loader", "--env-file", "-C", "--conditions"}
			return t
		}(),
		func() DevTool {
			t := devNode("vite", "vite", "serves the sources with hot module replacement", "https://vite.dev/guide/cli", "vite")
			t.Frontend, t.NotSubcommands = true, []string{"build", "preview", "optimize"}
			return t
		}(),
		frontend(devNode("next dev", "next", "serves the app in development mode with hot reload", "https://nextjs.org/docs/app/api-reference/cli/next", "next"), "dev"),
		frontend(devNode("nuxt dev", "nuxt", "serves the app in development mode with hot reload", "https://nuxt.com/docs/api/commands/dev", "nuxt", "nuxi"), "dev"),
		frontend(devNode("react-scripts start", "react-scripts", "serves a development build with hot reload", "https://create-react-app.dev/docs/available-scripts/", "react-scripts"), "start"),
		frontend(devNode("webpack serve", "webpack-dev-server", "serves a development bundle from memory", "https://webpack.js.org/api/cli/#serve", "webpack", "webpack-cli"), "serve", "s", "server"),
		frontend(devNode("webpack-dev-server", "webpack-dev-server", "serves a development bundle from memory", "https://webpack.js.org/configuration/dev-server/", "webpack-dev-server")),
		frontend(devNode("ng serve", "@angular/cli", "serves a development build with live reload", "https://angular.dev/cli/serve", "ng"), "serve", "s"),
		frontend(devNode("vue-cli-service serve", "@vue/cli-service", "serves a development build with hot reload", "https://cli.vuejs.org/guide/cli-service.html", "vue-cli-service"), "serve"),
		frontend(devNode("gatsby develop", "gatsby", "serves a development build with hot reload", "https://www.gatsbyjs.com/docs/reference/gatsby-cli/", "gatsby"), "develop"),
		frontend(devNode("astro dev", "astro", "serves the site in development mode", "https://docs.astro.build/en/reference/cli-reference/", "astro"), "dev"),
		func() DevTool {
			t := devNode("parcel", "parcel", "serves a development build with hot reload", "https://parceljs.org/features/cli/", "parcel")
			t.Frontend, t.NotSubcommands = true, []string{"build"}
			return t
		}(),
		{Name: "flask run", Ecosystem: "python", Programs: []string{"flask"}, Modules: []string{"flask"}, Package: "flask",
			Subcommands: []string{"run"}, Options: []string{"--debug", "--reload", "--debugger"},
			ValueOptions: []string{"--extra-files", "--exclude-patterns"}, ArgOptions: []string{"--app", "-A", "-e", "--env-file"},
			What:   "is Flask's development server; Flask's documentation says not to use it in production",
			Source: Source{URL: "https://flask.palletsprojects.com/en/stable/cli/#run-the-development-server"}},
		{Name: "manage.py runserver", Ecosystem: "python", Programs: []string{"manage.py", "django-admin"}, Modules: []string{"django"},
			Package: "django", Subcommands: []string{"runserver"}, ArgOptions: []string{"--settings", "--pythonpath"},
			What:   "is Django's development server (by default it reloads on changes); Django's documentation says not to use it in production",
			Source: Source{URL: "https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver"}},
		{Name: "uvicorn --reload", Ecosystem: "python", Programs: []string{"uvicorn"}, Modules: []string{"uvicorn"}, Package: "uvicorn",
			Options: []string{"--reload"}, OptionsOnly: true,
			ValueOptions: []string{"--reload-dir", "--reload-include", "--reload-exclude", "--reload-delay"},
			What:         "watches the files and restarts the server on changes; uvicorn's documentation lists it under development settings",
			Source:       Source{URL: "https://www.uvicorn.org/settings/#development"}},
		{Name: "gunicorn --reload", Ecosystem: "python", Programs: []string{"gunicorn"}, Package: "gunicorn",
			Options: []string{"--reload"}, OptionsOnly: true, ValueOptions: []string{"--reload-engine", "--reload-extra-file"},
			What:   "restarts the workers when the code changes; gunicorn's documentation says it is meant for development",
			Source: Source{URL: "https://docs.gunicorn.org/en/stable/settings.html#reload"}},
		{Name: "hypercorn --reload", Ecosystem: "python", Programs: []string{"hypercorn"}, Modules: []string{"hypercorn"}, Package: "hypercorn",
			Options: []string{"--reload"}, OptionsOnly: true,
			What:   "restarts the server when the code changes",
			Source: Source{URL: "https://hypercorn.readthedocs.io/en/latest/how_to_guides/configuring.html"}},
		{Name: "fastapi dev", Ecosystem: "python", Programs: []string{"fastapi"}, Package: "fastapi-cli",
			Subcommands: []string{"dev"}, Production: "run", Options: []string{"--reload"},
			What:   "runs uvicorn with auto-reload on 127.0.0.1; FastAPI's documentation says to use `fastapi run` in production",
			Source: Source{URL: "https://fastapi.tiangolo.com/fastapi-cli/"}},
	}
})

// DevTools returns the development tools dockopt recognises.
func DevTools() []DevTool { return devTools() }

// DevUse is a development tool found in a command line.
type DevUse struct {
	Tool *DevTool
	// Program is the index of the word naming the tool (the module of `python -m`); Sub the
	// index of its subcommand, -1 when none.
	Program, Sub int
	// Drop are the indices of its development options and their values, in order.
	Drop []int
	// Operands are the words after the program (and subcommand) that are neither options
	// nor option values: the file nodemon or ts-node runs is the first.
	Operands []string
}

// FindDevTool returns the development tool a command line (one program and its arguments,
// launchers included) runs, nil when it runs none. npm/pnpm/yarn exec and dlx are looked
// through; a package.json script (`npm run dev`) is not: the caller resolves it.
func FindDevTool(words []string) *DevUse {
	idx, module := ProgramIndex(words)
	if idx < 0 {
		return nil
	}
	name := ProgramBase(words[idx])
	if m := ForProgram(name); m != nil && m.Ecosystem == "node" {
		for j := idx + 1; j < len(words); j++ {
			switch words[j] {
			case "exec", "x", "dlx":
				if use := FindDevTool(words[j+1:]); use != nil {
					use.shift(j + 1)
					return use
				}
				return nil
			}
			if !strings.HasPrefix(words[j], "-") {
				break
			}
		}
		return nil
	}
	tools := devTools()
	for i := range tools {
		t := &tools[i]
		if module && contains(t.Modules, name) || !module && contains(t.Programs, name) {
			if use := t.match(words, idx); use != nil {
				return use
			}
		}
	}
	return nil
}

// shift moves a use's indices by n (it was found in words[n:]).
func (u *DevUse) shift(n int) {
	u.Program += n
	if u.Sub >= 0 {
		u.Sub += n
	}
	for i := range u.Drop {
		u.Drop[i] += n
	}
}

// match reads words[idx+1:] as a call of t; nil when it is not a development command.
func (t *DevTool) match(words []string, idx int) *DevUse {
	use := &DevUse{Tool: t, Program: idx, Sub: -1}
	dev := !t.OptionsOnly
	first := true
	for i := idx + 1; i < len(words); i++ {
		w := name(words[i])
		switch {
		case contains(t.Options, w):
			use.Drop = append(use.Drop, i)
			dev = true
		case contains(t.ValueOptions, w):
			use.Drop = append(use.Drop, i)
			if !strings.Contains(words[i], "=") && i+1 < len(words) {
				i++
				use.Drop = append(use.Drop, i)
			}
		case contains(t.ArgOptions, w) && !strings.Contains(words[i], "="):
			i++
		case strings.HasPrefix(w, "-"):
		default:
			if first && (len(t.Subcommands) > 0 || len(t.NotSubcommands) > 0) {
				if contains(t.NotSubcommands, w) || len(t.Subcommands) > 0 && !contains(t.Subcommands, w) {
					return nil
				}
				if len(t.Subcommands) > 0 {
					use.Sub = i
					first = false
					continue
				}
			}
			first = false
			use.Operands = append(use.Operands, words[i])
		}
	}
	if len(t.Subcommands) > 0 && use.Sub < 0 && !contains(t.Subcommands, "") || !dev {
		return nil
	}
	return use
}

// name is an option without its attached value ("--reload-dir=src" -> "--reload-dir").
func name(w string) string {
	if strings.HasPrefix(w, "-") {
		n, _, _ := strings.Cut(w, "=")
		return n
	}
	return w
}
