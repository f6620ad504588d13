package optimize

import (
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/moby/patternmatcher/ignorefile"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// copyContext copies the files git tracks in src (so that local build outputs such as
// node_modules do not change the result) into a temporary build context and adds a .git
// directory (git cannot track one inside the repository), as a real checkout would have.
func copyContext(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if out, err := exec.Command("git", "ls-files", "-z", "--", src).Output(); err == nil && len(out) > 0 {
		for _, p := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
			rel, _ := filepath.Rel(src, p)
			if strings.HasSuffix(p, ".golden") {
				continue
			}
			data, err := os.ReadFile(p)
			if err != nil {
				continue // deleted in the work tree
			}
			os.MkdirAll(filepath.Dir(filepath.Join(dst, rel)), 0o755)
			if err := os.WriteFile(filepath.Join(dst, rel), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		os.MkdirAll(filepath.Join(dst, ".git"), 0o755)
		os.WriteFile(filepath.Join(dst, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
		return dst
	}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if d.Name() == "node_modules" && p != src {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasSuffix(p, ".golden") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dst, ".git"), 0o755)
	os.WriteFile(filepath.Join(dst, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
	return dst
}

func run(t *testing.T, dir string) (*Result, *dockerfile.File, *buildctx.Context) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := dockerfile.Parse("Dockerfile", src, dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := buildctx.Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Optimize(f, ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res, f, ctx
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./optimize -update, then review the file)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// checkInvariants: the output parses, optimizing it again changes nothing, and, when
// lintClean, lint reports no error, warning or style finding on it (the recipes' output must
// pass dockopt's own linter; info findings, such as base images not pinned by digest, are the
// user's choice; the generic path keeps what it cannot rewrite, so findings may remain).
func checkInvariants(t *testing.T, dir string, res *Result, lintClean bool) {
	t.Helper()
	again := t.TempDir()
	copyDir(t, dir, again)
	if err := os.WriteFile(filepath.Join(again, "Dockerfile"), res.Dockerfile, 0o644); err != nil {
		t.Fatal(err)
	}
	if res.Ignore != nil {
		// the optimized Dockerfile is built with the generated .dockerignore
		os.WriteFile(filepath.Join(again, ".dockerignore"), []byte(res.Ignore.Text()), 0o644)
	}
	res2, f2, ctx2 := run(t, again)
	if string(res2.Dockerfile) != string(res.Dockerfile) {
		t.Errorf("optimizing the output again changes it:\n%s", res2.Dockerfile)
	}
	for _, fd := range lint.Run(f2, ctx2, lint.Options{}) {
		if lintClean && (fd.Severity <= rule.Warning || fd.Severity == rule.Style) && res.LeftWhy(fd.Rule.ID) == "" {
			t.Errorf("optimized Dockerfile: %d:%d %s %s: %s", fd.Line, fd.Column, fd.Rule.ID, fd.Rule.Name, fd.Message)
		}
	}
}

func copyDir(t *testing.T, src, dst string) {
	filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, _ := os.ReadFile(p)
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
}

// TestExamples pins the optimized Dockerfile and .dockerignore of each example service.
func TestExamples(t *testing.T) {
	for _, ex := range []struct{ name, eco string }{{"forecastin-api", "python"}, {"node-api", "node"}, {"go-api", "go"}} {
		t.Run(ex.name, func(t *testing.T) {
			dir := copyContext(t, filepath.Join("..", "examples", ex.name))
			res, _, _ := run(t, dir)
			if res.Ecosystem != ex.eco {
				t.Errorf("ecosystem %q, want %q", res.Ecosystem, ex.eco)
			}
			gdir := filepath.Join("testdata", "golden", ex.name)
			os.MkdirAll(gdir, 0o755)
			golden(t, filepath.Join(gdir, "Dockerfile.optimized"), res.Dockerfile)
			golden(t, filepath.Join(gdir, "dockerignore"), []byte(res.Ignore.Text()))
			checkInvariants(t, dir, res, true)
			// linted with the generated ignore file, as it is built: no size or security finding left
			if res.FindingsAfter[rule.Security] != 0 || res.FindingsAfter[rule.Size] != 0 {
				t.Errorf("findings after: %v (%v)", res.FindingsAfter, res.LeftAfter)
			}
		})
	}
}

// TestFixtures pins the output for fixture contexts covering the other paths: multi-stage
// (improved in place), Alpine and Poetry (declined with a reason), Windows (no user added),
// CRLF with heredocs, and a Python build with extras carried over.
func TestFixtures(t *testing.T) {
	cases, _ := os.ReadDir(filepath.Join("testdata", "fixtures"))
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			src := filepath.Join("testdata", "fixtures", c.Name())
			dir := copyContext(t, src)
			res, _, _ := run(t, dir)
			golden(t, filepath.Join(src, "Dockerfile.optimized.golden"), res.Dockerfile)
			golden(t, filepath.Join(src, "dockerignore.golden"), []byte(res.Ignore.Text()))
			checkInvariants(t, dir, res, res.Ecosystem != "generic")
		})
	}
}

func TestFixtureFacts(t *testing.T) {
	dir := copyContext(t, filepath.Join("testdata", "fixtures", "python-extras"))
	res, _, _ := run(t, dir)
	out := string(res.Dockerfile)
	for _, want := range []string{"libxml2", "curl", "LABEL org.opencontainers.image.source", "VOLUME /srv/data", "STOPSIGNAL SIGINT", "python -m compileall", "ARG PY=3.11", "COPY --chown=10001:10001 app/ ./app/"} {
		if !strings.Contains(out, want) {
			t.Errorf("optimized output lacks %q", want)
		}
	}
	if !strings.Contains(strings.Join(res.UnknownDev, ","), "libfoo-dev") {
		t.Errorf("libfoo-dev should be reported as unknown, got %v", res.UnknownDev)
	}
	var pats []string
	for _, l := range res.Ignore.Lines {
		pats = append(pats, l.Pattern)
	}
	for _, want := range []string{".git", ".env"} {
		if ok, _ := matchesAny(pats, want); !ok {
			t.Errorf(".dockerignore does not exclude %s", want)
		}
	}
	// never exclude what the Dockerfile copies
	for _, l := range res.Ignore.Lines {
		for _, copied := range []string{"requirements.txt", "requirements-prod.txt", "app/wsgi.py"} {
			if ok, _ := matches(l.Pattern, copied); ok {
				t.Errorf("pattern %q excludes copied file %s", l.Pattern, copied)
			}
		}
	}
	for _, p := range []string{"poetry", "alpine-python"} {
		d := copyContext(t, filepath.Join("testdata", "fixtures", p))
		r, _, _ := run(t, d)
		if r.Ecosystem != "generic" || !strings.Contains(r.EcosystemWhy, map[string]string{"poetry": "poetry.lock", "alpine-python": "not Debian"}[p]) {
			t.Errorf("%s: ecosystem %s (%s)", p, r.Ecosystem, r.EcosystemWhy)
		}
	}
}

func matchesAny(patterns []string, path string) (bool, error) {
	m, err := buildctx.NewMatcher(patterns)
	if err != nil {
		return false, err
	}
	return m.MatchesOrParentMatches(path)
}

// Secrets, logs and caches are excluded wherever they are in the context, not only at its
// top; bin/ only in a Go module (elsewhere it often holds scripts the app runs).
func TestDockerignoreNested(t *testing.T) {
	files := map[string]string{
		"Dockerfile": "FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n",
		"go.mod":     "module x\n\ngo 1.26\n", "main.go": "package main\n\nfunc main() {}\n",
		"config/.env": "DB_PASSWORD=FAKE", "config/.env.local": "X=FAKE", "deploy/.npmrc": "//r/:_authToken=FAKE",
		"tmp/build-errors.log": "x", "coverage.out": "mode: set", "bin/go-api": "ELF", "internal/cache/.aws/credentials": "FAKE",
		"internal/build/keep.go": "package build",
		// what DO302 finds must be excluded too, by exact path when no pattern covers it
		".envrc": "export X=FAKE", ".htpasswd": "u:FAKE", "config/cert.p12": "FAKE", "config/key.jks": "FAKE",
		"config/credentials.json": "{}", "terraform.tfstate": "{}", "secrets/db_password.txt": "FAKE",
		"config/secrets.yaml": "k: FAKE", "deploy/kubeconfig": "FAKE", "weird[1]*.pem": "FAKE",
	}
	dir := t.TempDir()
	for name, data := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, _, _ := run(t, dir)
	var pats []string
	for _, l := range res.Ignore.Lines {
		pats = append(pats, l.Pattern)
	}
	for _, p := range []string{"config/.env", "config/.env.local", "deploy/.npmrc", "tmp/build-errors.log", "coverage.out", "bin/go-api", "internal/cache/.aws/credentials",
		".envrc", ".htpasswd", "config/cert.p12", "config/key.jks", "config/credentials.json", "terraform.tfstate", "secrets/db_password.txt",
		"config/secrets.yaml", "deploy/kubeconfig", "weird[1]*.pem"} {
		if ok, _ := matchesAny(pats, p); !ok {
			t.Errorf("%s is not excluded by %q", p, pats)
		}
	}
	for _, p := range []string{"main.go", "go.mod", "internal/build/keep.go"} {
		if ok, _ := matchesAny(pats, p); ok {
			t.Errorf("%s is excluded by %q", p, pats)
		}
	}
	// outside a Go module, bin/ stays
	os.Remove(filepath.Join(dir, "go.mod"))
	res, _, _ = run(t, dir)
	for _, l := range res.Ignore.Lines {
		if l.Pattern == "bin" {
			t.Errorf("bin excluded without go.mod: %+v", l)
		}
	}
}

func matches(pattern, path string) (bool, error) {
	m, err := buildctx.NewMatcher([]string{pattern})
	if err != nil {
		return false, err
	}
	return m.MatchesOrParentMatches(path)
}

// A change is listed once and says what was there: no "CMD in exec form" when the original
// CMD already was, and the node start command change shows the original CMD.
func TestCommandChanges(t *testing.T) {
	titles := func(res *Result) map[string]Change {
		m := map[string]Change{}
		for _, c := range res.Changes {
			m[c.Title] = c
		}
		return m
	}
	goRes, _, _ := run(t, copyContext(t, filepath.Join("..", "examples", "go-api")))
	if _, ok := titles(goRes)["CMD in exec form"]; ok {
		t.Error("go-api: its CMD is already in exec form, yet the change is listed")
	}
	nodeRes, _, _ := run(t, copyContext(t, filepath.Join("..", "examples", "node-api")))
	nc := titles(nodeRes)
	if _, ok := nc["CMD in exec form"]; ok {
		t.Error("node-api: CMD in exec form listed besides the node start command change")
	}
	if c, ok := nc["node runs the app directly"]; !ok || c.Before != "CMD npm start" || c.After != `CMD ["node", "dist/server.js"]` {
		t.Errorf("node-api: start command change %+v", c)
	}
	dir := t.TempDir()
	for name, data := range map[string]string{
		"Dockerfile":       "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 8000\nCMD uvicorn app:app --host 0.0.0.0\n",
		"requirements.txt": "fastapi\nuvicorn\n",
		"app.py":           "from fastapi import FastAPI\napp = FastAPI()\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pyRes, _, _ := run(t, dir)
	if c, ok := titles(pyRes)["CMD in exec form"]; !ok || c.Before != "CMD uvicorn app:app --host 0.0.0.0" {
		t.Errorf("python, shell-form CMD: exec form change %+v", c)
	}
}

// writeContext writes files (slash paths) into a new directory.
func writeContext(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Paths the source embeds (//go:embed) or reads by relative path are kept in the build
// context, and the Go recipe copies the read ones into the scratch image, where the original
// working directory was.
func TestSourceReferences(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"go.mod": "module example.com/s\n\ngo 1.26\n",
		"cmd/server/main.go": "package main\n\nimport (\n\t\"embed\"\n\t\"net/http\"\n\t\"os\"\n)\n\n//go:embed banner.txt\nvar banner embed.FS\n\n//go:embed all:../../docs\nvar docs embed.FS\n\n" +
			"func main() {\n\tos.ReadFile(\"migrations/001.sql\")\n\thttp.Handle(\"/health\", nil)\n\thttp.Handle(\"/\", http.FileServer(http.Dir(\"web/static\")))\n}\n",
		"cmd/server/banner.txt": "hi", "docs/guide.md": "# guide", "migrations/001.sql": "create table x();",
		"web/static/index.html": "<h1>x</h1>", "tests/e2e.sh": "true",
		"Dockerfile": "FROM golang:1.26\nWORKDIR /srv/app\nCOPY . .\nRUN go build -o /app ./cmd/server\nEXPOSE 8080\nCMD [\"/app\"]\n",
	})
	res, _, _ := run(t, dir)
	out := string(res.Dockerfile)
	for _, want := range []string{"WORKDIR /srv/app\nCOPY --from=build /src/migrations/001.sql ./migrations/001.sql\nCOPY --from=build /src/web/static ./web/static\nUSER"} {
		if !strings.Contains(out, want) {
			t.Errorf("optimized Dockerfile lacks %q:\n%s", want, out)
		}
	}
	var pats []string
	for _, l := range res.Ignore.Lines {
		pats = append(pats, l.Pattern)
	}
	for _, p := range []string{"docs/guide.md", "cmd/server/banner.txt", "migrations/001.sql", "web/static/index.html"} {
		if ok, _ := matchesAny(pats, p); ok {
			t.Errorf("%s is excluded by %q, but the source needs it", p, pats)
		}
	}
	if ok, _ := matchesAny(pats, "tests/e2e.sh"); !ok {
		t.Errorf("tests/ should still be excluded: %q", pats)
	}

	// Python reading docs/ at run time: docs stays in the context
	py := writeContext(t, map[string]string{
		"requirements.txt": "flask\n", "app.py": "from flask import Flask\napp = Flask(__name__)\nINTRO = open('docs/intro.md').read()\n",
		"docs/intro.md": "# intro", "Dockerfile": "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
	})
	res, _, _ = run(t, py)
	pats = nil
	for _, l := range res.Ignore.Lines {
		pats = append(pats, l.Pattern)
	}
	if ok, _ := matchesAny(pats, "docs/intro.md"); ok {
		t.Errorf("docs/intro.md is excluded by %q, but app.py reads it", pats)
	}
}

// Requirement files included with -r/-c are copied too, at their relative paths, and a
// requirements file in a subdirectory is recognised.
func TestPipRequirementIncludes(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"requirements.txt": "-r requirements-extra.txt\n-c constraints/pins.txt\nflask\n", "requirements-extra.txt": "gunicorn\n",
		"constraints/pins.txt": "flask==3.0.0\n", "app.py": "app = None\n",
		"Dockerfile": "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
	})
	res, _, _ := run(t, dir)
	if want := "COPY requirements.txt requirements-extra.txt ./\nCOPY constraints/pins.txt ./constraints/\nRUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install -r requirements.txt \\\n    && /opt/venv/bin/python -m pip uninstall --yes pip\n"; !strings.Contains(string(res.Dockerfile), want) {
		t.Errorf("want %q in:\n%s", want, res.Dockerfile)
	}
	sub := writeContext(t, map[string]string{
		"requirements/prod.txt": "-r base.txt\ngunicorn\n", "requirements/base.txt": "flask\n", "app.py": "app = None\n",
		"Dockerfile": "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements/prod.txt\nCMD [\"python\", \"app.py\"]\n",
	})
	res, _, _ = run(t, sub)
	if res.Ecosystem != "python" {
		t.Fatalf("requirements/prod.txt: ecosystem %s (%s)", res.Ecosystem, res.EcosystemWhy)
	}
	if want := "COPY requirements/prod.txt requirements/base.txt ./requirements/\nRUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install -r requirements/prod.txt \\\n"; !strings.Contains(string(res.Dockerfile), want) {
		t.Errorf("want %q in:\n%s", want, res.Dockerfile)
	}
}

// An Express app with no build step: no full-install stage that nothing uses (DO505), and a
// health probe that follows $PORT when the app does.
func TestNodeWithoutBuild(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"package.json":      `{"name":"x","version":"1.0.0","scripts":{"start":"node server.js"},"dependencies":{"express":"^5.0.0"}}`,
		"package-lock.json": `{"name":"x","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{"":{"name":"x","version":"1.0.0","dependencies":{"express":"^5.0.0"}}}}`,
		"server.js":         "const app = require('express')();\napp.get('/health', (q, r) => r.json({ok: true}));\napp.listen(process.env.PORT || 8080);\n",
		"Dockerfile":        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install\nEXPOSE 8080\nCMD [\"npm\", \"start\"]\n",
	})
	res, _, _ := run(t, dir)
	if res.Ecosystem != "node" {
		t.Fatalf("ecosystem %s (%s)", res.Ecosystem, res.EcosystemWhy)
	}
	out := string(res.Dockerfile)
	if strings.Contains(out, "AS deps") || !strings.Contains(out, "AS prod-deps") {
		t.Errorf("want only the prod-deps stage:\n%s", out)
	}
	if !strings.Contains(out, "(process.env.PORT || 8080)") {
		t.Errorf("the probe does not follow $PORT:\n%s", out)
	}
	checkInvariants(t, dir, res, true)
}

// Optimizing a Dockerfile that has a HEALTHCHECK on the generic path does not say it has none.
func TestGenericKeepsHealthcheckNote(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"Dockerfile": "FROM debian:12\nRUN apt-get update && apt-get install -y nginx curl\nHEALTHCHECK CMD curl -f http://127.0.0.1/ || exit 1\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n",
	})
	res, _, _ := run(t, dir)
	for _, n := range res.Notes {
		if strings.Contains(n, "no HEALTHCHECK is added") {
			t.Errorf("note %q on a Dockerfile with a HEALTHCHECK", n)
		}
	}
	if !strings.Contains(string(res.Dockerfile), "HEALTHCHECK CMD curl -f http://127.0.0.1/ || exit 1") {
		t.Errorf("the working HEALTHCHECK (curl is installed) was changed:\n%s", res.Dockerfile)
	}
}

