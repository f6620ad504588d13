package measure

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/engine"
)

func platformMeasurement(opt Options) *measurement {
	res := &Result{Engine: engine.Info{OS: "linux", Arch: "amd64"}}
	m := &measurement{ctx: context.Background(), opt: withDefaults(opt), res: res}
	m.sides = []*side{{name: "original", tag: "r:original", img: &res.Original}, {name: "optimized", tag: "r:optimized", img: &res.Optimized}}
	return m
}

func TestChoosePlatforms(t *testing.T) {
	// the engine's platform is measured and run wherever it is in the list
	m := platformMeasurement(Options{Platforms: []string{"linux/arm64", "linux/amd64"}})
	if err := m.choosePlatforms(); err != nil {
		t.Fatal(err)
	}
	if m.platform != "linux/amd64" || m.res.Platform != "linux/amd64" || m.opt.NoRun || m.res.NoRun {
		t.Errorf("platform %q (result %q), no-run %v %v", m.platform, m.res.Platform, m.opt.NoRun, m.res.NoRun)
	}
	ps := m.res.Platforms
	if len(ps) != 2 || ps[0].Platform != "linux/arm64" || ps[0].Native || ps[0].Run || !ps[1].Native || !ps[1].Run {
		t.Errorf("platforms %+v", ps)
	}
	if len(m.res.Notes) != 1 || !strings.Contains(m.res.Notes[0], "only the linux/amd64 images (this engine's platform) were run") {
		t.Errorf("notes %q", m.res.Notes)
	}

	// none of them is the engine's: the first is built and compared, nothing is run
	m = platformMeasurement(Options{Platforms: []string{"linux/arm64", "linux/s390x"}})
	if err := m.choosePlatforms(); err != nil {
		t.Fatal(err)
	}
	if m.platform != "linux/arm64" || !m.opt.NoRun || !m.res.NoRun || !strings.Contains(m.res.NoRunReason, "this engine's platform, linux/amd64") {
		t.Errorf("platform %q, no-run %v %v %q", m.platform, m.opt.NoRun, m.res.NoRun, m.res.NoRunReason)
	}
	if m.res.Platforms[0].Run || m.res.Platforms[1].Run {
		t.Errorf("platforms %+v", m.res.Platforms)
	}
	checks := checks(m.res, m.opt)
	if checks[1].Name != "both containers become healthy" || !checks[1].NotRun || !strings.Contains(checks[1].Detail, "none of --platform linux/arm64,linux/s390x") {
		t.Errorf("check %+v", checks[1])
	}

	// --no-run stays the reason with the engine's platform listed
	m = platformMeasurement(Options{Platforms: []string{"linux/amd64"}, NoRun: true})
	if err := m.choosePlatforms(); err != nil {
		t.Fatal(err)
	}
	if m.res.NoRunReason != "" || m.res.Platforms[0].Run || len(m.res.Notes) != 0 {
		t.Errorf("%+v", m.res)
	}

	// no --platform: the builder's default, nothing recorded
	m = platformMeasurement(Options{})
	if err := m.choosePlatforms(); err != nil || m.platform != "" || m.res.Platforms != nil {
		t.Errorf("%v %q %+v", err, m.platform, m.res.Platforms)
	}
}

func TestSamePlatform(t *testing.T) {
	for _, c := range []struct {
		want, os, arch string
		same           bool
	}{
		{"linux/arm64", "linux", "arm64", true},
		{"linux/arm64/v8", "linux", "arm64", true},
		{"linux/arm64", "linux", "amd64", false},
		{"linux/amd64", "linux", "x86_64", true},
		{"linux/amd64", "windows", "amd64", false},
		{"linux/amd64", "", "", false},
	} {
		if got := samePlatform(c.want, c.os, c.arch); got != c.same {
			t.Errorf("samePlatform(%s, %s/%s) = %v", c.want, c.os, c.arch, got)
		}
	}
}

// failingBuilder fails every build with err.
type failingBuilder struct{ err error }

func (f failingBuilder) Build(context.Context, engine.BuildOptions) (*engine.BuildResult, error) {
	return nil, f.err
}
func (f failingBuilder) RemoveImage(context.Context, string) error { return nil }

