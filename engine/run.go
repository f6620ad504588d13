package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/dockopt/dockopt/internal/bytesize"
)

// RunOptions is one container to start in the background.
type RunOptions struct {
	Image, Name string
	// Port is the container port published on 127.0.0.1 (a free host port is chosen); 0 for none.
	Port int
	// ReadOnly runs with a read-only root filesystem (--read-only); Tmpfs mounts tmpfs there.
	ReadOnly bool
	Tmpfs    []string
	// CapDrop are the Linux capabilities dropped (--cap-drop: "ALL" for every one), CapAdd
	// those added back after them (--cap-add: "CHOWN", without CAP_); SecurityOpt are
	// --security-opt values ("no-new-privileges").
	CapDrop, CapAdd, SecurityOpt []string
	// HealthInterval overrides the image HEALTHCHECK's interval (--health-interval), so that
	// a measurement does not wait 30s for the first probe; 0 keeps the image's.
	HealthInterval time.Duration
	// NoHealthcheck disables the image's HEALTHCHECK (--no-healthcheck).
	NoHealthcheck bool
	// Env are NAME=VALUE pairs (-e); EnvFiles files of them (--env-file), read by the CLI.
	Env, EnvFiles []string
	// Network is the network to run in (--network NAME: a user-defined network, "bridge",
	// "none"...; "" for the engine's default). AddHosts are HOST:IP entries (--add-host).
	Network  string
	AddHosts []string
	// NetworkAliases are the container's other names on Network (--network-alias), by which
	// the other containers there reach it.
	NetworkAliases []string
	// Entrypoint and Cmd replace the image's when not nil (an empty Entrypoint clears it).
	Entrypoint, Cmd []string
	// User (--user) and Workdir (--workdir) replace the image's when not "".
	User, Workdir string
	// Volumes are --volume specs (SRC:DST[:ro], or DST for an anonymous volume, which
	// RemoveContainer and Cleanup remove with the container).
	Volumes []string
	// HealthCmd replaces the image's HEALTHCHECK with a shell command (--health-cmd);
	// HealthTimeout, HealthRetries and HealthStartPeriod set its timing (0: the image's or
	// the engine's default).
	HealthCmd         string
	HealthTimeout     time.Duration
	HealthRetries     int
	HealthStartPeriod time.Duration
}

// runArgs are the docker arguments that start the container.
func runArgs(o RunOptions) []string {
	args := []string{"run", "-d", "--name", o.Name}
	if o.Port > 0 {
		args = append(args, "-p", fmt.Sprintf("127.0.0.1::%d", o.Port))
	}
	if o.ReadOnly {
		args = append(args, "--read-only")
	}
	for _, t := range o.Tmpfs {
		args = append(args, "--tmpfs", t)
	}
	for _, c := range o.CapDrop {
		args = append(args, "--cap-drop", c)
	}
	for _, c := range o.CapAdd {
		args = append(args, "--cap-add", c)
	}
	for _, so := range o.SecurityOpt {
		args = append(args, "--security-opt", so)
	}
	args = append(args, healthArgs(o)...)
	for _, f := range o.EnvFiles {
		args = append(args, "--env-file", f)
	}
	for _, kv := range o.Env {
		args = append(args, "-e", kv)
	}
	if o.Network != "" {
		args = append(args, "--network", o.Network)
	}
	for _, h := range o.AddHosts {
		args = append(args, "--add-host", h)
	}
	for _, a := range o.NetworkAliases {
		args = append(args, "--network-alias", a)
	}
	if o.User != "" {
		args = append(args, "--user", o.User)
	}
	if o.Workdir != "" {
		args = append(args, "--workdir", o.Workdir)
	}
	for _, v := range o.Volumes {
		args = append(args, "--volume", v)
	}
	// docker run's --entrypoint takes one word: the others go before the command, which
	// the entrypoint receives as its arguments.
	var rest []string
	if o.Entrypoint != nil {
		ep := ""
		if len(o.Entrypoint) > 0 {
			ep, rest = o.Entrypoint[0], o.Entrypoint[1:]
		}
		args = append(args, "--entrypoint", ep)
	}
	args = append(args, o.Image)
	return append(append(args, rest...), o.Cmd...)
}

