package optimize

import (
	"fmt"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// devPrune is an install whose node_modules reach the stage that ships without the
// devDependencies.
type devPrune struct {
	in   *dockerfile.Instruction
	cmd  *dockerfile.Command
	call *pkgmgr.Call
	om   *pkgmgr.DevOmission
}

// devPrunes are the installs that leave devDependencies out of the node_modules stage st
// runs with (its chain, and the stages it copies node_modules from).
func devPrunes(p *plan, st *dockerfile.Stage) []devPrune {
	var out []devPrune
	pkg := stagePackage(p.f, p.ctx, st)
	for nc := range nodeCalls(p.f, st, false) {
		if om := omitsDev(p, pkg, nc.call, nc.in); om != nil {
			out = append(out, devPrune{in: nc.in, cmd: nc.cmd, call: nc.call, om: om})
		}
	}
	return out
}

// keepDevDependencies undoes the installs' omission of devDependencies when the stage's
// command needs one of them (a program of node_modules/.bin that only a devDependency
// provides): removing a dependency must never leave a command that needs it.
func keepDevDependencies(p *plan, st *dockerfile.Stage, lines [][]string) {
	pkg := stagePackage(p.f, p.ctx, st)
	var needs []string
	var command []string
	for _, l := range lines {
		for _, n := range neededDevDeps(pkg, l) {
			if !slices.Contains(needs, n) {
				needs, command = append(needs, n), l
			}
		}
	}
	if len(needs) == 0 {
		return
	}
	prunes := devPrunes(p, st)
	if len(prunes) == 0 {
		return
	}
	before, after, failed := unprune(p, prunes)
	if failed != nil {
		p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("`%s` needs the devDependenc%s %s, which `%s` (line %d) leaves out, and dockopt knows no option of %s that keeps them: the container cannot start as it is", commandText(command), yIes(len(needs)), strings.Join(needs, ", "), oneLine(failed.in.Original), failed.in.StartLine, failed.call.Manager.ID))
		return
	}
	if before == nil {
		return
	}
	p.res.Changes = append(p.res.Changes, Change{
		Title: fmt.Sprintf("devDependencies stay installed, because the command runs %s", strings.Join(needs, ", ")),
		Why: fmt.Sprintf("`%s` runs %s, which only devDependencies provide; `%s` left them out (%s), so the container would stop with `%s: not found`. Removing a dependency must never leave a command that needs it; a production start that needs none would let them go.",
			commandText(command), strings.Join(needs, ", "), before[0], prunes[0].om.Source.URL, needs[0]),
		Before: strings.Join(before, "\n"),
		After:  strings.Join(after, "\n"),
	})
	retractNoDevDependencies(p)
}

// unprune undoes the prunes; it returns the instructions before and after, or the prune it
// cannot undo (and then changes nothing).
func unprune(p *plan, prunes []devPrune) (before, after []string, failed *devPrune) {
	var edits []rule.TextEdit
	var lines []int
	for i, pr := range prunes {
		e, ok := unpruneEdit(pr)
		if !ok {
			return nil, nil, &prunes[i]
		}
		edits = append(edits, e)
		before = append(before, strings.TrimSpace(oneLine(pr.in.Original)))
		lines = append(lines, pr.in.StartLine)
	}
	if !p.apply(edits...) {
		return nil, nil, nil
	}
	// the edits stay inside their lines: the instructions start where they did
	for _, in := range p.f.Instructions {
		if slices.Contains(lines, in.StartLine) {
			after = append(after, strings.TrimSpace(oneLine(in.Original)))
		}
	}
	return before, after, nil
}

// unpruneEdit removes the options that omit devDependencies from an install, or adds the
// option that includes them despite NODE_ENV=production.
func unpruneEdit(pr devPrune) (rule.TextEdit, bool) {
	c := pr.cmd
	shift := len(c.Args) - len(pr.call.Args) // words before the manager's own arguments
	if len(pr.om.Args) == 0 {
		end := c.EndOffset()
		if pr.om.Include == "" || end < 0 {
			return rule.TextEdit{}, false
		}
		return rule.TextEdit{Start: end, End: end, New: " " + pr.om.Include}, true
	}
	first, last := shift+pr.om.Args[0], shift+pr.om.Args[len(pr.om.Args)-1]
	if first < 0 || last >= len(c.Words) || len(pr.om.Args) != last-first+1 {
		return rule.TextEdit{}, false
	}
	all := c.Call.Args
	base := len(all) - len(c.Words) // Words are the last words of the call
	start, end := wordEnd(c, all[base+first-1]), wordEnd(c, c.Words[last])
	if start < 0 || end < start {
		return rule.TextEdit{}, false
	}
	return rule.TextEdit{Start: start, End: end}, true
}

// wordEnd is the file offset just past a word of the command (-1 unknown).
func wordEnd(c *dockerfile.Command, w *syntax.Word) int {
	start := c.Offset(w.Pos())
	if start < 0 {
		return -1
	}
	return start + int(w.End().Offset()-w.Pos().Offset())
}

func yIes(n int) string {
	if n == 1 {
		return "y"
	}
	return "ies"
}

// retractNoDevDependencies rewrites what the Node recipe says about devDependencies once
// they are kept: its comment on the prod-deps stage and its Changes.
func retractNoDevDependencies(p *plan) {
	for _, r := range [][2]string{
		{prodDepsComment, "prod-deps installs the dependencies, devDependencies included (the command needs them), in their own layer: a code change does not touch it."},
		{nodeRuntimeComment, "runtime is the slim image with the dependencies and the built app, run as user node."},
		{nodeRuntimeCodeComment, "runtime is the slim image with the dependencies and the app, run as user node."},
	} {
		if i := strings.Index(p.text, r[0]); i >= 0 {
			p.apply(rule.TextEdit{Start: i, End: i + len(r[0]), New: r[1]})
		}
	}
	for i, c := range p.res.Changes {
		switch {
		case c.Title == titleNoDevDependencies:
			p.res.Changes[i] = Change{Title: "NODE_ENV=production", Why: "frameworks switch off development behaviour with NODE_ENV=production.", Before: "(none)", After: "ENV NODE_ENV=production"}
		case strings.HasSuffix(c.Why, prodDepsOnly):
			p.res.Changes[i].Why = strings.TrimSuffix(c.Why, prodDepsOnly) + "the dependencies the command needs (devDependencies included); compilers and npm's cache stay behind."
		}
	}
}
