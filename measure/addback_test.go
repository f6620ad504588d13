package measure

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/engine"
)

func changes(lines ...string) []engine.Change {
	var out []engine.Change
	for _, l := range lines {
		k, p, _ := strings.Cut(l, " ")
		out = append(out, engine.Change{Kind: k, Path: p})
	}
	return out
}

func TestWrittenDirs(t *testing.T) {
	got, note := writtenDirs(changes(
		"C /app", "A /app/cache", "A /app/cache/x.db", "A /app/cache/sub", "A /app/cache/sub/y",
		"C /var", "C /var/log", "A /var/log/app.log", "D /var/log/old.log",
		"C /tmp", "A /tmp/t", "C /etc", "C /etc/hosts", "C /dev", "A /dev/shm/x",
		"C /home", "C /home/app", "C /home/app/.cache", // a changed directory with nothing listed under it: its own dir
	), nil)
	var lines []string
	for _, c := range got {
		lines = append(lines, c.Name+" <- "+c.Why)
	}
	want := []string{
		"/app/cache <- the normal run wrote there (docker diff: A /app/cache/x.db)",
		"/home/app <- the normal run wrote there (docker diff: C /home/app/.cache)",
		"/var/log <- the normal run wrote there (docker diff: A /var/log/app.log)",
	}
	if !slices.Equal(lines, want) || note != "" {
		t.Errorf("got %q, note %q\nwant %q", lines, note, want)
	}
	// a file directly in / has no directory a tmpfs could be; a path only under /tmp is none
	got, note = writtenDirs(changes("A /app.pid", "C /tmp", "A /tmp/x"), nil)
	if len(got) != 0 || note != "the normal run wrote /app.pid directly in /, where no tmpfs can go" {
		t.Errorf("at /: %v %q", got, note)
	}
	if got, note = writtenDirs(changes("C /tmp", "A /tmp/x"), nil); len(got) != 0 || note != "the normal run wrote nothing outside /tmp (docker diff)" {
		t.Errorf("only /tmp: %v %q", got, note)
	}
	if got, note = writtenDirs(nil, errors.New("Error: No such container: x\nmore")); len(got) != 0 || note != "docker diff of the normal run failed: Error: No such container: x" {
		t.Errorf("diff error: %v %q", got, note)
	}
	// /tmpfoo is not /tmp
	if got, _ = writtenDirs(changes("A /tmpfoo", "A /tmpfoo/x"), nil); len(got) != 1 || got[0].Name != "/tmpfoo" {
		t.Errorf("/tmpfoo: %v", got)
	}
}

// The service writes /app/cache at start: read-only breaks it until a tmpfs is there. The
// trial adds back the two directories the normal run wrote, drops /var/log (not needed) and
// keeps /app/cache, then proves every option together with it.
func TestHardeningTrialAddsWritablePath(t *testing.T) {
	fr := newFakeRunner(t)
	fr.written = changes("C /app", "A /app/cache", "A /app/cache/x.db", "C /var", "C /var/log", "A /var/log/app.log", "C /tmp", "A /tmp/t")
	fr.breaks = func(o engine.RunOptions) error {
		if o.ReadOnly && !slices.Contains(o.Tmpfs, "/app/cache") {
			return &engine.HealthError{Container: o.Name, Exited: true, ExitCode: 1, Logs: []string{"OSError: [Errno 30] Read-only file system: '/app/cache'"}}
		}
		return nil
	}
	m := trialMeasurement(t, fr, 1)
	m.sides[1].written = fr.written
	if err := m.hardeningTrial(); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{"ro cap-drop=ALL sec=no-new-privileges", "ro",
		"ro tmpfs=/tmp,/app/cache,/var/log", "ro tmpfs=/tmp,/var/log", "ro tmpfs=/tmp,/app/cache",
		"cap-drop=ALL", "sec=no-new-privileges", "ro tmpfs=/tmp,/app/cache cap-drop=ALL sec=no-new-privileges"}, "\n")
	if got := fr.flags(); got != want {
		t.Errorf("runs:\n%s\nwant:\n%s", got, want)
	}
	h := m.res.Optimized.Hardening
	if strings.Join(h.Written, ",") != "/app/cache,/var/log" || strings.Join(h.Verified, ",") != "read_only,cap_drop_all,no_new_privileges" ||
		strings.Join(h.Tmpfs, ",") != "/app/cache" || len(h.CapAdd) != 0 || len(h.Runs) != 8 {
		t.Errorf("hardening: written %v verified %v tmpfs %v cap_add %v, %d runs", h.Written, h.Verified, h.Tmpfs, h.CapAdd, len(h.Runs))
	}
	if got := h.VerifiedFlags(); got != "--read-only --tmpfs /tmp --tmpfs /app/cache --cap-drop ALL --security-opt no-new-privileges" {
		t.Errorf("verified flags %s", got)
	}
	ro := h.Option("read_only")
	if ro.Works == nil || !*ro.Works || strings.Join(ro.Added, ",") != "/app/cache" || ro.ProvenFlags() != "--read-only --tmpfs /tmp --tmpfs /app/cache" {
		t.Fatalf("read_only %+v", ro)
	}
	for _, w := range []string{"the run with --read-only --tmpfs /tmp alone did not work", "Read-only file system",
		"added back --tmpfs /app/cache (3 run(s); each one left was dropped in a run of its own, which did not work): the run with --read-only --tmpfs /tmp --tmpfs /app/cache became healthy"} {
		if !strings.Contains(ro.Evidence, w) {
			t.Errorf("read_only evidence lacks %q: %s", w, ro.Evidence)
		}
	}
	if ab := ro.AddBack; ab == nil || !ab.Minimal || ab.Runs != 3 || ab.Bound != AddBackBound || len(ab.Candidates) != 2 {
		t.Errorf("add-back %+v", ab)
	}
	// every path the report states was in a run that worked
	assertProven(t, h)
	// the verdict says what was added back
	var names []string
	for _, c := range hardeningChecks(h) {
		names = append(names, c.Name)
	}
	if !slices.Contains(names, "optimized works with --read-only --tmpfs /tmp, with --tmpfs /app/cache added back") ||
		!slices.Contains(names, "optimized works with --cap-drop ALL") {
		t.Errorf("check names %q", names)
	}
}

