package optimize

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
)

// The runtime bases `optimize --runtime` chooses from (Options.Runtime).
const (
	// RuntimeSlim is the default: the recipes' and the split's choice (a slim variant of the
	// toolchain image, or scratch for a static Go binary).
	RuntimeSlim = "slim"
	// RuntimeDistroless moves the stage that ships onto the matching distroless Debian 12 image
	// (runtimeDistrolessPass).
	RuntimeDistroless = "distroless"
	// RuntimeScratch asks for scratch, which only a static binary can run on.
	RuntimeScratch = "scratch"
)

// Runtimes are the values Options.Runtime takes ("" is RuntimeSlim).
var Runtimes = []string{RuntimeSlim, RuntimeDistroless, RuntimeScratch}

// ValidRuntime reports whether r is a runtime choice optimize knows ("" included).
func ValidRuntime(r string) bool { return r == "" || slices.Contains(Runtimes, r) }

// runtimeChoicePass applies --runtime to the stage that ships: distroless rewrites it
// (runtimeDistroless); scratch keeps a stage that is already on scratch (the Go recipe's
// static binary) and otherwise keeps the slim result with a note saying why.
func runtimeChoicePass(p *plan) {
	switch p.opt.Runtime {
	case RuntimeDistroless:
		runtimeDistroless(p)
	case RuntimeScratch:
		st := p.stage()
		if st.BaseName == "scratch" {
			return
		}
		p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("--runtime scratch: %s stays on %s: scratch has no C library, no language runtime and no files at all, so only a static binary runs on it (a Go program built with CGO_ENABLED=0); %s", stageLabel(st), st.BaseName, scratchWhyNot(p, st)))
	}
}

// scratchWhyNot says what the stage runs that needs more than scratch.
func scratchWhyNot(p *plan, st *dockerfile.Stage) string {
	prog := stageProgram(p.f, st)
	switch {
	case prog == "":
		return "its command could not be read"
	case strings.Contains(prog, "python") || strings.Contains(prog, "uvicorn") || strings.Contains(prog, "gunicorn"):
		return "it runs Python (" + prog + "); --runtime distroless puts it on gcr.io/distroless/python3-debian12"
	case strings.Contains(prog, "node"):
		return "it runs Node.js (" + prog + "); --runtime distroless puts it on gcr.io/distroless/nodejs20-debian12"
	}
	return "it runs " + prog + ", which dockopt does not know to be a static binary"
}
