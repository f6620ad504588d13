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
	esc := byte(f.EscapeToken)
	fixed, lineNo := f.Source, 0
	// again while the line left last ends so (a line of only the escape character leaves the
	// one before it last)
	for {
		end := len(bytes.TrimRight(fixed, " \t\r\n"))
		start := bytes.LastIndexByte(fixed[:end], '\n') + 1
		line := bytes.TrimLeft(fixed[start:end], " \t")
		if end == 0 || len(line) == 0 || line[0] == '#' || line[len(line)-1] != esc || len(line) > 1 && line[len(line)-2] == esc {
			break
		}
		if lineNo == 0 {
			lineNo = bytes.Count(fixed[:start], []byte("\n")) + 1
		}
		// the escape character and the blanks before it go; the rest of the file is kept
		fixed = append(append([]byte(nil), bytes.TrimRight(fixed[:end-1], " \t")...), fixed[end:]...)
	}
	if lineNo == 0 {
		return f, "", nil
	}
	if !bytes.HasSuffix(fixed, []byte("\n")) {
		fixed = append(fixed, '\n')
	}
	nf, err := dockerfile.Parse(f.Path, fixed, dockerfile.Options{BuildArgs: opt.BuildArgs})
	if err != nil {
		return nil, "", fmt.Errorf("%s: internal error: the file without its trailing %q does not parse: %w", f.Path, esc, err)
	}
	return nf, fmt.Sprintf("line %d, the file's last, ends with `%c`: its instruction continued into the end of the file, which BuildKit accepts; the optimized file ends that instruction on that line (the same instruction), so that what dockopt writes after it is not read as part of it", lineNo, esc), nil
}
