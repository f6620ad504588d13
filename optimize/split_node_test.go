package optimize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// summaly as upstream wrote it (pnpm@10, one stage on node slim): the build keeps the stage,
// with pnpm pinned to package.json's packageManager version; the runtime is node slim with
// libmimalloc2.0 (not -dev), the setup commands again (the summaly user, the mimalloc link),
// /app as built, and fastify-cli's program run directly instead of through pnpm.
func TestSplitPnpmSummaly(t *testing.T) {
	dir := copyContext(t, "../testdata/realworld/summaly")
	df, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	upstream := strings.Replace(string(df), "npm install -g pnpm@10.23.0", "npm install -g pnpm@10", 1)
	if upstream == string(df) {
		t.Fatal("the vendored Dockerfile no longer installs pnpm@10.23.0")
	}
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(upstream), 0o644)
	res, out, err := optimizeDir(t, dir, "Dockerfile", Options{NoCacheMounts: true})
	if err != nil {
		t.Fatal(err)
	}
	text := string(res.Dockerfile)
	if len(out.Stages) != 3 {
		t.Fatalf("not split:\n%s\n%q", text, res.Notes)
	}
	build := text[:strings.Index(text, "AS runtime\n")]
	rt := text[strings.Index(text, "AS runtime\n"):]
	// `pnpm install fastify-cli` installs the devDependencies again: a stage leaves them out
	if !strings.Contains(build, "FROM runtime-build AS runtime-prod-deps\nUSER root\nRUN pnpm prune --prod\n") {
		t.Errorf("no stage prunes the devDependencies:\n%s", build)
	}
	if !strings.Contains(build, "npm install -g pnpm@10.23.0\n") {
		t.Errorf("pnpm not pinned to packageManager's version in the build:\n%s", build)
	}
	for _, want := range []string{
		"install -y --no-install-recommends libmimalloc2.0 ",
		"RUN ln -s /usr/lib/$(uname -m)-linux-gnu/libmimalloc.so.2 /usr/local/lib/libmimalloc.so \\\n && groupadd",
		"COPY --from=runtime-prod-deps /app /app\n",
		"USER summaly\n",
		`CMD ["/app/node_modules/.bin/fastify", "start", "./dist/index.js"]`,
	} {
		if !strings.Contains(rt, want) {
			t.Errorf("runtime lacks %q:\n%s", want, rt)
		}
	}
	for _, bad := range []string{"pnpm", "libmimalloc-dev", "apt-get clean"} {
		if strings.Contains(rt, bad) {
			t.Errorf("runtime has %q:\n%s", bad, rt)
		}
	}
	if strings.Index(rt, "ARG GID") > strings.Index(rt, "groupadd") {
		t.Errorf("the setup runs before its ARGs:\n%s", rt)
	}
	titles := ""
	for _, c := range res.Changes {
		titles += c.Title + "\n"
	}
	for _, want := range []string{"pnpm is installed at the version package.json's packageManager names", "without pnpm"} {
		if !strings.Contains(titles, want) {
			t.Errorf("no change %q in:\n%s", want, titles)
		}
	}
	os.WriteFile(filepath.Join(dir, "Dockerfile"), res.Dockerfile, 0o644)
	again, _, err := optimizeDir(t, dir, "Dockerfile", Options{NoCacheMounts: true})
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Dockerfile) != text {
		t.Errorf("not idempotent:\n%s", again.Dockerfile)
	}
	for _, n := range again.Notes {
		if strings.Contains(n, "devDependenc") {
			t.Errorf("re-optimizing: %s", n)
		}
	}
}

// corepack reads packageManager itself: it stays in the build as written, and the runtime
// runs the start script without pnpm, with node_modules from a stage that prunes the
// devDependencies the install put there. A pnpm pinned to another version than packageManager's
// gets a note.
func TestSplitPnpmCorepackAndPin(t *testing.T) {
	pkg := `{"scripts":{"start":"node server.js"},"dependencies":{"fastify":"5"},"packageManager":"pnpm@9.15.0+sha512.abc"}`
	for name, c := range map[string]struct{ run, build, note string }{
		"corepack":      {"RUN corepack enable && pnpm install --frozen-lockfile", "RUN corepack enable && pnpm install --frozen-lockfile\n", ""},
		"unpinned":      {"RUN npm i -g pnpm && pnpm install --frozen-lockfile", "RUN npm i -g pnpm@9.15.0 && pnpm install", ""},
		"other version": {"RUN npm i -g pnpm@8.15.9 && pnpm install --frozen-lockfile", "npm i -g pnpm@8.15.9 &&", "installs pnpm@8.15.9, but package.json's packageManager names pnpm@9.15.0"},
	} {
		df := "FROM node:20-slim\nWORKDIR /srv\nCOPY package.json pnpm-lock.yaml ./\n" + c.run + "\nCOPY . .\nCMD [\"pnpm\", \"start\"]\n"
		dir := writeContext(t, map[string]string{"Dockerfile": df, "package.json": pkg, "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", "server.js": "\n"})
		res, out, err := optimizeDir(t, dir, "Dockerfile", Options{NoCacheMounts: true})
		if err != nil {
			t.Fatal(err)
		}
		text := string(res.Dockerfile)
		if len(out.Stages) < 2 {
			t.Errorf("%s: not split:\n%s\n%q", name, text, res.Notes)
			continue
		}
		i := strings.Index(text, "AS runtime\n")
		if !strings.Contains(text[:i], c.build) {
			t.Errorf("%s: build lacks %q:\n%s", name, c.build, text)
		}
		rt := text[i:]
		if strings.Contains(rt, `"pnpm"`) || strings.Contains(rt, "pnpm@") || strings.Contains(rt, "corepack") || !strings.Contains(rt, `CMD ["node", "server.js"]`) {
			t.Errorf("%s: runtime:\n%s", name, rt)
		}
		if !strings.Contains(rt, "COPY --from=runtime-prod-deps /srv/node_modules /srv/node_modules\nCOPY package.json pnpm-lock.yaml /srv/\nCOPY . /srv/\n") {
			t.Errorf("%s: runtime does not copy node_modules, then the files again:\n%s", name, rt)
		}
		notes := strings.Join(res.Notes, "\n")
		if c.note != "" && !strings.Contains(notes, c.note) {
			t.Errorf("%s: no note %q in %q", name, c.note, notes)
		}
	}
}

