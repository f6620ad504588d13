package optimize

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/reliability"
)

// healthPass repairs the HEALTHCHECK of the stage that ships (its own, or the one it inherits
// from a stage it is built FROM) when the check runs a program the image lacks: DO402 knows
// which (curl or wget on a base that never installs them, /bin/sh on an image without a
// shell). The check is rewritten, in exec form and with its options kept, to make the same
// request with what the image has: the language runtime (python -c with urllib.request,
// node -e with http.get), or the program's own probe flag; a shell-form check whose program
// is there is written in exec form. When nothing can probe, the check is removed (an
// inherited one is turned off with HEALTHCHECK NONE) and a note says why: a check that
// always fails marks a working container unhealthy.
func healthPass(p *plan) {
	st := p.stage()
	hc := effectiveHealthcheck(p.f, st)
	if hc == nil {
		return
	}
	miss := reliability.HealthcheckMissingTool(p.f, hc, st)
	if miss == nil {
		return
	}
	before := strings.TrimSpace(hc.Text(p.f))
	broken := fmt.Sprintf("it runs %s, which %s does not have (%s)", miss.Tool, miss.Image, miss.Says)
	probe, how, whyNot := repairProbe(p, st, hc, miss)
	if probe != nil {
		after, ok := writeProbe(p, st, hc, probe)
		if !ok {
			return
		}
		p.res.Healthcheck = after
		p.res.Changes = append(p.res.Changes, Change{
			Title:  "The HEALTHCHECK runs with what the image has",
			Why:    fmt.Sprintf("The check never passed: %s, so the container turned unhealthy although the service worked. It now %s; its options are kept.", broken, how),
			Rules:  []string{"DO402"},
			Before: before,
			After:  after,
		})
		return
	}
	after, ok := dropHealth(p, st, hc)
	if !ok {
		return
	}
	p.healthRemoved = true
	p.res.Healthcheck = ""
	p.res.Changes = append(p.res.Changes, Change{
		Title:  "A HEALTHCHECK that could never pass is removed",
		Why:    fmt.Sprintf("The check never passed: %s, so the container turned unhealthy although the service worked.", broken),
		Rules:  []string{"DO402"},
		Before: before,
		After:  after,
	})
	p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("the HEALTHCHECK was removed: %s, and %s. Add a check the image can run (install curl in the stage that ships, or give the program a health flag)", broken, whyNot))
}

// effectiveHealthcheck returns the HEALTHCHECK in force in stage st: the last one of st, else
// of the stages it is built FROM, nearest first; nil when there is none or it is NONE.
func effectiveHealthcheck(f *dockerfile.File, st *dockerfile.Stage) *dockerfile.Instruction {
	if st == nil {
		return nil
	}
	for _, s := range f.StageChain(st) {
		for i := len(s.Instructions) - 1; i >= 0; i-- {
			in := s.Instructions[i]
			if in.Cmd != "healthcheck" {
				continue
			}
			if hc, ok := in.Command.(*instructions.HealthCheckCommand); !ok || hc.Health == nil || len(hc.Health.Test) < 2 {
				return nil
			}
			return in
		}
	}
	return nil
}

// repairProbe returns the exec-form command that makes the check's request with what stage
// st's image has, and how it does (for the report); nil and why not when nothing can.
func repairProbe(p *plan, st *dockerfile.Stage, hc *dockerfile.Instruction, miss *reliability.MissingHealthTool) (probe []string, how, whyNot string) {
	words, ok := healthWords(hc)
	if !ok {
		return nil, "", "dockopt cannot read its command as one program call"
	}
	req, isHTTP := parseHTTPProbe(words)
	if !isHTTP && miss.Shell {
		// the program is there, only the shell is not: the same call in exec form
		if args, lit := literalWords(words); lit {
			if prog, _ := imageRuntime(p.f, st); path.IsAbs(prog) && path.Base(prog) == "node" && (args[0] == "node" || args[0] == "nodejs") {
				// the distroless Node.js image has node at /nodejs/bin/node, not on PATH
				args[0] = prog
				return args, "runs the same command in exec form, without the shell the image lacks, with node named by its path in the image (" + prog + ", not on PATH)", ""
			}
			return args, "runs the same command in exec form, without the shell the image lacks", ""
		}
		return nil, "", "its command uses shell variables, which the exec form cannot expand"
	}
	if isHTTP {
		if prog, from := imageRuntime(p.f, st); prog != "" {
			switch {
			case strings.Contains(prog, "python"):
				return pythonProbe(prog, req), fmt.Sprintf("makes the same request with %s's urllib.request (%s)", prog, from), ""
			case strings.Contains(prog, "node"):
				if out, ok := nodeProbe(prog, req); ok {
					return out, fmt.Sprintf("makes the same request with %s's http module (%s)", prog, from), ""
				}
			}
		}
	}
	if bin, flag := programProbe(p); bin != "" {
		return []string{bin, flag}, fmt.Sprintf("runs the program's own probe, `%s %s` (the flag is defined in its source)", bin, flag), ""
	}
	if !isHTTP {
		return nil, "", fmt.Sprintf("its command is not a plain %s request dockopt can rewrite", miss.Tool)
	}
	return nil, "", "the image has no language runtime (Python, Node) and the program no probe flag to make the request with"
}

