package optimize

import "github.com/dockopt/dockopt/dockerfile"

// stageCommands returns the ENTRYPOINT and CMD instructions in effect at the end of stage
// st (the last of each in st and the stages it is built FROM; nil when there is none).
func stageCommands(f *dockerfile.File, st *dockerfile.Stage) (ep, cmd *dockerfile.Instruction) {
	for _, s := range f.StageChain(st) {
		for i := len(s.Instructions) - 1; i >= 0; i-- {
			in := s.Instructions[i]
			if in.Cmd == "entrypoint" && ep == nil {
				ep = in
			}
			if in.Cmd == "cmd" && cmd == nil {
				cmd = in
			}
		}
	}
	return ep, cmd
}

// stageCommand is the command line the stage's image runs (ENTRYPOINT then CMD, exec form
// or plain shell form); nil when unknown.
func stageCommand(f *dockerfile.File, st *dockerfile.Stage) []string {
	ep, cmd := stageCommands(f, st)
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
	ep, cmd := stageCommands(f, st)
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
