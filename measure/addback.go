package measure

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/dockopt/dockopt/engine"
)

// AddBackBound is the most runs the search for what one option needs added back may make:
// each candidate set tried in turn, then each item of the set that worked dropped in turn.
// 16 covers Docker's 14 default capabilities after two candidate sets.
const AddBackBound = 16

// AddBack is the search for the least an option needs added back to work: its candidate sets
// are run in turn until one works, then each item of that set is dropped in turn, and stays
// out when the service still works without it. Every item it leaves was in the run that
// worked last.
type AddBack struct {
	// Candidates are the items tried, each with the fact it comes from.
	Candidates []Candidate `json:"candidates"`
	// Sets are the candidate sets, in the order they were to be tried.
	Sets [][]string `json:"sets"`
	// Runs is how many runs the search made, at most Bound (AddBackBound).
	Runs  int `json:"runs"`
	Bound int `json:"bound"`
	// Minimal: every item left was dropped once and the service did not work without it;
	// false when no set worked or the bound stopped the search first.
	Minimal bool `json:"minimal"`
	// Outcome is what the search found, in words.
	Outcome string `json:"outcome"`
}

// Candidate is an item to add back, and why it is a candidate.
type Candidate struct {
	Name string `json:"name"`
	Why  string `json:"why"`
}

func names(cs []Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

// notWritable are paths of a container's filesystem that a writable path is never made for:
// /tmp (the trial's tmpfs already), the kernel's filesystems, and the files Docker itself
// writes into every container (bind mounts, not the image's).
var notWritable = []string{"/tmp", "/proc", "/sys", "/dev", "/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/.dockerenv"}

// writtenDirs are the directories a normal run wrote, from its `docker diff`: the directory
// of each added, changed or deleted path that has no change under it, outside notWritable,
// collapsed to the shortest set (a directory under another one is left out). Each comes with
// the first path written there. The note says what could not be a candidate (a file written
// directly in /, which no tmpfs can hold) or why there is no list.
func writtenDirs(changes []engine.Change, diffErr error) ([]Candidate, string) {
	if diffErr != nil {
		return nil, "docker diff of the normal run failed: " + firstLine(diffErr.Error())
	}
	under := func(p, dir string) bool { return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, "/")+"/") }
	var leaves []engine.Change
	for i, c := range changes {
		if slices.ContainsFunc(notWritable, func(d string) bool { return under(c.Path, d) }) {
			continue
		}
		parent := slices.ContainsFunc(changes, func(o engine.Change) bool { return o.Path != c.Path && under(o.Path, c.Path) })
		if !parent && !slices.ContainsFunc(changes[:i], func(o engine.Change) bool { return o.Path == c.Path }) {
			leaves = append(leaves, c)
		}
	}
	byDir := map[string]string{}
	var dirs, atRoot []string
	for _, c := range leaves {
		d := path.Dir(c.Path)
		if d == "/" {
			atRoot = append(atRoot, c.Path)
			continue
		}
		if _, ok := byDir[d]; !ok {
			byDir[d] = c.Kind + " " + c.Path
			dirs = append(dirs, d)
		}
	}
	slices.Sort(dirs)
	var out []Candidate
	for _, d := range dirs {
		if len(out) > 0 && under(d, out[len(out)-1].Name) {
			continue
		}
		out = append(out, Candidate{Name: d, Why: "the normal run wrote there (docker diff: " + byDir[d] + ")"})
	}
	switch {
	case len(atRoot) > 0:
		return out, "the normal run wrote " + strings.Join(atRoot, ", ") + " directly in /, where no tmpfs can go"
	case len(out) == 0:
		return out, "the normal run wrote nothing outside /tmp (docker diff)"
	}
	return out, ""
}

// dockerDefaultCaps are the capabilities Docker gives a container by default, which the
// normal run had: https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities
// (moby oci/caps/defaults.go).
var dockerDefaultCaps = []string{"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"}

