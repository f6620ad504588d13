package measure

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockopt/dockopt/engine"
)

// fakeRunner is an engine that runs each container as an HTTP server of its own on
// 127.0.0.1, answering GET /health with answer(options) and becoming healthy unless
// breaks(options) says why not.
type fakeRunner struct {
	t       *testing.T
	answer  func(o engine.RunOptions) (int, string)
	breaks  func(o engine.RunOptions) error
	healthy func(o engine.RunOptions) time.Duration
	memory  func(name string) int64 // nil: 10 MiB
	// written is what docker diff lists for every container (nil: nothing), diffErr its error.
	written []engine.Change
	diffErr error

	mu       sync.Mutex
	execs    []string
	runs     []engine.RunOptions
	timeouts []time.Duration
	removed  []string
	byName   map[string]engine.RunOptions
}

func newFakeRunner(t *testing.T) *fakeRunner {
	return &fakeRunner{t: t, byName: map[string]engine.RunOptions{},
		answer:  func(engine.RunOptions) (int, string) { return 200, `{"status":"ok"}` },
		breaks:  func(engine.RunOptions) error { return nil },
		healthy: func(engine.RunOptions) time.Duration { return 1500 * time.Millisecond }}
}

func (f *fakeRunner) Run(_ context.Context, o engine.RunOptions) (*engine.Container, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, dup := f.byName[o.Name]; dup {
		f.t.Errorf("container name %s used twice", o.Name)
	}
	f.runs = append(f.runs, o)
	f.byName[o.Name] = o
	status, body := f.answer(o)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}))
	f.t.Cleanup(srv.Close)
	port, _ := strconv.Atoi(srv.URL[strings.LastIndex(srv.URL, ":")+1:])
	return &engine.Container{Name: o.Name, HostPort: port, Started: time.Now()}, nil
}

func (f *fakeRunner) WaitHealthy(_ context.Context, c *engine.Container, _ bool, _ func(context.Context) bool, timeout time.Duration) (engine.Health, error) {
	f.mu.Lock()
	o := f.byName[c.Name]
	f.timeouts = append(f.timeouts, timeout)
	f.mu.Unlock()
	if err := f.breaks(o); err != nil {
		return engine.Health{}, err
	}
	d := f.healthy(o)
	return engine.Health{Healthy: d, FirstAnswer: d}, nil
}

func (f *fakeRunner) RemoveContainer(_ context.Context, c *engine.Container) error {
	f.mu.Lock()
	f.removed = append(f.removed, c.Name)
	f.mu.Unlock()
	return nil
}

func (f *fakeRunner) MemoryBytes(_ context.Context, c *engine.Container) (int64, error) {
	if f.memory != nil {
		return f.memory(c.Name), nil
	}
	return 10 << 20, nil
}

func (f *fakeRunner) Exec(_ context.Context, c *engine.Container, args ...string) (engine.ExecResult, error) {
	f.mu.Lock()
	f.execs = append(f.execs, c.Name+": "+strings.Join(args, " "))
	f.mu.Unlock()
	return engine.ExecResult{Output: "10001\n"}, nil
}

func (f *fakeRunner) Diff(_ context.Context, c *engine.Container) ([]engine.Change, error) {
	f.mu.Lock()
	f.execs = append(f.execs, c.Name+": docker diff")
	f.mu.Unlock()
	return f.written, f.diffErr
}

// Identity says each container's hostname is its name (as an answer may show it), its ID
// "id-" and the name, its IP 10.0.0.N for its Nth run.
func (f *fakeRunner) Identity(_ context.Context, c *engine.Container) (engine.Identity, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, o := range f.runs {
		if o.Name == c.Name {
			return engine.Identity{Hostname: c.Name, ID: "id-" + c.Name, IPs: []string{fmt.Sprintf("10.0.0.%d", i+1)}}, nil
		}
	}
	return engine.Identity{}, fmt.Errorf("no container %s", c.Name)
}

