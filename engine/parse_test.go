package engine

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseMemUsage(t *testing.T) {
	got, err := ParseMemUsage("12.5MiB / 7.66GiB\n")
	if err != nil || got != 13107200 {
		t.Fatalf("got %d, %v", got, err)
	}
}

func TestParsePortOutput(t *testing.T) {
	got, err := ParsePortOutput("[::1]:49154\n127.0.0.1:49153\n")
	if err != nil || got != 49153 {
		t.Fatalf("got %d, %v", got, err)
	}
	if _, err := ParsePortOutput(""); err == nil {
		t.Fatal("empty output: no error")
	}
}

func TestParseBuildxInspect(t *testing.T) {
	text := `Name:          remote-kube
Driver:        kubernetes
Last Activity: 2024-01-01 10:00:00 +0000 UTC

Nodes:
Name:      remote-kube0
Endpoint:  kubernetes:///remote-kube
Status:    running
Buildkit:  v0.12.5
Platforms: linux/amd64
`
	n, d, v := ParseBuildxInspect(text)
	if n != "remote-kube" || d != "kubernetes" || v != "v0.12.5" {
		t.Fatalf("got %q %q %q", n, d, v)
	}
	_, _, v = ParseBuildxInspect("Name: default\nDriver: docker\nNodes:\nName: default\nBuildKit version: 0.16.0\n")
	if v != "0.16.0" {
		t.Fatalf("BuildKit version: got %q", v)
	}
}

func TestSeccomp(t *testing.T) {
	for want, opts := range map[string][]string{
		"default":    {"name=apparmor", "name=seccomp,profile=default"},
		"builtin":    {"name=seccomp,profile=builtin", "name=cgroupns"},
		"unconfined": {"name=seccomp,profile=unconfined"},
		"":           {"name=apparmor", "name=rootless"},
	} {
		if got := (Info{SecurityOptions: opts}).Seccomp(); got != want {
			t.Errorf("%q: got %q, want %q", opts, got, want)
		}
	}
}

