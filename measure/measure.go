// Package measure builds an original and an optimized Dockerfile on a real engine, runs both
// containers, probes them and compares: sizes, layers, build times, the build context, time
// to healthy, memory, the same answers to the same requests, the user, a read-only root
// filesystem. Every figure comes from the engine (package engine); nothing is estimated.
// Results are plain structs with units in the names; package report renders them.
package measure

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/engine"
)

// Options is one measurement.
type Options struct {
	// ContextDir is the build context both Dockerfiles are built from. It is never modified:
	// each build gets a copy.
	ContextDir string
	// Original and Optimized are the Dockerfiles (any paths).
	Original, Optimized string
	// OriginalIgnore and OptimizedIgnore are the .dockerignore files each build uses ("" for
	// none). The optimized one is normally the generated .dockerignore.
	OriginalIgnore, OptimizedIgnore string
	// LeaveOut are files of ContextDir (slash-separated, relative) that neither build's copy
	// gets: dockopt's own outputs written there (app.OutputNames), which were not part of the
	// context the original was built from (and would make the figures drift between runs).
	LeaveOut []string
	// BuildArgs (NAME=VALUE), Platform and Network pass through to both builds.
	BuildArgs         []string
	Platform, Network string
	// Port is the service's container port; 0 takes the optimized image's (else the
	// original's) lowest EXPOSEd TCP port.
	Port int
	// Probes are the HTTP paths requested on both containers and compared (default /health).
	// The first one is also the readiness probe of an image without HEALTHCHECK.
	Probes []string
	// Smoke are commands run in both containers (`docker exec`, no shell); exit codes compared.
	Smoke [][]string
	// Env are NAME=VALUE pairs for both containers.
	Env []string
	// HealthTimeout bounds the wait for each container to become healthy (default 2 minutes).
	HealthTimeout time.Duration
	// HealthInterval replaces the HEALTHCHECK interval while measuring (default 1s), so the
	// time to healthy is not the image's 30s interval.
	HealthInterval time.Duration
	// Touch is the context file changed for the rebuild figure ("" chooses one; see
	// ChooseTouchFile). NoRebuild skips that figure.
	Touch     string
	NoRebuild bool
	// Extra are more checks run against both running containers (the end-to-end test's
	// WebSocket echo, for one).
	Extra []ExtraCheck
	// Phase and Step report progress: each phase as it starts, and each build step BuildKit
	// starts. Either may be nil.
	Phase func(text string)
	Step  func(text string)
}

// ExtraCheck is a caller's check of a running container, given its base URL
// ("http://127.0.0.1:PORT").
type ExtraCheck struct {
	Name string
	Run  func(ctx context.Context, baseURL string) error
}

// Image is everything measured about one side.
type Image struct {
	// Dockerfile is the path given; ImageID the cold build's image.
	Dockerfile string `json:"dockerfile"`
	ImageID    string `json:"image_id"`
	// SizeBytes is `docker image inspect`'s Size; CompressedSizeBytes and SavedSizeBytes come
	// from `docker save`, read by imagescan as dockopt inspect reads it (see readSaved).
	SizeBytes           int64 `json:"size_bytes"`
	CompressedSizeBytes int64 `json:"compressed_size_bytes"`
	SavedSizeBytes      int64 `json:"saved_size_bytes"`
	LayerCount          int   `json:"layer_count"`
	// ColdBuildSeconds: a fresh tag and --no-cache. RebuildSeconds: the build after a
	// code-only change with the cache warm (0 when not measured).
	ColdBuildSeconds float64 `json:"cold_build_seconds"`
	RebuildSeconds   float64 `json:"rebuild_seconds"`
	// ContextFiles and ContextBytes count what the build context holds after .dockerignore;
	// ContextSentBytes is what BuildKit reported transferring (-1 when it did not say).
	ContextFiles     int   `json:"context_files"`
	ContextBytes     int64 `json:"context_bytes"`
	ContextSentBytes int64 `json:"context_sent_bytes"`
	// HealthySeconds runs from `docker run` to healthy; HealthMethod says how that was seen.
	HealthySeconds float64 `json:"healthy_seconds"`
	HealthMethod   string  `json:"health_method"`
	// FirstAnswerSeconds runs from `docker run` to the first answer below 500 to GET of the
	// first probe path, measured the same way for both images.
	FirstAnswerSeconds float64 `json:"first_answer_seconds"`
	MemoryBytes        int64   `json:"memory_bytes"`
	// User is the image's USER; UID what `id -u` said in the container (-1 when it could not
	// run there, e.g. no `id` in a scratch image); RunsAsRoot the conclusion, UserMethod how.
	User       string `json:"user"`
	UID        int    `json:"uid"`
	RunsAsRoot bool   `json:"runs_as_root"`
	UserMethod string `json:"user_method"`
	// Probes and Smoke are the answers of this container.
	Probes []ProbeResult `json:"probes"`
	Smoke  []SmokeResult `json:"smoke,omitempty"`
	// ReadOnlyHealthy is whether a second container, with --read-only and a tmpfs on /tmp,
	// became healthy (measured for the optimized image only; nil otherwise).
	ReadOnlyHealthy *bool   `json:"read_only_healthy,omitempty"`
	ReadOnlyDetail  string  `json:"read_only_detail,omitempty"`
	HasHealthcheck  bool    `json:"has_healthcheck"`
	Layers          []Layer `json:"layers"`
	// Bases are the base images of its stages.
	Bases []string `json:"bases"`
}

