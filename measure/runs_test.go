package measure

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/engine"
)

// runsMeasurement is a measurement of two built images, the optimized one with a HEALTHCHECK.
func runsMeasurement(fr *fakeRunner, runs int) *measurement {
	res := &Result{Port: 8080}
	m := &measurement{ctx: context.Background(), run: fr, opt: withDefaults(Options{Runs: runs, Smoke: [][]string{{"true"}}}), res: res, repo: "r"}
	m.sides = []*side{
		{name: "original", tag: "r:original", img: &res.Original, info: &engine.Image{User: ""}},
		{name: "optimized", tag: "r:optimized", img: &res.Optimized, info: &engine.Image{HasHealthcheck: true, User: "10001"}},
	}
	return m
}

func TestRunsAlternate(t *testing.T) {
	memorySampleGap = 0
	fr := newFakeRunner(t)
	// the n-th container started is healthy in n tenths of a second and uses n MiB
	n := map[string]int{}
	fr.healthy = func(o engine.RunOptions) time.Duration {
		return time.Duration(n[o.Name]) * 100 * time.Millisecond
	}
	fr.memory = func(name string) int64 { return int64(n[name]) << 20 }
	run := fr.Run
	count := 0
	m := runsMeasurement(fr, 3)
	m.run = runnerFunc{fr, func(ctx context.Context, o engine.RunOptions) (*engine.Container, error) {
		count++
		n[o.Name] = count
		return run(ctx, o)
	}}
	if err := m.runContainers(); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range fr.runs {
		names = append(names, strings.TrimPrefix(o.Name, "r-"))
		memoryRun := strings.Contains(o.Name, "memory")
		if o.NoHealthcheck != memoryRun || (o.Image == "r:optimized" && !memoryRun && o.HealthInterval != time.Second) {
			t.Errorf("%s: %+v", o.Name, o)
		}
	}
	want := "original-1 optimized-1 optimized-memory-1 original-2 optimized-2 optimized-memory-2 original-3 optimized-3 optimized-memory-3"
	if strings.Join(names, " ") != want {
		t.Errorf("runs %s\nwant %s", strings.Join(names, " "), want)
	}
	// every container is removed (the optimized health containers before their memory run)
	for _, o := range fr.runs {
		if !contains(fr.removed, o.Name) {
			t.Errorf("%s not removed", o.Name)
		}
	}
	o, p := m.res.Original, m.res.Optimized
	// original: containers 1, 4, 7; optimized: 2, 5, 8 (health) and 3, 6, 9 (memory)
	if o.Healthy == nil || *o.Healthy != (Spread{Min: 0.1, Median: 0.4, Max: 0.7, Runs: 3, Unit: "seconds"}) || o.HealthySeconds != 0.4 {
		t.Errorf("original healthy %+v", o.Healthy)
	}
	if p.FirstAnswer == nil || *p.FirstAnswer != (Spread{Min: 0.2, Median: 0.5, Max: 0.8, Runs: 3, Unit: "seconds"}) || p.FirstAnswerSeconds != 0.5 {
		t.Errorf("optimized first answer %+v", p.FirstAnswer)
	}
	if p.Memory == nil || p.Memory.Min != 3<<20 || p.Memory.Max != 9<<20 || p.MemoryBytes != 6<<20 || p.Memory.Unit != "bytes" {
		t.Errorf("optimized memory %+v", p.Memory)
	}
	// the answers, the smoke command and the user are taken in the first run only, and the
	// files written (docker diff) in the optimized image's first run only
	if len(o.Probes) != 1 || o.Probes[0].Status != 200 || len(p.Smoke) != 1 || p.UID != 10001 {
		t.Errorf("first-run answers: %+v %+v %d", o.Probes, p.Smoke, p.UID)
	}
	if len(fr.execs) != 5 || !strings.HasPrefix(fr.execs[0], "r-original-1: true") || !strings.HasPrefix(fr.execs[3], "r-optimized-1: id -u") ||
		fr.execs[4] != "r-optimized-1: docker diff" {
		t.Errorf("execs %q", fr.execs)
	}
	if !strings.HasPrefix(p.HealthMethod, "Docker health status") || !strings.HasPrefix(o.HealthMethod, "no HEALTHCHECK") {
		t.Errorf("methods %q %q", o.HealthMethod, p.HealthMethod)
	}
}

// Identical images measured three times each: the time to healthy and the memory are "no
// measurable difference", not a percentage from one sample each.
func TestRunsSameImage(t *testing.T) {
	memorySampleGap = 0
	fr := newFakeRunner(t)
	// the same image twice: times in ms and memory in MiB that differ only by noise
	times := map[string]time.Duration{"r-original-1": 1200, "r-optimized-1": 1000, "r-original-2": 1400, "r-optimized-2": 1250, "r-original-3": 1050, "r-optimized-3": 1100}
	mems := map[string]int64{"r-original-1": 50, "r-optimized-1": 52, "r-original-2": 51, "r-optimized-2": 53, "r-original-3": 49, "r-optimized-3": 50}
	fr.healthy = func(o engine.RunOptions) time.Duration { return times[o.Name] * time.Millisecond }
	fr.memory = func(name string) int64 { return mems[name] << 20 }
	m := runsMeasurement(fr, 3)
	m.sides[1].info.HasHealthcheck = false
	if err := m.runContainers(); err != nil {
		t.Fatal(err)
	}
	for _, f := range Figures(&m.res.Original, &m.res.Optimized) {
		switch f.Key {
		case "healthy_seconds", "first_answer_seconds", "memory_bytes":
			if f.ChangePercent != nil || !strings.HasPrefix(f.Verdict, "no measurable difference") || f.OriginalSpread == nil {
				t.Errorf("%s: %+v", f.Key, f)
			}
		}
	}
	// one run each: both values, no comparison
	fr2 := newFakeRunner(t)
	fr2.healthy = func(o engine.RunOptions) time.Duration {
		if o.Image == "r:original" {
			return 1200 * time.Millisecond
		}
		return time.Second
	}
	m = runsMeasurement(fr2, 1)
	m.sides[1].info.HasHealthcheck = false
	if err := m.runContainers(); err != nil {
		t.Fatal(err)
	}
	for _, f := range Figures(&m.res.Original, &m.res.Optimized) {
		if f.Key == "healthy_seconds" && (f.ChangePercent != nil || f.Verdict != OneRunEach || f.Original != 1.2 || f.Optimized != 1) {
			t.Errorf("one run: %+v", f)
		}
	}
}

// runnerFunc is a runner whose Run is replaced.
type runnerFunc struct {
	*fakeRunner
	run func(ctx context.Context, o engine.RunOptions) (*engine.Container, error)
}

func (r runnerFunc) Run(ctx context.Context, o engine.RunOptions) (*engine.Container, error) {
	return r.run(ctx, o)
}
