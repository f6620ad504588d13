package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/measure"
)

// hardened is the "Run it hardened" part of a measured report, from measure's hardening
// trial: each option's outcome, and snippets that set only what one run proved together.
type hardened struct {
	// Intro says what was run; Rows are the options; Seccomp and Proven are sentences
	// (Markdown code spans in backticks).
	Intro   string
	Rows    []hardenedRow
	Seccomp string
	Proven  string
	// DockerRun, Compose and Kubernetes are the snippets ("" when no option was proven).
	DockerRun, Compose, Kubernetes string
}

type hardenedRow struct {
	Flags, CIS, Works, Evidence string
	OK                          bool
}

// hardenedView reads the trial of the optimized image; nil when there is none to show.
func hardenedView(m *measure.Result) *hardened {
	h := m.Optimized.Hardening
	if h == nil || len(h.Runs) == 0 {
		return nil
	}
	var allKeys []string
	for _, o := range h.Options {
		allKeys = append(allKeys, o.Key)
	}
	runs := fmt.Sprintf("%d trial runs", len(h.Runs))
	if len(h.Runs) == 1 {
		runs = "one trial run"
	}
	v := &hardened{Intro: fmt.Sprintf("After its normal run, the optimized image was run again with `%s` (%s in all, each given %.0f s to become healthy). "+
		"A run works when the container becomes healthy and answers every probe as in the normal run (compared as the two images' answers are, each container's own hostname, ID and IPs masked); it makes only those requests (and the smoke commands), so a path the service writes only on other requests (a POST, an upload) is not tried. When the run with every option did not work, each option was run alone, then the ones that worked together.",
		measure.HardeningFlags(allKeys), runs, h.TimeoutSeconds)}
	if !h.Runs[0].Works() {
		v.Intro += fmt.Sprintf(" An option that did not work alone was run with what it may need added back, then with each of those dropped in turn while the service still worked (at most %d runs per option): "+
			"for `--read-only`, a tmpfs on each directory the normal run wrote outside /tmp (`docker diff` of its container: %s); "+
			"for `--cap-drop ALL`, the capabilities the normal run's facts call for (a port below 1024, a root user), else Docker's default set, which the normal run had.",
			measure.AddBackBound, writtenWords(h))
	}
	for _, o := range h.Options {
		r := hardenedRow{Flags: "`" + strings.Join(o.Flags, " ") + "`", CIS: o.CIS, Works: "not decided", Evidence: o.Evidence}
		if o.Works != nil {
			r.OK = *o.Works
			r.Works = map[bool]string{true: "yes", false: "no"}[r.OK]
			if r.OK && len(o.Added) > 0 {
				r.Works = "yes, with `" + strings.TrimSpace(strings.TrimPrefix(o.ProvenFlags(), strings.Join(o.Flags, " "))) + "` added back"
			}
		}
		v.Rows = append(v.Rows, r)
	}
	switch h.Seccomp {
	case "":
		v.Seccomp = fmt.Sprintf("Seccomp: the engine lists no seccomp in `docker info` (SecurityOptions `%s`): the containers ran without a seccomp profile.", strings.Join(h.SecurityOptions, " "))
	case "unconfined":
		v.Seccomp = "Seccomp: the engine's default profile is `unconfined` (`docker info`): the containers ran without a seccomp profile."
	default:
		v.Seccomp = fmt.Sprintf("Seccomp: every container measure ran had the engine's default seccomp profile (`docker info` SecurityOptions `%s`; measure never passes `seccomp=unconfined`).", strings.Join(h.SecurityOptions, " "))
	}
	if len(h.Verified) == 0 {
		v.Proven = "No set of options was proven together in one run, so no hardened configuration is given."
		return v
	}
	flags := h.VerifiedFlags()
	v.Proven = fmt.Sprintf("Proven together in one run: `%s`. The snippets below set these and nothing the trial did not show.", flags)
	v.DockerRun = "docker run " + flags + " IMAGE\n"
	v.Compose = composeSnippet(h)
	v.Kubernetes = kubernetesSnippet(h, ranAs(&m.Optimized))
	return v
}

// writtenWords are the directories the normal run wrote, for the intro.
func writtenWords(h *measure.Hardening) string {
	s := "none"
	if len(h.Written) > 0 {
		s = strings.Join(h.Written, ", ")
	}
	if h.WrittenNote != "" {
		s += "; " + h.WrittenNote
	}
	return s
}

// composeSnippet is a compose service with the proven options (the compose specification's
// read_only, tmpfs, cap_drop, cap_add, security_opt).
func composeSnippet(h *measure.Hardening) string {
	keys := h.Verified
	var b strings.Builder
	b.WriteString("services:\n  app: # your service\n")
	if slices.Contains(keys, "read_only") {
		b.WriteString("    read_only: true\n    tmpfs:\n      - /tmp\n")
		for _, p := range h.Tmpfs {
			fmt.Fprintf(&b, "      - %s\n", p)
		}
	}
	if slices.Contains(keys, "cap_drop_all") {
		b.WriteString("    cap_drop:\n      - ALL\n")
		if len(h.CapAdd) > 0 {
			b.WriteString("    cap_add:\n")
			for _, c := range h.CapAdd {
				fmt.Fprintf(&b, "      - %s\n", c)
			}
		}
	}
	if slices.Contains(keys, "no_new_privileges") {
		b.WriteString("    security_opt:\n      - no-new-privileges\n")
	}
	return b.String()
}

