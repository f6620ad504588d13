package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/optimize"
)

// optimizeReport optimizes a Dockerfile in a temporary build context and renders the report.
func optimizeReport(t *testing.T, df string, files map[string]string, opt optimize.Options) (string, *optimize.Result) {
	t.Helper()
	dir := t.TempDir()
	files["Dockerfile"] = df
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := dockerfile.Parse("Dockerfile", []byte(df), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := buildctx.Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	res, err := optimize.Optimize(f, ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Markdown(&b, &Input{Dir: dir, DockerfileName: "Dockerfile", OutDockerfile: "Dockerfile.optimized", Opt: res}); err != nil {
		t.Fatal(err)
	}
	return b.String(), res
}

// A file no recipe rewrites keeps its build tools: the report says so, and lists the
// original's warnings it left with a reason, instead of claiming they are gone.
func TestReportStatesWhatTheOutputHas(t *testing.T) {
	df := "FROM ruby:3.3\nRUN apt-get update && apt-get install -y build-essential libpq-dev curl\nCOPY . /app\nCMD bundle exec rackup\n"
	md, res := optimizeReport(t, df, map[string]string{"Gemfile": "source 'x'\n", "config.ru": "run App\n"}, optimize.Options{})
	for _, want := range []string{"Build tools are still installed in stage 0, the stage that ships: `build-essential`, `libpq-dev`",
		"Distribution packages stage 0 (the stage that ships) installs: `build-essential`, `curl`, `libpq-dev`",
		"Left as it was", "DO107"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, never := range []string{"No Debian packages are installed", "Build tools and package caches are not in the final image", "write AS"} {
		if strings.Contains(md, never) {
			t.Errorf("report says %q", never)
		}
	}
	found := false
	for _, l := range res.Left {
		if l.Rule == "DO107" && l.After > 0 && l.Why != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("DO107 (build tools in the final image) not in Left: %+v", res.Left)
	}
}

// A two-stage build whose runtime installs only libraries: the report names them and says
// no build tools are installed there.
func TestReportOnCleanRuntime(t *testing.T) {
	df := "FROM python:3.11-slim AS builder\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\n\nFROM python:3.11-slim AS runtime\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nCOPY . /app\nUSER 10001\nCMD [\"python\", \"/app/main.py\"]\n"
	md, _ := optimizeReport(t, df, map[string]string{"main.py": "print(1)\n"}, optimize.Options{})
	for _, want := range []string{"No build tools (compilers, -dev headers, make, git) are installed in stage runtime", "installs: `libpq5`", "find no cache left in a layer", "None: the optimized image has no HEALTHCHECK"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q\n%s", want, md)
		}
	}
}

// An image left as root says so, with the reason.
func TestReportSaysRoot(t *testing.T) {
	md, _ := optimizeReport(t, "FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n", map[string]string{"init.sql": "select 1;\n"}, optimize.Options{})
	if !strings.Contains(md, "The container still runs as **root** (stage 0): no USER added: postgres starts as root") {
		t.Errorf("report does not say the image runs as root:\n%s", md)
	}
}
