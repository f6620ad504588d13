package rules

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// aptValueFlags are apt-get options that take a separate value.
var aptValueFlags = []string{"-o", "-c", "-t", "--option", "--config-file", "--target-release"}

// eachRun calls fn for every RUN instruction (ONBUILD RUN included) of every stage.
func eachRun(p *rule.Pass, fn func(in *dockerfile.Instruction)) {
	for _, in := range p.File.Instructions {
		if in.Cmd == "run" {
			fn(in)
		}
		if in.OnBuild != nil && in.OnBuild.Cmd == "run" {
			fn(in.OnBuild)
		}
	}
}

// eachCommand calls fn for every shell command of every RUN in a POSIX shell.
func eachCommand(p *rule.Pass, fn func(in *dockerfile.Instruction, c *dockerfile.Command)) {
	eachRun(p, func(in *dockerfile.Instruction) {
		if in.Script == nil {
			return
		}
		for _, c := range in.Script.Commands {
			fn(in, c)
		}
	})
}

// hasAptOption reports whether an apt-get command sets `-o Name=...`.
func hasAptOption(c *dockerfile.Command, name string) bool {
	for i, a := range c.Args {
		v := a
		if a == "-o" || a == "--option" {
			if i+1 >= len(c.Args) {
				continue
			}
			v = c.Args[i+1]
		} else if strings.HasPrefix(a, "-o") {
			v = a[2:]
		} else {
			continue
		}
		if strings.HasPrefix(strings.ToLower(v), strings.ToLower(name)+"=") {
			return true
		}
	}
	return false
}

// insertAfterArg returns an edit inserting text right after the first argument equal to arg;
// none when that argument's position in the file is unknown.
func insertAfterArg(c *dockerfile.Command, arg, text string) []rule.TextEdit {
	for i, a := range c.Args {
		if a != arg {
			continue
		}
		// End is exclusive: map the word's last byte, then step past it
		idx := int(c.Words[i].End().Offset()) - 1
		if idx < 0 || idx >= len(c.Part.Offsets) || c.Part.Offsets[idx] < 0 {
			return nil
		}
		off := c.Part.Offsets[idx] + 1
		return []rule.TextEdit{{Start: off, End: off, New: text}}
	}
	return nil
}

// sourcesAndDest returns the sources and destination of a COPY or ADD, nil for any other
// instruction.
func sourcesAndDest(in *dockerfile.Instruction) *instructions.SourcesAndDest {
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		return &c.SourcesAndDest
	case *instructions.AddCommand:
		return &c.SourcesAndDest
	}
	return nil
}
