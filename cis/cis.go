package cis

import (
	"github.com/dockopt/dockopt/imagescan"
)

// Verdict is an item's outcome.
type Verdict string

const (
	// Pass: a check that would have found a failure ran and found none.
	Pass Verdict = "pass"
	// Fail: a check found a failure; the evidence names it.
	Fail Verdict = "fail"
	// NotChecked: no check that could decide the item ran; Why says why.
	NotChecked Verdict = "not checked"
)

// Source says where a piece of evidence comes from.
type Source string

const (
	// FromDockerfile: a lint rule run over a Dockerfile.
	FromDockerfile Source = "dockerfile"
	// FromImage: a built image (imagescan's checks, or the engine's image config).
	FromImage Source = "image"
	// FromRun: a container run by dockopt measure.
	FromRun Source = "run"
)

// Evidence is one fact an item's verdict rests on.
type Evidence struct {
	// Verdict is what this fact shows: Fail (a finding) or Pass (a check that ran and found
	// nothing).
	Verdict Verdict `json:"verdict"`
	Source  Source  `json:"source"`
	// Check is the rule that ran (DO301, IMG004) or the run or inspection that was made.
	Check string `json:"check"`
	// Where is the finding's place: "Dockerfile:7", an image path and layer, an image or
	// Dockerfile name for a check that found nothing; "" when none applies.
	Where string `json:"where,omitempty"`
	// Detail is the finding's message, or what the check found.
	Detail string `json:"detail"`
}

// Result is one item's verdict.
type Result struct {
	ID      string  `json:"id"`
	Title   string  `json:"title"`
	Verdict Verdict `json:"verdict"`
	// Evidence are the failures of a failed item, the checks that ran for a passed one, and
	// for an item not checked the checks that ran without deciding it.
	Evidence []Evidence `json:"evidence"`
	// Why says, for an item not checked, what was missing.
	Why []string `json:"why,omitempty"`
}

// Report is the verdicts on one subject (a Dockerfile and, when built, its image).
type Report struct {
	Benchmark string `json:"benchmark"`
	// Subject names what was assessed: the Dockerfile's path, or the image reference.
	Subject string   `json:"subject"`
	Items   []Result `json:"items"`
}

// Inputs are the evidence available for one subject; nil fields were not assessed.
type Inputs struct {
	// Dockerfile is linted with the rules that carry a CIS equivalent.
	Dockerfile *Dockerfile
	// Image is a scanned image (dockopt inspect).
	Image *imagescan.Report
	// Run is what dockopt measure saw of the image built from the Dockerfile.
	Run *Run
}

// observation is what one source says about one item: failures, checks that passed, and
// why it could not decide.
type observation struct {
	fails, passes []Evidence
	why           []string
	// trial: a hardening trial was run for the subject (a runtime item not checked then says
	// why the trial could not decide it, not that there was none).
	trial bool
}

// source answers for each item.
type source interface {
	observe(it Item) observation
}

// Evaluate gives every item's verdict from the inputs. An item fails when any source found a
// failure; it passes when no source failed it, at least one source's checks for it all ran
// and the item can be shown to be met at all (Item.Unprovable); otherwise it is not checked.
func Evaluate(in Inputs) *Report {
	rep := &Report{Benchmark: Benchmark}
	var sources []source
	if in.Dockerfile != nil {
		d := in.Dockerfile.lint()
		sources = append(sources, d)
		rep.Subject = in.Dockerfile.File.Path
	} else {
		sources = append(sources, absentDockerfile)
	}
	if in.Image != nil {
		sources = append(sources, imageSource{in.Image})
		if rep.Subject == "" {
			rep.Subject = in.Image.Reference
		}
	} else {
		sources = append(sources, absentImage)
	}
	if in.Run != nil {
		sources = append(sources, in.Run)
	}
	for _, it := range Items {
		rep.Items = append(rep.Items, judge(it, sources))
	}
	return rep
}

// judge combines the sources' observations of one item.
func judge(it Item, sources []source) Result {
	res := Result{ID: it.ID, Title: it.Title, Evidence: []Evidence{}}
	var fails, passes []Evidence
	var why []string
	trial := false
	for _, s := range sources {
		o := s.observe(it)
		fails = append(fails, o.fails...)
		passes = append(passes, o.passes...)
		why = append(why, o.why...)
		trial = trial || o.trial
	}
	switch {
	case len(fails) > 0:
		res.Verdict, res.Evidence = Fail, fails
	case it.Unprovable != "":
		res.Verdict, res.Evidence, res.Why = NotChecked, nonNil(passes), []string{it.Unprovable}
	case len(passes) > 0:
		res.Verdict, res.Evidence = Pass, passes
	default:
		res.Verdict = NotChecked
		if it.Runtime() && !trial {
			why = append([]string{NoHardeningTrial}, why...)
		}
		if len(why) == 0 {
			why = []string{"no dockopt check covers it"}
		}
		res.Why = why
	}
	return res
}

func nonNil(es []Evidence) []Evidence {
	if es == nil {
		return []Evidence{}
	}
	return es
}

// String is the evidence on one line: "DO113 Dockerfile:4: add-instead-of-copy: ...".
func (e Evidence) String() string {
	if e.Where == "" {
		return e.Check + ": " + e.Detail
	}
	return e.Check + " " + e.Where + ": " + e.Detail
}
