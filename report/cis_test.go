package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/cis"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/measure"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// sampleCIS is the section for a root Dockerfile with ADD and a measured optimized one that
// runs as 10001, and whose hardening trial broke on the read-only root filesystem only.
func sampleCIS(t *testing.T) *CIS {
	t.Helper()
	parse := func(path, src string) *dockerfile.File {
		f, err := dockerfile.Parse(path, []byte(src), dockerfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	orig := parse("api/Dockerfile", "FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y curl\nADD app.py /app/\nCMD [\"/app/app.py\"]\n")
	opt := parse("api/Dockerfile.optimized", "FROM debian:12-slim\nCOPY app.py /app/\nUSER 10001:10001\nHEALTHCHECK CMD [\"/app/app.py\", \"--probe\"]\nCMD [\"/app/app.py\"]\n")
	return &CIS{
		Original: cis.Evaluate(cis.Inputs{Dockerfile: &cis.Dockerfile{File: orig},
			Run: &cis.Run{Image: &measure.Image{ImageID: "sha256:1111111111111111", UserMethod: "`id -u` in the running container: 0", RunsAsRoot: true}}}),
		Optimized: cis.Evaluate(cis.Inputs{Dockerfile: &cis.Dockerfile{File: opt},
			Run: &cis.Run{Image: &measure.Image{ImageID: "sha256:2222222222222222", UserMethod: "`id -u` in the running container: 10001",
				HasHealthcheck: true, Hardening: sampleHardening()}}}),
	}
}

func TestCISMarkdownGolden(t *testing.T) {
	got := CISMarkdown(sampleCIS(t))
	checkGolden(t, "testdata/cis.golden.md", got)
	// what the golden must hold, whatever its wording
	for _, s := range []string{cis.Benchmark,
		"| 4.1 Ensure that a user for the container has been created | **fail** | pass |",
		"| 4.9 Ensure that COPY is used instead of ADD in Dockerfiles | **fail** | pass |",
		"| 5.13 Ensure that the container's root filesystem is mounted as read only | not checked | **fail** |",
		"| 5.4 Ensure that Linux kernel capabilities are restricted within containers | not checked | pass |",
		"| 5.22 Ensure the default seccomp profile is not Disabled | not checked | pass |",
		"measure: hardening trial `image 222222222222`: the service does not work with --read-only --tmpfs /tmp: the run with --read-only --tmpfs /tmp alone did not work",
		"original: not checked: " + cis.NoHardeningTrial + "; measure runs the hardening trial on the optimized image only",
		"DO113 `api/Dockerfile:4`: add-instead-of-copy",
		"DO202 `api/Dockerfile:2`",
		"measure: container run `image 111111111111`: the container runs as root"} {
		if !strings.Contains(got, s) {
			t.Errorf("section lacks %q", s)
		}
	}
}

func TestCISInReports(t *testing.T) {
	in := sample()
	in.CIS = sampleCIS(t)
	var b bytes.Buffer
	if err := Markdown(&b, in); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	if i, j := strings.Index(md, "## CIS Docker Benchmark"), strings.Index(md, "## Migration"); i < 0 || j < i {
		t.Errorf("no CIS section before Migration:\n%s", md)
	}
	b.Reset()
	if err := JSON(&b, in); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		CIS struct {
			Optimized cis.Report `json:"optimized"`
		} `json:"cis"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	o := doc.CIS.Optimized
	if o.Benchmark != cis.Benchmark || len(o.Items) != len(cis.Items) || o.Items[0].ID != "4.1" || o.Items[0].Verdict != cis.Pass ||
		len(o.Items[0].Evidence) != 2 || o.Items[0].Evidence[1].Source != cis.FromRun {
		t.Errorf("json cis.optimized = %+v", o)
	}

	b.Reset()
	if err := MeasureMarkdown(&b, "api", "api/Dockerfile", "other/Dockerfile", sampleMeasurement(), in.CIS); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "## Metrics") || !strings.Contains(b.String(), "## CIS Docker Benchmark") {
		t.Errorf("measure-only report:\n%s", b.String())
	}
	b.Reset()
	if err := MeasureJSON(&b, sampleMeasurement(), in.CIS); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"cis": {`) {
		t.Errorf("measure-only json has no cis")
	}
}