// What a third QA pass found: a read .env is never kept or copied; source code under a
// secrets/ directory and a Helm template are not secrets; an embedded directory keeps its
// files against **/ patterns; bare words such as "test" are not directories read at run time;
// a glob literal reads its directory; CMD ["./server"] is pointed at the copied binary; odd
// file names are escaped so the ignore file excludes them.
func TestOptimizeQA3(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"go.mod": "module example.com/s\n\ngo 1.26\n",
		"main.go": "package main\n\nimport (\n\t\"embed\"\n\t\"os\"\n\t\"path/filepath\"\n\t\"example.com/s/internal/secrets\"\n)\n\n//go:embed certs\nvar certs embed.FS\n\n" +
			"func main() {\n\tos.ReadFile(\".env\")\n\tif os.Getenv(\"APP_ENV\") == \"test\" {\n\t}\n\tfilepath.Glob(\"migrations/*.sql\")\n\t_ = secrets.X\n}\n",
		"internal/secrets/secrets.go":  "package secrets\n\nvar X = 1\n",
		"chart/templates/secrets.yaml": "kind: Secret", "certs/ca.pem": "CERT", "certs/app.log": "x",
		".env": "A=FAKE", "test/fixture.txt": "x", "migrations/001.sql": "create table x();",
		"#backup.p12": "FAKE", "!store.jks": "FAKE", " lead.p12": "FAKE", "star*.jks": "FAKE",
		"Dockerfile": "FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o server .\nCMD [\"./server\"]\n",
	})
	res, _, _ := run(t, dir)
	out := string(res.Dockerfile)
	for _, want := range []string{"COPY --from=build /src/migrations ./migrations", `CMD ["/app"]`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range []string{"./.env", "./test"} {
		if strings.Contains(out, bad) {
			t.Errorf("output copies %s:\n%s", bad, out)
		}
	}
	// the ignore file as BuildKit reads it
	pats, err := ignorefile.ReadAll(strings.NewReader(res.Ignore.Text()))
	if err != nil {
		t.Fatal(err)
	}
	m, err := buildctx.NewMatcher(pats)
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{
		".env": true, "#backup.p12": true, "!store.jks": true, " lead.p12": true, "star*.jks": true,
		"internal/secrets/secrets.go": false, "chart/templates/secrets.yaml": false, "certs/ca.pem": false,
		"certs/app.log": false, "migrations/001.sql": false, "main.go": false,
	} {
		if got, _ := m.MatchesOrParentMatches(p); got != want {
			t.Errorf("%q excluded = %v, want %v (patterns %q)", p, got, want, pats)
		}
	}
	checkInvariants(t, dir, res, true)
}

