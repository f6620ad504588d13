package optimize

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// buildCall is a compiling build tool's call in a stage's chain: the instruction, the
// command and its reading.
type buildCall struct {
	in   *dockerfile.Instruction
	cmd  *dockerfile.Command
	call *pkgmgr.Call
}

// findBuildCalls returns the calls of the managers ids with action act in the stages st is
// built FROM and st itself, in order.
func findBuildCalls(f *dockerfile.File, st *dockerfile.Stage, act pkgmgr.Action, ids ...string) []buildCall {
	var out []buildCall
	for _, s := range f.StageChain(st) {
		for _, in := range s.Instructions {
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				call := pkgmgr.ParseCommand(c)
				if call != nil && call.Is(ids...) && call.Action == act {
					out = append(out, buildCall{in: in, cmd: c, call: call})
				}
			}
		}
	}
	return out
}

// depsLayerEdit puts a dependency layer before the code: when the RUN of bc is directly
// preceded by `COPY . DEST` into its working directory, the manifests files are copied
// first and prefetch runs, so that a code change reuses the dependency layer. It returns
// the edit and the change for the report; ok is false when the Dockerfile has another shape
// (why then says so, for a note).
func depsLayerEdit(p *plan, st *dockerfile.Stage, bc buildCall, files []string, prefetch string, src pkgmgr.Source) (rule.TextEdit, *Change, string) {
	var prev *dockerfile.Instruction
	for _, s := range p.f.StageChain(st) {
		for i, in := range s.Instructions {
			if in == bc.in && i > 0 {
				prev = s.Instructions[i-1]
			}
		}
	}
	wd := p.f.WorkdirAt(bc.in)
	if prev == nil || !copiesContextRoot(prev) || copyDest(p.f, prev) != wd || len(bc.in.Script.Commands) != 1 {
		return rule.TextEdit{}, nil, fmt.Sprintf("the dependencies are not given a layer of their own: the %s in %s does not directly follow a `COPY . %s` as its only command", bc.call.Manager.ID, stageLabel(st), wd)
	}
	nl := p.f.Newline()
	dest := prev.Args[len(prev.Args)-1]
	if !strings.HasSuffix(dest, "/") {
		dest += "/"
	}
	copyLine := "COPY " + flagText(prev) + strings.Join(files, " ") + " " + dest
	run := "RUN " + prefetch
	edit := rule.TextEdit{Start: prev.StartOffset, End: prev.StartOffset, New: copyLine + nl + run + nl}
	ch := &Change{
		Title:  "The dependencies are resolved in a layer of their own, before the code is copied",
		Why:    fmt.Sprintf("%s reads only %s to resolve the dependencies: copied first, that layer is reused from the build cache when only the code changes (%s).", bc.call.Manager.ID, strings.Join(files, ", "), sourceRef(src)),
		Before: oneLine(text(p.f, prev)) + "\n" + oneLine(text(p.f, bc.in)),
		After:  copyLine + "\n" + run + "\n" + oneLine(text(p.f, prev)) + "\n" + oneLine(text(p.f, bc.in)),
	}
	return edit, ch, ""
}

// sourceRef is a fact's source for a report sentence.
func sourceRef(s pkgmgr.Source) string {
	if s.Version == "" {
		return s.URL
	}
	return s.URL + ", " + s.Version
}
