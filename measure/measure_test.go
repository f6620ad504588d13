package measure

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/engine"
)

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFigures(t *testing.T) {
	o := &Image{SizeBytes: 1000, CompressedSizeBytes: 400, LayerCount: 10, ColdBuildSeconds: 60, RebuildSeconds: 50,
		ContextBytes: 2000, ContextFiles: 20, ContextSentBytes: 2100, HealthySeconds: 2, MemoryBytes: 100}
	p := &Image{SizeBytes: 250, CompressedSizeBytes: 100, LayerCount: 5, ColdBuildSeconds: 80, RebuildSeconds: 4,
		ContextBytes: 1000, ContextFiles: 10, ContextSentBytes: -1, HealthySeconds: 1, MemoryBytes: 0}
	fs := Figures(o, p)
	got := map[string]Figure{}
	for _, f := range fs {
		got[f.Key] = f
	}
	if f := got["size_bytes"]; f.ChangePercent == nil || *f.ChangePercent != -75 || f.Unit != "bytes" {
		t.Errorf("size: %+v", f)
	}
	if f := got["cold_build_seconds"]; *f.ChangePercent < 33.3 || *f.ChangePercent > 33.4 {
		t.Errorf("cold build: %v", *f.ChangePercent)
	}
	if _, ok := got["context_sent_bytes"]; ok {
		t.Error("context_sent_bytes listed although the optimized build did not report it")
	}
	if f := got["memory_bytes"]; *f.ChangePercent != -100 {
		t.Errorf("memory: %+v", f)
	}
	o.RebuildRan = []string{"[2/4] COPY . .", "[3/4] RUN npm install", "[4/4] RUN npm run build"}
	p.RebuildRan = []string{"[build 5/6] COPY src ./src", "[build 6/6] RUN npm run build", "[stage-2 3/3] COPY --from=build /app/dist ./dist"}
	found := false
	for _, f := range Figures(o, p) {
		if f.Key == "rebuild_installs" {
			found = true
			if f.Original != 1 || f.Optimized != 0 {
				t.Errorf("package installs run again: %+v, want 1 (npm install) and 0", f)
			}
		}
	}
	if !found {
		t.Error("no rebuild_installs figure")
	}
	o.RebuildSeconds = 0
	for _, f := range Figures(o, p) {
		if f.Key == "rebuild_seconds" {
			t.Error("rebuild listed although not measured")
		}
	}
	healthy := func(fs []Figure) Figure {
		for _, f := range fs {
			if f.Key == "healthy_seconds" {
				return f
			}
		}
		t.Fatal("no healthy_seconds figure")
		return Figure{}
	}
	if f := healthy(Figures(o, p)); f.ChangePercent == nil || *f.ChangePercent != -50 || f.Incomparable != "" {
		t.Errorf("time to healthy, neither with a HEALTHCHECK: %+v", f)
	}
	p.HasHealthcheck = true
	if f := healthy(Figures(o, p)); f.ChangePercent != nil || f.Incomparable == "" {
		t.Errorf("time to healthy, only the optimized with a HEALTHCHECK: want no change and a reason, got %+v", f)
	}
	o.HasHealthcheck = true
	if f := healthy(Figures(o, p)); f.ChangePercent == nil || f.Incomparable != "" {
		t.Errorf("time to healthy, both with a HEALTHCHECK: %+v", f)
	}
	z := Figures(&Image{}, &Image{SizeBytes: 5})
	if z[0].ChangePercent != nil {
		t.Error("change from 0: want nil")
	}
}

func TestNormalizeBody(t *testing.T) {
	same := [][2]string{
		{`{"a":1,"b":[1,2]}`, "{ \"b\": [1, 2],\n \"a\": 1 }\n"},
		{`{"t":21.50}`, `{"t": 21.50}`},
		{"ok\n", "ok"},
	}
	for _, c := range same {
		if NormalizeBody([]byte(c[0])) != NormalizeBody([]byte(c[1])) {
			t.Errorf("%q and %q should normalise the same", c[0], c[1])
		}
	}
	diff := [][2]string{
		{`{"a":1}`, `{"a":2}`},
		{`{"t":21.5}`, `{"t":21.50}`}, // numbers kept as written: a changed serialisation shows
		{`{"a":1} trailing`, `{"a":1}`},
	}
	for _, c := range diff {
		if NormalizeBody([]byte(c[0])) == NormalizeBody([]byte(c[1])) {
			t.Errorf("%q and %q should differ", c[0], c[1])
		}
	}
}

