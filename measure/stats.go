package measure

import (
	"fmt"
	"sort"
)

// DefaultRuns is how many times each build figure is timed per image when Options.Runs is 0.
const DefaultRuns = 3

// Spread is a timed figure over several runs: the least, the median and the most.
type Spread struct {
	MinSeconds    float64 `json:"min_seconds"`
	MedianSeconds float64 `json:"median_seconds"`
	MaxSeconds    float64 `json:"max_seconds"`
	Runs          int     `json:"runs"`
}

// SpreadOf summarises timings (seconds, rounded to 0.01 s). The median of an even count is the
// mean of the two middle values.
func SpreadOf(xs []float64) Spread {
	if len(xs) == 0 {
		return Spread{}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return Spread{MinSeconds: round(s[0], 2), MedianSeconds: round(med, 2), MaxSeconds: round(s[n-1], 2), Runs: n}
}

// Overlaps says whether two spreads cannot be told apart: their [min, max] ranges share a
// point. A difference between two such figures is smaller than the run-to-run spread, so it
// is reported as "no measurable difference" rather than as a percentage.
func Overlaps(a, b Spread) bool {
	return a.MinSeconds <= b.MaxSeconds && b.MinSeconds <= a.MaxSeconds
}

// String renders "min 1.2 / median 1.4 / max 1.9 s (3 runs)", or "1.2 s (one run)".
func (s Spread) String() string {
	if s.Runs == 1 {
		return fmt.Sprintf("%.1f s (one run)", s.MedianSeconds)
	}
	return fmt.Sprintf("min %.1f / median %.1f / max %.1f s (%d runs)", s.MinSeconds, s.MedianSeconds, s.MaxSeconds, s.Runs)
}

// OneRunEach is a figure's Verdict, and a check's detail, when either side was timed once
// (--runs 1): one value per side has no spread, so no difference between them can be told
// from the run-to-run variation, and none is given as a percentage or a verdict.
const OneRunEach = "one run each: no spread to compare"

// Comparable says whether two spreads can be compared at all: both have at least two runs.
func Comparable(a, b Spread) bool { return a.Runs >= 2 && b.Runs >= 2 }

// NoMeasurableDifference is a figure's Verdict when the two sides' ranges overlap.
func NoMeasurableDifference(runs int) string {
	return fmt.Sprintf("no measurable difference (the min–max ranges of %d runs each overlap)", runs)
}
