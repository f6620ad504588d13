package correctness

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/servercmd"
)

var (
	// ServerBindsLocalhost is DO508 (server-binds-localhost).
	ServerBindsLocalhost = &rule.Rule{
		ID:       "DO508",
		Name:     "server-binds-localhost",
		Family:   rule.Correctness,
		Severity: rule.Error,
		Doc: rule.Doc{
			What: "Finds a server started by CMD/ENTRYPOINT that listens on the loopback interface " +
				"only: uvicorn with `--host 127.0.0.1`/`localhost`/`::1` or without `--host` (its " +
				"default is 127.0.0.1, unless UVICORN_HOST is set); gunicorn binding only loopback " +
				"addresses (`-b 127.0.0.1:8000`), or, when the build context has no gunicorn.conf.py, " +
				"without any `--bind` (default 127.0.0.1:8000 unless PORT or GUNICORN_CMD_ARGS is " +
				"set); hypercorn binding only loopback addresses, or without `--bind` and `--config` " +
				"(default 127.0.0.1:8000); daphne with a loopback `-b`, or without `-b`, `-u`, `--fd` " +
				"and `-e` (it then listens on 127.0.0.1, also when `-p` is given); `flask run` without `--host` (unless FLASK_RUN_HOST is set); `manage.py " +
				"runserver` without an address or with a loopback one. What a node, java or other " +
				"program binds cannot be known from the Dockerfile and is not reported.",
			Why: "Inside a container 127.0.0.1 is the container's own loopback: published ports " +
				"(`-p 8000:8000`), other containers and the orchestrator's probes connect through the " +
				"container's network interface and get \"connection refused\" or \"empty reply\", " +
				"although the server runs and logs that it is listening.",
			Example:    "CMD [\"uvicorn\", \"app:app\", \"--port\", \"8000\"]",
			UseInstead: "CMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\", \"--port\", \"8000\"]",
			References: []string{
				"https://www.uvicorn.org/settings/#socket-binding",
				"https://docs.gunicorn.org/en/stable/settings.html#bind",
				"https://hypercorn.readthedocs.io/en/latest/how_to_guides/configuring.html",
				"https://github.com/django/daphne/blob/main/daphne/cli.py",
				"https://flask.palletsprojects.com/en/stable/cli/#run-the-development-server",
				"https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver",
				"https://docs.docker.com/engine/network/#published-ports",
			},
		},
		Check: checkServerLocalhost,
	}
)

// relLoopback reports whether a host (or host:port) names the loopback interface.
func relLoopback(h string) bool {
	h = strings.Trim(strings.ToLower(h), `"'`)
	if strings.HasPrefix(h, "[") {
		if i := strings.Index(h, "]"); i > 0 {
			h = h[1:i]
		}
	} else if strings.Count(h, ":") == 1 {
		h, _, _ = strings.Cut(h, ":")
	}
	return h == "localhost" || h == "::1" || h == "ip6-localhost" || strings.HasPrefix(h, "127.")
}

func checkServerLocalhost(p *rule.Pass) {
	for _, call := range servercmd.CallsOf(p) {
		c := serverCall{p: p, call: call}
		for _, a := range call.Args {
			if !a.Literal {
				c.opaque = true
			}
		}
		switch call.Kind {
		case "uvicorn":
			c.uvicorn()
		case "gunicorn":
			c.gunicorn()
		case "hypercorn":
			c.hypercorn()
		case "daphne":
			c.daphne()
		case "flask":
			c.flask()
		case "django":
			c.django()
		}
	}
}

// serverCall is one server command DO508 checks.
type serverCall struct {
	p    *rule.Pass
	call servercmd.Call
	// opaque: a word built from variables may hold any option
	opaque bool
}

// resolve is an argument's value with the stage's ARG/ENV expanded (false when unknown).
func (c serverCall) resolve(a servercmd.Arg) (string, bool) {
	if a.Literal && !strings.Contains(a.Value, "$") {
		return a.Value, true
	}
	return c.p.File.Expand(a.In, a.Value)
}

