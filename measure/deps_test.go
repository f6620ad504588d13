package measure

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/compose"
	"github.com/dockopt/dockopt/engine"
)

// fakeDeps is a fakeRunner that also creates networks, runs compose and inspects images,
// and logs every call in order.
type fakeDeps struct {
	*fakeRunner
	calls  []string
	images map[string]*engine.Image
	state  func(name string) *engine.State // nil: running
}

func newFakeDeps(t *testing.T) *fakeDeps {
	return &fakeDeps{fakeRunner: newFakeRunner(t), images: map[string]*engine.Image{}}
}

func (f *fakeDeps) log(format string, args ...any) {
	f.mu.Lock()
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
	f.mu.Unlock()
}

func (f *fakeDeps) Run(ctx context.Context, o engine.RunOptions) (*engine.Container, error) {
	f.log("run %s net=%s alias=%s health=[%s]", o.Name, o.Network, strings.Join(o.NetworkAliases, ","), o.HealthCmd)
	return f.fakeRunner.Run(ctx, o)
}
func (f *fakeDeps) RemoveContainer(ctx context.Context, c *engine.Container) error {
	if strings.Contains(c.Name, "-dep-") {
		f.log("rm %s", c.Name)
	}
	return f.fakeRunner.RemoveContainer(ctx, c)
}
func (f *fakeDeps) CreateNetwork(_ context.Context, name string) error {
	f.log("network create %s", name)
	return nil
}
func (f *fakeDeps) RemoveNetwork(_ context.Context, name string) error {
	f.log("network rm %s", name)
	return nil
}
func (f *fakeDeps) ConnectNetwork(_ context.Context, network, container string, aliases []string) error {
	f.log("network connect %s %s alias=%s", network, container, strings.Join(aliases, ","))
	return nil
}
func (f *fakeDeps) ComposeUp(_ context.Context, p engine.ComposeProject, services []string) error {
	f.log("compose -p %s -f %s up %s", p.Name, p.File, strings.Join(services, " "))
	return nil
}
func (f *fakeDeps) ComposeDown(_ context.Context, p engine.ComposeProject) error {
	f.log("compose -p %s down", p.Name)
	return nil
}
func (f *fakeDeps) ComposeContainers(_ context.Context, p engine.ComposeProject, service string) ([]string, error) {
	return []string{"id-" + service}, nil
}
func (f *fakeDeps) State(_ context.Context, c *engine.Container) (*engine.State, error) {
	if f.state != nil {
		return f.state(c.Name), nil
	}
	return &engine.State{Status: "running", Running: true}, nil
}
func (f *fakeDeps) Logs(context.Context, *engine.Container, int) []string {
	return []string{"a log line"}
}
func (f *fakeDeps) InspectImage(_ context.Context, ref string) (*engine.Image, error) {
	if im, ok := f.images[ref]; ok {
		return im, nil
	}
	return nil, errors.New("no such image: " + ref)
}

// depsMeasurement is runsMeasurement with dependencies.
func depsMeasurement(fd *fakeDeps, deps *Deps) *measurement {
	m := runsMeasurement(fd.fakeRunner, 1)
	m.run, m.deps, m.opt.Deps = fd, fd, deps
	return m
}

var voteDeps = []compose.Dependency{
	{Name: "redis", File: "/p/docker-compose.yml", Line: 52, Condition: "service_healthy", Image: "redis:alpine",
		Healthcheck: &compose.Healthcheck{Test: []string{"CMD-SHELL", "/healthchecks/redis.sh"}, Interval: 5 * time.Second},
		Volumes:     []compose.Volume{{Type: "bind", Source: "/p/healthchecks", Target: "/healthchecks"}, {Type: "volume", Source: "data", Target: "/data"}}},
	{Name: "db", File: "/p/docker-compose.yml", Line: 60, Condition: "service_healthy", Image: "postgres:15",
		Healthcheck: &compose.Healthcheck{Test: []string{"CMD", "pg_isready", "-U", "it's me"}}},
	{Name: "cache", File: "/p/docker-compose.yml", Line: 70, Condition: "service_started", Image: "memcached:1"},
}

