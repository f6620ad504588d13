package report

import (
	"fmt"
	"strings"

	"github.com/docker/go-units"

	"github.com/dockopt/dockopt/measure"
)

// FormatFigure renders one value of a figure in its unit.
func FormatFigure(unit string, v float64) string {
	switch unit {
	case "bytes":
		return units.BytesSize(v)
	case "seconds":
		return fmt.Sprintf("%.1f s", v)
	default:
		return fmt.Sprintf("%.0f", v)
	}
}

// FormatChange renders a change in percent ("−75.0%", "+3.2%", "—" when there is none).
func FormatChange(p *float64) string {
	if p == nil {
		return "—"
	}
	if *p < 0 {
		return fmt.Sprintf("−%.1f%%", -*p)
	}
	return fmt.Sprintf("+%.1f%%", *p)
}

// figureChange is a figure's change column: the percentage, or why there is none.
func figureChange(f measure.Figure) string {
	if f.Incomparable != "" {
		return "— (" + f.Incomparable + ")"
	}
	if f.Verdict != "" {
		return f.Verdict
	}
	return FormatChange(f.ChangePercent)
}

// MetricsTable renders the figures as a Markdown table (original / optimized / change).
func MetricsTable(m *measure.Result) string {
	var b strings.Builder
	b.WriteString("| figure | original | optimized | change |\n|---|---:|---:|---:|\n")
	for _, f := range m.Figures {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", f.Name, FormatFigure(f.Unit, f.Original), FormatFigure(f.Unit, f.Optimized), figureChange(f))
	}
	return b.String()
}

// EngineLine says which engine and builder measured, and when.
func EngineLine(m *measure.Result) string {
	e := m.Engine
	s := fmt.Sprintf("Measured on %s with Docker Engine %s (%s/%s, CLI %s), built with `%s`, builder: %s",
		m.Date.UTC().Format("2006-01-02 15:04 UTC"), e.ServerVersion, e.OS, e.Arch, e.ClientVersion, e.BuildCommand, e.Builder)
	if e.BuilderDriver != "" {
		s += fmt.Sprintf(" (driver %s)", e.BuilderDriver)
	}
	if e.BuildKitVersion != "" {
		s += fmt.Sprintf(", BuildKit %s", e.BuildKitVersion)
	}
	if m.Target != "" {
		s += fmt.Sprintf("; both images built at stage `%s` (--target)", m.Target)
	}
	return s + "."
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

// baseID is a base image's digest, else its local ID, shortened for tables.
func baseID(b measure.Base) string {
	switch {
	case b.Missing != "":
		return "not inspected: " + b.Missing
	case b.Digest != "":
		return "`" + b.Digest + "`"
	default:
		id := b.ID
		if len(id) > 19 {
			id = id[:19]
		}
		return "`" + id + "` (local image ID, no registry digest)"
	}
}

func standIn(b measure.Base) string {
	if !b.StandIn {
		return "no"
	}
	s := "**yes**"
	if b.StandInFor != "" {
		s += ", stands in for `" + b.StandInFor + "`"
	}
	return s
}

// MetricsMarkdown renders a measurement as the report's metrics section (without its
// heading): engine and date, the table, the verdicts, the base images, how each figure was
// taken, and notes.
func MetricsMarkdown(m *measure.Result) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("%s\n\n", EngineLine(m))
	if m.Failure != "" {
		p("**Measure stopped** after both images were built: the figures and verdicts below are what was measured before.\n\n~~~~text\n%s\n~~~~\n\n", m.Failure)
	}
	p("%s\n", MetricsTable(m))
	if t := PlatformsTable(m); t != "" {
		p("Per platform:\n\n%s\n", t)
	}
	p("Verdicts:\n\n| check | result | detail |\n|---|---|---|\n")
	for _, c := range m.Checks {
		result := yesNo(c.OK)
		if c.NotRun {
			result = "not run"
		} else if c.Undecided {
			result = "no verdict"
		}
		p("| %s | %s | %s |\n", c.Name, result, mdCell(c.Detail))
	}
	if h := HardenedMarkdown(m); h != "" {
		p("\n%s", h)
	}
	p("\nBase images:\n\n| image | used by | digest or ID | local stand-in |\n|---|---|---|---|\n")
	for _, bi := range m.Bases {
		ref := "`" + bi.Ref + "`"
		if bi.Frontend {
			ref += " (Dockerfile frontend, `# syntax=`)"
		}
		p("| %s | %s | %s | %s |\n", ref, strings.Join(bi.UsedBy, ", "), baseID(bi), standIn(bi))
	}
	p("\nHow each figure was taken:\n\n")
	for _, l := range HowMeasured(m) {
		p("- %s\n", l)
	}
	if len(m.Notes) > 0 {
		p("\nNotes:\n\n")
		for _, n := range m.Notes {
			p("- %s\n", n)
		}
	}
	return b.String()
}

