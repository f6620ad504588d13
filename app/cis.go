package app

import (
	"path/filepath"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/cis"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/measure"
	"github.com/dockopt/dockopt/optimize"
	"github.com/dockopt/dockopt/report"
)

// trustedRegistries are the configuration's (found as lint finds it); none when there is no
// configuration or it cannot be read (lint reports that).
func trustedRegistries() []string {
	cfg, err := LoadConfig("")
	if err != nil {
		return nil
	}
	return cfg.TrustedRegistries
}

// optimizeCIS is the CIS section of an optimize report: the original as read (named by
// originalPath, where it is now) and the optimized Dockerfile as written to optimizedPath,
// linted with the context and the generated ignore file, as optimize lints its result, both
// as a build of target sees them.
func optimizeCIS(p *Project, res *optimize.Result, originalPath, optimizedPath, target string) *report.CIS {
	trusted := trustedRegistries()
	orig := p.File
	if originalPath != p.File.Path {
		if f, err := dockerfile.Parse(originalPath, p.Bytes, dockerfile.Options{BuildArgs: p.BuildArgs}); err == nil {
			orig = f
		}
	}
	nf, err := dockerfile.Parse(optimizedPath, res.Dockerfile, dockerfile.Options{BuildArgs: p.BuildArgs})
	if err != nil {
		return nil // optimize checked that its result parses
	}
	ctx := res.OptimizedContext(p.Context)
	return &report.CIS{
		Original:  cis.Evaluate(cis.Inputs{Dockerfile: &cis.Dockerfile{File: lint.ThroughTarget(orig, target), Context: p.Context, TrustedRegistries: trusted}}),
		Optimized: cis.Evaluate(cis.Inputs{Dockerfile: &cis.Dockerfile{File: lint.ThroughTarget(nf, target), Context: ctx, TrustedRegistries: trusted}}),
	}
}

// measureCIS is the CIS section of a measure report: both Dockerfiles linted with the build
// context and the ignore file each was built with (their stages up to the target built), and
// what measure saw of both images.
// A side whose Dockerfile cannot be read again is assessed from its image alone.
func measureCIS(p *MeasurePaths, res *measure.Result, buildArgs map[string]string) *report.CIS {
	trusted := trustedRegistries()
	side := func(path, ignore string, img *measure.Image) *cis.Report {
		in := cis.Inputs{Run: &cis.Run{Image: img, NoRun: res.NoRun}}
		if img.Scan != nil {
			scan := *img.Scan
			scan.Reference = "the image built from " + filepath.Base(path)
			in.Image = &scan
		}
		if d := measuredDockerfile(p.Dir, path, ignore, buildArgs); d != nil {
			d.TrustedRegistries = trusted
			d.File = lint.ThroughTarget(d.File, p.Build.Target)
			in.Dockerfile = d
		}
		return cis.Evaluate(in)
	}
	return &report.CIS{
		Original:  side(p.Original, p.OriginalIgnore, &res.Original),
		Optimized: side(p.Optimized, p.OptimizedIgnore, &res.Optimized),
	}
}

// measuredDockerfile reads and parses the Dockerfile at path with the context dir and the
// ignore file it was built with ("": none); nil when it cannot be read or parsed.
func measuredDockerfile(dir, path, ignore string, buildArgs map[string]string) *cis.Dockerfile {
	src, ferr := lint.ReadSource(path, nil)
	if ferr != nil {
		return nil
	}
	f, err := dockerfile.Parse(path, src, dockerfile.Options{BuildArgs: buildArgs})
	if err != nil {
		return nil
	}
	d := &cis.Dockerfile{File: f}
	rel, err := filepath.Rel(dir, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		rel = ""
	}
	ctx, err := buildctx.Scan(dir, rel)
	if err != nil {
		return d
	}
	var pats []string
	if ignore != "" {
		if pats, err = buildctx.ReadIgnoreFile(ignore); err != nil {
			return d
		}
	}
	if c2, err := ctx.WithIgnore(ignore, pats); err == nil {
		d.Context = c2
	}
	return d
}
