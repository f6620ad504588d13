package optimize

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
)

// TargetError is a build target (--target, or a compose service's build.target) that names
// no stage of the Dockerfile.
type TargetError struct {
	// File is the Dockerfile; Target the name asked for; Stages the stage names it has.
	File, Target string
	Stages       []string
	// Via says who asked for the target ("--target", `compose service "web" (compose.yaml)`).
	Via string
}

func (e *TargetError) Error() string {
	via := e.Via
	if via == "" {
		via = "--target"
	}
	names := "it has no named stage"
	if len(e.Stages) > 0 {
		names = "its stages are " + strings.Join(e.Stages, ", ")
	}
	return fmt.Sprintf("%s: %s %q names no stage of this Dockerfile (%s)", e.File, via, e.Target, names)
}

// targetStage returns the stage a build of target produces: the stage of that name (BuildKit
// compares stage names case-insensitively), or the last stage when target is "".
func targetStage(f *dockerfile.File, target string) (*dockerfile.Stage, error) {
	if target == "" {
		if st := f.FinalStage(); st != nil {
			return st, nil
		}
		return nil, ErrNoStages
	}
	lname := strings.ToLower(target)
	for _, s := range f.Stages {
		if s.Name == lname {
			return s, nil
		}
	}
	var names []string
	for _, s := range f.Stages {
		if s.Name != "" {
			names = append(names, s.Name)
		}
	}
	return nil, &TargetError{File: f.Path, Target: target, Stages: names}
}

// stagesAfter returns the stages that follow st in the file: a build of st does not build
// them unless st needs them, which it cannot (a stage only refers to stages before it).
func stagesAfter(f *dockerfile.File, st *dockerfile.Stage) []*dockerfile.Stage {
	return f.Stages[st.Index+1:]
}

// derivesFrom reports whether stage s is built FROM st, directly or through other stages.
func derivesFrom(f *dockerfile.File, s, st *dockerfile.Stage) bool {
	for _, c := range f.StageChain(s)[1:] {
		if c == st {
			return true
		}
	}
	return false
}