// HowMeasured says how each figure was taken, one Markdown line (code spans in backticks)
// per topic; the Markdown and HTML reports both list them.
func HowMeasured(m *measure.Result) []string {
	var out []string
	out = append(out, "Both images were built from copies of the build context (yours is not modified), each with its own `.dockerignore`; the optimized one with the generated file. dockopt's own output files are left out of both.")
	runs := m.Runs
	if runs == 0 {
		runs = 1
	}
	times := fmt.Sprintf("%d times", runs)
	if runs == 1 {
		times = "once"
	}
	cold := fmt.Sprintf("Cold build: a fresh tag and `--no-cache`, %s per image, alternating original and optimized (A B A B); the table gives the median.", times)
	if m.TouchedFile != "" {
		out = append(out, cold+fmt.Sprintf(" Rebuild: the same context built again with the cache warm, then %s one comment line appended to `%s` and the build timed, again alternating; the table gives the median.", times, m.TouchedFile))
	} else {
		out = append(out, cold+" Rebuild: not measured.")
	}
	if m.DepTouchedFile != "" {
		out = append(out, fmt.Sprintf("Rebuild after a dependency change: after the code-only rebuilds, %s a line appended to `%s` (a comment with the time, or for JSON the time written in whitespace: what the file says is unchanged, and no earlier build has seen those bytes, so its layer and the install after it are rebuilt) and the build timed, again alternating; the table gives the median. Cache mounts (RUN --mount=type=cache) keep their downloads between these builds; a layer's own caches do not survive its rebuild.", times, m.DepTouchedFile))
	}
	for _, f := range m.Figures {
		if f.OriginalSpread != nil && f.OptimizedSpread != nil && f.OriginalSpread.Runs > 0 {
			out = append(out, fmt.Sprintf("%s: original %s; optimized %s.", capitalize(f.Name), f.OriginalSpread, f.OptimizedSpread))
		}
	}
	if runs == 1 {
		out = append(out, "One run per image (`--runs 1`): a single value per side has no spread, so each figure measured in each run shows both values and \"one run each: no spread to compare\", with no percentage and no verdict; run 3 or more times to compare.")
	} else {
		out = append(out, "A figure measured in each run whose original and optimized min–max ranges overlap is reported as \"no measurable difference\": the difference is smaller than the spread between runs.")
	}
	out = append(out, "Compressed size: each layer of `docker save` gzip-compressed here (level 6, as `docker push` does) and summed, shared layers once.")
	if line := timingLine(m.Timing); line != "" {
		out = append(out, line)
	}
	ran := m.Original.Healthy != nil && m.Optimized.Healthy != nil
	switch {
	case m.NoRun:
		out = append(out, "No container was run ("+noRunReason(m)+"): time to healthy, memory, the probes and the user were not measured.",
			"Changes are computed from the unrounded figures, so they may differ from what the rounded values shown suggest.")
	case !ran:
		// a measurement that stopped before or during the runs: say so, describe none
		out = append(out, "The containers' runs did not complete (see why the measurement stopped): time to healthy, memory, the probes and the user were not measured.",
			"Changes are computed from the unrounded figures, so they may differ from what the rounded values shown suggest.")
	default:
		out = append(out, fmt.Sprintf("Time to healthy, from `docker run` (port %d published on 127.0.0.1 only), each image run %s, alternating original and optimized (A B A B); the table gives the median: original — %s; optimized — %s.", m.Port, times, m.Original.HealthMethod, m.Optimized.HealthMethod),
			"Memory: in each run, the least of three `docker stats --no-stream` samples after the probes, in a container with no health probe running (`--no-healthcheck`: a probe process would be counted as the service's); the table gives the median of the runs.",
			probesLine,
			fmt.Sprintf("User: original — %s; optimized — %s.", m.Original.UserMethod, m.Optimized.UserMethod),
			"Changes are computed from the unrounded figures, so they may differ from what the rounded values shown suggest.")
	}
	return append(out, howOptions(m)...)
}