func TestChooseTouchFile(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	files := map[string]string{
		"main_test.go": "package main", "tests/test_api.py": "", "node_modules/x/index.js": "",
		".git/hooks/a.py": "", "lib/util.py": "", "app/main.py": "", "setup.py": "", "README.md": "",
		"src/server.ts": "", "src/types.d.ts": "",
	}
	write(t, a, files)
	write(t, b, files)
	if got := ChooseTouchFile(a, b); got != "app/main.py" {
		t.Errorf("got %q, want app/main.py", got)
	}
	// a file the other context does not have (ignored there) is not chosen
	os.Remove(filepath.Join(b, "app/main.py"))
	if got := ChooseTouchFile(a, b); got != "src/server.ts" {
		t.Errorf("got %q, want src/server.ts", got)
	}
	write(t, a, map[string]string{"main.go": "package main\n"})
	write(t, b, map[string]string{"main.go": "package main\n"})
	if got := ChooseTouchFile(a, b); got != "main.go" {
		t.Errorf("got %q, want main.go", got)
	}
	if got := ChooseTouchFile(t.TempDir()); got != "" {
		t.Errorf("empty context: got %q", got)
	}
}

func TestTouchFile(t *testing.T) {
	d := t.TempDir()
	write(t, d, map[string]string{"main.go": "package main", "app.py": "print(1)\n", "x.md": "x"})
	now := time.Unix(1, 2)
	if err := touchFile(d, "main.go", now); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(d, "main.go"))
	if string(got) != "package main\n// dockopt measure: code-only change 1000000002\n" {
		t.Errorf("main.go: %q", got)
	}
	touchFile(d, "app.py", now)
	got, _ = os.ReadFile(filepath.Join(d, "app.py"))
	if !strings.HasSuffix(string(got), "print(1)\n# dockopt measure: code-only change 1000000002\n") {
		t.Errorf("app.py: %q", got)
	}
	touchFile(d, "x.md", now)
	if got, _ = os.ReadFile(filepath.Join(d, "x.md")); string(got) != "x\n\n" {
		t.Errorf("x.md: %q", got)
	}
	if err := touchFile(d, "missing.py", now); err == nil {
		t.Error("missing file: no error")
	}
}

