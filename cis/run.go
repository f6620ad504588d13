package cis

import (
	"fmt"
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

// hardeningRun names measure's hardening trial as evidence.
const hardeningRun = "measure: hardening trial"

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
	}
	if !it.Runtime() {
		return observation{}
	}
	h := img.Hardening
	switch {
	case h == nil && r.NoRun:
		return observation{why: []string{"measure ran no container from " + where + " (--no-run)"}}
	case h == nil:
		return observation{why: []string{"measure runs the hardening trial on the optimized image only"}}
	}
	o := observeTrial(it, h)
	o.trial = true
	if o.verdict != nil {
		return ev(*o.verdict, FromRun, hardeningRun, o.detail)
	}
	return o.observation
}

// trialObservation is what the hardening trial says about one runtime item: a verdict with
// its detail, or why it cannot say.
type trialObservation struct {
	observation
	verdict *bool
	detail  string
}

// observeTrial reads the trial's outcome for a runtime item. An option's item passes when
// the service worked under the option and fails with the run's evidence when it did not;
// 5.22 passes when the engine gave every run its default seccomp profile; 5.5 passes when
// the service worked without --privileged, as every measure run is.
func observeTrial(it Item, h *measure.Hardening) trialObservation {
	decided := func(ok bool, detail string) trialObservation {
		return trialObservation{verdict: &ok, detail: detail}
	}
	undecided := func(why string) trialObservation {
		return trialObservation{observation: observation{why: []string{why}}}
	}
	switch it.ID {
	case "5.5":
		d := "no container measure ran was --privileged, and the service became healthy and answered the probes without it (the normal run)"
		if o := h.Option("cap_drop_all"); o != nil && o.Works != nil && *o.Works {
			if len(o.Added) == 0 {
				d += ", and with every capability dropped (--cap-drop ALL)"
			} else {
				d += ", and with every capability dropped but " + strings.Join(o.Added, ", ") + " (" + o.ProvenFlags() + ")"
			}
		}
		return decided(true, d)
	case "5.22":
		switch h.Seccomp {
		case "":
			return undecided(fmt.Sprintf("the engine lists no seccomp in docker info (SecurityOptions %q): the containers ran without a seccomp profile", h.SecurityOptions))
		case "unconfined":
			return undecided("the engine's default seccomp profile is unconfined (docker info: name=seccomp,profile=unconfined): the containers ran without one")
		}
		return decided(true, fmt.Sprintf("the engine's seccomp profile %q (docker info SecurityOptions %q) applied to every container measure ran, none with seccomp=unconfined; the service became healthy and answered the probes under it", h.Seccomp, h.SecurityOptions))
	}
	for _, opt := range h.Options {
		if opt.CIS != it.ID {
			continue
		}
		flags := strings.Join(opt.Flags, " ")
		if opt.Works == nil {
			return undecided("the hardening trial did not decide " + flags + " (interrupted)")
		}
		if *opt.Works {
			return decided(true, "the service works with "+opt.ProvenFlags()+": "+opt.Evidence)
		}
		return decided(false, "the service does not work with "+flags+": "+opt.Evidence)
	}
	return undecided("the hardening trial has no option for this item")
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
