package ruleutil

import (
	"sort"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// EachRun calls fn for every RUN instruction (ONBUILD RUN included) of every stage.
func EachRun(p *rule.Pass, fn func(in *dockerfile.Instruction)) {
	for _, in := range p.File.Instructions {
		if in.Cmd == "run" {
			fn(in)
		}
		if in.OnBuild != nil && in.OnBuild.Cmd == "run" {
			fn(in.OnBuild)
		}
	}
}

// EachCommand calls fn for every shell command of every RUN in a POSIX shell.
func EachCommand(p *rule.Pass, fn func(in *dockerfile.Instruction, c *dockerfile.Command)) {
	EachRun(p, func(in *dockerfile.Instruction) {
		if in.Script == nil {
			return
		}
		for _, c := range in.Script.Commands {
			fn(in, c)
		}
	})
}

// AnyCommand reports whether a RUN of the file (ONBUILD RUN included) runs one of names.
func AnyCommand(p *rule.Pass, names ...string) bool {
	found := false
	EachCommand(p, func(_ *dockerfile.Instruction, c *dockerfile.Command) {
		found = found || c.Is(names...)
	})
	return found
}

// HasAptOption reports whether an apt-get command sets `-o Name=...`.
func HasAptOption(c *dockerfile.Command, name string) bool {
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

// InsertAfterArg returns an edit inserting text right after the first argument equal to arg;
// none when that argument's position in the file is unknown.
func InsertAfterArg(c *dockerfile.Command, arg, text string) []rule.TextEdit {
	for i, a := range c.Args {
		if a != arg {
			continue
		}
		// End is exclusive: map the word's last byte, then step past it
		idx := int(c.Words[i].End().Offset()) - 1
		o := c.Part.Offsets.At(idx)
		if o < 0 {
			return nil
		}
		off := o + 1
		return []rule.TextEdit{{Start: off, End: off, New: text}}
	}
	return nil
}

// SourcesAndDest returns the sources and destination of a COPY or ADD, nil for any other
// instruction.
func SourcesAndDest(in *dockerfile.Instruction) *instructions.SourcesAndDest {
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		return &c.SourcesAndDest
	case *instructions.AddCommand:
		return &c.SourcesAndDest
	}
	return nil
}

// RunFlagsKey returns a RUN's flags in a comparable form.
func RunFlagsKey(in *dockerfile.Instruction) string {
	var fs []string
	for _, f := range in.Flags {
		fs = append(fs, f.Name+"="+f.Value)
	}
	sort.Strings(fs)
	return strings.Join(fs, " ")
}

// Helpers shared by the security rules (DO3xx).

// WindowsStage reports whether a stage builds a Windows image: its base names a Windows
// image (nanoserver, servercore, windows) or one of its instructions runs under a non-POSIX
// shell (cmd, PowerShell). POSIX-specific rules (root user, shell scripts) do not apply there.
func WindowsStage(f *dockerfile.File, st *dockerfile.Stage) bool {
	for s := st; s != nil; s = f.BaseStage(s) {
		img := strings.ToLower(s.BaseImage + " " + s.BaseName)
		if strings.Contains(img, "windows") || strings.Contains(img, "nanoserver") || strings.Contains(img, "servercore") {
			return true
		}
		for _, in := range s.Instructions {
			if len(in.Shell) > 0 && !dockerfile.IsPOSIXShellName(in.Shell[0]) {
				return true
			}
		}
	}
	return false
}

// ContainsFold reports whether s contains substr, ASCII letters matched without regard to
// case (as strings.Contains(strings.ToLower(s), substr) for a lower-case ASCII substr), without
// copying s.
func ContainsFold(s, substr string) bool {
	n := len(substr)
	if n == 0 {
		return true
	}
	first := substr[0]
	for i := 0; i+n <= len(s); i++ {
		if lowerASCII(s[i]) != first {
			continue
		}
		j := 1
		for j < n && lowerASCII(s[i+j]) == substr[j] {
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
