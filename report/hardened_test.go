package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/measure"
)

func TestHardenedMarkdown(t *testing.T) {
	m := sampleMeasurement()
	md := MetricsMarkdown(m)
	for _, want := range []string{
		"Run it hardened:\n\nAfter its normal run, the optimized image was run again with `--read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges` (5 trial runs in all, each given 30 s to become healthy).",
		"| `--read-only --tmpfs /tmp` | 5.13 | **no** | the run with --read-only --tmpfs /tmp alone did not work: container exited with code 1 before it became healthy; log: OSError: [Errno 30] Read-only file system: '/app/cache' |",
		"| `--cap-drop ALL` | 5.4 | yes | the run with --cap-drop ALL alone became healthy in 2.3s",
		"Seccomp: every container measure ran had the engine's default seccomp profile (`docker info` SecurityOptions `name=seccomp,profile=default`",
		"Proven together in one run: `--cap-drop ALL --security-opt no-new-privileges`.",
		"```sh\ndocker run --cap-drop ALL --security-opt no-new-privileges IMAGE\n```",
		"services:\n  app: # your service\n    cap_drop:\n      - ALL\n    security_opt:\n      - no-new-privileges\n```",
		"    securityContext:\n      capabilities:\n        drop: [\"ALL\"]\n      allowPrivilegeEscalation: false",
		"      runAsNonRoot: true\n      runAsUser: 10001",
		"        type: RuntimeDefault # the runs here had Docker's default profile (default)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("metrics lack %q:\n%s", want, md)
		}
	}
	// read-only broke the service: no snippet sets it
	for _, bad := range []string{"read_only: true", "readOnlyRootFilesystem", "docker run --read-only", "emptyDir"} {
		if strings.Contains(md, bad) {
			t.Errorf("a snippet sets what the trial did not prove: %q", bad)
		}
	}

	// every option proven, a root user: all of them, and no user claimed
	h := m.Optimized.Hardening
	h.Verified = []string{"read_only", "cap_drop_all", "no_new_privileges"}
	m.Optimized.UID = 0
	md = HardenedMarkdown(m)
	for _, want := range []string{
		"docker run --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges IMAGE\n",
		"    read_only: true\n    tmpfs:\n      - /tmp\n    cap_drop:",
		"      readOnlyRootFilesystem: true\n",
		"    volumeMounts:\n      - name: tmp\n        mountPath: /tmp\nvolumes:\n  - name: tmp\n    emptyDir:\n      medium: Memory",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("all proven: lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "runAsNonRoot") {
		t.Error("runAsNonRoot for a container that ran as root")
	}
	// no `id` in the container (scratch): the image's numeric USER it ran as
	m.Optimized.UID, m.Optimized.User = -1, "65532:65532"
	if md := HardenedMarkdown(m); !strings.Contains(md, "      runAsNonRoot: true\n      runAsUser: 65532 # the image's USER") ||
		!strings.Contains(md, "(5 trial runs in all") {
		t.Errorf("USER 65532:\n%s", md)
	}
	m.Optimized.User = "app"
	if md := HardenedMarkdown(m); strings.Contains(md, "runAsUser") {
		t.Error("runAsUser from a user name")
	}

	// nothing proven together, no seccomp: no snippet
	h.Verified, h.Seccomp, h.SecurityOptions = nil, "", []string{"name=rootless"}
	md = HardenedMarkdown(m)
	if !strings.Contains(md, "No set of options was proven together in one run") || strings.Contains(md, "```") ||
		!strings.Contains(md, "Seccomp: the engine lists no seccomp in `docker info` (SecurityOptions `name=rootless`)") {
		t.Errorf("nothing proven:\n%s", md)
	}

	if md := HardenedMarkdown(&measure.Result{NoRun: true}); !strings.Contains(md, "`--no-run`") {
		t.Errorf("--no-run: %q", md)
	}
	if md := HardenedMarkdown(&measure.Result{}); md != "" {
		t.Errorf("no trial: %q", md)
	}
}