func TestCopyContext(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "ctx")
	write(t, src, map[string]string{
		"main.py": "12345", ".dockerignore": "*\n", ".env": "SECRET=FAKE", "node_modules/a/x.js": "xx",
		"keep/a.txt": "a", "keep/drop.log": "log", "logs/keep.me": "k",
		// dockopt's own outputs, written into the context by optimize without --out
		"Dockerfile.optimized": "FROM x", "dockopt-report.md": "# r", "dockopt-report.html": "<html>",
	})
	os.Symlink("main.py", filepath.Join(src, "link.py"))
	pats := []string{".env", "node_modules", "**/*.log", "logs", "!logs/keep.me"}
	ign := []byte(".env\nnode_modules\n**/*.log\nlogs\n!logs/keep.me\n")
	outputs := map[string]bool{"Dockerfile.optimized": true, "dockopt-report.md": true, "dockopt-report.html": true}
	st, err := copyContext(src, dst, pats, ign, outputs)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"main.py", "keep/a.txt", "logs/keep.me", "link.py", ".dockerignore"} {
		if _, err := os.Lstat(filepath.Join(dst, p)); err != nil {
			t.Errorf("%s not copied", p)
		}
	}
	for _, p := range []string{".env", "node_modules", "keep/drop.log", "Dockerfile.optimized", "dockopt-report.md", "dockopt-report.html"} {
		if _, err := os.Lstat(filepath.Join(dst, p)); err == nil {
			t.Errorf("%s copied although ignored", p)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dst, ".dockerignore")); string(data) != string(ign) {
		t.Errorf("the .dockerignore written is %q", data)
	}
	// main.py 5 + a.txt 1 + keep.me 1 + link + .dockerignore
	if st.Files != 5 || st.Bytes != int64(5+1+1+len(ign)) {
		t.Errorf("stats %+v", st)
	}
	// the source is untouched
	if data, _ := os.ReadFile(filepath.Join(src, ".dockerignore")); string(data) != "*\n" {
		t.Error("source .dockerignore changed")
	}
	// no ignore file: everything but the source's own .dockerignore
	dst2 := filepath.Join(t.TempDir(), "ctx")
	st, err = copyContext(src, dst2, nil, nil, outputs)
	if err != nil || st.Files != 7 {
		t.Errorf("copy without ignore: %+v %v", st, err)
	}
	// an ignore file that excludes itself is written for BuildKit but not counted as sent
	dst3 := filepath.Join(t.TempDir(), "ctx")
	self := []byte(".env\nnode_modules\n.dockerignore*\n")
	st, err = copyContext(src, dst3, []string{".env", "node_modules", ".dockerignore*"}, self, outputs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dst3, ".dockerignore")); err != nil {
		t.Error("self-excluding .dockerignore not written")
	}
	// main.py, link.py, keep/a.txt, keep/drop.log, logs/keep.me
	if st.Files != 5 || st.Bytes != 5+1+3+1 {
		t.Errorf("self-excluding ignore file: stats %+v, want 5 files, 10 bytes", st)
	}
}

func TestBaseRefs(t *testing.T) {
	src := "ARG V=3.11\nFROM python:${V} AS builder\nFROM builder AS test\nFROM python:${V}-slim\nCOPY --from=builder /a /a\nFROM scratch\nFROM python:3.11\n"
	f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := baseRefs(f, "")
	if strings.Join(got, ",") != "python:3.11,python:3.11-slim" {
		t.Errorf("got %q", got)
	}
}

func TestLowestTCPPort(t *testing.T) {
	if got := lowestTCPPort([]string{"9000/tcp", "53/udp", "8080/tcp"}); got != 8080 {
		t.Errorf("got %d", got)
	}
	if got := lowestTCPPort(nil); got != 0 {
		t.Errorf("got %d", got)
	}
}