// healthArgs are the docker run options of the container's health check.
func healthArgs(o RunOptions) []string {
	if o.NoHealthcheck {
		return []string{"--no-healthcheck"}
	}
	var args []string
	if o.HealthCmd != "" {
		args = append(args, "--health-cmd", o.HealthCmd)
	}
	if o.HealthInterval > 0 {
		args = append(args, "--health-interval", o.HealthInterval.String())
	}
	if o.HealthTimeout > 0 {
		args = append(args, "--health-timeout", o.HealthTimeout.String())
	}
	if o.HealthRetries > 0 {
		args = append(args, "--health-retries", strconv.Itoa(o.HealthRetries))
	}
	if o.HealthStartPeriod > 0 {
		args = append(args, "--health-start-period", o.HealthStartPeriod.String())
	}
	return args
}

// Container is a started container.
type Container struct {
	Name, ID string
	// HostPort is the 127.0.0.1 port that reaches RunOptions.Port (0 when none was published).
	HostPort int
	// Started is when `docker run` was called.
	Started time.Time
}

// Run starts a container (`docker run -d`) and tracks it for Cleanup.
func (e *Engine) Run(ctx context.Context, o RunOptions) (*Container, error) {
	args := runArgs(o)
	e.trackContainer(o.Name)
	c := &Container{Name: o.Name, Started: time.Now()}
	out, err := e.output(ctx, nil, args...)
	if err != nil {
		return nil, fmt.Errorf("starting a container of %s: %w", o.Image, err)
	}
	c.ID = strings.TrimSpace(string(out))
	if o.Port > 0 {
		out, err := e.output(ctx, nil, "port", o.Name, fmt.Sprintf("%d/tcp", o.Port))
		if err != nil {
			// A container that already exited has no port bindings: say that, with its
			// exit code and log, rather than docker port's "no public port".
			if st, serr := e.State(ctx, c); serr == nil && !st.Running {
				return c, &HealthError{Container: o.Name, Exited: true, ExitCode: st.ExitCode, Logs: e.Logs(ctx, c, healthLogLines)}
			}
			return c, err
		}
		p, err := ParsePortOutput(string(out))
		if err != nil {
			return c, fmt.Errorf("docker port %s: %v", o.Name, err)
		}
		c.HostPort = p
	}
	return c, nil
}

// ParsePortOutput reads the host port from `docker port NAME PORT/tcp` ("127.0.0.1:49153",
// one line per binding; the first IPv4 one is used).
func ParsePortOutput(s string) (int, error) {
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		host, port, err := net.SplitHostPort(strings.TrimSpace(line))
		if err != nil {
			continue
		}
		if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
			continue
		}
		if n, err := strconv.Atoi(port); err == nil && n > 0 {
			return n, nil
		}
	}
	return 0, fmt.Errorf("no IPv4 binding in %q", s)
}

// State is a container's `docker inspect` State.
type State struct {
	Status   string
	Running  bool
	ExitCode int
	Error    string
	Health   *struct {
		Status string
		Log    []struct {
			ExitCode int
			Output   string
		}
	}
}

// State inspects a container's state.
func (e *Engine) State(ctx context.Context, c *Container) (*State, error) {
	out, err := e.output(ctx, nil, "inspect", "--format", "{{json .State}}", c.Name)
	if err != nil {
		return nil, err
	}
	var s State
	if err := json.Unmarshal(out, &s); err != nil {
		return nil, fmt.Errorf("docker inspect %s: %v", c.Name, err)
	}
	return &s, nil
}