// A trial in which read-only worked with /app/cache added back and --cap-drop ALL with
// NET_BIND_SERVICE: the snippets state exactly those, and the table says what was added.
func TestHardenedMarkdownAddedBack(t *testing.T) {
	m := sampleMeasurement()
	h := m.Optimized.Hardening
	yes := true
	ro, caps := h.Option("read_only"), h.Option("cap_drop_all")
	ro.Works, ro.Added = &yes, []string{"/app/cache"}
	ro.Evidence += "; added back --tmpfs /app/cache (3 run(s))"
	caps.Added = []string{"NET_BIND_SERVICE"}
	h.Verified, h.Tmpfs, h.CapAdd = []string{"read_only", "cap_drop_all", "no_new_privileges"}, []string{"/app/cache", "/var/Log"}, []string{"NET_BIND_SERVICE", "SETUID"}
	h.Written = []string{"/app/cache", "/var/Log"}
	md := HardenedMarkdown(m)
	for _, want := range []string{
		"(at most 16 runs per option): for `--read-only`, a tmpfs on each directory the normal run wrote outside /tmp (`docker diff` of its container: /app/cache, /var/Log)",
		"| `--read-only --tmpfs /tmp` | 5.13 | yes, with `--tmpfs /app/cache` added back | the run with --read-only",
		"| `--cap-drop ALL` | 5.4 | yes, with `--cap-add NET_BIND_SERVICE` added back |",
		"Proven together in one run: `--read-only --tmpfs /tmp --tmpfs /app/cache --tmpfs /var/Log --cap-drop ALL --cap-add NET_BIND_SERVICE --cap-add SETUID --security-opt no-new-privileges`.",
		"docker run --read-only --tmpfs /tmp --tmpfs /app/cache --tmpfs /var/Log --cap-drop ALL --cap-add NET_BIND_SERVICE --cap-add SETUID --security-opt no-new-privileges IMAGE\n",
		"    read_only: true\n    tmpfs:\n      - /tmp\n      - /app/cache\n      - /var/Log\n    cap_drop:\n      - ALL\n    cap_add:\n      - NET_BIND_SERVICE\n      - SETUID\n    security_opt:",
		"      capabilities:\n        drop: [\"ALL\"]\n        add: [\"NET_BIND_SERVICE\", \"SETUID\"]\n",
		"    volumeMounts:\n      - name: tmp\n        mountPath: /tmp\n      - name: app-cache\n        mountPath: /app/cache\n      - name: var-log\n        mountPath: /var/Log\n" +
			"volumes:\n  - name: tmp\n    emptyDir:\n      medium: Memory # a tmpfs, as --tmpfs /tmp\n  - name: app-cache\n    emptyDir:\n      medium: Memory # a tmpfs, as --tmpfs /app/cache\n  - name: var-log\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("lacks %q:\n%s", want, md)
		}
	}
	var buf bytes.Buffer
	if err := HTML(&buf, nil, m); err != nil {
		t.Fatal(err)
	}
	if html := buf.String(); !strings.Contains(html, `<span class="ok">yes, with <code>--tmpfs /app/cache</code> added back</span>`) {
		t.Errorf("HTML lacks the added path:\n%s", html)
	}
}