// probesLine says how two answers to a probe are compared (measure.MaskOwn, bodyDiff).
const probesLine = "Probes: two answers are the same when their status and body are; a JSON body is compared decoded and re-encoded (keys sorted), any other as it is. " +
	"Before comparing, each container's own hostname, container ID and IP addresses (`docker inspect` of that container) are replaced in its body by `<container hostname>`, `<container ID>`, `<container IP>`: whole occurrences only, and nothing else is masked (a timestamp or a random value in a body makes the answers differ). " +
	"A difference is shown as the first differing line of each body."

// howOptions says which build and run options both sides were measured with, and the
// dependencies started for them.
func howOptions(m *measure.Result) []string {
	var out []string
	var opts []string
	if len(m.BuildArgNames) > 0 {
		opts = append(opts, fmt.Sprintf("build args %s (values not recorded)", strings.Join(m.BuildArgNames, ", ")))
	}
	if m.Network != "" {
		opts = append(opts, fmt.Sprintf("`--network %s`", m.Network))
	}
	if m.Platform != "" {
		opts = append(opts, fmt.Sprintf("`--platform %s`", m.Platform))
	}
	if len(m.Platforms) > 1 {
		out = append(out, "Per platform: each image was built for every `--platform`; the measured platform's figures are the table's, each other platform's image was built once more with that `--platform` (not timed: it may use the build cache), loaded into the engine, its size read with `docker image inspect` and its compressed size from `docker save` as above; only the engine's own platform is run.")
	}
	if len(opts) > 0 {
		out = append(out, fmt.Sprintf("Build options: %s.", strings.Join(opts, "; ")))
	}
	var run []string
	if len(m.EnvNames) > 0 {
		run = append(run, fmt.Sprintf("environment %s (values not recorded)", strings.Join(m.EnvNames, ", ")))
	}
	for _, f := range m.EnvFiles {
		run = append(run, fmt.Sprintf("`--env-file %s`", f))
	}
	if m.RunNetwork != "" {
		run = append(run, fmt.Sprintf("`--network %s`", m.RunNetwork))
	}
	for _, h := range m.AddHosts {
		run = append(run, fmt.Sprintf("`--add-host %s`", h))
	}
	if m.DepsNetwork != "" {
		run = append(run, fmt.Sprintf("`--network %s` (a private network made for the dependencies, removed afterwards)", m.DepsNetwork))
	}
	if len(run) > 0 {
		out = append(out, fmt.Sprintf("Run options of both containers: %s.", strings.Join(run, "; ")))
	}
	if len(m.Dependencies) > 0 {
		var ds []string
		for _, d := range m.Dependencies {
			ds = append(ds, fmt.Sprintf("`%s` (image `%s`, started %s; %s)", d.Name, d.Image, d.Started, d.Ready))
		}
		out = append(out, fmt.Sprintf("Dependencies (`--with-deps`), started before the first container and shared by both images' runs: %s.", strings.Join(ds, "; ")))
	}
	return out
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// mdCell makes text safe in one Markdown table cell: | escaped, newlines joined, and HTML
// characters outside code spans written as entities.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	s = strings.ReplaceAll(s, "\n", " ")
	// Outside `code spans`, < and & would start raw HTML or an entity (a probe's HTML body
	// would render): write them as entities. Inside code spans they are shown as they are.
	parts := codeSpans(s)
	for i := 0; i < len(parts); i += 2 {
		parts[i] = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(parts[i])
	}
	return strings.Join(parts, "`")
}

// timingLine says where the measurement's wall time went: the engine's steps (what measure
// times or watches) and measure's own, and their ratio.
func timingLine(t *measure.Timing) string {
	if t == nil || t.EngineSeconds <= 0 {
		return ""
	}
	var eng, own []string
	for _, s := range t.Steps {
		if s.Seconds < 0.05 {
			continue
		}
		item := fmt.Sprintf("%s %.1f s", s.Step, s.Seconds)
		if s.Engine {
			eng = append(eng, item)
		} else {
			own = append(own, item)
		}
	}
	line := fmt.Sprintf("Measure's own time: the whole measurement took %.1f s, %.2f× the %.1f s of the engine's steps (%s)", t.WallSeconds, t.OverheadRatio, t.EngineSeconds, strings.Join(eng, ", "))
	if len(own) > 0 {
		line += "; its own steps: " + strings.Join(own, ", ")
	}
	return line + "."
}
