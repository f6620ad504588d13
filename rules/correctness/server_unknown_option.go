package correctness

import (
	"fmt"
	"strings"

	"github.com/agext/levenshtein"

	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/servercmd"
)

var (
	// ServerUnknownOption is DO506 (server-unknown-option).
	ServerUnknownOption = &rule.Rule{
		ID:       "DO506",
		Name:     "server-unknown-option",
		Family:   rule.Correctness,
		Severity: rule.Error,
		Fix:      rule.UnsafeFix,
		Doc: rule.Doc{
			What: "Checks the uvicorn, gunicorn, hypercorn and daphne command lines of CMD and ENTRYPOINT (exec or shell " +
				"form, `python -m uvicorn`, behind launchers such as `exec`, `uv run`, `poetry run`, " +
				"`ddtrace-run`, and the words a CMD adds to an exec-form ENTRYPOINT) against the " +
				"servers' real options, and finds options the server does not have: `--max-requests` " +
				"is gunicorn's (uvicorn's is `--limit-max-requests`), `-w` is gunicorn's (uvicorn has " +
				"only `--workers`), `--host`/`--port` are uvicorn's (gunicorn binds with `-b`). For " +
				"gunicorn, hypercorn and daphne, whose argparse parsers accept unique prefixes, an " +
				"ambiguous prefix (`--worker`) is reported too. The option tables (rules/server_options.go) are read from " +
				"uvicorn's click options (0.11 to 0.38, options of older releases included), gunicorn " +
				"23.0's settings, hypercorn 0.17's and daphne 4.1's argparse options; words built from " +
				"variables are not checked.",
			Why: "Both servers refuse an unknown option and exit with status 2 (\"No such option\", " +
				"\"unrecognized arguments\") before serving anything: the image builds, then the " +
				"container restarts in a loop. The mistake usually comes from moving a command line " +
				"between uvicorn and gunicorn, whose options look alike.",
			Example:    "CMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\", \"-w\", \"4\", \"--max-requests\", \"1000\"]",
			UseInstead: "CMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\", \"--workers\", \"4\", \"--limit-max-requests\", \"1000\"]",
			Fixed:      "Server options are ones the server accepts",
			FixNotes: "When the server has exactly one option for the job (a table of equivalents, or a " +
				"single known option one typo away), the fix replaces the option's name and keeps its " +
				"value. Unsafe: the equivalent is not always identical; uvicorn's " +
				"--limit-max-requests makes a single-process server exit after N requests (gunicorn " +
				"restarts the worker instead), so check the result. The optimize step applies these " +
				"corrections and reports them.",
			References: []string{
				"https://www.uvicorn.org/settings/",
				"https://github.com/Kludex/uvicorn/blob/main/uvicorn/main.py",
				"https://docs.gunicorn.org/en/stable/settings.html",
				"https://github.com/benoitc/gunicorn/blob/master/gunicorn/config.py",
				"https://github.com/pgjones/hypercorn/blob/main/src/hypercorn/__main__.py",
				"https://github.com/django/daphne/blob/main/daphne/cli.py",
			},
		},
		Check: func(p *rule.Pass) {
			for _, call := range servercmd.CallsOf(p) {
				spec := call.Spec
				if spec == nil {
					continue
				}
				for _, o := range call.Options() {
					if o.Opt != nil {
						continue
					}
					var msg, to string
					if len(o.Ambiguous) > 0 {
						msg = fmt.Sprintf("%s option %s is ambiguous: it could be %s", spec.Program, o.Name, strings.Join(o.Ambiguous, ", "))
						if eq := spec.Equivalent[o.Name]; eq != "" {
							to = eq
							msg += "; write " + eq
						}
					} else {
						msg = fmt.Sprintf("%s has no option %s (checked against %s)", spec.Program, o.Name, spec.Version)
						if eq := spec.Equivalent[o.Name]; eq != "" {
							to = eq
							msg += ": use " + eq
						} else if h := spec.Hint[o.Name]; h != "" {
							msg += ": " + h
						} else if s, ok := spec.Suggest(o.Name); ok {
							msg += ": did you mean " + s + "?"
							if levenshtein.Distance(o.Name, s, nil) == 1 && len(o.Name) >= 6 {
								to = s
							}
						}
					}
					var edits []rule.TextEdit
					w := o.Arg
					if to != "" && w.ValueStart >= 0 && (w.Value == o.Name || strings.HasPrefix(w.Value, o.Name+"=")) {
						edits = []rule.TextEdit{{Start: w.ValueStart, End: w.ValueStart + len(o.Name), New: to}}
					}
					servercmd.ReportArg(p, w, msg, rule.WithFix("replace "+o.Name+" with "+to, edits...))
				}
			}
		},
	}
)
