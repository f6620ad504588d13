package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dockopt/dockopt/app"
	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/measure"
	"github.com/dockopt/dockopt/report"
)

// exitInterrupted is the exit code after Ctrl-C (128 + SIGINT), once everything is cleaned up
// (143 after SIGTERM: see interruptible).
const exitInterrupted = 130

type measureOptions struct {
	out, original, optimized, ignore string
	target, service                  string
	docker, builder                  string
	network, platform, runNetwork    string
	buildArgs, probes, smoke, env    []string
	envFiles, addHosts               []string
	noRun, withDeps                  bool
	port, runs                       int
	healthTimeout                    time.Duration
	touch                            string
	noRebuild, noDepRebuild          bool
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
--smoke commands, the user, and whether the optimized image still works hardened (--read-only
--tmpfs /tmp, --cap-drop ALL, --security-opt no-new-privileges; each alone when together fails,
and an option that fails alone is retried with the least added back that it works with: a
tmpfs on the directories the normal run wrote, capabilities after --cap-drop ALL).

DIR is never modified: each build uses a copy of the context, the optimized one with the
generated .dockerignore. Everything measure creates (images, containers, temporary
directories) is removed when it ends, also after a failure or Ctrl-C; the build cache is
left to the engine. The results go into the report's metrics section (dockopt-report.md or
.json, next to the optimized Dockerfile, or --out) and a self-contained dockopt-report.html.
When the optimized Dockerfile is not what dockopt optimize makes of the original (edited by
hand, or from elsewhere), the measurement alone is written, as dockopt-measure.md (or .json)
and dockopt-measure.html.

--target STAGE builds that stage of both Dockerfiles (dockopt optimize keeps its name). When
DIR has a compose file, measure measures one service (--service NAME, or the only one with a
build:) as compose builds and runs it: its context, dockerfile, target and args; its
environment and env files in both containers (--env wins); its ports choose the port probed
among the EXPOSEd ones (--port wins); its healthcheck is run in both as a --smoke command. It
finds the files dockopt optimize wrote for that service (OUT/<service>/ with --out).
--with-deps starts the service's depends_on services (and theirs) first, on a private network
where both containers reach them by service name: through docker compose (up --wait) when the
CLI has the compose plugin, else with docker run from the compose file (image, environment,
env files, command, entrypoint, user, healthcheck; bind mounts read-only, named volumes
fresh), each waited for until healthy (or running, without a health check). Both images run
against the same dependencies, removed afterwards.

--platform linux/amd64,linux/arm64 builds both images for each platform and reports each
image's size per platform; only the engine's own platform is run (the other figures are of
its images). A platform that cannot be built (no emulation for a stage that runs its
programs, a base image without it) is reported with the reason, without a figure.

When measure stops after both images were built (a container or a dependency that does not
become healthy), the reports are still written, with what was measured and the failure.

