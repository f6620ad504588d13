package measure

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/engine"
)

func TestSpreadOf(t *testing.T) {
	s := SpreadOf("seconds", []float64{3.4, 1.2, 2.0})
	if s != (Spread{Min: 1.2, Median: 2, Max: 3.4, Runs: 3, Unit: "seconds"}) {
		t.Errorf("odd count: %+v", s)
	}
	if s := SpreadOf("seconds", []float64{4, 1, 2, 3}); s.Median != 2.5 || s.Runs != 4 {
		t.Errorf("even count: %+v", s)
	}
	if s := SpreadOf("seconds", nil); s.Runs != 0 {
		t.Errorf("none: %+v", s)
	}
	if got := SpreadOf("seconds", []float64{1, 2, 3}).String(); got != "min 1.0 / median 2.0 / max 3.0 s (3 runs)" {
		t.Errorf("String: %q", got)
	}
	if got := SpreadOf("bytes", []float64{10 << 20, 11 << 20, 12 << 20}).String(); got != "min 10MiB / median 11MiB / max 12MiB (3 runs)" {
		t.Errorf("String of bytes: %q", got)
	}
}

func TestOverlaps(t *testing.T) {
	a := Spread{Min: 33.5, Max: 35, Runs: 3}
	for _, c := range []struct {
		b    Spread
		want bool
	}{
		{Spread{Min: 34.6, Max: 36}, true},
		{Spread{Min: 30, Max: 33.5}, true}, // touching counts
		{Spread{Min: 10, Max: 12}, false},
		{Spread{Min: 35.1, Max: 40}, false},
		{Spread{Min: 34, Max: 34.5}, true}, // inside
	} {
		if got := Overlaps(a, c.b); got != c.want || Overlaps(c.b, a) != c.want {
			t.Errorf("Overlaps(%v, %v) = %v, want %v", a, c.b, got, c.want)
		}
	}
}

func TestFiguresSpreadVerdict(t *testing.T) {
	same := func(lo, med, hi float64) *Spread {
		return &Spread{Min: lo, Median: med, Max: hi, Runs: 3}
	}
	o := &Image{ColdBuildSeconds: 34.6, ColdBuild: same(33, 34.6, 36), RebuildSeconds: 30, Rebuild: same(29, 30, 31)}
	p := &Image{ColdBuildSeconds: 15, ColdBuild: same(14.5, 15, 35), RebuildSeconds: 3, Rebuild: same(2.9, 3, 3.2)}
	got := map[string]Figure{}
	for _, f := range Figures(o, p) {
		got[f.Key] = f
	}
	cold := got["cold_build_seconds"]
	if cold.ChangePercent != nil || !strings.HasPrefix(cold.Verdict, "no measurable difference") || !strings.Contains(cold.Verdict, "3 runs") {
		t.Errorf("overlapping cold builds: want no percentage and the verdict, got %+v", cold)
	}
	if cold.OriginalSpread == nil || cold.OptimizedSpread == nil {
		t.Errorf("cold build spreads missing: %+v", cold)
	}
	re := got["rebuild_seconds"]
	if re.ChangePercent == nil || *re.ChangePercent != -90 || re.Verdict != "" {
		t.Errorf("separate rebuild ranges: want -90%%, got %+v", re)
	}
}

func TestFiguresOneRunEach(t *testing.T) {
	one := func(x float64) *Spread { return &Spread{Min: x, Median: x, Max: x, Runs: 1} }
	o := &Image{ColdBuildSeconds: 40, ColdBuild: one(40), RebuildSeconds: 30, Rebuild: one(30)}
	p := &Image{ColdBuildSeconds: 20, ColdBuild: one(20), RebuildSeconds: 3, Rebuild: one(3)}
	for _, f := range Figures(o, p) {
		if f.Key != "cold_build_seconds" && f.Key != "rebuild_seconds" {
			continue
		}
		if f.ChangePercent != nil || f.Verdict != OneRunEach || f.Original == 0 || f.Optimized == 0 {
			t.Errorf("%s with one run each: %+v", f.Key, f)
		}
	}
	if got := one(3).String(); got != "3.0 s (one run)" {
		t.Errorf("String: %q", got)
	}
}

