package cis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/imagescan"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/measure"
	"github.com/dockopt/dockopt/rule"
)

func parse(t *testing.T, path, src string) *dockerfile.File {
	t.Helper()
	f, err := dockerfile.Parse(path, []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func item(t *testing.T, rep *Report, id string) Result {
	t.Helper()
	for _, r := range rep.Items {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no item %s", id)
	return Result{}
}

// checkInvariants: a pass or a fail has evidence, all of its own verdict; an item not checked
// says why.
func checkInvariants(t *testing.T, rep *Report) {
	t.Helper()
	if rep.Benchmark != Benchmark || len(rep.Items) != len(Items) {
		t.Fatalf("report %q with %d items", rep.Benchmark, len(rep.Items))
	}
	for _, r := range rep.Items {
		switch r.Verdict {
		case Pass, Fail:
			if len(r.Evidence) == 0 || len(r.Why) > 0 {
				t.Errorf("%s %s: evidence %v, why %v", r.ID, r.Verdict, r.Evidence, r.Why)
			}
			for _, e := range r.Evidence {
				if e.Verdict != r.Verdict || e.Check == "" || e.Detail == "" {
					t.Errorf("%s %s: evidence %+v", r.ID, r.Verdict, e)
				}
			}
		case NotChecked:
			if len(r.Why) == 0 {
				t.Errorf("%s not checked without a reason", r.ID)
			}
		default:
			t.Errorf("%s: verdict %q", r.ID, r.Verdict)
		}
	}
}

// wantVerdict checks an item's verdict and that one piece of evidence (or reason, for an
// item not checked) contains each of parts.
func wantVerdict(t *testing.T, rep *Report, id string, v Verdict, parts ...string) {
	t.Helper()
	r := item(t, rep, id)
	if r.Verdict != v {
		t.Errorf("%s: %s, want %s (evidence %v, why %v)", id, r.Verdict, v, r.Evidence, r.Why)
		return
	}
	var lines []string
	for _, e := range r.Evidence {
		lines = append(lines, e.String())
	}
	lines = append(lines, r.Why...)
	for _, l := range lines {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(l, p)
		}
		if ok {
			return
		}
	}
	t.Errorf("%s %s: no evidence with %q in %q", id, v, parts, lines)
}

const sample = `FROM debian:12-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# dockopt ignore=DO113 -- suppressed for lint, still a failure of CIS 4.9
ADD app.py /app/
USER 10001
HEALTHCHECK CMD curl -fsS http://localhost:8080/ || exit 1
CMD ["/app/app.py"]
`

func TestDockerfileAlone(t *testing.T) {
	f := parse(t, "svc/Dockerfile", sample)
	// lint honours the pragma: the CIS verdict below does not
	for _, fd := range lint.Run(f, nil, lint.Options{}) {
		if fd.Rule.ID == "DO113" {
			t.Fatalf("lint reports the suppressed DO113: %v", fd)
		}
	}
	rep := Evaluate(Inputs{Dockerfile: &Dockerfile{File: f}})
	checkInvariants(t, rep)
	if rep.Subject != "svc/Dockerfile" {
		t.Errorf("subject %q", rep.Subject)
	}
	wantVerdict(t, rep, "4.1", Pass, "DO301", "svc/Dockerfile", "no finding")
	wantVerdict(t, rep, "4.6", Pass, "DO401", "no finding")
	wantVerdict(t, rep, "4.6", Pass, "HEALTHCHECK svc/Dockerfile:7")
	wantVerdict(t, rep, "4.7", Fail, "DO202 svc/Dockerfile:2")
	wantVerdict(t, rep, "4.9", Fail, "DO113 svc/Dockerfile:5", "add-instead-of-copy")
	wantVerdict(t, rep, "4.11", Pass, "DO307", "no finding")
	// 4.3 can only fail: DO101 and DO107 ran and found nothing, the item stays not checked
	wantVerdict(t, rep, "4.3", NotChecked, "manual item")
	wantVerdict(t, rep, "4.3", NotChecked, "DO101", "no finding")
	// no build context: DO302 did not run, so 4.10 cannot pass on DO016 and DO313 alone
	wantVerdict(t, rep, "4.10", NotChecked, "DO302", "needs the build context")
	wantVerdict(t, rep, "4.2", NotChecked, "DO309", "no trusted registries")
	wantVerdict(t, rep, "4.8", NotChecked, "IMG004", "dockopt inspect")
	for _, id := range []string{"5.4", "5.5", "5.13", "5.22", "5.26"} {
		wantVerdict(t, rep, id, NotChecked, NoHardeningTrial)
	}
}

func TestDockerfileRoot(t *testing.T) {
	rep := Evaluate(Inputs{Dockerfile: &Dockerfile{File: parse(t, "Dockerfile", "FROM debian:12-slim\nCOPY app /app\nCMD [\"/app\"]\n")}})
	checkInvariants(t, rep)
	wantVerdict(t, rep, "4.1", Fail, "DO301 Dockerfile:1", "root")
	wantVerdict(t, rep, "4.9", Pass, "DO113", "no finding")
	// DO401 looks at services only: silent here, it does not show a HEALTHCHECK
	wantVerdict(t, rep, "4.6", NotChecked, "DO401", "declares no HEALTHCHECK")
	none := Evaluate(Inputs{Dockerfile: &Dockerfile{File: parse(t, "Dockerfile", "FROM debian:12-slim\nHEALTHCHECK NONE\nCMD [\"/app\"]\n")}})
	wantVerdict(t, none, "4.6", NotChecked, "declares no HEALTHCHECK")
	service := Evaluate(Inputs{Dockerfile: &Dockerfile{File: parse(t, "Dockerfile", "FROM debian:12-slim\nEXPOSE 8080\nCMD [\"/app\"]\n")}})
	wantVerdict(t, service, "4.6", Fail, "DO401 Dockerfile:1", "8080")
	inherited := Evaluate(Inputs{Dockerfile: &Dockerfile{File: parse(t, "Dockerfile",
		"FROM debian:12-slim AS base\nHEALTHCHECK CMD [\"/app\", \"-probe\"]\nFROM base\nEXPOSE 8080\nCMD [\"/app\"]\n")}})
	wantVerdict(t, inherited, "4.6", Pass, "HEALTHCHECK Dockerfile:2")
}

func TestDockerfileWithContext(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"app.py": "print(1)\n", ".env": "PASSWORD=hunter2\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src := "FROM python:3.11-slim\nCOPY . /app\nUSER 10001\nCMD [\"python\", \"/app/app.py\"]\n"
	ctx, err := buildctx.Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	rep := Evaluate(Inputs{Dockerfile: &Dockerfile{File: parse(t, "Dockerfile", src), Context: ctx}})
	checkInvariants(t, rep)
	wantVerdict(t, rep, "4.10", Fail, "DO302 Dockerfile:2", ".env")

	ignored, err := ctx.WithIgnore(".dockerignore", []string{".env"})
	if err != nil {
		t.Fatal(err)
	}
	rep = Evaluate(Inputs{Dockerfile: &Dockerfile{File: parse(t, "Dockerfile", src), Context: ignored}})
	checkInvariants(t, rep)
	for _, rule := range []string{"DO016", "DO302", "DO313"} {
		wantVerdict(t, rep, "4.10", Pass, rule, "no finding")
	}

	// BuildKit's check=skip turns DO016 off: 4.10 is not checked rather than passed
	skip := "# check=skip=SecretsUsedInArgOrEnv\n" + src
	rep = Evaluate(Inputs{Dockerfile: &Dockerfile{File: parse(t, "Dockerfile", skip), Context: ignored}})
	checkInvariants(t, rep)
	wantVerdict(t, rep, "4.10", NotChecked, "DO016", "check=skip")
}

func TestTrustedRegistries(t *testing.T) {
	f := parse(t, "Dockerfile", "FROM debian:12-slim\nUSER 1000\n")
	rep := Evaluate(Inputs{Dockerfile: &Dockerfile{File: f, TrustedRegistries: []string{"registry.example.com"}}})
	checkInvariants(t, rep)
	wantVerdict(t, rep, "4.2", Fail, "DO309 Dockerfile:1", "registry.example.com")
	rep = Evaluate(Inputs{Dockerfile: &Dockerfile{File: f, TrustedRegistries: []string{"docker.io"}}})
	wantVerdict(t, rep, "4.2", Pass, "DO309", "no finding")
}

func TestImage(t *testing.T) {
	rep := &imagescan.Report{Reference: "img.tar", Config: imagescan.Config{User: "app"}, NoHealthcheck: true,
		SetuidFiles: []imagescan.SpecialFile{{Path: "/usr/bin/su", Mode: 0o4755, Layer: 1}}}
	r := Evaluate(Inputs{Image: rep})
	checkInvariants(t, r)
	if r.Subject != "img.tar" {
		t.Errorf("subject %q", r.Subject)
	}
	wantVerdict(t, r, "4.8", Fail, "IMG004 /usr/bin/su (layer 1)", "setuid")
	wantVerdict(t, r, "4.1", Pass, "IMG007 img.tar", "no finding")
	wantVerdict(t, r, "4.6", Fail, "IMG008", "no HEALTHCHECK")
	wantVerdict(t, r, "4.10", Pass, "IMG006", "no finding")
	wantVerdict(t, r, "4.7", NotChecked, "DO202", "none was given")

	rep.SetuidFiles, rep.RunsAsRoot, rep.Config.User = nil, true, ""
	rep.SecretFiles = []imagescan.SecretFile{{Path: "/app/.env", Kind: "dotenv", Layer: 2, RemovedInLayer: 3}}
	r = Evaluate(Inputs{Image: rep})
	checkInvariants(t, r)
	wantVerdict(t, r, "4.8", Pass, "IMG004", "no finding")
	wantVerdict(t, r, "4.1", Fail, "IMG007", "root")
	wantVerdict(t, r, "4.10", Fail, "IMG006 /app/.env (layer 2)", "removed by layer 3")
}

// trial is a hardening trial in which the options of works worked and the others broke the
// service (the first run, with every option, worked when all did).
func trial(seccomp string, works map[string]bool) *measure.Hardening {
	h := &measure.Hardening{Seccomp: seccomp, SecurityOptions: []string{"name=seccomp,profile=" + seccomp}, Runs: []measure.HardeningRun{{}}}
	for _, o := range measure.HardeningOptions {
		ok, decided := works[o.Key]
		opt := measure.HardeningOption{Key: o.Key, Flags: o.Flags, CIS: o.CIS}
		if decided {
			opt.Works = &ok
			opt.Evidence = "the run with " + strings.Join(o.Flags, " ") + " alone did not work: container exited with code 1; log: Read-only file system"
			if ok {
				opt.Evidence = "the run with every option became healthy in 1.2s and answered every probe as the normal run"
			}
		}
		h.Options = append(h.Options, opt)
	}
	return h
}

func TestRun(t *testing.T) {
	all := map[string]bool{"read_only": true, "cap_drop_all": true, "no_new_privileges": true}
	img := &measure.Image{ImageID: "sha256:0123456789abcdef", UserMethod: "`id -u` in the running container: 10001",
		HasHealthcheck: true, Hardening: trial("default", all)}
	f := parse(t, "Dockerfile.optimized", "FROM debian:12-slim\nUSER 10001\nCMD [\"/app\"]\n")
	rep := Evaluate(Inputs{Dockerfile: &Dockerfile{File: f}, Run: &Run{Image: img}})
	checkInvariants(t, rep)
	wantVerdict(t, rep, "4.1", Pass, "measure: container run image 0123456789ab", "id -u", "10001")
	wantVerdict(t, rep, "4.1", Pass, "DO301", "no finding")
	wantVerdict(t, rep, "4.6", Pass, "docker image inspect", "has a HEALTHCHECK")
	wantVerdict(t, rep, "5.13", Pass, "measure: hardening trial image 0123456789ab", "works with --read-only --tmpfs /tmp", "became healthy in 1.2s")
	wantVerdict(t, rep, "5.4", Pass, "hardening trial", "works with --cap-drop ALL")
	wantVerdict(t, rep, "5.26", Pass, "hardening trial", "works with --security-opt no-new-privileges")
	wantVerdict(t, rep, "5.22", Pass, "hardening trial", `seccomp profile "default"`, "name=seccomp,profile=default")
	wantVerdict(t, rep, "5.5", Pass, "hardening trial", "--privileged", "--cap-drop ALL")

	// the run overrules the Dockerfile: the container ran as root; read-only broke the service
	img.RunsAsRoot, img.UserMethod = true, "`id -u` in the running container: 0"
	img.Hardening = trial("builtin", map[string]bool{"read_only": false, "cap_drop_all": false, "no_new_privileges": true})
	rep = Evaluate(Inputs{Dockerfile: &Dockerfile{File: f}, Run: &Run{Image: img}})
	checkInvariants(t, rep)
	wantVerdict(t, rep, "4.1", Fail, "measure: container run", "runs as root")
	wantVerdict(t, rep, "5.13", Fail, "hardening trial", "does not work with --read-only --tmpfs /tmp", "Read-only file system")
	wantVerdict(t, rep, "5.4", Fail, "does not work with --cap-drop ALL")
	wantVerdict(t, rep, "5.26", Pass, "works with --security-opt no-new-privileges")
	wantVerdict(t, rep, "5.22", Pass, `seccomp profile "builtin"`)
	if r := item(t, rep, "5.5"); r.Verdict != Pass || strings.Contains(r.Evidence[0].Detail, "cap-drop") {
		t.Errorf("5.5 claims --cap-drop ALL worked: %+v", r)
	}

	// options that worked with what was added back: the items pass and name it, and 5.5 does
	// not claim every capability was dropped
	img.Hardening = trial("default", all)
	ro, caps := img.Hardening.Option("read_only"), img.Hardening.Option("cap_drop_all")
	ro.Added, caps.Added = []string{"/app/cache"}, []string{"NET_BIND_SERVICE"}
	rep = Evaluate(Inputs{Run: &Run{Image: img}})
	checkInvariants(t, rep)
	wantVerdict(t, rep, "5.13", Pass, "works with --read-only --tmpfs /tmp --tmpfs /app/cache")
	wantVerdict(t, rep, "5.4", Pass, "works with --cap-drop ALL --cap-add NET_BIND_SERVICE")
	if r := item(t, rep, "5.5"); !strings.Contains(r.Evidence[0].Detail, "every capability dropped but NET_BIND_SERVICE (--cap-drop ALL --cap-add NET_BIND_SERVICE)") {
		t.Errorf("5.5: %+v", r)
	}

	// an engine without seccomp, an option the trial did not decide: not checked, and not
	// for want of a trial
	img.Hardening = trial("", map[string]bool{"read_only": true, "cap_drop_all": true})
	img.Hardening.SecurityOptions = []string{"name=rootless"}
	rep = Evaluate(Inputs{Run: &Run{Image: img}})
	checkInvariants(t, rep)
	wantVerdict(t, rep, "5.22", NotChecked, "lists no seccomp", "name=rootless")
	wantVerdict(t, rep, "5.26", NotChecked, "did not decide --security-opt no-new-privileges")
	for _, id := range []string{"5.22", "5.26"} {
		for _, w := range item(t, rep, id).Why {
			if w == NoHardeningTrial {
				t.Errorf("%s: says no trial was run", id)
			}
		}
	}
	img.Hardening = trial("unconfined", all)
	wantVerdict(t, Evaluate(Inputs{Run: &Run{Image: img}}), "5.22", NotChecked, "unconfined")

	// --no-run: no container, so neither the user nor the runtime items were seen running
	noRun := &measure.Image{ImageID: "sha256:0123456789abcdef"}
	rep = Evaluate(Inputs{Run: &Run{Image: noRun, NoRun: true}})
	checkInvariants(t, rep)
	wantVerdict(t, rep, "4.1", NotChecked, "--no-run")
	wantVerdict(t, rep, "4.6", Fail, "docker image inspect", "no HEALTHCHECK")
	for _, id := range []string{"5.4", "5.5", "5.13", "5.22", "5.26"} {
		wantVerdict(t, rep, id, NotChecked, NoHardeningTrial)
		wantVerdict(t, rep, id, NotChecked, "--no-run")
	}

	// the original is not trialled
	rep = Evaluate(Inputs{Run: &Run{Image: &measure.Image{UserMethod: "x"}}})
	wantVerdict(t, rep, "5.13", NotChecked, "on the optimized image only")
	wantVerdict(t, rep, "5.5", NotChecked, NoHardeningTrial)
}

// Every rule an item's verdict rests on names that item in its own metadata: the mapping has
// one owner, the rules.
func TestItemsHaveChecks(t *testing.T) {
	for _, it := range Items {
		n := len(itemRules(it.ID, rule.DockerfileTarget)) + len(itemRules(it.ID, rule.ImageTarget))
		if !it.Runtime() && n == 0 {
			t.Errorf("%s: no rule lists cis:%s", it.ID, it.ID)
		}
	}
}
