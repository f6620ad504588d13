package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/docker/go-units"

	"github.com/spf13/cobra"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/fsutil"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/optimize"
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

// optimizeOutput is what one optimize run wrote.
type optimizeOutput struct {
	Dockerfile, Ignore, Report string
	// DockerfileIgnore is the optimized Dockerfile's own ignore file (written with --out)
	DockerfileIgnore string
	Result           *optimize.Result
}

func runOptimize(o *optimizeOptions, dir string) error {
	if o.format != "md" && o.format != "json" {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("unknown report format %q (want md or json)", o.format)}
	}
	if o.write && o.out != "" {
		return &exitError{code: exitUsage, msg: "--write and --out cannot be used together"}
	}
	out, err := doOptimize(o, dir)
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
	next := "dockopt measure " + dir
	if o.out != "" {
		next += " --out " + o.out
	}
	fmt.Fprintf(w, "next: %s   (builds and runs both images and measures the difference; add --network host and --build-arg NAME=VALUE as the builds need)\n", next)
	return nil
}

func doOptimize(o *optimizeOptions, dir string) (*optimizeOutput, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, &exitError{code: exitUsage, msg: fmt.Sprintf("%s: not a directory", dir)}
	}
	dfPath := filepath.Join(dir, o.file)
	if _, err := os.Stat(dfPath); errors.Is(err, fs.ErrNotExist) {
		return nil, &exitError{code: exitUsage, msg: fmt.Sprintf("%s: no Dockerfile (use -f to name another)", dfPath)}
	}
	// Read as lint reads: bounded, so a huge file or a device is refused, not loaded whole.
	src, ferr := lint.ReadSource(dfPath, nil)
	if ferr != nil {
		return nil, &exitError{code: exitUsage, msg: ferr.Error()}
	}
	bargs, err := parseBuildArgs(o.buildArgs)
	if err != nil {
		return nil, err
	}
	f, err := dockerfile.Parse(dfPath, src, dockerfile.Options{BuildArgs: bargs})
	if err != nil {
		return nil, &exitError{code: exitUsage, msg: err.Error()}
	}
	ctx, err := buildctx.Scan(dir, o.file)
	if err != nil {
		return nil, &exitError{code: exitUsage, msg: err.Error()}
	}
	res, err := optimize.Optimize(f, ctx, optimize.Options{HealthPath: o.healthPath, BuildArgs: bargs})
	if err != nil {
		return nil, err
	}
	outDir := dir
	if o.out != "" {
		outDir = o.out
		if err := os.MkdirAll(outDir, 0o755); err != nil {
			return nil, &exitError{code: exitUsage, msg: err.Error()}
		}
	}
	out := &optimizeOutput{Result: res}
	out.Dockerfile = filepath.Join(outDir, filepath.Base(o.file)+".optimized")
	ignoreName := ".dockerignore"
	if ctx.HasDockerignore() && !o.write {
		ignoreName = ".dockerignore.suggested"
	}
	if o.write {
		if !fsutil.Within(dir, dfPath) {
			return nil, &exitError{code: exitUsage, msg: fmt.Sprintf("%s is outside the build context %s: not written", dfPath, dir)}
		}
		if err := backupAndReplace(dfPath, src, res.Dockerfile); err != nil {
			return nil, err
		}
		out.Dockerfile = dfPath
	} else if err := fsutil.WriteFileAtomic(out.Dockerfile, res.Dockerfile, nil, 0o644); err != nil {
		return nil, err
	}
	if res.Ignore != nil {
		var userText []byte
		if ctx.HasDockerignore() {
			userText, _ = os.ReadFile(filepath.Join(dir, ctx.DockerignorePath))
		}
		text := []byte(res.Ignore.Merge(string(userText)))
		switch {
		case o.write:
			out.Ignore = filepath.Join(dir, ".dockerignore")
			if ctx.HasDockerignore() {
				out.Ignore = filepath.Join(dir, ctx.DockerignorePath)
			}
			if err := backupAndReplace(out.Ignore, userText, text); err != nil {
				return nil, err
			}
		default:
			out.Ignore = filepath.Join(outDir, ignoreName)
			if err := fsutil.WriteFileAtomic(out.Ignore, text, nil, 0o644); err != nil {
				return nil, err
			}
			if outDir != dir {
				// BuildKit reads <Dockerfile>.dockerignore next to the Dockerfile named with -f,
				// so `docker build -f OUT/Dockerfile.optimized DIR` keeps the same files out
				out.DockerfileIgnore = out.Dockerfile + ".dockerignore"
				if err := fsutil.WriteFileAtomic(out.DockerfileIgnore, text, nil, 0o644); err != nil {
					return nil, err
				}
			}
		}
	}
	ext := ".md"
	if o.format == "json" {
		ext = ".json"
	}
	out.Report = filepath.Join(outDir, "dockopt-report"+ext)
	var buf bytes.Buffer
	in := &report.Input{Dir: dir, DockerfileName: o.file, OutDockerfile: out.Dockerfile, OutIgnore: out.Ignore, OutDockerfileIgnore: out.DockerfileIgnore, Opt: res}
	if o.format == "json" {
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

// backupAndReplace saves path's current bytes as path.orig (unless a .orig is already there),
// then replaces path atomically (refusing if it changed since it was read).
func backupAndReplace(path string, original, data []byte) error {
	if bytes.Equal(original, data) {
		return nil
	}
	if original != nil {
		// the first original is the one worth keeping: a second --write must not replace it
		// with the first run's output
		if _, err := os.Stat(path + ".orig"); errors.Is(err, fs.ErrNotExist) {
			if err := fsutil.WriteFileAtomic(path+".orig", original, nil, 0o644); err != nil {
				return err
			}
		}
	}
	return fsutil.WriteFileAtomic(path, data, original, 0o644)
}
