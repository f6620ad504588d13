package optimize

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// nodeWorkspace is the workspace of a Node monorepo that an image runs: the root declares
// workspaces (pkgmgr.WorkspaceDecls), and the command runs a file in one of them, runs in its
// directory, or names it (findNodeWorkspace).
type nodeWorkspace struct {
	// name is the workspace's package name, dir its directory in the build context.
	name, dir string
	// local are the directories of the workspace packages it depends on (dependencies, not
	// devDependencies), transitively, sorted.
	local []string
	// rootDeps: the root package.json has dependencies of its own.
	rootDeps bool
	// decl is where the workspaces are declared.
	decl pkgmgr.WorkspaceDecl
	// all are every workspace's directory, sorted.
	all []string
}

// dirs are the directories the runtime needs: the workspace's and its local packages'.
func (ws *nodeWorkspace) dirs() []string { return append([]string{ws.dir}, ws.local...) }

// workspacePatterns reads the workspace patterns the manager reads (manager "npm", "yarn" or
// "pnpm"): nil when the project declares none.
func workspacePatterns(ctx *buildctx.Context, manager string) ([]string, pkgmgr.WorkspaceDecl) {
	decl, ok := pkgmgr.WorkspaceDecls[manager]
	if !ok || ctx == nil {
		return nil, decl
	}
	data, err := readContextFile(ctx, decl.File)
	if err != nil {
		return nil, decl
	}
	var fields map[string]any
	if strings.HasSuffix(decl.File, ".json") {
		if json.Unmarshal(data, &fields) != nil {
			return nil, decl
		}
	} else if yaml.Unmarshal(data, &fields) != nil {
		return nil, decl
	}
	v := fields[decl.Key]
	if m, ok := v.(map[string]any); ok && decl.PackagesKey != "" {
		v = m[decl.PackagesKey]
	}
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		if s, ok := x.(string); ok && s != "" {
			out = append(out, s)
		}
	}
	return out, decl
}

// readWorkspaces finds the workspaces of the project: package name → directory. Patterns
// with ** or a negation (!) are not expanded.
func readWorkspaces(ctx *buildctx.Context, patterns []string) map[string]string {
	out := map[string]string{}
	for _, pat := range patterns {
		pat = strings.TrimSuffix(strings.TrimPrefix(path.Clean(pat), "./"), "/")
		if strings.HasPrefix(pat, "!") || strings.Contains(pat, "**") {
			continue
		}
		for _, file := range ctx.Glob(path.Join(pat, "package.json")) {
			data, err := readContextFile(ctx, file)
			if err != nil {
				continue
			}
			var p struct {
				Name string `json:"name"`
			}
			if json.Unmarshal(data, &p) == nil && p.Name != "" {
				out[p.Name] = path.Dir(file)
			}
		}
	}
	return out
}

// findNodeWorkspace finds the workspace the command runs: a word of it that names a file
// under a workspace directory (relative to the working directory wd, or absolute), or a
// working directory inside one. nil when the project is no monorepo or the command runs
// none of its workspaces.
func findNodeWorkspace(ctx *buildctx.Context, manager, wd, cwd string, words []string) *nodeWorkspace {
	patterns, decl := workspacePatterns(ctx, manager)
	if len(patterns) == 0 {
		return nil
	}
	byName := readWorkspaces(ctx, patterns)
	if len(byName) == 0 {
		return nil
	}
	rel := func(p string) string {
		if !path.IsAbs(p) {
			p = path.Join(cwd, p)
		}
		r := strings.TrimPrefix(path.Clean(p), path.Clean(wd)+"/")
		if r == path.Clean(p) {
			return ""
		}
		return r
	}
	under := func(p string) string {
		for name, dir := range byName {
			if p == dir || strings.HasPrefix(p, dir+"/") {
				return name
			}
		}
		return ""
	}
	target := under(rel(cwd))
	if target == "" {
		target = namedWorkspace(words, byName)
	}
	for _, w := range words {
		if target != "" {
			break
		}
		if r := rel(w); r != "" {
			target = under(r)
		}
	}
	if target == "" {
		return nil
	}
	ws := &nodeWorkspace{name: target, dir: byName[target], decl: decl, all: monorepoDirs(ctx, manager)}
	ws.local = localDeps(ctx, byName, target)
	if data, err := readContextFile(ctx, "package.json"); err == nil {
		if root := parsePackage(data); root != nil {
			ws.rootDeps = len(root.Dependencies) > 0
		}
	}
	return ws
}

// localDeps are the directories of the workspaces that the workspace name depends on
// (dependencies, transitively), sorted.
func localDeps(ctx *buildctx.Context, byName map[string]string, name string) []string {
	seen := map[string]bool{name: true}
	queue := []string{name}
	var out []string
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		data, err := readContextFile(ctx, path.Join(byName[n], "package.json"))
		if err != nil {
			continue
		}
		pkg := parsePackage(data)
		if pkg == nil {
			continue
		}
		for dep := range pkg.Dependencies {
			if _, ok := byName[dep]; ok && !seen[dep] {
				seen[dep] = true
				queue = append(queue, dep)
				out = append(out, byName[dep])
			}
		}
	}
	slices.Sort(out)
	return out
}

