package dockerfile

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
