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
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/imagescan"
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
	// BuildArgs (NAME=VALUE) and Network pass through to every build.
	BuildArgs []string
	Network   string
	// Platforms are the platforms both images are built for (os/arch[/variant], normalised
	// as app.ParsePlatforms does; nil for the builder's default). The engine's own platform,
	// when listed, is measured in full (built, run, rebuilt); every other one is built for its
	// image sizes only (Result.Platforms). Without the engine's platform in the list, the
	// first one is built and compared and no container is run.
	Platforms []string
	// Target is the stage both builds produce (--target; "" for the last stage). Both
	// Dockerfiles must have it: dockopt optimize keeps the target stage's name.
	Target string
	// Port is the service's container port; 0 chooses one (see PortHints).
	Port int
	// PortHints are the container ports the service is published on (a compose service's
	// ports:), in order. Without Port, the port probed is the first hint the optimized image
	// (else the original) EXPOSEs, else that image's lowest EXPOSEd TCP port, else the first
	// hint.
	PortHints []int
	// Probes are the HTTP paths requested on both containers and compared (default /health).
	// The first one is also the readiness probe of an image without HEALTHCHECK.
	Probes []string
	// Smoke are commands run in both containers (`docker exec`, no shell); exit codes compared.
	Smoke [][]string
	// Env are NAME=VALUE pairs for both containers, EnvFiles files of them (docker run
	// --env-file; Env wins). RunNetwork is the network both containers run in ("" for the
	// engine's default; Network is the build's), AddHosts HOST:IP entries for both.
	Env, EnvFiles []string
	RunNetwork    string
	AddHosts      []string
	// NoRun builds and compares the images only: no container is run, and the checks that
	// need one are marked not run.
	NoRun bool
	// Deps are the dependencies to start before the containers run (--with-deps; nil for
	// none): both images' containers then run on a private network where they answer to their
	// service names, and RunNetwork is not used.
	Deps *Deps
	// HealthTimeout bounds the wait for each container to become healthy (default 2 minutes).
	HealthTimeout time.Duration
	// HealthInterval replaces the HEALTHCHECK interval while measuring (default 1s), so the
	// time to healthy is not the image's 30s interval.
	HealthInterval time.Duration
	// Touch is the context file changed for the rebuild figure ("" chooses one; see
	// ChooseTouchFile). NoRebuild skips that figure and the dependency-change one;
	// NoDepRebuild only the dependency-change one.
	Touch        string
	NoRebuild    bool
	NoDepRebuild bool
	// Runs is how many cold builds, code-only rebuilds and runs (time to healthy, memory) of
	// each image are measured (default DefaultRuns), alternating original and optimized: A B A B.
	Runs int
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
	// code-only change with the cache warm (0 when not measured). Both are the medians of
	// ColdBuild and Rebuild, the spread over Options.Runs builds alternated with the other
	// image's (nil when not measured).
	ColdBuildSeconds float64 `json:"cold_build_seconds"`
	RebuildSeconds   float64 `json:"rebuild_seconds"`
	ColdBuild        *Spread `json:"cold_build,omitempty"`
	Rebuild          *Spread `json:"rebuild,omitempty"`
	// RebuildRan names the instructions the last code-only rebuild ran instead of taking
	// them from the cache, as BuildKit names them ("[builder 4/6] RUN npm ci").
	RebuildRan []string `json:"rebuild_ran,omitempty"`
	// DepRebuildSeconds is the median of DepRebuild: the builds after a change to the
	// dependency manifest or lockfile (Result.DepTouchedFile) that does not change what it
	// says, with the cache warm (0 and nil when not measured). DepRebuildRan names the
	// instructions the last of them ran instead of taking them from the cache.
	DepRebuildSeconds float64  `json:"dep_rebuild_seconds"`
	DepRebuild        *Spread  `json:"dep_rebuild,omitempty"`
	DepRebuildRan     []string `json:"dep_rebuild_ran,omitempty"`
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
	// MemoryBytes is the memory in use after the probes (docker stats).
	MemoryBytes int64 `json:"memory_bytes"`
	// HealthySeconds, FirstAnswerSeconds and MemoryBytes are the medians of Healthy,
	// FirstAnswer and Memory: the spread over Options.Runs runs of the container, alternated
	// with the other image's (nil with --no-run).
	Healthy     *Spread `json:"healthy,omitempty"`
	FirstAnswer *Spread `json:"first_answer,omitempty"`
	Memory      *Spread `json:"memory,omitempty"`
	// User is the image's USER; UID what `id -u` said in the container (-1 when it could not
	// run there, e.g. no `id` in a scratch image); RunsAsRoot the conclusion, UserMethod how.
	User       string `json:"user"`
	UID        int    `json:"uid"`
	RunsAsRoot bool   `json:"runs_as_root"`
	UserMethod string `json:"user_method"`
	// Probes and Smoke are the answers of this container.
	Probes []ProbeResult `json:"probes"`
	Smoke  []SmokeResult `json:"smoke,omitempty"`
	// Hardening is the hardening trial (measured for the optimized image only; nil otherwise).
	Hardening      *Hardening `json:"hardening,omitempty"`
	HasHealthcheck bool       `json:"has_healthcheck"`
	Layers         []Layer    `json:"layers"`
	// Scan is the image as dockopt inspect reads it, its image checks (IMG rules) included:
	// the CIS section's evidence for the items only a built image shows (nil until read).
	Scan *imagescan.Report `json:"-"`
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
	// Container is the answering container's own hostname, ID and IP addresses (docker
	// inspect), masked in Body before it is compared with another container's (MaskOwn);
	// nil when unknown.
	Container *engine.Identity `json:"container,omitempty"`
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
	// Frontend is true for the Dockerfile frontend a `# syntax=` line names (the image that
	// parsed and converted the Dockerfile), not a stage's base image.
	Frontend bool `json:"frontend,omitempty"`
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
	// NotRun is a check that needs a running container, with --no-run: neither passed nor
	// failed.
	NotRun bool `json:"not_run,omitempty"`
	// Undecided is a comparison of timings with one run each (--runs 1): neither passed nor
	// failed, the detail gives both values.
	Undecided bool `json:"undecided,omitempty"`
}