// Constraint files of the pip command line, and local package directories named in the
// requirement files, are copied before pip runs (a directory at its own path).
func TestPipConstraintsAndLocalPackages(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"requirements.txt": "-e ./libs/mylib\nfile:./libs/other\nflask\n", "constraints.txt": "flask==3.0.0\n",
		"libs/mylib/pyproject.toml": "[project]\nname='mylib'\n", "libs/other/setup.py": "", "app.py": "app = None\n",
		"Dockerfile": "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt -c constraints.txt\nCMD [\"python\", \"app.py\"]\n",
	})
	res, _, _ := run(t, dir)
	want := "COPY requirements.txt constraints.txt ./\nCOPY libs/mylib ./libs/mylib/\nCOPY libs/other ./libs/other/\nRUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install -r requirements.txt -c constraints.txt \\\n"
	if !strings.Contains(string(res.Dockerfile), want) {
		t.Errorf("want %q in:\n%s", want, res.Dockerfile)
	}
}

// A Dockerfile of another name (optimize -f api.Dockerfile) is kept out of the context as
// Dockerfile* keeps the usual one: with `COPY . .` it, and the api.Dockerfile.optimized
// written next to it, ended up in the image.
func TestIgnoreNamedDockerfile(t *testing.T) {
	dir := copyContext(t, filepath.Join("testdata", "fixtures", "python-extras"))
	if err := os.Rename(filepath.Join(dir, "Dockerfile"), filepath.Join(dir, "api.Dockerfile")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "api.Dockerfile")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := dockerfile.Parse(path, src, dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := buildctx.Scan(dir, "api.Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Optimize(f, ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var pats []string
	for _, l := range res.Ignore.Lines {
		pats = append(pats, l.Pattern)
	}
	for _, name := range []string{"api.Dockerfile", "api.Dockerfile.optimized", "api.Dockerfile.orig"} {
		if ok, _ := matchesAny(pats, name); !ok {
			t.Errorf(".dockerignore does not exclude %s:\n%s", name, res.Ignore.Text())
		}
	}
	if n := strings.Count(res.Ignore.Text(), "# the Dockerfiles themselves"); n != 1 {
		t.Errorf("%d comments for the Dockerfiles, want 1:\n%s", n, res.Ignore.Text())
	}
}

// A Go service whose ENTRYPOINT runs the binary where the build left it (pramuditorh/gin-golang:
// WORKDIR /app, go build -o ./gin-golang, ENTRYPOINT ["./gin-golang"]) gets an ENTRYPOINT that
// names the binary in the scratch image; CMD arguments stay arguments.
func TestGoEntrypointFollowsTheBinary(t *testing.T) {
	for name, c := range map[string]struct{ tail, want string }{
		"entrypoint":          {"ENTRYPOINT [ \"./gin-golang\" ]\n", "ENTRYPOINT [\"/app\"]\n"},
		"entrypoint and args": {"ENTRYPOINT [\"./gin-golang\"]\nCMD [\"--port\", \"8080\"]\n", "ENTRYPOINT [\"/app\"]\nCMD [\"--port\", \"8080\"]\n"},
		"absolute":            {"ENTRYPOINT [\"/app/gin-golang\"]\n", "ENTRYPOINT [\"/app/gin-golang\"]\n"},
	} {
		df := "FROM golang:1.26\nWORKDIR /app\nCOPY go.mod .\nCOPY *.go ./\nRUN go build -o ./gin-golang\nEXPOSE 8080\n" + c.tail
		if name == "absolute" {
			df = strings.Replace(df, "-o ./gin-golang", "-o /app/gin-golang", 1)
		}
		dir := writeContext(t, map[string]string{"Dockerfile": df, "go.mod": "module x\n\ngo 1.22\n", "main.go": "package main\n\nfunc main() {}\n"})
		res, _, _ := run(t, dir)
		out := string(res.Dockerfile)
		if !strings.Contains(out, c.want) || strings.Contains(out, "./gin-golang") {
			t.Errorf("%s: want %q:\n%s", name, c.want, out)
		}
		if name == "absolute" && !strings.Contains(out, "COPY --from=build /out/app /app/gin-golang") {
			t.Errorf("absolute: binary not at the ENTRYPOINT's path:\n%s", out)
		}
	}
}

// pip install -r PATH where a COPY put the requirements file elsewhere than the working
// directory (COPY requirements.txt /tmp/requirements.txt), with a package named beside it:
// the Python recipe reads the file through that COPY and installs the named package too
// (new-user trial on lonk42/The-Waiting-Timer, which got the generic path, and whose gunicorn
// the recipe would have dropped).
func TestPipRequirementsCopiedElsewhere(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"Dockerfile":       "FROM python:3.11\nCOPY requirements.txt /tmp/requirements.txt\nRUN pip install -r /tmp/requirements.txt gunicorn \"uvicorn>=0.20\" --upgrade pip\nCOPY app /app\nWORKDIR /app\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:5000\", \"app:app\"]\n",
		"requirements.txt": "flask\n",
		"app/app.py":       "from flask import Flask\napp = Flask(__name__)\n",
	})
	res, _, _ := run(t, dir)
	out := string(res.Dockerfile)
	if res.Ecosystem != "python" {
		t.Fatalf("ecosystem %q (notes %q):\n%s", res.Ecosystem, res.Notes, out)
	}
	for _, want := range []string{"COPY requirements.txt ./", "pip install -r requirements.txt", "pip install gunicorn \"uvicorn>=0.20\""} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "install pip") || strings.Contains(out, " pip gunicorn") {
		t.Errorf("pip itself installed as a package:\n%s", out)
	}
}

