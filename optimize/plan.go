package optimize

import (
	"fmt"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/fix"
	"github.com/dockopt/dockopt/rule"
)

// plan is the planner's state while passes rewrite a Dockerfile: the current text, its parse,
// the stage that ships (the build target), the build context and what has been recorded for
// the report. Each pass reads it, edits the text through apply and records its Changes and
// Notes in res.
type plan struct {
	// applyErr is why the last apply that returned false did not apply.
	applyErr error
	path     string
	text     string
	f        *dockerfile.File
	// target is the name of the stage that ships ("" for the last stage).
	target string
	ctx    *buildctx.Context
	opt    Options
	res    *Result
	a      *analysis
	// healthRemoved: the health pass removed a HEALTHCHECK that could never pass (its note
	// says why).
	healthRemoved bool
	// userAdded: the non-root user pass made the stage that ships run as a user
	// (rootOwnedPass says what that user cannot write).
	userAdded bool
	// userOwner is the owner that pass gives the paths the service writes (chown's argument).
	userOwner string
}

// pass is one improvement the planner applies wherever its condition holds, whatever the
// file's shape. run edits p (through p.apply) and records what it did in p.res; it does
// nothing when its condition does not hold, so running it on its own output changes nothing.
type pass struct {
	name string
	run  func(p *plan)
}

// passes run in this order after the ecosystem recipe (or, for a Dockerfile no recipe
// rewrites, after the safe fixes), on the stage that ships.
var passes = []pass{
	{"development command", devCommandPass},
	{"manifests before code", manifestsPass},
	{"split build from run", splitPass},
	{"front-end build on $BUILDPLATFORM", crossFrontendPass},
	{"chown/chmod into COPY", chmodPass},
	{"nginx as its user", nginxPass},
	{"non-root user", userPass},
	{"server options", serverOptionsPass},
	{"server extras", extrasPass},
	{"copy only the program", copyGlobPass},
	{"no pip in the runtime venv", venvPipPass},
	{"runtime base (--runtime)", runtimeChoicePass},
	{"health check", healthPass},
	{"cache mounts in the build stages", buildMountsPass},
	{"root-owned files note", rootOwnedPass},
}

func newPlan(path, text string, ctx *buildctx.Context, a *analysis, opt Options, res *Result) (*plan, error) {
	p := &plan{path: path, text: text, target: opt.Target, ctx: ctx, opt: opt, res: res, a: a}
	f, err := p.parse(text)
	if err != nil {
		return nil, fmt.Errorf("internal error: the rewrite does not parse: %w", err)
	}
	p.f = f
	if _, err := targetStage(f, p.target); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *plan) parse(text string) (*dockerfile.File, error) {
	return dockerfile.Parse(p.path, []byte(text), dockerfile.Options{BuildArgs: p.opt.BuildArgs})
}

// stage returns the stage that ships in the current text.
func (p *plan) stage() *dockerfile.Stage {
	st, _ := targetStage(p.f, p.target)
	return st
}

// apply applies edits to the text and parses the result. When the edits overlap, the result
// does not parse, or the target stage is gone, nothing changes and it returns false.
func (p *plan) apply(edits ...rule.TextEdit) bool {
	out, err := fix.Apply([]byte(p.text), edits)
	if err != nil {
		p.applyErr = err
		return false
	}
	f, err := p.parse(string(out))
	if err != nil {
		p.applyErr = fmt.Errorf("the result does not parse: %w", err)
		return false
	}
	if _, err := targetStage(f, p.target); err != nil {
		p.applyErr = err
		return false
	}
	p.text, p.f = string(out), f
	return true
}

// runPasses runs every pass once, in order.
func (p *plan) runPasses() {
	for _, ps := range passes {
		ps.run(p)
	}
}

// serverOptionsPass corrects server command lines (uvicorn/gunicorn options; DO506).
func serverOptionsPass(p *plan) {
	out := correctServerOptions(p.path, p.text, p.ctx, p.opt, p.res)
	if out == p.text {
		return
	}
	if f, err := p.parse(out); err == nil {
		p.text, p.f = out, f
	}
}
