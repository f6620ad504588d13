package app

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dockopt/dockopt/fsutil"
	"github.com/dockopt/dockopt/optimize"
	"github.com/dockopt/dockopt/report"
)

// OptimizeOptions are one optimize run's inputs.
type OptimizeOptions struct {
	// Dir is the build context; File the Dockerfile relative to it.
	Dir, File string
	// Out is the directory written to ("" for Dir); Write replaces the originals in Dir,
	// keeping them as *.orig.
	Out   string
	Write bool
	// Format is the report's: md or json.
	Format     string
	HealthPath string
	BuildArgs  map[string]string
}

// OptimizeOutput is what one optimize run wrote.
type OptimizeOutput struct {
	Dockerfile, Ignore, Report string
	// DockerfileIgnore is the optimized Dockerfile's own ignore file (written with --out).
	DockerfileIgnore string
	Result           *optimize.Result
}

// Optimize loads the project, optimizes it and writes the optimized Dockerfile, the
// generated ignore file and the report where OutputNames say.
func Optimize(o OptimizeOptions) (*OptimizeOutput, error) {
	if o.Format != "md" && o.Format != "json" {
		return nil, Inputf("unknown report format %q (want md or json)", o.Format)
	}
	if o.Write && o.Out != "" {
		return nil, Inputf("--write and --out cannot be used together")
	}
	p, err := Load(o.Dir, o.File, o.BuildArgs)
	if err != nil {
		return nil, err
	}
	res, err := optimize.Optimize(p.File, p.Context, optimize.Options{HealthPath: o.HealthPath, BuildArgs: o.BuildArgs})
	if err != nil {
		return nil, err
	}
	outDir := o.Dir
	if o.Out != "" {
		outDir = o.Out
		if err := os.MkdirAll(outDir, 0o755); err != nil {
			return nil, AsInput(err)
		}
	}
	out := &OptimizeOutput{Result: res, Dockerfile: OptimizedPath(outDir, o.File)}
	if o.Write {
		if !fsutil.Within(o.Dir, p.Path) {
			return nil, Inputf("%s is outside the build context %s: not written", p.Path, o.Dir)
		}
		if err := backupAndReplace(p.Path, p.Bytes, res.Dockerfile); err != nil {
			return nil, err
		}
		out.Dockerfile = p.Path
	} else if err := fsutil.WriteFileAtomic(out.Dockerfile, res.Dockerfile, nil, 0o644); err != nil {
		return nil, err
	}
	if res.Ignore != nil {
		if err := writeIgnore(o, p, outDir, out); err != nil {
			return nil, err
		}
	}
	out.Report = ReportPath(outDir, o.Format)
	var buf bytes.Buffer
	original := p.Path
	if o.Write && !bytes.Equal(p.Bytes, res.Dockerfile) {
		original = BackupPath(p.Path) // where the original is now
	}
	in := &report.Input{Dir: o.Dir, DockerfileName: o.File, OutDockerfile: out.Dockerfile, OutIgnore: out.Ignore, OutDockerfileIgnore: out.DockerfileIgnore, Opt: res,
		CIS: optimizeCIS(p, res, original, out.Dockerfile)}
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

// writeIgnore writes the generated ignore file (the user's lines kept at the top): with
// --write over the context's own; else into outDir, and with --out also next to the
// optimized Dockerfile, where BuildKit reads it for `docker build -f OUT/... DIR`.
func writeIgnore(o OptimizeOptions, p *Project, outDir string, out *OptimizeOutput) error {
	ctx := p.Context
	var userText []byte
	if ctx.HasDockerignore() {
		userText, _ = os.ReadFile(filepath.Join(o.Dir, ctx.DockerignorePath))
	}
	text := []byte(out.Result.Ignore.Merge(string(userText)))
	if o.Write {
		out.Ignore = filepath.Join(o.Dir, DockerignoreName)
		if ctx.HasDockerignore() {
			out.Ignore = filepath.Join(o.Dir, ctx.DockerignorePath)
		}
		return backupAndReplace(out.Ignore, userText, text)
	}
	out.Ignore = filepath.Join(outDir, IgnoreName(ctx.HasDockerignore(), false))
	if err := fsutil.WriteFileAtomic(out.Ignore, text, nil, 0o644); err != nil {
		return err
	}
	if outDir != o.Dir {
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
