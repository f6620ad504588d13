// Package bytesize reads sizes written for people into bytes: the ones Docker and BuildKit
// print ("10.5MB", "15.89MiB") and the ones users give on the command line ("500MB", "300k").
package bytesize

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// units are case-insensitive. kB, MB, GB and TB are decimal and KiB, MiB, GiB and TiB binary,
// as Docker prints them (github.com/docker/go-units: HumanSize is decimal, BytesSize binary);
// a bare k, m, g or t is binary, as docker run --memory reads it.
var units = map[string]float64{
	"": 1, "b": 1,
	"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40,
	"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
}

// Parse reads "500MB", "1.2GiB", "300k", "512B" or "1048576" into bytes, rounded to the
// nearest byte. Space is allowed around the number and before the unit.
func Parse(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	f, err := strconv.ParseFloat(num, 64)
	mult, ok := units[unit]
	if num == "" || err != nil || !ok || f < 0 {
		return 0, fmt.Errorf("%q is not a size (want bytes or a number with kB, MB, GB, KiB, MiB, GiB)", s)
	}
	v := f * mult
	if v > math.MaxInt64/2 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return int64(math.Round(v)), nil
}
