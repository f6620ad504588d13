package optimize

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
)

// nodeChanges are the Node recipe's changes that every output has: the stages, `npm ci`,
// NODE_ENV with no devDependencies, the node user. Their texts follow what the runtime stage
// takes: split, node_modules from prod-deps and the build output (or the code) beside it;
// otherwise the build stage's working directory whole, pruned of devDependencies.
func nodeChanges(f *dockerfile.File, a *analysis, split bool, baseImage, runtimeImage string, needBuild bool) []Change {
	manifests := []string{"package.json", a.lockfile}
	var gets string
	switch {
	case split && a.nodeBuild:
		gets = "the build output"
	case split:
		gets = "the app's code"
	case a.nodeBuild:
		gets = "the build stage's working directory (the built app)"
	default:
		gets = "the build stage's working directory (the code and what the original's RUN steps wrote there)"
	}
	noDev := Change{Title: titleNoDevDependencies, Before: "(none)"}
	if split {
		noDev.Why = "frameworks switch off development behaviour with NODE_ENV=production; the runtime gets node_modules from `npm ci --omit=dev` (its own cached stage), so the compiler and type packages stay behind"
		if a.nodeBuild {
			noDev.Why += ", and only the build output is copied from the build stage."
		} else {
			noDev.Why += "; the code comes from the build context."
		}
		noDev.After = "ENV NODE_ENV=production\nCOPY --from=prod-deps ... node_modules"
	} else {
		noDev.Why = "frameworks switch off development behaviour with NODE_ENV=production; the build stage removes the devDependencies with `npm prune --omit=dev` before the runtime copies its working directory, so the compiler and type packages stay behind."
		noDev.After = "ENV NODE_ENV=production\nRUN npm prune --omit=dev"
	}
	return []Change{
		{Title: "Multi-stage build on the slim image", Why: "the runtime stage starts from " + runtimeImage + " and receives " + gets + " with " + prodDepsOnly, Rules: []string{"DO108", "DO109", "DO107"}, Before: "FROM " + baseImage, After: nodeStages(needBuild, split, baseImage, runtimeImage)},
		{Title: "`npm ci` from the lockfile, before the code is copied", Why: "npm ci installs exactly the lockfile's versions; the layer depends only on package.json and the lockfile, so a code-only change reuses it.", Rules: []string{"DO105", "DO201"}, Before: originalSteps(f, "npm"), After: "COPY " + strings.Join(manifests, " ") + " ./\nRUN npm ci"},
		noDev,
		{Title: "Runs as the image's node user", Why: "the official node images ship a `node` user (UID 1000); the app files are copied owned by it (COPY --chown), so the service can write under its working directory as the original, running as root, could; it can also modify its own code.", Rules: []string{"DO301"}, Before: "(root)", After: "USER node"},
	}
}

// writeNodeBuild writes the Node recipe's build stage: the code on the full install, the build
// script, the original's other RUNs, and the prune when the runtime copies the stage's
// working directory (not split).
func writeNodeBuild(w *writer, f *dockerfile.File, c *carried, a *analysis, split bool) {
	if a.nodeBuild {
		w.line("# build compiles the app.")
	} else {
		w.line("# build runs the original's RUN steps on the code.")
	}
	w.line("FROM deps AS build")
	w.line("COPY . .")
	// the original's RUNs keep their order around the build script (a generated client, a
	// config file the build reads)
	rest := c.otherRuns
	if a.nodeBuild {
		for len(rest) > 0 && rest[0].StartLine < a.nodeBuildLine {
			w.line("%s", text(f, rest[0]))
			rest = rest[1:]
		}
		w.line("RUN npm run build")
	}
	writeAll(w, f, rest)
	if !split {
		w.line("RUN npm prune --omit=dev")
	}
	w.blank()
}

// nodeRunWhere says, for the report's carried instructions, where the Node recipe puts the
// original's other RUNs and what of their work the runtime stage takes.
func nodeRunWhere(a *analysis, split bool, outDir string) string {
	where := "build stage, after `COPY . .`"
	if a.nodeBuild {
		where = "build stage, after `COPY . .`, in the original's order around the build script"
	}
	switch {
	case !split:
		return where + " (the runtime stage copies " + a.workdir + " from it)"
	case a.nodeBuild:
		return where + " (the runtime stage copies only " + outDir + " from it)"
	}
	return where + " (the runtime stage copies nothing from it: what it writes does not reach the image)"
}