// assertProven checks that the verified set, with what it adds back, is the set of one run
// that worked, and that every option's Added was in a run of that option that worked.
func assertProven(t *testing.T, h *Hardening) {
	t.Helper()
	found := false
	for _, r := range h.Runs {
		if r.Works() && r.Flags == h.VerifiedFlags() {
			found = true
		}
	}
	if len(h.Verified) > 0 && !found {
		t.Errorf("no run that worked had %s", h.VerifiedFlags())
	}
	for _, o := range h.Options {
		if len(o.Added) == 0 {
			continue
		}
		if !slices.ContainsFunc(h.Runs, func(r HardeningRun) bool { return r.Works() && r.Flags == o.ProvenFlags() }) {
			t.Errorf("%s: no run that worked had %s", o.Key, o.ProvenFlags())
		}
	}
}

// A root service on port 80 that switches user: --cap-drop ALL breaks it until
// NET_BIND_SERVICE and SETUID are back. The facts' set (port < 1024, root) works and is
// minimised one capability at a time.
func TestHardeningTrialAddsCapabilities(t *testing.T) {
	fr := newFakeRunner(t)
	fr.breaks = func(o engine.RunOptions) error {
		if len(o.CapDrop) > 0 && !(slices.Contains(o.CapAdd, "NET_BIND_SERVICE") && slices.Contains(o.CapAdd, "SETUID")) {
			return &engine.HealthError{Container: o.Name, Exited: true, ExitCode: 1, Logs: []string{"bind: permission denied"}}
		}
		return nil
	}
	m := trialMeasurement(t, fr, 1)
	m.res.Port = 80
	m.res.Optimized.RunsAsRoot, m.res.Optimized.UID, m.res.Optimized.UserMethod = true, 0, "`id -u` in the running container: 0"
	if err := m.hardeningTrial(); err != nil {
		t.Fatal(err)
	}
	h := m.res.Optimized.Hardening
	c := h.Option("cap_drop_all")
	if c.Works == nil || !*c.Works || strings.Join(c.Added, ",") != "NET_BIND_SERVICE,SETUID" {
		t.Fatalf("cap_drop_all %+v", c)
	}
	// the facts' set of six, then each of them dropped once
	if ab := c.AddBack; ab.Runs != 7 || !ab.Minimal || len(ab.Sets) != 2 || strings.Join(ab.Sets[0], ",") != "NET_BIND_SERVICE,CHOWN,DAC_OVERRIDE,FOWNER,SETGID,SETUID" ||
		!strings.Contains(ab.Candidates[0].Why, "port 80 is below 1024") || !strings.Contains(ab.Candidates[1].Why, "runs as root (`id -u`") {
		t.Errorf("add-back %+v", ab)
	}
	if strings.Join(h.Verified, ",") != "read_only,cap_drop_all,no_new_privileges" || strings.Join(h.CapAdd, ",") != "NET_BIND_SERVICE,SETUID" || len(h.Tmpfs) != 0 {
		t.Errorf("verified %v cap_add %v tmpfs %v", h.Verified, h.CapAdd, h.Tmpfs)
	}
	if last := fr.flags()[strings.LastIndex(fr.flags(), "\n")+1:]; last != "ro cap-drop=ALL cap-add=NET_BIND_SERVICE,SETUID sec=no-new-privileges" {
		t.Errorf("last run %s", last)
	}
	assertProven(t, h)
}

