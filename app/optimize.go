package app

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockopt/dockopt/compose"
	"github.com/dockopt/dockopt/fsutil"
	"github.com/dockopt/dockopt/optimize"
	"github.com/dockopt/dockopt/report"
)

// OptimizeOptions are one optimize run's inputs.
type OptimizeOptions struct {
	// Dir is DIR: a build context, or the directory of a compose file (see ResolveBuilds);
	// File is -f, the Dockerfile relative to the build context ("" when not given).
	Dir, File string
	// Target is --target, Service --service ("" when not given).
	Target, Service string
	// Out is the directory written to ("" for the build context); Write replaces the
	// originals in the context, keeping them as *.orig.
	Out   string
	Write bool
	// Format is the report's: md or json.
	Format     string
	HealthPath string
	BuildArgs  map[string]string
	// Platforms is --platform: the platforms the optimized image is built for (ParsePlatforms).
	Platforms []string
	// Runtime is --runtime: slim (""), distroless or scratch (optimize.Runtimes).
	Runtime string
	// NoCacheMounts is --cache-mounts=false: no BuildKit cache mounts (optimize.Options).
	NoCacheMounts bool
}

func (o OptimizeOptions) request() BuildRequest {
	return BuildRequest{Dir: o.Dir, File: o.File, Target: o.Target, Service: o.Service, BuildArgs: o.BuildArgs}
}

// OptimizeOutput is what optimize wrote for one build.
type OptimizeOutput struct {
	Build                      *Build
	Dockerfile, Ignore, Report string
	// DockerfileIgnore is the optimized Dockerfile's own ignore file (written with --out, or
	// beside a Dockerfile named for its service).
	DockerfileIgnore string
	// MeasureCommand is the command that measures it.
	MeasureCommand string
	Result         *optimize.Result
}

// OptimizeRun is a whole optimize run: one output per build, and the notes on what
// ResolveBuilds left out.
type OptimizeRun struct {
	Outputs []*OptimizeOutput
	Notes   []string
}

// Optimize optimizes the one build the options name (several: an error, nothing written);
// see OptimizeAll.
func Optimize(o OptimizeOptions) (*OptimizeOutput, error) {
	res, err := ResolveBuilds(o.request())
	if err != nil {
		return nil, err
	}
	if len(res.Builds) != 1 {
		return nil, Inputf("%s: its compose file builds %d services: name one with --service", o.Dir, len(res.Builds))
	}
	run, err := OptimizeAll(o)
	if err != nil {
		return nil, err
	}
	return run.Outputs[0], nil
}

// OptimizeAll resolves the builds (ResolveBuilds), loads and optimizes each, and only then
// writes, for each, the optimized Dockerfile, the generated ignore file and the report where
// Build.Outputs says: a build that fails leaves nothing written.
func OptimizeAll(o OptimizeOptions) (*OptimizeRun, error) {
	if o.Format != "md" && o.Format != "json" {
		return nil, Inputf("unknown report format %q (want md or json)", o.Format)
	}
	if o.Write && o.Out != "" {
		return nil, Inputf("--write and --out cannot be used together")
	}
	if !optimize.ValidRuntime(o.Runtime) {
		return nil, Inputf("unknown --runtime %q (want %s)", o.Runtime, strings.Join(optimize.Runtimes, ", "))
	}
	var imgs *engineImageFiles
	if o.Runtime == optimize.RuntimeDistroless {
		imgs = &engineImageFiles{}
		defer imgs.Close()
	}
	res, err := ResolveBuilds(o.request())
	if err != nil {
		return nil, err
	}
	type planned struct {
		b   *Build
		p   *Project
		res *optimize.Result
	}
	var plans []planned
	written := map[string]string{}
	for _, b := range res.Builds {
		if o.Write && b.SharedContext {
			return nil, serviceError(b.Service, "--write: other services build in %s too, and would get this service's Dockerfile or .dockerignore: use --out", b.Dir)
		}
		p, r, err := optimizeBuild(b, optimize.Options{HealthPath: o.HealthPath, Runtime: o.Runtime, Platforms: o.Platforms, Images: imgs.orNil(), NoCacheMounts: o.NoCacheMounts})
		if err != nil {
			return nil, err
		}
		dst := b.Outputs(o.Out).Optimized()
		if other, ok := written[dst]; ok {
			return nil, Inputf("%s and %s would both be written to %s: use --out, or --service NAME", other, b.Label(), dst)
		}
		written[dst] = b.Label()
		plans = append(plans, planned{b, p, r})
	}
	run := &OptimizeRun{Notes: res.Notes}
	for _, pl := range plans {
		out, err := writeOptimized(o, pl.b, pl.p, pl.res)
		if err != nil {
			return nil, err
		}
		run.Outputs = append(run.Outputs, out)
	}
	return run, nil
}

