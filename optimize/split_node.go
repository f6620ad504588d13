package optimize

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// setupPrograms are the commands a system-setup RUN (one before the code is copied) may run
// that the runtime stage of a Node split repeats: they make users, links, directories and
// permissions the service may rely on, and need no build tool.
var setupPrograms = map[string]bool{"ln": true, "groupadd": true, "useradd": true, "addgroup": true, "adduser": true,
	"usermod": true, "groupmod": true, "mkdir": true, "chown": true, "chmod": true, "find": true, "touch": true}

// nodeSetup is what the stages of a Node split's build did before copying the code, read for
// the runtime stage.
type nodeSetup struct {
	// commands are the source texts of the setup commands the runtime repeats, in order.
	commands []string
	// users are the users those commands create.
	users []string
	// managers are the Node package managers installed globally (npm i -g pnpm, corepack
	// enable): build tools the runtime leaves out.
	managers []managerInstall
}

// managerInstall is a global install of a Node package manager.
type managerInstall struct {
	m        *pkgmgr.Manager
	spec     string // the version spec as written ("" none)
	corepack bool
	cmd      *dockerfile.Command
	in       *dockerfile.Instruction
}

// readNodeSetup reads the RUNs of st's chain that come before its first COPY/ADD: the setup
// commands, and the package managers installed globally. why is not "" when a RUN does
// something the runtime cannot repeat or leave out knowingly.
func readNodeSetup(p *plan, st *dockerfile.Stage) (s nodeSetup, why string) {
	for _, stage := range p.f.BuildOrder(st) {
		for _, in := range stage.Instructions[1:] {
			switch in.Cmd {
			case "copy", "add":
				s.managers = append(s.managers, laterManagers(p.f, st, in)...)
				return s, ""
			case "run":
				if w := s.readRun(p.f, in); w != "" {
					return s, w
				}
			}
		}
	}
	return s, ""
}

// laterManagers are the global manager installs after instruction from (in the build steps).
func laterManagers(f *dockerfile.File, st *dockerfile.Stage, from *dockerfile.Instruction) []managerInstall {
	var out []managerInstall
	for _, stage := range f.StageChain(st) {
		for _, in := range stage.Instructions {
			if in.Script == nil || in.StartOffset < from.StartOffset {
				continue
			}
			for _, c := range in.Script.Commands {
				if mi, ok := globalManager(c, in); ok {
					out = append(out, mi)
				}
			}
		}
	}
	return out
}

// globalManager reads a command that installs a Node package manager for the build:
// `npm install -g pnpm@10`, `corepack enable [pnpm]`, `corepack prepare pnpm@10 --activate`.
func globalManager(c *dockerfile.Command, in *dockerfile.Instruction) (managerInstall, bool) {
	if c.Name == "corepack" {
		pos := c.Positional()
		if len(pos) == 0 || pos[0] != "enable" && pos[0] != "prepare" && pos[0] != "install" {
			return managerInstall{}, false
		}
		mi := managerInstall{corepack: true, cmd: c, in: in}
		for _, a := range pos[1:] {
			name, spec, _ := strings.Cut(a, "@")
			if m := pkgmgr.ByID(name); m != nil && m.Ecosystem == "node" {
				mi.m, mi.spec = m, spec
			}
		}
		return mi, true
	}
	m, spec, ok := pkgmgr.ParseCommand(c).GlobalManagerInstall()
	if !ok {
		return managerInstall{}, false
	}
	return managerInstall{m: m, spec: spec, cmd: c, in: in}, true
}

