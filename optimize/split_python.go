package optimize

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
)

// splitVenv is where the split puts the virtualenv pip installs into when the build had none.
const splitVenv = "/opt/venv"

// pythonRuntime: a stage that runs Python on a full python image. pip's installs go to a
// virtualenv (the one the build makes with `python -m venv`, else /opt/venv created right
// after the build's FROM, with its bin first in PATH), and the runtime stage, python's slim
// variant of the same version, receives that venv, the working directory and what the build
// copied elsewhere, plus the run-time libraries of the distribution packages it installed.
// The venv's interpreter is the same path in the full and the slim image of one version (a
// note says so when the tag names no minor version: pythonVersionNote). poetry, pipenv and uv
// installs go into the same virtualenv through their own settings (pkgmgr.VenvInstall,
// findPMInstall): the manager stays in the build stage, and a CMD run through `poetry run`
// runs the program directly. Not split: pip installs that choose their own place (--user,
// --target, --prefix, --root), another installer (conda, pdm, `poetry add`, pipenv --system,
// setup.py install), two managers, a command given by an absolute path, -dev packages with no
// known run-time library.
func pythonRuntime(p *plan, st *dockerfile.Stage, repo, tag string) (*runtimePlan, string) {
	slim, ok := dockerfile.SlimVariantTag(tag)
	wd := p.f.WorkdirEnd(st)
	if !ok || wd == "" {
		return nil, ""
	}
	if prog := stageProgram(p.f, st); strings.HasPrefix(prog, "/usr/") {
		return nil, fmt.Sprintf("%s runs %s by its absolute path: with the dependencies in a virtualenv it would not be there, so the build was not moved to its own stage", stageLabel(st), prog)
	}
	chain := p.f.StageChain(st)
	venv, pkgs, extra, pipOnly, why, ok := scanPythonChain(p, st, chain, wd)
	if !ok {
		return nil, why
	}
	_, runtime, unknown := splitPackages(pkgs)
	if len(unknown) > 0 {
		return nil, fmt.Sprintf("%s installs %s, whose run-time libraries dockopt does not know: the build was not moved to its own stage", stageLabel(st), strings.Join(unknown, ", "))
	}
	pm, why := findPMInstall(p.f, chain)
	if why != "" {
		return nil, fmt.Sprintf("%s %s: the build was not moved to its own stage", stageLabel(st), why)
	}
	rt := &runtimePlan{base: repo + ":" + slim}
	cross, crossFrom, crossWhy := splitPyCross(p, st, chain, repo, tag, pm != nil, venv, pkgs)
	switch {
	case cross != nil:
		root := chain[len(chain)-1]
		nl := p.f.Newline()
		rt.buildEdits = append(rt.buildEdits, *crossFrom, rule.TextEdit{Start: root.From.EndOffset, End: root.From.EndOffset, New: nl + strings.Join(cross.configLines(), nl)})
		rt.setup = append(rt.setup, "ENV PYTHONPATH="+pipTargetDir+" PATH="+pipTargetDir+"/bin:$PATH")
		rt.changes = append(rt.changes, cross.splitChange(strings.Join(p.opt.Platforms, ", ")))
		venv = pipTargetDir
		rt.why = fmt.Sprintf("pip installs the target platform's packages into %s (PIP_CONFIG_FILE), which the runtime names in PYTHONPATH and PATH; ", pipTargetDir)
	case pm != nil:
		made := venv != ""
		if !made {
			venv = splitVenv
		}
		rt.buildEdits = pmBuildEdits(p, chain, pm, venv, made)
		if !strings.Contains(p.f.Vars(st.Instructions[len(st.Instructions)-1])["PATH"], venv+"/bin") {
			rt.setup = append(rt.setup, "ENV PATH="+venv+"/bin:$PATH")
		}
		rt.commandLine = withoutRunnerLine
		rt.why = fmt.Sprintf("%s installs the dependencies into the virtualenv %s (%s) and stays in the build stage with its caches; a command run through `%s %s` runs the program directly, the virtualenv first in PATH; ", pm.m.ID, venv, strings.Join(pm.vi.ExpandEnv(venv), " "), pm.m.ID, pm.vi.Runner)
	case venv == "":
		venv = splitVenv
		root := chain[len(chain)-1]
		nl := p.f.Newline()
		rt.buildEdits = append(rt.buildEdits, rule.TextEdit{Start: root.From.EndOffset, End: root.From.EndOffset,
			New: nl + "RUN python -m venv " + venv + nl + "ENV PATH=" + venv + "/bin:$PATH"})
		rt.setup = append(rt.setup, "ENV PATH="+venv+"/bin:$PATH")
		rt.why = fmt.Sprintf("pip now installs into a virtualenv (%s, created right after the build's FROM, first in PATH), so the dependencies can be copied without the toolchain; ", venv)
	}
	if len(runtime) > 0 {
		rt.setup = append(rt.setup, runtimeAptRun(p.opt, runtime))
	}
	if crossWhy != "" {
		rt.note = fmt.Sprintf("not cross-compiled for %s: %s; the Python install runs on each target platform's base image (%s; pip chooses wheels by platform tag, %s)", strings.Join(p.opt.Platforms, ", "), crossWhy, emulated, wheelTagSource)
	}
	rt.pythonCopies(venv, wd, extra, cross != nil)
	if cross != nil {
		rt.why += rt.base + " is the same Python without compilers and headers, pulled for each target platform."
	} else {
		rt.why += rt.base + " is the same Python without compilers and headers; the virtualenv's interpreter has the same path in both."
	}
	if len(pipOnly) > 0 {
		rt.why += fmt.Sprintf(" %s, which only pip reads (nothing that runs in the image names it), stays in the build stage.", strings.Join(pipOnly, ", "))
	}
	if n := pythonVersionNote(repo, tag, slim); n != "" {
		rt.note = joinNonEmpty("; ", rt.note, n)
	}
	return rt, ""
}

