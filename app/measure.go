package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/compose"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/fsutil"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/measure"
	"github.com/dockopt/dockopt/optimize"
	"github.com/dockopt/dockopt/report"
)

// MeasureFiles are what measure's command line names ("" for the defaults).
type MeasureFiles struct {
	// Dir is DIR: the build context, or the directory of a compose file (see ResolveBuilds);
	// Out the directory optimize wrote to (default: where optimize writes without --out, or
	// the optimized Dockerfile's directory).
	Dir, Out string
	// Original, Optimized and Ignore (the optimized build's ignore file) name the inputs.
	Original, Optimized, Ignore string
	// Target is --target, Service --service; BuildArgs --build-arg (they win over a compose
	// service's).
	Target, Service string
	BuildArgs       map[string]string
	// WithDeps is --with-deps: start the compose service's depends_on services first.
	WithDeps bool
	// Platforms is --platform (ParsePlatforms).
	Platforms []string
}

// MeasurePaths are the files one measurement uses and writes, and what the build and the
// containers get.
type MeasurePaths struct {
	// Dir is the build context; Out the directory the reports go to (Outputs.Dir).
	Dir, Out                        string
	Outputs                         Outputs
	Original, Optimized             string
	OriginalIgnore, OptimizedIgnore string
	// LeaveOut are dockopt's own output files in Dir (slash-separated, relative), left out
	// of both builds' context copies.
	LeaveOut []string
	// Build is what is measured: the Dockerfile, its target and build args, and the compose
	// service that builds it (nil for none).
	Build *Build
	// Env and EnvFiles are the compose service's environment for both containers, PortHints
	// its ports, Smoke its healthcheck as a command to run in both (none without a service).
	Env, EnvFiles []string
	PortHints     []int
	Smoke         [][]string
	// Deps are the compose service's dependencies to start first (--with-deps; nil
	// without). Deps.Compose is left for the caller, which asks the engine.
	Deps *measure.Deps
	// Command is the measure command that measures this build again.
	Command string
	// Platforms is --platform: an optimized Dockerfile that dockopt optimize wrote with the
	// same --platform is recognised as its output (optimizeInMemory).
	Platforms []string
	// Notes go into the report.
	Notes []string
}