// rootCaps are what a root process commonly uses of Docker's default set (capabilities(7)):
// file access past permission bits and ownership (DAC_OVERRIDE, FOWNER, CHOWN) and switching
// to another user (SETUID, SETGID), as entrypoints that chown a directory and drop to a user do.
var rootCaps = []string{"CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"}

// capCandidates are the capability sets to add back after --cap-drop ALL, from what the
// normal run showed: first the ones its facts call for (NET_BIND_SERVICE for a port below
// 1024, rootCaps for a root user), then Docker's whole default set, which the normal run had.
func capCandidates(img *Image, port int) ([]Candidate, [][]string) {
	var cands []Candidate
	if port > 0 && port < 1024 {
		cands = append(cands, Candidate{"NET_BIND_SERVICE", fmt.Sprintf("the service port %d is below 1024, which takes CAP_NET_BIND_SERVICE to bind (capabilities(7))", port)})
	}
	if img.RunsAsRoot {
		for _, c := range rootCaps {
			cands = append(cands, Candidate{c, "the container runs as root (" + img.UserMethod + "), and root uses it to pass file permissions or switch users (capabilities(7))"})
		}
	}
	var sets [][]string
	if len(cands) > 0 {
		sets = append(sets, names(cands))
	}
	for _, c := range dockerDefaultCaps {
		if !slices.ContainsFunc(cands, func(o Candidate) bool { return o.Name == c }) {
			cands = append(cands, Candidate{c, "in Docker's default set, which the normal run had"})
		}
	}
	return cands, append(sets, slices.Clone(dockerDefaultCaps))
}

// addBack searches for the least the option key needs added back (AddBack), in at most
// AddBackBound runs. It returns the set of the last run that worked and that run; a nil set
// when no candidate set worked.
func (m *measurement) addBack(s *side, key string, sets [][]string, cands []Candidate, timeout time.Duration) (*trialSet, HardeningRun, *AddBack, error) {
	ab := &AddBack{Candidates: cands, Sets: sets, Bound: AddBackBound}
	run := func(items []string) (HardeningRun, error) {
		ab.Runs++
		return m.hardenedRun(s, withAdded(key, items), timeout)
	}
	var have []string
	var proof, last HardeningRun
	for _, set := range sets {
		if ab.Runs >= ab.Bound {
			break
		}
		r, err := run(set)
		if err != nil {
			return nil, r, ab, err
		}
		if r.Works() {
			have, proof = set, r
			break
		}
		last = r
	}
	if have == nil {
		ab.Outcome = fmt.Sprintf("adding back did not help: %d run(s), the last with %s, %s", ab.Runs, last.Flags, last.outcome())
		return nil, last, ab, nil
	}
	ab.Minimal = true
	for i := 0; i < len(have); {
		if ab.Runs >= ab.Bound {
			ab.Minimal = false
			break
		}
		fewer := slices.Delete(slices.Clone(have), i, i+1)
		r, err := run(fewer)
		if err != nil {
			return nil, r, ab, err
		}
		if r.Works() {
			have, proof = fewer, r
		} else {
			i++
		}
	}
	t := withAdded(key, have)
	added := strings.Join(addedFlags(key, have), " ")
	if added == "" {
		added = "nothing"
	}
	ab.Outcome = fmt.Sprintf("added back %s (%d run(s); %s)", added, ab.Runs, minimalWords(ab))
	return &t, proof, ab, nil
}

func minimalWords(ab *AddBack) string {
	if ab.Minimal {
		return "each one left was dropped in a run of its own, which did not work"
	}
	return fmt.Sprintf("the bound of %d runs stopped the search before each one was dropped", ab.Bound)
}

// addedFlags are the docker run flags of items added back to the option key.
func addedFlags(key string, items []string) []string {
	flag := map[string]string{"read_only": "--tmpfs", "cap_drop_all": "--cap-add"}[key]
	var out []string
	for _, it := range items {
		out = append(out, flag, it)
	}
	return out
}
