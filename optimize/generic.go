package optimize

import (
	"fmt"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// generic improves a Dockerfile in place: every safe fix, then the planner's passes on the
// stage that ships (a non-root user, corrected server options...). Everything else is kept
// as written, so a file that is already multi-stage is improved, not replaced.
func generic(f *dockerfile.File, ctx *buildctx.Context, a *analysis, opt Options, res *Result) (string, error) {
	fixed, applied, err := safeFixed(f, ctx, opt)
	if err != nil {
		return "", err
	}
	res.Changes = append(res.Changes, fixChanges(applied)...)
	p, err := newPlan(f.Path, string(fixed), ctx, a, opt, res)
	if err != nil {
		return "", err
	}
	p.runPasses()
	// the added lines can make a fix apply where none did (e.g. a blank line at the end of
	// the file becomes an empty continuation line): fix again, so that optimizing the output
	// changes nothing
	if fixed2, applied2, err := safeFixed(p.f, ctx, opt); err == nil && len(applied2) > 0 {
		if p.apply(rule.TextEdit{Start: 0, End: len(p.text), New: string(fixed2)}) {
			res.Changes = append(res.Changes, fixChanges(applied2)...)
		}
	}
	if a.port > 0 {
		res.Port = a.port
	}
	if st := p.stage(); !hasHealthcheck(p.f, st) && !p.healthRemoved {
		switch root := p.f.RootImage(st); {
		case res.stackSplit == "Java":
			res.Notes = appendOnce(res.Notes, javaHealthNote(root))
		case res.stackSplit == "Rust" && root != "scratch":
			res.Notes = appendOnce(res.Notes, fmt.Sprintf("no HEALTHCHECK is added for the Rust service: a check needs an HTTP client, %s has no curl or wget, and dockopt does not read a Rust program's source for a probe flag of its own; add one by hand", root))
		case root == "scratch":
			res.Notes = appendOnce(res.Notes, "no HEALTHCHECK: the image is FROM scratch (no shell, no curl), so only a probe flag of the program itself (e.g. -healthcheck) could check it; none is added")
		default:
			res.Notes = appendOnce(res.Notes, noHealthNote)
		}
	}
	return p.text, nil
}

// hasHealthcheck reports whether stage st, or a stage it is built FROM, has a HEALTHCHECK.
func hasHealthcheck(f *dockerfile.File, st *dockerfile.Stage) bool {
	for _, s := range f.StageChain(st) {
		for _, in := range s.Instructions {
			if in.Cmd == "healthcheck" {
				return true
			}
		}
	}
	return false
}

// readContextFile reads a context file through buildctx's one reader (and its one limit).
func readContextFile(ctx *buildctx.Context, rel string) ([]byte, error) {
	return ctx.ReadFile(rel)
}

// noHealthNote is the generic passes' note when the image has no HEALTHCHECK.
const noHealthNote = "no HEALTHCHECK is added, because dockopt cannot know what the service answers; add one by hand with a tool the image has (its language runtime, or the program's own probe flag)"
