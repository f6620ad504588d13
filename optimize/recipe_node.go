package optimize

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/internal/lazyre"
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

// nodeStages lists the FROM lines of the node recipe's output, for the report.
func nodeStages(needBuild, split bool, baseImage, runtimeImage string) string {
	var out []string
	if needBuild {
		out = append(out, "FROM "+baseImage+" AS deps")
	}
	if split {
		out = append(out, "FROM "+baseImage+" AS prod-deps")
	}
	if needBuild {
		out = append(out, "FROM deps AS build")
	}
	return strings.Join(append(out, "FROM "+runtimeImage+" AS runtime"), "\n")
}

// cmdBefore is the original CMD as written, "(none)" without one.
func cmdBefore(a *analysis) string {
	if a.cmdText == "" {
		return "(none)"
	}
	return a.cmdText
}

// nodeStartCommand reads package.json's "start" script; a plain `node FILE` becomes the
// command, so node is PID 1 instead of npm.
func nodeStartCommand(ctx *buildctx.Context) []string {
	data, err := readContextFile(ctx, "package.json")
	if err != nil {
		return nil
	}
	scripts := packageScripts(data)
	start := strings.Fields(scripts["start"])
	if len(start) >= 2 && start[0] == "node" && !strings.ContainsAny(scripts["start"], "&|;$") {
		return start
	}
	return nil
}

// nodeRecipe: dependencies installed with `npm ci` from the lockfile in their own stage, the
// build in another, devDependencies pruned, and a runtime stage from the slim image running
// as the image's `node` user with a `node -e` health probe.
func nodeRecipe(f *dockerfile.File, ctx *buildctx.Context, a *analysis, opt Options, res *Result) (string, error) {
	if !dockerfile.IsDebianTag(a.baseTag) {
		res.Ecosystem, res.EcosystemWhy = "generic", fmt.Sprintf("base image tag %q: the Node recipe targets the Debian-based node images", a.baseTag)
		return generic(f, ctx, a, opt, res)
	}
	c := collect(f, onlyRuns([]string{"set", "rm"}, "npm", "apt"))
	build, runtimePkgs, unknown := splitPackages(a.aptPackages)
	res.BuildPackages, res.RuntimePackages, res.UnknownDev = build, runtimePkgs, unknown
	slim, _ := dockerfile.SlimVariantTag(a.rawTag)
	baseImage := a.image(a.rawTag)
	runtimeImage := a.image(slim)
	manifests := []string{"package.json", a.lockfile}
	w := &writer{}
	w.header(f)
	writeAll(w, f, c.globalArgs)
	if len(c.globalArgs) > 0 {
		w.blank()
	}
	outDir := nodeOutDir(ctx)
	// the original's other RUNs after the code copy run in the build stage and may write into
	// the working directory (a directory, a generated file, node_modules/.prisma): the runtime
	// then takes that directory from the build stage whole, not the code from the build context
	runsOnCode := nodeRunsOnCode(f, ctx, c)
	split := (a.nodeBuild && outDir != "" || !a.nodeBuild) && len(runsOnCode) == 0
	mono := planNpmMonorepo(ctx, a, &split, res)
	// the build stage (and the full install it starts from) only when something is built
	needBuild := a.nodeBuild || len(c.otherRuns) > 0 || !split
	npmFlags, _ := cacheMounts(opt, "npm", recipeVars(f))
	npmOpts := ""
	if len(npmFlags) > 0 {
		// the options that make npm take the mount's packages without asking the registry
		npmOpts = " " + strings.Join(pkgmgr.ByID("npm").MountOptions(recipeVars(f)), " ")
	}
	// installStage writes a stage that installs the dependencies from the lockfile alone
	prodCross, crossChange, crossNote := nodeProdCross(ctx, opt, needBuild)
	installStage := func(comment, name, install string) {
		w.line("# %s", comment)
		from := baseImage
		if name == "prod-deps" && prodCross {
			from = buildPlatformFlag + " " + baseImage
		}
		w.line("FROM %s AS %s", from, name)
		writeAll(w, f, c.args)
		writeAll(w, f, c.env)
		if len(build) > 0 {
			w.line("%s", aptRun(opt, build))
		}
		w.line("WORKDIR %s", a.workdir)
		w.line("COPY %s ./", strings.Join(manifests, " "))
		for _, d := range mono.manifestDirs(name) {
			w.line("COPY %s/package.json %s/", d, d)
		}
		w.line("%s", mountedRun(npmFlags, install+npmOpts))
		w.blank()
	}
	if needBuild {
		installStage("deps installs the dependencies from the lockfile only, cached until it changes.", "deps", "npm ci")
	}
	if split {
		comment, install := mono.prodInstall()
		installStage(comment, "prod-deps", install)
	}
	if needBuild {
		writeNodeBuild(w, f, c, a, split)
	}
	writeNodeRuntime(w, f, ctx, c, a, opt, res, runtimeImage, runtimePkgs, split, outDir, mono.runtime(split, a.nodeBuild, res))
	res.Changes = append(res.Changes, nodeChanges(f, a, split, baseImage, runtimeImage, needBuild)...)
	res.Notes = append(res.Notes, nodeWholeDirNote(f, c, runsOnCode, a, split, outDir)...)
	if split && crossChange != nil {
		res.Changes = append(res.Changes, *crossChange)
	} else if split && crossNote != "" {
		res.Notes = append(res.Notes, crossNote)
	}
	if ch, ok := cacheMountChange(opt, recipeVars(f), len(runtimePkgs) > 0, nodeCacheManagers(build, runtimePkgs)...); ok {
		res.Changes = append(res.Changes, ch)
	}
	if len(a.aptPackages) > 0 {
		res.Changes = append(res.Changes, Change{Title: "System packages split between build and runtime", Why: "compilers and -dev headers (for native modules) are installed where `npm ci` runs; the runtime stage gets only what the app uses at run time (-dev packages mapped to their Debian bookworm runtime libraries): " + strings.Join(runtimePkgs, ", ") + ".", Rules: []string{"DO107"}, Before: "apt-get install " + strings.Join(a.aptPackages, " "), After: "apt-get install --no-install-recommends " + strings.Join(runtimePkgs, " ")})
	}
	if len(unknown) > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("unknown -dev package(s) %s: dockopt does not know which runtime library they need; add it to the runtime stage if the app needs it", strings.Join(unknown, ", ")))
	}
	c.report(res, f, map[string]string{"arg": "dependency stages (and the runtime stage where its instructions use it)", "env": "every stage", "run": nodeRunWhere(a, split, outDir), "shell": "not carried", "healthcheck": "runtime stage"})
	return w.String(), nil
}

