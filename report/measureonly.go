package report

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"

	"github.com/dockopt/dockopt/measure"
)

// MeasureMarkdown writes the report of a measurement alone: the optimized Dockerfile is not
// what dockopt optimize makes of the original, so no change is described. c, when not nil,
// adds the CIS Docker Benchmark section.
func MeasureMarkdown(w io.Writer, dir, original, optimized string, m *measure.Result, c *CIS) error {
	_, err := fmt.Fprintf(w, "# dockopt measure: %s\n\nOriginal `%s`, optimized `%s` (not the output of dockopt optimize for this Dockerfile, so only the measurement is reported).\n\n## Metrics\n\n%s",
		filepath.Base(dir), original, optimized, MetricsMarkdown(m))
	if err == nil && c != nil {
		_, err = fmt.Fprintf(w, "\n%s", CISMarkdown(c))
	}
	return err
}

// MeasureJSON writes a measurement alone as JSON: {"metrics": ..., "cis": ...}.
func MeasureJSON(w io.Writer, m *measure.Result, c *CIS) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"metrics": m, "cis": c})
}
