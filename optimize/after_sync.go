package optimize

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
)

// syncAfter makes each change's After snippet quote the file that was written. A pass that
// runs after a recipe (cache mounts, --runtime distroless, the health pass) may rewrite an
// instruction a recipe's change quoted, and the report must quote what the file says. An After
// line is kept when the file holds it as written, or when it is not an instruction (a
// placeholder such as "(root)", a line with a "..." elision, a command fragment); else it is
// replaced by the instruction of the file it stands for (counterpart), and dropped when there
// is none. A change left with no line keeps its After as it was.
func syncAfter(res *Result, nf *dockerfile.File) {
	text := string(res.Dockerfile)
	for i := range res.Changes {
		c := &res.Changes[i]
		var out []string
		for _, line := range strings.Split(c.After, "\n") {
			switch {
			case !isInstructionLine(line) || strings.Contains(line, "...") || strings.Contains(text, line):
				out = append(out, line)
			default:
				if in := counterpart(nf, line); in != nil {
					if s := strings.TrimRight(in.Text(nf), "\n"); !containsLine(out, s) {
						out = append(out, s)
					}
				}
			}
		}
		if len(out) > 0 {
			c.After = strings.Join(out, "\n")
		}
	}
}

// isInstructionLine reports whether a line of an After snippet is a Dockerfile instruction.
func isInstructionLine(line string) bool {
	kw, _, _ := strings.Cut(strings.TrimSpace(line), " ")
	switch strings.ToUpper(kw) {
	case "FROM", "RUN", "COPY", "ADD", "ENV", "USER", "WORKDIR", "CMD", "ENTRYPOINT", "HEALTHCHECK", "EXPOSE", "ARG", "LABEL":
		return kw == strings.ToUpper(kw)
	}
	return false
}

// counterpart is the file's instruction an After line stands for: for FROM ... AS NAME, the
// FROM of stage NAME; for USER, CMD and ENTRYPOINT, the last one of the last stage; else the first
// instruction of the same kind whose words hold the line's words in order (RUN npm ci stands
// for RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev).
func counterpart(nf *dockerfile.File, line string) *dockerfile.Instruction {
	words := strings.Fields(line)
	kw := strings.ToLower(words[0])
	switch kw {
	case "from":
		if len(words) == 4 && strings.EqualFold(words[2], "as") {
			for _, st := range nf.Stages {
				if strings.EqualFold(st.Name, words[3]) {
					return st.From
				}
			}
		}
		return nil
	case "user", "cmd", "entrypoint":
		if len(nf.Stages) == 0 {
			return nil
		}
		var last *dockerfile.Instruction
		for _, in := range nf.Stages[len(nf.Stages)-1].Instructions {
			if in.Cmd == kw {
				last = in
			}
		}
		return last
	}
	for _, in := range nf.Instructions {
		if in.Cmd == kw && holdsInOrder(strings.Fields(in.Text(nf)), words[1:]) {
			return in
		}
	}
	return nil
}

// holdsInOrder reports whether want's words appear in words, in that order.
func holdsInOrder(words, want []string) bool {
	i := 0
	for _, w := range words {
		if i < len(want) && w == want[i] {
			i++
		}
	}
	return i == len(want)
}

func containsLine(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}
