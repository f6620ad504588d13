package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockopt/dockopt/fsutil"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/measure"
	"github.com/dockopt/dockopt/optimize"
	"github.com/dockopt/dockopt/report"
)

// MeasureFiles are the files named on measure's command line ("" for the defaults).
type MeasureFiles struct {
	// Dir is the build context; Out the directory optimize wrote to (default Dir, or the
	// optimized Dockerfile's directory).
	Dir, Out string
	// Original, Optimized and Ignore (the optimized build's ignore file) name the inputs.
	Original, Optimized, Ignore string
}

// MeasurePaths are the files one measurement uses and writes.
type MeasurePaths struct {
	Dir, Out                        string
	Original, Optimized             string
	OriginalIgnore, OptimizedIgnore string
	// LeaveOut are dockopt's own output files in Dir (slash-separated, relative), left out
	// of both builds' context copies.
	LeaveOut []string
	// Notes go into the report.
	Notes []string
}

// ResolveMeasure finds the files of a measurement: the original (Dir/Dockerfile), the
// optimized Dockerfile optimize wrote for it (OptimizedPath in Out), the generated ignore
// file and the context's own. Every failure is an *InputError.
func ResolveMeasure(f MeasureFiles) (*MeasurePaths, error) {
	dir := f.Dir
	if err := checkContextDir(dir); err != nil {
		return nil, err
	}
	p := &MeasurePaths{Dir: dir, Out: f.Out, Original: f.Original, Optimized: f.Optimized, OptimizedIgnore: f.Ignore}
	if f.Ignore != "" && !fileExists(f.Ignore) {
		return nil, Inputf("--ignore %s: not a readable file", f.Ignore)
	}
	if p.Out == "" {
		p.Out = dir
		if p.Optimized != "" {
			p.Out = filepath.Dir(p.Optimized)
		}
	}
	if p.Original == "" {
		p.Original = filepath.Join(dir, "Dockerfile")
	}
	if p.Optimized == "" {
		p.Optimized = OptimizedPath(p.Out, p.Original)
	}
	if _, err := os.Stat(p.Original); err != nil {
		return nil, Inputf("%s: no original Dockerfile (name it with --original)", p.Original)
	}
	if _, err := os.Stat(p.Optimized); err != nil {
		hint := "run `dockopt optimize " + dir + "` first"
		if f.Out == "" {
			hint += ", or pass --out with the directory it wrote to"
		}
		return nil, Inputf("%s: no optimized Dockerfile (%s, or name one with --optimized)", p.Optimized, hint)
	}
	// Both are read as lint reads them (bounded: a huge file or a device is refused here,
	// before any build).
	for _, df := range []string{p.Original, p.Optimized} {
		if _, ferr := lint.ReadSource(df, nil); ferr != nil {
			return nil, AsInput(ferr)
		}
	}
	if p.OptimizedIgnore == "" {
		for _, c := range IgnoreCandidates(p.Out) {
			if _, err := os.Stat(c); err == nil {
				p.OptimizedIgnore = c
				break
			}
		}
	}
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
	return p, nil
}

// leaveOut lists dockopt's outputs in the build context: the names optimize gives the
// outputs of the original, and the optimized Dockerfile and its ignore file when they are in
// the context under other names.
func leaveOut(p *MeasurePaths) []string {
	out := OutputNames(p.Original)
	for _, f := range []string{p.Optimized, DockerfileIgnorePath(p.Optimized)} {
		if rel, err := filepath.Rel(p.Dir, f); err == nil && !strings.HasPrefix(rel, "..") {
			out = append(out, filepath.ToSlash(rel))
		}
	}
	return out
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
func WriteMeasureReports(p *MeasurePaths, res *measure.Result, format string, buildArgs map[string]string) ([]string, error) {
	if err := os.MkdirAll(p.Out, 0o755); err != nil {
		return nil, AsInput(err)
	}
	in := &report.Input{Dir: p.Dir, DockerfileName: filepath.Base(p.Original), OutDockerfile: p.Optimized,
		OutIgnore: p.OptimizedIgnore, MetricsMarkdown: report.MetricsMarkdown(res), Metrics: res,
		CIS: measureCIS(p, res, buildArgs)}
	in.Opt = optimizeInMemory(p, buildArgs)
	render := func(format string) (path string, data []byte, err error) {
		var buf bytes.Buffer
		switch {
		case in.Opt != nil && format == "json":
			path, err = ReportPath(p.Out, format), report.JSON(&buf, in)
		case in.Opt != nil:
			path, err = ReportPath(p.Out, format), report.Markdown(&buf, in)
		case format == "json":
			path, err = MeasureReportPath(p.Out, format), report.MeasureJSON(&buf, res, in.CIS)
		default:
			path, err = MeasureReportPath(p.Out, format), report.MeasureMarkdown(&buf, p.Dir, p.Original, p.Optimized, res, in.CIS)
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
	htmlPath := ReportPath(p.Out, "html")
	if in.Opt == nil {
		htmlPath = MeasureReportPath(p.Out, "html")
	}
	if err := fsutil.WriteFileAtomic(htmlPath, buf.Bytes(), nil, 0o644); err != nil {
		return nil, err
	}
	return append(written, htmlPath), nil
}

// optimizeInMemory runs optimize on the original again (it is deterministic) and returns its
// result when it produces exactly the optimized Dockerfile being measured; nil otherwise.
func optimizeInMemory(p *MeasurePaths, buildArgs map[string]string) *optimize.Result {
	measured, err := os.ReadFile(p.Optimized)
	if err != nil {
		return nil
	}
	rel, err := filepath.Rel(p.Dir, p.Original)
	if err != nil || strings.HasPrefix(rel, "..") {
		rel = ""
	}
	proj, err := loadPath(p.Dir, p.Original, rel, buildArgs)
	if err != nil {
		return nil
	}
	res, err := optimize.Optimize(proj.File, proj.Context, optimize.Options{BuildArgs: buildArgs})
	if err != nil || !bytes.Equal(res.Dockerfile, measured) {
		return nil
	}
	return res
}