// ProbeResult is one HTTP answer.
type ProbeResult struct {
	Path   string `json:"path"`
	Status int    `json:"status"`
	// Body is the answer as received (at most 64 KiB kept), Error a transport failure.
	Body  string `json:"body"`
	Error string `json:"error,omitempty"`
}

// SmokeResult is one smoke command's outcome.
type SmokeResult struct {
	Command  string `json:"command"`
	ExitCode int    `json:"exit_code"`
	Output   string `json:"output"`
}

// Base is a base image used by either Dockerfile.
type Base struct {
	Ref string `json:"ref"`
	// ID is the local image ID; Digest the first repository digest ("" for an image that was
	// never pulled or pushed, such as a local stand-in).
	ID     string `json:"id"`
	Digest string `json:"digest,omitempty"`
	// StandIn is true for a local stand-in (label org.dockopt.standin=true), StandInFor the
	// image it stands in for and StandInNote its label's description.
	StandIn     bool   `json:"stand_in"`
	StandInFor  string `json:"stand_in_for,omitempty"`
	StandInNote string `json:"stand_in_note,omitempty"`
	// UsedBy is "original", "optimized" or both.
	UsedBy []string `json:"used_by"`
	// Missing says why it could not be inspected ("" when it was).
	Missing string `json:"missing,omitempty"`
}

// Check is a verdict.
type Check struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail,omitempty"`
	// Required checks make `dockopt measure` fail; the others are reported yes/no.
	Required bool `json:"required"`
}

// Result is a whole measurement.
type Result struct {
	Date      time.Time   `json:"date"`
	Engine    engine.Info `json:"engine"`
	Original  Image       `json:"original"`
	Optimized Image       `json:"optimized"`
	Figures   []Figure    `json:"figures"`
	Checks    []Check     `json:"checks"`
	Bases     []Base      `json:"base_images"`
	// Port is the container port probed; TouchedFile the file changed for the rebuild figure.
	Port        int    `json:"port"`
	TouchedFile string `json:"touched_file,omitempty"`
	// HealthIntervalSeconds is the HEALTHCHECK interval used while measuring.
	HealthIntervalSeconds float64 `json:"health_interval_seconds"`
	// BuildArgNames are the --build-arg names passed (values are not recorded).
	BuildArgNames []string `json:"build_arg_names,omitempty"`
	Platform      string   `json:"platform,omitempty"`
	Network       string   `json:"network,omitempty"`
	Notes         []string `json:"notes,omitempty"`

	extra []extraResult
}

type extraResult struct {
	name, side string
	err        error
}

// Failed returns the required checks that failed.
func (r *Result) Failed() []Check {
	var out []Check
	for _, c := range r.Checks {
		if c.Required && !c.OK {
			out = append(out, c)
		}
	}
	return out
}

