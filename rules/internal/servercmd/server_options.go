package servercmd

import (
	"sort"
	"strings"
	"sync"

	"github.com/agext/levenshtein"
)

// Option tables of the Python application servers whose command lines DO506-DO509 check.
//
// uvicorn: the click options of uvicorn/main.py and docs/settings.md (github.com/Kludex/uvicorn,
// formerly encode/uvicorn), from 0.11 (2019) to the main branch of late 2025 (0.38+). Options
// that only older releases had (--debug, --wsgi, --timeout-response) are kept, so a file pinned
// to an old uvicorn is not flagged. click matches long options exactly (no abbreviations) and
// uvicorn has no short options.
//
// gunicorn: the `cli` lists of the settings in gunicorn/config.py (github.com/benoitc/gunicorn,
// 23.0), i.e. https://docs.gunicorn.org/en/stable/settings.html, plus options of older releases
// (--debug, --sendfile). gunicorn parses with argparse, which also accepts a unique prefix of a
// long option (--work is ambiguous, --worker-c means --worker-connections).
//
// hypercorn: the argparse options of src/hypercorn/__main__.py (github.com/pgjones/hypercorn,
// 0.17); its bind defaults to 127.0.0.1:8000 (Config._bind in src/hypercorn/config.py).
//
// daphne: the argparse options of daphne/cli.py (github.com/django/daphne, 4.1), plus
// --threads of releases before 2.0; without -b, -u, --fd or -e it listens on 127.0.0.1 (its
// DEFAULT_HOST), also when only -p is given.

// serverOption is one command-line option.
type serverOption struct {
	// Name is "--workers" or "-w".
	Name string
	// Value is true when the option takes an argument.
	Value bool
	// Old marks options only older releases have; they do not take part in prefix matching.
	Old bool
}

// serverSpec describes one server's command line.
type serverSpec struct {
	Program string
	// Version names the release the table was read from.
	Version string
	Options []serverOption
	// Prefix is true for argparse-style parsers that accept unique prefixes of long options.
	Prefix bool
	// Equivalent maps an option the server does not have to the one that does the same job.
	Equivalent map[string]string
	// Hint gives advice for an unknown option without a one-to-one equivalent.
	Hint map[string]string
	// Needs maps an option and the implementation its value selects ("--http httptools") to
	// the package that provides it (DO509).
	Needs map[string]ServerNeed
}

// ServerNeed is the package an option's value needs at run time.
type ServerNeed struct {
	// Package is the Python package; Extra the extra that pulls it in ("uvicorn[standard]"),
	// "" when none does.
	Package, Extra string
	// Default says what the server does without the option, when that is to use the package
	// if it is installed and a built-in implementation otherwise: leaving the option out then
	// only gives up a speed-up, so a fix may remove it. "" when the server would behave
	// differently without it (WebSocket support, gunicorn's worker model).
	Default string
}

func serverOpts(value bool, names ...string) []serverOption {
	out := make([]serverOption, len(names))
	for i, n := range names {
		out[i] = serverOption{Name: n, Value: value}
	}
	return out
}

