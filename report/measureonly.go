package report

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"

	"github.com/dockopt/dockopt/measure"
)

// MeasureMarkdown writes the report of a measurement alone: the optimized Dockerfile is not
// what dockopt optimize makes of the original, so no change is described.
func MeasureMarkdown(w io.Writer, dir, original, optimized string, m *measure.Result) error {
	_, err := fmt.Fprintf(w, "# dockopt measure: %s\n\nOriginal `%s`, optimized `%s` (not the output of dockopt optimize for this Dockerfile, so only the measurement is reported).\n\n## Metrics\n\n%s",
		filepath.Base(dir), original, optimized, MetricsMarkdown(m))
	return err
}

// MeasureJSON writes a measurement alone as JSON: {"metrics": ...}.
func MeasureJSON(w io.Writer, m *measure.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"metrics": m})
}
