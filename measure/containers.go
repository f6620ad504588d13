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
}

func (m *measurement) runSide(s *side) error {
	ctx, eng, opt, res, repo, phase := m.ctx, m.run, m.opt, m.res, m.repo, m.phase
	phase("running the %s image and waiting for it to become healthy", s.name)
	ro := opt.runOptions(s.tag, repo+"-"+s.name, res.Port)
	if s.info.HasHealthcheck {
		ro.HealthInterval = opt.HealthInterval
	}
	c, err := eng.Run(ctx, ro)
	if err != nil {
		return &StageError{"starting the " + s.name + " container", err}
	}
	defer eng.RemoveContainer(context.WithoutCancel(ctx), c)
	rd := httpReadiness(c.HostPort, opt.Probes[0])
	h, err := eng.WaitHealthy(ctx, c, s.info.HasHealthcheck, rd.ready, opt.HealthTimeout)
	if err != nil {
		return &StageError{fmt.Sprintf("waiting for the %s container (image %s, from %s) to become healthy", s.name, s.tag, s.dockerfile), rd.explain(err)}
	}
	s.img.HealthySeconds, s.img.FirstAnswerSeconds = round(h.Healthy.Seconds(), 2), round(h.FirstAnswer.Seconds(), 2)
	if s.info.HasHealthcheck {
		s.img.HealthMethod = fmt.Sprintf("Docker health status (the image's HEALTHCHECK, run every %s while measuring)", opt.HealthInterval)
	} else {
		s.img.HealthMethod = fmt.Sprintf("no HEALTHCHECK: GET %s answered on the published port", opt.Probes[0])
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", c.HostPort)
	phase("probing the %s container and sampling its memory", s.name)
	for _, p := range opt.Probes {
		s.img.Probes = append(s.img.Probes, probe(ctx, base, p))
	}
	for _, cmd := range opt.Smoke {
		r, err := eng.Exec(ctx, c, cmd...)
		if err != nil {
			return &StageError{"running the smoke command in the " + s.name + " container", err}
		}
		s.img.Smoke = append(s.img.Smoke, SmokeResult{Command: strings.Join(cmd, " "), ExitCode: r.ExitCode, Output: clip(r.Output, 2000)})
	}
	s.img.UID = -1
	if r, err := eng.Exec(ctx, c, "id", "-u"); err == nil && r.ExitCode == 0 {
		if uid, err := strconv.Atoi(strings.TrimSpace(r.Output)); err == nil {
			s.img.UID = uid
		}
	}
	if s.img.UID >= 0 {
		s.img.RunsAsRoot, s.img.UserMethod = s.img.UID == 0, fmt.Sprintf("`id -u` in the running container: %d", s.img.UID)
	} else {
		s.img.RunsAsRoot = RunsAsRoot(s.info.User)
		user := s.info.User
		if user == "" {
			user = "(none: root)"
		}
		s.img.UserMethod = "the image's USER " + user + " (no `id` in the container)"
	}
	for _, x := range opt.Extra {
		err := x.Run(ctx, base)
		res.extra = append(res.extra, extraResult{name: x.Name, side: s.name, err: err})
	}
	// Memory is sampled in a container where no health probe runs: a HEALTHCHECK's probe (a
	// python or node process every HealthInterval) is charged to the container's memory and
	// would be counted as the service's. So an image with a HEALTHCHECK gets a second run with
	// --no-healthcheck for it; the same requests are made first in both cases.
	mc := c
	if s.info.HasHealthcheck {
		_ = eng.RemoveContainer(ctx, c)
		mo := opt.runOptions(s.tag, repo+"-"+s.name+"-memory", res.Port)
		mo.NoHealthcheck = true
		mc, err = eng.Run(ctx, mo)
		if err != nil {
			return &StageError{"starting the " + s.name + " container for the memory sample", err}
		}
		defer eng.RemoveContainer(context.WithoutCancel(ctx), mc)
		mrd := httpReadiness(mc.HostPort, opt.Probes[0])
		if _, err := eng.WaitHealthy(ctx, mc, false, mrd.ready, opt.HealthTimeout); err != nil {
			return &StageError{"waiting for the " + s.name + " container run for the memory sample", mrd.explain(err)}
		}
		for _, p := range opt.Probes {
			probe(ctx, fmt.Sprintf("http://127.0.0.1:%d", mc.HostPort), p)
		}
	}
	mem, err := memory(ctx, eng, mc)
	if err != nil {
		return &StageError{"docker stats of the " + s.name + " container", err}
	}
	s.img.MemoryBytes = mem
	return nil
}

// memory is the least of three `docker stats` samples half a second apart.
func memory(ctx context.Context, eng runner, c *engine.Container) (int64, error) {
	var least int64
	for i := 0; i < 3; i++ {
		if i > 0 {
			select {
			case <-ctx.Done():
				return 0, ctx.Err()
			case <-time.After(500 * time.Millisecond):
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
