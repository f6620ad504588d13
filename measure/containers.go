package measure

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/engine"
)

// runOptions are the options every container of a measurement starts with.
func (opt Options) runOptions(image, name string, port int) engine.RunOptions {
	return engine.RunOptions{Image: image, Name: name, Port: port, Env: opt.Env, EnvFiles: opt.EnvFiles,
		Network: opt.RunNetwork, AddHosts: opt.AddHosts}
}

// runner is what the containers' runs need of the engine.
type runner interface {
	Run(ctx context.Context, o engine.RunOptions) (*engine.Container, error)
	WaitHealthy(ctx context.Context, c *engine.Container, useDockerHealth bool, ready func(context.Context) bool, timeout time.Duration) (engine.Health, error)
	RemoveContainer(ctx context.Context, c *engine.Container) error
	MemoryBytes(ctx context.Context, c *engine.Container) (int64, error)
	Exec(ctx context.Context, c *engine.Container, args ...string) (engine.ExecResult, error)
	Diff(ctx context.Context, c *engine.Container) ([]engine.Change, error)
	Identity(ctx context.Context, c *engine.Container) (engine.Identity, error)
}

// sample is what one run of an image measured.
type sample struct {
	healthy, firstAnswer float64 // seconds from docker run
	memory               int64   // bytes
}

// runContainers runs each image Options.Runs times, alternating original and optimized
// (A B A B) as the builds do, so that a load spike does not land on one side only. Every run
// times the way to healthy and samples the memory after the probes; the first run of each
// image also keeps the probes' answers, the smoke commands' exit codes, the user and the
// extra checks. The figures are the medians, with min / median / max.
func (m *measurement) runContainers() error {
	if m.opt.NoRun {
		return nil
	}
	healthy, first, mem := make([][]float64, len(m.sides)), make([][]float64, len(m.sides)), make([][]float64, len(m.sides))
	for run := 1; run <= m.opt.Runs; run++ {
		for i, s := range m.sides {
			smp, err := m.runSide(s, run)
			if err != nil {
				return err
			}
			healthy[i], first[i] = append(healthy[i], smp.healthy), append(first[i], smp.firstAnswer)
			mem[i] = append(mem[i], float64(smp.memory))
		}
	}
	for i, s := range m.sides {
		h, f, b := SpreadOf("seconds", healthy[i]), SpreadOf("seconds", first[i]), SpreadOf("bytes", mem[i])
		s.img.Healthy, s.img.FirstAnswer, s.img.Memory = &h, &f, &b
		s.img.HealthySeconds, s.img.FirstAnswerSeconds, s.img.MemoryBytes = h.Median, f.Median, int64(b.Median)
	}
	return nil
}

// runSide is one run of one image: start it, wait until it is healthy, ask it the probes
// (on the first run also the smoke commands, the user and the extra checks), sample its
// memory.
func (m *measurement) runSide(s *side, run int) (sample, error) {
	var smp sample
	m.phase("running the %s image and waiting for it to become healthy (%d of %d)", s.name, run, m.opt.Runs)
	ro := m.opt.runOptions(s.tag, fmt.Sprintf("%s-%s-%d", m.repo, s.name, run), m.res.Port)
	if s.info.HasHealthcheck {
		ro.HealthInterval = m.opt.HealthInterval
	}
	c, err := m.run.Run(m.ctx, ro)
	if c != nil {
		defer m.run.RemoveContainer(context.WithoutCancel(m.ctx), c)
	}
	if err != nil {
		return smp, &StageError{"starting the " + s.name + " container", err}
	}
	rd := httpReadiness(c.HostPort, m.opt.Probes[0])
	h, err := m.run.WaitHealthy(m.ctx, c, s.info.HasHealthcheck, rd.ready, m.opt.HealthTimeout)
	if err != nil {
		return smp, &StageError{fmt.Sprintf("waiting for the %s container (image %s, from %s) to become healthy", s.name, s.tag, s.dockerfile), rd.explain(err)}
	}
	smp.healthy, smp.firstAnswer = h.Healthy.Seconds(), h.FirstAnswer.Seconds()
	if run == 1 {
		if s.info.HasHealthcheck {
			s.img.HealthMethod = fmt.Sprintf("Docker health status (the image's HEALTHCHECK, run every %s while measuring)", m.opt.HealthInterval)
		} else {
			s.img.HealthMethod = fmt.Sprintf("no HEALTHCHECK: GET %s answered on the published port", m.opt.Probes[0])
		}
		m.phase("probing the %s container and sampling its memory", s.name)
		if err := m.inspectRunning(s, c); err != nil {
			return smp, err
		}
	} else {
		m.probeAll(c)
	}
	smp.memory, err = m.sampleMemory(s, c, run)
	return smp, err
}

// probeAll asks a container every probe, for the memory sample that follows.
func (m *measurement) probeAll(c *engine.Container) []ProbeResult {
	var out []ProbeResult
	for _, p := range m.opt.Probes {
		out = append(out, probe(m.ctx, fmt.Sprintf("http://127.0.0.1:%d", c.HostPort), p))
	}
	return out
}

// answers asks a container every probe and gives each answer the container's own hostname,
// ID and IPs, which are masked before answers are compared. When docker inspect fails,
// they are the ID docker run printed and its first 12 digits (Docker's default hostname).
func (m *measurement) answers(c *engine.Container) []ProbeResult {
	out := m.probeAll(c)
	id, err := m.run.Identity(m.ctx, c)
	if err != nil {
		id = engine.Identity{ID: c.ID, Hostname: c.ID[:min(12, len(c.ID))]}
	}
	for i := range out {
		out[i].Container = &id
	}
	return out
}

