package correctness

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/servercmd"
)

// devScripts are package.json script names that by convention start a development server.
var devScripts = map[string]bool{"dev": true, "develop": true, "start:dev": true}

// devStageNames are final-stage names that say the image is a development image on purpose.
var devStageNames = map[string]bool{"dev": true, "develop": true, "development": true, "local": true, "debug": true}

var (
	// DevServerInImage is DO515 (dev-server-in-image).
	DevServerInImage = &rule.Rule{
		ID:       "DO515",
		Name:     "dev-server-in-image",
		Family:   rule.Correctness,
		Severity: rule.Warning,
		Doc: rule.Doc{
			What: "Finds a development server as the command of the final image (its CMD and ENTRYPOINT, " +
				"from the final stage or the stage it is built FROM): `flask run`, `manage.py runserver`, " +
				"`php artisan serve`, `php -S`, `nodemon`, `ts-node-dev`, `webpack-dev-server`, `webpack " +
				"serve`, `next dev`, `nuxt dev`, `vite` (dev), `ng serve`, `vue-cli-service serve`, " +
				"`react-scripts start`, `gatsby develop`, and `npm`/`yarn`/`pnpm`/`bun` running a script " +
				"named dev, develop or start:dev. A final stage named dev, development, local or debug " +
				"says it is a development image and is not reported, nor are stages only built with " +
				"--target. `uvicorn --reload` and `gunicorn --reload` are DO507's.",
			Why: "Each of these tools says it is not for production: they run single-threaded or " +
				"unoptimised, serve unminified bundles, watch the source tree for changes that never " +
				"come in an image, and some expose a debugger. Django: \"DO NOT USE THIS SERVER IN A " +
				"PRODUCTION SETTING\"; Flask: \"Do not use the development server when deploying to " +
				"production\"; PHP's built-in server and Vite's dev server likewise. Build the assets " +
				"and run a production server (gunicorn, uvicorn, node on the built output, nginx for " +
				"static files, php-fpm).",
			Example:    "FROM node:22-slim\nCOPY . .\nRUN npm ci\nCMD [\"npm\", \"run\", \"dev\"]",
			UseInstead: "FROM node:22-slim\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/server.js\"]",
			References: []string{
				"https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver",
				"https://flask.palletsprojects.com/en/stable/deploying/",
				"https://www.php.net/manual/en/features.commandline.webserver.php",
				"https://laravel.com/docs/deployment",
				"https://vite.dev/guide/#command-line-interface",
				"https://nextjs.org/docs/app/getting-started/deploying",
				"https://angular.dev/tools/cli/deployment",
			},
		},
		Check: func(p *rule.Pass) {
			f := p.File
			final := f.FinalStage()
			if final == nil || devStageNames[final.Name] {
				return
			}
			for _, cl := range finalCommandLines(f, final) {
				idx, _ := servercmd.ProgramIndex(cl.Args)
				if idx < 0 || idx >= len(cl.Args) {
					continue
				}
				if what := devServer(cl.Args[idx:]); what != "" {
					servercmd.ReportArg(p, cl.Args[idx], what+" is a development server: the image should run a production server")
				}
			}
		},
	}
)

// finalCommandLines returns the command lines the image runs: its ENTRYPOINT and CMD (the
// last of each in the stage nearest the final one), with an exec-form CMD appended to an
// exec-form ENTRYPOINT.
func finalCommandLines(f *dockerfile.File, final *dockerfile.Stage) []servercmd.CmdLine {
	var entry, cmd *dockerfile.Instruction
	for _, st := range f.StageChain(final) {
		var e, c *dockerfile.Instruction
		for _, in := range st.Instructions {
			switch in.Cmd {
			case "entrypoint":
				e = in
			case "cmd":
				c = in
			}
		}
		if entry == nil {
			entry = e
		}
		if cmd == nil {
			cmd = c
		}
	}
	if entry != nil && entry.JSON && cmd != nil && cmd.JSON {
		args := append(servercmd.JSONArgs(f, entry), servercmd.JSONArgs(f, cmd)...)
		out := []servercmd.CmdLine{{In: entry, Args: args}}
		return append(out, servercmd.ShellC(f, entry, args)...)
	}
	var out []servercmd.CmdLine
	for _, in := range []*dockerfile.Instruction{entry, cmd} {
		if in != nil {
			out = append(out, servercmd.InstrCommandLines(f, in)...)
		}
	}
	return out
}

// devServer names the development server a command line starts ("npm run dev"), or "": the
// tools of pkgmgr's development-tool data (the one list the optimizer uses too), package.json
// scripts named dev, develop or start:dev, and PHP's built-in servers. `uvicorn --reload` and
// `gunicorn --reload` are DO507's.
func devServer(args []servercmd.Arg) string {
	words := make([]string, len(args))
	for i, a := range args {
		words[i] = a.Value
	}
	if use := pkgmgr.FindDevTool(words); use != nil {
		switch use.Tool.Name {
		case "uvicorn --reload", "gunicorn --reload":
			return ""
		}
		return use.Tool.Name
	}
	name := servercmd.Base(args[0].Value)
	var pos []string
	for _, a := range args[1:] {
		if !strings.HasPrefix(a.Value, "-") {
			pos = append(pos, a.Value)
		}
	}
	switch name {
	case "npx", "pnpx", "bunx":
		i := 1
		for i < len(args) && strings.HasPrefix(args[i].Value, "-") {
			i++
		}
		if i < len(args) {
			return devServer(args[i:])
		}
	case "npm", "pnpm", "bun", "yarn":
		if len(pos) > 1 && (pos[0] == "run" || pos[0] == "run-script") && devScripts[pos[1]] {
			return name + " run " + pos[1]
		}
		if name != "npm" && len(pos) > 0 && devScripts[pos[0]] {
			return name + " " + pos[0]
		}
	case "php":
		for _, a := range args[1:] {
			if strings.HasPrefix(a.Value, "-S") {
				return "php -S (the built-in web server)"
			}
		}
		if len(pos) > 1 && pos[0] == "artisan" && pos[1] == "serve" {
			return "php artisan serve"
		}
	}
	return ""
}