// workspaceChange is the report's change for a monorepo whose runtime gets one workspace.
func workspaceChange(ws *nodeWorkspace, manager string) Change {
	wi := pkgmgr.WorkspaceInstalls[manager]
	prog := strings.TrimSuffix(manager, "-berry") // the program: yarn for yarn berry
	uses := "no other workspace"
	if len(ws.local) > 0 {
		uses = "the workspaces it depends on (" + strings.Join(ws.local, ", ") + ")"
	}
	root := ""
	if ws.rootDeps {
		root = " The root package.json has dependencies of its own: they are installed too."
	}
	return Change{
		Title: "Only workspace " + ws.name + " and its production dependencies",
		Why: "the monorepo declares its workspaces in " + ws.decl.File + " (" + ws.decl.Source.URL + ") and the command runs " + ws.dir + ": the runtime gets the dependencies that `" + prog + " " + strings.Join(wi.Command(ws.name, ws.rootDeps), " ") +
			"` installs (" + wi.Source.URL + ", " + wi.Source.Version + ") and the code of " + ws.dir + " and " + uses + ", not the other workspaces or their dependencies." + root,
		Before: "(every workspace, with its dependencies)",
		After:  prog + " " + strings.Join(wi.Command(ws.name, ws.rootDeps), " "),
	}
}

// workspacePrune turns the split's production install (prodPrune's RUN) into one that
// installs only the production dependencies of the workspace the command runs, when the
// stage builds a monorepo whose root is the working directory wd. ws is nil (and run
// unchanged) otherwise; manager is prodPrune's. The RUN ends by making each needed workspace's node_modules, which
// the runtime copies (a workspace without dependencies of its own gets none from the
// install).
func workspacePrune(p *plan, st *dockerfile.Stage, wd, run, manager string, src pkgmgr.Source) (string, pkgmgr.Source, string, *nodeWorkspace) {
	declManager := strings.TrimSuffix(manager, "-berry")
	if file, ok := contextFileAt(p.f, p.ctx, st, path.Join(wd, "package.json")); !ok || file != "package.json" {
		return run, src, "", nil
	}
	ws := findNodeWorkspace(p.ctx, declManager, wd, wd, stageCommand(p.f, st))
	if ws == nil {
		return run, src, "", nil
	}
	wi, ok := pkgmgr.WorkspaceInstalls[manager]
	if !ok {
		return run, src, "", nil
	}
	var lines []string
	if manager == "pnpm" || manager == "npm" {
		// a fresh install: an install of one workspace over the full one leaves the other
		// workspaces' packages and the devDependencies where they are (npm ci removes
		// node_modules itself)
		var rm []string
		for _, d := range append([]string{"."}, ws.all...) {
			rm = append(rm, path.Join(d, "node_modules"))
		}
		if manager == "pnpm" {
			lines = append(lines, "rm -rf "+strings.Join(rm, " "))
		}
	}
	lines = append(lines, declManager+" "+strings.Join(wi.Command(ws.name, ws.rootDeps), " "))
	if manager == "yarn-berry" {
		lines = append(lines, "rm -rf "+strings.Join(pkgmgr.YarnBerry.InstallLeftovers, " "))
	}
	var mk []string
	for _, d := range ws.dirs() {
		mk = append(mk, path.Join(d, "node_modules"))
	}
	lines = append(lines, "mkdir -p "+strings.Join(mk, " "))
	note := ""
	if !wi.Focused {
		note = fmt.Sprintf("the command runs workspace %s (%s) of a monorepo, but the runtime gets every workspace's production dependencies: %s", ws.name, ws.dir, wi.Why)
	}
	return "RUN " + strings.Join(lines, " \\\n && "), wi.Source, note, ws
}

// workspaceCopies are the runtime's copies of the needed workspaces' own node_modules (pnpm
// links each workspace's dependencies there; npm and yarn put a version there when two
// workspaces need different ones).
func workspaceCopies(ws *nodeWorkspace, wd string) [][2]string {
	var out [][2]string
	for _, d := range ws.dirs() {
		nm := path.Join(wd, d, "node_modules")
		out = append(out, [2]string{nm, nm})
	}
	return out
}

// workspaceSelectors are the options with which a manager's command names the workspace it
// runs in (`npm start -w @mono/api`, `pnpm --filter @mono/api start`), and yarn's `yarn
// workspace NAME CMD`.
var workspaceSelectors = []string{"-w", "--workspace", "--filter", "-F"}

