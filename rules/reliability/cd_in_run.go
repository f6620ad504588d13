package reliability

import (
	"fmt"
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// CdInRun is DO403 (cd-in-run).
	CdInRun = &rule.Rule{
		ID:          "DO403",
		Name:        "cd-in-run",
		Family:      rule.Reliability,
		Severity:    rule.Info,
		Equivalents: []string{"hadolint:DL3003", "trivy:AVD-DS-0013"},
		Fix:         rule.UnsafeFix,
		Doc: rule.Doc{
			What: "Finds a RUN that changes with `cd` (at its top level) into the directory the stage " +
				"works in, i.e. one a COPY/ADD writes to or another RUN also changes into (`COPY . /app` " +
				"then `RUN cd /app && npm install`), where a WORKDIR would say it once. Not reported: " +
				"a one-off cd into a directory nothing else uses (`cd /usr/src; wget ...`); " +
				"`cd` inside a subshell `( cd x && make )`, a function, loop or conditional; `cd` into " +
				"/tmp or a directory the same RUN deletes; a RUN that later changes directory again " +
				"(`cd src && make && cd ..`); `cd -`, `cd ..` and `cd` without a target. A RUN that only " +
				"changes directory (`RUN cd /opt`) is always reported: it has no effect at all (hadolint's " +
				"DL3003 reports every `cd`).",
			Why: "A `cd` lasts only for its RUN, so every later RUN must repeat it, and the directory the " +
				"image's CMD runs in is not the one the build used. WORKDIR states the directory once, " +
				"is shown by `docker inspect`, creates the directory when it is missing and applies to " +
				"RUN, COPY, ADD, CMD and ENTRYPOINT alike. " +
				"Severity: info, where hadolint's DL3003 is a warning: a cd inside a RUN changes only " +
				"that RUN and builds as written; WORKDIR is clearer, not more correct.",
			Example:    "RUN cd /app && npm ci",
			UseInstead: "WORKDIR /app\nRUN npm ci",
			Fixed:      "Directories are changed with WORKDIR, not cd",
			FixNotes: "In the simple case only (`RUN cd /absolute/path && cmd...` where the cd is the first " +
				"command and the RUN changes directory nowhere else) the fix inserts `WORKDIR /absolute/path` " +
				"above the RUN and removes `cd /absolute/path && `; when instructions follow in the stage, " +
				"a stage is built from it, or it is the final stage (whose working directory the image keeps), " +
				"it also adds a WORKDIR back to the previous working directory after the RUN, so that they, " +
				"CMD and ENTRYPOINT run where they did. It is not offered when " +
				"the previous working directory is unknown (a WORKDIR with an unresolved variable). It is " +
				"unsafe: WORKDIR creates the directory where `cd` would have failed.",
			References: []string{
				"https://docs.docker.com/build/building/best-practices/#workdir",
				"https://github.com/hadolint/hadolint/wiki/DL3003",
			},
		},
		Check: checkCdInRun,
	}
)

func checkCdInRun(p *rule.Pass) {
	ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
		if in.Script == nil {
			return
		}
		var cds []*dockerfile.Command
		top := map[*syntax.CallExpr]bool{}
		for _, part := range in.Script.Parts {
			if part.File != nil {
				for k := range relTopLevelCalls(part.File) {
					top[k] = true
				}
			}
		}
		for _, c := range in.Script.Commands {
			if c.Name == "cd" && len(c.Wrappers) == 0 {
				cds = append(cds, c)
			}
		}
		if len(in.Script.Commands) == 1 && len(cds) == 1 && top[cds[0].Call] && relCdTarget(cds[0]) != "" &&
			relCdTarget(cds[0]) != "-" {
			// `RUN cd /opt` alone does nothing: the change ends with the RUN
			target := relCdTarget(cds[0])
			p.ReportCommand(in, cds[0], fmt.Sprintf("RUN cd %s alone has no effect: the directory change ends with the RUN; use WORKDIR %s", target, target))
			return
		}
		for i, c := range cds {
			if !top[c.Call] {
				continue
			}
			target := relCdTarget(c)
			if !relWorthWorkdir(target) || relRemovedLater(in, c, target) || !relWorkingDirUsed(p.File, in, target) {
				continue
			}
			// a later cd in the same RUN: the directory change is temporary
			later := false
			for _, o := range cds[i+1:] {
				if top[o.Call] {
					later = true
				}
			}
			if later {
				continue
			}
			p.ReportCommand(in, c, fmt.Sprintf("cd %s lasts only for this RUN: use WORKDIR %s", target, target),
				rule.WithFix("replace `cd "+target+" &&` with a WORKDIR instruction", relCdFix(p.File, in, c, target, len(cds) == 1)...))
			return
		}
	})
}

