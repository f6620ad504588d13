package pkgmgr

import (
	"iter"

	"github.com/dockopt/dockopt/dockerfile"
)

// StageCall is one package-manager call in a RUN: the instruction, the shell command and its
// reading.
type StageCall struct {
	In      *dockerfile.Instruction
	Command *dockerfile.Command
	*Call
}

// ChainCalls yields the package-manager calls of the RUN instructions of st and the stages it
// is built FROM (dockerfile.File.StageChain's order: st first), each stage's in file order.
// Commands that run no package manager are left out.
func ChainCalls(f *dockerfile.File, st *dockerfile.Stage) iter.Seq[StageCall] {
	return func(yield func(StageCall) bool) {
		for _, s := range f.StageChain(st) {
			for _, in := range s.Instructions {
				if in.Script == nil {
					continue
				}
				for _, c := range in.Script.Commands {
					if call := ParseCommand(c); call != nil && !yield(StageCall{In: in, Command: c, Call: call}) {
						return
					}
				}
			}
		}
	}
}
