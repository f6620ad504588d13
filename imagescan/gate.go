package imagescan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/docker/go-units"
	"github.com/dockopt/dockopt/internal/bytesize"
)

// Gate is one of inspect's CI thresholds (a consumer of the Report: the analysis does not
// know about them) and its outcome.
type Gate struct {
	Flag  string  `json:"flag"`
	Limit string  `json:"limit"`
	Value float64 `json:"value"`
	Pass  bool    `json:"pass"`
	// Message says what was compared, e.g. "uncompressed size 1.20 GiB > 500 MB".
	Message string `json:"message"`
}

// Gates are the thresholds set on inspect's command line.
type Gates struct {
	maxSize, maxWasted int64
	minEfficiency      float64
	set                struct{ size, wasted, eff bool }
	raw                struct{ size, wasted, eff string }
}

// GateLimits are the flags' values as given ("" for a gate not set).
type GateLimits struct{ MaxSize, MaxWasted, MinEfficiency string }

// ParseGates reads the limits; the error for one that does not parse names its flag.
func ParseGates(o GateLimits) (*Gates, error) {
	g := &Gates{}
	var err error
	if o.MaxSize != "" {
		if g.maxSize, err = bytesize.Parse(o.MaxSize); err != nil {
			return nil, fmt.Errorf("--max-size: %w", err)
		}
		g.set.size, g.raw.size = true, o.MaxSize
	}
	if o.MaxWasted != "" {
		if g.maxWasted, err = bytesize.Parse(o.MaxWasted); err != nil {
			return nil, fmt.Errorf("--max-wasted: %w", err)
		}
		g.set.wasted, g.raw.wasted = true, o.MaxWasted
	}
	if o.MinEfficiency != "" {
		if g.minEfficiency, err = ParseEfficiency(o.MinEfficiency); err != nil {
			return nil, fmt.Errorf("--min-efficiency: %w", err)
		}
		g.set.eff, g.raw.eff = true, o.MinEfficiency
	}
	return g, nil
}

// Check compares the image with each gate set, in flag order.
func (g *Gates) Check(rep *Report) []Gate {
	var out []Gate
	if g.set.size {
		v := rep.UncompressedSizeBytes
		gt := Gate{Flag: "--max-size", Limit: g.raw.size, Value: float64(v), Pass: v <= g.maxSize}
		gt.Message = fmt.Sprintf("uncompressed size %s %s %s", units.BytesSize(float64(v)), cmpSign(gt.Pass, "<=", ">"), g.raw.size)
		out = append(out, gt)
	}
	if g.set.wasted {
		v := rep.WastedBytes
		gt := Gate{Flag: "--max-wasted", Limit: g.raw.wasted, Value: float64(v), Pass: v <= g.maxWasted}
		gt.Message = fmt.Sprintf("wasted %s %s %s", units.BytesSize(float64(v)), cmpSign(gt.Pass, "<=", ">"), g.raw.wasted)
		out = append(out, gt)
	}
	if g.set.eff {
		v := rep.Efficiency
		gt := Gate{Flag: "--min-efficiency", Limit: g.raw.eff, Value: v, Pass: v >= g.minEfficiency}
		gt.Message = fmt.Sprintf("efficiency %s %s %s", Percent(v), cmpSign(gt.Pass, ">=", "<"), Percent(g.minEfficiency))
		out = append(out, gt)
	}
	return out
}

func cmpSign(pass bool, ok, bad string) string {
	if pass {
		return ok
	}
	return bad
}

// Percent formats a 0..1 ratio as a percentage with two decimals.
func Percent(f float64) string { return strconv.FormatFloat(f*100, 'f', 2, 64) + "%" }

// sizeUnits: decimal kB/MB/GB/TB, binary KiB/MiB/GiB/TiB and bare K/M/G/T (binary, like
// docker run --memory). Case-insensitive; a trailing B is optional.
// ParseEfficiency reads "0.95" or "95%" into 0..1.
func ParseEfficiency(s string) (float64, error) {
	t := strings.TrimSpace(s)
	pct := strings.HasSuffix(t, "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(t, "%")), 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not an efficiency (want 0-1 or a percentage like 95%%)", s)
	}
	if pct {
		f /= 100
	}
	if f < 0 || f > 1 {
		return 0, fmt.Errorf("%q is out of range (want 0-1 or 0%%-100%%)", s)
	}
	return f, nil
}
