package measure

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/containerd/platforms"

	"github.com/dockopt/dockopt/engine"
)

// Platform is both images built for one of Options.Platforms.
type Platform struct {
	// Platform is os/arch[/variant], as --platform named it (normalised).
	Platform string `json:"platform"`
	// Native is true for the engine's own platform (docker version's server OS/Arch); Run is
	// true for the platform whose images were run: the containers, probes, hardening trial
	// and rebuilds of the report are of that platform's images, the others were only built.
	Native bool `json:"native"`
	Run    bool `json:"run"`
	// Original and Optimized are that platform's images.
	Original  PlatformImage `json:"original"`
	Optimized PlatformImage `json:"optimized"`
}

// PlatformImage is one side's image for one platform. Its sizes are taken as the run
// platform's are: SizeBytes from `docker image inspect`, CompressedSizeBytes from `docker
// save` read by imagescan (readSaved). Error, when set, says why the image was not built or
// measured ("not built for P: ..." or "not measured for P: ..."), and every figure is then 0.
type PlatformImage struct {
	ImageID             string `json:"image_id,omitempty"`
	SizeBytes           int64  `json:"size_bytes"`
	CompressedSizeBytes int64  `json:"compressed_size_bytes"`
	LayerCount          int    `json:"layer_count"`
	Error               string `json:"error,omitempty"`
}

// NativePlatform is the platform of an engine's own containers, "os/arch" from docker
// version (normalised as containerd reads it); "" when the engine did not say.
func NativePlatform(info engine.Info) string {
	if info.OS == "" || info.Arch == "" {
		return ""
	}
	p, err := platforms.Parse(info.OS + "/" + info.Arch)
	if err != nil {
		return ""
	}
	return platforms.Format(p)
}

// samePlatform reports whether an image of os/arch (docker image inspect's) is platform want.
func samePlatform(want, os, arch string) bool {
	w, err1 := platforms.Parse(want)
	g, err2 := platforms.Parse(os + "/" + arch)
	if err1 != nil || err2 != nil {
		return false
	}
	return w.OS == g.OS && w.Architecture == g.Architecture
}

// choosePlatforms decides, once the engine has answered, which of Options.Platforms is built
// and run as the measurement's images: the engine's own platform when it is listed, else the
// first one, with no container run (the engine cannot run another platform's programs
// without emulation, and a figure of an emulated run would not be the service's).
func (m *measurement) choosePlatforms() error {
	if len(m.opt.Platforms) == 0 {
		return nil
	}
	native := NativePlatform(m.res.Engine)
	primary := m.opt.Platforms[0]
	for _, p := range m.opt.Platforms {
		if p == native {
			primary = p
		}
	}
	m.platform, m.res.Platform = primary, primary
	run := primary == native && !m.opt.NoRun
	for _, p := range m.opt.Platforms {
		m.res.Platforms = append(m.res.Platforms, Platform{Platform: p, Native: p == native, Run: p == primary && run})
	}
	switch {
	case primary != native && !m.opt.NoRun:
		m.opt.NoRun, m.res.NoRun = true, true
		m.res.NoRunReason = fmt.Sprintf("none of --platform %s is this engine's platform, %s", strings.Join(m.opt.Platforms, ","), nativeOrUnknown(native))
		m.res.Notes = append(m.res.Notes, fmt.Sprintf("no container was run: %s, whose programs are the only ones it runs without emulation; the %s images were built and compared", m.res.NoRunReason, primary))
	case len(m.opt.Platforms) > 1 && run:
		m.res.Notes = append(m.res.Notes, fmt.Sprintf("built for %s; only the %s images (this engine's platform) were run: the containers, probes, hardening trial and rebuilds are theirs, and the other platforms' images were built for their sizes only", strings.Join(m.opt.Platforms, ", "), primary))
	}
	return nil
}

func nativeOrUnknown(p string) string {
	if p == "" {
		return "unknown: docker version gave no server OS/Arch"
	}
	return p
}