// pythonCopies are what the Python runtime receives from the build: the virtualenv (with
// --platform, pip's target directory), the working directory, and the directories outside
// them that the build writes and the program needs (extra).
func (rt *runtimePlan) pythonCopies(venv, wd string, extra map[string]bool, cross bool) {
	rt.copies = append(rt.copies, [2]string{venv, venv})
	rt.what = "the virtualenv " + venv
	if cross {
		rt.what = "the packages " + venv
	}
	if wd != "/" && !strings.HasPrefix(wd, venv) {
		rt.copies = append(rt.copies, [2]string{wd, wd})
		rt.what += " and " + wd
	}
	for _, d := range sortedKeys(extra) {
		if d != venv && !strings.HasPrefix(d, venv+"/") {
			rt.copies = append(rt.copies, [2]string{d, d})
			rt.what += ", " + d
		}
	}
}

// scanPythonChain reads the stage's chain: the virtualenv a RUN makes, the Debian packages it
// installs, the directories outside wd it copies to, and those only pip reads (which stay in
// the build stage); ok is false (with why, "" for no note) when the build cannot move.
func scanPythonChain(p *plan, st *dockerfile.Stage, chain []*dockerfile.Stage, wd string) (venv string, pkgs []string, extra map[string]bool, pipOnly []string, why string, ok bool) {
	extra = map[string]bool{}
	pipPaths, runs := pipReadPaths(p.f, chain), runsInRuntime(chain)
	for _, s := range chain {
		for _, in := range s.Instructions {
			switch in.Cmd {
			case "run":
				if in.Script == nil {
					return "", nil, nil, nil, "", false
				}
				for _, c := range in.Script.Commands {
					if pkgmgr.IsPython(c.Name) && len(c.Args) >= 3 && c.Args[0] == "-m" && c.Args[1] == "venv" {
						venv = path.Clean(c.Args[len(c.Args)-1])
					}
					if why := pythonInstallWhy(c); why != "" {
						return "", nil, nil, nil, fmt.Sprintf("%s %s: the build was not moved to its own stage", stageLabel(st), why), false
					}
				}
			case "copy", "add":
				if _, ok := in.Flag("from"); ok || len(in.Args) < 2 {
					continue
				}
				dst, ok := p.f.Expand(in, in.Args[len(in.Args)-1])
				if !ok {
					return "", nil, nil, nil, "", false
				}
				dst = cleanAbs(dst, p.f.WorkdirAt(in))
				if dst != wd && !strings.HasPrefix(dst, wd+"/") && dst != "/" {
					if pipOnlyTarget(p.f, p.ctx, in, dst, pipPaths, runs) {
						pipOnly = append(pipOnly, dst) // read by pip in the build stage only
						continue
					}
					extra[dst] = true
				}
			}
		}
		pkgs = append(pkgs, pkgmgr.Installed(p.f, s)...)
	}
	return venv, pkgs, extra, pipOnly, "", true
}

// pythonMinorTag matches an official python tag that names the minor version (3.11,
// 3.11.9, 3.11-bookworm).
var pythonMinorTag = lazyre.New(`^\d+\.\d+($|[.-])`)

// pythonVersionNote says when the build stage's and the runtime stage's Python cannot be
// known to match: a tag without a minor version (latest, 3, bookworm) names whatever Python
// was newest when each image was pulled, and the two are pulled separately. A virtualenv's
// bin/python links to the interpreter that made it (/usr/local/bin/python3.X), and its
// site-packages is named for that minor version: in a runtime of another minor version it
// does not run. "" when the tag names the minor version (the slim variant of one tag holds
// the same interpreter at the same path).
func pythonVersionNote(repo, tag, slim string) string {
	if pythonMinorTag.MatchString(tag) {
		return ""
	}
	if tag == "" {
		tag = "latest"
	}
	return fmt.Sprintf("the build stage's %s:%s and the runtime stage's %s:%s name no Python minor version, so dockopt cannot guarantee they hold the same Python: pulled at different times they may not, and the virtualenv (its bin/python links to /usr/local/bin/python3.X, its packages are under lib/python3.X) then fails to start; pin the minor version (%s:3.12) so that both stages get the same interpreter", repo, tag, repo, slim, repo)
}

// pythonInstallWhy says why a command's Python install cannot be moved into a virtualenv
// ("" when it can, or when it installs nothing).
func pythonInstallWhy(c *dockerfile.Command) string {
	call := pkgmgr.ParseCommand(c)
	switch {
	case call != nil && call.Is("pip") && call.Has("--user", "--target", "-t", "--prefix", "--root"):
		return "installs with pip into a place of its own choosing (" + strings.Join(c.Args, " ") + ")"
	case call != nil && call.Is("conda", "pdm"):
		return "installs with " + call.Manager.ID + ", which keeps its own environment"
	case call != nil && call.Is("poetry", "pipenv", "uv") && !call.IsVenvInstall() && call.Action == pkgmgr.Install:
		return "installs with `" + strings.Join(append([]string{call.Manager.ID}, call.Args...), " ") + "`, which dockopt cannot point at a virtualenv"
	case pkgmgr.IsPython(c.Name) && len(c.Args) >= 2 && path.Base(c.Args[0]) == "setup.py" && c.Args[1] == "install":
		return "runs setup.py install"
	}
	return ""
}
