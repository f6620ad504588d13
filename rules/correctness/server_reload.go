package correctness

import (
	"fmt"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/servercmd"
)

var (
	// ServerReloadInImage is DO507 (server-reload-in-image).
	ServerReloadInImage = &rule.Rule{
		ID:       "DO507",
		Name:     "server-reload-in-image",
		Family:   rule.Correctness,
		Severity: rule.Warning,
		Doc: rule.Doc{
			What: "Finds `--reload` on the uvicorn, gunicorn or `flask run` command line of the final " +
				"image (the final stage or a stage it is built FROM). Stages only built with --target " +
				"(a dev image) are not reported.",
			Why: "The reloader is a development tool: it watches the source tree for changes that never " +
				"happen in an immutable image, costs a supervisor process and CPU for polling, restarts " +
				"the server when a mounted or generated file changes, cannot be combined with uvicorn's " +
				"--workers and is incompatible with gunicorn's --preload.",
			Example:    "CMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\", \"--reload\"]",
			UseInstead: "CMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\"]",
			References: []string{
				"https://www.uvicorn.org/settings/#development",
				"https://docs.gunicorn.org/en/stable/settings.html#reload",
				"https://flask.palletsprojects.com/en/stable/cli/#debug-mode",
			},
		},
		Check: func(p *rule.Pass) {
			final := p.File.FinalStage()
			if final == nil {
				return
			}
			inFinal := map[*dockerfile.Stage]bool{}
			for _, st := range p.File.StageChain(final) {
				inFinal[st] = true
			}
			for _, call := range servercmd.CallsOf(p) {
				if !inFinal[call.Stage] {
					continue
				}
				if call.Spec != nil {
					for _, o := range call.Options() {
						if o.Opt != nil && o.Opt.Name == "--reload" {
							servercmd.ReportArg(p, o.Arg, fmt.Sprintf("%s --reload in an image: the reloader is for development", call.Kind))
						}
					}
					continue
				}
				if call.Kind == "flask" {
					for _, a := range call.Args {
						if a.Value == "--reload" {
							servercmd.ReportArg(p, a, "flask run --reload in an image: the reloader is for development")
						}
					}
				}
			}
		},
	}
)