// ResolveMeasure finds the files of a measurement: the build (ResolveBuilds; one), the
// optimized Dockerfile optimize wrote for it (Build.Outputs), the generated ignore file and the
// context's own. Every failure is an *InputError.
func ResolveMeasure(f MeasureFiles) (*MeasurePaths, error) {
	if f.Ignore != "" && !fileExists(f.Ignore) {
		return nil, Inputf("--ignore %s: not a readable file", f.Ignore)
	}
	res, err := ResolveBuilds(BuildRequest{Dir: f.Dir, Original: f.Original, Target: f.Target, Service: f.Service, BuildArgs: f.BuildArgs})
	if err != nil {
		return nil, err
	}
	if len(res.Builds) != 1 {
		var names []string
		for _, b := range res.Builds {
			names = append(names, b.Service.Name)
		}
		return nil, Inputf("%s: its compose file builds several services (%s): measure one with --service NAME", f.Dir, strings.Join(names, ", "))
	}
	b := res.Builds[0]
	dir := b.Dir
	p := &MeasurePaths{Dir: dir, Outputs: b.Outputs(f.Out), Original: b.Path, Optimized: f.Optimized, OptimizedIgnore: f.Ignore, Build: b,
		Command: measureCommand(f.Dir, b, f.Target, f.Out, f.Platforms), Notes: res.Notes, Platforms: f.Platforms}
	if f.Out == "" && p.Optimized != "" {
		p.Outputs.Dir = filepath.Dir(p.Optimized)
	}
	p.Out = p.Outputs.Dir
	if p.Optimized == "" {
		p.Optimized = p.Outputs.Optimized()
	}
	if err := checkMeasureFiles(f, p); err != nil {
		return nil, err
	}
	if err := checkTarget(b, p.Original, p.Optimized); err != nil {
		return nil, err
	}
	p.OptimizedIgnore = optimizedIgnore(p)
	// The original is built with the context's own .dockerignore, unless that one is the file
	// dockopt optimize wrote into DIR: the original did not have it.
	own := filepath.Join(dir, DockerignoreName)
	if data, err := os.ReadFile(own); err == nil {
		if bytes.HasPrefix(data, []byte(optimize.GeneratedIgnoreHeader)) {
			p.Notes = append(p.Notes, own+" was written by dockopt optimize: the original was measured without it")
			if p.OptimizedIgnore == "" {
				p.OptimizedIgnore = own
			}
		} else {
			p.OriginalIgnore = own
		}
	}
	p.LeaveOut = leaveOut(p)
	if b.Service != nil {
		if err := serviceRuntime(p, b.Service); err != nil {
			return nil, err
		}
	}
	if f.WithDeps {
		if err := resolveDeps(p, f.Dir); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// resolveDeps reads the dependencies of the compose service measured (--with-deps) and
// checks their env files, before any build.
func resolveDeps(p *MeasurePaths, dir string) error {
	s := p.Build.Service
	if s == nil || s.Kind != "compose service" {
		return Inputf("--with-deps: %s: no compose service is measured (--with-deps starts the depends_on services of the compose service measured: name a directory with a compose file that builds it, and --service NAME when it builds several)", dir)
	}
	deps, err := compose.ServiceDependencies(s.File, s.Name)
	if err != nil {
		return AsInput(err)
	}
	for _, d := range deps {
		for _, f := range d.EnvFiles {
			if !fileExists(f) {
				return Inputf("%s: dependency %q: env_file %s: not a readable file", fileLine(d.File, d.Line), d.Name, f)
			}
		}
	}
	p.Deps = &measure.Deps{ComposeFile: s.File, Service: s.Name, Services: deps}
	return nil
}

// DepsWithoutCompose checks that every dependency can be started without the docker compose
// plugin: each needs an image (one with only a build: section needs compose to build it).
func (p *MeasurePaths) DepsWithoutCompose() error {
	if p.Deps == nil {
		return nil
	}
	for _, d := range p.Deps.Services {
		if d.Image == "" {
			return Inputf("%s: dependency %q has only a build: section: measure starts such a dependency through the docker compose plugin, which this docker CLI does not have (docker compose version failed); give it an image: or install the plugin", fileLine(d.File, d.Line), d.Name)
		}
	}
	return nil
}

// checkMeasureFiles checks that both Dockerfiles are there and readable as lint reads them
// (bounded: a huge file or a device is refused here, before any build).
func checkMeasureFiles(f MeasureFiles, p *MeasurePaths) error {
	if _, err := os.Stat(p.Original); err != nil {
		if p.Build.Service != nil && !p.Build.ByFile {
			return serviceError(p.Build.Service, "%s: no Dockerfile", p.Original)
		}
		return Inputf("%s: no original Dockerfile (name it with --original)", p.Original)
	}
	if err := parsesForMeasure(p.Original, p.Build); err != nil {
		return err
	}
	if _, err := os.Stat(p.Optimized); err != nil {
		optimizeCmd := []string{"dockopt", "optimize", f.Dir}
		if s := p.Build.Service; s != nil {
			optimizeCmd = append(optimizeCmd, "--service", s.Name)
		}
		if f.Target != "" {
			optimizeCmd = append(optimizeCmd, "--target", f.Target)
		}
		if f.Out != "" {
			// where this measure looks: optimize must write there
			optimizeCmd = append(optimizeCmd, "--out", f.Out)
		}
		hint := "run `" + report.ShellCommand(optimizeCmd...) + "` first"
		if f.Out == "" {
			hint += ", or pass --out with the directory it wrote to"
		}
		return Inputf("%s: no optimized Dockerfile (%s, or name one with --optimized)", p.Optimized, hint)
	}
	return parsesForMeasure(p.Optimized, p.Build)
}

// parsesForMeasure reads a Dockerfile as lint reads it (bounded: a huge file or a device is
// refused) and parses it, so that an empty or malformed file is an input error naming its
// line before any build, not the engine's build error.
func parsesForMeasure(path string, b *Build) error {
	src, ferr := lint.ReadSource(path, nil)
	if ferr != nil {
		return AsInput(ferr)
	}
	var args map[string]string
	if b != nil {
		args = b.BuildArgs
	}
	if _, err := dockerfile.Parse(path, src, dockerfile.Options{BuildArgs: args}); err != nil {
		return AsInput(err)
	}
	return nil
}

// checkTarget checks that both Dockerfiles have the stage b builds, before any build. A file
// that does not parse here is left to the build, which says why.
func checkTarget(b *Build, original, optimized string) error {
	if b.Target == "" {
		return nil
	}
	for _, path := range []string{original, optimized} {
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		f, err := dockerfile.Parse(path, src, dockerfile.Options{BuildArgs: b.BuildArgs})
		if err != nil || f.StageByName(b.Target) != nil {
			continue
		}
		var names []string
		for _, st := range f.Stages {
			if st.Name != "" {
				names = append(names, st.Name)
			}
		}
		te := &optimize.TargetError{File: path, Target: b.Target, Stages: names, Via: b.TargetVia}
		if path == optimized {
			return Inputf("%s (optimize keeps the name of the stage it optimizes: was this file optimized for another stage?)", te.Error())
		}
		return &InputError{Msg: te.Error()}
	}
	return nil
}

// optimizedIgnore is the ignore file of the optimized build: --ignore, else the optimized
// Dockerfile's own (which BuildKit reads first), else the one optimize wrote into the
// output directory (not for a Dockerfile named for its service: the context's
// .dockerignore there belongs to every service).
func optimizedIgnore(p *MeasurePaths) string {
	if p.OptimizedIgnore != "" {
		return p.OptimizedIgnore
	}
	cands := []string{DockerfileIgnorePath(p.Optimized)}
	if p.Outputs.Tag == "" {
		cands = append(cands, IgnoreCandidates(p.Out)...)
	}
	for _, c := range cands {
		if fileExists(c) {
			return c
		}
	}
	return ""
}

// serviceRuntime gives both containers what compose runs service s with: its environment,
// env files, ports (as hints for the port probed) and healthcheck (run in both as a smoke
// command, so that a probe the optimized image cannot run is seen).
func serviceRuntime(p *MeasurePaths, s *compose.Build) error {
	p.Env, p.PortHints = s.Environment, s.Ports
	for _, f := range s.EnvFiles {
		if !fileExists(f) {
			return serviceError(s, "env_file %s: not a readable file", f)
		}
		p.EnvFiles = append(p.EnvFiles, f)
	}
	if len(s.Environment) > 0 {
		var names []string
		for _, kv := range s.Environment {
			k, _, _ := strings.Cut(kv, "=")
			names = append(names, k)
		}
		p.Notes = append(p.Notes, fmt.Sprintf("both containers run with compose service %q's environment: (%s; --env wins)", s.Name, strings.Join(names, ", ")))
	}
	if hc := s.Healthcheck; len(hc) > 1 {
		cmd := hc[1:]
		if hc[0] == "CMD-SHELL" {
			cmd = []string{"/bin/sh", "-c", strings.Join(hc[1:], " ")}
		}
		p.Smoke = append(p.Smoke, cmd)
		p.Notes = append(p.Notes, fmt.Sprintf("compose service %q's healthcheck (%s) is run in both containers as a smoke command: under compose it replaces the image's HEALTHCHECK", s.Name, strings.Join(hc[1:], " ")))
	}
	return nil
}

// ContainerEnv is the environment of both containers as docker run options: the compose
// service's env files, then the command line's --env-file (later files win), then the
// service's environment entries that the command line does not set (--env or a --env-file
// line), then --env. docker run gives -e precedence over --env-file, so a compose entry the
// user's file sets is left out: the command line wins.
func (p *MeasurePaths) ContainerEnv(env, envFiles []string) (vars, files []string) {
	mine := map[string]bool{}
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		mine[k] = true
	}
	for _, f := range envFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			continue // measure checks the files before any build
		}
		for _, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			k, _, _ := strings.Cut(line, "=")
			mine[strings.TrimSpace(k)] = true
		}
	}
	for _, kv := range p.Env {
		if k, _, _ := strings.Cut(kv, "="); !mine[k] {
			vars = append(vars, kv)
		}
	}
	return append(vars, env...), append(append([]string(nil), p.EnvFiles...), envFiles...)
}