func TestPlatformImageBuildFails(t *testing.T) {
	m := platformMeasurement(Options{Platforms: []string{"linux/amd64", "linux/arm64"}})
	m.bld = failingBuilder{&engine.BuildError{Tag: "r:original-linux-arm64", Dockerfile: "Dockerfile", Step: "[2/4] RUN go build -o /app .",
		Output: []string{"go: downloading ...", "exec /bin/sh: exec format error"}, Err: errors.New("exit status 1")}}
	m.sides[0].dir, m.sides[0].ctxDir = t.TempDir(), t.TempDir()
	var pi PlatformImage
	if err := m.platformImage(m.sides[0], "linux/arm64", &pi); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"not built for linux/arm64: building r:original-linux-arm64 from Dockerfile failed at [2/4] RUN go build -o /app .", ": exec /bin/sh: exec format error", "no emulation", "$BUILDPLATFORM"} {
		if !strings.Contains(pi.Error, want) {
			t.Errorf("error %q lacks %q", pi.Error, want)
		}
	}
	if pi.SizeBytes != 0 || pi.CompressedSizeBytes != 0 || pi.ImageID != "" {
		t.Errorf("a figure for a failed build: %+v", pi)
	}
	// another failure: its own words, no emulation hint
	m.bld = failingBuilder{&engine.BuildError{Tag: "t", Dockerfile: "Dockerfile", Err: errors.New(`failed to resolve source metadata for docker.io/library/golang:1.26: no match for platform in manifest`)}}
	pi = PlatformImage{}
	_ = m.platformImage(m.sides[0], "linux/arm64", &pi)
	if !strings.Contains(pi.Error, "no match for platform in manifest") || strings.Contains(pi.Error, "emulation") {
		t.Errorf("error %q", pi.Error)
	}
}

// warnBuilder builds "successfully" with BuildKit's warnings.
type warnBuilder struct{ warnings []string }

func (f warnBuilder) Build(context.Context, engine.BuildOptions) (*engine.BuildResult, error) {
	return &engine.BuildResult{ImageID: "sha256:1", Warnings: f.warnings}, nil
}
func (f warnBuilder) RemoveImage(context.Context, string) error { return nil }

// A build that BuildKit made on a base image of another platform (it warns
// InvalidBaseImagePlatform and goes on) gets no figure: the image is labelled with the target
// platform but holds the other one's programs.
func TestPlatformImageOtherPlatformBase(t *testing.T) {
	m := platformMeasurement(Options{Platforms: []string{"linux/amd64", "linux/arm64"}})
	m.bld = warnBuilder{[]string{"FromAsCasing: x (line 1)", `InvalidBaseImagePlatform: Base image golang:1.26 was pulled with platform "linux/amd64", expected "linux/arm64" for current build (line 1)`}}
	m.sides[0].dir, m.sides[0].ctxDir = t.TempDir(), t.TempDir()
	var pi PlatformImage
	if err := m.platformImage(m.sides[0], "linux/arm64", &pi); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pi.Error, "not measured for linux/arm64: BuildKit warned `InvalidBaseImagePlatform: Base image golang:1.26 was pulled with platform \"linux/amd64\"") || pi.SizeBytes != 0 || pi.ImageID != "" {
		t.Errorf("%+v", pi)
	}
}

func TestPlatformChecks(t *testing.T) {
	failed := PlatformImage{Error: "not built for linux/arm64: ..."}
	built := PlatformImage{SizeBytes: 10, CompressedSizeBytes: 5}
	res := &Result{Platforms: []Platform{{Platform: "linux/amd64", Original: built, Optimized: built}, {Platform: "linux/arm64", Original: failed, Optimized: built}}}
	c := platformChecks(res)
	if len(c) != 1 || !c[0].OK || !c[0].Required || c[0].Detail != "optimized built for linux/amd64, linux/arm64" {
		t.Errorf("%+v", c)
	}
	res.Platforms[1].Original, res.Platforms[1].Optimized = built, failed
	c = platformChecks(res)
	if c[0].OK || !strings.HasPrefix(c[0].Detail, "linux/arm64: not built") {
		t.Errorf("%+v", c)
	}
	if platformChecks(&Result{Platforms: res.Platforms[:1]}) != nil {
		t.Error("a check for one platform")
	}
}
