package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/cis"
	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/measure"
	"github.com/dockopt/dockopt/optimize"
)

// sampleHardening is a trial in which the run with every option failed on the read-only root
// filesystem, and the other two options worked alone and together.
func sampleHardening() *measure.Hardening {
	yes, no := true, false
	return &measure.Hardening{Seccomp: "default", SecurityOptions: []string{"name=seccomp,profile=default"}, TimeoutSeconds: 30,
		Verified: []string{"cap_drop_all", "no_new_privileges"},
		Runs: []measure.HardeningRun{
			{Options: []string{"read_only", "cap_drop_all", "no_new_privileges"}, Flags: "--read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges",
				Detail: "container exited with code 1 before it became healthy; log: OSError: [Errno 30] Read-only file system: '/app/cache'"},
			{Options: []string{"read_only"}}, {Options: []string{"cap_drop_all"}, Healthy: true, AnswersSame: true},
			{Options: []string{"no_new_privileges"}, Healthy: true, AnswersSame: true},
			{Options: []string{"cap_drop_all", "no_new_privileges"}, Healthy: true, AnswersSame: true}},
		Options: []measure.HardeningOption{
			{Key: "read_only", Flags: []string{"--read-only", "--tmpfs", "/tmp"}, CIS: "5.13", Works: &no,
				Evidence: "the run with --read-only --tmpfs /tmp alone did not work: container exited with code 1 before it became healthy; log: OSError: [Errno 30] Read-only file system: '/app/cache'"},
			{Key: "cap_drop_all", Flags: []string{"--cap-drop", "ALL"}, CIS: "5.4", Works: &yes,
				Evidence: "the run with --cap-drop ALL alone became healthy in 2.3s and answered every probe as the normal run"},
			{Key: "no_new_privileges", Flags: []string{"--security-opt", "no-new-privileges"}, CIS: "5.26", Works: &yes,
				Evidence: "the run with --security-opt no-new-privileges alone became healthy in 2.2s and answered every probe as the normal run"}},
	}
}

