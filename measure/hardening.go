package measure

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dockopt/dockopt/engine"
)

// Hardening is the hardening trial of the optimized image: after its normal run, it is run
// again with every option of HardeningOptions, and when that run does not work, with each
// option alone (and then with the options that worked alone, together), to find which option
// breaks the service. An option that does not work alone gets back the least it needs, when
// one of its add-back runs shows it (AddBack): writable paths for read_only, capabilities
// for cap_drop_all. A run works when the container becomes healthy and answers every probe
// as the normal run did.
type Hardening struct {
	// Options are the options tried, in the order of HardeningOptions, each with whether the
	// service works under it.
	Options []HardeningOption `json:"options"`
	// Runs are the trial's containers, in the order they were run.
	Runs []HardeningRun `json:"runs"`
	// Verified are the keys of the options one run proved together (all of them when the
	// first run worked), with Tmpfs and CapAdd, what that run added back: what the report's
	// "Run it hardened" snippets state. Empty when no run with an option worked.
	Verified []string `json:"verified"`
	// Tmpfs are the writable paths beside /tmp (a tmpfs each) and CapAdd the capabilities
	// added after --cap-drop ALL in the run that proved Verified; empty when none was needed.
	Tmpfs  []string `json:"tmpfs"`
	CapAdd []string `json:"cap_add"`
	// Written are the directories the optimized image's first normal run wrote, from `docker
	// diff` of that container after its probes (the candidates for Tmpfs); WrittenNote says
	// what could not be a candidate, or why there is no list.
	Written     []string `json:"written"`
	WrittenNote string   `json:"written_note,omitempty"`
	// Seccomp is the engine's seccomp profile (engine.Info.Seccomp: "default", "builtin", a
	// file, "unconfined"; "" when docker info lists none). Every container measure runs has
	// it: measure never passes --security-opt seccomp=unconfined.
	Seccomp string `json:"seccomp"`
	// SecurityOptions are docker info's, as the evidence for Seccomp.
	SecurityOptions []string `json:"security_options"`
	// TimeoutSeconds bounds each trial run's wait to become healthy.
	TimeoutSeconds float64 `json:"timeout_seconds"`
}

// HardeningOption is one option of the trial and its outcome.
type HardeningOption struct {
	// Key is "read_only", "cap_drop_all" or "no_new_privileges".
	Key string `json:"key"`
	// Flags are its docker run flags.
	Flags []string `json:"flags"`
	// CIS is the CIS Docker Benchmark v1.6.0 item it shows (5.13, 5.4, 5.26).
	CIS string `json:"cis"`
	// Works is whether the service works under the option, with Added; nil when no run
	// decided it (the trial was interrupted).
	Works *bool `json:"works"`
	// Added is what a run that worked under the option had added back, when the option alone
	// did not work: writable paths (--tmpfs) for read_only, capabilities (--cap-add) for
	// cap_drop_all. Empty when the option works as it is.
	Added []string `json:"added"`
	// AddBack is the search for Added; nil when the option worked alone or has nothing to
	// add back (no_new_privileges).
	AddBack *AddBack `json:"add_back,omitempty"`
	// Evidence says which run decided it, and how it failed.
	Evidence string `json:"evidence,omitempty"`
}

// HardeningRun is one container of the trial.
type HardeningRun struct {
	// Options are the keys of the options it ran with; Tmpfs the writable paths it had
	// beside /tmp, CapAdd the capabilities added after --cap-drop ALL; Flags all its
	// hardening docker run flags.
	Options []string `json:"options"`
	Tmpfs   []string `json:"tmpfs,omitempty"`
	CapAdd  []string `json:"cap_add,omitempty"`
	Flags   string   `json:"flags"`
	// Healthy: it became healthy within Hardening.TimeoutSeconds, in HealthySeconds.
	Healthy        bool    `json:"healthy"`
	HealthySeconds float64 `json:"healthy_seconds,omitempty"`
	// AnswersSame: every probe answered as in the normal run.
	AnswersSame bool `json:"answers_same"`
	// Detail is why it did not work: the container's exit and log, or the probe that
	// answered otherwise.
	Detail string `json:"detail,omitempty"`
}

// Works says whether the service worked in this run.
func (r HardeningRun) Works() bool { return r.Healthy && r.AnswersSame }

// TrialOption is an option the hardening trial applies: its key, the CIS Docker Benchmark
// v1.6.0 item it shows and its docker run flags.
type TrialOption struct {
	Key, CIS string
	Flags    []string
	apply    func(*engine.RunOptions)
}