func TestRebuildCheck(t *testing.T) {
	sp := func(lo, med, hi float64, n int) *Spread {
		return &Spread{Min: lo, Median: med, Max: hi, Runs: n}
	}
	for _, c := range []struct {
		name          string
		cold, rebuild *Spread
		ok, undecided bool
		detail        string
	}{
		{"one run each", sp(20, 20, 20, 1), sp(3, 3, 3, 1), false, true, "one run each: no spread to compare: rebuild 3.0s, cold build 20.0s"},
		{"apart", sp(19, 20, 22, 3), sp(2.9, 3, 3.5, 3), true, false, "rebuild min 2.9 / median 3.0 / max 3.5 s (3 runs) vs cold build min 19.0"},
		{"overlapping", sp(10, 20, 22, 3), sp(9, 12, 14, 3), false, false, "no measurable difference (the min–max ranges of 3 runs each overlap): rebuild"},
		{"slower", sp(10, 11, 12, 3), sp(19, 20, 22, 3), false, false, "rebuild min 19.0"},
	} {
		p := &Image{ColdBuild: c.cold, ColdBuildSeconds: c.cold.Median, Rebuild: c.rebuild, RebuildSeconds: c.rebuild.Median}
		got := rebuildCheck(p)
		if got.OK != c.ok || got.Undecided != c.undecided || !strings.HasPrefix(got.Detail, c.detail) || got.Required {
			t.Errorf("%s: %+v", c.name, got)
		}
		res := &Result{Checks: []Check{got}}
		res.Checks[0].Required = true
		if n := len(res.Failed()); c.undecided && n != 0 {
			t.Errorf("%s: an undecided check counts as failed", c.name)
		}
	}
}

// fakeBuilder records the builds asked of it.
type fakeBuilder struct {
	builds  []string
	targets []string
	removed []string
	// noInstall: a build with a requirements.txt runs no pip install (its Dockerfile would
	// not copy the file before one)
	noInstall bool
}

func (f *fakeBuilder) Build(_ context.Context, o engine.BuildOptions) (*engine.BuildResult, error) {
	data, _ := os.ReadFile(filepath.Join(o.ContextDir, "app.py"))
	// the image changes with app.py and with requirements.txt (when the context has one)
	reqs, _ := os.ReadFile(filepath.Join(o.ContextDir, "requirements.txt"))
	f.builds = append(f.builds, fmt.Sprintf("%s nocache=%v", o.Tag, o.NoCache))
	f.targets = append(f.targets, o.Target)
	secs := float64(len(f.builds))
	b := &engine.BuildResult{ImageID: fmt.Sprintf("sha256:%x-%x", len(data), len(reqs)), Seconds: secs}
	if len(reqs) > 0 && !f.noInstall {
		b.Ran = []string{"[builder 3/5] RUN pip install -r requirements.txt"}
	}
	return b, nil
}

func (f *fakeBuilder) RemoveImage(_ context.Context, ref string) error {
	f.removed = append(f.removed, ref)
	return nil
}

func TestBuildsAlternate(t *testing.T) {
	root := t.TempDir()
	res := &Result{}
	m := &measurement{ctx: context.Background(), opt: withDefaults(Options{}), res: res, repo: "r"}
	for _, name := range []string{"original", "optimized"} {
		dir := filepath.Join(root, name)
		write(t, dir, map[string]string{"context/app.py": "print(1)\n"})
		img := &res.Original
		if name == "optimized" {
			img = &res.Optimized
		}
		m.sides = append(m.sides, &side{name: name, dockerfile: name + "/Dockerfile", dir: dir, ctxDir: filepath.Join(dir, "context"), tag: "r:" + name, img: img})
	}
	fb := &fakeBuilder{}
	m.bld = fb
	if err := m.timedColdBuilds(); err != nil {
		t.Fatal(err)
	}
	m.opt.Touch = "app.py"
	if err := m.rebuilds(); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"r:original nocache=true", "r:optimized nocache=true",
		"r:original-cold2 nocache=true", "r:optimized-cold2 nocache=true",
		"r:original-cold3 nocache=true", "r:optimized-cold3 nocache=true",
		"r:original-warm nocache=false", "r:optimized-warm nocache=false",
		"r:original-touched nocache=false", "r:optimized-touched nocache=false",
		"r:original-touched nocache=false", "r:optimized-touched nocache=false",
		"r:original-touched nocache=false", "r:optimized-touched nocache=false",
	}
	if strings.Join(fb.builds, "\n") != strings.Join(want, "\n") {
		t.Errorf("build order:\n%s\nwant:\n%s", strings.Join(fb.builds, "\n"), strings.Join(want, "\n"))
	}
	// the fake's times are the build's position: 1,3,5 for the original's cold builds
	if s := res.Original.ColdBuild; s == nil || *s != (Spread{Min: 1, Median: 3, Max: 5, Runs: 3, Unit: "seconds"}) || res.Original.ColdBuildSeconds != 3 {
		t.Errorf("original cold: %+v", s)
	}
	if s := res.Optimized.Rebuild; s == nil || *s != (Spread{Min: 10, Median: 12, Max: 14, Runs: 3, Unit: "seconds"}) || res.Optimized.RebuildSeconds != 12 {
		t.Errorf("optimized rebuild: %+v", s)
	}
	for _, n := range res.Notes {
		if strings.Contains(n, "did not change") {
			t.Errorf("unexpected note: %s", n)
		}
	}
	for _, tag := range []string{"r:original-cold2", "r:optimized-cold3", "r:original-warm"} {
		if !contains(fb.removed, tag) {
			t.Errorf("%s not removed: %v", tag, fb.removed)
		}
	}
	if contains(fb.removed, "r:original") {
		t.Error("the kept cold image was removed")
	}
}

