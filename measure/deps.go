package measure

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/dockopt/dockopt/compose"
	"github.com/dockopt/dockopt/engine"
)

// Deps are the services the measured one needs started first (--with-deps): its depends_on
// services in the compose file, and theirs, in dependency order.
type Deps struct {
	// ComposeFile is the compose file; Service the measured service.
	ComposeFile, Service string
	Services             []compose.Dependency
	// Compose is the docker compose plugin's version: the dependencies are started through
	// `docker compose up --wait`. "" creates their containers from Services with docker run.
	Compose string
}

// Dependency is a dependency as it was started, for the report.
type Dependency struct {
	Name  string `json:"name"`
	Image string `json:"image,omitempty"`
	// Started says how: through docker compose, or docker run from the compose model.
	Started string `json:"started"`
	// Ready says what was waited for ("healthy: its compose healthcheck", "running"...) and
	// ReadySeconds how long it took from the start.
	Ready        string  `json:"ready"`
	ReadySeconds float64 `json:"ready_seconds"`
	// StandIn is true for a local stand-in image (label org.dockopt.standin=true), StandInFor
	// the image it stands in for.
	StandIn    bool   `json:"stand_in,omitempty"`
	StandInFor string `json:"stand_in_for,omitempty"`
}

// depsEngine is what starting the dependencies needs of the engine.
type depsEngine interface {
	runner
	CreateNetwork(ctx context.Context, name string) error
	RemoveNetwork(ctx context.Context, name string) error
	ConnectNetwork(ctx context.Context, network, container string, aliases []string) error
	ComposeUp(ctx context.Context, p engine.ComposeProject, services []string) error
	ComposeDown(ctx context.Context, p engine.ComposeProject) error
	ComposeContainers(ctx context.Context, p engine.ComposeProject, service string) ([]string, error)
	State(ctx context.Context, c *engine.Container) (*engine.State, error)
	Logs(ctx context.Context, c *engine.Container, lines int) []string
	inspector
}

// running dependencies: what stopDeps removes.
type runningDeps struct {
	network    string
	project    *engine.ComposeProject
	containers []*engine.Container
}

// startDeps starts the dependencies on a private network that both images' containers then
// run in (every run, the hardening trial included), where each dependency answers to its
// service name: through docker compose when the plugin is there (its containers are then
// connected to the network under their service names), else with docker run from the compose
// model. It waits for each to become healthy (or running, or to exit 0, as its depends_on
// condition and health check say).
func (m *measurement) startDeps() error {
	d := m.opt.Deps
	if d == nil || m.opt.NoRun {
		return nil
	}
	if len(d.Services) == 0 {
		m.res.Notes = append(m.res.Notes, fmt.Sprintf("--with-deps: compose service %q has no depends_on: no dependency was started", d.Service))
		return nil
	}
	net := m.repo + "-deps"
	m.phase("creating the network %s for the dependencies", net)
	if err := m.deps.CreateNetwork(m.ctx, net); err != nil {
		return &StageError{"starting the dependencies", err}
	}
	m.running = &runningDeps{network: net}
	m.opt.RunNetwork = net
	m.res.DepsNetwork = net
	var err error
	if d.Compose != "" {
		err = m.composeDeps(d, net)
	} else {
		for _, dep := range d.Services {
			if err = m.runDep(dep, net); err != nil {
				break
			}
		}
	}
	for _, r := range m.res.Dependencies {
		note := fmt.Sprintf("dependency %q (image %s) started %s on the private network %s, where both containers reach it as %q; %s in %.1fs", r.Name, r.Image, r.Started, net, r.Name, r.Ready, r.ReadySeconds)
		if r.StandIn {
			note += fmt.Sprintf("; %s is a local stand-in for %s, not the published image", r.Image, r.StandInFor)
		}
		m.res.Notes = append(m.res.Notes, note)
	}
	return err
}

