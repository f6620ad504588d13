package dockerfile

// CommandsAt returns the ENTRYPOINT and CMD instructions in effect at the end of stage st:
// set in st or in the stages it is built FROM, nil when there is none. An ENTRYPOINT resets a
// CMD set before its stage, as BuildKit does
// (https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact).
func (f *File) CommandsAt(st *Stage) (entrypoint, cmd *Instruction) {
	for _, s := range f.BuildOrder(st) {
		cmdSet := false
		for _, in := range s.Instructions {
			switch in.Cmd {
			case "cmd":
				cmd, cmdSet = in, true
			case "entrypoint":
				entrypoint = in
				if !cmdSet {
					cmd = nil
				}
			}
		}
	}
	return entrypoint, cmd
}