func TestLocateStep(t *testing.T) {
	src := "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build \\\n  -o /out/app .\n\nFROM debian:bookworm-slim\nRUN apt-get update\nCOPY --from=build /out/app /app\n"
	f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for step, line := range map[string]int{
		"[build 4/4] RUN go build -o /out/app .": 4,
		"[stage-1 2/3] RUN apt-get update":       8,
		"[build 2/4] WORKDIR /src":               2,
		"[build 3/5] COPY . .":                   0, // another count
		"[build 3/4] RUN true":                   0, // another keyword
		"[internal] load build context":          0,
	} {
		in := LocateStep(f, step)
		got := 0
		if in != nil {
			got = in.StartLine
		}
		if got != line {
			t.Errorf("%s: line %d, want %d", step, got, line)
		}
	}
	be := &engine.BuildError{Tag: "t", Dockerfile: "Dockerfile", Step: "[build 4/4] RUN go build -o /out/app .", Err: fmt.Errorf("exit status 1")}
	err = withStep(&StageError{"cold build", be}, f)
	if be.Line != 4 || !strings.Contains(be.Instruction, "go build") || !strings.Contains(err.Error(), "(Dockerfile line 4)") {
		t.Errorf("withStep: line %d, instruction %q, %v", be.Line, be.Instruction, err)
	}
}

func TestNoRunChecks(t *testing.T) {
	res := &Result{Original: Image{SizeBytes: 10}, Optimized: Image{SizeBytes: 5}}
	opt := withDefaults(Options{NoRun: true, Smoke: [][]string{{"true"}}})
	res.Checks = checks(res, opt)
	notRun := 0
	for _, c := range res.Checks {
		if c.NotRun {
			notRun++
			if c.OK || !strings.Contains(c.Detail, "not run") {
				t.Errorf("%+v", c)
			}
		}
	}
	if notRun != 8 { // healthy, GET /health, smoke, non-root, hardened together and each of 3 options
		t.Errorf("%d checks not run: %+v", notRun, res.Checks)
	}
	if f := res.Failed(); len(f) != 0 {
		t.Errorf("not-run checks count as failed: %+v", f)
	}
	fs := withoutRunFigures(Figures(&res.Original, &res.Optimized))
	for _, f := range fs {
		if contains(runFigures, f.Key) {
			t.Errorf("%s listed with --no-run", f.Key)
		}
	}
}

func TestReadinessKeepsTheFailingAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, "Traceback (most recent call last):\n  redis.exceptions.ConnectionError: Error 111 connecting to redis:6379\n")
	}))
	defer srv.Close()
	port, _ := strconv.Atoi(srv.URL[strings.LastIndex(srv.URL, ":")+1:])
	rd := httpReadiness(port, "/health")
	if rd.ready(context.Background()) {
		t.Fatal("a 500 counted as ready")
	}
	if !strings.Contains(rd.last, "GET /health: status 500, body: Traceback") || !strings.Contains(rd.last, "Error 111 connecting to redis") {
		t.Errorf("last answer %q", rd.last)
	}
	err := rd.explain(&StageError{"waiting", &engine.HealthError{Container: "c", Timeout: time.Second}})
	if msg := err.Error(); !strings.Contains(msg, "did not become healthy") || !strings.Contains(msg, "last answer: GET /health: status 500") {
		t.Errorf("message %q", msg)
	}
}

func TestUndeclaredArgNotes(t *testing.T) {
	parse := func(src string) *dockerfile.File {
		f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	sides := []*side{
		{name: "original", file: parse("ARG GOPROXY\nFROM golang:1.26\nRUN go build\n")},
		{name: "optimized", file: parse("FROM golang:1.26 AS build\nARG NPM_CONFIG_REGISTRY=x\nRUN go build\n")},
	}
	got := undeclaredArgNotes([]string{"GOPROXY", "NPM_CONFIG_REGISTRY", "HTTPS_PROXY", "PIP_INDEX_URL"}, sides)
	if len(got) != 3 || !strings.HasPrefix(got[0], "--build-arg GOPROXY: the optimized Dockerfile declares no such ARG") ||
		!strings.HasPrefix(got[1], "--build-arg NPM_CONFIG_REGISTRY: the original Dockerfile") ||
		!strings.HasPrefix(got[2], "--build-arg PIP_INDEX_URL: neither Dockerfile declares") {
		t.Errorf("notes: %q", got)
	}
}