// loadBuild loads b's Dockerfile and context; an error about a compose service's build names
// the service.
func loadBuild(b *Build) (*Project, error) {
	var p *Project
	var err error
	if b.Name != "" {
		p, err = Load(b.Dir, b.Name, b.BuildArgs)
	} else if err = checkContextDir(b.Dir); err == nil {
		p, err = loadPath(b.Dir, b.Path, "", b.BuildArgs)
	}
	if err != nil && b.Service != nil {
		return nil, serviceError(b.Service, "%v", err)
	}
	return p, err
}

// optimizeBuild loads b and optimizes it at its target (opt's Target, BuildArgs and PortHints
// are b's: a compose service's ports): a target that names no stage is an *InputError saying
// who asked for it. The result's notes start with b's (where the target came from).
func optimizeBuild(b *Build, opt optimize.Options) (*Project, *optimize.Result, error) {
	p, err := loadBuild(b)
	if err != nil {
		return nil, nil, err
	}
	opt.Target, opt.BuildArgs = b.Target, b.BuildArgs
	if b.Service != nil {
		opt.PortHints, opt.PortHintsFrom = b.Service.Ports, fmt.Sprintf("compose service %q", b.Service.Name)
	}
	res, err := optimize.Optimize(p.File, p.Context, opt)
	var te *optimize.TargetError
	if errors.As(err, &te) {
		te.Via = b.TargetVia
		return nil, nil, &InputError{Msg: te.Error()}
	}
	if err != nil {
		return nil, nil, err
	}
	res.Notes = append(append([]string(nil), b.Notes...), res.Notes...)
	return p, res, nil
}

// writeOptimized writes the optimized Dockerfile, the generated ignore file and the report of
// one build where b.Outputs says.
func writeOptimized(o OptimizeOptions, b *Build, p *Project, res *optimize.Result) (*OptimizeOutput, error) {
	lay := b.Outputs(o.Out)
	if o.Out != "" {
		if err := os.MkdirAll(lay.Dir, 0o755); err != nil {
			return nil, AsInput(err)
		}
	}
	out := &OptimizeOutput{Build: b, Result: res, Dockerfile: lay.Optimized(), MeasureCommand: measureCommand(o.Dir, b, o.Target, o.Out, o.Platforms)}
	if o.Write && (!bytes.Equal(p.Bytes, res.Dockerfile) || fileExists(BackupPath(p.Path))) {
		// The original is now in its backup and the optimized file in its place (a second
		// --write leaves both as the first wrote them).
		out.MeasureCommand = writtenMeasureCommand(o.Dir, b, o.Target, BackupPath(p.Path), p.Path, o.Platforms)
	}
	if o.Write {
		if !fsutil.Within(b.Dir, p.Path) {
			return nil, Inputf("%s is outside the build context %s: not written", p.Path, b.Dir)
		}
		if err := backupAndReplace(p.Path, p.Bytes, res.Dockerfile); err != nil {
			return nil, err
		}
		out.Dockerfile = p.Path
	} else if err := fsutil.WriteFileAtomic(out.Dockerfile, res.Dockerfile, nil, 0o644); err != nil {
		return nil, err
	}
	if res.Ignore != nil {
		if err := writeIgnore(o, p, lay, out); err != nil {
			return nil, err
		}
	}
	out.Report = lay.Report(o.Format)
	name := b.Name
	if name == "" {
		name = b.Path
	}
	var buf bytes.Buffer
	original := p.Path
	if o.Write && !bytes.Equal(p.Bytes, res.Dockerfile) {
		original = BackupPath(p.Path) // where the original is now
	}
	in := &report.Input{Dir: b.Dir, DockerfileName: name, OutDockerfile: out.Dockerfile, OutIgnore: out.Ignore, OutDockerfileIgnore: out.DockerfileIgnore,
		Target: b.Target, MeasureCommand: out.MeasureCommand, Opt: res, CIS: optimizeCIS(p, res, original, out.Dockerfile, b.Target)}
	var err error
	if o.Format == "json" {
		err = report.JSON(&buf, in)
	} else {
		err = report.Markdown(&buf, in)
	}
	if err != nil {
		return nil, err
	}
	if err := fsutil.WriteFileAtomic(out.Report, buf.Bytes(), nil, 0o644); err != nil {
		return nil, err
	}
	return out, nil
}