Exit codes: 0 measured and every required check passed; 1 a build failed, a container did
not become healthy, or a required check failed; 2 usage errors; 3 no container engine could
be used (no docker CLI, no daemon answering, no BuildKit, an unknown --builder).`,
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
	o.addFlags(cmd.Flags())
	return cmd
}

// addFlags defines measure's flags on fl.
func (o *measureOptions) addFlags(fl *pflag.FlagSet) {
	fl.StringVar(&o.out, "out", "", "the directory dockopt optimize wrote to (default DIR; a compose service's files are in OUT/<service>/); the reports are written there")
	fl.StringVar(&o.original, "original", "", "the original Dockerfile (default DIR/Dockerfile)")
	fl.StringVar(&o.optimized, "optimized", "", "the optimized Dockerfile (default OUT/<original's name>.optimized)")
	fl.StringVar(&o.target, "target", "", "the stage both builds produce, as docker build --target names it (default: the compose service's build.target, else the last stage)")
	fl.StringVar(&o.service, "service", "", "measure this service of DIR's compose file")
	fl.StringVar(&o.ignore, "ignore", "", "the .dockerignore for the optimized build (default OUT/.dockerignore.suggested or OUT/.dockerignore)")
	fl.StringVar(&o.docker, "docker", "", "the docker CLI to use (default: the first on PATH that can build with BuildKit)")
	fl.StringVar(&o.builder, "builder", "", "buildx builder to build with (needs docker buildx)")
	fl.StringVar(&o.network, "network", "", "network mode for the builds' RUN instructions (--network of docker build; default the engine's); the containers' is --run-network")
	fl.StringVar(&o.runNetwork, "run-network", "", "network both containers run in (--network of docker run, e.g. a network where the service's database is; default the engine's)")
	stringArrayVarP(fl, &o.envFiles, "env-file", "", "file of NAME=VALUE lines for both containers (docker run --env-file; repeatable; --env wins)")
	stringArrayVarP(fl, &o.addHosts, "add-host", "", "HOST:IP entry in both containers' /etc/hosts (docker run --add-host; repeatable)")
	fl.BoolVar(&o.withDeps, "with-deps", false, "start the compose service's depends_on services (and theirs) first, on a private network where both containers reach them by service name: through docker compose when the plugin is installed, else with docker run from the compose file; removed afterwards")
	fl.BoolVar(&o.noRun, "no-run", false, "build and compare the images only: run no container (the checks that need one are reported as not run)")
	fl.StringVar(&o.platform, "platform", "", "platforms both images are built for, comma-separated os/arch[/variant] (linux/amd64,linux/arm64): each image's size is reported per platform; only the engine's own platform is run")
	stringArrayVarP(fl, &o.buildArgs, "build-arg", "", "build argument NAME=VALUE for both builds (repeatable)")
	stringArrayVarP(fl, &o.probes, "probe", "", "HTTP path to request on both containers and compare (repeatable; default /health)")
	stringArrayVarP(fl, &o.smoke, "smoke", "", "command to run in both containers (docker exec, no shell) and compare exit codes (repeatable)")
	stringArrayVarP(fl, &o.env, "env", "e", "environment variable NAME=VALUE for both containers (repeatable)")
	fl.IntVar(&o.port, "port", 0, "the service's container port (default the lowest EXPOSEd TCP port)")
	fl.DurationVar(&o.healthTimeout, "health-timeout", 2*time.Minute, "how long each container may take to become healthy")
	fl.StringVar(&o.touch, "touch", "", "file to change for the rebuild time, relative to DIR (default: an application source file)")
	fl.BoolVar(&o.noRebuild, "no-rebuild", false, "do not measure the rebuilds (after a code-only change, and after a dependency change)")
	fl.BoolVar(&o.noDepRebuild, "no-dep-rebuild", false, "do not measure the rebuild after a dependency change (the code-only rebuild still is)")
	fl.IntVar(&o.runs, "runs", measure.DefaultRuns, "how many cold builds, code-only rebuilds, dependency-change rebuilds and runs (time to healthy, memory) of each image to measure, alternating original and optimized (min / median / max reported)")
	fl.StringVar(&o.format, "format", "md", "report format: md or json (the HTML report is always written)")
}

func runMeasure(o *measureOptions, dir string) error {
	if o.format != "md" && o.format != "json" {
		return app.Inputf("unknown report format %q (want md or json)", o.format)
	}
	smoke, err := checkMeasureOptions(o)
	if err != nil {
		return err
	}
	bargs, _ := app.ParseBuildArgs(o.buildArgs) // checked above
	plats, _ := app.ParsePlatforms(o.platform)  // checked above
	paths, err := app.ResolveMeasure(app.MeasureFiles{Dir: dir, Out: o.out, Original: o.original, Optimized: o.optimized, Ignore: o.ignore,
		Target: o.target, Service: o.service, BuildArgs: bargs, WithDeps: o.withDeps, Platforms: plats})
	if err != nil {
		return err
	}
	deps := paths.Deps
	if o.noRun && deps != nil {
		deps = nil
		paths.Notes = append(paths.Notes, "--with-deps with --no-run: no container runs, so no dependency was started")
	}
	env, envFiles := paths.ContainerEnv(o.env, o.envFiles)
	// where the stage came from, before any build: measuring a stage nothing builds is never silent
	for _, n := range paths.Build.Notes {
		fmt.Fprintf(o.stdout, "dockopt measure %s: %s\n", dir, n)
	}

	ctx, stop, interruptCode := interruptible(context.Background())
	defer stop()
	eng, err := engine.New(ctx, engine.Options{Docker: o.docker, Builder: o.builder})
	if err != nil {
		return &app.EngineError{Err: err}
	}
	if deps != nil {
		// the same CLI as every other command: its compose plugin, else docker run
		if v, err := eng.ComposeVersion(ctx); err == nil {
			deps.Compose = v
		} else if err := paths.DepsWithoutCompose(); err != nil {
			return err
		}
	}
	prog := newProgress(o.stderr)
	res, err := runOnEngine(ctx, eng, o, paths, measure.Options{Platforms: plats, Smoke: append(paths.Smoke, smoke...), Deps: deps, Env: env, EnvFiles: envFiles}, prog)
	if ctx.Err() != nil {
		return &app.InterruptedError{Code: interruptCode(), Msg: "interrupted: the images, containers and temporary files it created were removed"}
	}
	if err != nil && (res == nil || res.Failure == "") {
		return &app.FailedError{Msg: err.Error()}
	}
	measureErr := err
	res.Notes = append(paths.Notes, res.Notes...)
	written, err := app.WriteMeasureReports(paths, res, o.format)
	if err != nil {
		return err
	}
	printMeasure(o.stdout, dir, res, written)
	if measureErr != nil {
		// stopped after both images were built: what was measured is in the reports
		return &app.FailedError{Msg: measureErr.Error()}
	}
	if failed := res.Failed(); len(failed) > 0 {
		names := make([]string, len(failed))
		for i, c := range failed {
			names[i] = c.Name
		}
		return app.Failedf("failed: %s", strings.Join(names, "; "))
	}
	return nil
}

// buildArgList is the build args as NAME=VALUE, sorted by name.
func buildArgList(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, k+"="+m[k])
	}
	return out
}

// checkMeasureOptions checks the flags before any build, and splits the --smoke commands.
func checkMeasureOptions(o *measureOptions) (smoke [][]string, err error) {
	for _, s := range o.smoke {
		words, err := measure.SplitCommand(s)
		if err != nil {
			return nil, app.Inputf("--smoke %q: %v", s, err)
		}
		smoke = append(smoke, words)
	}
	for _, p := range o.probes {
		if !strings.HasPrefix(p, "/") {
			return nil, app.Inputf("--probe %q: want a path starting with /", p)
		}
	}
	if _, err := app.ParseBuildArgs(o.buildArgs); err != nil {
		return nil, err
	}
	if _, err := app.ParsePlatforms(o.platform); err != nil {
		return nil, err
	}
	if o.port < 0 || o.port > 65535 {
		return nil, app.Inputf("--port %d: want a TCP port from 1 to 65535 (or 0: the lowest EXPOSEd port)", o.port)
	}
	for _, f := range o.envFiles {
		if st, err := os.Stat(f); err != nil || !st.Mode().IsRegular() {
			return nil, app.Inputf("--env-file %s: not a readable file", f)
		}
		fh, err := os.Open(f)
		if err != nil {
			return nil, app.Inputf("--env-file %s: %v", f, err)
		}
		fh.Close()
	}
	for _, kv := range o.env {
		if k, _, _ := strings.Cut(kv, "="); k == "" {
			return nil, app.Inputf("--env %q: want NAME=VALUE (or NAME, to pass this environment's value)", kv)
		}
	}
	for _, h := range o.addHosts {
		host, ip, ok := strings.Cut(h, ":")
		if !ok || host == "" || ip == "" {
			return nil, app.Inputf("--add-host %q: want HOST:IP", h)
		}
	}
	if o.withDeps && o.runNetwork != "" {
		return nil, app.Inputf("--with-deps and --run-network %s: with --with-deps both containers run on the private network where the dependencies answer; drop one of them", o.runNetwork)
	}
	if o.runNetwork == "host" && !o.noRun {
		// docker run publishes no port in the host's network namespace, and measure probes the
		// published port: the probes could never answer.
		return nil, app.Inputf("--run-network host: measure probes the port docker run publishes, and a container on the host network publishes none; use a named network (docker network create NAME) or --no-run")
	}
	if o.runs < 1 {
		return nil, app.Inputf("--runs %d: want at least 1 (the default %d gives a spread)", o.runs, measure.DefaultRuns)
	}
	if o.healthTimeout <= 0 {
		return nil, app.Inputf("--health-timeout %s: want a positive duration such as 90s or 2m", o.healthTimeout)
	}
	return smoke, nil
}

// printMeasure prints the figures, the checks, the notes and the files written.
func printMeasure(w io.Writer, dir string, res *measure.Result, written []string) {
	fmt.Fprintf(w, "dockopt measure %s\n%s\n\n%s\n", dir, report.EngineLine(res), report.MetricsTable(res))
	if t := report.PlatformsTable(res); t != "" {
		fmt.Fprintf(w, "%s\n", t)
	}
	for _, c := range res.Checks {
		mark := "ok  "
		if c.NotRun || c.Undecided {
			mark = "--  "
		} else if !c.OK {
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
}

// runOnEngine measures both images on the engine with the command line's options added to
// opt (the platforms, smoke commands, dependencies and environment resolved before), then
// removes what it created, whatever happened.
func runOnEngine(ctx context.Context, eng *engine.Engine, o *measureOptions, paths *app.MeasurePaths, opt measure.Options, prog *progress) (res *measure.Result, err error) {
	defer func() {
		prog.phase("removing the images, containers and temporary files measure created")
		if cerr := eng.Cleanup(); cerr != nil {
			prog.done()
			fmt.Fprintf(o.stderr, "dockopt: cleanup: %v\n", cerr)
		}
		prog.done()
	}()
	opt.ContextDir, opt.Original, opt.Optimized = paths.Dir, paths.Original, paths.Optimized
	opt.OriginalIgnore, opt.OptimizedIgnore, opt.LeaveOut = paths.OriginalIgnore, paths.OptimizedIgnore, paths.LeaveOut
	opt.BuildArgs, opt.Target, opt.Network = buildArgList(paths.Build.BuildArgs), paths.Build.Target, o.network
	opt.Port, opt.PortHints, opt.Probes = o.port, paths.PortHints, o.probes
	opt.RunNetwork, opt.AddHosts, opt.NoRun = o.runNetwork, o.addHosts, o.noRun
	opt.HealthTimeout, opt.Touch, opt.NoRebuild, opt.NoDepRebuild, opt.Runs = o.healthTimeout, o.touch, o.noRebuild, o.noDepRebuild, o.runs
	opt.Phase, opt.Step = prog.phase, prog.step
	return measure.Run(ctx, eng, opt)
}