// relWorkingDirUsed reports whether a cd target is where the stage works: a COPY or ADD of
// the stage (or the stages it is built FROM) writes there, or another RUN also changes into
// it. A one-off cd into a system directory (cd /usr/src; wget ...) is not worth a WORKDIR.
func relWorkingDirUsed(f *dockerfile.File, run *dockerfile.Instruction, target string) bool {
	if run.Stage == nil {
		return false
	}
	clean := path.Clean(target)
	for _, st := range f.StageChain(run.Stage) {
		for _, in := range st.Instructions {
			if in == run {
				continue
			}
			switch in.Cmd {
			case "copy", "add":
				if len(in.Args) > 1 && path.Clean(in.Args[len(in.Args)-1]) == clean {
					return true
				}
			case "run":
				if in.Script == nil {
					continue
				}
				for _, c := range in.Script.Commands {
					if c.Name == "cd" && path.Clean(relCdTarget(c)) == clean {
						return true
					}
				}
			}
		}
	}
	return false
}

// relTopLevelCalls returns the commands a shell runs in its own process at the top level:
// through ;, && and || lists and { } blocks, not in subshells, pipelines, functions, loops or
// conditionals.
func relTopLevelCalls(file *syntax.File) map[*syntax.CallExpr]bool {
	top := map[*syntax.CallExpr]bool{}
	var visit func(st *syntax.Stmt)
	visit = func(st *syntax.Stmt) {
		if st.Background {
			return
		}
		switch c := st.Cmd.(type) {
		case *syntax.CallExpr:
			top[c] = true
		case *syntax.BinaryCmd:
			if c.Op == syntax.AndStmt || c.Op == syntax.OrStmt {
				visit(c.X)
				visit(c.Y)
			}
		case *syntax.Block:
			for _, s := range c.Stmts {
				visit(s)
			}
		}
	}
	for _, st := range file.Stmts {
		visit(st)
	}
	return top
}

// relCdTarget returns the directory a cd command changes to ("" for none or an option only).
func relCdTarget(c *dockerfile.Command) string {
	for _, a := range c.Args {
		if a == "-P" || a == "-L" || a == "-e" || a == "-@" {
			continue
		}
		return a
	}
	return ""
}

// relWorthWorkdir reports whether a cd target is a lasting working directory.
func relWorthWorkdir(t string) bool {
	if t == "" || t == "-" || t == "~" || t == "." || t == ".." || strings.HasPrefix(t, "../") ||
		strings.Contains(t, "$(") || strings.Contains(t, "`") || strings.Contains(t, "*") {
		return false
	}
	clean := path.Clean(t)
	if clean == "/" || clean == "/tmp" || strings.HasPrefix(clean, "/tmp/") || strings.HasPrefix(clean, "/var/tmp") {
		return false
	}
	return true
}

// relRemovedLater reports whether the RUN deletes the directory (or a parent) after the cd.
func relRemovedLater(in *dockerfile.Instruction, cd *dockerfile.Command, target string) bool {
	after := false
	clean := path.Clean(target)
	for _, c := range in.Script.Commands {
		if c == cd {
			after = true
			continue
		}
		if !after || c.Name != "rm" {
			continue
		}
		for _, a := range c.Positional() {
			a = path.Clean(a)
			if a == clean || strings.HasPrefix(clean, a+"/") || a == "." {
				return true
			}
		}
	}
	return false
}

