package optimize

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// optimizeFiles optimizes the context made of files with opt, and checks that optimizing the
// output again (with its generated .dockerignore) changes nothing.
func optimizeFiles(t *testing.T, files map[string]string, opt Options) *Result {
	t.Helper()
	dir := writeContext(t, files)
	res, _, err := optimizeDir(t, dir, "Dockerfile", opt)
	if err != nil {
		t.Fatal(err)
	}
	again := t.TempDir()
	copyDir(t, dir, again)
	os.WriteFile(filepath.Join(again, "Dockerfile"), res.Dockerfile, 0o644)
	if res.Ignore != nil {
		os.WriteFile(filepath.Join(again, ".dockerignore"), []byte(res.Ignore.Text()), 0o644)
	}
	res2, _, err := optimizeDir(t, again, "Dockerfile", opt)
	if err != nil {
		t.Fatal(err)
	}
	if string(res2.Dockerfile) != string(res.Dockerfile) {
		t.Errorf("optimizing the output again changes it:\n--- first\n%s\n--- again\n%s", res.Dockerfile, res2.Dockerfile)
	}
	return res
}

// changeFor returns the recorded change that resolves rule id, nil when there is none.
func changeFor(res *Result, id string) *Change {
	for i, c := range res.Changes {
		for _, r := range c.Rules {
			if r == id {
				return &res.Changes[i]
			}
		}
	}
	return nil
}

func leftAfter(res *Result, id string) bool {
	if r := rules.Lookup(id); r != nil && r.OptIn {
		// the report lists what a default lint finds; an opt-in rule is asked by name
		f, err := dockerfile.Parse("Dockerfile.optimized", res.Dockerfile, dockerfile.Options{})
		return err != nil || len(lint.Run(f, nil, lint.Options{Only: []*rule.Rule{r}})) > 0
	}
	return strings.Contains(strings.Join(res.LeftAfter, "\n"), id+" ")
}

// A curl check on python:*-slim, which has no curl, makes the same request with Python; the
// options stay, the result is in exec form and DO402 no longer finds anything.
func TestHealthPassPythonSlim(t *testing.T) {
	res := optimizeFiles(t, map[string]string{
		"app.py": "print('hi')\n",
		"Dockerfile": "FROM python:3.12-slim\nWORKDIR /srv\nCOPY app.py .\nEXPOSE 8000\n" +
			"HEALTHCHECK --interval=10s --timeout=3s \\\n  CMD curl -fsS http://localhost:8000/health || exit 1\n" +
			"CMD [\"python\", \"app.py\"]\n",
	}, Options{})
	want := "HEALTHCHECK --interval=10s --timeout=3s \\\n  CMD [\"python\", \"-c\", \"import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://localhost:8000/health').status < 400 else 1)\"]\n"
	if !strings.Contains(string(res.Dockerfile), want) {
		t.Errorf("want\n%s\nin\n%s", want, res.Dockerfile)
	}
	c := changeFor(res, "DO402")
	if c == nil || !strings.Contains(c.Why, "curl, which python:3.12-slim does not have") || !strings.Contains(c.After, "urllib.request") {
		t.Errorf("change: %+v", c)
	}
	if leftAfter(res, "DO402") || res.Healthcheck == "" {
		t.Errorf("DO402 left %v, healthcheck %q", res.LeftAfter, res.Healthcheck)
	}
}

// A wget check on node:*-slim with the port in a shell variable: node makes the request,
// reading the same variable and default, at 127.0.0.1.
func TestHealthPassNodeShellVariable(t *testing.T) {
	res := optimizeFiles(t, map[string]string{
		"server.js": "require('http').createServer((q, s) => s.end('ok')).listen(process.env.PORT || 3000)\n",
		"Dockerfile": "FROM node:20-slim\nWORKDIR /srv\nCOPY server.js .\n" +
			"HEALTHCHECK CMD wget -qO- \"http://localhost:${PORT:-3000}/healthz\" > /dev/null || exit 1\nCMD [\"node\", \"server.js\"]\n",
	}, Options{})
	want := `HEALTHCHECK CMD ["node", "-e", "require('http').get('http://127.0.0.1:' + (process.env.PORT || '3000') + '/healthz', r => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))"]`
	if !strings.Contains(string(res.Dockerfile), want) {
		t.Errorf("want\n%s\nin\n%s", want, res.Dockerfile)
	}
}

