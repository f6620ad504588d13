package optimize

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// stageCommand is what a stage's container runs: its ENTRYPOINT and CMD in effect (set in the
// stage or inherited from a stage it is built FROM), and the command line they make.
type stageCommand struct {
	entry, cmd *dockerfile.Instruction
	// words is the command line: ENTRYPOINT's words then CMD's, or CMD's alone behind an
	// entrypoint script (which runs "$@"); nil when a part cannot be split into words
	// without a shell.
	words []string
	// entryWords is how many of words come from the ENTRYPOINT.
	entryWords int
}

// commandOf returns the command stage st runs. An ENTRYPOINT resets a CMD set before its
// stage, as BuildKit does.
func commandOf(f *dockerfile.File, st *dockerfile.Stage) stageCommand {
	var sc stageCommand
	chain := f.StageChain(st)
	for i := len(chain) - 1; i >= 0; i-- {
		cmdSet := false
		for _, in := range chain[i].Instructions {
			switch in.Cmd {
			case "cmd":
				sc.cmd, cmdSet = in, true
			case "entrypoint":
				sc.entry = in
				if !cmdSet {
					sc.cmd = nil
				}
			}
		}
	}
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
		q[i] = shellQuote(w)
	}
	return strings.Join(q, " ")
}
