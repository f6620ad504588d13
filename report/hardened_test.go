package report

import (
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
