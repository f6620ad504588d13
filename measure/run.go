package measure

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/engine"
)

// measurement is one Run in progress: its inputs, the two sides and the result so far.
type measurement struct {
	ctx  context.Context
	eng  *engine.Engine
	bld  builder    // eng, or a test's fake
	run  runner     // eng, or a test's fake
	deps depsEngine // eng, or a test's fake
	// running are the dependencies started (--with-deps), until stopDeps removes them.
	running *runningDeps
	opt     Options
	res     *Result
	sides   []*side // original, optimized
	repo    string  // the image repository of this run's tags
	// platform is the --platform of the measured builds: the one of Options.Platforms chosen
	// by choosePlatforms ("" without Options.Platforms).
	platform string
}

func (m *measurement) phase(format string, args ...any) {
	if m.opt.Phase != nil {
		m.opt.Phase(fmt.Sprintf(format, args...))
	}
}

// Run measures. Everything it creates goes through eng, whose Cleanup the caller runs (also
// on error and on Ctrl-C). On error the returned Result holds what was measured so far.
func Run(ctx context.Context, eng *engine.Engine, opt Options) (*Result, error) {
	opt = withDefaults(opt)
	m := &measurement{ctx: ctx, eng: eng, bld: eng, run: eng, deps: eng, opt: opt, repo: "dockopt-measure-" + randomID(),
		res: &Result{Date: time.Now().UTC().Truncate(time.Second), HealthIntervalSeconds: opt.HealthInterval.Seconds(), Runs: opt.Runs,
			Network: opt.Network, Target: opt.Target}}
	for _, a := range opt.BuildArgs {
		k, _, _ := strings.Cut(a, "=")
		m.res.BuildArgNames = append(m.res.BuildArgNames, k)
	}
	for _, a := range opt.Env {
		k, _, _ := strings.Cut(a, "=")
		m.res.EnvNames = append(m.res.EnvNames, k)
	}
	m.res.RunNetwork, m.res.EnvFiles, m.res.AddHosts, m.res.NoRun = opt.RunNetwork, opt.EnvFiles, opt.AddHosts, opt.NoRun
	m.sides = []*side{
		{name: "original", dockerfile: opt.Original, ignore: opt.OriginalIgnore, img: &m.res.Original},
		{name: "optimized", dockerfile: opt.Optimized, ignore: opt.OptimizedIgnore, img: &m.res.Optimized},
	}
	// the layers are read before any container runs, so that a measurement that stops there
	// still reports them
	type step struct {
		name   string
		engine bool
		run    func() error
	}
	steps := []step{{"asking the engine", false, m.askEngine}, {"choosing the platforms", false, m.choosePlatforms}, {"copying the build contexts", false, m.copyContexts},
		{"checking the file to change", false, m.checkTouch}, {"cold builds", true, m.coldBuilds},
		{"docker save (the engine exporting each image) and reading the layers", false, m.readLayers},
		{"builds for the other platforms", true, m.otherPlatforms}, {"choosing the port", false, m.choosePort},
		{"starting the dependencies", true, m.startDeps}, {"container runs", true, m.runContainers},
		{"hardening trial", true, m.hardeningTrial}, {"stopping the dependencies", false, m.stopDeps},
		{"code-only rebuilds", true, m.rebuilds}, {"dependency-change rebuilds", true, m.depRebuilds}}
	m.res.Timing = &Timing{}
	for _, st := range steps {
		t0 := time.Now()
		err := st.run()
		m.res.Timing.add(st.name, st.engine, time.Since(t0))
		if err != nil {
			if ctx.Err() == nil && m.built() {
				m.finish(err)
			}
			return m.res, err
		}
	}
	m.finish(nil)
	return m.res, nil
}

// built reports whether both images were built and inspected.
func (m *measurement) built() bool {
	return m.sides[0].info != nil && m.sides[1].info != nil
}