// A check inherited from the stage the target is built FROM is repaired in the target, with
// the same options; the base stage keeps its own. Built without a target, the last stage
// installs curl: its check works and nothing changes.
func TestHealthPassInherited(t *testing.T) {
	files := map[string]string{
		"app.py": "print('hi')\n",
		"Dockerfile": "FROM python:3.12-slim AS base\nHEALTHCHECK --interval=5s CMD curl -f http://localhost:8000/ || exit 1\n\n" +
			"FROM base AS app\nCOPY app.py /srv/app.py\nCMD [\"python\", \"/srv/app.py\"]\n\n" +
			"FROM base AS tools\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
	}
	res := optimizeFiles(t, files, Options{Target: "app"})
	out := string(res.Dockerfile)
	if !strings.Contains(out, "FROM python:3.12-slim AS base\nHEALTHCHECK --interval=5s CMD curl -f http://localhost:8000/ || exit 1\n") {
		t.Errorf("the base stage's check changed:\n%s", out)
	}
	want := "CMD [\"python\", \"/srv/app.py\"]\nHEALTHCHECK --interval=5s \\\n  CMD [\"python\", \"-c\", \"import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://localhost:8000/').status < 400 else 1)\"]\n"
	if !strings.Contains(out, want) {
		t.Errorf("want\n%s\nin\n%s", want, out)
	}
	res = optimizeFiles(t, files, Options{})
	if changeFor(res, "DO402") != nil || strings.Count(string(res.Dockerfile), "HEALTHCHECK") != 1 {
		t.Errorf("the last stage has curl: nothing to repair\n%s", res.Dockerfile)
	}
}

// Checks that work are left alone: curl in a full image, curl the stage installs, NONE, a
// check already written with the runtime.
func TestHealthPassKeepsWorkingChecks(t *testing.T) {
	for name, df := range map[string]string{
		"full image": "FROM buildpack-deps:bookworm\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\nCMD [\"python3\", \"-m\", \"http.server\"]\n",
		"installed":  "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\nCMD [\"python\", \"-m\", \"http.server\"]\n",
		"none":       "FROM python:3.12-slim\nHEALTHCHECK NONE\nCMD [\"python\", \"-m\", \"http.server\"]\n",
		"runtime":    "FROM python:3.12-slim\nHEALTHCHECK CMD [\"python\", \"-c\", \"import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/')\"]\nCMD [\"python\", \"-m\", \"http.server\"]\n",
	} {
		t.Run(name, func(t *testing.T) {
			res := optimizeFiles(t, map[string]string{"Dockerfile": df}, Options{})
			if c := changeFor(res, "DO402"); c != nil {
				t.Errorf("changed a working check: %+v", c)
			}
			hc := df[strings.Index(df, "HEALTHCHECK"):]
			hc = hc[:strings.Index(hc, "\n")]
			if !strings.Contains(string(res.Dockerfile), hc) {
				t.Errorf("%q is gone:\n%s", hc, res.Dockerfile)
			}
		})
	}
}

