package lint

import (
	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// runTargets lints f once for each build target (a stage name; "" for the last stage), as
// a build of that target sees the file: its stages up to the target, so that the rules about
// the image that ships judge the target stage. Findings are merged without duplicates, in
// the order of the first run. No targets (or an unknown one) lint the whole file.
func runTargets(f *dockerfile.File, ctx *buildctx.Context, opt Options, targets []string) []rule.Finding {
	if len(targets) == 0 {
		return Run(f, ctx, opt)
	}
	type key struct {
		id        string
		line, col int
		msg       string
	}
	seen := map[key]bool{}
	var out []rule.Finding
	for _, t := range targets {
		for _, fd := range Run(ThroughTarget(f, t), ctx, opt) {
			k := key{fd.Rule.ID, fd.Line, fd.Column, fd.Message}
			if !seen[k] {
				seen[k] = true
				out = append(out, fd)
			}
		}
	}
	return out
}

// ThroughTarget returns f as a build of target sees it (dockerfile.File.Through); f itself
// for "" or a name that is no stage (lint reports the file as written).
func ThroughTarget(f *dockerfile.File, target string) *dockerfile.File {
	if target == "" {
		return f
	}
	st := f.StageByName(target)
	if st == nil {
		return f
	}
	g, err := f.Through(st)
	if err != nil {
		return f
	}
	return g
}
