package optimize

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// stageCommand is the command line the stage's image runs (ENTRYPOINT then CMD, exec form
// or plain shell form); nil when unknown.
func stageCommand(f *dockerfile.File, st *dockerfile.Stage) []string {
	ep, cmd := f.CommandsAt(st)
	var out []string
	for _, in := range []*dockerfile.Instruction{ep, cmd} {
		if in == nil {
			continue
		}
		args, shellish := execForm(in)
		if shellish {
			return nil
		}
		out = append(out, args...)
	}
	return out
}

// stageProgram is the program the stage's image runs: ENTRYPOINT's first word, else CMD's
// (exec form, or the first word of a plain shell form); "" when unknown.
func stageProgram(f *dockerfile.File, st *dockerfile.Stage) string {
	ep, cmd := f.CommandsAt(st)
	use := ep
	if use == nil {
		use = cmd
	}
	if use == nil || len(use.Args) == 0 {
		return ""
	}
	args, shellish := execForm(use)
	if shellish || len(args) == 0 {
		return ""
	}
	return args[0]
}

// stageRun is what a stage's container runs, as the development-command pass reads it: the
// ENTRYPOINT and CMD in effect (stageCommands) and the command line they make.
type stageRun struct {
	entry, cmd *dockerfile.Instruction
	// words is the command line: ENTRYPOINT's words then CMD's, or CMD's alone behind an
	// entrypoint script (which runs "$@"); nil when a part cannot be split into words
	// without a shell.
	words []string
	// entryWords is how many of words come from the ENTRYPOINT.
	entryWords int
}

// runOf returns what stage st runs.
func runOf(f *dockerfile.File, st *dockerfile.Stage) stageRun {
	var sc stageRun
	sc.entry, sc.cmd = f.CommandsAt(st)
	cmdWords, ok := instrWords(sc.cmd)
	if !ok {
		return sc
	}
	entryWords, ok := instrWords(sc.entry)
	switch {
	case sc.entry != nil && (!ok || isEntrypointScript(entryWords)):
		sc.words = cmdWords // a script, or `sh -c "... $@"`, that runs the CMD
	case ok:
		sc.words = append(entryWords, cmdWords...)
		sc.entryWords = len(entryWords)
	}
	return sc
}

// instrWords returns a CMD/ENTRYPOINT's words: exec form as written, shell form when it is
// a simple command (dockerfile.ExecForm); ok is false otherwise. A nil instruction has none.
func instrWords(in *dockerfile.Instruction) ([]string, bool) {
	if in == nil {
		return nil, true
	}
	if in.JSON {
		return append([]string(nil), in.Args...), true
	}
	if len(in.Args) == 0 {
		return nil, true
	}
	return dockerfile.ExecForm(in.Args[0])
}

// isEntrypointScript reports whether an ENTRYPOINT runs a wrapper script (docker-entrypoint.sh,
// /entrypoint) that ends by running the CMD, rather than being the program's first words.
func isEntrypointScript(words []string) bool {
	if len(words) == 0 {
		return false
	}
	idx, _ := pkgmgr.ProgramIndex(words)
	if idx < 0 {
		return false
	}
	b := pkgmgr.ProgramBase(words[idx])
	return strings.HasSuffix(b, ".sh") || strings.Contains(b, "entrypoint")
}

// commandText renders a command line for notes, as a shell would read it.
func commandText(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = quoteExpanding(w)
	}
	return strings.Join(q, " ")
}
