package optimize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
)

// splitCase optimizes a real-world entry with a target and checks the output's shape.
func splitCase(t *testing.T, dir, target string) (string, *Result) {
	t.Helper()
	ctx := copyContext(t, dir)
	res, out, err := optimizeDir(t, ctx, "Dockerfile", Options{Target: target})
	if err != nil {
		t.Fatal(err)
	}
	st := out.StageByName(target)
	if st == nil {
		t.Fatalf("no stage %s in the output:\n%s", target, res.Dockerfile)
	}
	if u := out.UserEnd(st); dockerfile.RunsAsRoot(u) {
		t.Errorf("target %s ends as %q\n%s", target, u, res.Dockerfile)
	}
	os.WriteFile(filepath.Join(ctx, "Dockerfile"), res.Dockerfile, 0o644)
	again, _, err := optimizeDir(t, ctx, "Dockerfile", Options{Target: target})
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Dockerfile) != string(res.Dockerfile) {
		t.Errorf("not idempotent:\n%s\n---\n%s", res.Dockerfile, again.Dockerfile)
	}
	return string(res.Dockerfile), res
}

// awesome-compose nginx-golang: compose builds `builder`, the golang stage that also runs
// the server. It becomes a scratch stage with the binary; dev-envs and the last stage use
// the toolchain stage, renamed builder-build.
func TestSplitGoTarget(t *testing.T) {
	out, _ := splitCase(t, "../testdata/realworld/ac-nginx-golang/backend", "builder")
	for _, want := range []string{
		"golang:1.26 AS builder-build",
		"FROM scratch AS builder\nWORKDIR /code\nCOPY --from=builder-build /code/bin/backend /code/bin/backend\nCOPY --from=builder-build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\n",
		"FROM builder-build AS dev-envs",
		"COPY --from=builder-build /code/bin/backend /usr/local/bin/backend",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	rt := out[strings.Index(out, "FROM scratch AS builder"):strings.Index(out, "FROM builder-build AS dev-envs")]
	if strings.Contains(rt, "GOPATH") || strings.Contains(rt, "CGO_ENABLED") {
		t.Errorf("the Go toolchain's ENV is carried into the runtime:\n%s", rt)
	}
}

// awesome-compose react-express-mysql: compose builds `development` on node:20. The stage
// becomes node:20-slim with node_modules from the build and the files copied again in the
// same order (a code change rebuilds only the code's layers); its ARG/ENV/EXPOSE/HEALTHCHECK/CMD
// are kept.
func TestSplitNodeTarget(t *testing.T) {
	out, _ := splitCase(t, "../testdata/realworld/ac-react-express-mysql/backend", "development")
	rt := out[strings.Index(out, "FROM node:20-slim AS development"):strings.Index(out, "AS dev-envs")]
	for _, want := range []string{"COPY --from=development-build /code/node_modules /code/node_modules\nCOPY package.json /code/package.json\nCOPY package-lock.json /code/package-lock.json\nCOPY . /code\n", "ARG NODE_ENV=production", "EXPOSE $PORT 9229 9230", "CMD node healthcheck.js", `CMD [ "node", "src/index.js" ]`, "USER node"} {
		if !strings.Contains(rt, want) {
			t.Errorf("runtime stage lacks %q:\n%s", want, rt)
		}
	}
	if !strings.Contains(out, "FROM development-build AS dev-envs") {
		t.Errorf("dev-envs not moved to the build stage:\n%s", out)
	}
}

// todo-app: compose builds client-dev, which runs Vite's dev server: the node user owns
// node_modules/.vite and the working directory itself (not the files in it), where Vite writes at start.
func TestSplitViteOwnsItsCache(t *testing.T) {
	out, _ := splitCase(t, "../testdata/realworld/todo-app", "client-dev")
	if !strings.Contains(out, "chown node:node /usr/local/app /usr/local/app/node_modules/.vite\nUSER node") {
		t.Errorf("node_modules/.vite not owned by node:\n%s", out)
	}
	if strings.Contains(out, "chown -R") {
		t.Errorf("recursive chown:\n%s", out)
	}
}

// A golang stage that runs `go run`, or a binary no `go build -o` writes, is not split.
func TestSplitKept(t *testing.T) {
	for name, df := range map[string]string{
		"go run":    "FROM golang:1.26\nWORKDIR /src\nCOPY . .\nCMD [\"go\", \"run\", \"main.go\"]\n",
		"unknown":   "FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN make\nCMD [\"/src/bin/app\"]\n",
		"slim node": "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"index.js\"]\n",
	} {
		dir := writeContext(t, map[string]string{"Dockerfile": df, "main.go": "package main\n"})
		res, out, err := optimizeDir(t, dir, "Dockerfile", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Stages) != 1 {
			t.Errorf("%s: split:\n%s", name, res.Dockerfile)
		}
	}
}

// A global install the command does not run (a build tool) does not stop the split; a
// package manager installed globally stays in the build: `pnpm start` becomes the start
// script's `node FILE`, and a start script that is more than that keeps the stage whole,
// with a note.
func TestSplitGlobalInstalls(t *testing.T) {
	for name, c := range map[string]struct {
		df, start, cmd string
	}{
		"global build tool":   {"RUN npm install -g typescript && npm ci && tsc\nCMD [\"node\", \"dist/index.js\"]\n", "node index.js", `CMD ["node", "dist/index.js"]`},
		"global runner":       {"RUN npm install -g pnpm@9 && pnpm install --frozen-lockfile\nCMD [\"pnpm\", \"start\"]\n", "node index.js", `CMD ["node", "index.js"]`},
		"global runner, exec": {"RUN npm install -g pnpm@9 && pnpm install --frozen-lockfile\nCMD [\"pnpm\", \"exec\", \"fastify\", \"start\", \"app.js\"]\n", "node index.js", `CMD ["/app/node_modules/.bin/fastify", "start", "app.js"]`},
		"start is shell code": {"RUN npm install -g pnpm@9 && pnpm install --frozen-lockfile\nCMD [\"pnpm\", \"start\"]\n", "node migrate.js && node index.js", ""},
	} {
		df := "FROM node:20\nWORKDIR /app\nCOPY . .\n" + c.df
		dir := writeContext(t, map[string]string{"Dockerfile": df, "package.json": `{"scripts":{"start":"` + c.start + `"}}`, "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", "index.js": "\n"})
		res, out, err := optimizeDir(t, dir, "Dockerfile", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(out.Stages) > 1; got != (c.cmd != "") {
			t.Errorf("%s: split = %v, want %v\n%s\n%q", name, got, c.cmd != "", res.Dockerfile, res.Notes)
			continue
		}
		if c.cmd == "" {
			if !strings.Contains(strings.Join(res.Notes, "\n"), "which needs pnpm, installed for the build") {
				t.Errorf("%s: no note: %q", name, res.Notes)
			}
			continue
		}
		rt := string(res.Dockerfile[strings.Index(string(res.Dockerfile), "AS runtime\n"):])
		if !strings.Contains(rt, c.cmd+"\n") || strings.Contains(rt, "pnpm") {
			t.Errorf("%s: runtime stage wants %s and no pnpm:\n%s", name, c.cmd, rt)
		}
	}
}

// A Python target on the full image: pip installs into a virtualenv made right after the
// build's FROM, and the target becomes python slim with the venv, the app and libpq5.
func TestSplitPythonTarget(t *testing.T) {
	df := "FROM python:3.11 AS base\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD [\"gunicorn\", \"app:app\", \"-b\", \"0.0.0.0:8000\"]\n\nFROM base AS dev\nCMD [\"python\", \"app.py\"]\n"
	dir := writeContext(t, map[string]string{"Dockerfile": df, "requirements.txt": "flask\ngunicorn\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"})
	res, out, err := optimizeDir(t, dir, "Dockerfile", Options{Target: "base", NoCacheMounts: true}) // the split, not the cache mounts
	if err != nil {
		t.Fatal(err)
	}
	text := string(res.Dockerfile)
	for _, want := range []string{
		"FROM python:3.11 AS base-build\nRUN python -m venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\n",
		"FROM python:3.11-slim AS base\nENV PATH=/opt/venv/bin:$PATH\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends libpq5",
		"COPY --from=base-build /opt/venv /opt/venv\nCOPY --from=base-build /app /app\n",
		"FROM base-build AS dev",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if u := out.UserEnd(out.StageByName("base")); dockerfile.RunsAsRoot(u) {
		t.Errorf("base ends as %q", u)
	}
	os.WriteFile(filepath.Join(dir, "Dockerfile"), res.Dockerfile, 0o644)
	again, _, err := optimizeDir(t, dir, "Dockerfile", Options{Target: "base", NoCacheMounts: true})
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Dockerfile) != text {
		t.Errorf("not idempotent:\n%s", again.Dockerfile)
	}
}

// pip --user, pipenv --system, two project managers, pip packages installed before poetry
// (they would stay outside the venv), or a command by absolute path keep the Python target
// whole, with a note.
func TestSplitPythonKept(t *testing.T) {
	for name, run := range map[string]string{
		"pip --user":    "RUN pip install --user -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
		"pipenv system": "RUN pip install pipenv && pipenv install --system --deploy\nCMD [\"python\", \"app.py\"]\n",
		"two managers":  "RUN pip install poetry uv && poetry install && uv sync\nCMD [\"python\", \"app.py\"]\n",
		"pip before":    "RUN pip install gunicorn\nRUN pip install poetry\nRUN poetry install\nCMD [\"python\", \"app.py\"]\n",
		"poetry add":    "RUN pip install poetry && poetry add flask\nCMD [\"python\", \"app.py\"]\n",
		"absolute":      "RUN pip install -r requirements.txt\nCMD [\"/usr/local/bin/gunicorn\", \"app:app\"]\n",
	} {
		df := "FROM python:3.11 AS app\nWORKDIR /app\nCOPY . .\n" + run + "\nFROM app AS dev\n"
		dir := writeContext(t, map[string]string{"Dockerfile": df, "requirements.txt": "flask\n", "app.py": "\n"})
		res, out, err := optimizeDir(t, dir, "Dockerfile", Options{Target: "app"})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Stages) != 2 {
			t.Errorf("%s: split:\n%s", name, res.Dockerfile)
		}
		if !strings.Contains(strings.Join(res.Notes, "\n"), "was not moved to its own stage") {
			t.Errorf("%s: no note: %q", name, res.Notes)
		}
	}
}

// A build step in the target's chain (npm run build) makes the runtime copy the working
// directory as built: the files it made are not in the build context.
func TestSplitNodeWithBuildStep(t *testing.T) {
	df := "FROM node:20 AS app\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\nCOPY . .\nRUN yarn build\nCMD [\"node\", \"dist/index.js\"]\n"
	dir := writeContext(t, map[string]string{"Dockerfile": df, "package.json": `{"scripts":{"build":"tsc"}}`, "yarn.lock": "\n", "src/index.ts": "\n"})
	res, _, err := optimizeDir(t, dir, "Dockerfile", Options{NoCacheMounts: true}) // the pass, not the build stages' cache mounts
	if err != nil {
		t.Fatal(err)
	}
	// the build installed the devDependencies (tsc): the runtime copies the working
	// directory from a stage that leaves them out
	for _, want := range []string{"FROM app-build AS app-prod-deps\nRUN yarn install --frozen-lockfile --production\n", "COPY --from=app-prod-deps /app /app\n"} {
		if !strings.Contains(string(res.Dockerfile), want) {
			t.Errorf("output lacks %q:\n%s", want, res.Dockerfile)
		}
	}
}