// healthWords returns the words of the check's one program call: exec form as written (a
// `sh -c SCRIPT` read as shell), shell form read as the shell would (see shellWords).
func healthWords(hc *dockerfile.Instruction) ([][]urlPart, bool) {
	test := hc.Command.(*instructions.HealthCheckCommand).Health.Test
	if test[0] == "CMD-SHELL" {
		return shellWords(test[1])
	}
	args := test[1:]
	if len(args) == 3 && dockerfile.IsPOSIXShellName(args[0]) && args[1] == "-c" {
		return shellWords(args[2])
	}
	return execWords(args), true
}

func literalWords(words [][]urlPart) ([]string, bool) {
	out := make([]string, len(words))
	for i, w := range words {
		s, ok := literal(w)
		if !ok {
			return nil, false
		}
		out[i] = s
	}
	return out, true
}

// writeProbe puts the probe in place of the check's command: in the HEALTHCHECK itself when
// it is stage st's own, else in a new HEALTHCHECK of st with the same options (the stage it
// inherits from keeps its own). It returns the instruction written.
func writeProbe(p *plan, st *dockerfile.Stage, hc *dockerfile.Instruction, probe []string) (string, bool) {
	if hc.Stage == st {
		at := healthCmdOffset(hc)
		if at < 0 {
			return "", false
		}
		cmdWord := p.text[at : at+3]
		after := p.text[hc.StartOffset:at] + cmdWord + " " + jsonArray(probe)
		if !p.apply(rule.TextEdit{Start: hc.StartOffset, End: hc.EndOffset, New: after}) {
			return "", false
		}
		return after, true
	}
	after := healthcheckWithFlags(p.f, hc, "CMD "+jsonArray(probe))
	return after, appendToStage(p, st, after)
}

// dropHealth removes the check: its lines when it is stage st's own, else a HEALTHCHECK
// NONE in st turns the inherited one off. It returns what the stage now says.
func dropHealth(p *plan, st *dockerfile.Stage, hc *dockerfile.Instruction) (string, bool) {
	if hc.Stage == st {
		start, end := p.f.LineOffset(hc.StartLine), p.f.LineOffset(hc.EndLine+1)
		return "(no HEALTHCHECK)", p.apply(rule.TextEdit{Start: start, End: end})
	}
	return "HEALTHCHECK NONE", appendToStage(p, st, "HEALTHCHECK NONE")
}

// appendToStage adds an instruction at the end of stage st.
func appendToStage(p *plan, st *dockerfile.Stage, text string) bool {
	last := st.Instructions[len(st.Instructions)-1]
	if strings.HasSuffix(strings.TrimRight(p.f.LineText(last.EndLine), " \t"), string(p.f.EscapeToken)) {
		return false // a dangling continuation would swallow it
	}
	return p.apply(rule.TextEdit{Start: last.EndOffset, End: last.EndOffset, New: p.f.Newline() + text})
}

// healthcheckWithFlags writes a HEALTHCHECK with hc's options and the given command.
func healthcheckWithFlags(f *dockerfile.File, hc *dockerfile.Instruction, cmd string) string {
	var flags []string
	for _, fl := range hc.Flags {
		flags = append(flags, "--"+fl.Name+"="+fl.Value)
	}
	if len(flags) == 0 {
		return "HEALTHCHECK " + cmd
	}
	return "HEALTHCHECK " + strings.Join(flags, " ") + " " + string(f.EscapeToken) + f.Newline() + "  " + cmd
}

// healthCmdOffset returns the source offset of the CMD word of a HEALTHCHECK (after its
// options), -1 when it is not found.
func healthCmdOffset(hc *dockerfile.Instruction) int {
	j := hc.Joined()
	t := j.Text
	i := len(hc.Keyword)
	for {
		for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
			i++
		}
		if !strings.HasPrefix(t[i:], "--") {
			break
		}
		for i < len(t) && t[i] != ' ' && t[i] != '\t' {
			i++
		}
	}
	if i+3 > len(t) || !strings.EqualFold(t[i:i+3], "cmd") || i+3 < len(t) && !strings.ContainsRune(" \t[", rune(t[i+3])) {
		return -1
	}
	at := j.Offsets.At(i)
	if j.Offsets.At(i+2) != at+2 {
		return -1
	}
	return at
}