// leaveOut lists dockopt's outputs in the build context: the names optimize gives the
// outputs of the original, those of the other services built in the same context, and the
// optimized Dockerfile, its ignore file and the reports when they are in the context under
// other names.
func leaveOut(p *MeasurePaths) []string {
	out := OutputNames(p.Original)
	for _, sib := range append(p.Build.Siblings, p.Outputs) {
		if samePath(sib.Dir, p.Dir) {
			out = append(out, sib.Names()...)
		}
	}
	for _, f := range []string{p.Optimized, DockerfileIgnorePath(p.Optimized)} {
		if rel, err := filepath.Rel(p.Dir, f); err == nil && !strings.HasPrefix(rel, "..") {
			out = append(out, filepath.ToSlash(rel))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// WriteMeasureReports writes the measurement. When the optimized Dockerfile is what dockopt
// optimize makes of the original, it re-renders the optimize report with the measured
// section (in format, and in the other format too when that report is there already);
// otherwise (a hand-edited or foreign optimized Dockerfile) it writes the measurement alone,
// as MeasureReportPath, rather than describe changes that were not measured. The HTML report
// is always written. It returns the paths written.
func WriteMeasureReports(p *MeasurePaths, res *measure.Result, format string) ([]string, error) {
	if err := os.MkdirAll(p.Out, 0o755); err != nil {
		return nil, AsInput(err)
	}
	in := &report.Input{Dir: p.Dir, DockerfileName: filepath.Base(p.Original), OutDockerfile: p.Optimized,
		OutIgnore: p.OptimizedIgnore, Target: p.Build.Target, MeasureCommand: p.Command, MetricsMarkdown: report.MetricsMarkdown(res), Metrics: res,
		CIS: measureCIS(p, res, p.Build.BuildArgs)}
	in.Opt = optimizeInMemory(p)
	render := func(format string) (path string, data []byte, err error) {
		var buf bytes.Buffer
		switch {
		case in.Opt != nil && format == "json":
			path, err = p.Outputs.Report(format), report.JSON(&buf, in)
		case in.Opt != nil:
			path, err = p.Outputs.Report(format), report.Markdown(&buf, in)
		case format == "json":
			path, err = p.Outputs.MeasureReport(format), report.MeasureJSON(&buf, res, in.CIS)
		default:
			path, err = p.Outputs.MeasureReport(format), report.MeasureMarkdown(&buf, p.Dir, p.Original, p.Optimized, res, in.CIS)
		}
		return path, buf.Bytes(), err
	}
	path, data, err := render(format)
	if err != nil {
		return nil, err
	}
	if err := fsutil.WriteFileAtomic(path, data, nil, 0o644); err != nil {
		return nil, err
	}
	written := []string{path}
	// The report in the other format, if one is there already (dockopt optimize wrote it),
	// gets the measurement too, rather than keep saying "not measured yet".
	other := map[string]string{"md": "json", "json": "md"}[format]
	if opath, odata, err := render(other); err == nil && fileExists(opath) {
		if err := fsutil.WriteFileAtomic(opath, odata, nil, 0o644); err != nil {
			return nil, err
		}
		written = append(written, opath)
	}
	var buf bytes.Buffer
	if err := report.HTML(&buf, in, res); err != nil {
		return nil, err
	}
	htmlPath := p.Outputs.Report("html")
	if in.Opt == nil {
		htmlPath = p.Outputs.MeasureReport("html")
	}
	if err := fsutil.WriteFileAtomic(htmlPath, buf.Bytes(), nil, 0o644); err != nil {
		return nil, err
	}
	return append(written, htmlPath), nil
}

// optimizeInMemory runs optimize on the original again (it is deterministic), at the same
// target with the same build args, with measure's --platform (as optimize --platform),
// with --cache-mounts=false when the measured file has no cache mount, and with --runtime distroless when the measured file is on a distroless image, and returns its
// result when it produces exactly the optimized Dockerfile being measured; nil otherwise.
func optimizeInMemory(p *MeasurePaths) *optimize.Result {
	measured, err := os.ReadFile(p.Optimized)
	if err != nil {
		return nil
	}
	plats := [][]string{nil}
	if len(p.Platforms) > 0 {
		plats = append(plats, p.Platforms)
	}
	runtimes := []string{""}
	if bytes.Contains(measured, []byte("FROM gcr.io/distroless/")) {
		// optimize --runtime distroless wrote it (perhaps)
		runtimes = append(runtimes, optimize.RuntimeDistroless)
	}
	mounts := []bool{false}
	if !bytes.Contains(measured, []byte("--mount=type=cache")) {
		// optimize --cache-mounts=false wrote it (perhaps)
		mounts = append(mounts, true)
	}
	for _, rt := range runtimes {
		for _, pl := range plats {
			for _, noMounts := range mounts {
				if o, res := optimizedAs(p, rt, pl, noMounts); o && bytes.Equal(res.Dockerfile, measured) {
					return res
				}
			}
		}
	}
	return nil
}

// optimizedAs runs optimize on the original with the runtime rt, the platforms pl and
// NoCacheMounts; ok is false when it fails.
func optimizedAs(p *MeasurePaths, rt string, pl []string, noMounts bool) (ok bool, res *optimize.Result) {
	o := optimize.Options{Runtime: rt, Platforms: pl, NoCacheMounts: noMounts}
	if rt == optimize.RuntimeDistroless {
		imgs := &engineImageFiles{}
		defer imgs.Close()
		o.Images = imgs
	}
	_, res, err := optimizeBuild(p.Build, o)
	return err == nil, res
}