// readRun reads one setup RUN: "" when the runtime can repeat what it needs of it.
func (s *nodeSetup) readRun(f *dockerfile.File, in *dockerfile.Instruction) string {
	if in.Script != nil {
		for _, c := range in.Script.Commands {
			if mi, ok := globalManager(c, in); ok {
				s.managers = append(s.managers, mi)
			}
		}
	}
	if in.Script == nil || in.Script.Err != nil || len(in.Heredocs) > 0 || len(in.Script.Parts) != 1 {
		return fmt.Sprintf("line %d is not a plain shell command line", in.StartLine)
	}
	calls, ok := andChain(in.Script.Parts[0].File.Stmts)
	if !ok {
		return fmt.Sprintf("line %d runs shell code other than commands joined by && (pipes, conditions or loops)", in.StartLine)
	}
	for _, ce := range calls {
		i := slices.IndexFunc(in.Script.Commands, func(c *dockerfile.Command) bool { return c.Call == ce })
		if i < 0 {
			return fmt.Sprintf("line %d could not be read", in.StartLine)
		}
		c := in.Script.Commands[i]
		if _, ok := globalManager(c, in); ok {
			continue
		}
		call := pkgmgr.ParseCommand(c)
		switch {
		case call != nil && call.Is(pkgmgr.OSManagers...):
			// the runtime installs its own packages (the run-time ones)
		case call != nil && call.Manager.Ecosystem == "node" && (call.Has("-g", "--global") || call.Sub == "global add"):
			// global packages the command does not run (nodeRuntime checks)
		case c.Name == "set" || c.Name == "true" || c.Name == "echo":
		case c.Name == "rm" && onlyPackageLists(c):
		case setupPrograms[c.Name] || c.Name == "rm":
			start, end := c.StartOffset(), c.EndOffset()
			if start < 0 || end < start || len(c.Redirects) > 0 {
				return fmt.Sprintf("line %d: `%s` could not be copied as written", in.StartLine, c.Name)
			}
			s.commands = append(s.commands, string(f.Source[start:end]))
			if flags, ok := userCreateValueFlags[c.Name]; ok {
				if pos := c.Positional(flags...); len(pos) == 1 {
					s.users = append(s.users, pos[0])
				}
			}
		default:
			return fmt.Sprintf("line %d runs `%s`, which dockopt cannot tell whether the service needs at run time", in.StartLine, c.Name)
		}
	}
	return ""
}

// onlyPackageLists reports whether an rm removes only the OS package manager's lists and
// caches (which the runtime's own install cleans).
func onlyPackageLists(c *dockerfile.Command) bool {
	pos := c.Positional()
	for _, p := range pos {
		if !strings.HasPrefix(p, "/var/lib/apt") && !strings.HasPrefix(p, "/var/cache/apt") && !strings.HasPrefix(p, "/tmp") {
			return false
		}
	}
	return len(pos) > 0
}

// andChain returns the commands of statements that are simple commands joined by && (or
// separate statements): nil, false for anything else.
func andChain(stmts []*syntax.Stmt) ([]*syntax.CallExpr, bool) {
	var out []*syntax.CallExpr
	var visit func(st *syntax.Stmt) bool
	visit = func(st *syntax.Stmt) bool {
		if st.Negated || st.Background || st.Coprocess || len(st.Redirs) > 0 {
			return false
		}
		switch x := st.Cmd.(type) {
		case *syntax.CallExpr:
			out = append(out, x)
			return true
		case *syntax.BinaryCmd:
			return x.Op == syntax.AndStmt && visit(x.X) && visit(x.Y)
		}
		return false
	}
	for _, st := range stmts {
		if !visit(st) {
			return nil, false
		}
	}
	return out, true
}

// manager is the global install of the manager id, nil when the setup has none.
func (s nodeSetup) manager(id string) *managerInstall {
	for i := range s.managers {
		if m := s.managers[i].m; m != nil && m.ID == id {
			return &s.managers[i]
		}
	}
	return nil
}

