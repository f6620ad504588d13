// Package engine drives a container engine through the Docker CLI: build (with BuildKit, through
// `docker buildx build` when buildx is installed, else `DOCKER_BUILDKIT=1 docker build`), run,
// wait for health, stats, exec, save and inspect, and it removes everything it created.
//
// It returns plain structs with units in the field names (SizeBytes, Seconds) and knows nothing
// about comparisons or layout: the measure package compares, the report package renders.
//
// Going through the CLI rather than the Engine API means a user's own setup is used as it is:
// their docker context, their buildx builders (remote or Kubernetes BuildKit included, with
// --builder NAME), their credentials and proxies.
package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ErrNoEngine is returned by New when no engine answers.
var ErrNoEngine = errors.New("no container engine answers")

// Options configures New.
type Options struct {
	// Docker is the CLI to run; "" tries each `docker` on PATH (see New).
	Docker string
	// Builder is a buildx builder name ("" for the current one). It needs buildx. A builder
	// with buildx's docker driver is a docker context's engine: the engine then runs every
	// command under that context (`docker --context NAME`), since buildx uses such a builder
	// only there and the image it builds is in that engine.
	Builder string
	// NoBuildx forces `DOCKER_BUILDKIT=1 docker build` even when buildx is installed.
	NoBuildx bool
}

// Engine runs docker commands and remembers what they created, so that Cleanup can remove it.
type Engine struct {
	docker  string
	buildx  bool
	builder string
	// dockerContext is set when the builder is a docker context's own builder (buildx's
	// docker driver): buildx builds with it only under that context, so every command (build,
	// run, inspect, save) goes to that context's engine, where the image is.
	dockerContext string

	mu         sync.Mutex
	containers []string
	images     []string
	dirs       []string
	networks   []string
	projects   []ComposeProject
}

// New checks that an engine answers (`docker version`) and how to build with BuildKit
// through the CLI: `docker buildx build` when the buildx plugin is installed, else
// `DOCKER_BUILDKIT=1 docker build`, which only CLIs before 23.0 can do on their own (later
// ones say "BuildKit is enabled but the buildx component is missing"). Without
// Options.Docker, every `docker` on PATH is tried in order and the first that answers and can
// build is used (a machine may have a new CLI without buildx in /usr/local/bin and the
// distribution's older one in /usr/bin). It returns an error wrapping ErrNoEngine, with the
// CLI's own words, when no engine answers.
func New(ctx context.Context, opt Options) (*Engine, error) {
	cands := []string{opt.Docker}
	if opt.Docker == "" {
		cands = dockerOnPath()
		if len(cands) == 0 {
			return nil, fmt.Errorf("%w: no docker CLI on PATH", ErrNoEngine)
		}
	}
	var answered []string
	var firstErr error
	for _, cli := range cands {
		e := &Engine{docker: cli, builder: opt.Builder}
		vctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		out, err := e.output(vctx, nil, "version", "--format", "{{.Client.Version}} {{.Server.Version}}")
		cancel()
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		clientVersion, _, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
		if !opt.NoBuildx {
			bctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			_, err := e.output(bctx, nil, "buildx", "version")
			cancel()
			e.buildx = err == nil
		}
		if !e.buildx && !legacyBuildKit(clientVersion) {
			answered = append(answered, fmt.Sprintf("%s (client %s)", cli, clientVersion))
			continue
		}
		if e.builder != "" && !e.buildx {
			return nil, fmt.Errorf("--builder %s needs docker buildx, which is not installed for %s (docker buildx version failed)", e.builder, cli)
		}
		if e.builder != "" {
			// An unknown or unreachable builder is said now, not after the first build.
			ictx, cancel := context.WithTimeout(ctx, time.Minute)
			out, err := e.output(ictx, nil, "buildx", "inspect", e.builder)
			cancel()
			if err != nil {
				return nil, fmt.Errorf("buildx builder %s: %w (docker buildx ls lists the builders)", e.builder, err)
			}
			if _, driver, _ := ParseBuildxInspect(string(out)); driver == "docker" {
				e.dockerContext = e.builder
			}
		}
		return e, nil
	}
	if len(answered) > 0 {
		return nil, fmt.Errorf("cannot build with BuildKit: %s has no buildx plugin, and docker CLIs from 23.0 on need it (install the buildx plugin, e.g. Debian's docker-buildx package, or name a CLI with --docker)", strings.Join(answered, ", "))
	}
	return nil, fmt.Errorf("%w: %v", ErrNoEngine, firstErr)
}

