package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/measure"
)

func TestPlatformsTable(t *testing.T) {
	m := sampleMeasurement()
	if PlatformsTable(m) != "" {
		t.Error("a per-platform table without --platform")
	}
	m.Platform = "linux/amd64"
	m.Platforms = []measure.Platform{{Platform: "linux/amd64", Native: true}}
	if PlatformsTable(m) != "" {
		t.Error("a per-platform table for the engine's own platform alone")
	}
	m.Platforms = []measure.Platform{
		{Platform: "linux/amd64", Native: true, Run: true,
			Original:  measure.PlatformImage{SizeBytes: 1 << 30, CompressedSizeBytes: 400 << 20},
			Optimized: measure.PlatformImage{SizeBytes: 8 << 20, CompressedSizeBytes: 3 << 20}},
		{Platform: "linux/arm64",
			Original:  measure.PlatformImage{Error: "not built for linux/arm64: exec format error | x"},
			Optimized: measure.PlatformImage{SizeBytes: 7 << 20, CompressedSizeBytes: 2 << 20}},
	}
	md := MetricsMarkdown(m)
	checkGolden(t, "testdata/platforms.golden.md", PlatformsTable(m))
	for _, want := range []string{
		"Per platform:\n\n| platform | original | optimized | run |\n|---|---|---|---|\n",
		"| `linux/amd64` (this engine's) | 1GiB (400MiB compressed) | 8MiB (3MiB compressed) | yes: the figures above are of these images |\n",
		"| `linux/arm64` | not built for linux/arm64: exec format error \\| x | 7MiB (2MiB compressed) | no: built only |\n",
		"- Per platform: each image was built for every `--platform`",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("metrics Markdown lacks %q:\n%s", want, md)
		}
	}
	var buf bytes.Buffer
	if err := HTML(&buf, &Input{}, m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "<h2>Per platform</h2>") || !strings.Contains(buf.String(), "<td><code>linux/arm64</code></td><td>not built for linux/arm64") {
		t.Error("the HTML report lacks the per-platform table")
	}

	// no platform listed is the engine's: the measured one was not run, and why
	m.NoRun, m.NoRunReason = true, "none of --platform linux/arm64,linux/s390x is this engine's platform, linux/amd64"
	m.Platform = "linux/arm64"
	m.Platforms[0], m.Platforms[1].Native = measure.Platform{Platform: "linux/s390x", Optimized: measure.PlatformImage{Error: "not built"}}, false
	md = MetricsMarkdown(m)
	for _, want := range []string{
		"| `linux/arm64` | not built for linux/arm64: exec format error \\| x | 7MiB (2MiB compressed) | no (none of --platform linux/arm64,linux/s390x is this engine's platform, linux/amd64): the figures above are of these images |",
		"No container was run (none of --platform linux/arm64,linux/s390x is this engine's platform, linux/amd64)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("metrics Markdown lacks %q:\n%s", want, md)
		}
	}
}