// uvicorn: --host on loopback, or no --host (default 127.0.0.1).
func (c serverCall) uvicorn() {
	p, f, call, opaque, resolve := c.p, c.p.File, c.call, c.opaque, c.resolve
	var host *servercmd.CallOption
	other := false
	for _, o := range call.Options() {
		if o.Opt == nil {
			continue
		}
		switch o.Opt.Name {
		case "--host":
			o := o
			host = &o
		case "--uds", "--fd":
			other = true
		}
	}
	if other {
		return
	}
	if host != nil {
		if v, ok := resolve(host.Value); ok && host.HasValue && relLoopback(v) {
			servercmd.ReportArg(p, relValueOrOption(*host), fmt.Sprintf("uvicorn --host %s listens inside the container only: use --host 0.0.0.0", v))
		}
		return
	}
	if call.Open || opaque || servercmd.EnvSet(f, call.Stage, "UVICORN_HOST") {
		return
	}
	servercmd.ReportArg(p, call.Prog, "uvicorn without --host listens on 127.0.0.1, unreachable from outside the container: add --host 0.0.0.0")
}

// gunicorn: every --bind on loopback, or no --bind and no config (default 127.0.0.1:8000).
func (c serverCall) gunicorn() {
	p, f, call, opaque, resolve := c.p, c.p.File, c.call, c.opaque, c.resolve
	var binds []servercmd.CallOption
	config := false
	for _, o := range call.Options() {
		if o.Opt == nil {
			continue
		}
		switch o.Opt.Name {
		case "-b", "--bind":
			binds = append(binds, o)
		case "-c", "--config":
			config = true
		}
	}
	if len(binds) > 0 {
		all := true
		for _, b := range binds {
			v, ok := resolve(b.Value)
			if !ok || !b.HasValue || !relLoopback(v) {
				all = false
			}
		}
		if all {
			v, _ := resolve(binds[0].Value)
			servercmd.ReportArg(p, relValueOrOption(binds[0]), fmt.Sprintf("gunicorn --bind %s listens inside the container only: bind 0.0.0.0:PORT", v))
		}
		return
	}
	if call.Open || opaque || config || p.Context == nil || servercmd.EnvSet(f, call.Stage, "PORT") ||
		servercmd.EnvSet(f, call.Stage, "GUNICORN_CMD_ARGS") || relContextHas(p, "gunicorn.conf.py") {
		return
	}
	servercmd.ReportArg(p, call.Prog, "gunicorn without --bind listens on 127.0.0.1:8000, unreachable from outside the container: add -b 0.0.0.0:8000")
}

// hypercorn: every --bind on loopback, or no --bind and no --config (default 127.0.0.1:8000,
// Config._bind in hypercorn/config.py).
func (c serverCall) hypercorn() {
	p, call, resolve := c.p, c.call, c.resolve
	var binds []servercmd.CallOption
	for _, o := range call.Options() {
		switch {
		case o.Opt == nil:
		case o.Opt.Name == "-b" || o.Opt.Name == "--bind" || o.Opt.Name == "--insecure-bind":
			binds = append(binds, o)
		case o.Opt.Name == "-c" || o.Opt.Name == "--config":
			return // the configuration file may bind
		}
	}
	if len(binds) > 0 {
		for _, b := range binds {
			if v, ok := resolve(b.Value); !ok || !b.HasValue || !relLoopback(v) {
				return
			}
		}
		v, _ := resolve(binds[0].Value)
		servercmd.ReportArg(p, relValueOrOption(binds[0]), fmt.Sprintf("hypercorn --bind %s listens inside the container only: bind 0.0.0.0:PORT", v))
		return
	}
	if call.Open || c.opaque {
		return
	}
	servercmd.ReportArg(p, call.Prog, "hypercorn without --bind listens on 127.0.0.1:8000, unreachable from outside the container: add -b 0.0.0.0:8000")
}

