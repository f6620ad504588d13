package measure

import (
	"fmt"
	"strings"
)

// checks turns the measurements into verdicts.
func checks(res *Result, opt Options) []Check {
	if opt.NoRun {
		why := "not run (--no-run)"
		if res.NoRunReason != "" {
			why = "not run (" + res.NoRunReason + ")"
		}
		return notRunChecks(res, opt, why)
	}
	o, p := &res.Original, &res.Optimized
	out := []Check{
		{Name: "both images build", OK: true, Required: true},
		{Name: "both containers become healthy", OK: true, Required: true,
			Detail: fmt.Sprintf("original in %.1fs, optimized in %.1fs%s", o.HealthySeconds, p.HealthySeconds, runsNote(opt.Runs))},
	}
	for i, path := range opt.Probes {
		a, b := o.Probes[i], p.Probes[i]
		c := Check{Name: "GET " + path + " answers the same", Required: true}
		diff := bodyDiff(a, b, "(original)", "(optimized)")
		switch {
		case a.Error != "" || b.Error != "":
			c.Detail = "request failed: " + strings.TrimSpace(a.Error+" "+b.Error)
		case a.Status != b.Status:
			c.Detail = fmt.Sprintf("status %d (original) vs %d (optimized)", a.Status, b.Status)
		case diff != "":
			c.Detail = "bodies differ " + diff
		default:
			c.OK = true
			c.Detail = fmt.Sprintf("%d, %s", a.Status, clip(shownBody(a), 120))
			if a.Status >= 400 {
				// the same failure on both sides says little about the service
				c.Detail = fmt.Sprintf("both answer %d (is the path right? name one the service serves with --probe): %s", a.Status, clip(shownBody(a), 120))
			}
		}
		out = append(out, c)
	}
	for i := range opt.Smoke {
		a, b := o.Smoke[i], p.Smoke[i]
		detail := fmt.Sprintf("exit %d (original), %d (optimized)", a.ExitCode, b.ExitCode)
		if a.ExitCode == b.ExitCode && (a.ExitCode == 126 || a.ExitCode == 127) {
			// docker exec's codes for a command that cannot be run at all
			detail += ": the command could not be run in either container (not found or not executable)"
		}
		out = append(out, Check{Name: "smoke `" + a.Command + "`: same exit code", Required: true, OK: a.ExitCode == b.ExitCode, Detail: detail})
	}
	for _, x := range opt.Extra {
		c := Check{Name: x.Name, Required: true, OK: true}
		var errs []string
		for _, r := range res.extra {
			if r.name == x.Name && r.err != nil {
				c.OK = false
				errs = append(errs, r.side+": "+r.err.Error())
			}
		}
		if c.OK {
			c.Detail = "both"
		} else {
			c.Detail = strings.Join(errs, "; ")
		}
		out = append(out, c)
	}
	out = append(out, Check{Name: "optimized runs as a non-root user", Required: true, OK: !p.RunsAsRoot, Detail: p.UserMethod})
	out = append(out, hardeningChecks(p.Hardening)...)
	return append(out, imageChecks(o, p)...)
}

// runsNote says what a time in a check's detail is: " (median of 3 runs each)".
func runsNote(runs int) string {
	switch {
	case runs == 1:
		return " (one run each)"
	case runs > 1:
		return fmt.Sprintf(" (median of %d runs each)", runs)
	}
	return ""
}

// imageChecks are the checks of the built images alone.
func imageChecks(o, p *Image) []Check {
	var out []Check
	out = append(out, Check{Name: "optimized image is smaller", OK: p.SizeBytes < o.SizeBytes,
		Detail: fmt.Sprintf("%d → %d bytes", o.SizeBytes, p.SizeBytes)})
	if p.RebuildSeconds > 0 && p.ColdBuildSeconds > 0 {
		out = append(out, rebuildCheck(p))
	}
	return out
}

// rebuildCheck compares the optimized image's code-only rebuilds with its cold builds: faster
// when the two min–max ranges do not overlap; undecided with one run each.
func rebuildCheck(p *Image) Check {
	c := Check{Name: "optimized code-only rebuild is faster than its cold build"}
	if p.Rebuild == nil || p.ColdBuild == nil || !Comparable(*p.Rebuild, *p.ColdBuild) {
		c.Undecided = true
		c.Detail = fmt.Sprintf("%s: rebuild %.1fs, cold build %.1fs", OneRunEach, p.RebuildSeconds, p.ColdBuildSeconds)
		return c
	}
	c.Detail = fmt.Sprintf("rebuild %s vs cold build %s", p.Rebuild, p.ColdBuild)
	switch {
	case Overlaps(*p.Rebuild, *p.ColdBuild):
		c.Detail = NoMeasurableDifference(min(p.Rebuild.Runs, p.ColdBuild.Runs)) + ": " + c.Detail
	case p.RebuildSeconds < p.ColdBuildSeconds:
		c.OK = true
		c.Detail += fmt.Sprintf(" (median %.0f%%)", p.RebuildSeconds/p.ColdBuildSeconds*100)
	}
	return c
}

// notRunChecks are the verdicts when no container ran to the end (--no-run, or a measurement
// that stopped): the checks that need a running container are listed as not run, with why,
// so that the report shows what was not verified.
func notRunChecks(res *Result, opt Options, why string) []Check {
	notRun := func(name string) Check {
		return Check{Name: name, Required: true, NotRun: true, Detail: why}
	}
	out := []Check{{Name: "both images build", OK: true, Required: true}, notRun("both containers become healthy")}
	for _, path := range opt.Probes {
		out = append(out, notRun("GET "+path+" answers the same"))
	}
	for _, cmd := range opt.Smoke {
		out = append(out, notRun("smoke `"+strings.Join(cmd, " ")+"`: same exit code"))
	}
	for _, x := range opt.Extra {
		out = append(out, notRun(x.Name))
	}
	out = append(out, notRun("optimized runs as a non-root user"))
	for _, name := range hardeningCheckNames() {
		c := notRun(name)
		c.Required = false
		out = append(out, c)
	}
	return append(out, imageChecks(&res.Original, &res.Optimized)...)
}

// hardeningCheckNames are the names of the trial's checks: every option together, then each.
func hardeningCheckNames() []string {
	out := []string{"optimized works hardened, every option together"}
	for _, o := range HardeningOptions {
		out = append(out, "optimized works with "+strings.Join(o.Flags, " "))
	}
	return out
}

// hardeningChecks are the trial's verdicts (not required: the original is not held to them
// either): whether the first run, with every option, worked, and whether each option does
// (named with what it had added back, when it needed any).
func hardeningChecks(h *Hardening) []Check {
	if h == nil || len(h.Runs) == 0 {
		return nil
	}
	names := hardeningCheckNames()
	first := h.Runs[0]
	all := Check{Name: names[0], OK: first.Works(), Detail: first.Flags + ": " + first.outcome()}
	if !all.OK {
		if len(h.Verified) > 0 {
			all.Detail += "; proven together instead: " + h.VerifiedFlags()
		} else {
			all.Detail += "; no set of options was proven together"
		}
	}
	out := []Check{all}
	for i, o := range h.Options {
		c := Check{Name: names[i+1], Detail: o.Evidence}
		if len(o.Added) > 0 {
			// the name says it worked only with what was added back
			c.Name += ", with " + strings.Join(addedFlags(o.Key, o.Added), " ") + " added back"
		}
		if o.Works != nil {
			c.OK = *o.Works
		}
		out = append(out, c)
	}
	return out
}
