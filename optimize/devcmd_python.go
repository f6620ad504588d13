package optimize

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/internal/lazyre"
)

// wsgiProduction is gunicorn serving the app of `flask run` or `manage.py runserver`, on the
// same address, when the stage installs gunicorn; else `flask run` without its development
// options. reason says why neither applies.
func wsgiProduction(p *plan, st *dockerfile.Stage, sc stageRun, d *devCmd) (argv []string, how, reason string) {
	at := sc.cmd
	if at == nil {
		at = sc.entry
	}
	var app, bind, where string
	if d.use.Tool.Name == "flask run" {
		app, bind, where = flaskApp(p, st, at, d)
	} else {
		app, bind, where = djangoApp(p, st, d)
	}
	req, installed := pythonInstalls(p, st, "gunicorn")
	switch {
	case !installed && app != "":
		reason = fmt.Sprintf("gunicorn, the production server, is not installed by the image's requirements; with gunicorn in them, `gunicorn --bind %s %s` would serve the app", bind, app)
	case !installed:
		reason = "gunicorn, the production server, is not installed by the image's requirements"
	case app == "":
		reason = "the WSGI application could not be found: " + where
	default:
		argv = append(gunicornPrefix(d), "--bind", bind, app)
		return argv, fmt.Sprintf("gunicorn, installed by %s, serves %s (%s) on %s, the address the development server used. It does not serve static files as the development server may: serve them from the app (WhiteNoise) or a web server.", req, app, where, bind), ""
	}
	if d.use.Tool.Name == "flask run" && len(d.use.Drop) > 0 {
		argv, how = withoutDevOptions(d)
		return argv, reason + "; Flask's server stays, without its debugger and reloader. " + how, ""
	}
	return nil, "", reason
}

// gunicornPrefix is how the command runs gunicorn: the words before the development server
// (launchers such as poetry run keep providing the venv) and `gunicorn`; after a Python
// interpreter (an ENTRYPOINT ["python3"] that later stages may rely on), `-m gunicorn` with
// the interpreter's options.
func gunicornPrefix(d *devCmd) []string {
	for j := 0; j < d.use.Program; j++ {
		if !pkgmgr.IsPython(d.words[j]) {
			continue
		}
		out := append([]string(nil), d.words[:j+1]...)
		for _, w := range d.words[j+1 : d.use.Program] {
			if strings.HasPrefix(w, "-") && w != "-m" {
				out = append(out, w)
			}
		}
		return append(out, "-m", "gunicorn")
	}
	return append(append([]string(nil), d.words[:d.use.Program]...), "gunicorn")
}

// flaskApp is the gunicorn spec of the app `flask run` serves (--app, FLASK_APP, else app.py
// or wsgi.py in the working directory: https://flask.palletsprojects.com/en/stable/cli/#application-discovery)
// and its address (--host/--port, FLASK_RUN_HOST/PORT, 127.0.0.1:5000); where says how the app was found.
func flaskApp(p *plan, st *dockerfile.Stage, at *dockerfile.Instruction, d *devCmd) (app, bind, where string) {
	vars := p.f.Vars(at)
	host, port := vars["FLASK_RUN_HOST"], vars["FLASK_RUN_PORT"]
	if host == "" {
		host = "127.0.0.1"
	}
	if port == "" {
		port = "5000"
	}
	spec := vars["FLASK_APP"]
	// click options: --name VALUE or --name=VALUE; --app before `run`, --host/--port after
	for i, w := range d.words {
		name, val, attached := strings.Cut(w, "=")
		if !attached && i+1 < len(d.words) {
			val = d.words[i+1]
		} else if !attached {
			continue
		}
		switch {
		case name == "--app" || name == "-A":
			spec = val
		case (name == "--host" || name == "-h") && i > d.use.Sub:
			host = val
		case (name == "--port" || name == "-p") && i > d.use.Sub:
			port = val
		}
	}
	bind = host + ":" + port
	module, attr, hasAttr := strings.Cut(spec, ":")
	module = strings.TrimSuffix(strings.TrimPrefix(module, "./"), ".py")
	candidates := []string{"wsgi", "app"}
	if module != "" {
		candidates = []string{module}
	}
	for _, m := range candidates {
		src, file := moduleSource(p, st, m)
		if file == "" {
			continue
		}
		if hasAttr {
			return m + ":" + attr, bind, "named by the command"
		}
		if a := flaskAttr(src); a != "" {
			return m + ":" + a, bind, "found in " + file
		}
		return "", bind, fmt.Sprintf("%s defines no `app = Flask(...)`, `application` or `create_app`", file)
	}
	return "", bind, "no app.py or wsgi.py in the image, and no --app or FLASK_APP"
}

var (
	flaskAppRe     = lazyre.New(`(?m)^(app|application)\s*=\s*Flask\(`)
	flaskFactoryRe = lazyre.New(`(?m)^def (create_app|make_app)\(`)
)

// flaskAttr is the name Flask's discovery finds in a module: an app object, or a factory
// (called: gunicorn accepts "module:create_app()").
func flaskAttr(src string) string {
	if m := flaskAppRe.FindStringSubmatch(src); m != nil {
		return m[1]
	}
	if m := flaskFactoryRe.FindStringSubmatch(src); m != nil {
		return m[1] + "()"
	}
	return ""
}