// otherPlatforms builds both images for each platform of Options.Platforms other than the
// measured one, and reads their sizes as the measured images' are read. A build that fails
// (a stage that runs the target platform's programs, on a builder without emulation; a base
// image without that platform) or an image of another platform than asked (a builder that
// ignored --platform) gets an Error instead of a figure; measure goes on.
func (m *measurement) otherPlatforms() error {
	for i := range m.res.Platforms {
		p := &m.res.Platforms[i]
		if p.Platform == m.platform {
			for j, s := range m.sides {
				pi := p.side(j)
				pi.ImageID, pi.SizeBytes, pi.CompressedSizeBytes, pi.LayerCount = s.img.ImageID, s.img.SizeBytes, s.img.CompressedSizeBytes, s.img.LayerCount
			}
			continue
		}
		for j, s := range m.sides {
			if err := m.platformImage(s, p.Platform, p.side(j)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (p *Platform) side(i int) *PlatformImage {
	if i == 0 {
		return &p.Original
	}
	return &p.Optimized
}

// platformImage builds side s for platform plat into pi. Only a cancelled context is an
// error: every other failure is pi.Error.
func (m *measurement) platformImage(s *side, plat string, pi *PlatformImage) error {
	opt := m.opt
	tag := s.tag + "-" + strings.NewReplacer("/", "-").Replace(plat)
	m.phase("building the %s image for %s (its size only: it is not run)", s.name, plat)
	b, err := m.bld.Build(m.ctx, engine.BuildOptions{ContextDir: s.ctxDir, Dockerfile: filepath.Join(s.dir, "Dockerfile"), DisplayName: s.dockerfile, Tag: tag,
		Target: opt.Target, BuildArgs: opt.BuildArgs, Platform: plat, Network: opt.Network, Step: opt.Step})
	if m.ctx.Err() != nil {
		return m.ctx.Err()
	}
	if err != nil {
		pi.Error = platformBuildError(plat, withStep(err, s.file))
		return nil
	}
	defer func() { _ = m.bld.RemoveImage(m.ctx, tag) }()
	if w := otherPlatformBase(b.Warnings); w != "" {
		pi.Error = fmt.Sprintf("not measured for %s: BuildKit warned %s: the builder built on a base image of another platform, so the image it labels %s holds that platform's files (a base image that has %s, and emulation for the steps that run its programs, build the real one)", plat, w, plat, plat)
		return nil
	}
	pi.ImageID = b.ImageID
	im, err := m.eng.InspectImage(m.ctx, tag)
	if err != nil {
		pi.Error = "not measured for " + plat + ": docker image inspect: " + firstLine(err.Error())
		return nil
	}
	if !samePlatform(plat, im.OS, im.Arch) {
		pi.Error = fmt.Sprintf("not measured for %s: the builder made a %s/%s image for --platform %s (a builder that can build other platforms, such as a buildx builder, can)", plat, im.OS, im.Arch, plat)
		return nil
	}
	tarPath, err := m.eng.SaveFile(m.ctx, tag)
	if err != nil {
		pi.Error = "not measured for " + plat + ": docker save: " + firstLine(err.Error())
		return nil
	}
	saved, err := readSaved(m.ctx, tarPath)
	if err != nil {
		pi.Error = "not measured for " + plat + ": reading the saved image: " + firstLine(err.Error())
		return nil
	}
	pi.SizeBytes, pi.CompressedSizeBytes, pi.LayerCount = im.SizeBytes, saved.CompressedSizeBytes, len(im.LayerDiffIDs)
	return nil
}

// otherPlatformBase is BuildKit's InvalidBaseImagePlatform warning among a build's warnings
// ("" when none): a base image was not available for the target platform, and BuildKit used
// it as it was, with another platform's programs in it.
func otherPlatformBase(warnings []string) string {
	for _, w := range warnings {
		if strings.HasPrefix(w, "InvalidBaseImagePlatform: ") {
			return "`" + w + "`"
		}
	}
	return ""
}

// platformBuildError says why a build for plat failed: the failing step and its last line,
// and, for a program of another architecture that could not be run ("exec format error"),
// that the builder has no emulation for plat.
func platformBuildError(plat string, err error) string {
	msg := firstLine(err.Error())
	var be *engine.BuildError
	if errors.As(err, &be) && len(be.Output) > 0 {
		msg += ": " + strings.TrimSpace(be.Output[len(be.Output)-1])
	}
	if strings.Contains(err.Error(), "exec format error") {
		msg += fmt.Sprintf(" (the builder cannot run %s programs: it has no emulation for them, so only stages that run on $BUILDPLATFORM and cross-compile can build for %s; dockopt optimize --platform writes such stages where the ecosystem can)", plat, plat)
	}
	return "not built for " + plat + ": " + msg
}

// platformChecks is the verdict on the other platforms: the optimized image builds for every
// platform the original builds for (nil without several platforms).
func platformChecks(res *Result) []Check {
	if len(res.Platforms) < 2 {
		return nil
	}
	c := Check{Name: "optimized builds for every platform the original builds for", Required: true, OK: true}
	var built, lost []string
	for _, p := range res.Platforms {
		switch {
		case p.Optimized.Error == "":
			built = append(built, p.Platform)
		case p.Original.Error == "":
			c.OK = false
			lost = append(lost, p.Platform+": "+p.Optimized.Error)
		}
	}
	c.Detail = "optimized built for " + orNone(built)
	if len(lost) > 0 {
		c.Detail = strings.Join(lost, "; ")
	}
	return []Check{c}
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}
