package measure

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/engine/enginetest"
	"github.com/dockopt/dockopt/internal/testenv"
)

// TestHardeningTrialOnTheEngine runs the hardening trial on a real image (testdata/hardening:
// a python:3.11-slim service that, as root, makes /srv/cache, chowns it, switches user and
// writes there, and writes /var/log/app.log when it can). The normal run's docker diff names
// /srv/cache and /var/log; the trial proves --read-only with a tmpfs on /srv/cache only, and
// --cap-drop ALL with CHOWN, SETGID and SETUID added back only, all options together in one
// run. About 15 containers; under a minute on an idle engine. DOCKOPT_E2E=1 (or CI=true).
func TestHardeningTrialOnTheEngine(t *testing.T) {
	if os.Getenv("DOCKOPT_E2E") != "1" && !testenv.InCI() {
		t.Skip("skipped: set DOCKOPT_E2E=1 to run the hardening trial on the engine")
	}
	eng := enginetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if _, err := eng.InspectImage(ctx, "python:3.11-slim"); err != nil {
		t.Fatalf("python:3.11-slim is not in the engine's store (bash testdata/bases/build.sh builds the stand-in): %v", err)
	}
	dir, _ := filepath.Abs("testdata/hardening")
	repo := "dockopt-harden-addback-" + randomID()
	tag := repo + ":optimized"
	if _, err := eng.Build(ctx, engine.BuildOptions{ContextDir: dir, Dockerfile: filepath.Join(dir, "Dockerfile"), Tag: tag}); err != nil {
		t.Fatal(err)
	}
	info, err := eng.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	img, err := eng.InspectImage(ctx, tag)
	if err != nil {
		t.Fatal(err)
	}
	res := &Result{Port: 8080, Engine: info}
	m := &measurement{ctx: ctx, eng: eng, run: eng, opt: withDefaults(Options{Runs: 1}), res: res, repo: repo}
	m.sides = []*side{{name: "original", img: &res.Original}, {name: "optimized", tag: tag, img: &res.Optimized, info: img}}
	start := time.Now()
	smp, err := m.runSide(m.sides[1], 1)
	if err != nil {
		t.Fatal(err)
	}
	res.Optimized.HealthySeconds = smp.healthy
	if err := m.hardeningTrial(); err != nil {
		t.Fatal(err)
	}
	h := res.Optimized.Hardening
	for _, r := range h.Runs {
		t.Logf("%-5v %s %s", r.Works(), r.Flags, r.Detail)
	}
	t.Logf("%d trial runs in %s", len(h.Runs), time.Since(start).Round(time.Second))
	if strings.Join(h.Written, ",") != "/srv/cache,/var/log" {
		t.Errorf("written %v (%s)", h.Written, h.WrittenNote)
	}
	ro, caps := h.Option("read_only"), h.Option("cap_drop_all")
	if !strings.Contains(ro.Evidence, "Read-only file system") || strings.Join(ro.Added, ",") != "/srv/cache" || !ro.AddBack.Minimal || ro.AddBack.Runs != 3 {
		t.Errorf("read_only: %+v %+v", ro, ro.AddBack)
	}
	if !strings.Contains(caps.Evidence, "Operation not permitted") || strings.Join(caps.Added, ",") != "CHOWN,SETGID,SETUID" || !caps.AddBack.Minimal || caps.AddBack.Runs != 6 {
		t.Errorf("cap_drop_all: %+v %+v", caps, caps.AddBack)
	}
	want := "--read-only --tmpfs /tmp --tmpfs /srv/cache --cap-drop ALL --cap-add CHOWN --cap-add SETGID --cap-add SETUID --security-opt no-new-privileges"
	if strings.Join(h.Verified, ",") != "read_only,cap_drop_all,no_new_privileges" || h.VerifiedFlags() != want {
		t.Errorf("verified %s, want %s", h.VerifiedFlags(), want)
	}
	assertProven(t, h)
}
