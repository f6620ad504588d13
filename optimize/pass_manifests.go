package optimize

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// manifestsPass puts the dependency install before the code in the stages the target's build
// runs: where `COPY . DEST` is directly followed by a RUN that only installs dependencies from
// manifests (npm ci / npm install, yarn install, pnpm install, go mod download, bundle
// install, pip install -r FILE), in DEST, the manifests and lockfiles are copied first, the
// install runs, and the code is copied after it. A code change then reuses the install layer
// from the build cache. Only files at the build context's root are moved (a requirements file
// that includes a local package keeps the original order).
func manifestsPass(p *plan) {
	for _, st := range buildStages(p.f, p.stage()) {
		for i, in := range st.Instructions {
			if i+1 >= len(st.Instructions) || !copiesContextRoot(in) {
				continue
			}
			run := st.Instructions[i+1]
			dest := p.f.WorkdirAt(run)
			files := installManifests(p, run)
			if len(files) == 0 || dest == "" || copyDest(p.f, in) != dest {
				continue
			}
			destWord := in.Args[len(in.Args)-1]
			if !strings.HasSuffix(destWord, "/") {
				destWord += "/"
			}
			nl := p.f.Newline()
			first := "COPY " + flagText(in) + strings.Join(files, " ") + " " + destWord
			repl := first + nl + text(p.f, run) + nl + text(p.f, in)
			// the texts for the report, read before apply replaces p.f
			inText, runText := oneLine(text(p.f, in)), oneLine(text(p.f, run))
			if !p.apply(rule.TextEdit{Start: in.StartOffset, End: run.EndOffset, New: repl}) {
				return
			}
			p.res.Changes = append(p.res.Changes, Change{
				Title:  "Dependencies are installed before the code is copied",
				Why:    fmt.Sprintf("the install in %s reads only %s: copied first, the install layer is reused from the build cache when only the code changes.", stageLabel(st), strings.Join(files, ", ")),
				Before: inText + "\n" + runText,
				After:  first + "\n" + runText + "\n" + inText,
			})
			return // the stages changed: the next round (settle) looks again
		}
	}
}

// buildStages are the stages a build of st runs: its chain and the stages it copies from,
// recursively.
func buildStages(f *dockerfile.File, st *dockerfile.Stage) []*dockerfile.Stage {
	seen := map[*dockerfile.Stage]bool{}
	var out []*dockerfile.Stage
	var visit func(*dockerfile.Stage)
	visit = func(s *dockerfile.Stage) {
		for _, c := range f.StageChain(s) {
			if seen[c] {
				continue
			}
			seen[c] = true
			out = append(out, c)
			for _, in := range c.Instructions {
				if from, ok := in.Flag("from"); ok && in.Cmd == "copy" {
					if src := f.StageByName(from); src != nil && src.Index < c.Index {
						visit(src)
					}
				}
			}
		}
	}
	visit(st)
	return out
}

// copiesContextRoot reports whether in is `COPY . DEST` (or ./), from the build context.
func copiesContextRoot(in *dockerfile.Instruction) bool {
	return in.Cmd == "copy" && fromContextRoot(in)
}

// fromContextRoot reports whether a COPY or ADD takes the whole build context (one source,
// `.`, no --from and no --exclude).
func fromContextRoot(in *dockerfile.Instruction) bool {
	if len(in.Args) != 2 || path.Clean(in.Args[0]) != "." {
		return false
	}
	if _, ok := in.Flag("from"); ok {
		return false
	}
	_, excludes := in.Flag("exclude")
	return !excludes
}

// copyDest is the directory a COPY writes into (resolved against its working directory).
func copyDest(f *dockerfile.File, in *dockerfile.Instruction) string {
	d, ok := f.Expand(in, in.Args[len(in.Args)-1])
	if !ok {
		return ""
	}
	return cleanAbs(d, f.WorkdirAt(in))
}

// flagText is a COPY's flags as written, each followed by a space.
func flagText(in *dockerfile.Instruction) string {
	var b strings.Builder
	for _, fl := range in.Flags {
		b.WriteString("--" + fl.Name)
		if fl.HasValue {
			b.WriteString("=" + fl.Value)
		}
		b.WriteString(" ")
	}
	return b.String()
}

// installManifests returns the context-root files a RUN's dependency install reads, when the
// RUN does nothing but such installs; nil otherwise.
func installManifests(p *plan, run *dockerfile.Instruction) []string {
	if run.Cmd != "run" || run.Script == nil || run.Script.Err != nil || len(run.Heredocs) > 0 || p.ctx == nil {
		return nil
	}
	var files []string
	add := func(names ...string) bool {
		found := false
		for _, n := range names {
			if !strings.Contains(n, "*") && p.ctx.Exists(n) && !p.ctx.Ignored(n) {
				if !slices.Contains(files, n) {
					files = append(files, n)
				}
				found = true
			}
		}
		return found
	}
	for _, c := range run.Script.Commands {
		call := pkgmgr.ParseCommand(c)
		if call == nil {
			return nil
		}
		m := call.Manager
		switch {
		case call.Is("npm", "yarn", "pnpm", "bundler") && call.Action == pkgmgr.Install && len(call.Operands) == 0,
			call.Is("go") && call.Sub == "mod download":
			if !add(m.Manifests...) {
				return nil
			}
			add(m.Lockfiles...)
		case call.Is("pip") && call.Sub == "install" && len(call.Operands) == 0:
			reqs, cons := buildctx.PipInstallRefs(call)
			if len(reqs) == 0 {
				return nil
			}
			for _, r := range requirementClosure(p.ctx, append(reqs, cons...)) {
				if strings.Contains(r, "/") || !add(r) {
					return nil // a file in a directory, or a local package: keep the order
				}
			}
		default:
			return nil
		}
	}
	return files
}
