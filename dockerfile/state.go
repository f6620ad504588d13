package dockerfile

import (
	"path"
	"strings"
)

// state is what an instruction inherits from the instructions before it, in its stage and in
// the stages that stage is built FROM: the working directory and the user.
type state struct {
	workdir string // "" when a WORKDIR could not be resolved
	user    string // the last USER's argument, "" when there was none
}

// WorkdirAt returns the working directory in effect before instruction in: "/" at the start
// of a stage built on an image (that image's own WORKDIR is not known here), the WORKDIRs of
// the stage and the stages it is built FROM applied in order (relative ones joined, variables
// expanded with Expand). It returns "" when a WORKDIR on the way has a variable with no known
// value, and "/" for instructions outside a stage.
func (f *File) WorkdirAt(in *Instruction) string {
	if in.Stage == nil {
		return "/"
	}
	return f.stateAt(in).workdir
}

// UserAt returns the argument of the last USER before instruction in, in its stage and the
// stages it is built FROM ("" when there is none: the base image's user, root for most).
func (f *File) UserAt(in *Instruction) string {
	if in.Stage == nil {
		return ""
	}
	return f.stateAt(in).user
}

// stateAt computes the states of every instruction of in's stage (and of the stages it is
// built on) once per File: each stage is walked once, from the end state of its base stage.
func (f *File) stateAt(in *Instruction) state {
	if s, ok := f.stateCache[in]; ok {
		return s
	}
	if f.stateCache == nil {
		f.stateCache = map[*Instruction]state{}
		f.stageEnd = map[*Stage]state{}
	}
	f.walkStage(in.Stage)
	return f.stateCache[in]
}

// walkStage records the state before each instruction of st and returns st's end state.
// BaseStage only names earlier stages, so the recursion ends.
func (f *File) walkStage(st *Stage) state {
	if s, ok := f.stageEnd[st]; ok {
		return s
	}
	s := state{workdir: "/"}
	if base := f.BaseStage(st); base != nil {
		s = f.walkStage(base)
	}
	for _, x := range st.Instructions {
		f.stateCache[x] = s
		switch {
		case x.Cmd == "workdir" && len(x.Args) > 0:
			v, ok := f.Expand(x, x.Args[0])
			switch {
			case !ok || s.workdir == "":
				s.workdir = ""
			case strings.HasPrefix(v, "/"):
				s.workdir = path.Clean(v)
			default:
				s.workdir = path.Join(s.workdir, v)
			}
		case x.Cmd == "user" && len(x.Args) > 0:
			s.user = x.Args[0]
		}
	}
	f.stageEnd[st] = s
	return s
}

// WorkdirEnd returns the working directory at the end of stage st (what its CMD runs in),
// with the same rules as WorkdirAt.
func (f *File) WorkdirEnd(st *Stage) string {
	if len(st.Instructions) == 0 {
		return "/"
	}
	f.stateAt(st.Instructions[0])
	return f.stageEnd[st].workdir
}

// UserEnd returns the argument of the last USER of stage st or the stages it is built FROM
// ("" when there is none).
func (f *File) UserEnd(st *Stage) string {
	if len(st.Instructions) == 0 {
		return ""
	}
	f.stateAt(st.Instructions[0])
	return f.stageEnd[st].user
}