// nodeWholeDirNote says why the runtime stage copies the build stage's working directory
// whole (when it does): the original's other RUNs may write into it (and what they write
// elsewhere is not carried), or the build output directory was not found.
func nodeWholeDirNote(f *dockerfile.File, c *carried, onCode []*dockerfile.Instruction, a *analysis, split bool, outDir string) []string {
	if split {
		return nil
	}
	if len(onCode) == 0 {
		return []string{fmt.Sprintf("the build output directory could not be found (tsconfig.json outDir, or package.json main): the runtime stage copies the build stage's working directory %s whole, with devDependencies pruned", a.workdir)}
	}
	var texts []string
	for _, r := range onCode {
		texts = append(texts, "`"+oneLine(text(f, r))+"`")
	}
	subject, verb := "the RUN on line "+runLines(onCode), "runs"
	if len(onCode) > 1 {
		subject, verb = "the RUNs on lines "+runLines(onCode), "run"
	}
	which := "line " + runLines(c.otherRuns)
	if len(c.otherRuns) > 1 {
		which = "lines " + runLines(c.otherRuns)
	}
	instead := "the code from the build context and node_modules from the prod-deps stage"
	if a.nodeBuild && outDir != "" {
		instead = "only the build output " + outDir + " and node_modules from the prod-deps stage"
	}
	return []string{fmt.Sprintf("%s (%s) %s in the build stage after the code is copied and may write into the working directory %s, so the runtime stage copies %s from the build stage whole, owned by node, instead of %s; what the build stage's RUN steps (%s) write outside %s does not reach the image: copy it with another `COPY --from=build`, or run that step in the runtime stage",
		subject, strings.Join(texts, "; "), verb, a.workdir, a.workdir, instead, which, a.workdir)}
}

// runLines lists the instructions' first lines: "6", "6, 9".
func runLines(ins []*dockerfile.Instruction) string {
	var out []string
	for _, in := range ins {
		out = append(out, fmt.Sprint(in.StartLine))
	}
	return strings.Join(out, ", ")
}

// nodeRunsOnCode are the original's other RUNs after its first COPY/ADD from the build context
// of more than the dependency manifests (package.json, the lockfiles): the RUNs that may write
// into the code's directory. Without such a COPY, all of them.
func nodeRunsOnCode(f *dockerfile.File, ctx *buildctx.Context, c *carried) []*dockerfile.Instruction {
	first := -1
	for _, in := range c.copies {
		if _, ok := in.Flag("from"); ok || len(in.Args) < 2 {
			continue
		}
		if !nodeManifestsOnly(f, ctx, in) {
			first = in.StartLine
			break
		}
	}
	var out []*dockerfile.Instruction
	for _, r := range c.otherRuns {
		if first < 0 || r.StartLine > first {
			out = append(out, r)
		}
	}
	return out
}

// nodeManifestsOnly reports whether a COPY/ADD of the build context copies only Node
// dependency manifests and lockfiles (buildctx.Manifests()["node"]), globs included
// (`COPY package*.json ./`).
func nodeManifestsOnly(f *dockerfile.File, ctx *buildctx.Context, in *dockerfile.Instruction) bool {
	names := buildctx.Manifests()["node"]
	for _, src := range in.Args[:len(in.Args)-1] {
		s := strings.TrimPrefix(path.Clean("/"+src), "/")
		if v, ok := f.Expand(in, s); ok {
			s = v
		}
		if s == "" || s == "." {
			return false
		}
		if !strings.ContainsAny(s, "*?[") {
			if !slices.Contains(names, s) {
				return false
			}
			continue
		}
		var matched []string
		if ctx != nil {
			matched = ctx.Glob(s)
		} else {
			for _, n := range names {
				if ok, _ := path.Match(s, n); ok {
					matched = append(matched, n)
				}
			}
		}
		if len(matched) == 0 {
			return false
		}
		for _, m := range matched {
			if !slices.Contains(names, m) {
				return false
			}
		}
	}
	return true
}
