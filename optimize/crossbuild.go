package optimize

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// buildPlatformFlag is what a FROM gets to run its stage on the builder's own platform: BuildKit
// sets BUILDPLATFORM in the global scope of every build, so a FROM may use it without an ARG
// (multiPlatformSource).
const buildPlatformFlag = "--platform=$BUILDPLATFORM"

// onBuildPlatform returns the edit that puts the build of stage st (its chain of FROMs, which
// start at its root stage: a stage built FROM another inherits its platform) on
// $BUILDPLATFORM, for a split whose runtime receives only platform-independent files from it.
// why (edit nil) says what keeps the build on the target platform: a FROM that already names
// a platform, a stage of the chain that copies from another stage or mounts one (which would
// stay on the target platform), or another stage built FROM one of the chain (which would
// move with it).
func onBuildPlatform(f *dockerfile.File, st *dockerfile.Stage) (*rule.TextEdit, string) {
	chain := f.StageChain(st)
	root := f.RootStage(st)
	if root == nil || root.From == nil {
		return nil, ""
	}
	if root.Platform != "" {
		return nil, fmt.Sprintf("its FROM on line %d already names a platform (--platform=%s)", root.From.StartLine, root.Platform)
	}
	inChain := map[*dockerfile.Stage]bool{}
	for _, s := range chain {
		inChain[s] = true
	}
	for _, s := range chain {
		for _, in := range s.Instructions[1:] {
			if v, ok := in.Flag("from"); ok && (in.Cmd == "copy" || in.Cmd == "add") {
				return nil, fmt.Sprintf("line %d copies from %s, which would stay on the target platform", in.StartLine, v)
			}
			if v, ok := in.Flag("mount"); ok && strings.Contains(v, "from=") {
				return nil, fmt.Sprintf("line %d mounts files from another stage or image (%s)", in.StartLine, v)
			}
		}
	}
	for _, s := range f.Stages {
		if !inChain[s] && inChain[f.BaseStage(s)] {
			return nil, fmt.Sprintf("%s is built FROM %s and would move to the builder's platform with it", stageLabel(s), stageLabel(f.BaseStage(s)))
		}
	}
	src := f.Source[root.From.StartOffset:root.From.EndOffset]
	if len(src) < 5 || !strings.EqualFold(string(src[:4]), "from") {
		return nil, ""
	}
	at := root.From.StartOffset + 4
	return &rule.TextEdit{Start: at, End: at, New: " " + buildPlatformFlag}, ""
}

// crossBuildSplit puts the build of a split on $BUILDPLATFORM for opt.Platforms when the
// runtime receives only platform-independent files from it (rt.portable); it returns the
// edits and the report's change, or a note that says why the build stays on each target's
// image.
func crossBuildSplit(p *plan, st *dockerfile.Stage, rt *runtimePlan) (*rule.TextEdit, *Change, string) {
	if len(p.opt.Platforms) == 0 || rt.portable == "" {
		return nil, nil, ""
	}
	list := strings.Join(p.opt.Platforms, ", ")
	edit, why := onBuildPlatform(p.f, st)
	if edit == nil {
		if why == "" {
			return nil, nil, ""
		}
		return nil, nil, fmt.Sprintf("not cross-compiled for %s: %s's build writes platform-independent files, but %s; it builds on each target platform's image (on a builder of another platform, under emulation such as QEMU binfmt_misc)", list, stageLabel(st), why)
	}
	root := p.f.RootStage(st)
	return edit, &Change{
		Title: "Build on $BUILDPLATFORM for " + list,
		Why: fmt.Sprintf("%s: the build stage runs once, on the builder's own platform ($BUILDPLATFORM, which BuildKit sets), with no emulation, and only the runtime stage (%s) is pulled for each target platform of `--platform` (%s).",
			rt.portable, rt.base, multiPlatformSource),
		Before: "FROM " + root.BaseName,
		After:  "FROM " + buildPlatformFlag + " " + root.BaseName,
	}, ""
}