// composeDeps starts the dependencies through `docker compose up --wait` and connects their
// containers to the network.
func (m *measurement) composeDeps(d *Deps, net string) error {
	p := engine.ComposeProject{Name: m.repo, File: d.ComposeFile}
	m.running.project = &p
	var names []string
	for _, dep := range d.Services {
		names = append(names, dep.Name)
	}
	m.phase("starting the dependencies %s through docker compose %s (up --wait)", strings.Join(names, ", "), d.Compose)
	start := time.Now()
	if err := m.deps.ComposeUp(m.ctx, p, names); err != nil {
		return &StageError{fmt.Sprintf("starting the dependencies %s of compose service %q (docker compose up --wait)", strings.Join(names, ", "), d.Service), err}
	}
	secs := time.Since(start).Seconds()
	for _, dep := range d.Services {
		ids, err := m.deps.ComposeContainers(m.ctx, p, dep.Name)
		if err == nil && len(ids) == 0 {
			err = fmt.Errorf("docker compose ps lists no container")
		}
		for _, id := range ids {
			if err == nil {
				err = m.deps.ConnectNetwork(m.ctx, net, id, []string{dep.Name})
			}
		}
		if err != nil {
			return &StageError{fmt.Sprintf("connecting dependency %q to the network %s", dep.Name, net), err}
		}
		r := Dependency{Name: dep.Name, Image: dep.Image, Started: "through `docker compose up --wait` (compose " + d.Compose + ")",
			Ready: "running, or healthy where it has a health check (compose --wait)", ReadySeconds: round(secs, 1)}
		m.standIn(&r)
		m.res.Dependencies = append(m.res.Dependencies, r)
	}
	return nil
}

// runDep creates one dependency's container from the compose model and waits for it.
func (m *measurement) runDep(dep compose.Dependency, net string) error {
	where := fmt.Sprintf("compose service %q, %s:%d", dep.Name, filepath.Base(dep.File), dep.Line)
	if dep.Image == "" {
		return &StageError{"starting dependency " + dep.Name, fmt.Errorf("%s has no image: (only build:), and without the docker compose plugin measure starts images only", where)}
	}
	ro := depRunOptions(dep, m.repo+"-dep-"+dep.Name, net)
	hasHealth := ro.HealthCmd != ""
	if !hasHealth && !ro.NoHealthcheck {
		if im, err := m.deps.InspectImage(m.ctx, dep.Image); err == nil && im.HasHealthcheck {
			hasHealth, ro.HealthInterval = true, time.Second
		}
	}
	m.phase("starting dependency %s (image %s, %s)", dep.Name, dep.Image, where)
	c, err := m.deps.Run(m.ctx, ro)
	if c != nil {
		m.running.containers = append(m.running.containers, c)
	}
	if err != nil {
		return &StageError{fmt.Sprintf("starting dependency %q (image %s, %s)", dep.Name, dep.Image, where), err}
	}
	r := Dependency{Name: dep.Name, Image: dep.Image, Started: "with `docker run` from the compose model (no docker compose plugin)"}
	switch {
	case dep.Condition == "service_completed_successfully":
		r.Ready = "exited with code 0 (depends_on condition service_completed_successfully)"
		err = m.waitExited(c)
	case hasHealth:
		r.Ready = "healthy (its image's HEALTHCHECK, run every 1s)"
		if ro.HealthCmd != "" {
			r.Ready = "healthy (its compose healthcheck, run every 1s)"
		}
		_, err = m.deps.WaitHealthy(m.ctx, c, true, nil, m.opt.HealthTimeout)
	default:
		r.Ready = "running (it has no health check)"
		err = m.waitRunning(c)
	}
	if err != nil {
		return &StageError{fmt.Sprintf("waiting for dependency %q (image %s, %s): it did not become %s", dep.Name, dep.Image, where, strings.SplitN(r.Ready, " (", 2)[0]), err}
	}
	r.ReadySeconds = round(time.Since(c.Started).Seconds(), 1)
	m.standIn(&r)
	m.res.Dependencies = append(m.res.Dependencies, r)
	return nil
}