// A setup RUN the runtime cannot repeat knowingly (curl, a pipe) keeps the stage whole, and
// the note names the line; a node slim stage that installs nothing for the build only is
// left as it is, silently.
func TestSplitNodeSlimKept(t *testing.T) {
	for name, c := range map[string]struct{ setup, note string }{
		"curl":    {"RUN apt-get update && apt-get install -y curl libpq-dev && curl -fsSL https://example.com/x -o /usr/local/bin/x && npm i -g pnpm", "line 2 runs `curl`"},
		"pipe":    {"RUN npm i -g pnpm | tee /tmp/log", "pipes, conditions or loops"},
		"nothing": {"RUN apt-get update && apt-get install -y --no-install-recommends libvips42", ""},
	} {
		df := "FROM node:20-slim\n" + c.setup + "\nWORKDIR /app\nCOPY . .\nRUN pnpm install --frozen-lockfile\nCMD [\"node\", \"index.js\"]\n"
		dir := writeContext(t, map[string]string{"Dockerfile": df, "package.json": `{}`, "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", "index.js": "\n"})
		res, out, err := optimizeDir(t, dir, "Dockerfile", Options{Target: ""})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Stages) != 1 {
			t.Errorf("%s: split:\n%s", name, res.Dockerfile)
		}
		notes := strings.Join(res.Notes, "\n")
		if c.note != "" && !strings.Contains(notes, c.note) {
			t.Errorf("%s: no note %q in %q", name, c.note, notes)
		}
		if c.note == "" && strings.Contains(notes, "was not moved") {
			t.Errorf("%s: note %q", name, notes)
		}
	}
}

// Nothing is declined silently: a stack without a recipe, and a Node project whose lockfile
// the recipe does not write builds for, get a note naming it, single-stage or not.
func TestDeclinedStackNotes(t *testing.T) {
	for name, c := range map[string]struct {
		files map[string]string
		note  string
	}{
		"java": {map[string]string{"Dockerfile": "FROM amazoncorretto:17\nWORKDIR /app\nCOPY . .\nRUN ./mvnw package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n", "pom.xml": "<project/>"},
			"a Java (pom.xml) project"},
		"yarn": {map[string]string{"Dockerfile": "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn install --frozen-lockfile\nCMD [\"node\", \"index.js\"]\n", "package.json": "{}", "yarn.lock": "\n"},
			"yarn.lock found: a yarn project"},
	} {
		dir := writeContext(t, c.files)
		res, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(res.Notes, "\n"), c.note) {
			t.Errorf("%s: no note %q in %q", name, c.note, res.Notes)
		}
	}
}

// yarn berry: with nodeLinker node-modules the runtime gets node_modules from `yarn
// workspaces focus --all --production` and runs the start script without the corepack yarn;
// with Plug'n'Play (the default) the stage is kept whole, with a note naming it.
func TestSplitYarnBerry(t *testing.T) {
	for name, rc := range map[string]string{"node-modules": "nodeLinker: node-modules\n", "pnp": "enableTelemetry: false\n"} {
		df := "FROM node:20\nWORKDIR /app\nCOPY package.json yarn.lock .yarnrc.yml ./\nRUN corepack enable && yarn install --immutable\nCOPY . .\nRUN yarn build\nEXPOSE 3000\nCMD [\"yarn\", \"start\"]\n"
		pkg := `{"scripts":{"build":"tsc","start":"node dist/server.js"},"dependencies":{"express":"4"},"devDependencies":{"typescript":"5"},"packageManager":"yarn@4.5.3"}`
		dir := writeContext(t, map[string]string{"Dockerfile": df, "package.json": pkg, "yarn.lock": "__metadata:\n  version: 8\n", ".yarnrc.yml": rc, "src/server.ts": "\n"})
		res, out, err := optimizeDir(t, dir, "Dockerfile", Options{NoCacheMounts: true})
		if err != nil {
			t.Fatal(err)
		}
		text := string(res.Dockerfile)
		if name == "pnp" {
			if len(out.Stages) != 1 || !strings.Contains(strings.Join(res.Notes, "\n"), "yarn berry's Plug'n'Play (nodeLinker pnp") {
				t.Errorf("pnp: split or no note:\n%s\n%q", text, res.Notes)
			}
			continue
		}
		for _, want := range []string{
			"FROM runtime-build AS runtime-prod-deps\nRUN yarn workspaces focus --all --production \\\n && rm -rf .yarn/cache .yarn/install-state.gz\n",
			"FROM node:20-slim AS runtime\nWORKDIR /app\nCOPY --from=runtime-prod-deps /app /app\n",
			`CMD ["node", "dist/server.js"]`,
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: output lacks %q:\n%s", name, want, text)
			}
		}
	}
}