// Without the compose plugin, each dependency is created from the compose model on a
// private network, before any measured container, under its service name; both images'
// containers run on that network; everything is removed once they have run.
func TestDepsFromTheModel(t *testing.T) {
	memorySampleGap, depSettle = 0, 0
	fd := newFakeDeps(t)
	fd.images["redis:alpine"] = &engine.Image{Labels: map[string]string{"org.dockopt.standin": "true", "org.dockopt.standin.for": "redis:7"}}
	m := depsMeasurement(fd, &Deps{ComposeFile: "/p/docker-compose.yml", Service: "vote", Services: voteDeps})
	for _, step := range []func() error{m.startDeps, m.runContainers, m.stopDeps} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		"network create r-deps",
		`run r-dep-redis net=r-deps alias=redis health=[/healthchecks/redis.sh]`,
		`run r-dep-db net=r-deps alias=db health=[pg_isready -U 'it'\''s me']`,
		`run r-dep-cache net=r-deps alias=cache health=[]`,
		`run r-original-1 net=r-deps alias= health=[]`,
		`run r-optimized-1 net=r-deps alias= health=[]`,
		`run r-optimized-memory-1 net=r-deps alias= health=[]`,
		"rm r-dep-redis", "rm r-dep-db", "rm r-dep-cache",
		"network rm r-deps",
	}
	if got := strings.Join(fd.calls, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	redis := fd.byName["r-dep-redis"]
	if strings.Join(redis.Volumes, " ") != "/p/healthchecks:/healthchecks:ro /data" || redis.HealthInterval != time.Second {
		t.Errorf("redis run options: %+v", redis)
	}
	deps := m.res.Dependencies
	if len(deps) != 3 || !deps[0].StandIn || deps[0].StandInFor != "redis:7" || !strings.HasPrefix(deps[0].Ready, "healthy (its compose healthcheck") ||
		!strings.HasPrefix(deps[2].Ready, "running") || !strings.Contains(deps[1].Started, "docker run") {
		t.Errorf("dependencies: %+v", deps)
	}
	if m.res.DepsNetwork != "r-deps" || len(m.res.Notes) != 3 || !strings.Contains(m.res.Notes[0], `dependency "redis" (image redis:alpine) started with `+"`docker run`") ||
		!strings.Contains(m.res.Notes[0], "local stand-in for redis:7") {
		t.Errorf("notes: %q", m.res.Notes)
	}
}

// With the compose plugin, compose starts the dependencies (and waits for them), their
// containers join the private network under their service names, and compose takes them
// down.
func TestDepsThroughCompose(t *testing.T) {
	memorySampleGap = 0
	fd := newFakeDeps(t)
	m := depsMeasurement(fd, &Deps{ComposeFile: "/p/docker-compose.yml", Service: "vote", Services: voteDeps[:2], Compose: "2.29.1"})
	for _, step := range []func() error{m.startDeps, m.runContainers, m.stopDeps} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		"network create r-deps",
		"compose -p r -f /p/docker-compose.yml up redis db",
		"network connect r-deps id-redis alias=redis",
		"network connect r-deps id-db alias=db",
		`run r-original-1 net=r-deps alias= health=[]`,
		`run r-optimized-1 net=r-deps alias= health=[]`,
		`run r-optimized-memory-1 net=r-deps alias= health=[]`,
		"compose -p r down",
		"network rm r-deps",
	}
	if got := strings.Join(fd.calls, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if d := m.res.Dependencies; len(d) != 2 || !strings.Contains(d[0].Started, "docker compose up --wait` (compose 2.29.1)") {
		t.Errorf("dependencies: %+v", d)
	}
}