// Figure returns the figure with this key, or nil.
func (r *Result) Figure(key string) *Figure {
	for i := range r.Figures {
		if r.Figures[i].Key == key {
			return &r.Figures[i]
		}
	}
	return nil
}

// StageError is a measurement that stopped: which stage, which image, and why.
type StageError struct {
	Stage string
	Err   error
}

func (e *StageError) Error() string { return e.Stage + ": " + e.Err.Error() }
func (e *StageError) Unwrap() error { return e.Err }

// side is one of the two images while it is being measured.
type side struct {
	name       string // "original" or "optimized"
	dockerfile string
	ignore     string
	dir        string // temp dir: Dockerfile and context/
	ctxDir     string
	tag        string
	img        *Image
	info       *engine.Image
	file       *dockerfile.File
}

func runSide(ctx context.Context, eng *engine.Engine, opt Options, res *Result, s *side, repo string, phase func(string, ...any)) error {
	phase("running the %s image and waiting for it to become healthy", s.name)
	ro := engine.RunOptions{Image: s.tag, Name: repo + "-" + s.name, Port: res.Port, Env: opt.Env}
	if s.info.HasHealthcheck {
		ro.HealthInterval = opt.HealthInterval
	}
	c, err := eng.Run(ctx, ro)
	if err != nil {
		return &StageError{"starting the " + s.name + " container", err}
	}
	defer eng.RemoveContainer(context.WithoutCancel(ctx), c)
	h, err := eng.WaitHealthy(ctx, c, s.info.HasHealthcheck, httpReady(c.HostPort, opt.Probes[0]), opt.HealthTimeout)
	if err != nil {
		return &StageError{fmt.Sprintf("waiting for the %s container (image %s, from %s) to become healthy", s.name, s.tag, s.dockerfile), err}
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
		mc, err = eng.Run(ctx, engine.RunOptions{Image: s.tag, Name: repo + "-" + s.name + "-memory", Port: res.Port, Env: opt.Env, NoHealthcheck: true})
		if err != nil {
			return &StageError{"starting the " + s.name + " container for the memory sample", err}
		}
		defer eng.RemoveContainer(context.WithoutCancel(ctx), mc)
		if _, err := eng.WaitHealthy(ctx, mc, false, httpReady(mc.HostPort, opt.Probes[0]), opt.HealthTimeout); err != nil {
			return &StageError{"waiting for the " + s.name + " container run for the memory sample", err}
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
func memory(ctx context.Context, eng *engine.Engine, c *engine.Container) (int64, error) {
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

// RebuildRuns is how many code-only rebuilds are timed; the least is reported.
const RebuildRuns = 3

// rebuild measures the code-only rebuild of one side: a build with the cache warm, then
// RebuildRuns times a comment line appended to touch and the build again, timed; the least
// time is kept. It returns a note when the change did not
// reach the image (same image ID: the Dockerfile does not copy that file), which makes the
// figure meaningless for that side.
func rebuild(ctx context.Context, eng *engine.Engine, opt Options, s *side, touch string, phase func(string, ...any)) (string, error) {
	df := filepath.Join(s.dir, "Dockerfile")
	build := func(tag string) (*engine.BuildResult, error) {
		b, err := eng.Build(ctx, engine.BuildOptions{ContextDir: s.ctxDir, Dockerfile: df, DisplayName: s.dockerfile, Tag: tag,
			BuildArgs: opt.BuildArgs, Platform: opt.Platform, Network: opt.Network, Step: opt.Step})
		if err == nil {
			_ = eng.RemoveImage(ctx, tag)
		}
		return b, err
	}
	phase("rebuilding the %s image with the cache warm", s.name)
	warm, err := build(s.tag + "-warm")
	if err != nil {
		return "", &StageError{"warm build of the " + s.name + " image", err}
	}
	// RebuildRuns code-only changes, each a new edit of the file; the least time is kept,
	// since other load on the machine only ever adds time
	var b *engine.BuildResult
	for i := range RebuildRuns {
		if err := touchFile(s.ctxDir, touch, time.Now()); err != nil {
			return "", &StageError{"changing " + touch + " for the rebuild", err}
		}
		phase("rebuilding the %s image after a code-only change to %s (%d of %d)", s.name, touch, i+1, RebuildRuns)
		r, err := build(s.tag + "-touched")
		if err != nil {
			return "", &StageError{fmt.Sprintf("rebuild of the %s image after changing %s", s.name, touch), err}
		}
		if b == nil || r.Seconds < b.Seconds {
			b = r
		}
	}
	s.img.RebuildSeconds = round(b.Seconds, 2)
	if b.ImageID == warm.ImageID {
		return fmt.Sprintf("the change to %s did not change the %s image (its Dockerfile does not copy that file): its rebuild time does not show a code change (name another file with --touch)", touch, s.name), nil
	}
	return "", nil
}

// httpReady is the readiness probe of an image without HEALTHCHECK: any HTTP answer below 500.
func httpReady(hostPort int, path string) func(context.Context) bool {
	url := fmt.Sprintf("http://127.0.0.1:%d%s", hostPort, path)
	return func(ctx context.Context) bool {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return false
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return false
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		return resp.StatusCode < 500
	}
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

// checks turns the measurements into verdicts.
func checks(res *Result, opt Options) []Check {
	o, p := &res.Original, &res.Optimized
	out := []Check{
		{Name: "both images build", OK: true, Required: true},
		{Name: "both containers become healthy", OK: true, Required: true,
			Detail: fmt.Sprintf("original in %.1fs, optimized in %.1fs", o.HealthySeconds, p.HealthySeconds)},
	}
	for i, path := range opt.Probes {
		a, b := o.Probes[i], p.Probes[i]
		c := Check{Name: "GET " + path + " answers the same", Required: true}
		switch {
		case a.Error != "" || b.Error != "":
			c.Detail = "request failed: " + strings.TrimSpace(a.Error+" "+b.Error)
		case a.Status != b.Status:
			c.Detail = fmt.Sprintf("status %d (original) vs %d (optimized)", a.Status, b.Status)
		case NormalizeBody([]byte(a.Body)) != NormalizeBody([]byte(b.Body)):
			c.Detail = fmt.Sprintf("bodies differ: %s vs %s", clip(a.Body, 200), clip(b.Body, 200))
		default:
			c.OK = true
			c.Detail = fmt.Sprintf("%d, %s", a.Status, clip(NormalizeBody([]byte(a.Body)), 120))
			if a.Status >= 400 {
				// the same failure on both sides says little about the service
				c.Detail = fmt.Sprintf("both answer %d (is the path right? name one the service serves with --probe): %s", a.Status, clip(NormalizeBody([]byte(a.Body)), 120))
			}
		}
		out = append(out, c)
	}
	for i := range opt.Smoke {
		a, b := o.Smoke[i], p.Smoke[i]
		detail := fmt.Sprintf("exit %d (original), %d (optimized)", a.ExitCode, b.ExitCode)
		if a.ExitCode == b.ExitCode && (a.ExitCode == 126 || a.ExitCode == 127) {
			// docker exec's codes for a command that cannot be run at all
			detail += ": the command could not be run in either container (not found or not executable)"
		}
		out = append(out, Check{Name: "smoke `" + a.Command + "`: same exit code", Required: true, OK: a.ExitCode == b.ExitCode, Detail: detail})
	}
	for _, x := range opt.Extra {
		c := Check{Name: x.Name, Required: true, OK: true}
		var errs []string
		for _, r := range res.extra {
			if r.name == x.Name && r.err != nil {
				c.OK = false
				errs = append(errs, r.side+": "+r.err.Error())
			}
		}
		if c.OK {
			c.Detail = "both"
		} else {
			c.Detail = strings.Join(errs, "; ")
		}
		out = append(out, c)
	}
	out = append(out, Check{Name: "optimized runs as a non-root user", Required: true, OK: !p.RunsAsRoot, Detail: p.UserMethod})
	ro := Check{Name: "optimized becomes healthy with --read-only --tmpfs /tmp"}
	if p.ReadOnlyHealthy != nil {
		ro.OK, ro.Detail = *p.ReadOnlyHealthy, p.ReadOnlyDetail
		if ro.OK {
			ro.Detail = "yes"
		}
	}
	out = append(out, ro)
	out = append(out, Check{Name: "optimized image is smaller", OK: p.SizeBytes < o.SizeBytes,
		Detail: fmt.Sprintf("%d → %d bytes", o.SizeBytes, p.SizeBytes)})
	if p.RebuildSeconds > 0 && p.ColdBuildSeconds > 0 {
		out = append(out, Check{Name: "optimized code-only rebuild is faster than its cold build", OK: p.RebuildSeconds < p.ColdBuildSeconds,
			Detail: fmt.Sprintf("%.1fs vs %.1fs (%.0f%%)", p.RebuildSeconds, p.ColdBuildSeconds, p.RebuildSeconds/p.ColdBuildSeconds*100)})
	}
	return out
}

// bases inspects the base images of both Dockerfiles.
func bases(ctx context.Context, eng *engine.Engine, sides []*side) []Base {
	var out []Base
	index := map[string]int{}
	for _, s := range sides {
		for _, ref := range baseRefs(s.file) {
			if i, ok := index[ref]; ok {
				if !contains(out[i].UsedBy, s.name) {
					out[i].UsedBy = append(out[i].UsedBy, s.name)
				}
				continue
			}
			b := Base{Ref: ref, UsedBy: []string{s.name}}
			if im, err := eng.InspectImage(ctx, ref); err != nil {
				b.Missing = "not in the engine's local image store: " + firstLine(err.Error())
			} else {
				b.ID = im.ID
				if len(im.RepoDigests) > 0 {
					b.Digest = im.RepoDigests[0]
				}
				b.StandIn = im.Labels["org.dockopt.standin"] == "true"
				b.StandInFor, b.StandInNote = im.Labels["org.dockopt.standin.for"], im.Labels["org.dockopt.standin.note"]
			}
			index[ref] = len(out)
			out = append(out, b)
			s.img.Bases = append(s.img.Bases, ref)
		}
	}
	return out
}

// baseRefs lists a Dockerfile's external base images (not scratch, not earlier stages, not
// unresolvable ones), in order, once each.
func baseRefs(f *dockerfile.File) []string {
	if f == nil {
		return nil
	}
	var out []string
	for _, st := range f.Stages {
		ref := st.BaseImage
		if ref == "" || strings.EqualFold(ref, "scratch") || f.BaseStage(st) != nil || contains(out, ref) {
			continue
		}
		out = append(out, ref)
	}
	return out
}

// usesCacheMount reports whether a Dockerfile has a RUN --mount=type=cache.
func usesCacheMount(f *dockerfile.File) bool {
	if f == nil {
		return false
	}
	for _, st := range f.Stages {
		for _, in := range st.Instructions {
			for _, m := range in.FlagValues("mount") {
				for _, kv := range strings.Split(m, ",") {
					if strings.TrimSpace(kv) == "type=cache" {
						return true
					}
				}
			}
		}
	}
	return false
}

// finalBase follows the final stage's FROM through earlier stages to an external image, and
// returns it with its layer diff IDs (nil when it is scratch or cannot be inspected).
func finalBase(ctx context.Context, eng *engine.Engine, f *dockerfile.File) (string, []string) {
	if f == nil || len(f.Stages) == 0 {
		return "", nil
	}
	st := f.FinalStage()
	for i := 0; i < len(f.Stages); i++ {
		prev := f.BaseStage(st)
		if prev == nil {
			break
		}
		st = prev
	}
	ref := st.BaseImage
	if ref == "" || strings.EqualFold(ref, "scratch") {
		return "", nil
	}
	im, err := eng.InspectImage(ctx, ref)
	if err != nil {
		return "", nil
	}
	return ref, im.LayerDiffIDs
}

func lowestTCPPort(ports []string) int {
	var nums []int
	for _, p := range ports {
		num, proto, _ := strings.Cut(p, "/")
		if proto != "" && proto != "tcp" {
			continue
		}
		if n, err := strconv.Atoi(num); err == nil {
			nums = append(nums, n)
		}
	}
	if len(nums) == 0 {
		return 0
	}
	sort.Ints(nums)
	return nums[0]
}

func randomID() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func round(x float64, digits int) float64 {
	p := 1.0
	for i := 0; i < digits; i++ {
		p *= 10
	}
	return float64(int64(x*p+0.5)) / p
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
