package optimize

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// optimizeExample optimizes a copy of examples/name with opt.
func optimizeExample(t *testing.T, name string, opt Options) (*Result, *buildctx.Context) {
	t.Helper()
	dir := copyContext(t, filepath.Join("..", "examples", name))
	_, f, ctx := run(t, dir)
	res, err := Optimize(f, ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res, ctx
}

// sizeAndCacheFindings lints the result with every rule of the size and cache families (the
// opt-in ones included): the cleanup rules and DO203 must accept what optimize wrote.
func sizeAndCacheFindings(t *testing.T, res *Result, ctx *buildctx.Context) []string {
	t.Helper()
	var only []*rule.Rule
	for _, r := range rules.All() {
		if r.Family == rule.Size || r.Family == rule.Cache {
			only = append(only, r)
		}
	}
	nf, err := dockerfile.Parse("Dockerfile.optimized", res.Dockerfile, dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, fd := range lint.Run(nf, res.OptimizedContext(ctx), lint.Options{Only: only}) {
		out = append(out, fd.Rule.ID+": "+fd.Message)
	}
	return out
}

// With cache mounts (the default), the recipes' apt, pip, npm and go commands keep their
// caches on BuildKit cache mounts and delete nothing; the size and cache rules find nothing
// to say about the caches in the result.
func TestCacheMountsOn(t *testing.T) {
	for name, want := range map[string][]string{
		"forecastin-api": {"--mount=type=cache,target=/var/lib/apt,sharing=locked", "--mount=type=cache,target=/var/cache/apt,sharing=locked",
			"rm -f /etc/apt/apt.conf.d/docker-clean", "--mount=type=cache,target=/root/.cache/pip \\\n    pip install -r requirements.txt"},
		"node-api": {"--mount=type=cache,target=/root/.npm \\\n    npm ci --prefer-offline\n", "--mount=type=cache,target=/root/.npm \\\n    npm ci --omit=dev --prefer-offline\n"},
		"go-api":   {"--mount=type=cache,target=/go/pkg/mod \\\n    go mod download"},
	} {
		res, ctx := optimizeExample(t, name, Options{})
		text := string(res.Dockerfile)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: want %q in:\n%s", name, w, text)
			}
		}
		for _, gone := range []string{"--no-cache-dir", "PIP_NO_CACHE_DIR", "rm -rf /var/lib/apt/lists"} {
			if strings.Contains(text, gone) {
				t.Errorf("%s: %q with cache mounts:\n%s", name, gone, text)
			}
		}
		if fs := sizeAndCacheFindings(t, res, ctx); len(fs) > 0 {
			t.Errorf("%s: size and cache findings on the result:\n%s", name, strings.Join(fs, "\n"))
		}
		if name != "go-api" && !hasChange(res, "Package manager caches on BuildKit cache mounts") {
			t.Errorf("%s: no report entry for the cache mounts: %v", name, res.Changes)
		}
	}
}

// --cache-mounts=false (Options.NoCacheMounts) writes no RUN --mount and removes the caches in
// each layer instead, which the size rules accept too.
func TestCacheMountsOff(t *testing.T) {
	for name, want := range map[string][]string{
		"forecastin-api": {"ENV PIP_NO_CACHE_DIR=1", "pip install --no-cache-dir -r requirements.txt", "&& rm -rf /var/lib/apt/lists/*"},
		"node-api":       {"RUN npm ci\n", "RUN npm ci --omit=dev\n"},
		"go-api":         {"RUN go mod download\n"},
	} {
		res, ctx := optimizeExample(t, name, Options{NoCacheMounts: true})
		text := string(res.Dockerfile)
		if strings.Contains(text, "--mount") {
			t.Errorf("%s: RUN --mount with NoCacheMounts:\n%s", name, text)
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: want %q in:\n%s", name, w, text)
			}
		}
		for _, c := range res.Changes {
			if strings.Contains(c.Title+c.Why, "cache mount") && !strings.Contains(c.Why, "cache mounts turned off") {
				t.Errorf("%s: a change speaks of cache mounts that are not written: %s: %s", name, c.Title, c.Why)
			}
		}
		if fs := sizeAndCacheFindings(t, res, ctx); len(fs) > 0 {
			t.Errorf("%s: size and cache findings on the result:\n%s", name, strings.Join(fs, "\n"))
		}
	}
}

// A cache moved by the original's ENV is mounted where it is; one the ENV turns off is not
// mounted, and pip's --no-cache-dir stays.
func TestCacheMountsFollowEnv(t *testing.T) {
	for env, want := range map[string]string{
		"PIP_CACHE_DIR=/cache/pip": "--mount=type=cache,target=/cache/pip \\\n    pip install -r requirements.txt",
		"PIP_NO_CACHE_DIR=1":       "RUN pip install --no-cache-dir -r requirements.txt",
	} {
		dir := writeContext(t, map[string]string{"requirements.txt": "flask\n", "app.py": "app = None\n",
			"Dockerfile": "FROM python:3.11\nENV " + env + "\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"})
		res, _, _ := run(t, dir)
		if !strings.Contains(string(res.Dockerfile), want) {
			t.Errorf("ENV %s: want %q in:\n%s", env, want, res.Dockerfile)
		}
	}
}

func hasChange(res *Result, title string) bool {
	for _, c := range res.Changes {
		if c.Title == title {
			return true
		}
	}
	return false
}
