package engine

import (
	"context"
	"fmt"
	"strings"
)

// Change is one line of `docker diff`: a path of the container's filesystem that differs
// from its image. Kind is "A" (added), "C" (changed) or "D" (deleted). A changed directory
// is listed for every path added, changed or deleted under it; volumes and tmpfs mounts are
// not in the container's filesystem and are never listed.
type Change struct {
	Kind, Path string
}

// Diff lists the changes of a container's filesystem (`docker diff`), running or stopped.
func (e *Engine) Diff(ctx context.Context, c *Container) ([]Change, error) {
	out, err := e.output(ctx, nil, "diff", c.Name)
	if err != nil {
		return nil, err
	}
	return ParseDiff(string(out))
}

// ParseDiff reads `docker diff` output: one "KIND PATH" line per change.
func ParseDiff(s string) ([]Change, error) {
	var out []Change
	for i, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		kind, path, ok := strings.Cut(line, " ")
		if !ok || (kind != "A" && kind != "C" && kind != "D") || !strings.HasPrefix(path, "/") {
			return nil, fmt.Errorf("docker diff: line %d is not \"A|C|D /path\": %q", i+1, line)
		}
		out = append(out, Change{Kind: kind, Path: path})
	}
	return out, nil
}