// Logs returns the last lines of a container's output (stdout and stderr).
func (e *Engine) Logs(ctx context.Context, c *Container, lines int) []string {
	cmd := e.command(ctx, nil, "logs", "--tail", strconv.Itoa(lines), c.Name)
	out, _ := cmd.CombinedOutput()
	s := strings.TrimRight(string(out), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// healthLogLines is how many of a failed container's last log lines an error shows.
const healthLogLines = 20

// HealthError is a container that did not become healthy: it exited, or the time ran out.
type HealthError struct {
	Container string
	// Exited is true when the container stopped; ExitCode is then its code.
	Exited   bool
	ExitCode int
	// Health is the last Docker health status ("unhealthy", "starting"), "" without HEALTHCHECK.
	Health string
	// LastProbe is the output of the last health probe; Logs the container's last lines.
	LastProbe string
	// LastAnswer is the caller's readiness probe's last answer ("GET /health: status 500,
	// body: ..."), set by the caller; "" when it had none.
	LastAnswer string
	Logs       []string
	Timeout    time.Duration
}

func (e *HealthError) Error() string {
	var b strings.Builder
	if e.Exited {
		fmt.Fprintf(&b, "container %s exited with code %d before it became healthy", e.Container, e.ExitCode)
	} else {
		fmt.Fprintf(&b, "container %s did not become healthy within %s", e.Container, e.Timeout)
		if e.Health != "" {
			fmt.Fprintf(&b, " (health: %s)", e.Health)
		}
	}
	if p := strings.TrimSpace(e.LastProbe); p != "" {
		fmt.Fprintf(&b, "\nlast health probe output: %s", tailString(p, 500))
	}
	if e.LastAnswer != "" {
		fmt.Fprintf(&b, "\nlast answer: %s", e.LastAnswer)
	}
	if len(e.Logs) > 0 {
		b.WriteString("\nlast lines of the container log:")
		for _, l := range e.Logs {
			b.WriteString("\n  | " + l)
		}
	}
	return b.String()
}

// Health is how long a container took to start serving.
type Health struct {
	// Healthy is the time from `docker run` to healthy: Docker's health status with a
	// HEALTHCHECK, else the first answer of ready.
	Healthy time.Duration
	// FirstAnswer is the time to ready's first success, measured the same way with or without
	// a HEALTHCHECK (0 when ready is nil).
	FirstAnswer time.Duration
}

// WaitHealthy waits until the container is healthy. With a HEALTHCHECK (useDockerHealth) that
// is Docker's health status; without one, ready's first success (e.g. the service port
// answering HTTP). ready is polled either way, for Health.FirstAnswer. It fails with a
// *HealthError when the container exits or timeout passes.
func (e *Engine) WaitHealthy(ctx context.Context, c *Container, useDockerHealth bool, ready func(context.Context) bool, timeout time.Duration) (Health, error) {
	var h Health
	deadline := time.Now().Add(timeout)
	poll := 100 * time.Millisecond
	var last *State
	for {
		if h.FirstAnswer == 0 && ready != nil && ready(ctx) {
			h.FirstAnswer = time.Since(c.Started)
		}
		st, err := e.State(ctx, c)
		if err != nil {
			return h, err
		}
		last = st
		if !st.Running {
			return h, &HealthError{Container: c.Name, Exited: true, ExitCode: st.ExitCode, Logs: e.Logs(ctx, c, healthLogLines)}
		}
		if useDockerHealth && st.Health != nil {
			if st.Health.Status == "healthy" {
				h.Healthy = time.Since(c.Started)
				if h.FirstAnswer == 0 && ready != nil && ready(ctx) {
					h.FirstAnswer = h.Healthy
				}
				return h, nil
			}
		} else if h.FirstAnswer > 0 {
			h.Healthy = h.FirstAnswer
			return h, nil
		}
		if time.Now().After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
			return h, ctx.Err()
		case <-time.After(poll):
		}
	}
	he := &HealthError{Container: c.Name, Timeout: timeout, Logs: e.Logs(ctx, c, healthLogLines)}
	if last != nil && last.Health != nil {
		he.Health = last.Health.Status
		if n := len(last.Health.Log); n > 0 {
			he.LastProbe = last.Health.Log[n-1].Output
		}
	}
	return h, he
}

// MemoryBytes reads the memory in use by a container (`docker stats --no-stream`, MemUsage).
func (e *Engine) MemoryBytes(ctx context.Context, c *Container) (int64, error) {
	out, err := e.output(ctx, nil, "stats", "--no-stream", "--format", "{{.MemUsage}}", c.Name)
	if err != nil {
		return 0, err
	}
	return ParseMemUsage(string(out))
}

// ParseMemUsage reads the used part of docker stats' MemUsage ("12.5MiB / 7.66GiB").
func ParseMemUsage(s string) (int64, error) {
	used, _, _ := strings.Cut(strings.TrimSpace(s), "/")
	return bytesize.Parse(used)
}

// ExecResult is a command run in a container.
type ExecResult struct {
	ExitCode int
	Output   string
}

// Exec runs a command in a running container (`docker exec`, no shell) and returns its exit
// code and combined output. Docker's own exit codes apply when the command cannot run (126,
// 127: not found, e.g. in a scratch image).
func (e *Engine) Exec(ctx context.Context, c *Container, args ...string) (ExecResult, error) {
	cmd := e.command(ctx, nil, append([]string{"exec", c.Name}, args...)...)
	out, err := cmd.CombinedOutput()
	r := ExecResult{Output: string(out)}
	if err != nil {
		if ctx.Err() != nil {
			return r, ctx.Err()
		}
		var xe interface{ ExitCode() int }
		if errors.As(err, &xe) {
			r.ExitCode = xe.ExitCode()
			return r, nil
		}
		return r, err
	}
	return r, nil
}