// relCdFix returns the edits of the simple case: `RUN cd /abs && rest` becomes
// `WORKDIR /abs` + `RUN rest`.
func relCdFix(f *dockerfile.File, in *dockerfile.Instruction, c *dockerfile.Command, target string, onlyCd bool) []rule.TextEdit {
	if !onlyCd || in.Cmd != "run" || len(in.Script.Parts) != 1 || c.Part.Heredoc ||
		!strings.HasPrefix(target, "/") || strings.ContainsAny(target, "$\"'\\ ") || len(c.Redirects) > 0 ||
		len(c.Assigns) > 0 || c.Part.File == nil || len(c.Part.File.Stmts) == 0 {
		return nil
	}
	// the cd must be the leftmost command of `cd X && ...` in the first statement
	var and *syntax.BinaryCmd
	cmd := c.Part.File.Stmts[0].Cmd
	for {
		b, ok := cmd.(*syntax.BinaryCmd)
		if !ok {
			break
		}
		if b.X.Cmd == syntax.Command(c.Call) {
			if b.Op == syntax.AndStmt && len(b.X.Redirs) == 0 && !b.X.Negated {
				and = b
			}
			break
		}
		cmd = b.X.Cmd
	}
	if and == nil {
		return nil
	}
	start := c.StartOffset()
	op := c.Offset(and.OpPos)
	next := c.Offset(and.Y.Pos())
	if start < 0 || op <= start || next <= op {
		return nil
	}
	// delete `cd X && ` and the blank continuation after it, but keep comment lines
	end := op + 2
	if !strings.Contains(string(f.Source[end:next]), "#") {
		end = next
	} else {
		for end < next && (f.Source[end] == ' ' || f.Source[end] == '\t') {
			end++
		}
	}
	if ob := string(f.Source[in.StartOffset:min(in.StartOffset+7, len(f.Source))]); strings.EqualFold(ob, "onbuild") {
		return nil
	}
	// indentation of the RUN line, kept for the RUN after the new WORKDIR
	lineStart := f.LineOffset(in.StartLine)
	indent := string(f.Source[lineStart:in.StartOffset])
	if strings.TrimLeft(indent, " \t") != "" {
		return nil
	}
	eol := "\n"
	if f.UsesCRLF() {
		eol = "\r\n"
	}
	// The working directory before the RUN must be known: if anything comes after the RUN in
	// its stage (or a stage is built FROM it), a WORKDIR after the RUN restores it, so that
	// later instructions, CMD and ENTRYPOINT run where they did.
	prev := f.WorkdirAt(in)
	if prev == "" || in.Stage == nil {
		return nil
	}
	edits := []rule.TextEdit{
		{Start: in.StartOffset, End: in.StartOffset, New: "WORKDIR " + target + eol + indent},
		{Start: start, End: end, New: ""},
	}
	if path.Clean(prev) != path.Clean(target) && relFollowed(f, in) {
		edits = append(edits, rule.TextEdit{Start: in.EndOffset, End: in.EndOffset, New: eol + indent + "WORKDIR " + prev})
	}
	return edits
}

// relFollowed reports whether a working directory set at in would reach something: an
// instruction after in in its stage, a later stage built FROM in's stage, or, in the final
// stage, the image itself (its default working directory for CMD and `docker run`).
func relFollowed(f *dockerfile.File, in *dockerfile.Instruction) bool {
	st := in.Stage
	if len(st.Instructions) > 0 && st.Instructions[len(st.Instructions)-1] != in || st == f.FinalStage() {
		return true
	}
	for _, other := range f.Stages {
		if f.BaseStage(other) == st {
			return true
		}
	}
	return false
}