func sampleMeasurement() *measure.Result {
	o := measure.Image{SizeBytes: 1 << 30, CompressedSizeBytes: 400 << 20, LayerCount: 3, ColdBuildSeconds: 95.4, RebuildSeconds: 80,
		ColdBuild: &measure.Spread{Min: 58, Median: 95.4, Max: 99, Runs: 3}, Rebuild: &measure.Spread{Min: 79, Median: 80, Max: 81.5, Runs: 3},
		ContextBytes: 10 << 20, ContextFiles: 300, ContextSentBytes: -1, HealthySeconds: 1.2, MemoryBytes: 60 << 20,
		Healthy: &measure.Spread{Min: 1.1, Median: 1.2, Max: 1.5, Runs: 3, Unit: "seconds"}, Memory: &measure.Spread{Min: 59 << 20, Median: 60 << 20, Max: 62 << 20, Runs: 3, Unit: "bytes"},
		HealthMethod: "no HEALTHCHECK: GET /health answered", UserMethod: "`id -u` in the running container: 0", RunsAsRoot: true,
		Layers: []measure.Layer{
			{SizeBytes: 900 << 20, CompressedSizeBytes: 300 << 20, Instruction: "RUN apt-get install -y gcc", Base: "python:3.11"},
			{SizeBytes: 10 << 20, CompressedSizeBytes: 3 << 20, Instruction: "COPY . ."},
			{SizeBytes: 100 << 20, CompressedSizeBytes: 40 << 20, Instruction: `RUN pip install -r requirements.txt && echo "<b>&"`},
		}}
	p := measure.Image{SizeBytes: 200 << 20, CompressedSizeBytes: 70 << 20, LayerCount: 2, ColdBuildSeconds: 60, RebuildSeconds: 3,
		ColdBuild: &measure.Spread{Min: 57, Median: 60, Max: 61, Runs: 3}, Rebuild: &measure.Spread{Min: 2.9, Median: 3, Max: 3.3, Runs: 3},
		ContextBytes: 20 << 10, ContextFiles: 5, ContextSentBytes: -1, HealthySeconds: 2.1, MemoryBytes: 50 << 20,
		Healthy: &measure.Spread{Min: 2, Median: 2.1, Max: 2.4, Runs: 3, Unit: "seconds"}, Memory: &measure.Spread{Min: 49 << 20, Median: 50 << 20, Max: 51 << 20, Runs: 3, Unit: "bytes"},
		HealthMethod: "Docker health status", UserMethod: "`id -u` in the running container: 10001", UID: 10001, Hardening: sampleHardening(),
		Layers: []measure.Layer{
			{SizeBytes: 150 << 20, CompressedSizeBytes: 50 << 20, Instruction: "ADD file:x in /", Base: "python:3.11-slim"},
			{SizeBytes: 50 << 20, CompressedSizeBytes: 20 << 20, Instruction: "COPY /opt/venv /opt/venv # buildkit"},
		}}
	m := &measure.Result{
		Date:      time.Date(2026, 5, 7, 10, 0, 0, 0, time.UTC),
		Engine:    engine.Info{ClientVersion: "20.10.24", ServerVersion: "20.10.24", OS: "linux", Arch: "amd64", BuildCommand: "DOCKER_BUILDKIT=1 docker build", Builder: "default (the engine's built-in BuildKit)"},
		Original:  o,
		Optimized: p,
		Runs:      3,
		Port:      9000, TouchedFile: "main.py", BuildArgNames: []string{"GOPROXY"}, Network: "host",
		Bases: []measure.Base{
			{Ref: "python:3.11", ID: "sha256:0123456789abcdef0123456789", StandIn: true, StandInFor: "python:3.11", StandInNote: "local stand-in", UsedBy: []string{"original", "optimized"}},
			{Ref: "python:3.11-slim", Digest: "python@sha256:feed", UsedBy: []string{"optimized"}},
		},
		Notes: []string{"base image python:3.11 is a local stand-in"},
	}
	m.Figures = measure.Figures(&m.Original, &m.Optimized)
	m.Checks = []measure.Check{{Name: "GET /health answers the same", OK: true, Detail: `200, {"status":"ok"}`, Required: true},
		{Name: "optimized runs as a non-root user", OK: false, Detail: "a|b", Required: true}}
	return m
}

func TestFormat(t *testing.T) {
	if got := FormatFigure("bytes", 1536); got != "1.5KiB" {
		t.Error(got)
	}
	if got := FormatFigure("seconds", 3.14159); got != "3.1 s" {
		t.Error(got)
	}
	if got := FormatFigure("count", 7); got != "7" {
		t.Error(got)
	}
	c := -80.0
	if got := FormatChange(&c); got != "−80.0%" {
		t.Error(got)
	}
	c = 5
	if got := FormatChange(&c); got != "+5.0%" {
		t.Error(got)
	}
	if got := FormatChange(nil); got != "—" {
		t.Error(got)
	}
}