func TestVolumeNames(t *testing.T) {
	long := "/" + strings.Repeat("a", 70)
	got := volumeNames([]string{"/tmp", "/app/cache", "/app-cache", "/var/lib/My_App/", "/", long})
	want := []string{"tmp", "app-cache", "app-cache-2", "var-lib-my-app", "dir", strings.Repeat("a", 56)}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// addBackTrial is the trial TestHardeningTrialOnTheEngine (measure) ran on the engine: a root
// service that makes /srv/cache, chowns it and switches user, proven with a tmpfs there and
// CHOWN, SETGID, SETUID added back.
func addBackTrial() *measure.Hardening {
	yes := true
	ro := "OSError: [Errno 30] Read-only file system: '/srv/cache'"
	perm := "PermissionError: [Errno 1] Operation not permitted"
	runs := []struct {
		keys, tmpfs, caps []string
		detail            string
	}{
		{[]string{"read_only", "cap_drop_all", "no_new_privileges"}, nil, nil, ro},
		{[]string{"read_only"}, nil, nil, ro},
		{[]string{"read_only"}, []string{"/srv/cache", "/var/log"}, nil, ""},
		{[]string{"read_only"}, []string{"/var/log"}, nil, ro},
		{[]string{"read_only"}, []string{"/srv/cache"}, nil, ""},
		{[]string{"cap_drop_all"}, nil, nil, perm + ": '/srv/cache'"},
		{[]string{"cap_drop_all"}, nil, []string{"CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"}, ""},
		{[]string{"cap_drop_all"}, nil, []string{"DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"}, perm + ": '/srv/cache'"},
		{[]string{"cap_drop_all"}, nil, []string{"CHOWN", "FOWNER", "SETGID", "SETUID"}, ""},
		{[]string{"cap_drop_all"}, nil, []string{"CHOWN", "SETGID", "SETUID"}, ""},
		{[]string{"cap_drop_all"}, nil, []string{"CHOWN", "SETUID"}, perm},
		{[]string{"cap_drop_all"}, nil, []string{"CHOWN", "SETGID"}, perm},
		{[]string{"no_new_privileges"}, nil, nil, ""},
		{[]string{"read_only", "cap_drop_all", "no_new_privileges"}, []string{"/srv/cache"}, []string{"CHOWN", "SETGID", "SETUID"}, ""},
	}
	h := &measure.Hardening{Seccomp: "default", SecurityOptions: []string{"name=seccomp,profile=default"}, TimeoutSeconds: 30,
		Verified: []string{"read_only", "cap_drop_all", "no_new_privileges"}, Tmpfs: []string{"/srv/cache"}, CapAdd: []string{"CHOWN", "SETGID", "SETUID"},
		Written: []string{"/srv/cache", "/var/log"}}
	for _, r := range runs {
		run := measure.HardeningRun{Options: r.keys, Tmpfs: r.tmpfs, CapAdd: r.caps, Healthy: r.detail == "", AnswersSame: r.detail == "", HealthySeconds: 1.4}
		if r.detail != "" {
			run.Detail, run.HealthySeconds = "container exited with code 1 before it became healthy; log: "+r.detail, 0
		}
		h.Runs = append(h.Runs, run)
	}
	h.Options = []measure.HardeningOption{
		{Key: "read_only", Flags: []string{"--read-only", "--tmpfs", "/tmp"}, CIS: "5.13", Works: &yes, Added: []string{"/srv/cache"},
			Evidence: "the run with --read-only --tmpfs /tmp alone did not work: container exited with code 1 before it became healthy; log: " + ro +
				"; added back --tmpfs /srv/cache (3 run(s); each one left was dropped in a run of its own, which did not work): the run with --read-only --tmpfs /tmp --tmpfs /srv/cache became healthy in 1.4s and answered every probe as the normal run"},
		{Key: "cap_drop_all", Flags: []string{"--cap-drop", "ALL"}, CIS: "5.4", Works: &yes, Added: []string{"CHOWN", "SETGID", "SETUID"},
			Evidence: "the run with --cap-drop ALL alone did not work: container exited with code 1 before it became healthy; log: " + perm + ": '/srv/cache'" +
				"; added back --cap-add CHOWN --cap-add SETGID --cap-add SETUID (6 run(s); each one left was dropped in a run of its own, which did not work): the run with --cap-drop ALL --cap-add CHOWN --cap-add SETGID --cap-add SETUID became healthy in 1.4s and answered every probe as the normal run"},
		{Key: "no_new_privileges", Flags: []string{"--security-opt", "no-new-privileges"}, CIS: "5.26", Works: &yes,
			Evidence: "the run with --security-opt no-new-privileges alone became healthy in 1.4s and answered every probe as the normal run"},
	}
	return h
}

func TestHardenedMarkdownGolden(t *testing.T) {
	m := sampleMeasurement()
	m.Optimized.Hardening, m.Optimized.UID = addBackTrial(), 0
	got := HardenedMarkdown(m)
	checkGolden(t, "testdata/hardened-addback.golden.md", got)
	for _, s := range []string{"      - /srv/cache\n", "        add: [\"CHOWN\", \"SETGID\", \"SETUID\"]\n", "mountPath: /srv/cache", "(14 trial runs in all"} {
		if !strings.Contains(got, s) {
			t.Errorf("lacks %q", s)
		}
	}
	if strings.Contains(got, "/var/log\n") || strings.Contains(got, "DAC_OVERRIDE\"") {
		t.Error("a snippet states what the last proving run did not have")
	}
}
