package report

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/measure"
)

// noRunReason says why no container was run, as a Markdown fragment: "`--no-run`", or the
// measurement's own reason (no listed platform is the engine's).
func noRunReason(m *measure.Result) string {
	if m.NoRunReason != "" {
		return m.NoRunReason
	}
	return "`--no-run`"
}

// platformRow is one platform of a measurement, its cells as text.
type platformRow struct {
	Platform, Original, Optimized, Run string
}

// platformRows are the rows of the per-platform table: each platform's image sizes (size, and
// compressed size in parentheses), or why there is none, and whether it was run. Nil unless
// the images were built for several platforms or for one that is not the engine's.
func platformRows(m *measure.Result) []platformRow {
	if len(m.Platforms) == 0 || (len(m.Platforms) == 1 && m.Platforms[0].Native) {
		return nil
	}
	var out []platformRow
	for _, p := range m.Platforms {
		r := platformRow{Platform: "`" + p.Platform + "`", Original: platformSize(p.Original), Optimized: platformSize(p.Optimized), Run: "no: built only"}
		if p.Native {
			r.Platform += " (this engine's)"
		}
		if p.Run {
			r.Run = "yes: the figures above are of these images"
		} else if p.Platform == m.Platform {
			r.Run = "no (" + noRunReason(m) + "): the figures above are of these images"
		}
		out = append(out, r)
	}
	return out
}

func platformSize(pi measure.PlatformImage) string {
	if pi.Error != "" {
		return pi.Error // "not built for P: ..." or "not measured for P: ..."
	}
	return fmt.Sprintf("%s (%s compressed)", FormatFigure("bytes", float64(pi.SizeBytes)), FormatFigure("bytes", float64(pi.CompressedSizeBytes)))
}

// PlatformsTable renders the images of each platform as a Markdown table ("" when there is
// none to show: see platformRows).
func PlatformsTable(m *measure.Result) string {
	rows := platformRows(m)
	if rows == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("| platform | original | optimized | run |\n|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.Platform, mdCell(r.Original), mdCell(r.Optimized), r.Run)
	}
	return b.String()
}
