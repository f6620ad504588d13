package measure

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/internal/lazyre"
)

var reStepName = lazyre.New(`^\[(?:(\S+) )?(\d+)/(\d+)\] (\S+)`)

// LocateStep finds the instruction BuildKit names in a step ("[build 3/4] RUN go build"):
// the stage by its name ("stage-N" for an unnamed stage of several, no name for a file of
// one stage), then the Nth instruction of it, FROM being the first. It returns nil when the
// step does not match the file (another count of instructions, another keyword).
func LocateStep(f *dockerfile.File, step string) *dockerfile.Instruction {
	m := reStepName.FindStringSubmatch(step)
	if f == nil || m == nil || len(f.Stages) == 0 {
		return nil
	}
	var st *dockerfile.Stage
	switch name := strings.ToLower(m[1]); {
	case name == "":
		st = f.Stages[len(f.Stages)-1]
	case strings.HasPrefix(name, "stage-"):
		if i, err := strconv.Atoi(strings.TrimPrefix(name, "stage-")); err == nil && i >= 0 && i < len(f.Stages) {
			st = f.Stages[i]
		}
	}
	if st == nil {
		for _, s := range f.Stages {
			if s.Name == strings.ToLower(m[1]) {
				st = s
			}
		}
	}
	if st == nil {
		return nil
	}
	n, _ := strconv.Atoi(m[2])
	total, _ := strconv.Atoi(m[3])
	if total != len(st.Instructions) || n < 1 || n > total {
		return nil
	}
	in := st.Instructions[n-1]
	if !strings.EqualFold(in.Cmd, m[4]) {
		return nil
	}
	return in
}

// withStep adds the failing instruction and its line to a build error, from the side's
// parsed Dockerfile, when BuildKit did not print the line.
func withStep(err error, f *dockerfile.File) error {
	var be *engine.BuildError
	if !errors.As(err, &be) || be.Step == "" {
		return err
	}
	if in := LocateStep(f, be.Step); in != nil {
		if be.Line == 0 {
			be.Line = in.StartLine
		}
		be.Instruction = in.Original
	}
	return err
}

// predefinedArgs are the build args BuildKit hands to every Dockerfile without an ARG.
var predefinedArgs = map[string]bool{
	"HTTP_PROXY": true, "HTTPS_PROXY": true, "FTP_PROXY": true, "NO_PROXY": true, "ALL_PROXY": true,
}

// declaresArg says whether a Dockerfile declares ARG name (before the first FROM or in a stage).
func declaresArg(f *dockerfile.File, name string) bool {
	for _, in := range f.Instructions {
		if in.Cmd != "arg" {
			continue
		}
		for _, a := range in.Args {
			if n, _, _ := strings.Cut(a, "="); n == name {
				return true
			}
		}
	}
	return false
}

// undeclaredArgNotes says which --build-arg names a side's Dockerfile does not declare:
// BuildKit hands a build arg only to a Dockerfile with that ARG, so the value did nothing there.
func undeclaredArgNotes(names []string, sides []*side) []string {
	var out []string
	missing := map[string][]string{} // name -> the sides that do not declare it
	var order []string
	for _, n := range names {
		for _, s := range sides {
			if s.file == nil {
				continue
			}
			if !predefinedArgs[strings.ToUpper(n)] && !strings.HasPrefix(n, "BUILDKIT_") && !declaresArg(s.file, n) {
				if missing[n] == nil {
					order = append(order, n)
				}
				missing[n] = append(missing[n], s.name)
			}
		}
	}
	for _, n := range order {
		who := "the " + missing[n][0] + " Dockerfile declares no such ARG"
		if len(missing[n]) == len(sides) && len(sides) > 1 {
			who = "neither Dockerfile declares that ARG"
		}
		out = append(out, "--build-arg "+n+": "+who+", so BuildKit did not hand it the value (set a registry in the base image or a config file of the context instead)")
	}
	return out
}