// HardeningOptions are the options of the trial, with the CIS Docker Benchmark v1.6.0 item
// each shows. The read-only root filesystem comes with a tmpfs on /tmp, where most runtimes
// write their temporary files.
var HardeningOptions = []TrialOption{
	{Key: "read_only", CIS: "5.13", Flags: []string{"--read-only", "--tmpfs", "/tmp"},
		apply: func(o *engine.RunOptions) { o.ReadOnly, o.Tmpfs = true, []string{"/tmp"} }},
	{Key: "cap_drop_all", CIS: "5.4", Flags: []string{"--cap-drop", "ALL"},
		apply: func(o *engine.RunOptions) { o.CapDrop = []string{"ALL"} }},
	{Key: "no_new_privileges", CIS: "5.26", Flags: []string{"--security-opt", "no-new-privileges"},
		apply: func(o *engine.RunOptions) { o.SecurityOpt = []string{"no-new-privileges"} }},
}

// Option returns the trial's option with this key, or nil.
func (h *Hardening) Option(key string) *HardeningOption {
	for i := range h.Options {
		if h.Options[i].Key == key {
			return &h.Options[i]
		}
	}
	return nil
}

// HardeningFlags are the docker run flags of these option keys, in the trial's order.
func HardeningFlags(keys []string) string { return trialSet{keys: keys}.flags() }

// VerifiedFlags are the docker run flags of the set one run proved: Verified, with Tmpfs and
// CapAdd.
func (h *Hardening) VerifiedFlags() string {
	return trialSet{keys: h.Verified, tmpfs: h.Tmpfs, capAdd: h.CapAdd}.flags()
}

// ProvenFlags are the option's flags with what it had added back.
func (o HardeningOption) ProvenFlags() string { return withAdded(o.Key, o.Added).flags() }

// trialSet is what one trial run has: its option keys, and what is added back to them.
type trialSet struct {
	keys []string
	// tmpfs are writable paths beside /tmp (with read_only), capAdd capabilities added
	// after --cap-drop ALL (with cap_drop_all).
	tmpfs, capAdd []string
}

// withAdded is the option key alone with items added back to it.
func withAdded(key string, items []string) trialSet {
	t := trialSet{keys: []string{key}}
	switch key {
	case "read_only":
		t.tmpfs = items
	case "cap_drop_all":
		t.capAdd = items
	}
	return t
}

// added is what the set adds back to the option key.
func (t trialSet) added(key string) []string {
	switch key {
	case "read_only":
		return t.tmpfs
	case "cap_drop_all":
		return t.capAdd
	}
	return nil
}

// flags are the set's docker run flags in the trial's order: each option's, then what is
// added back to it.
func (t trialSet) flags() string {
	var out []string
	for _, o := range HardeningOptions {
		if !contains(t.keys, o.Key) {
			continue
		}
		out = append(out, o.Flags...)
		out = append(out, addedFlags(o.Key, t.added(o.Key))...)
	}
	return strings.Join(out, " ")
}

func (t trialSet) apply(ro *engine.RunOptions) {
	for _, o := range HardeningOptions {
		if contains(t.keys, o.Key) {
			o.apply(ro)
		}
	}
	if contains(t.keys, "read_only") {
		ro.Tmpfs = append(ro.Tmpfs, t.tmpfs...)
	}
	if contains(t.keys, "cap_drop_all") {
		ro.CapAdd = t.capAdd
	}
}

// union is the sets together: every key, and what each added back.
func union(sets []trialSet) trialSet {
	var u trialSet
	for _, t := range sets {
		u.keys = append(u.keys, t.keys...)
		u.tmpfs = append(u.tmpfs, t.tmpfs...)
		u.capAdd = append(u.capAdd, t.capAdd...)
	}
	return u
}