// runUser is the UID the measured container ran as (0 when not known as a number) and how
// that is known.
type runUser struct {
	id  int
	how string
}

// ranAs is the UID `id -u` showed in the normal run; when the container had no `id` (UID
// -1), the image's numeric USER, which it ran as (a name is not a UID Kubernetes can check).
func ranAs(img *measure.Image) runUser {
	switch {
	case img.UID > 0:
		return runUser{img.UID, "what id -u said in the measured container"}
	case img.UID == 0: // root, or not measured
		return runUser{}
	}
	u, _, _ := strings.Cut(strings.TrimSpace(img.User), ":")
	if n, err := strconv.Atoi(u); err == nil {
		return runUser{n, "the image's USER, which the measured containers ran as"}
	}
	return runUser{}
}

// kubernetesSnippet is a container's securityContext with the proven options (and the
// capabilities added back), and the volumes a read-only root filesystem needs: /tmp and the
// writable paths the trial proved. The user is the one the normal run ran as (uid >
// 0: ranAs); seccomp's RuntimeDefault is the cluster runtime's default profile, and the
// comment says the runs here had Docker's.
func kubernetesSnippet(h *measure.Hardening, uid runUser) string {
	var b strings.Builder
	b.WriteString("# pod spec (e.g. a Deployment's spec.template.spec)\ncontainers:\n  - name: app\n    image: IMAGE\n    securityContext:\n")
	ro := slices.Contains(h.Verified, "read_only")
	if ro {
		b.WriteString("      readOnlyRootFilesystem: true\n")
	}
	if slices.Contains(h.Verified, "cap_drop_all") {
		b.WriteString("      capabilities:\n        drop: [\"ALL\"]\n")
		if len(h.CapAdd) > 0 {
			fmt.Fprintf(&b, "        add: [\"%s\"]\n", strings.Join(h.CapAdd, "\", \""))
		}
	}
	if slices.Contains(h.Verified, "no_new_privileges") {
		b.WriteString("      allowPrivilegeEscalation: false # no_new_privs, as --security-opt no-new-privileges\n")
	}
	if uid.id > 0 {
		fmt.Fprintf(&b, "      runAsNonRoot: true\n      runAsUser: %d # %s\n", uid.id, uid.how)
	}
	if h.Seccomp != "" && h.Seccomp != "unconfined" {
		fmt.Fprintf(&b, "      seccompProfile:\n        type: RuntimeDefault # the runs here had Docker's default profile (%s)\n", h.Seccomp)
	}
	if ro {
		writeVolumes(&b, h.Tmpfs)
	}
	return b.String()
}

// writeVolumes writes the volumeMounts and emptyDir volumes of a read-only root filesystem:
// /tmp and each writable path the trial proved, in memory as the runs' tmpfs were.
func writeVolumes(b *strings.Builder, paths []string) {
	paths = append([]string{"/tmp"}, paths...)
	names := volumeNames(paths)
	b.WriteString("    volumeMounts:\n")
	for i, p := range paths {
		fmt.Fprintf(b, "      - name: %s\n        mountPath: %s\n", names[i], p)
	}
	b.WriteString("volumes:\n")
	for i, p := range paths {
		fmt.Fprintf(b, "  - name: %s\n    emptyDir:\n      medium: Memory # a tmpfs, as --tmpfs %s\n", names[i], p)
	}
}

// volumeNames are Kubernetes volume names for paths: DNS-1123 labels (lowercase letters,
// digits and '-', at most 63) made of the path, unique ("/app/cache" is app-cache).
func volumeNames(paths []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range paths {
		var b strings.Builder
		for _, r := range strings.ToLower(p) {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				b.WriteRune(r)
			case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
				b.WriteByte('-')
			}
		}
		name := strings.Trim(b.String(), "-")
		if len(name) > 56 {
			name = strings.Trim(name[:56], "-")
		}
		if name == "" {
			name = "dir"
		}
		base := name
		for i := 2; seen[name]; i++ {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		seen[name] = true
		out = append(out, name)
	}
	return out
}

// HardenedMarkdown renders the "Run it hardened" part of the metrics section ("" when the
// optimized image had no hardening trial; a line saying so with --no-run).
func HardenedMarkdown(m *measure.Result) string {
	if m.NoRun {
		return "Run it hardened: no container was run (" + noRunReason(m) + "), so no hardening trial was made.\n"
	}
	v := hardenedView(m)
	if v == nil {
		return ""
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("Run it hardened:\n\n%s\n\n| option | CIS v1.6.0 | works | evidence |\n|---|---|---|---|\n", v.Intro)
	for _, r := range v.Rows {
		works := r.Works
		if !r.OK && r.Works == "no" {
			works = "**no**"
		}
		p("| %s | %s | %s | %s |\n", r.Flags, r.CIS, works, mdCell(r.Evidence))
	}
	p("\n%s\n\n%s\n", v.Seccomp, v.Proven)
	if v.DockerRun != "" {
		p("\n```sh\n%s```\n\n```yaml\n%s```\n\n```yaml\n%s```\n", v.DockerRun, v.Compose, v.Kubernetes)
	}
	return b.String()
}
