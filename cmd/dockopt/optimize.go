package main

import (
	"fmt"
	"io"

	"github.com/docker/go-units"

	"github.com/spf13/cobra"

	"github.com/dockopt/dockopt/app"
	"github.com/dockopt/dockopt/report"
)

type optimizeOptions struct {
	file       string
	out        string
	write      bool
	format     string
	healthPath string
	buildArgs  []string
	stdout     io.Writer
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
after saving them as *.orig.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.stdout = cmd.OutOrStdout()
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return runOptimize(o, dir)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.file, "file", "f", "Dockerfile", "the Dockerfile, relative to DIR")
	fl.StringVar(&o.out, "out", "", "write the results into this directory instead of DIR")
	fl.BoolVar(&o.write, "write", false, "replace the Dockerfile and .dockerignore in DIR, keeping the originals as *.orig")
	fl.StringVar(&o.format, "format", "md", "report format: md or json")
	fl.StringVar(&o.healthPath, "health-path", "", "HTTP path the generated HEALTHCHECK probes (default: the health route found in the source; none found, no HEALTHCHECK)")
	fl.StringArrayVar(&o.buildArgs, "build-arg", nil, "build argument NAME=VALUE used to resolve ARGs (repeatable)")
	return cmd
}

func runOptimize(o *optimizeOptions, dir string) error {
	bargs, err := app.ParseBuildArgs(o.buildArgs)
	if err != nil {
		return err
	}
	out, err := app.Optimize(app.OptimizeOptions{Dir: dir, File: o.file, Out: o.out, Write: o.write,
		Format: o.format, HealthPath: o.healthPath, BuildArgs: bargs})
	if err != nil {
		return err
	}
	r := out.Result
	w := o.stdout
	fmt.Fprintf(w, "dockopt optimize %s: %s build (%s)\n", dir, r.Ecosystem, r.EcosystemWhy)
	for i, c := range r.Changes {
		fmt.Fprintf(w, "  %2d. %s\n", i+1, c.Title)
	}
	if r.Ignore != nil {
		fmt.Fprintf(w, "  build context: %d files, %s → %d files, %s\n", r.Ignore.FilesBefore, units.BytesSize(float64(r.Ignore.BytesBefore)), r.Ignore.FilesAfter, units.BytesSize(float64(r.Ignore.BytesAfter)))
	}
	for _, n := range r.Notes {
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
	next := report.MeasureCommand(dir, o.file, o.out)
	fmt.Fprintf(w, "next: %s   (builds and runs both images and measures the difference; add --network host as the builds need; a --build-arg reaches only Dockerfiles that declare its ARG)\n", next)
	return nil
}