// A non-root service that needs KILL (not among the facts' candidates): Docker's default set
// is run, then each of its 14 dropped in turn, within the bound.
func TestHardeningTrialCapabilitiesFromTheDefaultSet(t *testing.T) {
	fr := newFakeRunner(t)
	fr.breaks = func(o engine.RunOptions) error {
		if len(o.CapDrop) > 0 && !slices.Contains(o.CapAdd, "KILL") {
			return &engine.HealthError{Container: o.Name, Exited: true, ExitCode: 1}
		}
		return nil
	}
	m := trialMeasurement(t, fr, 1)
	if err := m.hardeningTrial(); err != nil {
		t.Fatal(err)
	}
	c := m.res.Optimized.Hardening.Option("cap_drop_all")
	if strings.Join(c.Added, ",") != "KILL" || c.AddBack.Runs != 15 || !c.AddBack.Minimal {
		t.Errorf("cap_drop_all %+v, add-back %+v", c, c.AddBack)
	}
	assertProven(t, m.res.Optimized.Hardening)
}

// Twenty written directories, of which the service needs one: the bound stops the search
// after AddBackBound runs, and the report says the set is not minimal; what is left was in
// the last run that worked.
func TestHardeningTrialAddBackBound(t *testing.T) {
	fr := newFakeRunner(t)
	for i := 0; i < 20; i++ {
		fr.written = append(fr.written, engine.Change{Kind: "A", Path: fmt.Sprintf("/d%02d/f", i)})
	}
	fr.breaks = func(o engine.RunOptions) error {
		if o.ReadOnly && !slices.Contains(o.Tmpfs, "/d17") {
			return &engine.HealthError{Container: o.Name, Exited: true, ExitCode: 1}
		}
		return nil
	}
	m := trialMeasurement(t, fr, 1)
	m.sides[1].written = fr.written
	if err := m.hardeningTrial(); err != nil {
		t.Fatal(err)
	}
	h := m.res.Optimized.Hardening
	ro := h.Option("read_only")
	if ab := ro.AddBack; ab.Runs != AddBackBound || ab.Minimal || !strings.Contains(ab.Outcome, "the bound of 16 runs stopped the search") {
		t.Errorf("add-back %+v", ab)
	}
	// the first 15 were dropped, the last five stay
	if strings.Join(ro.Added, ",") != "/d15,/d16,/d17,/d18,/d19" || strings.Join(h.Tmpfs, ",") != "/d15,/d16,/d17,/d18,/d19" {
		t.Errorf("added %v, verified tmpfs %v", ro.Added, h.Tmpfs)
	}
	assertProven(t, h)
}

// When adding back does not help, the option is not proven and the evidence says so.
func TestHardeningTrialAddBackDoesNotHelp(t *testing.T) {
	fr := newFakeRunner(t)
	fr.written = changes("C /app", "A /app/x")
	fr.breaks = func(o engine.RunOptions) error {
		if o.ReadOnly {
			return &engine.HealthError{Container: o.Name, Exited: true, ExitCode: 3}
		}
		return nil
	}
	m := trialMeasurement(t, fr, 1)
	m.sides[1].written = fr.written
	if err := m.hardeningTrial(); err != nil {
		t.Fatal(err)
	}
	h := m.res.Optimized.Hardening
	ro := h.Option("read_only")
	if *ro.Works || len(ro.Added) != 0 || !strings.Contains(ro.Evidence, "; adding back did not help: 1 run(s), the last with --read-only --tmpfs /tmp --tmpfs /app, did not work: container") {
		t.Errorf("read_only %+v", ro)
	}
	if strings.Join(h.Verified, ",") != "cap_drop_all,no_new_privileges" || len(h.Tmpfs) != 0 {
		t.Errorf("verified %v tmpfs %v", h.Verified, h.Tmpfs)
	}
	// nothing written outside /tmp: no add-back run, and the evidence says why
	fr2 := newFakeRunner(t)
	fr2.breaks = fr.breaks
	m2 := trialMeasurement(t, fr2, 1)
	if err := m2.hardeningTrial(); err != nil {
		t.Fatal(err)
	}
	ro = m2.res.Optimized.Hardening.Option("read_only")
	if ro.AddBack != nil || !strings.HasSuffix(ro.Evidence, "; no writable path to add back: the normal run wrote nothing outside /tmp (docker diff)") || len(fr2.runs) != 5 {
		t.Errorf("nothing written: %+v, %d runs", ro, len(fr2.runs))
	}
}