func TestMetricsMarkdown(t *testing.T) {
	m := sampleMeasurement()
	md := MetricsMarkdown(m)
	for _, want := range []string{
		"Measured on 2026-05-07 10:00 UTC with Docker Engine 20.10.24 (linux/amd64, CLI 20.10.24), built with `DOCKER_BUILDKIT=1 docker build`",
		"| image size (docker image inspect) | 1GiB | 200MiB | −80.5% |",
		"| rebuild after a code-only change (cache warm; median) | 80.0 s | 3.0 s | −96.2% |",
		"| cold build (fresh tag, --no-cache; median) | 95.4 s | 60.0 s | no measurable difference (the min–max ranges of 3 runs each overlap) |",
		"- Cold build (fresh tag, --no-cache; median): original min 58.0 / median 95.4 / max 99.0 s (3 runs); optimized min 57.0 / median 60.0 / max 61.0 s (3 runs).",
		"3 times per image, alternating original and optimized (A B A B)",
		"| memory in use (docker stats; median) | 60MiB | 50MiB | −16.7% |",
		"- Memory in use (docker stats; median): original min 59MiB / median 60MiB / max 62MiB (3 runs); optimized min 49MiB / median 50MiB / max 51MiB (3 runs).",
		"each image run 3 times, alternating original and optimized (A B A B); the table gives the median",
		"| optimized runs as a non-root user | **no** | a\\|b |",
		"| `python:3.11` | original, optimized | `sha256:0123456789ab` (local image ID, no registry digest) | **yes**, stands in for `python:3.11` |",
		"| `python:3.11-slim` | optimized | `python@sha256:feed` | no |",
		"one comment line appended to `main.py`",
		"- Build options: build args GOPROXY (values not recorded); `--network host`.\n",
		"- Probes: two answers are the same when their status and body are;",
		"each container's own hostname, container ID and IP addresses (`docker inspect` of that container) are replaced in its body by `<container hostname>`, `<container ID>`, `<container IP>`: whole occurrences only, and nothing else is masked",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("metrics Markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "context sent") {
		t.Error("context sent listed although not reported")
	}
	// The full report carries it in its metrics section, and the JSON the data.
	in := &Input{Dir: "examples/forecastin-api", DockerfileName: "Dockerfile", OutDockerfile: "/tmp/o/Dockerfile.optimized",
		Opt: &optimize.Result{Ecosystem: "python", Dockerfile: []byte("FROM python:3.11-slim\n")}, MetricsMarkdown: md, Metrics: m}
	var buf bytes.Buffer
	if err := Markdown(&buf, in); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "## Metrics\n\nMeasured on") || strings.Contains(buf.String(), "Not measured yet") {
		t.Error("report metrics section not filled")
	}
	buf.Reset()
	if err := JSON(&buf, in); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Metrics measure.Result `json:"metrics"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Metrics.Optimized.SizeBytes != 200<<20 || len(doc.Metrics.Figures) == 0 || doc.Metrics.Figures[0].Key != "size_bytes" {
		t.Errorf("JSON metrics: %+v", doc.Metrics)
	}
}

func TestMetricsMarkdownOneRun(t *testing.T) {
	m := sampleMeasurement()
	m.Runs = 1
	for _, im := range []*measure.Image{&m.Original, &m.Optimized} {
		im.ColdBuild = &measure.Spread{Min: im.ColdBuildSeconds, Median: im.ColdBuildSeconds, Max: im.ColdBuildSeconds, Runs: 1}
		im.Rebuild = &measure.Spread{Min: im.RebuildSeconds, Median: im.RebuildSeconds, Max: im.RebuildSeconds, Runs: 1}
	}
	m.Figures = measure.Figures(&m.Original, &m.Optimized)
	m.Checks = append(m.Checks, measure.Check{Name: "optimized code-only rebuild is faster than its cold build", Undecided: true, Detail: measure.OneRunEach})
	md := MetricsMarkdown(m)
	for _, want := range []string{
		"| cold build (fresh tag, --no-cache; median) | 95.4 s | 60.0 s | one run each: no spread to compare |",
		"| rebuild after a code-only change (cache warm; median) | 80.0 s | 3.0 s | one run each: no spread to compare |",
		"- Cold build (fresh tag, --no-cache; median): original 95.4 s (one run); optimized 60.0 s (one run).",
		"One run per image (`--runs 1`)",
		"| optimized code-only rebuild is faster than its cold build | no verdict | one run each: no spread to compare |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("--runs 1 metrics lack %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "no measurable difference") || strings.Contains(md, "−96.2%") {
		t.Errorf("--runs 1 compares distributions:\n%s", md)
	}
}

func TestMDCell(t *testing.T) {
	for in, want := range map[string]string{
		"200, <script>alert(1)</script>": "200, &lt;script&gt;alert(1)&lt;/script&gt;",
		"a|b\nc":                         "a\\|b c",
		"`id -u` <1000>":                 "`id -u` &lt;1000&gt;",
		"`a<b` & c":                      "`a<b` &amp; c",
	} {
		if got := mdCell(in); got != want {
			t.Errorf("mdCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestInlineCode(t *testing.T) {
	for in, want := range map[string]string{
		"`id -u` gave <0>":  "<code>id -u</code> gave &lt;0&gt;",
		"a `b&c` d `e`":     "a <code>b&amp;c</code> d <code>e</code>",
		"unpaired ` <tick>": "unpaired ` &lt;tick&gt;",
		"plain":             "plain",
	} {
		if got := string(inlineCode(in)); got != want {
			t.Errorf("inlineCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHTML(t *testing.T) {
	m := sampleMeasurement()
	in := &Input{Dir: "examples/forecastin-api", DockerfileName: "Dockerfile", OutDockerfile: "/tmp/o/Dockerfile.optimized",
		Opt: &optimize.Result{Ecosystem: "python", Dockerfile: []byte("FROM python:3.11-slim\nRUN echo '<x>'\n"), Changes: []optimize.Change{{Title: "multi-stage build"}}}}
	var buf bytes.Buffer
	if err := HTML(&buf, in, m); err != nil {
		t.Fatal(err)
	}
	h := buf.String()
	for _, want := range []string{
		"<!DOCTYPE html>", "<svg", "[python:3.11] RUN apt-get install -y gcc", "COPY /opt/venv /opt/venv # buildkit",
		`RUN pip install -r requirements.txt &amp;&amp; echo &#34;&lt;b&gt;&amp;&#34;`, "multi-stage build",
		"RUN echo &#39;&lt;x&gt;&#39;", "−80.5%", "stands in for python:3.11",
		// Markdown code spans become <code>, not literal backticks
		"<code>id -u</code> in the running container: 10001", "built with <code>DOCKER_BUILDKIT=1 docker build</code>",
		// the same explanations as the Markdown report
		"<code>docker stats --no-stream</code>", "Build options: build args GOPROXY (values not recorded)",
		// the hardening trial and its proven snippets
		"<h2>Run it hardened</h2>", "<td><code>--read-only --tmpfs /tmp</code></td><td>5.13</td><td><span class=\"no\">no</span>",
		"<pre>docker run --cap-drop ALL --security-opt no-new-privileges IMAGE\n</pre>", "allowPrivilegeEscalation: false",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(h, "`") {
		t.Errorf("HTML shows a Markdown backtick literally: %q", h[strings.Index(h, "`")-40:strings.Index(h, "`")+40])
	}
	// self-contained: nothing to fetch
	for _, bad := range []string{"<script", " src=", " href=", "@import", "url(", "<link"} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML contains %q: it must not fetch anything", bad)
		}
	}
	// the only URLs are the SVG namespace and the supply-chain section's sources, as text
	n := strings.Count(h, "http") - strings.Count(h, `xmlns="http://www.w3.org/2000/svg"`)
	for _, src := range []string{attestationsDocs, cosignSignDocs, cosignVerifyDocs} {
		n -= strings.Count(h, src)
	}
	if n != 0 {
		t.Errorf("HTML has %d URLs besides the SVG namespace and the supply-chain sources", n)
	}
}