// namedWorkspace is the workspace a command names with a workspace option, "" for none (or
// a name that is not one of the project's workspaces).
func namedWorkspace(words []string, byName map[string]string) string {
	for i, w := range words {
		var v string
		switch {
		case i+1 < len(words) && (slices.Contains(workspaceSelectors, w) || w == "workspace" && i > 0 && path.Base(words[i-1]) == "yarn"):
			v = words[i+1]
		case strings.HasPrefix(w, "--workspace=") || strings.HasPrefix(w, "--filter="):
			_, v, _ = strings.Cut(w, "=")
		default:
			continue
		}
		if _, ok := byName[v]; ok {
			return v
		}
		for name, dir := range byName {
			if path.Clean(v) == dir {
				return name
			}
		}
	}
	return ""
}

// monorepoDirs are the workspace directories of the project, sorted (nil when it declares
// none).
func monorepoDirs(ctx *buildctx.Context, manager string) []string {
	patterns, _ := workspacePatterns(ctx, manager)
	var out []string
	for _, d := range readWorkspaces(ctx, patterns) {
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}

// npmMonorepo is what the Node recipe does for an npm monorepo: ws is the workspace the
// command runs (nil when it runs none that dockopt can tell), all every workspace directory.
// A nil *npmMonorepo is a project without workspaces.
type npmMonorepo struct {
	ws  *nodeWorkspace
	all []string
}

// planNpmMonorepo reads the project's workspaces for the Node recipe; a workspace app that
// the original builds (`npm run build`) turns the split off (*split), with a note.
func planNpmMonorepo(ctx *buildctx.Context, a *analysis, split *bool, res *Result) *npmMonorepo {
	all := monorepoDirs(ctx, "npm")
	if len(all) == 0 {
		return nil
	}
	m := &npmMonorepo{all: all, ws: findNodeWorkspace(ctx, "npm", a.workdir, a.workdir, append(append([]string{}, a.entrypoint...), a.cmd...))}
	if m.ws != nil && a.nodeBuild {
		*split = false
		res.Notes = append(res.Notes, fmt.Sprintf("the command runs workspace %s (%s) of an npm monorepo (%s), but the original builds it with `npm run build`: the runtime copies the build stage's working directory whole, pruned of devDependencies, with every workspace", m.ws.name, m.ws.dir, m.ws.decl.Source.URL))
		m.ws = nil
	}
	return m
}

// manifestDirs are the workspace directories whose package.json the install stage copies:
// npm links the workspaces and reads their dependencies. prod-deps of a workspace copies its
// own and its local packages' only.
func (m *npmMonorepo) manifestDirs(stage string) []string {
	switch {
	case m == nil:
		return nil
	case stage == "prod-deps" && m.ws != nil:
		return m.ws.dirs()
	}
	return m.all
}

// prodInstall is the prod-deps stage's comment and install.
func (m *npmMonorepo) prodInstall() (comment, install string) {
	if m == nil || m.ws == nil {
		return prodDepsComment, "npm ci --omit=dev"
	}
	wi := pkgmgr.WorkspaceInstalls["npm"]
	return fmt.Sprintf("prod-deps installs the production dependencies of workspace %s only (and the workspaces it uses), in their own layer: a code change does not touch it.", m.ws.name),
		"npm " + strings.Join(wi.Command(m.ws.name, m.ws.rootDeps), " ")
}

// runtime is the monorepo the runtime stage writes for (nil: the recipe's usual copies),
// with the report's change or note.
func (m *npmMonorepo) runtime(split, built bool, res *Result) *npmMonorepo {
	if m == nil || !split || built {
		return nil
	}
	if m.ws == nil {
		res.Notes = append(res.Notes, fmt.Sprintf("the project is an npm monorepo (workspaces %s), but the command runs none of them that dockopt can tell (a file under one, or -w NAME): the runtime gets every workspace's production dependencies and the whole build context", strings.Join(m.all, ", ")))
	} else {
		res.Changes = append(res.Changes, workspaceChange(m.ws, "npm"))
	}
	return m
}

// codeDirs are what the runtime copies from the build context after the install: the
// workspace's directory and its local packages', or everything when no workspace is known.
func (m *npmMonorepo) codeDirs() []string {
	if m.ws == nil {
		return []string{"."}
	}
	return m.ws.dirs()
}

// workspaceSplit makes the split's production install (prune, from prodPrune) one of the
// workspace the command runs, when the stage builds a monorepo (workspacePrune): the runtime
// then also copies the needed workspaces' own node_modules, and the report says so.
func (rt *runtimePlan) workspaceSplit(p *plan, st *dockerfile.Stage, wd, prune, manager string, src pkgmgr.Source) (string, pkgmgr.Source) {
	if prune == "" {
		return prune, src
	}
	run, src, note, ws := workspacePrune(p, st, wd, prune, manager, src)
	if note != "" {
		p.res.Notes = appendOnce(p.res.Notes, note)
	}
	if ws == nil {
		return run, src
	}
	if len(rt.contextCopies) > 0 {
		rt.copies = append(rt.copies, workspaceCopies(ws, wd)...)
	}
	rt.changes = append(rt.changes, workspaceChange(ws, manager))
	return run, src
}