// daphne: -b on loopback, or no -b, -u, --fd or -e (daphne/cli.py: DEFAULT_HOST 127.0.0.1,
// also when only -p is given).
func (c serverCall) daphne() {
	p, call, resolve := c.p, c.call, c.resolve
	var bind *servercmd.CallOption
	for _, o := range call.Options() {
		switch {
		case o.Opt == nil:
		case o.Opt.Name == "-b" || o.Opt.Name == "--bind":
			o := o
			bind = &o
		case o.Opt.Name == "-u" || o.Opt.Name == "--unix-socket" || o.Opt.Name == "--fd" || o.Opt.Name == "-e" || o.Opt.Name == "--endpoint":
			return
		}
	}
	if bind != nil {
		if v, ok := resolve(bind.Value); ok && bind.HasValue && relLoopback(v) {
			servercmd.ReportArg(p, relValueOrOption(*bind), fmt.Sprintf("daphne -b %s listens inside the container only: use -b 0.0.0.0", v))
		}
		return
	}
	if call.Open || c.opaque {
		return
	}
	servercmd.ReportArg(p, call.Prog, "daphne without -b listens on 127.0.0.1 (also with -p), unreachable from outside the container: add -b 0.0.0.0")
}

// flask: `flask run` with --host on loopback, or without --host.
func (c serverCall) flask() {
	p, f, call, opaque, resolve := c.p, c.p.File, c.call, c.opaque, c.resolve
	found := false
	for i, a := range call.Args {
		name, val, eq := strings.Cut(a.Value, "=")
		if name != "--host" && name != "-h" {
			continue
		}
		found = true
		v := servercmd.Arg{Value: val, Literal: a.Literal, In: a.In, Start: a.Start, End: a.End}
		if !eq {
			if i+1 >= len(call.Args) {
				break
			}
			v = call.Args[i+1]
		}
		if hv, ok := resolve(v); ok && relLoopback(hv) {
			servercmd.ReportArg(p, v, fmt.Sprintf("flask run --host %s listens inside the container only: use --host 0.0.0.0", hv))
		}
	}
	if !found && !opaque && !call.Open && !servercmd.EnvSet(f, call.Stage, "FLASK_RUN_HOST") {
		servercmd.ReportArg(p, call.Prog, "flask run without --host listens on 127.0.0.1, unreachable from outside the container: add --host 0.0.0.0")
	}
}

// django: `manage.py runserver` without an address, or with a loopback one.
func (c serverCall) django() {
	p, call, opaque := c.p, c.call, c.opaque
	if opaque || call.Open {
		return
	}
	addr := ""
	ipv6 := false
	var at servercmd.Arg
	for i := 0; i < len(call.Args); i++ {
		a := call.Args[i]
		switch {
		case a.Value == "--settings" || a.Value == "--pythonpath" || a.Value == "-v" || a.Value == "--verbosity":
			i++
		case a.Value == "-6" || a.Value == "--ipv6":
			ipv6 = true
		case strings.HasPrefix(a.Value, "-"):
		case addr == "":
			addr, at = a.Value, a
		}
	}
	switch {
	case addr == "" || strings.Trim(addr, "0123456789") == "":
		def := "127.0.0.1"
		if ipv6 {
			def = "[::1]"
		}
		where := call.Prog
		if addr != "" {
			where = at
		}
		port := "8000"
		if addr != "" {
			port = addr // runserver PORT: the port given, on the default address
		}
		servercmd.ReportArg(p, where, fmt.Sprintf("%s runserver listens on %s by default, unreachable from outside the container: give 0.0.0.0:%s", path.Base(call.Prog.Value), def, port))
	case relLoopback(addr):
		servercmd.ReportArg(p, at, fmt.Sprintf("runserver %s listens inside the container only: use 0.0.0.0:PORT", addr))
	}
}

// relValueOrOption returns the word to report for an option: its value word when separate.
func relValueOrOption(o servercmd.CallOption) servercmd.Arg {
	if o.HasValue && o.Value.Start >= 0 {
		return o.Value
	}
	return o.Arg
}

// relContextHas reports whether the build context holds a file with this base name.
func relContextHas(p *rule.Pass, base string) bool {
	if p.Context == nil {
		return false
	}
	for _, e := range p.Context.Entries {
		if !e.IsDir && path.Base(e.Path) == base {
			return true
		}
	}
	return false
}