func TestParseImageInspect(t *testing.T) {
	data := `{"Id":"sha256:abc","RepoTags":["x:1"],"RepoDigests":[],"Size":1234,"Os":"linux","Architecture":"amd64",
	"Config":{"User":"10001:10001","ExposedPorts":{"9000/tcp":{}},"Healthcheck":{"Test":["CMD","x"]},"Labels":{"a":"b"}},
	"RootFS":{"Type":"layers","Layers":["sha256:1","sha256:2"]}}`
	im, err := ParseImageInspect([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if im.ID != "sha256:abc" || im.SizeBytes != 1234 || im.User != "10001:10001" || !im.HasHealthcheck ||
		len(im.LayerDiffIDs) != 2 || len(im.ExposedPorts) != 1 || im.ExposedPorts[0] != "9000/tcp" || im.Labels["a"] != "b" {
		t.Fatalf("got %+v", im)
	}
	im, _ = ParseImageInspect([]byte(`{"Id":"x","Config":{"Healthcheck":{"Test":["NONE"]}}}`))
	if im.HasHealthcheck {
		t.Fatal("HEALTHCHECK NONE counted as a healthcheck")
	}
}

func TestBuildLog(t *testing.T) {
	var steps []string
	l := &buildLog{step: func(s string) { steps = append(steps, s) }}
	log := `#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 220B done
#1 DONE 0.0s
#5 [internal] load build context
#5 transferring context: 1.02MB 0.1s
#5 transferring context: 10.50MB 0.3s done
#5 DONE 0.3s
#6 [builder 2/4] WORKDIR /app
#6 CACHED
#7 [builder 3/4] RUN pip install -r requirements.txt
#7 0.512 ERROR: No matching distribution found for fastapi==9.9
#7 ERROR: process "/bin/sh -c pip install -r requirements.txt" did not complete successfully: exit code: 1
------
 > [builder 3/4] RUN pip install -r requirements.txt:
#7 0.512 ERROR: No matching distribution found for fastapi==9.9
------
ERROR: failed to solve: process "/bin/sh -c pip install -r requirements.txt" did not complete successfully: exit code: 1
`
	l.read(strings.NewReader(log))
	if got := l.contextBytes(); got != 10500000 {
		t.Errorf("context bytes %d", got)
	}
	if l.cached != 1 {
		t.Errorf("cached %d", l.cached)
	}
	if ran := l.ran(); len(ran) != 1 || ran[0] != "[builder 3/4] RUN pip install -r requirements.txt" {
		t.Errorf("ran %q, want only the pip install (WORKDIR was CACHED, [internal] left out)", ran)
	}
	if want := "[builder 3/4] RUN pip install -r requirements.txt"; l.failedStep() != want {
		t.Errorf("failed step %q", l.failedStep())
	}
	if len(steps) != 4 || steps[3] != "[builder 3/4] RUN pip install -r requirements.txt" {
		t.Errorf("steps %q", steps)
	}
	if tail := l.tail(2); len(tail) != 2 || !strings.HasPrefix(tail[1], "ERROR: failed to solve") {
		t.Errorf("tail %q", tail)
	}
	e := &BuildError{Tag: "t", Dockerfile: "Dockerfile", Step: l.failedStep(), Tail: l.tail(1), Err: errString("exit status 1")}
	if !strings.Contains(e.Error(), "at [builder 3/4] RUN pip install") || !strings.Contains(e.Error(), "  | ERROR: failed to solve") {
		t.Errorf("error text: %s", e.Error())
	}
	if l.warnings != nil {
		t.Errorf("warnings %q", l.warnings)
	}
	l2 := &buildLog{}
	l2.read(strings.NewReader("#1 [internal] load .dockerignore\n"))
	if l2.contextBytes() != -1 {
		t.Error("no transfer: want -1")
	}
}

// BuildKit's build check warnings, as its plain progress prints them, each kept once.
func TestBuildLogWarnings(t *testing.T) {
	l := &buildLog{}
	l.read(strings.NewReader(`#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 186B done
#1 WARN: FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)
#1 DONE 0.0s
#3 [internal] load metadata for docker.io/library/golang:1.26
#3 WARN: InvalidBaseImagePlatform: Base image golang:1.26 was pulled with platform "linux/amd64", expected "linux/arm64" for current build (line 1)
#3 DONE 0.3s
#3 WARN: InvalidBaseImagePlatform: Base image golang:1.26 was pulled with platform "linux/amd64", expected "linux/arm64" for current build (line 1)
`))
	want := []string{"FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)",
		`InvalidBaseImagePlatform: Base image golang:1.26 was pulled with platform "linux/amd64", expected "linux/arm64" for current build (line 1)`}
	if !slices.Equal(l.warnings, want) {
		t.Errorf("warnings %q\nwant %q", l.warnings, want)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func TestBuildArgsHideValuesInErrors(t *testing.T) {
	got := shortArgs([]string{"build", "--build-arg", "GOPROXY=https://secret.example", "-t", "x"})
	if strings.Contains(strings.Join(got, " "), "secret") {
		t.Fatalf("build-arg value in %q", got)
	}
}

// Two stages build in parallel; the build stage fails and BuildKit cancels the other one,
// whose apt-get output comes last. The error shown must be the failing step's own.
const twoStagesOneFails = `#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 512B done
#1 DONE 0.0s
#4 [internal] load build context
#4 transferring context: 2.10kB done
#4 DONE 0.0s
#5 [build 3/4] RUN go build -o /out/app .
#7 [runtime 2/3] RUN apt-get update && apt-get install -y ca-certificates
#7 0.301 Get:1 http://deb.example/debian bookworm InRelease [151 kB]
#5 0.123 go: updates to go.mod needed; to update it:
#5 0.124 	go mod tidy
#7 0.512 Get:2 http://deb.example/debian bookworm/main amd64 Packages [8789 kB]
#5 ERROR: process "/bin/sh -c go build -o /out/app ." did not complete successfully: exit code: 1
#7 1.020 Reading package lists...
#7 1.100 Building dependency tree...
#7 CANCELED
------
 > [build 3/4] RUN go build -o /out/app .:
0.123 go: updates to go.mod needed; to update it:
0.124 	go mod tidy
------
Dockerfile:7
--------------------
   5 |     COPY . .
   6 |     # build
   7 | >>> RUN go build -o /out/app .
   8 |
--------------------
ERROR: failed to solve: process "/bin/sh -c go build -o /out/app ." did not complete successfully: exit code: 1
`

func TestBuildLogParallelStagesFailingStep(t *testing.T) {
	l := &buildLog{}
	l.read(strings.NewReader(twoStagesOneFails))
	if got, want := l.failedStep(), "[build 3/4] RUN go build -o /out/app ."; got != want {
		t.Errorf("failed step %q, want %q", got, want)
	}
	if l.dfLine != 7 {
		t.Errorf("Dockerfile line %d, want 7", l.dfLine)
	}
	out := l.failedOutput(stepOutputLines)
	want := []string{
		"go: updates to go.mod needed; to update it:",
		"\tgo mod tidy",
		`ERROR: process "/bin/sh -c go build -o /out/app ." did not complete successfully: exit code: 1`,
	}
	if strings.Join(out, "\n") != strings.Join(want, "\n") {
		t.Errorf("failing step's output:\n%s\nwant:\n%s", strings.Join(out, "\n"), strings.Join(want, "\n"))
	}
	e := &BuildError{Tag: "t", Dockerfile: "docker/Dockerfile", Step: l.failedStep(), Line: l.dfLine, Output: out, Tail: l.tail(25), Err: errString("exit status 1")}
	msg := e.Error()
	for _, w := range []string{"at [build 3/4] RUN go build -o /out/app . (docker/Dockerfile line 7)", "  | go: updates to go.mod needed"} {
		if !strings.Contains(msg, w) {
			t.Errorf("error lacks %q:\n%s", w, msg)
		}
	}
	for _, bad := range []string{"CANCELED", "apt-get", "Reading package lists"} {
		if strings.Contains(msg, bad) {
			t.Errorf("error shows another stage's %q:\n%s", bad, msg)
		}
	}
}

// Docker 20.10's BuildKit repeats the step's lines with their vertex number in the summary
// and prints no Dockerfile line.
func TestBuildLogOldSummary(t *testing.T) {
	l := &buildLog{}
	l.read(strings.NewReader(`#6 [stage-1 2/3] RUN false
#6 sha256:34937202393ccf8a2128358fd39aea436c2a6ff0a8a5bfb8afe675f3098d59ca
#6 ERROR: executor failed running [/bin/sh -c false]: exit code: 1
#8 [stage-0 3/3] RUN sleep 5
#8 CANCELED
------
 > [stage-1 2/3] RUN false:
#6 ERROR: executor failed running [/bin/sh -c false]: exit code: 1
------
executor failed running [/bin/sh -c false]: exit code: 1
`))
	if l.failedStep() != "[stage-1 2/3] RUN false" || l.dfLine != 0 {
		t.Errorf("step %q line %d", l.failedStep(), l.dfLine)
	}
	if out := l.failedOutput(30); len(out) != 1 || !strings.HasPrefix(out[0], "ERROR: executor failed") {
		t.Errorf("output %q", out)
	}
}

func TestRunArgs(t *testing.T) {
	got := strings.Join(runArgs(RunOptions{Image: "img", Name: "c", Port: 8080, Env: []string{"A=1"}, EnvFiles: []string{"svc.env"},
		Network: "deps", AddHosts: []string{"db:10.0.0.2"}}), " ")
	want := "run -d --name c -p 127.0.0.1::8080 --env-file svc.env -e A=1 --network deps --add-host db:10.0.0.2 img"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	got = strings.Join(runArgs(RunOptions{Image: "img", Name: "h", ReadOnly: true, Tmpfs: []string{"/tmp", "/app/cache"}, CapDrop: []string{"ALL"},
		CapAdd: []string{"CHOWN", "SETUID"}, SecurityOpt: []string{"no-new-privileges"}}), " ")
	want = "run -d --name h --read-only --tmpfs /tmp --tmpfs /app/cache --cap-drop ALL --cap-add CHOWN --cap-add SETUID --security-opt no-new-privileges img"
	if got != want {
		t.Errorf("hardened: got  %s\nwant %s", got, want)
	}
	// a dependency as compose creates it: alias, user, volumes, health check, an entrypoint
	// of two words (the second goes before the command)
	got = strings.Join(runArgs(RunOptions{Image: "redis:7", Name: "d", Network: "n", NetworkAliases: []string{"redis"}, User: "999",
		Volumes: []string{"/src:/checks:ro", "/data"}, HealthCmd: "redis-cli ping", HealthInterval: time.Second, HealthRetries: 3,
		HealthStartPeriod: 10 * time.Second, Entrypoint: []string{"docker-entrypoint.sh", "-x"}, Cmd: []string{"redis-server", "--save", ""}}), "|")
	want = "run|-d|--name|d|--health-cmd|redis-cli ping|--health-interval|1s|--health-retries|3|--health-start-period|10s|--network|n|--network-alias|redis|--user|999|--volume|/src:/checks:ro|--volume|/data|--entrypoint|docker-entrypoint.sh|redis:7|-x|redis-server|--save|"
	if got != want {
		t.Errorf("dependency: got  %s\nwant %s", got, want)
	}
	// an empty entrypoint clears the image's; nil keeps it
	if got := strings.Join(runArgs(RunOptions{Image: "i", Name: "e", Entrypoint: []string{}}), " "); got != "run -d --name e --entrypoint  i" {
		t.Errorf("empty entrypoint: %q", got)
	}
}

// A build target becomes --target, for buildx and plain docker build alike; none, no flag.
func TestBuildArgsTarget(t *testing.T) {
	for _, e := range []*Engine{{buildx: true}, {}} {
		args, _ := e.buildArgs(BuildOptions{ContextDir: "ctx", Dockerfile: "Dockerfile", Tag: "t", Target: "prod"}, "iid")
		s := strings.Join(args, " ")
		if !strings.Contains(s, " --target prod ") || !strings.HasSuffix(s, " ctx") {
			t.Errorf("buildx %v: %s", e.buildx, s)
		}
		args, _ = e.buildArgs(BuildOptions{ContextDir: "ctx", Dockerfile: "Dockerfile", Tag: "t"}, "iid")
		if strings.Contains(strings.Join(args, " "), "--target") {
			t.Errorf("no target, yet: %s", args)
		}
	}
}

func TestParseDiff(t *testing.T) {
	got, err := ParseDiff("C /var\nC /var/log\nA /var/log/z.log\nD /app/old\nA /app dir/with space\n")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, c := range got {
		lines = append(lines, c.Kind+"|"+c.Path)
	}
	if s := strings.Join(lines, ","); s != "C|/var,C|/var/log,A|/var/log/z.log,D|/app/old,A|/app dir/with space" {
		t.Errorf("got %s", s)
	}
	if got, err := ParseDiff(""); err != nil || len(got) != 0 {
		t.Errorf("empty: %v, %v", got, err)
	}
	if _, err := ParseDiff("C /var\nError: No such container: x\n"); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad line: %v", err)
	}
}