// dockerOnPath lists the distinct `docker` executables on PATH, in PATH order.
func dockerOnPath() []string {
	var out []string
	seen := map[string]bool{}
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, "docker")
		st, err := os.Stat(p)
		if err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
			continue
		}
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			real = p
		}
		if seen[real] {
			continue
		}
		seen[real] = true
		out = append(out, p)
	}
	return out
}

// legacyBuildKit reports whether a docker CLI of this version builds with BuildKit itself
// under DOCKER_BUILDKIT=1 (before 23.0; later ones hand builds to buildx).
func legacyBuildKit(clientVersion string) bool {
	major, err := strconv.Atoi(strings.SplitN(clientVersion, ".", 2)[0])
	return err == nil && major < 23
}

// Buildx reports whether builds go through `docker buildx build`.
func (e *Engine) Buildx() bool { return e.buildx }

// Info describes the engine and the builder, for the report.
type Info struct {
	// CLI is the docker executable used.
	CLI           string `json:"cli"`
	ClientVersion string `json:"client_version"`
	ServerVersion string `json:"server_version"`
	APIVersion    string `json:"api_version"`
	OS            string `json:"os"`
	Arch          string `json:"arch"`
	// BuildCommand is "docker buildx build" or "DOCKER_BUILDKIT=1 docker build".
	BuildCommand string `json:"build_command"`
	// Builder is the buildx builder's name, or "default (the engine's built-in BuildKit)".
	Builder string `json:"builder"`
	// BuilderDriver is buildx's driver (docker, docker-container, remote, kubernetes), "" without buildx.
	BuilderDriver string `json:"builder_driver,omitempty"`
	// BuildKitVersion is the builder's BuildKit version as buildx reports it ("" when unknown:
	// the engine's built-in BuildKit does not report one through the CLI).
	BuildKitVersion string `json:"buildkit_version,omitempty"`
	// SecurityOptions are the engine's security options as `docker info` lists them
	// ("name=seccomp,profile=default", "name=apparmor", "name=rootless"); nil when docker info
	// did not answer.
	SecurityOptions []string `json:"security_options,omitempty"`
}

// Seccomp is the seccomp profile the engine gives every container that does not name one:
// the profile of docker info's "name=seccomp" entry ("default" on Docker 20.10, "builtin"
// on later ones, a file the daemon was configured with, or "unconfined"); "" when the engine
// lists no seccomp (built or running without it).
func (in Info) Seccomp() string {
	for _, o := range in.SecurityOptions {
		kv := map[string]string{}
		for _, part := range strings.Split(o, ",") {
			k, v, _ := strings.Cut(part, "=")
			kv[k] = v
		}
		if kv["name"] == "seccomp" {
			if p := kv["profile"]; p != "" {
				return p
			}
			return "default"
		}
	}
	return ""
}

// Info asks the CLI for versions and security options (`docker version`, `docker info`,
// `docker buildx inspect`).
func (e *Engine) Info(ctx context.Context) (Info, error) {
	var in Info
	out, err := e.output(ctx, nil, "version", "--format", "{{json .}}")
	if err != nil {
		return in, err
	}
	var v struct {
		Client struct{ Version string }
		Server struct {
			Version, APIVersion string
			Os, Arch            string
		}
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return in, fmt.Errorf("docker version: %v", err)
	}
	in.CLI = e.docker
	in.ClientVersion, in.ServerVersion, in.APIVersion = v.Client.Version, v.Server.Version, v.Server.APIVersion
	in.OS, in.Arch = v.Server.Os, v.Server.Arch
	if out, err := e.output(ctx, nil, "info", "--format", "{{json .SecurityOptions}}"); err == nil {
		_ = json.Unmarshal(out, &in.SecurityOptions)
	}
	if !e.buildx {
		in.BuildCommand = "DOCKER_BUILDKIT=1 docker build"
		in.Builder = "default (the engine's built-in BuildKit)"
		return in, nil
	}
	in.BuildCommand = "docker buildx build"
	args := []string{"buildx", "inspect"}
	if e.builder != "" {
		args = append(args, e.builder)
	}
	out, err = e.output(ctx, nil, args...)
	if err != nil {
		return in, err
	}
	in.Builder, in.BuilderDriver, in.BuildKitVersion = ParseBuildxInspect(string(out))
	return in, nil
}

// ParseBuildxInspect reads the builder name, driver and BuildKit version from the text of
// `docker buildx inspect` ("Name:", "Driver:", "Buildkit:" / "BuildKit version:" lines; the
// first of each, which is the builder's and its first node's).
func ParseBuildxInspect(text string) (name, driver, buildkit string) {
	for _, line := range strings.Split(text, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		switch {
		case k == "name" && name == "":
			name = v
		case k == "driver" && driver == "":
			driver = v
		case (k == "buildkit" || k == "buildkit version") && buildkit == "":
			buildkit = v
		}
	}
	return
}

