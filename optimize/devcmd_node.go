package optimize

import (
	"fmt"
	"iter"
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// findDev returns the development tool the command line runs, directly or through a
// package.json script (nested `npm run` included); nil when it runs none.
func findDev(p *plan, st *dockerfile.Stage, words []string) *devCmd {
	if use := pkgmgr.FindDevTool(words); use != nil {
		return &devCmd{use: use, command: words, words: words}
	}
	d := findDevInScripts(stagePackage(p.f, p.ctx, st), words, 0)
	if d != nil {
		d.command = words
	}
	return d
}

func findDevInScripts(pkg *nodePackage, words []string, depth int) *devCmd {
	script, manager := pkg.scriptName(words)
	if script == "" || depth > 3 {
		return nil
	}
	for _, cmd := range scriptCommands(pkg.Scripts[script]) {
		if use := pkgmgr.FindDevTool(cmd); use != nil {
			return &devCmd{use: use, words: cmd, script: script, manager: manager, pkg: pkg}
		}
		if d := findDevInScripts(pkg, cmd, depth+1); d != nil {
			return d
		}
	}
	return nil
}

// nodeProduction is the production start of a Node development command (see
// devCommandPass): the command, how it was chosen, or why none was found.
func nodeProduction(p *plan, st *dockerfile.Stage, d *devCmd) (argv []string, how, reason string) {
	pkg := d.pkg
	if pkg == nil {
		pkg = stagePackage(p.f, p.ctx, st)
	}
	if pkg == nil {
		return nil, "", "no package.json in the working directory"
	}
	omits := len(devPrunes(p, st)) > 0
	manager := d.manager
	if manager == "" {
		manager = "npm"
	}
	start, ok := pkg.Scripts["start"]
	startWords, simple := dockerfile.ExecForm(start)
	simple = simple && startWords[0] == "node"
	built := runsScript(p.f, st, "build")
	switch {
	case !ok:
		reason = "package.json has no start script"
	case d.script == "start":
		reason = "package.json's start script is the development command"
	case usesDevTool(pkg, []string{manager, "start"}):
		reason = "package.json's start script runs a development tool too"
	case omits && len(neededDevDeps(pkg, []string{manager, "start"})) > 0:
		reason = "package.json's start script needs a devDependency that the image leaves out"
	case d.use.Tool.Frontend && !built:
		reason = "serving the production build needs the build script, which this image does not run"
	case simple && !builtOrCopied(p, st, pkg, nodeFile(startWords), built):
		reason = fmt.Sprintf("package.json's start script runs %s, which is not in the image", nodeFile(startWords))
	default:
		argv = []string{manager, "start"}
		if simple {
			argv = startWords // node as PID 1, not npm
		}
		return argv, fmt.Sprintf("package.json's start script (`%s`) is the production start.", start), ""
	}
	if d.use.Tool.Frontend {
		return nil, "", reason + "; a front-end dev server has no `node FILE` equivalent: the production build is served by a web server"
	}
	for _, file := range []string{jsOperand(d.use.Operands), pkg.Main} {
		if isJS(file) && inImage(p, st, pkg, file) {
			argv = []string{"node", file}
			if file == pkg.Main && file != jsOperand(d.use.Operands) {
				return argv, fmt.Sprintf("%s; package.json's main, %s, is the app, run by node itself.", reason, file), ""
			}
			return argv, fmt.Sprintf("%s; %s runs %s, which node runs by itself.", reason, d.use.Tool.Name, file), ""
		}
	}
	return nil, "", reason + ", and no JavaScript file that node could run instead was found in the image"
}

// jsOperand is the first operand that names a JavaScript or TypeScript file ("" if none).
func jsOperand(ops []string) string {
	for _, o := range ops {
		switch path.Ext(o) {
		case ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx":
			return o
		}
	}
	return ""
}

func isJS(file string) bool {
	switch path.Ext(file) {
	case ".js", ".mjs", ".cjs":
		return true
	}
	return false
}

// nodeFile is the script `node [options] FILE` runs.
func nodeFile(words []string) string {
	for _, w := range words[1:] {
		if !strings.HasPrefix(w, "-") {
			return w
		}
	}
	return ""
}

// inImage reports whether the stage's COPY instructions put file (relative to the
// package's directory) in the image.
func inImage(p *plan, st *dockerfile.Stage, pkg *nodePackage, file string) bool {
	if file == "" {
		return false
	}
	_, ok := contextFileAt(p.f, p.ctx, st, path.Join(pkg.Dir, file))
	return ok
}

// builtOrCopied reports whether file (relative to the package's directory) is in the image:
// copied from the build context, or, when the build script runs and the context has no such
// file, its output.
func builtOrCopied(p *plan, st *dockerfile.Stage, pkg *nodePackage, file string, built bool) bool {
	if inImage(p, st, pkg, file) {
		return true
	}
	return built && file != "" && !p.ctx.Exists(path.Join(path.Dir(pkg.File), file))
}

// usesDevTool reports whether a command line runs a development tool, directly or through
// package.json scripts.
func usesDevTool(pkg *nodePackage, words []string) bool {
	return pkgmgr.FindDevTool(words) != nil || findDevInScripts(pkg, words, 0) != nil
}

// neededDevDeps are the devDependencies (not also dependencies) whose programs a command
// line runs, directly, behind launchers (npx, cross-env) or through package.json scripts.
func neededDevDeps(pkg *nodePackage, words []string) []string {
	var out []string
	var visit func(words []string, depth int)
	visit = func(words []string, depth int) {
		idx, _ := pkgmgr.ProgramIndex(words)
		if idx < 0 || depth > 3 {
			return
		}
		for j := 0; j <= idx; j++ {
			b := pkgmgr.ProgramBase(words[j])
			if j < idx && !pkgmgr.IsLauncher(b) {
				continue
			}
			if dep := pkg.devOnly(pkgmgr.NodeBinPackages(b)); dep != "" && !slices.Contains(out, dep) {
				out = append(out, dep)
			}
		}
		if script, _ := pkg.scriptName(words); script != "" {
			for _, cmd := range scriptCommands(pkg.Scripts[script]) {
				visit(cmd, depth+1)
			}
		}
	}
	if pkg != nil {
		visit(words, 0)
	}
	return out
}

// runsScript reports whether a RUN of the stage (or a stage it is built FROM, or copies
// from) runs package.json's script name (`npm run build`, `yarn build`).
func runsScript(f *dockerfile.File, st *dockerfile.Stage, name string) bool {
	for nc := range nodeCalls(f, st, true) {
		if call := nc.call; call.Sub == name || call.Sub == "run" && len(call.Operands) > 0 && call.Operands[0] == name {
			return true
		}
	}
	return false
}

// nodeCall is one Node package-manager call (npm, yarn, pnpm) of a RUN.
type nodeCall struct {
	in   *dockerfile.Instruction
	cmd  *dockerfile.Command
	call *pkgmgr.Call
}

// nodeCalls yields the Node package-manager calls of the RUNs of the stages whose files reach
// st (stagesInto, with allCopies), in order.
func nodeCalls(f *dockerfile.File, st *dockerfile.Stage, allCopies bool) iter.Seq[nodeCall] {
	return func(yield func(nodeCall) bool) {
		for _, s := range stagesInto(f, st, allCopies) {
			for _, in := range s.Instructions {
				if in.Script == nil {
					continue
				}
				for _, c := range in.Script.Commands {
					call := pkgmgr.ParseCommand(c)
					if call == nil || call.Manager.Ecosystem != "node" {
						continue
					}
					if !yield(nodeCall{in: in, cmd: c, call: call}) {
						return
					}
				}
			}
		}
	}
}

// stagesInto are the stages whose files reach stage st: its chain, and the stages it copies
// node_modules (or a whole directory holding it) from, with theirs; with allCopies, every
// stage it copies anything from.
func stagesInto(f *dockerfile.File, st *dockerfile.Stage, allCopies bool) []*dockerfile.Stage {
	var out []*dockerfile.Stage
	var visit func(s *dockerfile.Stage)
	visit = func(s *dockerfile.Stage) {
		for _, c := range f.StageChain(s) {
			if slices.Contains(out, c) {
				continue
			}
			out = append(out, c)
			for _, in := range c.Instructions {
				from, ok := in.Flag("from")
				fs := f.StageByName(from)
				if in.Cmd != "copy" || !ok || fs == nil || len(in.Args) < 2 {
					continue
				}
				if allCopies || copiesNodeModules(f, fs, in.Args[:len(in.Args)-1]) {
					visit(fs)
				}
			}
		}
	}
	visit(st)
	return out
}

// copiesNodeModules reports whether COPY --from=fs sources take node_modules: named, or a
// directory that holds it (the stage's working directory or a parent).
func copiesNodeModules(f *dockerfile.File, fs *dockerfile.Stage, srcs []string) bool {
	wd := f.WorkdirEnd(fs)
	for _, s := range srcs {
		s = path.Clean("/" + s)
		if strings.Contains(s, "node_modules") {
			return true
		}
		if _, ok := under(path.Join(wd, "node_modules"), s); ok {
			return true
		}
	}
	return false
}