// flags are the hardening flags of each run, one line per run.
func (f *fakeRunner) flags() string {
	var lines []string
	for _, o := range f.runs {
		var fl []string
		if o.ReadOnly {
			fl = append(fl, "ro")
		}
		if len(o.Tmpfs) > 1 || (len(o.Tmpfs) == 1 && o.Tmpfs[0] != "/tmp") {
			fl = append(fl, "tmpfs="+strings.Join(o.Tmpfs, ","))
		}
		if len(o.CapDrop) > 0 {
			fl = append(fl, "cap-drop="+strings.Join(o.CapDrop, ","))
		}
		if len(o.CapAdd) > 0 {
			fl = append(fl, "cap-add="+strings.Join(o.CapAdd, ","))
		}
		if len(o.SecurityOpt) > 0 {
			fl = append(fl, "sec="+strings.Join(o.SecurityOpt, ","))
		}
		if len(fl) == 0 {
			fl = append(fl, "plain")
		}
		lines = append(lines, strings.Join(fl, " "))
	}
	return strings.Join(lines, "\n")
}

// trialMeasurement is a measurement whose optimized image ran normally, healthy in
// healthySeconds, and answered GET /health with {"status":"ok"}.
func trialMeasurement(t *testing.T, fr *fakeRunner, healthySeconds float64) *measurement {
	res := &Result{Port: 8080, Engine: engine.Info{SecurityOptions: []string{"name=apparmor", "name=seccomp,profile=default"}}}
	res.Optimized = Image{HealthySeconds: healthySeconds, Probes: []ProbeResult{{Path: "/health", Status: 200, Body: `{"status":"ok"}`}}}
	m := &measurement{ctx: context.Background(), run: fr, opt: withDefaults(Options{}), res: res, repo: "r"}
	m.sides = []*side{{name: "original", img: &res.Original}, {name: "optimized", tag: "r:optimized", img: &res.Optimized, info: &engine.Image{HasHealthcheck: true}}}
	return m
}

func TestHardeningTrialAllWork(t *testing.T) {
	fr := newFakeRunner(t)
	m := trialMeasurement(t, fr, 2)
	if err := m.hardeningTrial(); err != nil {
		t.Fatal(err)
	}
	// one run, with every option; and it is removed
	if got := fr.flags(); got != "ro cap-drop=ALL sec=no-new-privileges" {
		t.Errorf("runs:\n%s", got)
	}
	if o := fr.runs[0]; len(o.Tmpfs) != 1 || o.Tmpfs[0] != "/tmp" || o.Image != "r:optimized" || o.HealthInterval != time.Second || o.Port != 8080 {
		t.Errorf("run options %+v", o)
	}
	if len(fr.removed) != 1 || fr.removed[0] != fr.runs[0].Name {
		t.Errorf("removed %v", fr.removed)
	}
	h := m.res.Optimized.Hardening
	if strings.Join(h.Verified, ",") != "read_only,cap_drop_all,no_new_privileges" || h.Seccomp != "default" || h.TimeoutSeconds != 30 {
		t.Errorf("hardening %+v", h)
	}
	for _, o := range h.Options {
		if o.Works == nil || !*o.Works || !strings.Contains(o.Evidence, "every option (--read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges) became healthy in 1.5s") {
			t.Errorf("%s: %+v", o.Key, o)
		}
	}
	for _, c := range hardeningChecks(h) {
		if !c.OK || c.Required {
			t.Errorf("check %+v", c)
		}
	}
	if a := m.res.Original.Hardening; a != nil {
		t.Errorf("the original was trialled: %+v", a)
	}
}