// depRunOptions is how compose would create a dependency's container, on the network under
// its service name. Bind mounts are read-only (measure does not write into your files),
// named volumes are fresh anonymous ones (removed with the container), and a compose health
// check is run every second, so that the wait is not its interval.
func depRunOptions(dep compose.Dependency, name, net string) engine.RunOptions {
	ro := engine.RunOptions{Image: dep.Image, Name: name, Network: net, NetworkAliases: []string{dep.Name},
		Env: dep.Environment, EnvFiles: dep.EnvFiles, Entrypoint: dep.Entrypoint, Cmd: dep.Command,
		User: dep.User, Workdir: dep.WorkingDir, Tmpfs: dep.Tmpfs}
	for _, v := range dep.Volumes {
		switch v.Type {
		case "bind":
			ro.Volumes = append(ro.Volumes, v.Source+":"+v.Target+":ro")
		case "tmpfs":
			ro.Tmpfs = append(ro.Tmpfs, v.Target)
		default:
			ro.Volumes = append(ro.Volumes, v.Target)
		}
	}
	if hc := dep.Healthcheck; hc != nil {
		switch {
		case hc.Disable:
			ro.NoHealthcheck = true
		case len(hc.Test) > 1 && hc.Test[0] == "CMD-SHELL":
			ro.HealthCmd = strings.Join(hc.Test[1:], " ")
		case len(hc.Test) > 1 && hc.Test[0] == "CMD":
			// docker run takes a shell command: the words quoted for sh
			ro.HealthCmd = shellJoin(hc.Test[1:])
		}
		if ro.HealthCmd != "" {
			ro.HealthInterval, ro.HealthTimeout, ro.HealthRetries, ro.HealthStartPeriod = time.Second, hc.Timeout, hc.Retries, hc.StartPeriod
		}
	}
	return ro
}

// shellJoin quotes words for sh.
func shellJoin(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		if w != "" && strings.Trim(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,@%+") == "" {
			out[i] = w
		} else {
			out[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
		}
	}
	return strings.Join(out, " ")
}

// waitRunning checks that a dependency without health check is still running a moment after
// its start (one that exits at once is said, with its log).
func (m *measurement) waitRunning(c *engine.Container) error {
	select {
	case <-m.ctx.Done():
		return m.ctx.Err()
	case <-time.After(depSettle):
	}
	st, err := m.deps.State(m.ctx, c)
	if err != nil {
		return err
	}
	if !st.Running {
		return &engine.HealthError{Container: c.Name, Exited: true, ExitCode: st.ExitCode, Logs: m.deps.Logs(m.ctx, c, 20)}
	}
	return nil
}

// depSettle is how long a dependency without health check must keep running.
var depSettle = time.Second

// waitExited waits until a dependency exits with code 0 (condition
// service_completed_successfully), within the health timeout.
func (m *measurement) waitExited(c *engine.Container) error {
	deadline := time.Now().Add(m.opt.HealthTimeout)
	for {
		st, err := m.deps.State(m.ctx, c)
		if err != nil {
			return err
		}
		if !st.Running {
			if st.ExitCode != 0 {
				return &engine.HealthError{Container: c.Name, Exited: true, ExitCode: st.ExitCode, Logs: m.deps.Logs(m.ctx, c, 20)}
			}
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("container %s still running after %s", c.Name, m.opt.HealthTimeout)
		}
		select {
		case <-m.ctx.Done():
			return m.ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// standIn marks a dependency whose image is a local stand-in.
func (m *measurement) standIn(r *Dependency) {
	if r.Image == "" {
		return
	}
	if im, err := m.deps.InspectImage(m.ctx, r.Image); err == nil && im.Labels["org.dockopt.standin"] == "true" {
		r.StandIn, r.StandInFor = true, im.Labels["org.dockopt.standin.for"]
	}
}

// stopDeps removes the dependencies once both images have run (the engine's Cleanup removes
// them too, after a failure or Ctrl-C): their containers, the compose project, the network.
func (m *measurement) stopDeps() error {
	r := m.running
	if r == nil {
		return nil
	}
	m.running = nil
	m.phase("removing the dependencies and their network")
	ctx := context.WithoutCancel(m.ctx)
	for _, c := range r.containers {
		if err := m.deps.RemoveContainer(ctx, c); err != nil {
			return &StageError{"removing the dependencies", err}
		}
	}
	if r.project != nil {
		if err := m.deps.ComposeDown(ctx, *r.project); err != nil {
			return &StageError{"removing the dependencies (docker compose down)", err}
		}
	}
	if err := m.deps.RemoveNetwork(ctx, r.network); err != nil {
		return &StageError{"removing the dependencies' network", err}
	}
	return nil
}
