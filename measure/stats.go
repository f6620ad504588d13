package measure

import (
	"fmt"
	"sort"

	"github.com/docker/go-units"
)

// DefaultRuns is how many times each image is built, rebuilt and run when Options.Runs is 0.
const DefaultRuns = 3

// Spread is a figure measured over several runs: the least, the median and the most, in Unit
// ("seconds" or "bytes").
type Spread struct {
	Min    float64 `json:"min"`
	Median float64 `json:"median"`
	Max    float64 `json:"max"`
	Runs   int     `json:"runs"`
	Unit   string  `json:"unit"`
}

// SpreadOf summarises measurements in unit (rounded to 0.01). The median of an even count is
// the mean of the two middle values.
func SpreadOf(unit string, xs []float64) Spread {
	if len(xs) == 0 {
		return Spread{Unit: unit}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return Spread{Min: round(s[0], 2), Median: round(med, 2), Max: round(s[n-1], 2), Runs: n, Unit: unit}
}

// Overlaps says whether two spreads cannot be told apart: their [min, max] ranges share a
// point. A difference between two such figures is smaller than the run-to-run spread, so it
// is reported as "no measurable difference" rather than as a percentage.
func Overlaps(a, b Spread) bool {
	return a.Min <= b.Max && b.Min <= a.Max
}

// String renders "min 1.2 / median 1.4 / max 1.9 s (3 runs)", "1.2 s (one run)", or sizes
// "min 10MiB / median 10.5MiB / max 11MiB (3 runs)".
func (s Spread) String() string {
	v := func(x float64) string {
		if s.Unit == "bytes" {
			return units.BytesSize(x)
		}
		return fmt.Sprintf("%.1f", x)
	}
	unit := " s"
	if s.Unit == "bytes" {
		unit = ""
	}
	if s.Runs == 1 {
		return fmt.Sprintf("%s%s (one run)", v(s.Median), unit)
	}
	return fmt.Sprintf("min %s / median %s / max %s%s (%d runs)", v(s.Min), v(s.Median), v(s.Max), unit, s.Runs)
}

// OneRunEach is a figure's Verdict, and a check's detail, when either side was measured once
// (--runs 1): one value per side has no spread, so no difference between them can be told
// from the run-to-run variation, and none is given as a percentage or a verdict.
const OneRunEach = "one run each: no spread to compare"

// Comparable says whether two spreads can be compared at all: both have at least two runs.
func Comparable(a, b Spread) bool { return a.Runs >= 2 && b.Runs >= 2 }

// NoMeasurableDifference is a figure's Verdict when the two sides' ranges overlap.
func NoMeasurableDifference(runs int) string {
	return fmt.Sprintf("no measurable difference (the min–max ranges of %d runs each overlap)", runs)
}