// pip install of named packages with no requirements file on a slim image with no build
// packages (moahmed90/amiphonics: `FROM python:3.11-slim`, `RUN pip install --no-cache-dir
// flask gunicorn`): the builder/runtime split gains nothing (on the engine it made the image
// 13.7% bigger: the venv's pip and setuptools), so the file is improved in place, with a note
// that says why, a non-root user and the python HEALTHCHECK of --health-path; and no change
// names a rule that did not fire on the original. The same file on the full image still gets
// the recipe.
func TestPipPackagesWithoutRequirements(t *testing.T) {
	files := map[string]string{
		"Dockerfile": "FROM python:3.11-slim\nWORKDIR /app\nRUN pip install --no-cache-dir flask gunicorn\nCOPY . .\nEXPOSE 5000\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:5000\", \"app:app\"]\n",
		"app.py":     "from flask import Flask\napp = Flask(__name__)\n",
	}
	res := optimizeFiles(t, files, Options{HealthPath: "/health"})
	out := string(res.Dockerfile)
	if res.Ecosystem != "generic" || !hasNote(res, "the base image python:3.11-slim is already slim and the build installs no build-only packages") {
		t.Fatalf("ecosystem %q (notes %q):\n%s", res.Ecosystem, res.Notes, out)
	}
	for _, want := range []string{"FROM python:3.11-slim\n", "RUN pip install --no-cache-dir flask gunicorn\n", "USER 10001:10001\n",
		"HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \\\n  CMD [\"python\", \"-c\", \"import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:5000/health', timeout=4).status < 400 else 1)\"]\nCMD "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "venv") || strings.Contains(out, " AS ") || hasNote(res, "no HEALTHCHECK") || res.Healthcheck == "" {
		t.Errorf("a split, or no check (notes %q):\n%s", res.Notes, out)
	}
	for _, c := range res.Changes {
		if strings.Contains(c.Title, "compilers") || slices.Contains(c.Rules, "DO107") || slices.Contains(c.Rules, "DO108") {
			t.Errorf("change claims what did not happen: %+v", c)
		}
	}
	files["Dockerfile"] = strings.Replace(files["Dockerfile"], "python:3.11-slim", "python:3.11", 1)
	full := optimizeFiles(t, files, Options{HealthPath: "/health"})
	if full.Ecosystem != "python" || !strings.Contains(string(full.Dockerfile), "COPY --from=builder /opt/venv /opt/venv") {
		t.Errorf("full image: ecosystem %q:\n%s", full.Ecosystem, full.Dockerfile)
	}
}