// measureCommand is the command line that measures what optimize wrote for b: dockopt measure
// DIR with the flags that make measure resolve the same build and find the same files:
// --service for a compose service's build, --original for a Dockerfile named on the command
// line (and for DIR/Dockerfile when DIR has a compose file), the --target and --out given.
func measureCommand(dir string, b *Build, target, out string, platforms []string) string {
	words := []string{"dockopt", "measure", dir}
	if b.Service != nil {
		words = append(words, "--service", b.Service.Name)
	}
	if b.ByFile && (b.Name != "Dockerfile" || b.Service != nil || compose.FindCompose(dir) != "") {
		words = append(words, "--original", b.Path)
	}
	if target != "" {
		words = append(words, "--target", target)
	}
	if out != "" {
		words = append(words, "--out", out)
	}
	if len(platforms) > 0 {
		words = append(words, "--platform", strings.Join(platforms, ","))
	}
	return report.ShellCommand(words...)
}

// writtenMeasureCommand is measureCommand after --write: the original is named by its backup
// and the optimized Dockerfile by the path it was written over.
func writtenMeasureCommand(dir string, b *Build, target, original, optimized string, platforms []string) string {
	words := []string{"dockopt", "measure", dir}
	if b.Service != nil {
		words = append(words, "--service", b.Service.Name)
	}
	words = append(words, "--original", original, "--optimized", optimized)
	if target != "" {
		words = append(words, "--target", target)
	}
	if len(platforms) > 0 {
		words = append(words, "--platform", strings.Join(platforms, ","))
	}
	return report.ShellCommand(words...)
}

// writeIgnore writes the generated ignore file (the user's lines kept at the top): with
// --write over the context's own; beside an optimized Dockerfile named for its service, as
// that Dockerfile's own ignore file only (the context's .dockerignore belongs to every service
// built there); else into the output directory, and with --out also next to the optimized
// Dockerfile, where BuildKit reads it for `docker build -f OUT/... DIR`.
func writeIgnore(o OptimizeOptions, p *Project, lay Outputs, out *OptimizeOutput) error {
	ctx := p.Context
	var userText []byte
	if ctx.HasDockerignore() {
		userText, _ = os.ReadFile(filepath.Join(p.Dir, ctx.DockerignorePath))
	}
	text := []byte(out.Result.Ignore.Merge(string(userText)))
	switch {
	case o.Write:
		out.Ignore = filepath.Join(p.Dir, DockerignoreName)
		if ctx.HasDockerignore() {
			out.Ignore = filepath.Join(p.Dir, ctx.DockerignorePath)
		}
		return backupAndReplace(out.Ignore, userText, text)
	case lay.Tag != "":
		out.DockerfileIgnore = DockerfileIgnorePath(out.Dockerfile)
		return fsutil.WriteFileAtomic(out.DockerfileIgnore, text, nil, 0o644)
	}
	out.Ignore = filepath.Join(lay.Dir, IgnoreName(ctx.HasDockerignore(), false))
	if err := fsutil.WriteFileAtomic(out.Ignore, text, nil, 0o644); err != nil {
		return err
	}
	if !samePath(lay.Dir, p.Dir) {
		out.DockerfileIgnore = DockerfileIgnorePath(out.Dockerfile)
		return fsutil.WriteFileAtomic(out.DockerfileIgnore, text, nil, 0o644)
	}
	return nil
}

// backupAndReplace saves path's current bytes as BackupPath(path) (unless one is already
// there), then replaces path atomically (refusing if it changed since it was read).
func backupAndReplace(path string, original, data []byte) error {
	if bytes.Equal(original, data) {
		return nil
	}
	if original != nil {
		// the first original is the one worth keeping: a second --write must not replace it
		// with the first run's output
		if _, err := os.Stat(BackupPath(path)); errors.Is(err, fs.ErrNotExist) {
			if err := fsutil.WriteFileAtomic(BackupPath(path), original, nil, 0o644); err != nil {
				return err
			}
		}
	}
	return fsutil.WriteFileAtomic(path, data, original, 0o644)
}