// moduleSource reads the Python module (dotted name) in the stage's working directory from
// the build context file the image holds; file is "" when there is none.
func moduleSource(p *plan, st *dockerfile.Stage, module string) (src, file string) {
	rel := strings.ReplaceAll(module, ".", "/")
	for _, cand := range []string{rel + ".py", rel + "/__init__.py"} {
		f, ok := contextFileAt(p.f, p.ctx, st, path.Join(p.f.WorkdirEnd(st), cand))
		if !ok {
			continue
		}
		data, err := readContextFile(p.ctx, f)
		if err != nil {
			continue
		}
		return string(data), f
	}
	return "", ""
}

var djangoSettingsRe = lazyre.New(`DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)['"]`)

// djangoApp is the WSGI module of the project `manage.py runserver` serves (the wsgi.py of
// the settings package manage.py names) and its address (runserver's addrport; Django's
// default 127.0.0.1:8000: https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver).
func djangoApp(p *plan, st *dockerfile.Stage, d *devCmd) (app, bind, where string) {
	bind = "127.0.0.1:8000"
	if len(d.use.Operands) > 0 {
		a := d.use.Operands[0]
		i := strings.LastIndex(a, ":")
		switch {
		case i < 0:
			bind = "127.0.0.1:" + a
		case a[:i] == "0":
			bind = "0.0.0.0:" + a[i+1:]
		default:
			bind = a
		}
	}
	prog := d.words[d.use.Program]
	if pkgmgr.ProgramBase(prog) != "manage.py" || strings.Contains(strings.TrimPrefix(prog, "./"), "/") {
		return "", bind, "the settings module is read from manage.py in the working directory"
	}
	src, file := moduleSource(p, st, "manage")
	m := djangoSettingsRe.FindStringSubmatch(src)
	if m == nil {
		return "", bind, "manage.py names no DJANGO_SETTINGS_MODULE"
	}
	pkg, _, _ := strings.Cut(m[1], ".")
	if w, _ := moduleSource(p, st, pkg+".wsgi"); !strings.Contains(w, "get_wsgi_application") {
		return "", bind, fmt.Sprintf("%s/wsgi.py, next to the settings %s names, is not in the image", pkg, file)
	}
	return pkg + ".wsgi", bind, fmt.Sprintf("the project %s names, %s", file, m[1])
}

// pythonInstalls reports whether the stage that ships (its chain, and the stages it copies
// from) installs a Python distribution: named on a pip command line, in a requirements file
// pip installs (with the files it includes), or in pyproject.toml for poetry and uv. where
// names the file or command.
func pythonInstalls(p *plan, st *dockerfile.Stage, dist string) (where string, ok bool) {
	for _, s := range stagesInto(p.f, st, true) {
		for _, in := range s.Instructions {
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				call := pkgmgr.ParseCommand(c)
				if call == nil || call.Manager.Ecosystem != "python" {
					continue
				}
				if w, ok := callInstalls(p, s, in, call, dist); ok {
					return w, true
				}
			}
		}
	}
	return "", false
}

// callInstalls reports whether one Python install call installs dist.
func callInstalls(p *plan, s *dockerfile.Stage, in *dockerfile.Instruction, call *pkgmgr.Call, dist string) (string, bool) {
	switch call.Sub {
	case "install", "pip install", "sync", "add":
	default:
		return "", false
	}
	for _, op := range call.Operands {
		if requirementName(op) == dist {
			return "`" + oneLine(in.Original) + "`", true
		}
	}
	var files []string
	reqs, _ := buildctx.PipInstallRefs(call)
	for _, r := range reqs {
		if !strings.HasPrefix(r, "/") {
			r = path.Join(p.f.WorkdirAt(in), r)
		}
		if cf, ok := contextFileAt(p.f, p.ctx, s, r); ok {
			files = append(files, cf)
		}
	}
	if call.Manager.ID == "poetry" || call.Manager.ID == "uv" && call.Sub != "pip install" {
		if cf, ok := contextFileAt(p.f, p.ctx, s, path.Join(p.f.WorkdirAt(in), "pyproject.toml")); ok {
			if data, err := readContextFile(p.ctx, cf); err == nil && pyprojectDepRe(dist).Match(data) {
				return cf, true
			}
		}
	}
	for _, f := range requirementClosure(p.ctx, files) {
		data, err := readContextFile(p.ctx, f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			if requirementName(line) == dist {
				return f, true
			}
		}
	}
	return "", false
}

var reqNameRe = lazyre.New(`^\s*([A-Za-z0-9][A-Za-z0-9._-]*)`)

// requirementName is the normalised project name a requirement line or pip operand names
// (PEP 503: lower case, runs of -_. as -), "" for options and comments.
func requirementName(line string) string {
	m := reqNameRe.FindStringSubmatch(line)
	if m == nil {
		return ""
	}
	return strings.Join(strings.FieldsFunc(strings.ToLower(m[1]), func(r rune) bool { return r == '-' || r == '_' || r == '.' }), "-")
}

// pyprojectDepRe finds dist in a pyproject.toml dependency list or table (PEP 621's
// `"gunicorn>=22"`, poetry's `gunicorn = "^22"`).
func pyprojectDepRe(dist string) *regexp.Regexp {
	return regexp.MustCompile(`(?mi)^\s*["']?` + regexp.QuoteMeta(dist) + `(?:["'\s=<>~!\[;,]|$)`)
}
