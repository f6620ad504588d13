package optimize

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
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
// stay on the target platform), a stage of the chain before st with a CMD or ENTRYPOINT (an
// image of its own, which would be the builder's platform's), or another stage built FROM
// one of the chain (which would move with it).
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
			for _, fl := range in.Flags {
				if fl.Name == "mount" && strings.Contains(fl.Value, "from=") {
					return nil, fmt.Sprintf("line %d mounts files from another stage or image (%s)", in.StartLine, fl.Value)
				}
			}
		}
	}
	for _, s := range f.Stages {
		if !inChain[s] && inChain[f.BaseStage(s)] {
			return nil, fmt.Sprintf("%s is built FROM %s and would move to the builder's platform with it", stageLabel(s), stageLabel(f.BaseStage(s)))
		}
	}
	for _, s := range chain[1:] {
		for _, in := range s.Instructions {
			if in.Cmd == "cmd" || in.Cmd == "entrypoint" {
				return nil, fmt.Sprintf("%s has a %s of its own (line %d): an image of its own (`--target %s`) would then be built for the builder's platform", stageLabel(s), strings.ToUpper(in.Cmd), in.StartLine, s.Name)
			}
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

// crossFrontendPass: with --platform, a node stage that builds a static front-end
// (pkgmgr.Frontends) and that the image that ships copies only that build's output (and
// files of the build context) from is put on $BUILDPLATFORM: a Dockerfile that already serves
// its front-end from a stage of its own (FROM node AS build ... FROM nginx, COPY --from=build
// /app/dist ...). The split pass does the same for the stages it writes.
func crossFrontendPass(p *plan) {
	if len(p.opt.Platforms) == 0 {
		return
	}
	st := p.stage()
	srcs := map[*dockerfile.Stage][]string{}
	var order []*dockerfile.Stage
	for _, in := range st.Instructions {
		from, ok := in.Flag("from")
		if in.Cmd != "copy" || !ok || len(in.Args) < 2 {
			continue
		}
		s := p.f.StageByName(from)
		if s == nil || s == st {
			continue
		}
		if _, seen := srcs[s]; !seen {
			order = append(order, s)
		}
		srcs[s] = append(srcs[s], in.Args[:len(in.Args)-1]...)
	}
	for _, s := range order {
		if root := p.f.RootStage(s); root == nil || root.Platform != "" || !isNodeImage(p.f.RootImage(s)) {
			continue
		}
		pkg := stagePackage(p.f, p.ctx, s)
		if pkg == nil {
			continue
		}
		fw := frontendOf(p.ctx, pkg)
		if fw == nil {
			continue
		}
		out, _ := frontendOutDir(p, s, pkg, fw)
		if out == "" || !onlyOutputOrContext(p, s, srcs[s], out) {
			continue
		}
		crossFrontendStage(p, s, fw, out)
		return // the file changed: one stage per run (a second is rare)
	}
}

// onlyOutputOrContext reports whether every source (paths in stage s) is the front-end's
// output directory out, a path under it, or a file of the build context.
func onlyOutputOrContext(p *plan, s *dockerfile.Stage, sources []string, out string) bool {
	for _, src := range sources {
		abs := cleanAbs(src, p.f.WorkdirEnd(s))
		if strings.ContainsAny(src, "$*?[") {
			return false
		}
		if abs == out || strings.HasPrefix(abs, out+"/") {
			continue
		}
		if _, ok := contextFileAt(p.f, p.ctx, s, abs); !ok {
			return false
		}
	}
	return true
}

// crossFrontendStage puts stage s (a front-end's build, out its output) on $BUILDPLATFORM,
// or notes why it stays on the target platform.
func crossFrontendStage(p *plan, s *dockerfile.Stage, fw *pkgmgr.Frontend, out string) {
	list := strings.Join(p.opt.Platforms, ", ")
	edit, why := onBuildPlatform(p.f, s)
	if edit == nil {
		for _, n := range p.res.Notes {
			if why != "" && strings.Contains(n, why) {
				return // the split said it of the same build
			}
		}
		if why != "" {
			p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("not cross-compiled for %s: %s builds %s's static files (%s), which the image copies, but %s; it builds on each target platform's image (%s)", list, stageLabel(s), fw.Name, out, why, emulated))
		}
		return
	}
	root := p.f.RootStage(s)
	before := "FROM " + root.BaseName
	if !p.apply(*edit) {
		return
	}
	p.res.Changes = append(p.res.Changes, Change{
		Title: fmt.Sprintf("%s's build on $BUILDPLATFORM for %s", fw.Name, list),
		Why: fmt.Sprintf("the image that ships copies only %s's build output (%s, %s) and files of the build context from %s: static files that are the same for every platform. The build runs once, on the builder's own platform ($BUILDPLATFORM, which BuildKit sets), with no emulation, and only the stage that ships is built on each target platform of `--platform` (%s).",
			fw.Name, out, fw.Source.URL, stageLabel(s), multiPlatformSource),
		Before: before,
		After:  "FROM " + buildPlatformFlag + " " + root.BaseName,
	})
}

// isNodeImage reports whether ref is an image of the node repository (node:20, docker.io/library/node).
func isNodeImage(ref string) bool {
	repo, _ := splitImage(ref)
	return path.Base(repo) == "node"
}
