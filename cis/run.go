package cis

import (
	"strings"

	"github.com/dockopt/dockopt/measure"
)

// Run is what dockopt measure saw of one of its images: the engine's image config, and the
// containers it ran from it.
type Run struct {
	Image *measure.Image
	// NoRun is measure --no-run: the image was built and inspected, no container was run.
	NoRun bool
}

// readOnlyRun names measure's run with a read-only root filesystem.
const readOnlyRun = "measure: --read-only --tmpfs /tmp run"

func (r *Run) observe(it Item) observation {
	img := r.Image
	where := "image " + shortID(img.ImageID)
	ev := func(ok bool, src Source, check, detail string) observation {
		v := Pass
		if !ok {
			v = Fail
		}
		e := Evidence{Verdict: v, Source: src, Check: check, Where: where, Detail: detail}
		if ok {
			return observation{passes: []Evidence{e}}
		}
		return observation{fails: []Evidence{e}}
	}
	switch it.ID {
	case "4.1":
		if r.NoRun || img.UserMethod == "" {
			return observation{why: []string{"measure ran no container from " + where + " (--no-run)"}}
		}
		verdict := "runs as a non-root user"
		if img.RunsAsRoot {
			verdict = "runs as root"
		}
		return ev(!img.RunsAsRoot, FromRun, "measure: container run", "the container "+verdict+": "+img.UserMethod)
	case "4.6":
		if img.HasHealthcheck {
			return ev(true, FromImage, "docker image inspect", "the built image's config has a HEALTHCHECK")
		}
		return ev(false, FromImage, "docker image inspect", "the built image's config has no HEALTHCHECK (or HEALTHCHECK NONE)")
	case "5.13":
		switch {
		case img.ReadOnlyHealthy == nil && r.NoRun:
			return observation{why: []string{"measure ran no container from " + where + " (--no-run)"}}
		case img.ReadOnlyHealthy == nil:
			return observation{why: []string{"measure runs only the optimized image with --read-only"}}
		case *img.ReadOnlyHealthy:
			return ev(true, FromRun, readOnlyRun, "the container became healthy with a read-only root filesystem (--read-only, tmpfs on /tmp)")
		}
		detail := "the container did not become healthy with a read-only root filesystem (--read-only, tmpfs on /tmp)"
		if img.ReadOnlyDetail != "" {
			detail += ": " + img.ReadOnlyDetail
		}
		return ev(false, FromRun, readOnlyRun, detail)
	}
	return observation{}
}

// shortID is an image ID as docker prints it: 12 hex digits, without "sha256:".
func shortID(id string) string {
	id = strings.TrimPrefix(id, "sha256:")
	if len(id) > 12 {
		id = id[:12]
	}
	if id == "" {
		return "(no ID)"
	}
	return id
}