// TempDir makes a temporary directory that Cleanup removes.
func (e *Engine) TempDir(pattern string) (string, error) {
	d, err := os.MkdirTemp("", pattern)
	if err != nil {
		return "", err
	}
	e.mu.Lock()
	e.dirs = append(e.dirs, d)
	e.mu.Unlock()
	return d, nil
}

func (e *Engine) trackImage(ref string) {
	e.mu.Lock()
	e.images = append(e.images, ref)
	e.mu.Unlock()
}

func (e *Engine) trackContainer(name string) {
	e.mu.Lock()
	e.containers = append(e.containers, name)
	e.mu.Unlock()
}

// Cleanup removes every container, compose project, network, image tag and temporary
// directory this Engine created, in that order (a network or an image in use by a container
// cannot be removed). Images are removed by the
// unique tags Build gave them, never by ID, so an image that is also tagged otherwise (a
// Dockerfile that is only `FROM base`) keeps its other tags. It uses its own time limit, not
// the caller's context, so that it still works after Ctrl-C. Calling it twice is harmless.
func (e *Engine) Cleanup() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	e.mu.Lock()
	containers, images, dirs, networks, projects := e.containers, e.images, e.dirs, e.networks, e.projects
	e.containers, e.images, e.dirs, e.networks, e.projects = nil, nil, nil, nil, nil
	e.mu.Unlock()
	var errs []error
	if len(containers) > 0 {
		if _, err := e.output(ctx, nil, append([]string{"rm", "-f", "-v"}, containers...)...); err != nil && !isNotFound(err) {
			errs = append(errs, err)
		}
	}
	for _, p := range projects {
		if err := e.ComposeDown(ctx, p); err != nil {
			errs = append(errs, err)
		}
	}
	for _, n := range networks {
		if err := e.RemoveNetwork(ctx, n); err != nil {
			errs = append(errs, err)
		}
	}
	for _, ref := range images {
		if _, err := e.output(ctx, nil, "image", "rm", ref); err != nil && !isNotFound(err) {
			errs = append(errs, err)
		}
	}
	for _, d := range dirs {
		if err := os.RemoveAll(d); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// RemoveImage removes an image tag this Engine built now, rather than at Cleanup.
func (e *Engine) RemoveImage(ctx context.Context, ref string) error {
	if _, err := e.output(ctx, nil, "image", "rm", ref); err != nil && !isNotFound(err) {
		return err
	}
	return nil
}

// RemoveContainer removes a container now, rather than at Cleanup.
func (e *Engine) RemoveContainer(ctx context.Context, c *Container) error {
	if _, err := e.output(ctx, nil, "rm", "-f", "-v", c.Name); err != nil && !isNotFound(err) {
		return err
	}
	return nil
}

func isNotFound(err error) bool {
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "no such") || strings.Contains(s, "not found")
}

// command prepares a docker command. On context cancellation the CLI gets SIGINT (so that a
// build's session is closed cleanly), and SIGKILL ten seconds later.
func (e *Engine) command(ctx context.Context, env []string, args ...string) *exec.Cmd {
	if e.dockerContext != "" {
		args = append([]string{"--context", e.dockerContext}, args...)
	}
	cmd := exec.CommandContext(ctx, e.docker, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGINT) }
	cmd.WaitDelay = 10 * time.Second
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	return cmd
}

// CommandError is a docker command that failed: its arguments (first few), exit code and the
// end of its stderr.
type CommandError struct {
	Args     []string
	ExitCode int
	Stderr   string
	Err      error
}

func (e *CommandError) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if msg == "" {
		msg = e.Err.Error()
	}
	return fmt.Sprintf("docker %s: %s", strings.Join(e.Args, " "), msg)
}

func (e *CommandError) Unwrap() error { return e.Err }

// output runs a docker command and returns its stdout; a failure is a *CommandError.
func (e *Engine) output(ctx context.Context, env []string, args ...string) ([]byte, error) {
	cmd := e.command(ctx, env, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		ce := &CommandError{Args: shortArgs(args), ExitCode: -1, Stderr: tailString(stderr.String(), 2000), Err: err}
		var xe *exec.ExitError
		if errors.As(err, &xe) {
			ce.ExitCode = xe.ExitCode()
		}
		return stdout.Bytes(), ce
	}
	return stdout.Bytes(), nil
}

// shortArgs keeps a command's first words for messages, and drops --build-arg values (they
// may name private registries or hold tokens).
func shortArgs(args []string) []string {
	var out []string
	for i := 0; i < len(args) && len(out) < 6; i++ {
		if args[i] == "--build-arg" {
			i++
			continue
		}
		out = append(out, args[i])
	}
	return out
}

func tailString(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
