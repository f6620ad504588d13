package optimize

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/size"
)

// chmodPass folds a `RUN chmod -R` or `RUN chown -R` over what a COPY of the stage that ships
// just wrote into that COPY (--chmod=, --chown=): the RUN stored every copied file a second
// time. It applies the fix of DO111, the rule that knows when that is exact (the RUN does
// nothing else, only COPYs of the stage wrote there, octal modes only). --chmod gives files
// and directories one mode, as chmod -R does. When the directory itself existed before the
// COPY (a WORKDIR made it), the fix keeps a RUN for the directory alone, without -R, which
// stores only the directory; a `chmod 755` of a directory WORKDIR made is dropped too, since
// WORKDIR creates directories with mode 755.
func chmodPass(p *plan) {
	r := size.RecursiveChownAfterCopy
	for range 8 { // one RUN per round: each change re-parses the text
		st := p.stage()
		// DO111 looks at the last stage: cut the file after the stage that ships
		cut, err := p.parse(p.text[:st.Instructions[len(st.Instructions)-1].EndOffset])
		if err != nil {
			return
		}
		var fd *rule.Finding
		for _, x := range lint.Run(cut, p.ctx, lint.Options{Only: []*rule.Rule{r}}) {
			if x.Fix != nil && len(x.Fix.Edits) > 0 {
				fd = &x
				break
			}
		}
		if fd == nil {
			return
		}
		run := instructionAtLine(st, fd.Line)
		if run == nil || run.Script == nil || len(run.Script.Commands) != 1 {
			return
		}
		c := run.Script.Commands[0]
		pos := c.Positional()
		if len(pos) != 2 {
			return
		}
		edits, kept := fd.Fix.Edits, !deletesInstruction(fd.Fix.Edits, run)
		noop := kept && c.Name == "chmod" && (pos[0] == "755" || pos[0] == "0755") && workdirMade(p.f, st, absDir(p.f, run, pos[1]))
		if noop {
			edits = append(outside(edits, run), rule.TextEdit{Start: p.f.LineOffset(run.StartLine), End: p.f.LineOffset(run.EndLine + 1)})
		}
		was, copies := editedCopies(p, st, edits)
		before := strings.Join(append(was, strings.TrimSpace(run.Text(p.f))), "\n")
		if !p.apply(edits...) {
			return
		}
		p.res.Changes = append(p.res.Changes, chmodChange(c.Name, pos, copies, before, kept && !noop, noop))
	}
}

// chmodChange records one folded RUN.
func chmodChange(cmd string, pos, copies []string, before string, kept, noop bool) Change {
	what, flag := "owner", "--chown"
	if cmd == "chmod" {
		what, flag = "mode", "--chmod"
	}
	why := fmt.Sprintf("`%s -R %s %s` after the COPY stored every file it had copied a second time, in a layer of its own. %s=%s sets the %s as the files are written, at no cost.", cmd, pos[0], pos[1], flag, pos[0], what)
	if cmd == "chmod" {
		why += " It gives files and directories the one mode, as chmod -R did. It needs BuildKit (Docker 20.10's built-in builder has it, with no `# syntax` line)."
	}
	after := strings.Join(copies, "\n")
	switch {
	case noop:
		why += fmt.Sprintf(" %s itself was made by WORKDIR, which creates directories with mode 755: the RUN is dropped.", pos[1])
	case kept:
		why += fmt.Sprintf(" %s itself existed before the COPY (a WORKDIR made it): a RUN still sets its own %s, without -R, which stores only the directory.", pos[1], what)
		after += fmt.Sprintf("\nRUN %s %s %s", cmd, pos[0], pos[1])
	}
	return Change{Title: fmt.Sprintf("The files' %s is set by COPY, not by a second layer", what), Why: why, Rules: []string{"DO111"}, Before: before, After: after}
}

func instructionAtLine(st *dockerfile.Stage, line int) *dockerfile.Instruction {
	for _, in := range st.Instructions {
		if line >= in.StartLine && line <= in.EndLine {
			return in
		}
	}
	return nil
}

// deletesInstruction reports whether an edit removes in's lines whole.
func deletesInstruction(edits []rule.TextEdit, in *dockerfile.Instruction) bool {
	for _, e := range edits {
		if e.New == "" && e.Start <= in.StartOffset && e.End >= in.EndOffset {
			return true
		}
	}
	return false
}

// outside returns the edits that do not touch instruction in.
func outside(edits []rule.TextEdit, in *dockerfile.Instruction) []rule.TextEdit {
	var out []rule.TextEdit
	for _, e := range edits {
		if e.End < in.StartOffset || e.Start > in.EndOffset {
			out = append(out, e)
		}
	}
	return out
}

// editedCopies returns the COPY instructions of stage st that the edits change, as they
// read and as they will read.
func editedCopies(p *plan, st *dockerfile.Stage, edits []rule.TextEdit) (was, will []string) {
	for _, in := range st.Instructions {
		if in.Cmd != "copy" {
			continue
		}
		text, changed := p.text[in.StartOffset:in.EndOffset], false
		for i := len(edits) - 1; i >= 0; i-- { // edits in source order: apply from the end
			e := edits[i]
			if e.Start >= in.StartOffset && e.End <= in.EndOffset {
				text = text[:e.Start-in.StartOffset] + e.New + text[e.End-in.StartOffset:]
				changed = true
			}
		}
		if changed {
			was = append(was, strings.TrimSpace(in.Text(p.f)))
			will = append(will, strings.TrimSpace(text))
		}
	}
	return was, will
}

// absDir resolves a directory a RUN names against its working directory; "" when it holds
// a variable.
func absDir(f *dockerfile.File, in *dockerfile.Instruction, dir string) string {
	if strings.ContainsAny(dir, "$`*?[") {
		return ""
	}
	if !strings.HasPrefix(dir, "/") {
		dir = path.Join(f.WorkdirAt(in), dir)
	}
	return path.Clean(dir)
}

// workdirMade reports whether a WORKDIR of stage st (or a stage it is built FROM) names dir.
func workdirMade(f *dockerfile.File, st *dockerfile.Stage, dir string) bool {
	if dir == "" || dir == "/" {
		return false
	}
	for _, s := range f.StageChain(st) {
		for _, in := range s.Instructions {
			if in.Cmd != "workdir" || len(in.Args) == 0 {
				continue
			}
			if v, ok := f.Expand(in, in.Args[0]); ok && absDir(f, in, v) == dir {
				return true
			}
		}
	}
	return false
}