// With no runtime and no probe flag, a check that can never pass is removed, with a note; an
// inherited one is turned off in the target with HEALTHCHECK NONE.
func TestHealthPassRemoves(t *testing.T) {
	res := optimizeFiles(t, map[string]string{
		"server": "binary\n",
		"Dockerfile": "FROM debian:12-slim\nCOPY server /usr/local/bin/server\n" +
			"HEALTHCHECK --interval=5s CMD curl -f http://localhost:8080/ || exit 1\nCMD [\"/usr/local/bin/server\"]\n",
	}, Options{})
	if strings.Contains(string(res.Dockerfile), "HEALTHCHECK") {
		t.Errorf("the broken check is still there:\n%s", res.Dockerfile)
	}
	notes := strings.Join(res.Notes, "\n")
	if !strings.Contains(notes, "the HEALTHCHECK was removed: it runs curl, which debian:12-slim does not have") || strings.Contains(notes, "no HEALTHCHECK is added") {
		t.Errorf("notes: %s", notes)
	}
	if c := changeFor(res, "DO402"); c == nil || c.After != "(no HEALTHCHECK)" {
		t.Errorf("change: %+v", c)
	}
	res = optimizeFiles(t, map[string]string{
		"server": "binary\n",
		"Dockerfile": "FROM debian:12-slim AS base\nHEALTHCHECK CMD wget -q http://localhost:8080/ || exit 1\n\n" +
			"FROM base\nCOPY server /usr/local/bin/server\nCMD [\"/usr/local/bin/server\"]\n",
	}, Options{})
	if !strings.HasSuffix(string(res.Dockerfile), "CMD [\"/usr/local/bin/server\"]\nHEALTHCHECK NONE\n") {
		t.Errorf("want HEALTHCHECK NONE at the end of the last stage:\n%s", res.Dockerfile)
	}
}

// On an image without a shell: a shell-form check of a program the image has is written in
// exec form; a wget check uses the program's own -healthcheck flag, found in its Go source.
func TestHealthPassNoShell(t *testing.T) {
	res := optimizeFiles(t, map[string]string{
		"Dockerfile": "FROM golang:1.26 AS build\nCOPY . /src\nRUN cd /src && CGO_ENABLED=0 go build -o /probe ./cmd/probe\n\n" +
			"FROM gcr.io/distroless/static-debian12\nCOPY --from=build /probe /probe\n" +
			"HEALTHCHECK --timeout=2s CMD /probe -url http://127.0.0.1:8080/healthz || exit 1\nENTRYPOINT [\"/probe\"]\n",
	}, Options{})
	if want := "HEALTHCHECK --timeout=2s CMD [\"/probe\", \"-url\", \"http://127.0.0.1:8080/healthz\"]\n"; !strings.Contains(string(res.Dockerfile), want) {
		t.Errorf("want\n%s\nin\n%s", want, res.Dockerfile)
	}
	res = optimizeFiles(t, map[string]string{
		"main.go": "package main\n\nimport \"flag\"\n\nvar probe = flag.Bool(\"healthcheck\", false, \"probe the running server\")\n\nfunc main() { flag.Parse() }\n",
		"Dockerfile": "FROM golang:1.26 AS build\nCOPY . /src\nRUN cd /src && CGO_ENABLED=0 go build -o /server .\n\n" +
			"FROM gcr.io/distroless/static-debian12\nCOPY --from=build /server /server\n" +
			"HEALTHCHECK CMD [\"wget\", \"-q\", \"--spider\", \"http://127.0.0.1:8080/\"]\nENTRYPOINT [\"/server\"]\n",
	}, Options{})
	if want := "HEALTHCHECK CMD [\"/server\", \"-healthcheck\"]\n"; !strings.Contains(string(res.Dockerfile), want) {
		t.Errorf("want\n%s\nin\n%s", want, res.Dockerfile)
	}
}

// On the distroless Node.js image a shell-form `node healthcheck.js` check names node by its
// path: the image has no shell, and node is not on its PATH.
func TestHealthPassDistrolessNode(t *testing.T) {
	res := optimizeFiles(t, map[string]string{
		"Dockerfile": "FROM gcr.io/distroless/nodejs20-debian12:nonroot\nCOPY . /code\nWORKDIR /code\n" +
			"HEALTHCHECK --interval=30s CMD node healthcheck.js\nCMD [\"/nodejs/bin/node\", \"src/index.js\"]\n",
	}, Options{})
	if want := "HEALTHCHECK --interval=30s CMD [\"/nodejs/bin/node\", \"healthcheck.js\"]\n"; !strings.Contains(string(res.Dockerfile), want) {
		t.Errorf("want\n%s\nin\n%s", want, res.Dockerfile)
	}
}