// An apt build package on the slim image keeps the recipe: the compiler stays in the builder.
func TestSlimPythonWithBuildPackages(t *testing.T) {
	res := optimizeFiles(t, map[string]string{
		"Dockerfile":       "FROM python:3.11-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
		"requirements.txt": "psycopg2\n", "app.py": "print(1)\n",
	}, Options{})
	if res.Ecosystem != "python" || !strings.Contains(string(res.Dockerfile), "FROM python:3.11-slim AS builder") {
		t.Errorf("ecosystem %q (%s):\n%s", res.Ecosystem, res.EcosystemWhy, res.Dockerfile)
	}
}

// The port the recipe EXPOSEs is the result's, with no HEALTHCHECK too (no health route): the
// report's docker run publishes it (it printed `docker run --rm IMAGE` with no -p).
func TestPortWithoutHealthcheck(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"Dockerfile":        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n",
		"package.json":      `{"name":"x","dependencies":{"express":"5"}}`,
		"package-lock.json": `{"name":"x","lockfileVersion":3,"packages":{}}`,
		"server.js":         "require('express')().listen(3000)\n",
	})
	res, _, _ := run(t, dir)
	if res.Healthcheck != "" || res.Port != 3000 {
		t.Errorf("healthcheck %q, port %d: want none and 3000 (notes %q)", res.Healthcheck, res.Port, res.Notes)
	}
}

