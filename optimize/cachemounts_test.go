package optimize

import (
	"path/filepath"
	"slices"
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

// optimizeRealWorld optimizes a copy of the real-world entry dir (its Dockerfile file df) with
// opt.
func optimizeRealWorld(t *testing.T, dir, df string, opt Options) (*Result, *buildctx.Context) {
	t.Helper()
	ctxDir := copyContext(t, filepath.Join("..", "testdata", "realworld", dir))
	res, _, err := optimizeDir(t, ctxDir, df, opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := buildctx.Scan(ctxDir, df)
	if err != nil {
		t.Fatal(err)
	}
	return res, ctx
}

// The split passes' build stages keep the caches of their installs on mounts from pkgmgr's
// facts (poetry, uv, pnpm with --store-dir, yarn classic, cargo's registry only, apt with
// docker-clean removed and its cleanups dropped); the stage that ships gets none; the report
// names each RUN; the size and cache rules find nothing to say about the caches.
func TestCacheMountsBuildStages(t *testing.T) {
	for _, c := range []struct {
		dir, df   string
		want, not []string
	}{
		{"poetry-fastapi", "docker/Dockerfile", []string{"RUN --mount=type=cache,target=/root/.cache/pypoetry \\\n    poetry install --no-dev",
			"RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    rm -f /etc/apt/apt.conf.d/docker-clean \\\n && apt-get update"}, nil},
		{"uv-fastapi", "Dockerfile", []string{"RUN --mount=type=cache,target=/root/.cache/uv \\\n    --mount=type=bind,source=uv.lock"}, nil},
		{"summaly", "Dockerfile", []string{"RUN --mount=type=cache,target=/root/.local/share/pnpm/store \\\n    pnpm i --frozen-lockfile --aggregate-output --store-dir=/root/.local/share/pnpm/store \\\n && pnpm install fastify-cli --store-dir=/root/.local/share/pnpm/store",
			"--mount=type=cache,target=/root/.npm \\\n    rm -f /etc/apt/apt.conf.d/docker-clean"}, []string{"apt-get clean", "rm -rf /var/lib/apt/lists \\"}},
		{"next-compose", "Dockerfile", []string{"RUN --mount=type=cache,target=/usr/local/share/.cache/yarn \\\n    echo"}, []string{"yarn cache clean", "berry"}},
		{"rust-hello", "Dockerfile", []string{"RUN --mount=type=cache,target=/usr/local/cargo/registry \\\n    cargo build --release\n"}, []string{"target=/usr/src/rust-hello/target", "target=/usr/local/cargo\n", "target=/usr/local/cargo "}},
	} {
		res, ctx := optimizeRealWorld(t, c.dir, c.df, Options{})
		text := string(res.Dockerfile)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: want %q in:\n%s", c.dir, w, text)
			}
		}
		for _, n := range c.not {
			if strings.Contains(text, n) {
				t.Errorf("%s: %q in:\n%s", c.dir, n, text)
			}
		}
		nf, err := dockerfile.Parse("Dockerfile.optimized", res.Dockerfile, dockerfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		st := nf.Stages[len(nf.Stages)-1]
		for _, s := range nf.StageChain(st) {
			for _, in := range s.Instructions {
				// the split's own apt-get RUN of the run-time packages has apt's mounts (as the
				// recipes write it); uv-fastapi's original mounts are its own
				if in.HasCacheMount() && !slices.Contains(in.CacheMountTargets(), "/var/cache/apt") && c.dir != "uv-fastapi" {
					t.Errorf("%s: a cache mount in the stage that ships (%s): %s", c.dir, stageLabel(s), text[in.StartOffset:in.EndOffset])
				}
			}
		}
		if c.dir != "uv-fastapi" {
			var why string
			for _, ch := range res.Changes {
				if ch.Title == "The build stages' installs keep their caches on BuildKit cache mounts" {
					why = ch.Why
				}
			}
			if why == "" || !strings.Contains(why, "the RUN of `") {
				t.Errorf("%s: no report entry naming the RUNs: %v", c.dir, res.Changes)
			}
		}
		// DO201 (the install after COPY . of the original, which the manifests pass does not
		// move in these files) is about the order of the layers, not their caches
		var fs []string
		for _, f := range sizeAndCacheFindings(t, res, ctx) {
			if !strings.HasPrefix(f, "DO201:") {
				fs = append(fs, f)
			}
		}
		if len(fs) > 0 {
			t.Errorf("%s: size and cache findings on the result:\n%s", c.dir, strings.Join(fs, "\n"))
		}
		off, _ := optimizeRealWorld(t, c.dir, c.df, Options{NoCacheMounts: true})
		if strings.Contains(string(off.Dockerfile), "--mount=type=cache") && c.dir != "uv-fastapi" {
			t.Errorf("%s: a cache mount with NoCacheMounts:\n%s", c.dir, off.Dockerfile)
		}
	}
}

// A file that uses no BuildKit feature, whose stage that ships keeps an install without a
// mount (voting-vote: pip and apt-get in `base`), gets no mount in its other stages: DO203
// would then ask one of the stage that ships; a note says why. A safe fix whose only work was
// a cleanup the mounts dropped (next-compose: DO116's `yarn cache clean`) is not reported.
func TestCacheMountsLeftOrWithdrawn(t *testing.T) {
	res, _ := optimizeRealWorld(t, "voting-vote", "Dockerfile", Options{})
	if strings.Contains(string(res.Dockerfile), "--mount=type=cache") {
		t.Errorf("voting-vote: a cache mount though the stage that ships keeps pip install without one:\n%s", res.Dockerfile)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "the build stages' installs were not put on BuildKit cache mounts: the stage that ships runs `") {
		t.Errorf("voting-vote: no note: %q", res.Notes)
	}
	res, _ = optimizeRealWorld(t, "next-compose", "Dockerfile", Options{})
	for _, c := range res.Changes {
		if slices.Contains(c.Rules, "DO116") {
			t.Errorf("next-compose: a change claims what the output does not do: %s: %s", c.Title, c.Why)
		}
	}
	if strings.Contains(string(res.Dockerfile), "yarn cache clean") {
		t.Errorf("next-compose: yarn's mounted cache cleaned:\n%s", res.Dockerfile)
	}
}

// In a build stage, a RUN whose cleanup removes a mounted cache with other paths keeps that
// manager unmounted (the rm cannot be dropped alone); a RUN as another user than root is left
// as written (the targets are root's); a cache a later COPY --from reads (`mvn install` puts the
// artifact in the local repository) is not mounted; CARGO_HOME moves cargo's mount to its
// registry.
func TestCacheMountsBuildStageLimits(t *testing.T) {
	for name, c := range map[string]struct {
		files     map[string]string
		want, not string
	}{
		"rm of the cache and more": {map[string]string{
			"Dockerfile":   "FROM node:20 AS build\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && rm -rf /tmp/x /usr/local/share/.cache/yarn\nCOPY . .\nRUN yarn build\n\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
			"package.json": `{"scripts":{"build":"vite build"}}`, "yarn.lock": "\n"},
			"RUN yarn install --frozen-lockfile && rm -rf /tmp/x /usr/local/share/.cache/yarn\n", "target=/usr/local/share/.cache/yarn"},
		"not root": {map[string]string{
			"Dockerfile":   "FROM node:20 AS build\nUSER node\nWORKDIR /home/node/app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM nginx:1.27\nCOPY --from=build /home/node/app/dist /usr/share/nginx/html\n",
			"package.json": `{"scripts":{"build":"vite build"}}`, "package-lock.json": "{}"},
			"RUN npm ci\n", "target=/root/.npm"},
		"copied from the mount": {map[string]string{
			"Dockerfile": "FROM maven:3-eclipse-temurin-17 AS build\nWORKDIR /src\nCOPY . .\nRUN mvn -B install\n\nFROM eclipse-temurin:17-jre\nCOPY --from=build /root/.m2/repository/dev/x/app/1.0/app-1.0.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n",
			"pom.xml":    "<project/>\n"},
			"RUN mvn -B install\n", "target=/root/.m2"},
		"CARGO_HOME": {map[string]string{
			"Dockerfile": "FROM rust:1 AS build\nENV CARGO_HOME=/opt/cargo\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n\nFROM debian:bookworm-slim\nCOPY --from=build /src/target/release/app /usr/local/bin/app\nCMD [\"app\"]\n",
			"Cargo.toml": "[package]\nname = \"app\"\n", "src/main.rs": "fn main() {}\n"},
			"RUN --mount=type=cache,target=/opt/cargo/registry \\\n    cargo build --release\n", "target=/opt/cargo\n"},
	} {
		dir := writeContext(t, c.files)
		res, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
		if err != nil {
			t.Fatal(err)
		}
		text := string(res.Dockerfile)
		if !strings.Contains(text, c.want) || strings.Contains(text, c.not) {
			t.Errorf("%s: want %q and not %q in:\n%s", name, c.want, c.not, text)
		}
	}
}