// hardeningTrial runs the optimized image hardened. The first run has every option; when it
// does not work, each option is tried alone (with what it needs added back, when it does not
// work alone: trialOption), then the options that worked, together. Each run waits at most
// trialTimeout to become healthy.
func (m *measurement) hardeningTrial() error {
	if m.opt.NoRun {
		return nil
	}
	s := m.sides[1]
	if why := trialUntestable(s); why != "" {
		m.res.Notes = append(m.res.Notes, "hardening trial not run: "+why)
		return nil
	}
	h := &Hardening{Seccomp: m.res.Engine.Seccomp(), SecurityOptions: m.res.Engine.SecurityOptions,
		Verified: []string{}, Tmpfs: []string{}, CapAdd: []string{}, Written: []string{}}
	timeout := m.trialTimeout()
	h.TimeoutSeconds = timeout.Seconds()
	var all []string
	for _, o := range HardeningOptions {
		h.Options = append(h.Options, HardeningOption{Key: o.Key, Flags: o.Flags, CIS: o.CIS, Added: []string{}})
		all = append(all, o.Key)
	}
	var written []Candidate
	written, h.WrittenNote = writtenDirs(s.written, s.diffErr)
	for _, c := range written {
		h.Written = append(h.Written, c.Name)
	}
	s.img.Hardening = h
	first, err := m.hardenedRun(s, trialSet{keys: all}, timeout)
	if err != nil {
		return err
	}
	if first.Works() {
		h.Verified = all
		for i := range h.Options {
			h.Options[i].Works = ptr(true)
			h.Options[i].Evidence = "the run with every option (" + first.Flags + ") " + first.outcome()
		}
		return nil
	}
	var working []trialSet
	for i := range HardeningOptions {
		t, err := m.trialOption(s, i, written, timeout)
		if err != nil {
			return err
		}
		if t != nil {
			working = append(working, *t)
		}
	}
	u := union(working)
	switch {
	case len(working) == 1:
	case len(working) > 1 && (len(working) < len(all) || len(u.tmpfs)+len(u.capAdd) > 0):
		r, err := m.hardenedRun(s, u, timeout)
		if err != nil {
			return err
		}
		if !r.Works() {
			return nil
		}
	default:
		return nil
	}
	h.Verified, h.Tmpfs, h.CapAdd = u.keys, append([]string{}, u.tmpfs...), append([]string{}, u.capAdd...)
	return nil
}

// trialOption runs the option HardeningOptions[i] alone; when the service does not work under
// it, it searches for the least to add back (addBack). It returns the set that worked, nil
// when none did.
func (m *measurement) trialOption(s *side, i int, written []Candidate, timeout time.Duration) (*trialSet, error) {
	key := HardeningOptions[i].Key
	opt := &s.img.Hardening.Options[i]
	r, err := m.hardenedRun(s, trialSet{keys: []string{key}}, timeout)
	if err != nil {
		return nil, err
	}
	opt.Works = ptr(r.Works())
	opt.Evidence = "the run with " + r.Flags + " alone " + r.outcome()
	if r.Works() {
		return &trialSet{keys: []string{key}}, nil
	}
	var cands []Candidate
	var sets [][]string
	switch key {
	case "read_only":
		cands, sets = written, [][]string{names(written)}
		if len(written) == 0 {
			opt.Evidence += "; no writable path to add back: " + s.img.Hardening.WrittenNote
			return nil, nil
		}
	case "cap_drop_all":
		cands, sets = capCandidates(s.img, m.res.Port)
	default:
		return nil, nil
	}
	t, proof, ab, err := m.addBack(s, key, sets, cands, timeout)
	opt.AddBack = ab
	if err != nil || t == nil {
		if ab != nil {
			opt.Evidence += "; " + ab.Outcome
		}
		return nil, err
	}
	opt.Works, opt.Added = ptr(true), append([]string{}, t.added(key)...)
	opt.Evidence += "; " + ab.Outcome + ": the run with " + proof.Flags + " " + proof.outcome()
	return t, nil
}

// outcome is a run's result in words, for the options' evidence.
func (r HardeningRun) outcome() string {
	if r.Works() {
		return fmt.Sprintf("became healthy in %.1fs and answered every probe as the normal run", r.HealthySeconds)
	}
	return "did not work: " + r.Detail
}

// trialTimeout bounds each trial run: three times the optimized image's time to healthy in
// its normal run, at least 30s, at most --health-timeout. A service that takes that long
// under an option, having started in a third of it, is reported as not working under it.
func (m *measurement) trialTimeout() time.Duration {
	t := 3 * time.Duration(m.res.Optimized.HealthySeconds*float64(time.Second))
	t = max(t, 30*time.Second)
	return min(t, m.opt.HealthTimeout)
}

// hardenedRun runs the optimized image with the set t, waits for it to become healthy
// and asks it the probes, and keeps the run in the trial's Runs. It returns an error only
// when the measurement is interrupted.
func (m *measurement) hardenedRun(s *side, t trialSet, timeout time.Duration) (HardeningRun, error) {
	r, err := m.hardenedRunOnce(s, t, timeout)
	if err == nil {
		s.img.Hardening.Runs = append(s.img.Hardening.Runs, r)
	}
	return r, err
}