func withDefaults(opt Options) Options {
	if opt.HealthTimeout == 0 {
		opt.HealthTimeout = 2 * time.Minute
	}
	if opt.HealthInterval == 0 {
		opt.HealthInterval = time.Second
	}
	if len(opt.Probes) == 0 {
		opt.Probes = []string{"/health"}
	}
	if opt.Runs <= 0 {
		opt.Runs = DefaultRuns
	}
	return opt
}

func (m *measurement) askEngine() error {
	info, err := m.eng.Info(m.ctx)
	if err != nil {
		return &StageError{"asking the engine for its version", err}
	}
	m.res.Engine = info
	return nil
}

// copyContexts makes each side's build directory: its Dockerfile and a copy of the context
// with that side's .dockerignore.
func (m *measurement) copyContexts() error {
	tmp, err := m.eng.TempDir("dockopt-measure-")
	if err != nil {
		return err
	}
	bargs := map[string]string{}
	for _, a := range m.opt.BuildArgs {
		if k, v, ok := strings.Cut(a, "="); ok {
			bargs[k] = v
		}
	}
	m.phase("copying the build context for each build")
	for _, s := range m.sides {
		s.img.Dockerfile = s.dockerfile
		s.tag = m.repo + ":" + s.name
		src, err := os.ReadFile(s.dockerfile)
		if err != nil {
			return &StageError{"reading the " + s.name + " Dockerfile", err}
		}
		if f, err := dockerfile.Parse(s.dockerfile, src, dockerfile.Options{BuildArgs: bargs}); err == nil {
			s.file = f
		}
		s.dir = filepath.Join(tmp, s.name)
		s.ctxDir = filepath.Join(s.dir, "context")
		files, size, err := CopyContext(m.opt.ContextDir, s.ctxDir, s.ignore, m.opt.LeaveOut)
		var ie *ignoreFileError
		if errors.As(err, &ie) {
			return &StageError{"reading the " + s.name + " build's .dockerignore", ie.err}
		}
		if err != nil {
			return &StageError{"copying the build context for the " + s.name + " build", err}
		}
		s.img.ContextFiles, s.img.ContextBytes = files, size
		if err := os.WriteFile(filepath.Join(s.dir, "Dockerfile"), src, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// CopyContext copies the build context src into dst (which must not exist) as one build sees
// it: without what the ignore file at ignorePath ("" for none) excludes, and without the
// files leaveOut names (slash-separated, relative to src); the ignore file is written as
// dst/.dockerignore. It returns the files and bytes the engine will be sent.
func CopyContext(src, dst, ignorePath string, leaveOut []string) (files int, size int64, err error) {
	data, pats, err := readIgnore(ignorePath)
	if err != nil {
		return 0, 0, &ignoreFileError{err}
	}
	skip := map[string]bool{}
	for _, p := range leaveOut {
		skip[p] = true
	}
	st, err := copyContext(src, dst, pats, data, skip)
	return st.Files, st.Bytes, err
}

// ignoreFileError is CopyContext's error for an ignore file it cannot read or parse.
type ignoreFileError struct{ err error }

func (e *ignoreFileError) Error() string { return "reading the .dockerignore: " + e.err.Error() }
func (e *ignoreFileError) Unwrap() error { return e.err }

// checkTouch checks that the file named with --touch is in both contexts.
func (m *measurement) checkTouch() error {
	if m.opt.Touch == "" || m.opt.NoRebuild {
		return nil
	}
	for _, s := range m.sides {
		if st, err := os.Stat(filepath.Join(s.ctxDir, filepath.FromSlash(m.opt.Touch))); err != nil || !st.Mode().IsRegular() {
			return &StageError{"checking --touch " + m.opt.Touch, fmt.Errorf("not a file in the %s build's context (missing, or its .dockerignore excludes it)", s.name)}
		}
	}
	return nil
}

// builder is what the timed builds need of the engine.
type builder interface {
	Build(ctx context.Context, o engine.BuildOptions) (*engine.BuildResult, error)
	RemoveImage(ctx context.Context, ref string) error
}

// coldBuilds builds both images with a fresh tag and --no-cache, Options.Runs times each,
// alternating (original, optimized, original, ...) so that a load spike does not land on one
// side only; the first build of each is kept and inspected.
func (m *measurement) coldBuilds() error {
	if err := m.timedColdBuilds(); err != nil {
		return err
	}
	for _, s := range m.sides {
		im, err := m.eng.InspectImage(m.ctx, s.tag)
		if err != nil {
			return &StageError{"inspecting the " + s.name + " image", err}
		}
		s.info = im
		s.img.SizeBytes, s.img.LayerCount, s.img.User, s.img.HasHealthcheck = im.SizeBytes, len(im.LayerDiffIDs), im.User, im.HasHealthcheck
	}
	return nil
}

func (m *measurement) timedColdBuilds() error {
	opt := m.opt
	times := make([][]float64, len(m.sides))
	for run := 1; run <= opt.Runs; run++ {
		for i, s := range m.sides {
			m.phase("building the %s image (%s, cold: fresh tag, --no-cache; %d of %d)", s.name, filepath.Base(s.dockerfile), run, opt.Runs)
			tag := s.tag
			if run > 1 {
				tag = fmt.Sprintf("%s-cold%d", s.tag, run)
			}
			b, err := m.bld.Build(m.ctx, engine.BuildOptions{ContextDir: s.ctxDir, Dockerfile: filepath.Join(s.dir, "Dockerfile"), DisplayName: s.dockerfile, Tag: tag,
				NoCache: true, Target: opt.Target, BuildArgs: opt.BuildArgs, Platform: m.platform, Network: opt.Network, Step: opt.Step})
			if err != nil {
				return &StageError{"cold build of the " + s.name + " image", withStep(err, s.file)}
			}
			if run == 1 {
				s.img.ImageID, s.img.ContextSentBytes = b.ImageID, b.ContextSentBytes
			} else {
				_ = m.bld.RemoveImage(m.ctx, tag)
			}
			times[i] = append(times[i], b.Seconds)
		}
	}
	for i, s := range m.sides {
		sp := SpreadOf("seconds", times[i])
		s.img.ColdBuild, s.img.ColdBuildSeconds = &sp, sp.Median
	}
	return nil
}

// choosePort takes --port, else the port choosePortOf finds in the optimized image's EXPOSE
// entries and the hints, else in the original's, else the first hint.
func (m *measurement) choosePort() error {
	if m.opt.NoRun {
		return nil
	}
	m.res.Port = m.opt.Port
	for _, s := range []*side{m.sides[1], m.sides[0]} {
		if m.res.Port == 0 {
			m.res.Port = choosePortOf(s.info.ExposedPorts, m.opt.PortHints)
		}
	}
	if m.res.Port == 0 && len(m.opt.PortHints) > 0 {
		m.res.Port = m.opt.PortHints[0]
	}
	if m.res.Port == 0 {
		return &StageError{"choosing the port to probe", errors.New("neither image EXPOSEs a TCP port: pass --port")}
	}
	return nil
}

// choosePortOf is the first of hints that exposed (an image's EXPOSEd ports) holds, else the
// lowest EXPOSEd TCP port (0 when none).
func choosePortOf(exposed []string, hints []int) int {
	for _, h := range hints {
		for _, p := range exposed {
			if num, proto, _ := strings.Cut(p, "/"); num == strconv.Itoa(h) && (proto == "" || proto == "tcp") {
				return h
			}
		}
	}
	return lowestTCPPort(exposed)
}

// readLayers saves both images and reads their layers through imagescan (readSaved), each
// layer marked with the base image it comes from.
func (m *measurement) readLayers() error {
	for _, s := range m.sides {
		m.phase("reading the %s image's layers (docker save, gzip estimate of layers saved uncompressed)", s.name)
		tarPath, err := m.eng.SaveFile(m.ctx, s.tag)
		if err != nil {
			return &StageError{"docker save of the " + s.name + " image", err}
		}
		saved, err := readSaved(m.ctx, tarPath)
		if err != nil {
			return &StageError{"reading the saved " + s.name + " image", err}
		}
		_ = os.Remove(tarPath)
		s.img.CompressedSizeBytes, s.img.SavedSizeBytes, s.img.Scan = saved.CompressedSizeBytes, saved.SizeBytes, saved.Scan
		baseRef, baseLayers := finalBase(m.ctx, m.eng, s.file, m.opt.Target)
		for i, l := range saved.Layers {
			if i < len(baseLayers) && baseLayers[i] == l.DiffID {
				l.Base = baseRef
			}
			s.img.Layers = append(s.img.Layers, l)
		}
	}
	return nil
}

// rebuilds times the code-only rebuilds of both images: each is built once with the cache
// warm, then Options.Runs times a comment line is appended to the touched file and the image
// rebuilt, alternating original and optimized (A B A B). It adds a note for a side whose
// image the change did not reach (same image ID as the warm build: its Dockerfile does not
// copy that file), which makes its figure meaningless.
func (m *measurement) rebuilds() error {
	if m.opt.NoRebuild {
		return nil
	}
	touch := m.opt.Touch
	if touch == "" {
		touch = ChooseTouchFile(m.sides[1].ctxDir, m.sides[0].ctxDir)
	}
	if touch == "" {
		m.res.Notes = append(m.res.Notes, "rebuild time not measured: no application source file found to change (name one with --touch)")
		return nil
	}
	m.res.TouchedFile = touch
	warm := make([]string, len(m.sides))
	for i, s := range m.sides {
		m.phase("rebuilding the %s image with the cache warm", s.name)
		b, err := m.warmBuild(s, s.tag+"-warm")
		if err != nil {
			return &StageError{"warm build of the " + s.name + " image", withStep(err, s.file)}
		}
		warm[i] = b.ImageID
	}
	sr, err := m.rebuildSeries(touch, "a code-only change", touchFile)
	if err != nil {
		return err
	}
	for i, s := range m.sides {
		sp := sr.spread(i)
		s.img.Rebuild, s.img.RebuildSeconds, s.img.RebuildRan = sp, sp.Median, sr.ran[i]
		if sr.last[i] == warm[i] {
			m.res.Notes = append(m.res.Notes, fmt.Sprintf("the change to %s did not change the %s image (its Dockerfile does not copy that file): its rebuild time does not show a code change (name another file with --touch)", touch, s.name))
		}
	}
	return nil
}

// series is the outcome of one series of timed rebuilds, per side: the times, and the image
// and the steps run of the last rebuild.
type series struct {
	times [][]float64
	last  []string
	ran   [][]string
}

func (sr *series) spread(i int) *Spread {
	sp := SpreadOf("seconds", sr.times[i])
	return &sp
}

// rebuildSeries times Options.Runs rebuilds of each side, alternating original and
// optimized (A B A B), each after touch changed the context file rel (what names the change
// for the progress lines and errors).
func (m *measurement) rebuildSeries(rel, what string, touch func(ctxDir, rel string, now time.Time) error) (*series, error) {
	opt := m.opt
	sr := &series{times: make([][]float64, len(m.sides)), last: make([]string, len(m.sides)), ran: make([][]string, len(m.sides))}
	for run := 1; run <= opt.Runs; run++ {
		for i, s := range m.sides {
			if err := touch(s.ctxDir, rel, time.Now()); err != nil {
				return nil, &StageError{"changing " + rel + " for the rebuild", err}
			}
			m.phase("rebuilding the %s image after %s to %s (%d of %d)", s.name, what, rel, run, opt.Runs)
			b, err := m.warmBuild(s, s.tag+"-touched")
			if err != nil {
				return nil, &StageError{fmt.Sprintf("rebuild of the %s image after changing %s", s.name, rel), withStep(err, s.file)}
			}
			sr.times[i] = append(sr.times[i], b.Seconds)
			sr.last[i], sr.ran[i] = b.ImageID, b.Ran
		}
	}
	return sr, nil
}

// warmBuild builds a side with the cache as it is, and removes the tag.
func (m *measurement) warmBuild(s *side, tag string) (*engine.BuildResult, error) {
	opt := m.opt
	b, err := m.bld.Build(m.ctx, engine.BuildOptions{ContextDir: s.ctxDir, Dockerfile: filepath.Join(s.dir, "Dockerfile"), DisplayName: s.dockerfile, Tag: tag,
		Target: opt.Target, BuildArgs: opt.BuildArgs, Platform: m.platform, Network: opt.Network, Step: opt.Step})
	if err == nil {
		_ = m.bld.RemoveImage(m.ctx, tag)
	}
	return b, err
}

// finish adds the notes on cache mounts and base images, the figures and the verdicts. After
// a failure once both images were built, it reports what was measured before it: the
// figures measured, the checks that could not be made as not run, and the failure as a
// failed required check.
func (m *measurement) finish(failure error) {
	res := m.res
	for _, s := range m.sides {
		if usesCacheMount(s.file) {
			// BuildKit prunes a cache mount on a --no-cache build since 2019 (moby/buildkit
			// commit 7b1bae7; https://github.com/moby/buildkit/issues/4250); seen on Docker
			// 20.10.24 here too (bench/RESULTS.md, apt's mounts)
			res.Notes = append(res.Notes, fmt.Sprintf("the %s Dockerfile uses RUN --mount=type=cache: a cold build (--no-cache) starts with its cache mounts empty, so they save nothing there; builds without --no-cache keep them (the rebuild after a dependency change shows what they save)", s.name))
		}
	}
	res.Notes = append(res.Notes, undeclaredArgNotes(res.BuildArgNames, m.sides)...)
	res.Bases = bases(m.ctx, m.deps, m.sides, m.opt.Target)
	for _, b := range res.Bases {
		what := "base image"
		if b.Frontend {
			what = "the Dockerfile frontend (# syntax=)"
		}
		if b.StandIn {
			res.Notes = append(res.Notes, fmt.Sprintf("%s %s is a local stand-in for %s, not the published image: %s", what, b.Ref, b.StandInFor, b.StandInNote))
		}
	}
	res.Figures = Figures(&res.Original, &res.Optimized)
	ran := res.Original.Healthy != nil && res.Optimized.Healthy != nil
	if !ran {
		res.Figures = withoutRunFigures(res.Figures)
	}
	if m.opt.NoRun && res.NoRunReason == "" {
		res.Notes = append(res.Notes, "--no-run: the images were built and compared; no container was run, so the checks that need one are marked not run")
	}
	if failure == nil {
		res.Checks = append(checks(res, m.opt), platformChecks(res)...)
		return
	}
	res.Failure = failure.Error()
	if res.Original.CompressedSizeBytes == 0 || res.Optimized.CompressedSizeBytes == 0 {
		res.Figures = slices.DeleteFunc(res.Figures, func(f Figure) bool { return f.Key == "compressed_size_bytes" })
	}
	if ran {
		res.Checks = checks(res, m.opt)
	} else {
		res.Checks = notRunChecks(res, m.opt, "not measured: measure stopped before (see \"measure ran to the end\")")
	}
	res.Checks = append(res.Checks, platformChecks(res)...)
	res.Checks = append([]Check{{Name: "measure ran to the end", Required: true, Detail: firstLine(res.Failure)}}, res.Checks...)
	res.Notes = append(res.Notes, "measure stopped after both images were built: the figures and checks are what was measured before it stopped; the failure is \"measure ran to the end\"")
}