func TestParseHTTPProbe(t *testing.T) {
	for _, c := range []struct {
		script string
		ok     bool
		want   httpProbe
	}{
		{"curl -fsSL http://localhost:8000/health || exit 1", true, httpProbe{fail: true}},
		{"curl http://localhost:8000/", true, httpProbe{}},
		{"curl --fail --max-time 4 -o /dev/null -w '%{http_code}' localhost:8000/", true, httpProbe{fail: true, timeout: 4}},
		{"curl -fkI https://localhost:8443/ || exit", true, httpProbe{fail: true, head: true, insecure: true}},
		{"curl -sf -X GET http://x/ >/dev/null 2>&1 || false", true, httpProbe{fail: true}},
		{"wget -qO- http://localhost:8080/ || exit 1", true, httpProbe{fail: true}},
		{"wget --spider -T 3 --no-check-certificate http://x/", true, httpProbe{fail: true, head: true, insecure: true, timeout: 3}},
		{"curl -f -H 'Host: x' http://localhost/", false, httpProbe{}},
		{"curl -X POST http://localhost/", false, httpProbe{}},
		{"curl -f http://a/ http://b/", false, httpProbe{}},
		{"curl -f http://a/ | grep ok", false, httpProbe{}},
		{"curl -f http://a/ || exit 0", false, httpProbe{}},
		{"curl -f http://$1/", false, httpProbe{}},
		{"nc -z localhost 8000", false, httpProbe{}},
	} {
		words, ok := shellWords(c.script)
		var h httpProbe
		if ok {
			h, ok = parseHTTPProbe(words)
		}
		if ok != c.ok {
			t.Errorf("%q: ok=%v, want %v", c.script, ok, c.ok)
			continue
		}
		if ok && (h.fail != c.want.fail || h.head != c.want.head || h.insecure != c.want.insecure || h.timeout != c.want.timeout) {
			t.Errorf("%q: %+v, want %+v", c.script, h, c.want)
		}
	}
	words, _ := shellWords("curl -f localhost:8000/health")
	h, _ := parseHTTPProbe(words)
	if got, _ := literal(h.url); got != "http://localhost:8000/health" {
		t.Errorf("URL without a scheme: %q", got)
	}
}

// The probes written for Python and Node run against a real server: they pass on an answer
// below 400 and fail on 404 when curl had -f (any answer passes without it), fail when
// nothing answers, and read the port from the environment as the shell did.
func TestProbesRun(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/health" {
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close) // after the parallel subtests
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	for i, c := range []struct {
		script string
		pass   bool
	}{
		{"curl -f http://localhost:" + port + "/health || exit 1", true},
		{"curl -fI http://localhost:" + port + "/health", true},
		{"curl -f http://localhost:" + port + "/missing || exit 1", false},
		{"curl http://localhost:" + port + "/missing", true},
		{"wget -q -O /dev/null http://127.0.0.1:${PORT}/health", true},
		{"wget -q -O /dev/null http://127.0.0.1:${NOPE:-1}/health", false},
		{"curl -f -m 2 http://127.0.0.1:" + port + "/health", true},
	} {
		words, ok := shellWords(c.script)
		h, ok2 := parseHTTPProbe(words)
		if !ok || !ok2 {
			t.Fatalf("%q does not parse", c.script)
		}
		var argvs [][]string
		if py, err := exec.LookPath("python3"); err == nil {
			argvs = append(argvs, pythonProbe(py, h))
		}
		if node, err := exec.LookPath("node"); err == nil {
			if argv, ok := nodeProbe(node, h); ok {
				argvs = append(argvs, argv)
			}
		}
		if len(argvs) == 0 {
			t.Skip("neither python3 nor node is installed")
		}
		for _, argv := range argvs {
			t.Run(fmt.Sprintf("%d/%s", i, filepath.Base(argv[0])), func(t *testing.T) {
				t.Parallel()
				cmd := exec.Command(argv[0], argv[1:]...)
				cmd.Env = append(os.Environ(), "PORT="+port)
				err := cmd.Run()
				if (err == nil) != c.pass {
					t.Errorf("%q: err %v, want pass=%v\n%s", c.script, err, c.pass, argv[2])
				}
			})
		}
	}
}