func TestHardeningTrialFindsTheBreakingOption(t *testing.T) {
	fr := newFakeRunner(t)
	fr.breaks = func(o engine.RunOptions) error {
		if o.ReadOnly {
			return &engine.HealthError{Container: o.Name, Exited: true, ExitCode: 1,
				Logs: []string{"Traceback (most recent call last):", "OSError: [Errno 30] Read-only file system: '/app/cache'"}}
		}
		return nil
	}
	m := trialMeasurement(t, fr, 20)
	if err := m.hardeningTrial(); err != nil {
		t.Fatal(err)
	}
	// every option, then each alone, then the two that worked alone together
	want := "ro cap-drop=ALL sec=no-new-privileges\nro\ncap-drop=ALL\nsec=no-new-privileges\ncap-drop=ALL sec=no-new-privileges"
	if got := fr.flags(); got != want {
		t.Errorf("runs:\n%s\nwant:\n%s", got, want)
	}
	if len(fr.removed) != 5 {
		t.Errorf("removed %v", fr.removed)
	}
	// three times the normal run's 20s
	for _, d := range fr.timeouts {
		if d != time.Minute {
			t.Errorf("trial timeout %s, want 1m", d)
		}
	}
	h := m.res.Optimized.Hardening
	if strings.Join(h.Verified, ",") != "cap_drop_all,no_new_privileges" {
		t.Errorf("verified %v", h.Verified)
	}
	ro := h.Option("read_only")
	if ro.Works == nil || *ro.Works || !strings.Contains(ro.Evidence, "--read-only --tmpfs /tmp alone did not work: container") ||
		!strings.Contains(ro.Evidence, "exited with code 1") || !strings.Contains(ro.Evidence, "Read-only file system: '/app/cache'") {
		t.Errorf("read_only: %+v", ro)
	}
	if c := h.Option("cap_drop_all"); c.Works == nil || !*c.Works || !strings.Contains(c.Evidence, "--cap-drop ALL alone became healthy") {
		t.Errorf("cap_drop_all: %+v", c)
	}
	byName := map[string]Check{}
	for _, c := range hardeningChecks(h) {
		byName[c.Name] = c
	}
	if c := byName["optimized works hardened, every option together"]; c.OK ||
		!strings.Contains(c.Detail, "proven together instead: --cap-drop ALL --security-opt no-new-privileges") {
		t.Errorf("together: %+v", c)
	}
	if c := byName["optimized works with --read-only --tmpfs /tmp"]; c.OK {
		t.Errorf("read-only: %+v", c)
	}
	if c := byName["optimized works with --security-opt no-new-privileges"]; !c.OK {
		t.Errorf("no-new-privileges: %+v", c)
	}
}

func TestHardeningTrialComparesTheAnswers(t *testing.T) {
	fr := newFakeRunner(t)
	// healthy, but with every capability dropped the service answers 500
	fr.answer = func(o engine.RunOptions) (int, string) {
		if len(o.CapDrop) > 0 {
			return 500, "permission denied"
		}
		return 200, `{"status": "ok"}`
	}
	m := trialMeasurement(t, fr, 1)
	if err := m.hardeningTrial(); err != nil {
		t.Fatal(err)
	}
	h := m.res.Optimized.Hardening
	first := h.Runs[0]
	if !first.Healthy || first.AnswersSame || first.Detail != "GET /health: status 500, 200 in the normal run" {
		t.Errorf("first run %+v", first)
	}
	if c := h.Option("cap_drop_all"); *c.Works || !strings.Contains(c.Evidence, "status 500") {
		t.Errorf("cap_drop_all: %+v", c)
	}
	// the same JSON, spaced otherwise, is the same answer
	if ro := h.Option("read_only"); !*ro.Works {
		t.Errorf("read_only: %+v", ro)
	}
	if strings.Join(h.Verified, ",") != "read_only,no_new_privileges" || len(h.Runs) != 6 || len(h.CapAdd) != 0 {
		t.Errorf("verified %v %v after %d runs", h.Verified, h.CapAdd, len(h.Runs))
	}
	// a non-root user on port 8080: the capabilities to add back are Docker's default set,
	// run once, which did not help either
	ab := h.Option("cap_drop_all").AddBack
	if ab == nil || ab.Runs != 1 || len(ab.Sets) != 1 || len(ab.Sets[0]) != 14 || ab.Minimal || len(h.Option("cap_drop_all").Added) != 0 ||
		!strings.Contains(ab.Outcome, "adding back did not help: 1 run(s), the last with --cap-drop ALL --cap-add AUDIT_WRITE --cap-add CHOWN") {
		t.Errorf("add-back %+v", ab)
	}
}