// writeNodeRuntime writes the Node recipe's runtime stage: the slim image with NODE_ENV
// production, the production node_modules, the build output (or the code), the node user,
// a HEALTHCHECK through node, and the start command run by node itself.
func writeNodeRuntime(w *writer, f *dockerfile.File, ctx *buildctx.Context, c *carried, a *analysis, opt Options, res *Result, runtimeImage string, runtimePkgs []string, split bool, outDir string, mono *npmMonorepo) {
	if a.nodeBuild {
		w.line("# %s", nodeRuntimeComment)
	} else {
		w.line("# %s", nodeRuntimeCodeComment)
	}
	w.line("FROM %s AS runtime", runtimeImage)
	writeAll(w, f, c.runtimeArgs(f))
	w.line("ENV NODE_ENV=production")
	writeAll(w, f, c.env)
	writeAll(w, f, c.labels)
	if len(runtimePkgs) > 0 {
		w.line("%s", aptRun(opt, runtimePkgs))
	}
	w.line("WORKDIR %s", a.workdir)
	switch {
	case split && a.nodeBuild:
		w.line("COPY --from=prod-deps --chown=node:node %s/node_modules ./node_modules", a.workdir)
		w.line("COPY --from=build --chown=node:node %s/%s ./%s", a.workdir, outDir, outDir)
		w.line("COPY --chown=node:node package.json ./")
	case split && mono != nil:
		// the install's directory as it left it: node_modules with the workspace links, the
		// package.json files, and any workspace's own node_modules; then the code
		w.line("COPY --from=prod-deps --chown=node:node %s ./", a.workdir)
		for _, d := range mono.codeDirs() {
			w.line("COPY --chown=node:node %s %s", d, d)
		}
	case split:
		w.line("COPY --from=prod-deps --chown=node:node %s/node_modules ./node_modules", a.workdir)
		w.line("COPY --chown=node:node . .")
	default:
		w.line("COPY --from=build --chown=node:node %s %s", a.workdir, a.workdir)
	}
	writeAll(w, f, c.volumes)
	w.line("USER node")
	res.User = "node (UID 1000, from the base image)"
	writeAll(w, f, c.onbuild)
	writeAll(w, f, c.stopsignal)
	if a.port > 0 {
		w.line("EXPOSE %d", a.port)
	}
	url := fmt.Sprintf("'http://127.0.0.1:%d%s'", a.port, opt.HealthPath)
	if sourceMentions(ctx, "process.env.PORT", ".js", ".mjs", ".cjs", ".ts") {
		// the app listens on $PORT when it is set (docker run -e PORT=...): so does the probe
		url = fmt.Sprintf("'http://127.0.0.1:' + (process.env.PORT || %d) + '%s'", a.port, opt.HealthPath)
	}
	probe := []string{"node", "-e", fmt.Sprintf("require('http').get(%s, r => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))", url)}
	writeHealth(w, f, c, a, res, probe, "node", opt)
	cmd := a.cmd
	if len(a.nodeStart) > 0 && (len(cmd) == 0 || strings.Join(cmd, " ") == "npm start" || strings.Join(cmd, " ") == "npm run start") {
		cmd = a.nodeStart
		res.Changes = append(res.Changes, Change{Title: "node runs the app directly", Why: "`npm start` keeps npm as PID 1, which does not forward SIGTERM to node; the start script's command runs directly instead, in exec form.", Rules: []string{"DO007"}, Before: cmdBefore(a), After: "CMD " + jsonArray(cmd)})
		a.cmdShellForm = false // this change already says it
	}
	a.cmdShellFeatures = false
	writeCommand(w, a, a.entrypoint, cmd, res)
}

