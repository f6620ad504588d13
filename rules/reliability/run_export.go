package reliability

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// RunExport is DO411 (run-export).
	RunExport = &rule.Rule{
		ID:       "DO411",
		Name:     "run-export",
		Family:   rule.Reliability,
		Severity: rule.Warning,
		Doc: rule.Doc{
			What: "Finds `export NAME=value` (or `export NAME`) in a RUN when no command runs after it in " +
				"that RUN: `RUN export PATH=/opt/app/bin:$PATH`, `RUN make && export X=1`. An export " +
				"followed by commands of the same RUN (`export DEBIAN_FRONTEND=noninteractive && " +
				"apt-get ...`) is not reported: those commands see it.",
			Why: "Every RUN starts a new shell, and what a shell exports lives only as long as that " +
				"shell and its children: the variable is gone for the next RUN, CMD, ENTRYPOINT and the " +
				"running container. The author meant an ENV (or an ARG for the build only).",
			Example:    "RUN export PATH=/opt/app/bin:$PATH",
			UseInstead: "ENV PATH=/opt/app/bin:$PATH",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#env",
				"https://docs.docker.com/reference/dockerfile/#run",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
				if in.Script != nil && in.Script.Err == nil {
					checkRunExport(p, in)
				}
			})
		},
	}
)

// checkRunExport reports the exports of a RUN's script after which no statement runs.
func checkRunExport(p *rule.Pass, in *dockerfile.Instruction) {
	parts := in.Script.Parts
	for i, part := range parts {
		if part.File == nil {
			continue
		}
		laterCode := false
		for _, q := range parts[i+1:] {
			laterCode = laterCode || q.File != nil && len(q.File.Stmts) > 0
		}
		if laterCode || !strings.Contains(part.Source, "export") { // no export keyword: nothing to walk to
			continue
		}
		var exports []*syntax.DeclClause
		var stmtStarts []uint
		syntax.Walk(part.File, func(n syntax.Node) bool {
			switch x := n.(type) {
			case *syntax.Word:
				return part.MayHoldCommands(x)
			case *syntax.DeclClause:
				if x.Variant != nil && x.Variant.Value == "export" && len(x.Args) > 0 {
					exports = append(exports, x)
				}
			case *syntax.Stmt:
				stmtStarts = append(stmtStarts, x.Pos().Offset())
			}
			return true
		})
		for _, e := range exports {
			end := e.End().Offset()
			after := false
			for _, s := range stmtStarts {
				after = after || s >= end
			}
			if after {
				continue
			}
			var names []string
			for _, a := range e.Args {
				if a.Name != nil {
					names = append(names, a.Name.Value)
				}
			}
			if len(names) == 0 {
				continue
			}
			msg := "export " + strings.Join(names, " ") + " has no effect: nothing runs after it in this RUN, and the next " +
				"instruction starts a new shell; use ENV " + names[0] + "=... (or ARG for the build only)"
			s, t := exportOffset(part, int(e.Pos().Offset())), exportOffset(part, int(end)-1)
			if s < 0 || t < s {
				p.Report(in, msg)
				continue
			}
			p.ReportRange(s, t+1, msg)
		}
	}
}

func exportOffset(part *dockerfile.ScriptPart, i int) int {
	return part.Offsets.At(i)
}