// inspectRunning keeps what the first run of an image answers: the probes, the smoke
// commands' exit codes, the user (`id -u`, else the image's USER) and the extra checks.
func (m *measurement) inspectRunning(s *side, c *engine.Container) error {
	s.img.Probes = m.answers(c)
	for _, cmd := range m.opt.Smoke {
		r, err := m.run.Exec(m.ctx, c, cmd...)
		if err != nil {
			return &StageError{"running the smoke command in the " + s.name + " container", err}
		}
		s.img.Smoke = append(s.img.Smoke, SmokeResult{Command: strings.Join(cmd, " "), ExitCode: r.ExitCode, Output: clip(r.Output, 2000)})
	}
	s.img.UID = -1
	if r, err := m.run.Exec(m.ctx, c, "id", "-u"); err == nil && r.ExitCode == 0 {
		if uid, err := strconv.Atoi(strings.TrimSpace(r.Output)); err == nil {
			s.img.UID = uid
		}
	}
	if s.img.UID >= 0 {
		s.img.RunsAsRoot, s.img.UserMethod = s.img.UID == 0, fmt.Sprintf("`id -u` in the running container: %d", s.img.UID)
	} else {
		s.img.RunsAsRoot = dockerfile.RunsAsRoot(s.info.User)
		user := s.info.User
		if user == "" {
			user = "(none: root)"
		}
		s.img.UserMethod = "the image's USER " + user + " (no `id` in the container)"
	}
	if s == m.sides[1] {
		// what the service wrote outside its volumes and tmpfs: the hardening trial's
		// candidates for writable paths under --read-only
		s.written, s.diffErr = m.run.Diff(m.ctx, c)
		if m.ctx.Err() != nil {
			return m.ctx.Err()
		}
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", c.HostPort)
	for _, x := range m.opt.Extra {
		err := x.Run(m.ctx, base)
		m.res.extra = append(m.res.extra, extraResult{name: x.Name, side: s.name, err: err})
	}
	return nil
}

// sampleMemory samples the memory of a run after the probes. It is sampled in a container
// where no health probe runs: a HEALTHCHECK's probe (a python or node process every
// HealthInterval) is charged to the container's memory and would be counted as the
// service's. So an image with a HEALTHCHECK gets a second container with --no-healthcheck
// for it, asked the same probes first.
func (m *measurement) sampleMemory(s *side, c *engine.Container, run int) (int64, error) {
	mc := c
	if s.info.HasHealthcheck {
		_ = m.run.RemoveContainer(m.ctx, c)
		mo := m.opt.runOptions(s.tag, fmt.Sprintf("%s-%s-memory-%d", m.repo, s.name, run), m.res.Port)
		mo.NoHealthcheck = true
		var err error
		mc, err = m.run.Run(m.ctx, mo)
		if mc != nil {
			defer m.run.RemoveContainer(context.WithoutCancel(m.ctx), mc)
		}
		if err != nil {
			return 0, &StageError{"starting the " + s.name + " container for the memory sample", err}
		}
		mrd := httpReadiness(mc.HostPort, m.opt.Probes[0])
		if _, err := m.run.WaitHealthy(m.ctx, mc, false, mrd.ready, m.opt.HealthTimeout); err != nil {
			return 0, &StageError{"waiting for the " + s.name + " container run for the memory sample", mrd.explain(err)}
		}
		m.probeAll(mc)
	}
	mem, err := memory(m.ctx, m.run, mc)
	if err != nil {
		return 0, &StageError{"docker stats of the " + s.name + " container", err}
	}
	return mem, nil
}

// memorySampleGap is the time between two memory samples of one container.
var memorySampleGap = 500 * time.Millisecond

// memory is the least of three `docker stats` samples memorySampleGap apart.
func memory(ctx context.Context, eng runner, c *engine.Container) (int64, error) {
	var least int64
	for i := 0; i < 3; i++ {
		if i > 0 {
			select {
			case <-ctx.Done():
				return 0, ctx.Err()
			case <-time.After(memorySampleGap):
			}
		}
		mem, err := eng.MemoryBytes(ctx, c)
		if err != nil {
			return 0, err
		}
		if i == 0 || mem < least {
			least = mem
		}
	}
	return least, nil
}

// readiness is the readiness probe of an image without HEALTHCHECK: any HTTP answer below
// 500 to GET path. It keeps its last failing answer (status and a body excerpt, or the
// transport error), for the message when the container never becomes ready.
type readiness struct {
	url, path string
	last      string
}

func httpReadiness(hostPort int, path string) *readiness {
	return &readiness{url: fmt.Sprintf("http://127.0.0.1:%d%s", hostPort, path), path: path}
}

func (r *readiness) ready(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.url, nil)
	if err != nil {
		r.last = fmt.Sprintf("GET %s: %v", r.path, err)
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.last = fmt.Sprintf("GET %s: %v", r.path, err)
		return false
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if resp.StatusCode >= 500 {
		excerpt := strings.Join(strings.Fields(string(body)), " ")
		if excerpt == "" {
			excerpt = "(empty)"
		}
		r.last = fmt.Sprintf("GET %s: status %d, body: %s", r.path, resp.StatusCode, clip(excerpt, 300))
		return false
	}
	return true
}

// explain adds the probe's last failing answer to a *engine.HealthError.
func (r *readiness) explain(err error) error {
	var he *engine.HealthError
	if r.last != "" && errors.As(err, &he) {
		he.LastAnswer = r.last
	}
	return err
}

func probe(ctx context.Context, base, path string) ProbeResult {
	r := ProbeResult{Path: path}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		r.Error = err.Error()
	}
	r.Status, r.Body = resp.StatusCode, string(body)
	return r
}
