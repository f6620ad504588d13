package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/cis"
	"github.com/dockopt/dockopt/imagescan"
	"github.com/dockopt/dockopt/measure"
)

// a service that copies its .env into the image, runs as root, ADDs a file and has no
// HEALTHCHECK
var cisProject = map[string]string{
	"Dockerfile": "FROM python:3.11\nWORKDIR /app\nCOPY . .\nADD app.py /app/app.py\nRUN pip install -r requirements.txt\nEXPOSE 8000\n" +
		"CMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\"]\n",
	"requirements.txt": "fastapi\nuvicorn\n", "app.py": "app = None\n", ".env": "DB_PASSWORD=hunter2\n",
}

func TestOptimizeReportCIS(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	writeFiles(t, dir, cisProject)
	if _, err := Optimize(OptimizeOptions{Dir: dir, File: "Dockerfile", Out: out, Format: "md"}); err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(filepath.Join(out, "dockopt-report.md"))
	orig := filepath.Join(dir, "Dockerfile")
	for _, want := range []string{"## CIS Docker Benchmark",
		"| 4.1 Ensure that a user for the container has been created | **fail** | pass |",
		"| 4.10 Ensure secrets are not stored in Dockerfiles | **fail** | pass |",
		"DO302 `" + orig + ":3`: copy-secret-files", "DO113 `" + orig + ":4`: add-instead-of-copy",
		// the optimized Dockerfile is linted with the generated ignore file, which leaves .env out
		"DO302 `" + filepath.Join(out, "Dockerfile.optimized") + "`: copy-secret-files: no finding"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report lacks %q", want)
		}
	}

	// --write: the original's evidence names the saved copy, where its lines now are
	if _, err := Optimize(OptimizeOptions{Dir: dir, File: "Dockerfile", Write: true, Format: "json"}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(ReportPath(dir, "json"))
	var doc struct {
		CIS struct{ Original, Optimized cis.Report } `json:"cis"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.CIS.Original.Subject != BackupPath(orig) || doc.CIS.Optimized.Subject != orig {
		t.Errorf("subjects %q, %q", doc.CIS.Original.Subject, doc.CIS.Optimized.Subject)
	}
}

func TestMeasureReportCIS(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	writeFiles(t, dir, cisProject)
	if _, err := Optimize(OptimizeOptions{Dir: dir, File: "Dockerfile", Out: out, Format: "md"}); err != nil {
		t.Fatal(err)
	}
	paths, err := ResolveMeasure(MeasureFiles{Dir: dir, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	hard := &measure.Hardening{Seccomp: "default", SecurityOptions: []string{"name=seccomp,profile=default"}, Runs: []measure.HardeningRun{{Healthy: true, AnswersSame: true}}}
	for _, o := range measure.HardeningOptions {
		hard.Options = append(hard.Options, measure.HardeningOption{Key: o.Key, Flags: o.Flags, CIS: o.CIS, Works: &yes, Evidence: "the run with every option became healthy"})
	}
	res := &measure.Result{
		Original: measure.Image{ImageID: "sha256:aaaaaaaaaaaaaaaa", RunsAsRoot: true, UserMethod: "`id -u` in the running container: 0"},
		// no health route in the source: optimize adds no HEALTHCHECK, and the image has none
		Optimized: measure.Image{ImageID: "sha256:bbbbbbbbbbbbbbbb", UserMethod: "`id -u` in the running container: 10001",
			Hardening: hard},
	}
	// the layers measure read: setuid su in the original, none in the optimized image
	res.Original.Scan = &imagescan.Report{Reference: "tmp-tag", SetuidFiles: []imagescan.SpecialFile{{Path: "/usr/bin/su", Mode: 0o4755, Layer: 3}}}
	res.Optimized.Scan = &imagescan.Report{Reference: "tmp-tag", Config: imagescan.Config{User: "10001"}}
	if _, err := WriteMeasureReports(paths, res, "md"); err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(filepath.Join(out, "dockopt-report.md"))
	for _, want := range []string{
		"| 5.13 Ensure that the container's root filesystem is mounted as read only | not checked | pass |",
		"| 4.8 Ensure setuid and setgid permissions are removed | **fail** | pass |",
		"IMG004 `/usr/bin/su (layer 3)`",
		"IMG004 `the image built from Dockerfile.optimized`",
		"| 5.26 Ensure that the container is restricted from acquiring additional privileges | not checked | pass |",
		"measure: hardening trial `image bbbbbbbbbbbb`: the service works with --read-only --tmpfs /tmp: the run with every option became healthy",
		"measure: container run `image aaaaaaaaaaaa`: the container runs as root",
		"docker image inspect `image bbbbbbbbbbbb`: the built image's config has no HEALTHCHECK",
		"DO302 `" + filepath.Join(out, "Dockerfile.optimized") + "`: copy-secret-files: no finding",
		"DO302 `" + filepath.Join(dir, "Dockerfile") + ":3`"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("measured report lacks %q", want)
		}
	}
}

// A build of a target is judged as it sees the file: the ADD in the stage after the target is
// not part of it.
func TestOptimizeReportCISTarget(t *testing.T) {
	for _, c := range []struct{ target, want string }{
		{"app", "| 4.9 Ensure that COPY is used instead of ADD in Dockerfiles | pass |"},
		{"", "| 4.9 Ensure that COPY is used instead of ADD in Dockerfiles | **fail** |"},
	} {
		dir, out := t.TempDir(), t.TempDir()
		writeFiles(t, dir, map[string]string{"app.py": "print(1)\n",
			"Dockerfile": "FROM python:3.11-slim AS app\nWORKDIR /app\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\nFROM app AS dev\nADD app.py /app/dev.py\n"})
		if _, err := Optimize(OptimizeOptions{Dir: dir, Out: out, Target: c.target, Format: "md"}); err != nil {
			t.Fatal(err)
		}
		md, _ := os.ReadFile(filepath.Join(out, "dockopt-report.md"))
		if !strings.Contains(string(md), c.want) {
			t.Errorf("target %q: the report lacks %q:\n%s", c.target, c.want, md)
		}
	}
}
