package main

import (
	"fmt"
	"io"

	"github.com/docker/go-units"

	"github.com/spf13/cobra"

	"github.com/dockopt/dockopt/app"
)

type optimizeOptions struct {
	file       string
	fileSet    bool
	target     string
	service    string
	out        string
	write      bool
	format     string
	healthPath string
	buildArgs  []string
	platform   string
	runtime    string
	// cacheMounts is --cache-mounts (default true).
	cacheMounts bool
	stdout      io.Writer
}

func init() { extraCommands = append(extraCommands, newOptimizeCmd) }

func newOptimizeCmd() *cobra.Command {
	o := &optimizeOptions{}
	cmd := &cobra.Command{
		Use:   "optimize [DIR]",
		Short: "Rewrite a build context's Dockerfile into a small, hardened multi-stage build, with a .dockerignore and a report",
		Long: `optimize reads DIR (default .): its Dockerfile and build context. It writes, without
touching the originals, Dockerfile.optimized, .dockerignore (or .dockerignore.suggested when
one exists) and dockopt-report.md into DIR, or into --out. --write replaces the originals
after saving them as *.orig. --target STAGE optimizes that stage (the one
docker build --target builds) instead of the last one.

When DIR has a compose file (compose.yaml, compose.yml, docker-compose.yaml,
docker-compose.yml), each service with a local build: is optimized with its context,
dockerfile, target and args (--service NAME: that one only), and a line says which stage
compose builds. With --out OUT its files go into OUT/<service>/; without, into its build
context, named for the service (Dockerfile.<service>.optimized, dockopt-report.<service>.md)
when several services build in that context. -f names one Dockerfile: it is optimized at the
stage the compose service that builds it builds. --target, -f and --build-arg win over the
compose file's values.

--runtime distroless moves the image that ships onto the distroless Debian 12 image that runs
it (python3, nodejs20, static, base; tag nonroot): commands in exec form, the HEALTHCHECK with
the runtime or the program's probe flag, user 65532, and the shared libraries apt installed
copied from the build stage with those they need (read in the local images through the engine).
When that cannot be done safely the stage stays slim and a note says why. --runtime scratch
applies to static binaries only.

By default the dependency installs keep their caches on BuildKit cache mounts
(RUN --mount=type=cache): apt's lists and downloads (sharing=locked, Debian's docker-clean
removed), pip's, npm's and the go command's caches, so a rebuild after a dependency change
downloads only what changed and no cache reaches a layer. In the build stages the split
writes or the original has (never the stage that ships), the installs and builds get their
managers' mounts too: poetry, pipenv, uv, yarn (classic, or berry's global cache), pnpm (its
store, named with --store-dir), cargo (the registry, never the target directory), maven,
gradle, npm, pip, go and apt (never a cache a later COPY --from reads); a cleanup in the same RUN that would empty a mount is dropped, and the report
names each RUN and its mounts. RUN --mount needs BuildKit with the
Dockerfile frontend 1.2 or later (Docker 20.10's built-in builder, DOCKER_BUILDKIT=1);
--cache-mounts=false writes none and removes the caches in each layer instead.

A compose file that does not parse, a --service that names no service or one without build:,
a target that names no stage: exit 2, and nothing is written.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.stdout = cmd.OutOrStdout()
			o.fileSet = cmd.Flags().Changed("file")
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return runOptimize(o, dir)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.file, "file", "f", "Dockerfile", "the Dockerfile, relative to DIR (to the service's context with --service)")
	fl.StringVar(&o.target, "target", "", "the stage to optimize, as docker build --target names it (default: the compose service's build.target, else the last stage)")
	fl.StringVar(&o.service, "service", "", "optimize only this service of DIR's compose file")
	fl.StringVar(&o.out, "out", "", "write the results into this directory instead of DIR")
	fl.BoolVar(&o.write, "write", false, "replace the Dockerfile and .dockerignore in DIR, keeping the originals as *.orig")
	fl.StringVar(&o.format, "format", "md", "report format: md or json")
	fl.StringVar(&o.healthPath, "health-path", "", "HTTP path the generated HEALTHCHECK probes (default: the health route found in the source; none found, no HEALTHCHECK)")
	stringArrayVarP(fl, &o.buildArgs, "build-arg", "", "build argument NAME=VALUE used to resolve ARGs (repeatable)")
	fl.StringVar(&o.platform, "platform", "", "platforms the image is built for, comma-separated os/arch[/variant] (linux/amd64,linux/arm64): Go builds, static front-end builds, pure-Node production installs, the Python recipe's wheel install and Rust builds of Rust code alone run on $BUILDPLATFORM; what cannot, and why, is noted")
	fl.StringVar(&o.runtime, "runtime", "slim", "base of the image that ships: slim (a slim variant, or scratch for a static Go binary), distroless (gcr.io/distroless/*-debian12:nonroot, no shell; reads the builder image's libraries through the engine when apt installed some), or scratch (static binaries only)")
	fl.BoolVar(&o.cacheMounts, "cache-mounts", true, "put the dependency installs' caches (apt, pip, npm, go; in build stages also uv, poetry, pipenv, yarn, pnpm, cargo, maven, gradle) on BuildKit cache mounts (RUN --mount=type=cache: Docker 20.10's built-in BuildKit or later) instead of deleting them in the layer; --cache-mounts=false for builders without BuildKit")
	return cmd
}

func runOptimize(o *optimizeOptions, dir string) error {
	bargs, err := app.ParseBuildArgs(o.buildArgs)
	if err != nil {
		return err
	}
	plats, err := app.ParsePlatforms(o.platform)
	if err != nil {
		return err
	}
	if err := app.ParseHealthPath(o.healthPath); err != nil {
		return err
	}
	file := ""
	if o.fileSet {
		file = o.file
	}
	run, err := app.OptimizeAll(app.OptimizeOptions{Dir: dir, File: file, Target: o.target, Service: o.service, Out: o.out, Write: o.write,
		Format: o.format, HealthPath: o.healthPath, BuildArgs: bargs, Runtime: o.runtime, Platforms: plats, NoCacheMounts: !o.cacheMounts})
	if err != nil {
		return err
	}
	w := o.stdout
	for _, n := range run.Notes {
		fmt.Fprintf(w, "dockopt optimize %s: %s\n", dir, n)
	}
	for _, out := range run.Outputs {
		printOptimized(w, dir, out)
	}
	return nil
}

// printOptimized prints what optimize did for one build and the command that measures it.
func printOptimized(w io.Writer, dir string, out *app.OptimizeOutput) {
	r, b := out.Result, out.Build
	what := dir
	if b.Service != nil {
		what += " (service " + b.Service.Name + ")"
	}
	if b.Target != "" {
		what += fmt.Sprintf(", stage %q", b.Target)
	}
	// where the stage came from first: optimizing a stage nothing builds is never silent
	for _, n := range b.Notes {
		fmt.Fprintf(w, "dockopt optimize %s: %s\n", dir, n)
	}
	fmt.Fprintf(w, "dockopt optimize %s: %s build (%s)\n", what, r.Ecosystem, r.EcosystemWhy)
	for i, c := range r.Changes {
		fmt.Fprintf(w, "  %2d. %s\n", i+1, c.Title)
	}
	if r.Ignore != nil {
		fmt.Fprintf(w, "  build context: %d files, %s → %d files, %s\n", r.Ignore.FilesBefore, units.BytesSize(float64(r.Ignore.BytesBefore)), r.Ignore.FilesAfter, units.BytesSize(float64(r.Ignore.BytesAfter)))
	}
	for _, n := range r.Notes[len(b.Notes):] {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	fmt.Fprintf(w, "wrote %s", out.Dockerfile)
	if out.DockerfileIgnore != "" {
		fmt.Fprintf(w, ", %s (its ignore file, which BuildKit reads)", out.DockerfileIgnore)
	}
	if out.Ignore != "" {
		fmt.Fprintf(w, ", %s", out.Ignore)
	}
	fmt.Fprintf(w, ", %s\n", out.Report)
	fmt.Fprintf(w, "next: %s   (builds and runs both images and measures the difference; add --network host as the builds need; a --build-arg reaches only Dockerfiles that declare its ARG)\n", out.MeasureCommand)
}