// nodeCacheManagers are the managers whose caches the Node recipe mounts: apt when a stage
// installs system packages, npm always.
func nodeCacheManagers(build, runtime []string) []string {
	if len(build)+len(runtime) > 0 {
		return []string{"apt", "npm"}
	}
	return []string{"npm"}
}

// nodeOutDir is the build output directory: tsconfig.json's compilerOptions.outDir, else the
// first directory of package.json's "main"; "" when neither says.
func nodeOutDir(ctx *buildctx.Context) string {
	if data, err := readContextFile(ctx, "tsconfig.json"); err == nil {
		if m := outDirRe.FindSubmatch(data); m != nil {
			if d := cleanRel(string(m[1])); d != "" {
				return d
			}
		}
	}
	if data, err := readContextFile(ctx, "package.json"); err == nil {
		var pkg struct {
			Main string `json:"main"`
		}
		if json.Unmarshal(data, &pkg) == nil {
			if d, _, ok := strings.Cut(cleanRel(pkg.Main), "/"); ok && d != "" {
				return d
			}
		}
	}
	return ""
}

// outDirRe reads outDir without a full JSONC parser (tsconfig.json allows comments).
var outDirRe = lazyre.New(`"outDir"\s*:\s*"([^"]+)"`)

// The Node recipe's statements that devDependencies are left out; the development-command
// pass rewrites them when the command needs devDependencies (keepDevDependencies).
const (
	prodDepsComment        = "prod-deps installs the production dependencies only, in their own layer: a code change does not touch it."
	prodDepsOnly           = "production dependencies only; compilers, npm's cache and devDependencies stay behind."
	nodeRuntimeComment     = "runtime is the slim image with the production dependencies and the built app, run as user node."
	nodeRuntimeCodeComment = "runtime is the slim image with the production dependencies and the app, run as user node."
	titleNoDevDependencies = "NODE_ENV=production and no devDependencies"
)
