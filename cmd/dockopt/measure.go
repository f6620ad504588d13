package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/fsutil"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/measure"
	"github.com/dockopt/dockopt/optimize"
	"github.com/dockopt/dockopt/report"
)

// exitInterrupted is the exit code after Ctrl-C (128 + SIGINT), once everything is cleaned up
// (143 after SIGTERM: see interruptible).
const exitInterrupted = 130

type measureOptions struct {
	out, original, optimized, ignore string
	docker, builder                  string
	network, platform                string
	buildArgs, probes, smoke, env    []string
	port                             int
	healthTimeout                    time.Duration
	touch                            string
	noRebuild                        bool
	format                           string
	stdout, stderr                   io.Writer
}

func init() { extraCommands = append(extraCommands, newMeasureCmd) }

func newMeasureCmd() *cobra.Command {
	o := &measureOptions{}
	cmd := &cobra.Command{
		Use:   "measure [DIR]",
		Short: "Build and run the original and the optimized image on a real engine, and compare them",
		Long: `measure builds DIR's Dockerfile and the optimized one that dockopt optimize wrote (in DIR,
or in --out; or name them with --original/--optimized) with BuildKit through the Docker CLI
(docker buildx build when buildx is installed, else DOCKER_BUILDKIT=1 docker build), runs
both containers with the service port published on 127.0.0.1 only, and compares: image size,
compressed layer size, layers, cold build time, rebuild time after a code-only change, build
context, time to healthy, memory, the answers to the same requests (GET /health or --probe),
--smoke commands, the user, and whether the optimized image runs with --read-only.

DIR is never modified: each build uses a copy of the context, the optimized one with the
generated .dockerignore. Everything measure creates (images, containers, temporary
directories) is removed when it ends, also after a failure or Ctrl-C; the build cache is
left to the engine. The results go into the report's metrics section (dockopt-report.md or
.json, next to the optimized Dockerfile, or --out) and a self-contained dockopt-report.html.
When the optimized Dockerfile is not what dockopt optimize makes of the original (edited by
hand, or from elsewhere), the measurement alone is written, as dockopt-measure.md (or .json)
and dockopt-measure.html.

Exit codes: 0 measured and every required check passed; 1 a build failed, a container did
not become healthy, or a required check failed; 2 usage errors.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.stdout, o.stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return runMeasure(o, dir)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.out, "out", "", "the directory dockopt optimize wrote to (default DIR); the reports are written there")
	fl.StringVar(&o.original, "original", "", "the original Dockerfile (default DIR/Dockerfile)")
	fl.StringVar(&o.optimized, "optimized", "", "the optimized Dockerfile (default OUT/Dockerfile.optimized)")
	fl.StringVar(&o.ignore, "ignore", "", "the .dockerignore for the optimized build (default OUT/.dockerignore.suggested or OUT/.dockerignore)")
	fl.StringVar(&o.docker, "docker", "", "the docker CLI to use (default: the first on PATH that can build with BuildKit)")
	fl.StringVar(&o.builder, "builder", "", "buildx builder to build with (needs docker buildx)")
	fl.StringVar(&o.network, "network", "", "network mode for RUN instructions (--network of docker build; default the engine's)")
	fl.StringVar(&o.platform, "platform", "", "target platform of both builds (--platform)")
	fl.StringArrayVar(&o.buildArgs, "build-arg", nil, "build argument NAME=VALUE for both builds (repeatable)")
	fl.StringArrayVar(&o.probes, "probe", nil, "HTTP path to request on both containers and compare (repeatable; default /health)")
	fl.StringArrayVar(&o.smoke, "smoke", nil, "command to run in both containers (docker exec, no shell) and compare exit codes (repeatable)")
	fl.StringArrayVarP(&o.env, "env", "e", nil, "environment variable NAME=VALUE for both containers (repeatable)")
	fl.IntVar(&o.port, "port", 0, "the service's container port (default the lowest EXPOSEd TCP port)")
	fl.DurationVar(&o.healthTimeout, "health-timeout", 2*time.Minute, "how long each container may take to become healthy")
	fl.StringVar(&o.touch, "touch", "", "file to change for the rebuild time, relative to DIR (default: an application source file)")
	fl.BoolVar(&o.noRebuild, "no-rebuild", false, "do not measure the rebuild after a code-only change")
	fl.StringVar(&o.format, "format", "md", "report format: md or json (the HTML report is always written)")
	return cmd
}

// measurePaths are the files one measurement uses and writes.
type measurePaths struct {
	dir, out                  string
	original, optimized       string
	originalIgnore, optIgnore string
	notes                     []string
}

func resolveMeasurePaths(o *measureOptions, dir string) (*measurePaths, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, &exitError{code: exitUsage, msg: fmt.Sprintf("%s: not a directory", dir)}
	}
	p := &measurePaths{dir: dir, out: o.out, original: o.original, optimized: o.optimized, optIgnore: o.ignore}
	if o.ignore != "" {
		if !fileExists(o.ignore) {
			return nil, &exitError{code: exitUsage, msg: fmt.Sprintf("--ignore %s: not a readable file", o.ignore)}
		}
	}
	if p.out == "" {
		p.out = dir
		if p.optimized != "" {
			p.out = filepath.Dir(p.optimized)
		}
	}
	if p.original == "" {
		p.original = filepath.Join(dir, "Dockerfile")
	}
	if p.optimized == "" {
		p.optimized = filepath.Join(p.out, "Dockerfile.optimized")
	}
	if _, err := os.Stat(p.original); err != nil {
		return nil, &exitError{code: exitUsage, msg: fmt.Sprintf("%s: no original Dockerfile (name it with --original)", p.original)}
	}
	if _, err := os.Stat(p.optimized); err != nil {
		hint := fmt.Sprintf("run `dockopt optimize %s` first", dir)
		if o.out == "" {
			hint += ", or pass --out with the directory it wrote to"
		}
		return nil, &exitError{code: exitUsage, msg: fmt.Sprintf("%s: no optimized Dockerfile (%s, or name one with --optimized)", p.optimized, hint)}
	}
	// Both are read as lint reads them (bounded: a huge file or a device is refused here,
	// before any build).
	for _, df := range []string{p.original, p.optimized} {
		if _, ferr := lint.ReadSource(df, nil); ferr != nil {
			return nil, &exitError{code: exitUsage, msg: ferr.Error()}
		}
	}
	if p.optIgnore == "" {
		for _, name := range []string{".dockerignore.suggested", ".dockerignore"} {
			if _, err := os.Stat(filepath.Join(p.out, name)); err == nil {
				p.optIgnore = filepath.Join(p.out, name)
				break
			}
		}
	}
	// The original is built with the context's own .dockerignore, unless that one is the file
	// dockopt optimize wrote into DIR: the original did not have it.
	own := filepath.Join(dir, ".dockerignore")
	if data, err := os.ReadFile(own); err == nil {
		if bytes.HasPrefix(data, []byte(measure.GeneratedIgnoreHeader)) {
			p.notes = append(p.notes, fmt.Sprintf("%s was written by dockopt optimize: the original was measured without it", own))
			if p.optIgnore == "" {
				p.optIgnore = own
			}
		} else {
			p.originalIgnore = own
		}
	}
	return p, nil
}

func runMeasure(o *measureOptions, dir string) error {
	if o.format != "md" && o.format != "json" {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("unknown report format %q (want md or json)", o.format)}
	}
	paths, err := resolveMeasurePaths(o, dir)
	if err != nil {
		return err
	}
	var smoke [][]string
	for _, s := range o.smoke {
		words, err := measure.SplitCommand(s)
		if err != nil {
			return &exitError{code: exitUsage, msg: fmt.Sprintf("--smoke %q: %v", s, err)}
		}
		smoke = append(smoke, words)
	}
	for _, p := range o.probes {
		if !strings.HasPrefix(p, "/") {
			return &exitError{code: exitUsage, msg: fmt.Sprintf("--probe %q: want a path starting with /", p)}
		}
	}
	if _, err := parseBuildArgs(o.buildArgs); err != nil {
		return err
	}
	if o.port < 0 || o.port > 65535 {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("--port %d: want a TCP port from 1 to 65535 (or 0: the lowest EXPOSEd port)", o.port)}
	}
	if o.healthTimeout <= 0 {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("--health-timeout %s: want a positive duration such as 90s or 2m", o.healthTimeout)}
	}

	ctx, stop, interruptCode := interruptible(context.Background())
	defer stop()

	eng, err := engine.New(ctx, engine.Options{Docker: o.docker, Builder: o.builder})
	if err != nil {
		return &exitError{code: exitFindings, msg: err.Error()}
	}
	prog := newProgress(o.stderr)
	var res *measure.Result
	func() {
		defer func() {
			prog.phase("removing the images, containers and temporary files measure created")
			if cerr := eng.Cleanup(); cerr != nil {
				prog.done()
				fmt.Fprintf(o.stderr, "dockopt: cleanup: %v\n", cerr)
			}
			prog.done()
		}()
		res, err = measure.Run(ctx, eng, measure.Options{
			ContextDir: paths.dir, Original: paths.original, Optimized: paths.optimized,
			OriginalIgnore: paths.originalIgnore, OptimizedIgnore: paths.optIgnore,
			BuildArgs: o.buildArgs, Platform: o.platform, Network: o.network,
			Port: o.port, Probes: o.probes, Smoke: smoke, Env: o.env,
			HealthTimeout: o.healthTimeout, Touch: o.touch, NoRebuild: o.noRebuild,
			Phase: prog.phase, Step: prog.step,
		})
	}()
	if ctx.Err() != nil {
		return &exitError{code: interruptCode(), msg: "interrupted: the images, containers and temporary files it created were removed"}
	}
	if err != nil {
		return &exitError{code: exitFindings, msg: err.Error()}
	}
	res.Notes = append(paths.notes, res.Notes...)

	written, err := writeMeasureReports(o, paths, res)
	if err != nil {
		return err
	}
	w := o.stdout
	fmt.Fprintf(w, "dockopt measure %s\n%s\n\n%s\n", dir, report.EngineLine(res), report.MetricsTable(res))
	for _, c := range res.Checks {
		mark := "ok  "
		if !c.OK {
			mark = "no  "
			if c.Required {
				mark = "FAIL"
			}
		}
		fmt.Fprintf(w, "  %s %s", mark, c.Name)
		if c.Detail != "" && (!c.OK || c.Required) {
			fmt.Fprintf(w, " — %s", c.Detail)
		}
		fmt.Fprintln(w)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	fmt.Fprintf(w, "wrote %s\n", strings.Join(written, ", "))
	if failed := res.Failed(); len(failed) > 0 {
		names := make([]string, len(failed))
		for i, c := range failed {
			names[i] = c.Name
		}
		return &exitError{code: exitFindings, msg: "failed: " + strings.Join(names, "; ")}
	}
	return nil
}

// writeMeasureReports re-renders the optimize report with the measured section when the
// optimized Dockerfile is what dockopt optimize makes of the original; otherwise (a
// hand-edited or foreign optimized Dockerfile) it writes the measurement alone, as
// dockopt-measure.md/.json, rather than describe changes that were not measured.
func writeMeasureReports(o *measureOptions, paths *measurePaths, res *measure.Result) ([]string, error) {
	if err := os.MkdirAll(paths.out, 0o755); err != nil {
		return nil, &exitError{code: exitUsage, msg: err.Error()}
	}
	in := &report.Input{Dir: paths.dir, DockerfileName: filepath.Base(paths.original), OutDockerfile: paths.optimized,
		OutIgnore: paths.optIgnore, MetricsMarkdown: report.MetricsMarkdown(res), Metrics: res}
	if opt := optimizeInMemory(paths, o.buildArgs); opt != nil {
		in.Opt = opt
	}
	render := func(format string) (name string, data []byte, err error) {
		var buf bytes.Buffer
		switch {
		case in.Opt != nil && format == "json":
			name, err = "dockopt-report", report.JSON(&buf, in)
		case in.Opt != nil:
			name, err = "dockopt-report", report.Markdown(&buf, in)
		case format == "json":
			name, err = "dockopt-measure", writeJSON(&buf, res)
		default:
			name = "dockopt-measure"
			fmt.Fprintf(&buf, "# dockopt measure: %s\n\nOriginal `%s`, optimized `%s` (not the output of dockopt optimize for this Dockerfile, so only the measurement is reported).\n\n## Metrics\n\n%s", filepath.Base(paths.dir), paths.original, paths.optimized, in.MetricsMarkdown)
		}
		return name, buf.Bytes(), err
	}
	ext := map[string]string{"md": ".md", "json": ".json"}
	name, data, err := render(o.format)
	if err != nil {
		return nil, err
	}
	mdPath := filepath.Join(paths.out, name+ext[o.format])
	if err := fsutil.WriteFileAtomic(mdPath, data, nil, 0o644); err != nil {
		return nil, err
	}
	written := []string{mdPath}
	// The report in the other format, if one is there already (dockopt optimize wrote it),
	// gets the measurement too, rather than keep saying "not measured yet".
	other := map[string]string{"md": "json", "json": "md"}[o.format]
	if oname, odata, err := render(other); err == nil {
		if p := filepath.Join(paths.out, oname+ext[other]); fileExists(p) {
			if err := fsutil.WriteFileAtomic(p, odata, nil, 0o644); err != nil {
				return nil, err
			}
			written = append(written, p)
		}
	}
	var buf bytes.Buffer
	if err := report.HTML(&buf, in, res); err != nil {
		return nil, err
	}
	htmlPath := filepath.Join(paths.out, name+".html")
	if err := fsutil.WriteFileAtomic(htmlPath, buf.Bytes(), nil, 0o644); err != nil {
		return nil, err
	}
	return append(written, htmlPath), nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func writeJSON(w io.Writer, res *measure.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"metrics": res})
}

// optimizeInMemory runs optimize on the original again (it is deterministic) and returns its
// result when it produces exactly the optimized Dockerfile being measured; nil otherwise.
func optimizeInMemory(paths *measurePaths, buildArgs []string) *optimize.Result {
	src, err := os.ReadFile(paths.original)
	if err != nil {
		return nil
	}
	measured, err := os.ReadFile(paths.optimized)
	if err != nil {
		return nil
	}
	bargs, err := parseBuildArgs(buildArgs)
	if err != nil {
		return nil
	}
	f, err := dockerfile.Parse(paths.original, src, dockerfile.Options{BuildArgs: bargs})
	if err != nil {
		return nil
	}
	rel, err := filepath.Rel(paths.dir, paths.original)
	if err != nil || strings.HasPrefix(rel, "..") {
		rel = ""
	}
	ctx, err := buildctx.Scan(paths.dir, rel)
	if err != nil {
		return nil
	}
	res, err := optimize.Optimize(f, ctx, optimize.Options{BuildArgs: bargs})
	if err != nil || !bytes.Equal(res.Dockerfile, measured) {
		return nil
	}
	return res
}

// progress shows what measure is doing on stderr: on a terminal one line, rewritten with the
// current phase and build step; otherwise one line per phase with the time it took.
type progress struct {
	w     io.Writer
	tty   bool
	width int
	mu    sync.Mutex
	cur   string
	start time.Time
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, width: 100}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = true
		if wd, _, err := term.GetSize(int(f.Fd())); err == nil && wd > 20 {
			p.width = wd
		}
	}
	return p
}

func (p *progress) phase(text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finish()
	p.cur, p.start = text, time.Now()
	if p.tty {
		p.line(text)
	}
}

func (p *progress) step(text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && p.cur != "" {
		p.line(p.cur + " · " + text)
	}
}

func (p *progress) line(s string) {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > p.width-2 {
		s = string(r[:p.width-3]) + "…"
	}
	fmt.Fprintf(p.w, "\r\033[K%s", s)
}

// finish closes the current phase (caller holds mu).
func (p *progress) finish() {
	if p.cur == "" {
		return
	}
	d := time.Since(p.start).Round(100 * time.Millisecond)
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K")
	}
	fmt.Fprintf(p.w, "measure: %s (%s)\n", p.cur, d)
	p.cur = ""
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finish()
}
