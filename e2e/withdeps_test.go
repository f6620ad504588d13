package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/e2e/e2eutil"
	"github.com/dockopt/dockopt/engine/enginetest"
	"github.com/dockopt/dockopt/measure"
)

// voteSmoke are the smoke commands run in both vote containers: a vote POSTed to the service
// (Flask pushes it to Redis, and answers 500 when it cannot reach Redis; the page it renders
// must be the ballot), then the vote read back from Redis by its service name.
const voteProbe = "/static/stylesheets/style.css"

var voteSmoke = []string{
	`python -c "import sys, urllib.request; b = urllib.request.urlopen('http://127.0.0.1/', data=b'vote=a', timeout=10).read(); sys.exit(0 if b'Cats vs Dogs!' in b else 2)"`,
	`python -c "import redis, sys; sys.exit(0 if redis.Redis(host='redis', socket_timeout=5).llen('votes') > 0 else 1)"`,
}

// TestMeasureWithDeps measures a real service that needs Redis, example-voting-app's vote
// (testdata/realworld/voting-vote), from its compose file with `dockopt measure --with-deps`
// (the built CLI): redis, which vote depends_on (condition: service_healthy), is started
// first (the local redis stand-in, tagged redis:alpine as the compose file names it) on a
// private network, both images' containers POST a vote there and read it back from Redis, and
// nothing measure made is left. Then the same with a Redis whose healthcheck never passes:
// exit 1, the dependency named, the report still written with the images measured, nothing
// left either.
//
// The repository's healthchecks/ directory, which the compose file mounts into redis, is not
// vendored: the test writes a probe of its own there (redis-cli ping).
func TestMeasureWithDeps(t *testing.T) {
	if testing.Short() {
		e2eutil.Need(t, "-short")
	}
	if dl, ok := t.Deadline(); ok && time.Until(dl) < 15*time.Minute {
		e2eutil.Need(t, "the test timeout leaves %s; the --with-deps test needs 15 minutes (go test -timeout 20m -run TestMeasureWithDeps ./e2e/)", time.Until(dl).Round(time.Second))
	}
	ctx := context.Background()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	eng := enginetest.New(t)
	e2eutil.NeedImages(ctx, t, eng, "python:3.11-slim", "redis:alpine")
	if e2eutil.IsStandIn(ctx, eng, "python:3.11-slim") {
		e2eutil.StartPyIndex(t, root)
	}
	bin := e2eutil.BuildCLI(t, root)

	dir := voteProject(t, root)
	if out, err := exec.Command(bin, "optimize", dir, "--service", "vote", "--target", "final").CombinedOutput(); err != nil {
		t.Fatalf("dockopt optimize: %v\n%s", err, out)
	}
	// The probe is a static file: the vote page names the container that rendered it
	// ("Processed by container ID ..."), so its body differs between any two containers.
	args := []string{"measure", dir, "--service", "vote", "--target", "final", "--with-deps", "--network", "host",
		"--probe", voteProbe, "--runs", "1", "--format", "json"}
	for _, s := range voteSmoke {
		args = append(args, "--smoke", s)
	}
	start := time.Now()
	out, err := exec.Command(bin, args...).CombinedOutput()
	t.Logf("dockopt %s (%s):\n%s", strings.Join(args, " "), time.Since(start).Round(time.Second), out)
	if err != nil {
		t.Fatalf("dockopt measure --with-deps: %v", err)
	}
	res := readMeasureJSON(t, filepath.Join(dir, "vote"))
	if len(res.Dependencies) != 1 || res.Dependencies[0].Name != "redis" || res.Dependencies[0].Image != "redis:alpine" || res.DepsNetwork == "" {
		t.Fatalf("dependencies: %+v (network %q)", res.Dependencies, res.DepsNetwork)
	}
	d := res.Dependencies[0]
	if !d.StandIn || d.StandInFor != "redis:7" || !strings.HasPrefix(d.Ready, "healthy") && !strings.Contains(d.Started, "docker compose") {
		t.Errorf("redis: %+v", d)
	}
	for _, img := range []measure.Image{res.Original, res.Optimized} {
		if len(img.Smoke) != len(voteSmoke)+1 { // + the compose healthcheck (curl -f http://localhost)
			t.Fatalf("%s: smoke results %+v", img.Dockerfile, img.Smoke)
		}
		for _, s := range img.Smoke {
			if s.ExitCode != 0 && !strings.HasPrefix(s.Command, "curl") {
				t.Errorf("%s: `%s` exit %d: %s", img.Dockerfile, s.Command, s.ExitCode, s.Output)
			}
		}
		if len(img.Probes) != 1 || img.Probes[0].Status != 200 || !strings.Contains(img.Probes[0].Body, "{") {
			t.Errorf("%s: GET / %+v", img.Dockerfile, img.Probes)
		}
	}
	if failed := res.Failed(); len(failed) > 0 {
		t.Errorf("failed checks: %+v", failed)
	}
	assertNothingLeft(t, res)

	// The same through the docker compose plugin (DOCKOPT_TEST_COMPOSE, which .ci/run builds):
	// compose up --wait starts redis, compose down removes it. The images are built already:
	// one run of each, no rebuild.
	cfg := enginetest.PluginConfig(t, "DOCKOPT_TEST_COMPOSE", "compose")
	os.Remove(filepath.Join(dir, "vote", "dockopt-report.json"))
	args = []string{"measure", dir, "--service", "vote", "--target", "final", "--with-deps", "--network", "host",
		"--probe", voteProbe, "--runs", "1", "--no-rebuild", "--format", "json"}
	for _, s := range voteSmoke {
		args = append(args, "--smoke", s)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "DOCKER_CONFIG="+cfg)
	out, err = cmd.CombinedOutput()
	t.Logf("through the compose plugin: dockopt %s:\n%s", strings.Join(args, " "), out)
	if err != nil {
		t.Fatalf("dockopt measure --with-deps through docker compose: %v", err)
	}
	res = readMeasureJSON(t, filepath.Join(dir, "vote"))
	if len(res.Dependencies) != 1 || res.Dependencies[0].Name != "redis" || !strings.Contains(res.Dependencies[0].Started, "docker compose up --wait") {
		t.Fatalf("dependencies through the compose plugin: %+v", res.Dependencies)
	}
	for _, img := range []measure.Image{res.Original, res.Optimized} {
		for _, s := range img.Smoke {
			if s.ExitCode != 0 && !strings.HasPrefix(s.Command, "curl") {
				t.Errorf("through docker compose, %s: `%s` exit %d: %s", img.Dockerfile, s.Command, s.ExitCode, s.Output)
			}
		}
	}
	if failed := res.Failed(); len(failed) > 0 {
		t.Errorf("through docker compose, failed checks: %+v", failed)
	}
	assertNothingLeft(t, res)

	// A Redis that never becomes healthy: named, exit 1, the report written, nothing left.
	compose := filepath.Join(dir, "docker-compose.yml")
	data, _ := os.ReadFile(compose)
	broken := strings.Replace(string(data), "test: /healthchecks/redis.sh", `test: ["CMD", "false"]`, 1)
	if broken == string(data) {
		t.Fatal("the compose file has no redis healthcheck to break")
	}
	if err := os.WriteFile(compose, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "vote", "dockopt-report.json"))
	os.Remove(filepath.Join(dir, "vote", "dockopt-measure.json"))
	args = []string{"measure", dir, "--service", "vote", "--target", "final", "--with-deps", "--network", "host",
		"--probe", voteProbe, "--runs", "1", "--no-rebuild", "--health-timeout", "15s", "--format", "json"}
	cmd = exec.Command(bin, args...)
	out, err = cmd.CombinedOutput()
	t.Logf("dockopt %s:\n%s", strings.Join(args, " "), out)
	if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(string(out), `dependency "redis" (image redis:alpine, compose service "redis", docker-compose.yml:`) ||
		!strings.Contains(string(out), "did not become healthy within 15s") {
		t.Fatalf("a redis that never becomes healthy: exit %d (want 1, naming it)", code)
	}
	res = readMeasureJSON(t, filepath.Join(dir, "vote"))
	if !strings.Contains(res.Failure, `dependency "redis"`) || res.Original.SizeBytes == 0 || res.Optimized.SizeBytes == 0 ||
		len(res.Optimized.Layers) == 0 || res.Original.ColdBuildSeconds == 0 {
		t.Errorf("the report after the failure lacks what was measured: failure %q, sizes %d/%d, %d layers, cold build %.1fs",
			res.Failure, res.Original.SizeBytes, res.Optimized.SizeBytes, len(res.Optimized.Layers), res.Original.ColdBuildSeconds)
	}
	assertNothingLeft(t, res)
}