func TestChecks(t *testing.T) {
	no := false
	hard := &Hardening{Runs: []HardeningRun{{Options: []string{"read_only"}, Flags: "--read-only --tmpfs /tmp", Healthy: false, Detail: "exited"}},
		Options: []HardeningOption{{Key: "read_only", Works: &no, Evidence: "the run with --read-only --tmpfs /tmp alone did not work: exited"}}}
	res := &Result{
		Original: Image{SizeBytes: 100, RunsAsRoot: true, Probes: []ProbeResult{{Path: "/health", Status: 200, Body: `{"status":"ok"}`}, {Path: "/x", Status: 200, Body: "a"}},
			Smoke: []SmokeResult{{Command: "true", ExitCode: 0}}},
		Optimized: Image{SizeBytes: 40, UserMethod: "id -u: 10001", ColdBuildSeconds: 10, RebuildSeconds: 2, Hardening: hard,
			Probes: []ProbeResult{{Path: "/health", Status: 200, Body: "{\"status\": \"ok\"}\n"}, {Path: "/x", Status: 500, Body: "a"}},
			Smoke:  []SmokeResult{{Command: "true", ExitCode: 1}}},
	}
	cs := checks(res, Options{Probes: []string{"/health", "/x"}, Smoke: [][]string{{"true"}}})
	byName := map[string]Check{}
	for _, c := range cs {
		byName[c.Name] = c
	}
	if !byName["GET /health answers the same"].OK {
		t.Error("/health should match")
	}
	if c := byName["GET /x answers the same"]; c.OK || !strings.Contains(c.Detail, "status 200 (original) vs 500") {
		t.Errorf("/x: %+v", c)
	}
	if byName["smoke `true`: same exit code"].OK {
		t.Error("smoke should differ")
	}
	if !byName["optimized runs as a non-root user"].OK {
		t.Error("non-root")
	}
	if c := byName["optimized works with --read-only --tmpfs /tmp"]; c.OK || c.Required || !strings.HasSuffix(c.Detail, "did not work: exited") {
		t.Errorf("read-only: %+v", c)
	}
	if c := byName["optimized works hardened, every option together"]; c.OK || c.Required || !strings.Contains(c.Detail, "no set of options was proven together") {
		t.Errorf("hardened: %+v", c)
	}
	res.Checks = cs
	if n := len(res.Failed()); n != 2 {
		t.Errorf("failed required checks: %d", n)
	}

	// the same failure on both sides is the same, but the detail says it says little
	res.Original.Probes = []ProbeResult{{Path: "/nope", Status: 404, Body: "nope"}}
	res.Optimized.Probes = []ProbeResult{{Path: "/nope", Status: 404, Body: "nope"}}
	res.Original.Smoke = []SmokeResult{{Command: "missing-cmd", ExitCode: 127}}
	res.Optimized.Smoke = []SmokeResult{{Command: "missing-cmd", ExitCode: 127}}
	byName = map[string]Check{}
	for _, c := range checks(res, Options{Probes: []string{"/nope"}, Smoke: [][]string{{"missing-cmd"}}}) {
		byName[c.Name] = c
	}
	if c := byName["GET /nope answers the same"]; !c.OK || !strings.Contains(c.Detail, "both answer 404 (is the path right?") {
		t.Errorf("/nope: %+v", c)
	}
	if c := byName["smoke `missing-cmd`: same exit code"]; !c.OK || !strings.Contains(c.Detail, "could not be run in either container") {
		t.Errorf("missing-cmd: %+v", c)
	}
}