// The HTML report carries the CIS section: each item with both sides' verdicts and evidence.
func TestHTMLCIS(t *testing.T) {
	m := sampleMeasurement()
	mk := func(v cis.Verdict, ev ...cis.Evidence) *cis.Report {
		return &cis.Report{Items: []cis.Result{{ID: "4.8", Title: "Ensure setuid and setgid permissions are removed", Verdict: v, Evidence: ev}}}
	}
	in := &Input{Dir: "svc", DockerfileName: "Dockerfile", OutDockerfile: "Dockerfile.optimized", CIS: &CIS{
		Original:  mk(cis.Fail, cis.Evidence{Verdict: cis.Fail, Check: "IMG004", Where: "/usr/bin/su (layer 3)", Detail: "setuid-file: setuid root"}),
		Optimized: mk(cis.Pass, cis.Evidence{Verdict: cis.Pass, Check: "IMG004", Where: "the image built from Dockerfile.optimized", Detail: "no finding"}),
	}}
	var buf bytes.Buffer
	if err := HTML(&buf, in, m); err != nil {
		t.Fatal(err)
	}
	h := buf.String()
	for _, want := range []string{"<h2>CIS Docker Benchmark</h2>", "<td>4.8 Ensure setuid and setgid permissions are removed</td>",
		`<span class="no">fail</span>`, "IMG004 <code>/usr/bin/su (layer 3)</code>: setuid-file", `<span class="ok">pass</span>`} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

// A measurement that stopped after the builds says so first, with the whole failure, in the
// Markdown and the HTML; the dependencies it started are listed with how.
func TestMetricsMarkdownStoppedWithDeps(t *testing.T) {
	m := sampleMeasurement()
	m.Failure = "waiting for dependency \"redis\" (image redis:alpine, compose service \"redis\", docker-compose.yml:52): it did not become healthy: container x did not become healthy within 2m0s\nlast health probe output: Could not connect"
	m.DepsNetwork = "dockopt-measure-1-deps"
	m.Dependencies = []measure.Dependency{{Name: "redis", Image: "redis:alpine", Started: "with `docker run` from the compose model (no docker compose plugin)", Ready: "healthy (its compose healthcheck, run every 1s)", ReadySeconds: 1.5}}
	md := MetricsMarkdown(m)
	for _, want := range []string{
		"**Measure stopped** after both images were built",
		"~~~~text\nwaiting for dependency \"redis\"",
		"last health probe output: Could not connect\n~~~~",
		"`--network dockopt-measure-1-deps` (a private network made for the dependencies, removed afterwards)",
		"Dependencies (`--with-deps`), started before the first container and shared by both images' runs: `redis` (image `redis:alpine`, started with `docker run` from the compose model",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Index(md, "Measure stopped") > strings.Index(md, "| figure |") {
		t.Error("the failure is not said before the figures")
	}
	var buf bytes.Buffer
	if err := HTML(&buf, &Input{Dir: "d"}, m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "<h2>Measure stopped</h2>") || !strings.Contains(buf.String(), "last health probe output: Could not connect") {
		t.Error("HTML does not say measure stopped")
	}
}

func TestTimingLine(t *testing.T) {
	tm := &measure.Timing{WallSeconds: 48, EngineSeconds: 40, OverheadRatio: 1.2, Steps: []measure.StepTime{
		{Step: "cold builds", Seconds: 30, Engine: true}, {Step: "container runs", Seconds: 10, Engine: true},
		{Step: "docker save and reading the layers", Seconds: 8}, {Step: "choosing the port", Seconds: 0.01}}}
	got := timingLine(tm)
	want := "Measure's own time: the whole measurement took 48.0 s, 1.20× the 40.0 s of the engine's steps (cold builds 30.0 s, container runs 10.0 s); its own steps: docker save and reading the layers 8.0 s."
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if timingLine(nil) != "" {
		t.Error("a line without timing")
	}
}

// A measurement that stopped before its containers ran does not describe runs.
func TestHowMeasuredWithoutRuns(t *testing.T) {
	m := sampleMeasurement()
	m.Failure = "waiting for dependency \"redis\": it did not become healthy"
	m.Original.Healthy, m.Optimized.Healthy = nil, nil
	how := strings.Join(HowMeasured(m), "\n")
	if strings.Contains(how, "Time to healthy, from") || strings.Contains(how, "Memory: in each run") || strings.Contains(how, "User: original") || strings.Contains(how, "Probes: ") {
		t.Errorf("describes container runs that did not happen:\n%s", how)
	}
	if !strings.Contains(how, "runs did not complete") {
		t.Errorf("does not say the runs did not complete:\n%s", how)
	}
}