func serverJoin(groups ...[]serverOption) []serverOption {
	var out []serverOption
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

func uvicornSpec() *serverSpec {
	return &serverSpec{
		Program: "uvicorn",
		Version: "uvicorn 0.11-0.38",
		Options: serverJoin(
			serverOpts(true, "--host", "--port", "--uds", "--fd", "--reload-dir", "--reload-include",
				"--reload-exclude", "--reload-delay", "--workers", "--loop", "--http", "--ws",
				"--ws-max-size", "--ws-max-queue", "--ws-ping-interval", "--ws-ping-timeout",
				"--ws-per-message-deflate", "--lifespan", "--interface", "--env-file", "--log-config",
				"--log-level", "--forwarded-allow-ips", "--root-path", "--limit-concurrency", "--backlog",
				"--limit-max-requests", "--limit-max-requests-jitter", "--max-requests-jitter",
				"--timeout-keep-alive", "--timeout-graceful-shutdown", "--timeout-worker-healthcheck",
				"--ssl-keyfile", "--ssl-certfile", "--ssl-keyfile-password", "--ssl-version",
				"--ssl-cert-reqs", "--ssl-ca-certs", "--ssl-ciphers", "--header", "--app-dir",
				"--h11-max-incomplete-event-size"),
			serverOpts(false, "--reload", "--access-log", "--no-access-log", "--use-colors",
				"--no-use-colors", "--proxy-headers", "--no-proxy-headers", "--server-header",
				"--no-server-header", "--date-header", "--no-date-header", "--factory", "--version",
				"--help", "--http2", "--reset-contextvars"),
			[]serverOption{{Name: "--debug", Old: true}, {Name: "--wsgi", Old: true},
				{Name: "--timeout-response", Value: true, Old: true}},
		),
		Equivalent: map[string]string{
			"--max-requests":       "--limit-max-requests",
			"-w":                   "--workers",
			"--worker":             "--workers",
			"--keep-alive":         "--timeout-keep-alive",
			"--keepalive":          "--timeout-keep-alive",
			"--graceful-timeout":   "--timeout-graceful-shutdown",
			"--loglevel":           "--log-level",
			"--log_level":          "--log-level",
			"--reload-dirs":        "--reload-dir",
			"--proxy-header":       "--proxy-headers",
			"--forwarded-allow-ip": "--forwarded-allow-ips",
			"--keyfile":            "--ssl-keyfile",
			"--certfile":           "--ssl-certfile",
			"--ca-certs":           "--ssl-ca-certs",
			"--ciphers":            "--ssl-ciphers",
			"--no-access-logs":     "--no-access-log",
			"--limit-concurency":   "--limit-concurrency",
		},
		Hint: map[string]string{
			"-b":               "uvicorn takes --host and --port, not gunicorn's --bind",
			"--bind":           "uvicorn takes --host and --port, not gunicorn's --bind",
			"-k":               "worker classes are gunicorn's; run `gunicorn -k uvicorn.workers.UvicornWorker` to combine them",
			"--worker-class":   "worker classes are gunicorn's; run `gunicorn -k uvicorn.workers.UvicornWorker` to combine them",
			"--timeout":        "uvicorn has no worker timeout; its timeouts are --timeout-keep-alive and --timeout-graceful-shutdown",
			"-t":               "uvicorn has no worker timeout; its timeouts are --timeout-keep-alive and --timeout-graceful-shutdown",
			"--threads":        "uvicorn runs one event loop per worker; use --workers",
			"--access-logfile": "uvicorn logs to stdout; use --log-config to send logs elsewhere",
			"--error-logfile":  "uvicorn logs to stdout; use --log-config to send logs elsewhere",
			"--log-file":       "uvicorn logs to stdout; use --log-config to send logs elsewhere",
			"-c":               "uvicorn has no config-file option; --env-file only sets the application's environment",
			"--config":         "uvicorn has no config-file option; --env-file only sets the application's environment",
			"-p":               "use --port",
			"-h":               "use --host (uvicorn has no -h; --help prints the usage)",
			"--preload":        "uvicorn always imports the application in each worker",
		},
		// uvicorn's pyproject.toml: standard = [httptools, uvloop, websockets, watchfiles,
		// python-dotenv, PyYAML]; uvicorn/config.py: --http and --loop default to "auto", which
		// imports httptools (uvloop) and falls back to h11 (asyncio) when it is missing.
		Needs: map[string]ServerNeed{
			"--http httptools": {Package: "httptools", Extra: "uvicorn[standard]",
				Default: "uvicorn's default, --http auto, uses httptools when it is installed and its built-in h11 parser otherwise"},
			"--loop uvloop": {Package: "uvloop", Extra: "uvicorn[standard]",
				Default: "uvicorn's default, --loop auto, uses uvloop when it is installed and asyncio otherwise"},
			"--ws websockets": {Package: "websockets", Extra: "uvicorn[standard]"},
			"--ws wsproto":    {Package: "wsproto"},
		},
	}
}

func gunicornSpec() *serverSpec {
	return &serverSpec{
		Program: "gunicorn",
		Version: "gunicorn 23.0",
		Prefix:  true,
		Options: serverJoin(
			serverOpts(true, "-c", "--config", "-b", "--bind", "--backlog", "-w", "--workers", "-k",
				"--worker-class", "--threads", "--worker-connections", "--max-requests",
				"--max-requests-jitter", "-t", "--timeout", "--graceful-timeout", "--keep-alive",
				"--limit-request-line", "--limit-request-fields", "--limit-request-field_size",
				"--reload-engine", "--reload-extra-file", "--chdir", "-e", "--env", "-p", "--pid",
				"--worker-tmp-dir", "-u", "--user", "-g", "--group", "-m", "--umask",
				"--forwarded-allow-ips", "--access-logfile", "--access-logformat", "--error-logfile",
				"--log-file", "--log-level", "--logger-class", "--log-config", "--log-config-json",
				"--log-syslog-to", "--log-syslog-prefix", "--log-syslog-facility", "--statsd-host",
				"--dogstatsd-tags", "--statsd-prefix", "-n", "--name", "--pythonpath", "--paste",
				"--paster", "--proxy-allow-from", "--keyfile", "--certfile", "--ssl-version",
				"--cert-reqs", "--ca-certs", "--ciphers", "--paste-global", "--header-map",
				"--forwarder-headers"),
			serverOpts(false, "-v", "--version", "-h", "--help", "--reload", "--spew", "--check-config",
				"--print-config", "--preload", "--no-sendfile", "--reuse-port", "-D", "--daemon",
				"--initgroups", "--disable-redirect-access-to-syslog", "--capture-output",
				"--log-syslog", "-R", "--enable-stdio-inheritance", "--proxy-protocol",
				"--suppress-ragged-eofs", "--do-handshake-on-connect", "--strip-header-spaces",
				"--permit-unconventional-http-method", "--permit-unconventional-http-version",
				"--casefold-http-method", "--permit-obsolete-folding"),
			[]serverOption{{Name: "-d", Old: true}, {Name: "--debug", Old: true},
				{Name: "--sendfile", Old: true}},
		),
		Equivalent: map[string]string{
			"--limit-max-requests":        "--max-requests",
			"--limit-max-requests-jitter": "--max-requests-jitter",
			"--timeout-keep-alive":        "--keep-alive",
			"--keepalive":                 "--keep-alive",
			"--timeout-graceful-shutdown": "--graceful-timeout",
			"--loglevel":                  "--log-level",
			"--ssl-keyfile":               "--keyfile",
			"--ssl-certfile":              "--certfile",
			"--ssl-ca-certs":              "--ca-certs",
			"--ssl-ciphers":               "--ciphers",
			"--limit-request-field-size":  "--limit-request-field_size",
			"--worker":                    "--workers",
			"--thread":                    "--threads",
		},
		Hint: map[string]string{
			"--host":              "gunicorn binds with -b HOST:PORT (--bind)",
			"--port":              "gunicorn binds with -b HOST:PORT (--bind)",
			"--root-path":         "gunicorn has no --root-path; set SCRIPT_NAME (see --forwarder-headers)",
			"--proxy-headers":     "gunicorn trusts forwarded headers from --forwarded-allow-ips",
			"--limit-concurrency": "gunicorn limits clients per worker with --worker-connections",
			"--factory":           "gunicorn calls an application factory written as 'module:create_app()'",
			"--lifespan":          "lifespan is set on the uvicorn worker class, not on gunicorn",
			"--loop":              "the event loop is chosen by the uvicorn worker class, not by gunicorn",
			"--http":              "the HTTP implementation is chosen by the uvicorn worker class, not by gunicorn",
			"--access-log":        "use --access-logfile - to log requests to stdout",
			"--uds":               "gunicorn binds a UNIX socket with -b unix:PATH",
		},
		// gunicorn's setup.cfg/pyproject.toml extras gevent, eventlet and tornado; without -k
		// gunicorn runs its sync workers, a different concurrency model.
		Needs: map[string]ServerNeed{
			"--worker-class gevent":   {Package: "gevent", Extra: "gunicorn[gevent]"},
			"--worker-class eventlet": {Package: "eventlet", Extra: "gunicorn[eventlet]"},
			"--worker-class tornado":  {Package: "tornado", Extra: "gunicorn[tornado]"},
		},
	}
}

func hypercornSpec() *serverSpec {
	return &serverSpec{
		Program: "hypercorn",
		Version: "hypercorn 0.17",
		Prefix:  true,
		Options: serverJoin(
			serverOpts(true, "--access-log", "--access-logfile", "--access-logformat", "--backlog",
				"-b", "--bind", "--ca-certs", "--certfile", "--cert-reqs", "--ciphers", "-c", "--config",
				"--error-log", "--error-logfile", "--log-file", "--graceful-timeout", "--read-timeout",
				"--max-requests", "--max-requests-jitter", "-g", "--group", "-k", "--worker-class",
				"--keep-alive", "--keyfile", "--keyfile-password", "--insecure-bind", "--log-config",
				"--log-level", "-p", "--pid", "--quic-bind", "--root-path", "--server-name",
				"--statsd-host", "--statsd-prefix", "-m", "--umask", "-u", "--user", "--verify-mode",
				"--websocket-ping-interval", "-w", "--workers"),
			serverOpts(false, "-h", "--help", "--debug", "--reload"),
		),
		Equivalent: map[string]string{
			"--timeout-keep-alive": "--keep-alive",
			"--keepalive":          "--keep-alive",
			"--loglevel":           "--log-level",
			"--ssl-keyfile":        "--keyfile",
			"--ssl-certfile":       "--certfile",
			"--worker":             "--workers",
			"--limit-max-requests": "--max-requests",
		},
		Hint: map[string]string{
			"--host":          "hypercorn binds with -b HOST:PORT (--bind)",
			"--port":          "hypercorn binds with -b HOST:PORT (--bind)",
			"--uds":           "hypercorn binds a UNIX socket with -b unix:PATH",
			"--fd":            "hypercorn binds a file descriptor with -b fd://NUM",
			"--proxy-headers": "hypercorn has no --proxy-headers: wrap the application in hypercorn.middleware.ProxyFixMiddleware",
		},
		// hypercorn's pyproject.toml extras uvloop and trio; -k asyncio is its default.
		Needs: map[string]ServerNeed{
			"--worker-class uvloop": {Package: "uvloop", Extra: "hypercorn[uvloop]"},
			"--worker-class trio":   {Package: "trio", Extra: "hypercorn[trio]"},
		},
	}
}

func daphneSpec() *serverSpec {
	return &serverSpec{
		Program: "daphne",
		Version: "daphne 4.1",
		Prefix:  true,
		Options: serverJoin(
			serverOpts(true, "-p", "--port", "-b", "--bind", "--websocket_timeout",
				"--websocket_connect_timeout", "-u", "--unix-socket", "--fd", "-e", "--endpoint", "-v",
				"--verbosity", "-t", "--http-timeout", "--access-log", "--ping-interval", "--ping-timeout",
				"--application-close-timeout", "--ws-protocol", "--asgi-protocol", "--root-path",
				"--proxy-headers-host", "--proxy-headers-port", "-s", "--server-name"),
			serverOpts(false, "-h", "--help", "--proxy-headers"),
			[]serverOption{{Name: "--threads", Value: true, Old: true}},
		),
		Equivalent: map[string]string{
			"--host":              "--bind",
			"--uds":               "--unix-socket",
			"--timeout":           "--http-timeout",
			"--websocket-timeout": "--websocket_timeout",
			"--log-level":         "--verbosity",
			"--proxy-header":      "--proxy-headers",
			"--access-logfile":    "--access-log",
		},
		Hint: map[string]string{
			"--workers":   "daphne runs one process: start several behind a load balancer, or use gunicorn with uvicorn workers",
			"-w":          "daphne runs one process: start several behind a load balancer, or use gunicorn with uvicorn workers",
			"--reload":    "daphne has no reloader",
			"--log-level": "daphne sets its log level with -v 0-3 (--verbosity)",
		},
	}
}

// serverSpecs lists the servers by program name, built on first use.
var serverSpecs = sync.OnceValue(func() map[string]*serverSpec {
	return map[string]*serverSpec{"uvicorn": uvicornSpec(), "gunicorn": gunicornSpec(),
		"hypercorn": hypercornSpec(), "daphne": daphneSpec()}
})

// lookup finds the option a word names: exact match, or (Prefix parsers) a unique prefix
// of a current long option. ambiguous lists the candidates of an ambiguous prefix.
func (s *serverSpec) lookup(name string) (opt *serverOption, ambiguous []string) {
	for i := range s.Options {
		if s.Options[i].Name == name {
			return &s.Options[i], nil
		}
	}
	if !s.Prefix || !strings.HasPrefix(name, "--") || len(name) < 3 {
		return nil, nil
	}
	var cands []*serverOption
	for i := range s.Options {
		o := &s.Options[i]
		if !o.Old && strings.HasPrefix(o.Name, name) {
			cands = append(cands, o)
		}
	}
	if len(cands) == 1 {
		return cands[0], nil
	}
	for _, c := range cands {
		ambiguous = append(ambiguous, c.Name)
	}
	sort.Strings(ambiguous)
	return nil, ambiguous
}

// shortOption returns the known one-letter option a "-xVALUE" word starts with.
func (s *serverSpec) shortOption(word string) *serverOption {
	if len(word) < 2 || word[0] != '-' || word[1] == '-' {
		return nil
	}
	for i := range s.Options {
		if s.Options[i].Name == word[:2] {
			return &s.Options[i]
		}
	}
	return nil
}

// Suggest returns the option the server has for an unknown one: its table of equivalents
// first, then the closest known option by edit distance (at most 2 edits).
func (s *serverSpec) Suggest(name string) (string, bool) {
	if eq, ok := s.Equivalent[name]; ok && eq != "" {
		return eq, true
	}
	best, bestD := "", 3
	for _, o := range s.Options {
		if o.Old || len(o.Name) < 4 {
			continue
		}
		if d := levenshtein.Distance(name, o.Name, nil); d < bestD {
			best, bestD = o.Name, d
		}
	}
	return best, best != ""
}