// voteProject lays out example-voting-app as its compose file expects it: vote/ (the
// vendored service), docker-compose.yml (unchanged) and healthchecks/redis.sh (a probe of
// our own: the repository's is not vendored).
func voteProject(t *testing.T, root string) string {
	t.Helper()
	dir := t.TempDir()
	e2eutil.CopyTracked(t, root, filepath.Join("testdata", "realworld", "voting-vote"), filepath.Join(dir, "vote"))
	if err := os.Rename(filepath.Join(dir, "vote", "docker-compose.yml"), filepath.Join(dir, "docker-compose.yml")); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "vote", "dockopt-test.yaml"))
	probe := "#!/bin/sh\n# redis answers PONG on its container's address\n[ \"$(redis-cli -h \"$(hostname -i)\" ping)\" = PONG ]\n"
	if err := os.MkdirAll(filepath.Join(dir, "healthchecks"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "healthchecks", "redis.sh"), []byte(probe), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readMeasureJSON reads the JSON report in dir: dockopt-report.json, or dockopt-measure.json
// when measure wrote the measurement alone.
func readMeasureJSON(t *testing.T, dir string) *measure.Result {
	t.Helper()
	path := filepath.Join(dir, "dockopt-report.json")
	if _, err := os.Stat(path); err != nil {
		path = filepath.Join(dir, "dockopt-measure.json")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the report: %v", err)
	}
	var doc struct {
		Metrics measure.Result `json:"metrics"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &doc.Metrics
}

// assertNothingLeft checks that no container or network of the measurement is left.
func assertNothingLeft(t *testing.T, res *measure.Result) {
	t.Helper()
	repo := strings.TrimSuffix(res.DepsNetwork, "-deps")
	out, err := exec.Command("docker", "ps", "-a", "--filter", "name="+repo, "--format", "{{.Names}}").Output()
	if err != nil || strings.TrimSpace(string(out)) != "" {
		t.Errorf("containers left: %q (%v)", out, err)
	}
	out, err = exec.Command("docker", "network", "ls", "--filter", "name="+res.DepsNetwork, "--format", "{{.Name}}").Output()
	if err != nil || strings.TrimSpace(string(out)) != "" {
		t.Errorf("networks left: %q (%v)", out, err)
	}
	out, err = exec.Command("docker", "images", "--filter", "reference="+repo, "--format", "{{.Repository}}:{{.Tag}}").Output()
	if err != nil || strings.TrimSpace(string(out)) != "" {
		t.Errorf("images left: %q (%v)", out, err)
	}
}
