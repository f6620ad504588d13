package optimize

import (
	"bytes"
	"fmt"

	"github.com/dockopt/dockopt/dockerfile"
)

// closeTrailingContinuation handles a file whose last line ends with the escape character:
// BuildKit ends that instruction at the end of the file, but a line dockopt writes after it
// would become part of it (a FROM swallowed by a RUN). It returns the file parsed again
// without that character, and a note naming the line; f itself when the file does not end
// that way.
func closeTrailingContinuation(f *dockerfile.File, opt Options) (*dockerfile.File, string, error) {
	src := f.Source
	end := len(bytes.TrimRight(src, " \t\r\n"))
	if end == 0 {
		return f, "", nil
	}
	start := bytes.LastIndexByte(src[:end], '\n') + 1
	line := bytes.TrimLeft(src[start:end], " \t")
	esc := byte(f.EscapeToken)
	if len(line) == 0 || line[0] == '#' || line[len(line)-1] != esc || len(line) > 1 && line[len(line)-2] == esc {
		return f, "", nil
	}
	// the escape character and the blanks before it go; the rest of the file is kept
	cut := bytes.TrimRight(src[:end-1], " \t")
	fixed := append(append([]byte(nil), cut...), src[end:]...)
	if !bytes.HasSuffix(fixed, []byte("\n")) {
		fixed = append(fixed, '\n')
	}
	nf, err := dockerfile.Parse(f.Path, fixed, dockerfile.Options{BuildArgs: opt.BuildArgs})
	if err != nil {
		return nil, "", fmt.Errorf("%s: internal error: the file without its trailing %q does not parse: %w", f.Path, esc, err)
	}
	lineNo := bytes.Count(src[:start], []byte("\n")) + 1
	return nf, fmt.Sprintf("line %d, the file's last, ends with `%c`: its instruction continued into the end of the file, which BuildKit accepts; the optimized file ends that instruction on that line (the same instruction), so that what dockopt writes after it is not read as part of it", lineNo, esc), nil
}