// Result is a whole measurement.
type Result struct {
	Date time.Time `json:"date"`
	// Timing is where the measurement's wall time went (nil before it ran).
	Timing    *Timing     `json:"timing,omitempty"`
	Engine    engine.Info `json:"engine"`
	Original  Image       `json:"original"`
	Optimized Image       `json:"optimized"`
	Figures   []Figure    `json:"figures"`
	Checks    []Check     `json:"checks"`
	Bases     []Base      `json:"base_images"`
	// Port is the container port probed; TouchedFile the file changed for the rebuild figure.
	Port int `json:"port"`
	// Target is the stage built ("" for the last one).
	Target      string `json:"target,omitempty"`
	TouchedFile string `json:"touched_file,omitempty"`
	// DepTouchedFile is the dependency file changed for the dependency-change rebuild figure
	// ("" when none was found or rebuilds were not measured).
	DepTouchedFile string `json:"dep_touched_file,omitempty"`
	// Runs is how many cold builds, code-only rebuilds and runs of each image were measured.
	Runs int `json:"runs"`
	// HealthIntervalSeconds is the HEALTHCHECK interval used while measuring.
	HealthIntervalSeconds float64 `json:"health_interval_seconds"`
	// BuildArgNames are the --build-arg names passed (values are not recorded).
	BuildArgNames []string `json:"build_arg_names,omitempty"`
	// Platform is the --platform of the measured (and, when it is the engine's, run) images;
	// Platforms is every platform built, with each image's size ("" and nil without
	// Options.Platforms).
	Platform  string     `json:"platform,omitempty"`
	Platforms []Platform `json:"platforms,omitempty"`
	Network   string     `json:"network,omitempty"`
	// RunNetwork is the containers' network; EnvNames and EnvFiles what they were given
	// (names only: values are not recorded); NoRun says no container was run.
	RunNetwork string   `json:"run_network,omitempty"`
	EnvNames   []string `json:"env_names,omitempty"`
	EnvFiles   []string `json:"env_files,omitempty"`
	AddHosts   []string `json:"add_hosts,omitempty"`
	NoRun      bool     `json:"no_run,omitempty"`
	// NoRunReason says why no container was run when it was not --no-run ("" otherwise).
	NoRunReason string `json:"no_run_reason,omitempty"`
	// Dependencies are the services started before the containers ran (--with-deps), on the
	// private network DepsNetwork.
	Dependencies []Dependency `json:"dependencies,omitempty"`
	DepsNetwork  string       `json:"deps_network,omitempty"`
	// Failure is why measure stopped after both images were built ("" when it ran to the
	// end): the figures and checks are then what was measured before.
	Failure string   `json:"failure,omitempty"`
	Notes   []string `json:"notes,omitempty"`

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
		if c.Required && !c.OK && !c.NotRun && !c.Undecided {
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
	// written is `docker diff` of the image's first normal run after its probes (optimized
	// side only), diffErr why there is none: the hardening trial's writable path candidates.
	written []engine.Change
	diffErr error
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
