package optimize

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// venvPipPass keeps pip out of a virtualenv that the stage that ships copies from a builder
// stage: pip installs the dependencies in the builder and is not needed to run them, so the
// builder's last RUN that installs with pip also uninstalls pip from the venv, and the
// runtime's COPY no longer carries it. It applies when the builder made the venv with
// `python -m venv DIR` (virtualenv and uv venvs differ: uv's have no pip), no later RUN of the
// builder uses pip, and nothing in the stage that ships (RUN, CMD, ENTRYPOINT, HEALTHCHECK,
// or a shell script of the build context) names pip. setuptools stays here: code may import
// pkg_resources at run time (the Python recipe's own venv leaves it out: pythonVenvRun).
func venvPipPass(p *plan) {
	st := p.stage()
	if shipsUsePip(p, st) {
		return
	}
	for _, in := range st.Instructions {
		if in.Cmd != "copy" || len(in.Args) != 2 {
			continue
		}
		from, ok := in.Flag("from")
		if !ok {
			continue
		}
		b := p.f.StageByName(from)
		if b == nil || b.Index >= st.Index {
			continue
		}
		src, ok := p.f.Expand(in, in.Args[0])
		if !ok {
			continue
		}
		venv := path.Clean(src)
		last := lastPipRun(p.f, b, venv)
		if last == nil || laterStagesUsePip(p, b, st) {
			continue
		}
		nl, esc := p.f.Newline(), string(p.f.EscapeToken)
		add := " " + esc + nl + "    && " + venv + "/bin/python -m pip uninstall --yes pip"
		if !p.apply(rule.TextEdit{Start: last.EndOffset, End: last.EndOffset, New: add}) {
			return
		}
		p.res.Changes = append(p.res.Changes, Change{
			Title:  "The virtualenv the image runs holds no package installer",
			Why:    fmt.Sprintf("pip installs the dependencies into %s in stage %s and is not needed to run them: the last RUN that installs now uninstalls pip from the venv, so the COPY into the stage that ships does not carry it. setuptools stays (code may import pkg_resources).", venv, b.Name),
			Before: oneLine(text(p.f, last)),
			After:  venv + "/bin/python -m pip uninstall --yes pip",
		})
		return
	}
}

// lastPipRun returns the last RUN of stage b that installs with pip (or with poetry or
// pipenv, which may run the venv's pip) after b created venv with `python -m venv`, nil when there is none, pip is already uninstalled, or the RUN cannot be
// extended (heredoc, exec form, a script that does not parse).
func lastPipRun(f *dockerfile.File, b *dockerfile.Stage, venv string) *dockerfile.Instruction {
	made := false
	var last *dockerfile.Instruction
	for _, in := range b.Instructions {
		if in.Cmd != "run" || in.Script == nil {
			continue
		}
		for _, c := range in.Script.Commands {
			if pkgmgr.IsPython(c.Name) && len(c.Args) >= 3 && c.Args[0] == "-m" && c.Args[1] == "venv" && path.Clean(c.Args[len(c.Args)-1]) == venv {
				made = true
			}
			call := pkgmgr.ParseCommand(c)
			// poetry and pipenv run the venv's pip for some installs (a directory, the
			// project itself): pip goes after their last install too
			if made && call != nil && call.IsVenvInstall() {
				last = in
			}
			if made && call != nil && call.Is("pip") {
				if call.Sub == "uninstall" {
					// pip already removed; another package's uninstall (setuptools, right
					// after the venv is made) installs nothing
					if slices.ContainsFunc(call.Operands, func(o string) bool { return strings.EqualFold(o, "pip") }) {
						return nil
					}
					continue
				}
				last = in
			}
		}
	}
	if last == nil || len(last.Heredocs) > 0 || last.JSON || last.Script.Err != nil {
		return nil
	}
	return last
}

// shipsUsePip reports whether the stage that ships, or a shell script of the build context,
// names pip.
func shipsUsePip(p *plan, st *dockerfile.Stage) bool {
	for _, s := range p.f.StageChain(st) {
		for _, in := range s.Instructions {
			switch in.Cmd {
			case "run", "cmd", "entrypoint", "healthcheck":
				if strings.Contains(text(p.f, in), "pip") {
					return true
				}
			}
		}
	}
	found := false
	if p.ctx != nil {
		for _, e := range p.ctx.Entries {
			// a script the .dockerignore leaves out of the build never runs in the image
			if found || e.IsDir || path.Ext(e.Path) != ".sh" || p.ctx.Ignored(e.Path) {
				continue
			}
			if data, err := readContextFile(p.ctx, e.Path); err == nil && strings.Contains(string(data), "pip ") {
				found = true
			}
		}
	}
	return found
}

// laterStagesUsePip reports whether a stage other than st that is built FROM b (a dev stage
// on the builder) runs pip: it would find none in the venv.
func laterStagesUsePip(p *plan, b, st *dockerfile.Stage) bool {
	for _, s := range p.f.Stages {
		if s == st || s == b || !derivesFrom(p.f, s, b) {
			continue
		}
		for _, in := range s.Instructions {
			if in.Cmd == "run" && strings.Contains(text(p.f, in), "pip") {
				return true
			}
		}
	}
	return false
}