func TestHardeningTrialNothingProven(t *testing.T) {
	fr := newFakeRunner(t)
	// every option alone works, all of them together do not: nothing is proven together
	fr.breaks = func(o engine.RunOptions) error {
		if o.ReadOnly && len(o.CapDrop) > 0 {
			return &engine.HealthError{Container: o.Name, Timeout: 30 * time.Second, Health: "starting"}
		}
		return nil
	}
	m := trialMeasurement(t, fr, 1)
	m.opt.HealthTimeout = 20 * time.Second
	if err := m.hardeningTrial(); err != nil {
		t.Fatal(err)
	}
	h := m.res.Optimized.Hardening
	if len(h.Runs) != 4 || len(h.Verified) != 0 || h.TimeoutSeconds != 20 {
		t.Errorf("%d runs, verified %v, timeout %v", len(h.Runs), h.Verified, h.TimeoutSeconds)
	}
	if !strings.Contains(h.Runs[0].Detail, "did not become healthy within 30s (health: starting)") {
		t.Errorf("first run %+v", h.Runs[0])
	}
}

func TestHardeningTrialInterrupted(t *testing.T) {
	fr := newFakeRunner(t)
	ctx, cancel := context.WithCancel(context.Background())
	fr.breaks = func(o engine.RunOptions) error { cancel(); return context.Canceled }
	m := trialMeasurement(t, fr, 1)
	m.ctx = ctx
	if err := m.hardeningTrial(); err != context.Canceled {
		t.Errorf("err %v", err)
	}
	if len(fr.runs) != 1 || len(fr.removed) != 1 {
		t.Errorf("runs %d, removed %v", len(fr.runs), fr.removed)
	}
}

func TestHardeningTrialNoRun(t *testing.T) {
	fr := newFakeRunner(t)
	m := trialMeasurement(t, fr, 1)
	m.opt.NoRun = true
	if err := m.hardeningTrial(); err != nil || len(fr.runs) != 0 || m.res.Optimized.Hardening != nil {
		t.Errorf("--no-run: %v, %d runs", err, len(fr.runs))
	}
}

// A service whose probes all answered 404 in the normal run, with no HEALTHCHECK and no
// smoke command, is not tried hardened: a run that cannot write would answer the same 404s.
func TestHardeningTrialNeedsEvidence(t *testing.T) {
	fr := newFakeRunner(t)
	m := trialMeasurement(t, fr, 1)
	m.res.Optimized.Probes = []ProbeResult{{Path: "/health", Status: 404, Body: "Cannot GET /health"}}
	m.sides[1].info = &engine.Image{}
	if err := m.hardeningTrial(); err != nil || len(fr.runs) != 0 || m.res.Optimized.Hardening != nil {
		t.Fatalf("trial on 404s only: %v, %d runs", err, len(fr.runs))
	}
	if !strings.Contains(strings.Join(m.res.Notes, "\n"), "hardening trial not run: in the normal run no probe answered below 400 (GET /health: 404)") {
		t.Errorf("notes %q", m.res.Notes)
	}
	// a smoke command that passed is evidence
	m.res.Optimized.Smoke = []SmokeResult{{Command: "/app -healthcheck", ExitCode: 0}}
	if err := m.hardeningTrial(); err != nil || len(fr.runs) == 0 {
		t.Errorf("with a passing smoke command: %v, %d runs", err, len(fr.runs))
	}
}