// hardenedRunOnce is hardenedRun without keeping the run.
func (m *measurement) hardenedRunOnce(s *side, t trialSet, timeout time.Duration) (HardeningRun, error) {
	r := HardeningRun{Options: t.keys, Tmpfs: t.tmpfs, CapAdd: t.capAdd, Flags: t.flags()}
	ro := m.opt.runOptions(s.tag, fmt.Sprintf("%s-%s-hardened-%d", m.repo, s.name, len(s.img.Hardening.Runs)+1), m.res.Port)
	t.apply(&ro)
	if s.info.HasHealthcheck {
		ro.HealthInterval = m.opt.HealthInterval
	}
	m.phase("running the optimized image hardened: %s", r.Flags)
	c, err := m.run.Run(m.ctx, ro)
	if c != nil {
		defer m.run.RemoveContainer(context.WithoutCancel(m.ctx), c)
	}
	if err != nil {
		if m.ctx.Err() != nil {
			return r, m.ctx.Err()
		}
		r.Detail = trialDetail(err)
		return r, nil
	}
	rd := httpReadiness(c.HostPort, m.opt.Probes[0])
	hl, err := m.run.WaitHealthy(m.ctx, c, s.info.HasHealthcheck, rd.ready, timeout)
	if err != nil {
		if m.ctx.Err() != nil {
			return r, m.ctx.Err()
		}
		r.Detail = trialDetail(rd.explain(err))
		return r, nil
	}
	r.Healthy, r.HealthySeconds = true, round(hl.Healthy.Seconds(), 2)
	var diffs []string
	for i, got := range m.answers(c) {
		if d := answerDiff(s.img.Probes[i], got); d != "" {
			diffs = append(diffs, "GET "+got.Path+": "+d)
		}
	}
	r.AnswersSame, r.Detail = len(diffs) == 0, strings.Join(diffs, "; ")
	return r, nil
}

// answerDiff says how answer b, of a hardened run, differs from answer a, of the normal run
// ("" when they are the same). The bodies are compared as the checks compare the two
// images' (bodyDiff: each container's own hostname, ID and IPs masked).
func answerDiff(a, b ProbeResult) string {
	switch {
	case a.Error != "" || b.Error != "":
		if a.Error != "" && b.Error != "" {
			return ""
		}
		return "request failed: " + strings.TrimSpace(a.Error+" "+b.Error)
	case a.Status != b.Status:
		return fmt.Sprintf("status %d, %d in the normal run", b.Status, a.Status)
	}
	if d := bodyDiff(b, a, "here", "in the normal run"); d != "" {
		return "body differs " + d
	}
	return ""
}

// trialDetail is a failed trial run on one line: how it ended, the probe's last answer and
// the container's last log lines (where "Read-only file system" or "Operation not
// permitted" shows which option it was).
func trialDetail(err error) string {
	var he *engine.HealthError
	if !errors.As(err, &he) {
		return firstLine(err.Error())
	}
	s := firstLine(he.Error())
	if he.LastAnswer != "" {
		s += "; last answer: " + he.LastAnswer
	}
	if n := len(he.Logs); n > 0 {
		s += "; log: " + clip(strings.Join(he.Logs[max(0, n-3):], " / "), 400)
	}
	return s
}

func ptr[T any](v T) *T { return &v }

// trialUntestable says why a hardened run could not be told from a broken one ("" when it
// can): the normal run must show the service working by more than answering: a HEALTHCHECK
// of the image, a probe answered below 400, or a smoke command that exits 0. A service whose
// probes all answered 404 (no such route) answers 404 just the same when it cannot write.
func trialUntestable(s *side) string {
	if s.info != nil && s.info.HasHealthcheck {
		return ""
	}
	var answers []string
	for _, p := range s.img.Probes {
		if p.Error == "" && p.Status > 0 && p.Status < 400 {
			return ""
		}
		answers = append(answers, fmt.Sprintf("GET %s: %d", p.Path, p.Status))
	}
	for _, c := range s.img.Smoke {
		if c.ExitCode == 0 {
			return ""
		}
	}
	return fmt.Sprintf("in the normal run no probe answered below 400 (%s), and the image has no HEALTHCHECK and no --smoke command passed: a hardened run could not be told from a broken one. Name a route the service serves with --probe, or a command with --smoke", strings.Join(answers, ", "))
}