// Django's collectstatic runs in the builder after a copy of the code; the runtime stage
// takes the builder's working directory (code and collected files) owned by the service user,
// and runs no Django command; the report says where the RUN went.
func TestDjangoCollectstaticInBuilder(t *testing.T) {
	dir := copyContext(t, filepath.Join("testdata", "fixtures", "django-collectstatic"))
	res, _, _ := run(t, dir)
	out := string(res.Dockerfile)
	builder, runtime, ok := strings.Cut(out, "AS runtime")
	if !ok {
		t.Fatalf("no runtime stage:\n%s", out)
	}
	if !strings.Contains(builder, "COPY . .\nRUN python manage.py collectstatic --noinput") {
		t.Errorf("the builder does not collect the static files after the code:\n%s", builder)
	}
	if strings.Contains(runtime, "collectstatic") || !strings.Contains(runtime, "COPY --from=builder --chown=10001:10001 /app /app") {
		t.Errorf("the runtime stage should copy the builder's /app and run no collectstatic:\n%s", runtime)
	}
	if !slices.ContainsFunc(res.Carried, func(s string) bool {
		return strings.Contains(s, "collectstatic") && strings.Contains(s, "builder stage")
	}) {
		t.Errorf("the report does not say the RUN went to the builder: %v", res.Carried)
	}
}

// The compose files (which may hold passwords) are left out of the context whatever their
// spelling: docker-compose.yaml as well as .yml, and compose.yaml.
func TestIgnoreComposeFiles(t *testing.T) {
	for _, name := range []string{"docker-compose.yaml", "docker-compose.yml", "docker-compose.override.yaml", "compose.yaml", "compose.yml"} {
		dir := copyContext(t, filepath.Join("testdata", "fixtures", "python-extras"))
		if err := os.WriteFile(filepath.Join(dir, name), []byte("services: {}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		res, _, _ := run(t, dir)
		var pats []string
		for _, l := range res.Ignore.Lines {
			pats = append(pats, l.Pattern)
		}
		if ok, _ := matchesAny(pats, name); !ok {
			t.Errorf(".dockerignore does not exclude %s:\n%s", name, res.Ignore.Text())
		}
	}
}
