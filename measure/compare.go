package measure

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Figure is one measured quantity, original against optimized.
type Figure struct {
	// Key is a stable identifier ("size_bytes"); Name is for people.
	Key  string `json:"key"`
	Name string `json:"name"`
	// Unit is "bytes", "seconds" or "count".
	Unit      string  `json:"unit"`
	Original  float64 `json:"original"`
	Optimized float64 `json:"optimized"`
	// ChangePercent is (optimized - original) / original × 100: negative is a reduction. It is
	// nil when the original is 0 or the two values were not measured the same way.
	ChangePercent *float64 `json:"change_percent"`
	// Incomparable says why there is no change (the two sides were measured differently);
	// empty when they were measured alike.
	Incomparable string `json:"incomparable,omitempty"`
	// OriginalSpread and OptimizedSpread are the runs of a figure measured in each run (build
	// times, time to healthy, memory; nil for the others).
	OriginalSpread  *Spread `json:"original_spread,omitempty"`
	OptimizedSpread *Spread `json:"optimized_spread,omitempty"`
	// Verdict replaces the change when the difference is smaller than the spread (the two
	// min–max ranges overlap): "no measurable difference ..."; or when there is no spread
	// (one run each: OneRunEach). ChangePercent is nil then.
	Verdict string `json:"verdict,omitempty"`
}

// Figures lists the comparable figures of two measured images, in the report's order. Figures
// that were not measured for both (a rebuild with no file to touch, a context size BuildKit
// did not report) are left out.
func Figures(o, p *Image) []Figure {
	var out []Figure
	add := func(key, name, unit string, a, b float64) {
		f := Figure{Key: key, Name: name, Unit: unit, Original: a, Optimized: b}
		if a != 0 {
			c := (b - a) / a * 100
			f.ChangePercent = &c
		}
		out = append(out, f)
	}
	add("size_bytes", "image size (docker image inspect)", "bytes", float64(o.SizeBytes), float64(p.SizeBytes))
	add("compressed_size_bytes", "compressed size (gzip of each saved layer, summed)", "bytes", float64(o.CompressedSizeBytes), float64(p.CompressedSizeBytes))
	add("layer_count", "layers", "count", float64(o.LayerCount), float64(p.LayerCount))
	add("cold_build_seconds", "cold build (fresh tag, --no-cache; median)", "seconds", o.ColdBuildSeconds, p.ColdBuildSeconds)
	spread(&out[len(out)-1], o.ColdBuild, p.ColdBuild)
	if o.RebuildSeconds > 0 && p.RebuildSeconds > 0 {
		add("rebuild_seconds", "rebuild after a code-only change (cache warm; median)", "seconds", o.RebuildSeconds, p.RebuildSeconds)
		spread(&out[len(out)-1], o.Rebuild, p.Rebuild)
		add("rebuild_installs", "package installs run again by that rebuild (RUN steps not from the cache that install packages)", "count",
			float64(len(DependencyInstalls(o.RebuildRan))), float64(len(DependencyInstalls(p.RebuildRan))))
	}
	if o.DepRebuildSeconds > 0 && p.DepRebuildSeconds > 0 {
		add("dep_rebuild_seconds", "rebuild after a dependency change (a line appended to the manifest or lockfile; cache warm; median)", "seconds", o.DepRebuildSeconds, p.DepRebuildSeconds)
		spread(&out[len(out)-1], o.DepRebuild, p.DepRebuild)
	}
	add("context_bytes", "build context (files after .dockerignore)", "bytes", float64(o.ContextBytes), float64(p.ContextBytes))
	add("context_files", "build context files", "count", float64(o.ContextFiles), float64(p.ContextFiles))
	if o.ContextSentBytes >= 0 && p.ContextSentBytes >= 0 {
		add("context_sent_bytes", "build context sent (as BuildKit reported it)", "bytes", float64(o.ContextSentBytes), float64(p.ContextSentBytes))
	}
	add("first_answer_seconds", "time to first HTTP answer (from docker run; median)", "seconds", o.FirstAnswerSeconds, p.FirstAnswerSeconds)
	spread(&out[len(out)-1], o.FirstAnswer, p.FirstAnswer)
	add("healthy_seconds", "time to healthy (Docker health status, else first answer; median)", "seconds", o.HealthySeconds, p.HealthySeconds)
	spread(&out[len(out)-1], o.Healthy, p.Healthy)
	if o.HasHealthcheck != p.HasHealthcheck {
		// One side's time is its HEALTHCHECK passing, the other's its first HTTP answer: a
		// percentage between them would compare a probe schedule with a start-up time.
		f := &out[len(out)-1]
		f.ChangePercent, f.Verdict = nil, ""
		f.Incomparable = "not comparable: only one image has a HEALTHCHECK; compare the time to first HTTP answer"
	}
	add("memory_bytes", "memory in use (docker stats; median)", "bytes", float64(o.MemoryBytes), float64(p.MemoryBytes))
	spread(&out[len(out)-1], o.Memory, p.Memory)
	return out
}

// runFigures are the figures that need a running container.
var runFigures = []string{"first_answer_seconds", "healthy_seconds", "memory_bytes"}

// withoutRunFigures leaves out the figures that need a running container (--no-run).
func withoutRunFigures(fs []Figure) []Figure {
	var out []Figure
	for _, f := range fs {
		if !contains(runFigures, f.Key) {
			out = append(out, f)
		}
	}
	return out
}

// spread adds the runs of a timed figure, and replaces its change with "one run each" when
// either side was timed once, or with "no measurable difference" when the two min–max ranges
// overlap.
func spread(f *Figure, a, b *Spread) {
	if a == nil || b == nil {
		return
	}
	f.OriginalSpread, f.OptimizedSpread = a, b
	if !Comparable(*a, *b) {
		f.ChangePercent = nil
		f.Verdict = OneRunEach
		return
	}
	if Overlaps(*a, *b) {
		f.ChangePercent = nil
		f.Verdict = NoMeasurableDifference(min(a.Runs, b.Runs))
	}
}

// NormalizeBody makes a response body comparable: JSON is decoded and re-encoded (object keys
// sorted, white space dropped, numbers kept as written); anything else is compared as it is,
// with trailing white space trimmed.
func NormalizeBody(body []byte) string {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err == nil && !dec.More() {
		if out, err := json.Marshal(v); err == nil {
			return string(out)
		}
	}
	return strings.TrimRight(string(body), " \t\r\n")
}

// SplitCommand splits a command line into words as a POSIX shell would for quoting ('single',
// "double", backslash escapes) without any expansion: the words are run with `docker exec`,
// not by a shell (write `sh -c '...'` for shell features).
func SplitCommand(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated ' in %q", s)
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unterminated \" in %q", s)
			}
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	if len(words) == 0 {
		return nil, fmt.Errorf("empty command")
	}
	return words, nil
}
