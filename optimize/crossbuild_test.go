package optimize

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/parser"
)

var twoPlatforms = Options{Platforms: []string{"linux/amd64", "linux/arm64"}}

// stagePlatforms parses text with BuildKit's own parser and returns each stage's --platform
// flag by stage name.
func stagePlatforms(t *testing.T, text []byte) map[string]string {
	t.Helper()
	ast, err := parser.Parse(bytes.NewReader(text))
	if err != nil {
		t.Fatalf("BuildKit does not parse the output: %v\n%s", err, text)
	}
	stages, _, err := instructions.Parse(ast.AST, nil)
	if err != nil {
		t.Fatalf("BuildKit does not parse the output's instructions: %v\n%s", err, text)
	}
	out := map[string]string{}
	for _, s := range stages {
		out[s.Name] = s.Platform
	}
	return out
}

// A static front-end's build writes files that are the same for every platform: with
// --platform its build stage runs on $BUILDPLATFORM and the runtime (nginx, or node slim
// with serve installed there) stays on the target platform; without --platform nothing
// changes.
func TestCrossBuildStaticFrontend(t *testing.T) {
	preview := map[string]string{
		"Dockerfile": "FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\nEXPOSE 4173\nCMD [\"npm\", \"run\", \"preview\", \"--\", \"--host\", \"0.0.0.0\"]\n",
		"package.json": `{"scripts": {"build": "tsc && vite build", "preview": "vite preview"},
			"devDependencies": {"vite": "^5.0.0", "typescript": "^5.0.0"}}`,
		"package-lock.json": "{}",
		"vite.config.ts":    "export default {}\n",
	}
	serveDir := copyContext(t, "../testdata/realworld/santuy-frontend")
	serveFiles := map[string]string{}
	filepath.WalkDir(serveDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(serveDir, p)
			data, _ := os.ReadFile(p)
			serveFiles[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	for name, tc := range map[string]struct {
		files          map[string]string
		build, runtime string
	}{
		"vite-preview-platforms":    {preview, "FROM --platform=$BUILDPLATFORM node:20 AS runtime-build\n", "FROM nginx:1.22 AS runtime\n"},
		"santuy-frontend-platforms": {serveFiles, "FROM --platform=$BUILDPLATFORM node:20 AS runtime-build\n", "FROM node:20-slim AS runtime\n"},
	} {
		t.Run(name, func(t *testing.T) {
			res := optimizeFiles(t, tc.files, twoPlatforms)
			golden(t, filepath.Join("testdata", "golden", name, "Dockerfile.optimized"), res.Dockerfile)
			mustContain(t, string(res.Dockerfile), tc.build, tc.runtime)
			pl := stagePlatforms(t, res.Dockerfile)
			if pl["runtime-build"] != "$BUILDPLATFORM" || pl["runtime"] != "" {
				t.Errorf("stage platforms %v", pl)
			}
			ch := changeTitled(res, "Build on $BUILDPLATFORM for linux/amd64, linux/arm64")
			if ch == nil || !strings.Contains(ch.Why, multiPlatformSource) || !strings.Contains(ch.Why, "static files") {
				t.Errorf("change %+v", ch)
			}
			if hasNote(res, "not cross-compiled") {
				t.Errorf("notes %q", res.Notes)
			}
			plain := optimizeFiles(t, tc.files, Options{})
			mustNotContain(t, string(plain.Dockerfile), "BUILDPLATFORM")
		})
	}

	// a mount from another stage (after a cache mount) would stay on the target platform
	mounted := map[string]string{}
	for k, v := range preview {
		mounted[k] = v
	}
	mounted["Dockerfile"] = "FROM node:20 AS tools\nRUN mkdir /t\n\n" + strings.Replace(preview["Dockerfile"], "RUN npm run build", "RUN --mount=type=cache,target=/root/.cache --mount=type=bind,from=tools,source=/t,target=/t npm run build", 1)
	res := optimizeFiles(t, mounted, twoPlatforms)
	if mustNotContain(t, string(res.Dockerfile), "BUILDPLATFORM"); !hasNote(res, "not cross-compiled for linux/amd64, linux/arm64: stage 1's build writes platform-independent files, but line 9 mounts files from another stage or image (type=bind,from=tools") {
		t.Errorf("notes %q", res.Notes)
	}

	// a stage built FROM the build's stage would move with it: the build stays, and says why
	multi := map[string]string{}
	for k, v := range preview {
		multi[k] = v
	}
	multi["Dockerfile"] = "FROM node:20 AS base\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\n\nFROM base AS test\nCOPY . .\nRUN npm test\n\nFROM base\nCOPY . .\nRUN npm run build\nEXPOSE 4173\nCMD [\"npm\", \"run\", \"preview\"]\n"
	res = optimizeFiles(t, multi, twoPlatforms)
	mustNotContain(t, string(res.Dockerfile), "BUILDPLATFORM")
	if !hasNote(res, "not cross-compiled for linux/amd64, linux/arm64: stage 2's build writes platform-independent files, but stage test is built FROM stage base") || countNotes(res, "not cross-compiled") != 1 {
		t.Errorf("notes %q", res.Notes)
	}
}

// contextFiles reads every file of dir into a map (relative slash paths).
func contextFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			data, _ := os.ReadFile(p)
			out[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	return out
}

// withLockEntries adds entries to package-lock.json's "packages".
func withLockEntries(t *testing.T, lock string, entries map[string]any) string {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(lock), &doc); err != nil {
		t.Fatal(err)
	}
	pkgs := doc["packages"].(map[string]any)
	for k, v := range entries {
		pkgs[k] = v
	}
	out, _ := json.MarshalIndent(doc, "", "  ")
	return string(out)
}

// The Node recipe's prod-deps stage runs on $BUILDPLATFORM when package-lock.json names no
// production module with an install script or os/cpu fields (a devDependency's do not
// count: --omit=dev leaves it out); when it names some, the install stays on the target and
// the note names them.
func TestCrossBuildNodeProdDeps(t *testing.T) {
	files := contextFiles(t, copyContext(t, filepath.Join("..", "examples", "node-api")))
	res := optimizeFiles(t, files, twoPlatforms)
	golden(t, filepath.Join("testdata", "golden", "node-api-platforms", "Dockerfile.optimized"), res.Dockerfile)
	pl := stagePlatforms(t, res.Dockerfile)
	if pl["prod-deps"] != "$BUILDPLATFORM" || pl["deps"] != "" || pl["build"] != "" || pl["runtime"] != "" {
		t.Errorf("stage platforms %v", pl)
	}
	mustContain(t, string(res.Dockerfile), "COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules\n")
	ch := changeTitled(res, "Production dependencies installed on $BUILDPLATFORM for linux/amd64, linux/arm64")
	if ch == nil || !strings.Contains(ch.Why, "package-lock.json lists no production package with an install script") {
		t.Errorf("change %+v", ch)
	}
	if hasNote(res, "not cross-compiled") {
		t.Errorf("notes %q", res.Notes)
	}

	dev := map[string]string{}
	for k, v := range files {
		dev[k] = v
	}
	dev["package-lock.json"] = withLockEntries(t, files["package-lock.json"], map[string]any{
		"node_modules/@esbuild/linux-x64": map[string]any{"version": "0.21.5", "dev": true, "optional": true, "os": []string{"linux"}, "cpu": []string{"x64"}}})
	if res := optimizeFiles(t, dev, twoPlatforms); stagePlatforms(t, res.Dockerfile)["prod-deps"] != "$BUILDPLATFORM" {
		t.Errorf("a devDependency's cpu field kept the install on the target:\n%s", res.Dockerfile)
	}

	native := dev
	native["package-lock.json"] = withLockEntries(t, files["package-lock.json"], map[string]any{
		"node_modules/bcrypt":               map[string]any{"version": "5.1.1", "hasInstallScript": true},
		"node_modules/@esbuild/linux-x64":   map[string]any{"version": "0.21.5", "optional": true, "os": []string{"linux"}, "cpu": []string{"x64"}},
		"node_modules/@esbuild/linux-arm64": map[string]any{"version": "0.21.5", "optional": true, "os": []string{"linux"}, "cpu": []string{"arm64"}}})
	res = optimizeFiles(t, native, twoPlatforms)
	mustNotContain(t, string(res.Dockerfile), "BUILDPLATFORM")
	want := "not cross-compiled for linux/amd64, linux/arm64: package-lock.json names production modules that an install builds or chooses for the platform it runs on: @esbuild/linux-arm64 (os linux, cpu arm64), @esbuild/linux-x64 (os linux, cpu x64), bcrypt (install script)"
	if !hasNote(res, want) {
		t.Errorf("notes %q", res.Notes)
	}
}

// Python, Rust and a yarn project get a note that says what keeps them on the target.
func TestCrossBuildNotes(t *testing.T) {
	py := optimizeFiles(t, map[string]string{"requirements.txt": "flask\n", "app.py": "print(1)\n",
		"Dockerfile": "FROM python:3\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"}, twoPlatforms)
	if !hasNote(py, "not cross-compiled for linux/amd64, linux/arm64: the base image python:3 names no Python version") || !strings.Contains(strings.Join(py.Notes, "\n"), wheelTagSource) {
		t.Errorf("python: notes %q", py.Notes)
	}
	rust := optimizeFiles(t, map[string]string{"Cargo.toml": "[package]\nname = \"hello\"\nversion = \"0.1.0\"\nedition = \"2021\"\n", "src/main.rs": "fn main() {}\n",
		"Dockerfile": "FROM rust:1.83\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"/src/target/release/hello\"]\n"}, twoPlatforms)
	if !hasNote(rust, "not cross-compiled for linux/amd64, linux/arm64: without Cargo.lock at the build context's root dockopt cannot tell whether a crate links a C library") {
		t.Errorf("rust: notes %q", rust.Notes)
	}
	yarn := optimizeFiles(t, map[string]string{"package.json": `{"dependencies": {"express": "^4.21.0"}, "scripts": {"start": "node server.js"}}`,
		"yarn.lock": "# yarn lockfile v1\n", "server.js": "x",
		"Dockerfile": "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn install --frozen-lockfile\nCMD [\"node\", \"server.js\"]\n"}, twoPlatforms)
	if !hasNote(yarn, "not cross-compiled for linux/amd64, linux/arm64: yarn.lock was not checked for modules built or chosen per platform") {
		t.Errorf("yarn: notes %q", yarn.Notes)
	}
	pnpm := optimizeFiles(t, map[string]string{"package.json": `{"dependencies": {"express": "^4.21.0"}, "scripts": {"start": "node server.js"}}`,
		"pnpm-lock.yaml": "lockfileVersion: '9.0'\npackages:\n  '@esbuild/linux-x64@0.21.5':\n    resolution: {integrity: sha512-a}\n    cpu: [x64]\n    os: [linux]\n  express@4.21.0:\n    resolution: {integrity: sha512-b}\n",
		"server.js":      "x",
		"Dockerfile":     "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm i -g pnpm && pnpm install --frozen-lockfile\nCMD [\"node\", \"server.js\"]\n"}, twoPlatforms)
	if !hasNote(pnpm, "not cross-compiled for linux/amd64, linux/arm64: pnpm-lock.yaml names modules that an install builds or chooses for the platform it runs on: @esbuild/linux-x64 (os linux, cpu x64)") ||
		!strings.Contains(strings.Join(pnpm.Notes, "\n"), "pnpm-lock.yaml does not record install scripts ("+pkgmgr.PnpmLockSources["9"].URL+"), so those were not checked") {
		t.Errorf("pnpm: notes %q", pnpm.Notes)
	}
}

// A Dockerfile that already serves its front-end from a stage of its own (awesome-compose's
// react-nginx): the node stages that build it go on $BUILDPLATFORM when the image that ships
// copies only the build output and context files from them; a stage built FROM them for
// another target (dev-envs), or one of them that is an image of its own (a CMD), keeps them
// on the target platform, and the note says so; a runtime that copies node_modules keeps
// them too.
func TestCrossBuildFrontendStage(t *testing.T) {
	files := contextFiles(t, copyContext(t, "../testdata/realworld/ac-react-nginx"))
	res := optimizeFiles(t, files, twoPlatforms)
	mustNotContain(t, string(res.Dockerfile), "BUILDPLATFORM")
	if !hasNote(res, "not cross-compiled for linux/amd64, linux/arm64: stage build builds Create React App's static files (/app/build), which the image copies, but stage dev-envs is built FROM stage development") {
		t.Errorf("notes %q", res.Notes)
	}

	df := files["Dockerfile"]
	i, j := strings.Index(df, "FROM development as dev-envs"), strings.Index(df, "# 2. For Nginx setup")
	if i < 0 || j < i {
		t.Fatalf("the fixture changed:\n%s", df)
	}
	files["Dockerfile"] = df[:i] + df[j:]
	res = optimizeFiles(t, files, twoPlatforms)
	mustNotContain(t, string(res.Dockerfile), "BUILDPLATFORM")
	if !hasNote(res, "not cross-compiled for linux/amd64, linux/arm64: stage build builds Create React App's static files (/app/build), which the image copies, but stage development has a CMD of its own (line 19)") {
		t.Errorf("notes %q", res.Notes)
	}
	files["Dockerfile"] = strings.Replace(files["Dockerfile"], "CMD [ \"npm\", \"start\" ]\n", "", 1)
	res = optimizeFiles(t, files, twoPlatforms)
	golden(t, filepath.Join("testdata", "golden", "react-nginx-platforms", "Dockerfile.optimized"), res.Dockerfile)
	pl := stagePlatforms(t, res.Dockerfile)
	if pl["development"] != "$BUILDPLATFORM" || pl["build"] != "" || pl[""] != "" {
		t.Errorf("stage platforms %v", pl)
	}
	ch := changeTitled(res, "Create React App's build on $BUILDPLATFORM for linux/amd64, linux/arm64")
	if ch == nil || !strings.Contains(ch.Why, "/app/build") || !strings.Contains(ch.Why, multiPlatformSource) {
		t.Errorf("change %+v", ch)
	}
	if hasNote(res, "not cross-compiled") {
		t.Errorf("notes %q", res.Notes)
	}

	files["Dockerfile"] = strings.Replace(files["Dockerfile"], "COPY --from=build /app/build .", "COPY --from=build /app/build .\nCOPY --from=build /app/node_modules /opt/node_modules", 1)
	res = optimizeFiles(t, files, twoPlatforms)
	mustNotContain(t, string(res.Dockerfile), "BUILDPLATFORM")
}

func countNotes(res *Result, prefix string) int {
	n := 0
	for _, x := range res.Notes {
		if strings.HasPrefix(x, prefix) {
			n++
		}
	}
	return n
}

// The split of a Node stage that only installs its dependencies (the runtime copies
// node_modules and the context's files again) puts the build on $BUILDPLATFORM when the
// lockfile records install scripts and names no module with one or with os/cpu fields,
// devDependencies included; one such module keeps it on the target.
func TestCrossBuildNodeSplit(t *testing.T) {
	lock := "lockfileVersion: '6.0'\ndependencies:\n  ms:\n    specifier: ^2.1.3\n    version: 2.1.3\npackages:\n  /ms@2.1.3:\n    resolution: {integrity: sha512-a}\n    dev: false\n"
	files := map[string]string{
		"package.json":   `{"dependencies": {"ms": "^2.1.3"}, "packageManager": "pnpm@8.15.9"}`,
		"pnpm-lock.yaml": lock,
		"server.js":      "require('ms')\n",
		"Dockerfile":     "FROM node:20\nWORKDIR /app\nRUN npm i -g pnpm@8.15.9\nCOPY package.json pnpm-lock.yaml ./\nRUN pnpm install --frozen-lockfile\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
	}
	res := optimizeFiles(t, files, twoPlatforms)
	golden(t, filepath.Join("testdata", "golden", "pnpm-split-platforms", "Dockerfile.optimized"), res.Dockerfile)
	pl := stagePlatforms(t, res.Dockerfile)
	if pl["runtime-build"] != "$BUILDPLATFORM" || pl["runtime"] != "" {
		t.Errorf("stage platforms %v\n%s", pl, res.Dockerfile)
	}
	ch := changeTitled(res, "Build on $BUILDPLATFORM for linux/amd64, linux/arm64")
	if ch == nil || !strings.Contains(ch.Why, "pnpm-lock.yaml names no module with an install script") {
		t.Errorf("change %+v", ch)
	}

	files["pnpm-lock.yaml"] = lock + "  /bcrypt@5.1.1:\n    resolution: {integrity: sha512-b}\n    requiresBuild: true\n    dev: true\n"
	res = optimizeFiles(t, files, twoPlatforms)
	mustNotContain(t, string(res.Dockerfile), "BUILDPLATFORM")
	if !hasNote(res, "not cross-compiled for linux/amd64, linux/arm64: pnpm-lock.yaml names modules that an install builds or chooses for the platform it runs on: bcrypt (install script)") {
		t.Errorf("notes %q", res.Notes)
	}
}
