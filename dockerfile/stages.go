package dockerfile

import "slices"

// StageChain returns a stage and the stages it is built FROM, the stage itself first and the
// stage built from an external image (or scratch) last.
func (f *File) StageChain(st *Stage) []*Stage {
	var out []*Stage
	seen := map[*Stage]bool{}
	for ; st != nil && !seen[st]; st = f.BaseStage(st) {
		seen[st] = true
		out = append(out, st)
	}
	return out
}

// BuildOrder is StageChain in the order the stages are built: the root stage first, st last.
func (f *File) BuildOrder(st *Stage) []*Stage {
	ch := f.StageChain(st)
	slices.Reverse(ch)
	return ch
}

// RootStage follows FROM references to stages of the same file and returns the first stage
// built from an external image (or scratch); nil for a nil stage.
func (f *File) RootStage(st *Stage) *Stage {
	ch := f.StageChain(st)
	if len(ch) == 0 {
		return nil
	}
	return ch[len(ch)-1]
}

// RootImage returns the external image a stage is ultimately built from, as written after
// ARG substitution ("" when unresolved or for a nil stage).
func (f *File) RootImage(st *Stage) string {
	if root := f.RootStage(st); root != nil {
		return root.BaseImage
	}
	return ""
}

// Through returns the file as a build of stage st sees it: the source up to the end of st,
// parsed again (its last stage is st, and every line keeps its number). It returns f itself
// when st is the last stage.
func (f *File) Through(st *Stage) (*File, error) {
	if st == nil || st.Index == len(f.Stages)-1 {
		return f, nil
	}
	end := f.Stages[st.Index+1].From.StartOffset
	return Parse(f.Path, f.Source[:end], Options{BuildArgs: f.BuildArgs})
}
