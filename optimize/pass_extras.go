package optimize

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/correctness"
)

// extrasPass removes the server options that select an implementation nothing installs
// (uvicorn's `--http httptools` or `--loop uvloop` when no requirements file, lockfile or RUN
// installs httptools or uvloop): it applies the fix of DO509, the rule that knows which
// package each option needs. Without the option uvicorn's default (auto) uses the package
// when it is installed and its built-in implementation otherwise, so the server starts.
// Options whose removal would change what the server does (--ws, gunicorn -k gevent) have no
// fix and stay; lint keeps reporting them.
func extrasPass(p *plan) {
	r := correctness.ServerExtraMissing
	if p.ctx == nil {
		return
	}
	for range 16 { // one option per round: each removal re-parses the text
		var fd *rule.Finding
		for _, x := range lint.Run(p.f, p.ctx, lint.Options{Only: []*rule.Rule{r}}) {
			if x.Fix != nil && len(x.Fix.Edits) == 1 {
				fd = &x
				break
			}
		}
		if fd == nil {
			return
		}
		e := fd.Fix.Edits[0]
		removed := optionWords(p.text[e.Start:e.End])
		in := instructionAt(p.f, e.Start)
		if in == nil || e.End > in.EndOffset {
			return
		}
		before := p.text[in.StartOffset:in.EndOffset]
		after := before[:e.Start-in.StartOffset] + before[e.End-in.StartOffset:]
		if !p.apply(e) {
			return
		}
		_, without, _ := strings.Cut(fd.Fix.Description, "(")
		without = strings.TrimSuffix(without, ")")
		p.res.Changes = append(p.res.Changes, Change{
			Title:  fmt.Sprintf("uvicorn starts without %s, whose package nothing installs", removed),
			Why:    fmt.Sprintf("%s. Without the option, %s: uvicorn starts, where the option made it exit (ModuleNotFoundError).", fd.Message, without),
			Rules:  []string{r.ID},
			Before: before,
			After:  after,
		})
		p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("%s was removed from the uvicorn command: %s, then put the option back to use it", removed, fd.Message))
	}
}

// instructionAt returns the instruction whose source holds offset off.
func instructionAt(f *dockerfile.File, off int) *dockerfile.Instruction {
	for _, in := range f.Instructions {
		if off >= in.StartOffset && off < in.EndOffset {
			return in
		}
	}
	return nil
}

// optionWords turns the source text an edit removed (`"--http", "httptools", \`) into the
// words it held ("--http httptools").
func optionWords(src string) string {
	src = strings.NewReplacer(`"`, " ", ",", " ", "\\\n", " ", "\\\r\n", " ", "`\n", " ").Replace(src)
	return strings.Join(strings.Fields(src), " ")
}
