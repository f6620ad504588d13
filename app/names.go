package app

import (
	"path/filepath"
	"slices"

	"github.com/dockopt/dockopt/buildctx"
)

// The names of every file dockopt writes. Nothing else in the tree spells them.
const (
	// OptimizedSuffix makes the optimized Dockerfile's name from the original's:
	// Dockerfile.optimized, api.Dockerfile.optimized.
	OptimizedSuffix = ".optimized"
	// DockerignoreName is the build context's ignore file; SuggestedIgnoreName the generated
	// one when the context already has its own (and optimize does not --write).
	DockerignoreName    = buildctx.IgnoreFile
	SuggestedIgnoreName = ".dockerignore.suggested"
	// BackupSuffix names the copy of a file that optimize --write replaced.
	BackupSuffix = ".orig"
	// ReportStem is the optimize report's name (measure adds its metrics to it); MeasureStem
	// the measurement alone, when the optimized Dockerfile is not optimize's output.
	ReportStem  = "dockopt-report"
	MeasureStem = "dockopt-measure"
)

// reportExts are the report formats' extensions; html is always written by measure.
var reportExts = map[string]string{"md": ".md", "json": ".json", "html": ".html"}

// Outputs names the files optimize and measure write for one build: in Dir, for the
// Dockerfile named Dockerfile (a base name), with Tag (a compose service's name, when several
// services build in one context and nothing says where else to write) in every name:
// Dockerfile.web.optimized, dockopt-report.web.md.
type Outputs struct {
	Dir, Dockerfile, Tag string
}

func (o Outputs) tagged(stem string) string {
	if o.Tag == "" {
		return stem
	}
	return stem + "." + o.Tag
}

// Optimized is the optimized Dockerfile.
func (o Outputs) Optimized() string {
	return filepath.Join(o.Dir, o.tagged(filepath.Base(o.Dockerfile))+OptimizedSuffix)
}

// Report is the optimize report in format md, json or html; MeasureReport the measurement
// alone.
func (o Outputs) Report(format string) string {
	return filepath.Join(o.Dir, o.tagged(ReportStem)+reportExts[format])
}

// MeasureReport is the measurement-only report in format md, json or html.
func (o Outputs) MeasureReport(format string) string {
	return filepath.Join(o.Dir, o.tagged(MeasureStem)+reportExts[format])
}

// Names are the files of o, relative to o.Dir, slash-separated: with a Tag, all of them
// (the generated ignore file is then the optimized Dockerfile's own); without, those
// OutputNames lists for its Dockerfile.
func (o Outputs) Names() []string {
	if o.Tag == "" {
		return OutputNames(o.Dockerfile)
	}
	opt := filepath.Base(o.Optimized())
	out := []string{opt, DockerfileIgnorePath(opt)}
	for _, f := range []string{"md", "json", "html"} {
		out = append(out, filepath.Base(o.Report(f)), filepath.Base(o.MeasureReport(f)))
	}
	slices.Sort(out)
	return out
}

// OptimizedPath is where optimize writes the optimized form of dockerfile (a path or a name)
// in outDir.
func OptimizedPath(outDir, dockerfile string) string {
	return filepath.Join(outDir, filepath.Base(dockerfile)+OptimizedSuffix)
}

// DockerfileIgnorePath is the ignore file BuildKit reads next to a Dockerfile named with -f
// (<Dockerfile>.dockerignore): optimize writes one next to the optimized Dockerfile when it
// is not in the build context.
func DockerfileIgnorePath(dockerfile string) string { return buildctx.DockerfileIgnoreFile(dockerfile) }

// BackupPath is where optimize --write keeps path's original bytes.
func BackupPath(path string) string { return path + BackupSuffix }

// ReportPath is the optimize report in outDir, in format md, json or html.
func ReportPath(outDir, format string) string {
	return filepath.Join(outDir, ReportStem+reportExts[format])
}

// MeasureReportPath is the measurement-only report in outDir, in format md, json or html.
func MeasureReportPath(outDir, format string) string {
	return filepath.Join(outDir, MeasureStem+reportExts[format])
}

// IgnoreName is the name optimize gives the generated ignore file: .dockerignore, or
// .dockerignore.suggested next to a context's own one unless it replaces it (--write).
func IgnoreName(hasOwn, write bool) string {
	if hasOwn && !write {
		return SuggestedIgnoreName
	}
	return DockerignoreName
}

// IgnoreCandidates are the generated ignore files measure looks for in outDir, in order.
func IgnoreCandidates(outDir string) []string {
	return []string{filepath.Join(outDir, SuggestedIgnoreName), filepath.Join(outDir, DockerignoreName)}
}

// OutputNames are the files optimize and measure write at the top of a build context (no
// --out) for the Dockerfiles named: they were not in the context the original was built
// from, so measure leaves them out of both builds' copies. "Dockerfile" is always included.
func OutputNames(dockerfiles ...string) []string {
	out := []string{SuggestedIgnoreName}
	for _, f := range []string{"md", "json", "html"} {
		out = append(out, ReportStem+reportExts[f], MeasureStem+reportExts[f])
	}
	for _, df := range append([]string{"Dockerfile"}, dockerfiles...) {
		opt := filepath.Base(df) + OptimizedSuffix
		out = append(out, opt, DockerfileIgnorePath(opt))
	}
	slices.Sort(out)
	return slices.Compact(out)
}