func TestSplitCommand(t *testing.T) {
	cases := map[string][]string{
		"/app -healthcheck":                 {"/app", "-healthcheck"},
		`python -c 'import main; print(1)'`: {"python", "-c", "import main; print(1)"},
		`sh -c "echo \"$HOME\" \\ x"`:       {"sh", "-c", `echo "$HOME" \ x`},
		`a\ b  c`:                           {"a b", "c"},
		`''`:                                {""},
	}
	for in, want := range cases {
		got, err := SplitCommand(in)
		if err != nil || strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("SplitCommand(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "  ", "'open", `"open`} {
		if _, err := SplitCommand(bad); err == nil {
			t.Errorf("SplitCommand(%q): no error", bad)
		}
	}
}

func TestUsesCacheMount(t *testing.T) {
	for src, want := range map[string]bool{
		"FROM golang\nRUN --mount=type=cache,target=/root/.cache/go-build go build\n": true,
		"FROM golang\nRUN --mount=target=/x,type=cache true\n":                        true,
		"FROM golang\nRUN --mount=type=bind,target=/x true\n":                         false,
		"FROM golang\nRUN go build\n":                                                 false,
	} {
		f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if usesCacheMount(f) != want {
			t.Errorf("%q: want %v", src, want)
		}
	}
}

// Every build of both sides, cold and rebuilt, builds the target stage.
func TestBuildsUseTheTarget(t *testing.T) {
	root := t.TempDir()
	res := &Result{}
	m := &measurement{ctx: context.Background(), opt: withDefaults(Options{Target: "prod", Runs: 1, Touch: "app.py"}), res: res, repo: "r"}
	for _, s := range []struct {
		name string
		img  *Image
	}{{"original", &res.Original}, {"optimized", &res.Optimized}} {
		dir := filepath.Join(root, s.name)
		write(t, dir, map[string]string{"context/app.py": "print(1)\n"})
		m.sides = append(m.sides, &side{name: s.name, dockerfile: s.name + "/Dockerfile", dir: dir, ctxDir: filepath.Join(dir, "context"), tag: "r:" + s.name, img: s.img})
	}
	fb := &fakeBuilder{}
	m.bld = fb
	if err := m.timedColdBuilds(); err != nil {
		t.Fatal(err)
	}
	if err := m.rebuilds(); err != nil {
		t.Fatal(err)
	}
	if len(fb.targets) != 6 {
		t.Fatalf("%d builds: %v", len(fb.targets), fb.builds)
	}
	for i, tg := range fb.targets {
		if tg != "prod" {
			t.Errorf("build %s: target %q, want prod", fb.builds[i], tg)
		}
	}
}

// The port probed: the first compose port the image EXPOSEs (not the debugger port that
// sorts lower), else the lowest EXPOSEd one.
func TestChoosePortOf(t *testing.T) {
	exposed := []string{"9229/tcp", "3000/tcp", "53/udp"}
	for _, c := range []struct {
		hints []int
		want  int
	}{{nil, 3000}, {[]int{8080, 3000}, 3000}, {[]int{53}, 3000}, {[]int{8080}, 3000}} {
		if got := choosePortOf(exposed, c.hints); got != c.want {
			t.Errorf("hints %v: %d, want %d", c.hints, got, c.want)
		}
	}
	if got := choosePortOf([]string{"9229/tcp", "9230/tcp"}, nil); got != 9229 {
		t.Errorf("no hints: %d", got)
	}
	if got := choosePortOf(nil, []int{8080}); got != 0 {
		t.Errorf("nothing EXPOSEd: %d, want 0 (the caller takes the first hint)", got)
	}
}

// The base images of a target build: the stages up to the target, not those after it.
func TestBaseRefsOfTarget(t *testing.T) {
	src := "FROM python:3.11-slim AS base\nFROM base AS prod\nFROM node:20 AS dev\n"
	f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(baseRefs(f, "prod"), ","); got != "python:3.11-slim" {
		t.Errorf("target prod: %q", got)
	}
	if got := strings.Join(baseRefs(f, ""), ","); got != "python:3.11-slim,node:20" {
		t.Errorf("last stage: %q", got)
	}
}

type fakeInspector map[string]*engine.Image

func (f fakeInspector) InspectImage(_ context.Context, ref string) (*engine.Image, error) {
	if im, ok := f[ref]; ok {
		return im, nil
	}
	return nil, errors.New("No such image: " + ref)
}

// The frontend a `# syntax=` line names is listed with the base images, marked as the
// frontend and left out of the image's own base images.
func TestBasesWithSyntaxFrontend(t *testing.T) {
	parse := func(src string) *dockerfile.File {
		f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	orig := &side{name: "original", img: &Image{}, file: parse("# syntax=docker/dockerfile:1\nFROM python:3.11\nRUN <<EOF\necho hi\nEOF\n")}
	opt := &side{name: "optimized", img: &Image{}, file: parse("FROM python:3.11-slim\n")}
	eng := fakeInspector{
		"docker/dockerfile:1": {ID: "sha256:fe", Labels: map[string]string{"org.dockopt.standin": "true", "org.dockopt.standin.for": "docker/dockerfile:1"}},
		"python:3.11":         {ID: "sha256:py"}, "python:3.11-slim": {ID: "sha256:slim"},
	}
	bs := bases(context.Background(), eng, []*side{orig, opt}, "")
	if len(bs) != 3 || bs[0].Ref != "docker/dockerfile:1" || !bs[0].Frontend || !bs[0].StandIn || bs[1].Frontend {
		t.Fatalf("bases %+v", bs)
	}
	if strings.Join(orig.img.Bases, ",") != "python:3.11" {
		t.Errorf("the original's base images %q: the frontend is not one", orig.img.Bases)
	}
}

func TestTiming(t *testing.T) {
	var tm Timing
	tm.add("copying the build contexts", false, 2*time.Second)
	tm.add("cold builds", true, 30*time.Second)
	tm.add("container runs", true, 10*time.Second)
	tm.add("docker save and reading the layers", false, 6*time.Second)
	if tm.WallSeconds != 48 || tm.EngineSeconds != 40 || tm.OverheadRatio != 1.2 || len(tm.Steps) != 4 {
		t.Errorf("timing %+v: want 48 s wall, 40 s engine, ratio 1.2", tm)
	}
}
