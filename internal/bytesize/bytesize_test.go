package bytesize

import "testing"

func TestParse(t *testing.T) {
	for in, want := range map[string]int64{
		// as Docker and BuildKit print them
		"512B": 512, "10.5MB": 10500000, "1.5kB": 1500, "3KiB": 3072, "12.34MiB": 12939428,
		"1GiB": 1 << 30, "2GB": 2e9, " 7.66GiB ": 8224862372, "0B": 0,
		// as users write them
		"1048576": 1048576, "500MB": 500_000_000, "500 MB": 500_000_000, "1.2GiB": 1288490189, "300k": 307200,
		"2g": 2 << 30, "1kb": 1000, "10B": 10, "0.5MiB": 524288,
	} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "MB", "-1", "1.2.3GB", "12 parsecs", "1e3", "12XB"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q): no error", bad)
		}
	}
}