// managerIDs are the managers installed for the build ("pnpm", "yarn"). `corepack enable`
// without a name enables the one package.json's packageManager names (pkg may be nil), else
// its shims for both.
func (s nodeSetup) managerIDs(pkg *nodePackage) []string {
	var out []string
	add := func(id string) {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	for _, mi := range s.managers {
		switch {
		case mi.m != nil:
			add(mi.m.ID)
		case pkg != nil && pkg.PackageManager != "":
			if m, _, ok := pkgmgr.PackageManagerField(pkg.PackageManager); ok && m.ID != "npm" {
				add(m.ID)
			}
		default:
			add("pnpm")
			add("yarn")
		}
	}
	return out
}

// withoutManager rewrites a command line that runs a package manager the runtime leaves out
// into what that manager would run: `pnpm fastify start x` runs node_modules/.bin/fastify
// (the manager's own fallback for a name that is no subcommand and no script), `pnpm start`
// runs package.json's start script when that is `node FILE`. ok is false (with the reason)
// when the command runs a dropped manager some other way.
func withoutManager(p *plan, st *dockerfile.Stage, words []string, dropped []string, wd string) (out []string, how string, ok bool) {
	idx, _ := pkgmgr.ProgramIndex(words)
	if idx < 0 {
		return nil, "", false
	}
	prog := pkgmgr.ProgramBase(words[idx])
	if !slices.Contains(dropped, prog) {
		return words, "", true
	}
	m := pkgmgr.ForProgram(prog)
	call := pkgmgr.Parse(prog, words[idx+1:])
	if m == nil || call == nil || idx+1 >= len(words) || words[idx+1] != call.Sub && words[idx+1] != "run" && words[idx+1] != "exec" {
		return nil, "its options could not be read", false
	}
	pkg := stagePackage(p.f, p.ctx, st)
	rest := words[idx+2:]
	name := call.Sub
	if words[idx+1] == "run" || words[idx+1] == "exec" {
		if len(rest) == 0 {
			return nil, "it names no script", false
		}
		name, rest = rest[0], rest[1:]
	}
	if script, ok := pkg.scripts()[name]; ok && words[idx+1] != "exec" {
		sw, simple := dockerfile.ExecForm(script)
		if !simple || len(sw) == 0 || sw[0] != "node" || len(rest) > 0 {
			return nil, fmt.Sprintf("package.json's %q script (`%s`) is not a plain `node FILE`", name, script), false
		}
		return append(append([]string{}, words[:idx]...), sw...), fmt.Sprintf("package.json's %q script, `%s`, runs with node directly", name, script), true
	}
	src, ok := pkgmgr.BinFallback[m.ID]
	if !ok || call.Subcommand != nil && words[idx+1] != "exec" {
		return nil, fmt.Sprintf("`%s %s` is a subcommand of %s", prog, name, prog), false
	}
	bin := path.Join(wd, "node_modules/.bin", name)
	out = append(append(append([]string{}, words[:idx]...), bin), rest...)
	return out, fmt.Sprintf("`%s %s` runs %s from node_modules/.bin when package.json has no script of that name (%s)", prog, name, name, src.URL), true
}

// scripts is package.json's scripts (none for a nil package).
func (pkg *nodePackage) scripts() map[string]string {
	if pkg == nil {
		return nil
	}
	return pkg.Scripts
}

// pinManager pins the global install of the package manager to the version package.json's
// packageManager field names, when the install names none or a prefix of it (pnpm@10 for
// 10.23.0): the build then runs the version the lockfile was written with. A corepack setup
// reads the field itself and is kept as it is.
func pinManager(p *plan, st *dockerfile.Stage, s nodeSetup) (edits []rule.TextEdit, change *Change, note string) {
	pkg := stagePackage(p.f, p.ctx, st)
	if pkg == nil || pkg.PackageManager == "" {
		return nil, nil, ""
	}
	m, version, ok := pkgmgr.PackageManagerField(pkg.PackageManager)
	if !ok {
		return nil, nil, ""
	}
	mi := s.manager(m.ID)
	if mi == nil || mi.corepack || mi.spec == version {
		return nil, nil, ""
	}
	if mi.spec != "" && mi.spec != "latest" && !strings.HasPrefix(version, mi.spec+".") {
		return nil, nil, fmt.Sprintf("line %d installs %s@%s, but package.json's packageManager names %s@%s (%s): the lockfile was written by that version", mi.in.StartLine, m.ID, mi.spec, m.ID, version, pkgmgr.PackageManagerSource.URL)
	}
	for _, w := range mi.cmd.Words {
		v := mi.cmd.Part.WordSource(w)
		name, _, _ := strings.Cut(v, "@")
		if name != m.ID {
			continue
		}
		start := mi.cmd.Offset(w.Pos())
		if start < 0 {
			return nil, nil, ""
		}
		end := start + int(w.End().Offset()-w.Pos().Offset())
		edit := rule.TextEdit{Start: start, End: end, New: m.ID + "@" + version}
		return []rule.TextEdit{edit}, &Change{
			Title:  fmt.Sprintf("%s is installed at the version package.json's packageManager names", m.ID),
			Why:    fmt.Sprintf("package.json says \"packageManager\": %q (%s): the lockfile was written by %s %s, and a build with another version may resolve it differently or refuse it. The version comes from that one field.", pkg.PackageManager, pkgmgr.PackageManagerSource.URL, m.ID, version),
			Before: v, After: m.ID + "@" + version,
		}, ""
	}
	return nil, nil, ""
}

// prodPrune is the RUN that leaves only the production dependencies in the node_modules the
// runtime copies (pkgmgr.ProdInstalls), "" when the build's installs already leave the
// devDependencies out, the command needs one of them, or the manager cannot say; note
// explains a case the user should know; manager is the pkgmgr.ProdInstalls key it ran
// ("yarn-berry" for yarn 2+).
func prodPrune(p *plan, st *dockerfile.Stage, wd string) (run string, src pkgmgr.Source, note, manager string) {
	allOmit := true
	pkg := stagePackage(p.f, p.ctx, st)
	for sc := range pkgmgr.ChainCalls(p.f, st) {
		if sc.Manager.Ecosystem != "node" || sc.Action != pkgmgr.Install || sc.Has("-g", "--global") || p.f.WorkdirAt(sc.In) != wd {
			continue
		}
		manager = sc.Manager.ID
		// an install that adds packages (pnpm add, pnpm install PKG) installs the
		// devDependencies again, whatever NODE_ENV says
		if omitsDev(p, pkg, sc.Call, sc.In) == nil || len(sc.Operands) > 0 {
			allOmit = false
		}
	}
	// a stage named for development keeps them: developers run their tools in it
	if manager == "" || allOmit || isDevStageName(st.Name) {
		return "", src, "", ""
	}
	if pkg == nil || len(neededDevDeps(pkg, stageCommand(p.f, st))) > 0 {
		return "", src, "", ""
	}
	if manager == "yarn" && isYarnBerry(p, pkg) {
		if linker := yarnLinker(p); linker != pkgmgr.YarnBerry.NodeModules {
			return "", src, fmt.Sprintf("yarn berry with nodeLinker %s (%s): there is no node_modules to leave the devDependencies out of; the runtime gets the Plug'n'Play files as the build left them", linker, pkgmgr.YarnBerry.LinkerSource.URL), ""
		}
		if why := berryFocusMissing(p, pkg); why != "" {
			return "", src, why, ""
		}
		manager = "yarn-berry"
	}
	pi, ok := pkgmgr.ProdInstalls[manager]
	if !ok {
		return "", src, "", ""
	}
	prog := strings.TrimSuffix(manager, "-berry")
	run = "RUN " + prog + " " + strings.Join(pi.Args, " ")
	if manager == "yarn-berry" {
		// the runtime copies the project from this stage: without the zips and the install
		// state, which only yarn's next install reads
		run += " \\\n && rm -rf " + strings.Join(pkgmgr.YarnBerry.InstallLeftovers, " ")
	}
	return run, pi.Source, "", manager
}

// runsManagerIn reports whether a RUN of st's chain runs the package manager id.
func runsManagerIn(f *dockerfile.File, st *dockerfile.Stage, id string) bool {
	for _, s := range f.StageChain(st) {
		for _, in := range s.Instructions {
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				if runsManager(c, id) {
					return true
				}
			}
		}
	}
	return false
}