// A dependency that never becomes healthy stops the measurement before any measured
// container runs, with a message that names it, its image and its place in the compose file.
func TestDepNeverHealthy(t *testing.T) {
	fd := newFakeDeps(t)
	fd.breaks = func(o engine.RunOptions) error {
		if o.Name == "r-dep-db" {
			return &engine.HealthError{Container: o.Name, Timeout: 2 * time.Minute, Health: "unhealthy", LastProbe: "no response"}
		}
		return nil
	}
	m := depsMeasurement(fd, &Deps{ComposeFile: "/p/docker-compose.yml", Service: "vote", Services: voteDeps})
	err := m.startDeps()
	var se *StageError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), `waiting for dependency "db" (image postgres:15, compose service "db", docker-compose.yml:60): it did not become healthy: `) ||
		!strings.Contains(err.Error(), "did not become healthy within 2m0s (health: unhealthy)") {
		t.Fatalf("error: %v", err)
	}
	for _, c := range fd.calls {
		if strings.Contains(c, "dep-cache") {
			t.Errorf("a dependency was started after the one that failed: %s", c)
		}
	}
	// one that exits at once is said with its exit code and log
	fd = newFakeDeps(t)
	fd.state = func(string) *engine.State { return &engine.State{Status: "exited", ExitCode: 3} }
	m = depsMeasurement(fd, &Deps{Service: "vote", Services: voteDeps[2:]})
	if err := m.startDeps(); err == nil || !strings.Contains(err.Error(), `dependency "cache"`) || !strings.Contains(err.Error(), "exited with code 3") || !strings.Contains(err.Error(), "a log line") {
		t.Errorf("exited dependency: %v", err)
	}
	// a dependency with only a build: section cannot be started without compose
	m = depsMeasurement(newFakeDeps(t), &Deps{Service: "vote", Services: []compose.Dependency{{Name: "worker", File: "/p/c.yml", Line: 3, Builds: true}}})
	if err := m.startDeps(); err == nil || !strings.Contains(err.Error(), `compose service "worker", c.yml:3 has no image:`) {
		t.Errorf("build-only dependency: %v", err)
	}
}

// When a measured container does not become healthy after both images were built, the result
// still holds what was measured (sizes, layers, build times) and says why it stopped: a
// failed required check, the run checks not run, and no run figures.
func TestResultAfterAFailedRun(t *testing.T) {
	fd := newFakeDeps(t)
	fd.breaks = func(o engine.RunOptions) error {
		if strings.Contains(o.Name, "optimized") {
			return &engine.HealthError{Container: o.Name, Exited: true, ExitCode: 1, Logs: []string{"redis.exceptions.ConnectionError"}}
		}
		return nil
	}
	m := depsMeasurement(fd, nil)
	cold := Spread{Min: 10, Median: 11, Max: 12, Runs: 3, Unit: "seconds"}
	m.res.Original = Image{SizeBytes: 200 << 20, LayerCount: 9, CompressedSizeBytes: 70 << 20, ColdBuildSeconds: 11, ColdBuild: &cold, Layers: []Layer{{}}}
	m.res.Optimized = Image{SizeBytes: 150 << 20, LayerCount: 7, CompressedSizeBytes: 50 << 20, ColdBuildSeconds: 11, ColdBuild: &cold, Layers: []Layer{{}}}
	err := m.runContainers()
	if err == nil {
		t.Fatal("the optimized container broke, yet runContainers passed")
	}
	m.finish(err)
	r := m.res
	if !strings.Contains(r.Failure, "waiting for the optimized container") || !strings.Contains(r.Failure, "ConnectionError") {
		t.Errorf("failure: %q", r.Failure)
	}
	var keys []string
	for _, f := range r.Figures {
		keys = append(keys, f.Key)
	}
	if got := strings.Join(keys, " "); got != "size_bytes compressed_size_bytes layer_count cold_build_seconds context_bytes context_files context_sent_bytes" {
		t.Errorf("figures: %s", got)
	}
	failed := r.Failed()
	if len(failed) != 1 || failed[0].Name != "measure ran to the end" || !strings.Contains(failed[0].Detail, "optimized container") {
		t.Errorf("failed checks: %+v", failed)
	}
	notRun := 0
	for _, c := range r.Checks {
		if c.NotRun {
			notRun++
		}
		if c.Name == "optimized image is smaller" && !c.OK {
			t.Errorf("the size check was not made: %+v", c)
		}
	}
	if notRun < 3 {
		t.Errorf("the run checks are not marked not run: %+v", r.Checks)
	}
}
