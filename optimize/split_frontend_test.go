package optimize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runtimeOf is the text of the stage named name (to the end of the file).
func runtimeOf(t *testing.T, text, name string) string {
	t.Helper()
	i := strings.Index(text, " AS "+name+"\n")
	if i < 0 {
		t.Fatalf("no stage %s:\n%s", name, text)
	}
	return text[strings.LastIndex(text[:i], "FROM "):]
}

// optimizeTwice optimizes dir's Dockerfile, then its output again: the second run must not
// change it.
func optimizeTwice(t *testing.T, dir string) (*Result, string) {
	t.Helper()
	res, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "Dockerfile"), res.Dockerfile, 0o644)
	again, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Dockerfile) != string(res.Dockerfile) {
		t.Errorf("not idempotent:\n%s\n---\n%s", res.Dockerfile, again.Dockerfile)
	}
	return res, string(res.Dockerfile)
}

func mustContain(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("lacks %q:\n%s", w, text)
		}
	}
}

func mustNotContain(t *testing.T, text string, bads ...string) {
	t.Helper()
	for _, b := range bads {
		if strings.Contains(text, b) {
			t.Errorf("has %q:\n%s", b, text)
		}
	}
}

// santuy-frontend (the real-world entry): Vite built by `npx vite build`, served by `serve
// -s dist` installed globally: the runtime is node slim with serve and dist only.
func TestSplitFrontendServe(t *testing.T) {
	dir := copyContext(t, "../testdata/realworld/santuy-frontend")
	res, text := optimizeTwice(t, dir)
	rt := runtimeOf(t, text, "runtime")
	mustContain(t, rt, "FROM node:20-slim AS runtime\n", "RUN npm install -g serve \\\n", "COPY --from=runtime-build /dist /dist\n",
		`CMD ["serve", "-s", "dist"]`, "USER node\n")
	mustNotContain(t, rt, "node_modules", "COPY . ", "npm ci")
	mustContain(t, res.EcosystemWhy, "static front-end (Vite, served by serve)")
}

// A CRA app served through npx and a package.json script with serve as a dependency at a
// version range: the runtime installs that version and runs serve itself.
func TestSplitFrontendServeScript(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"Dockerfile": "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nEXPOSE 3000\nCMD [\"npm\", \"run\", \"serve\"]\n",
		"package.json": `{"scripts": {"build": "react-scripts build", "serve": "npx serve -s build -l 3000"},
			"dependencies": {"react": "^18.2.0", "react-scripts": "5.0.1", "serve": "^14.2.1"}}`,
		"package-lock.json": "{}",
		"src/index.js":      "x",
	})
	res, text := optimizeTwice(t, dir)
	rt := runtimeOf(t, text, "runtime")
	mustContain(t, rt, "RUN npm install -g serve@^14.2.1 \\\n", "WORKDIR /app\n", "COPY --from=runtime-build /app/build /app/build\n",
		`CMD ["serve", "-s", "build", "-l", "3000"]`)
	titles := ""
	for _, c := range res.Changes {
		titles += c.Title + "\n"
	}
	mustContain(t, titles, "The container starts `serve -s")
}

// `npm run preview` (vite preview) is replaced by nginx, non-root, on the preview's port; a
// vite.config that moves outDir is not guessed.
func TestSplitFrontendPreviewNginx(t *testing.T) {
	files := map[string]string{
		"Dockerfile": "FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\nEXPOSE 4173\nCMD [\"npm\", \"run\", \"preview\", \"--\", \"--host\", \"0.0.0.0\"]\n",
		"package.json": `{"scripts": {"build": "tsc && vite build", "preview": "vite preview"},
			"devDependencies": {"vite": "^5.0.0", "typescript": "^5.0.0"}}`,
		"package-lock.json": "{}",
		"vite.config.ts":    "export default {}\n",
	}
	res, text := optimizeTwice(t, writeContext(t, files))
	rt := runtimeOf(t, text, "runtime")
	mustContain(t, rt, "FROM nginx:1.22 AS runtime\n", "COPY --from=runtime-build /app/dist /usr/share/nginx/html\n",
		"'pid /tmp/nginx.pid;'", "'        listen 4173;'", "client_body_temp_path /tmp/client_body_temp;", "try_files $uri $uri/ /index.html;",
		"EXPOSE 4173\n", "USER nginx\n", `CMD ["nginx", "-g", "daemon off;"]`)
	mustNotContain(t, rt, "node", "npm")
	if res.User != "nginx" {
		t.Errorf("user %q", res.User)
	}

	files["vite.config.ts"] = "export default { build: { outDir: 'public/app' } }\n"
	res, text = optimizeTwice(t, writeContext(t, files))
	mustNotContain(t, text, "nginx")
	mustContain(t, strings.Join(res.Notes, "\n"), "vite.config.ts sets outDir, which dockopt does not evaluate")
}

// Next.js: with output 'standalone' the runtime gets .next/standalone, .next/static and
// public and runs node server.js; without it, the generic split and a note.
func TestSplitNextStandalone(t *testing.T) {
	files := map[string]string{
		"Dockerfile":         "FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nEXPOSE 3000\nCMD [\"npm\", \"start\"]\n",
		"package.json":       `{"scripts": {"build": "next build", "start": "next start -p 3000"}, "dependencies": {"next": "15.0.0", "react": "19.0.0"}}`,
		"package-lock.json":  "{}",
		"next.config.mjs":    "const nextConfig = {\n  output: 'standalone',\n};\nexport default nextConfig;\n",
		"public/favicon.ico": "x",
		"app/page.js":        "x",
	}
	res, text := optimizeTwice(t, writeContext(t, files))
	rt := runtimeOf(t, text, "runtime")
	mustContain(t, rt, "FROM node:20-slim AS runtime\n", "ENV HOSTNAME=0.0.0.0\n", "ENV PORT=3000\n",
		"COPY --from=runtime-build /app/.next/standalone /app\n", "COPY --from=runtime-build /app/.next/static /app/.next/static\n",
		"COPY --from=runtime-build /app/public /app/public\n", `CMD ["node", "server.js"]`, "USER node\n")
	mustNotContain(t, rt, "node_modules", "npm")
	mustContain(t, res.EcosystemWhy, "Next.js")

	files["next.config.mjs"] = "const nextConfig = {\n  // output: 'standalone',\n};\nexport default nextConfig;\n"
	res, text = optimizeTwice(t, writeContext(t, files))
	mustNotContain(t, text, "server.js", ".next/standalone")
	mustContain(t, strings.Join(res.Notes, "\n"), "without `output: 'standalone'` (next.config.mjs does not set it)", "dockopt does not change the app's configuration")
}

// Angular: the output directory comes from angular.json (its project name, and browser/ under
// the application builder); a server that serves another directory is not this split's case.
func TestSplitFrontendAngularOutDir(t *testing.T) {
	files := map[string]string{
		"Dockerfile":        "FROM node:20\nWORKDIR /src\nCOPY . .\nRUN npm ci && npx ng build\nRUN npm i -g serve@14\nCMD [\"serve\", \"-s\", \"dist/shop/browser\", \"-l\", \"4200\"]\n",
		"package.json":      `{"dependencies": {"@angular/core": "^18.0.0"}, "devDependencies": {"@angular/cli": "^18.0.0"}}`,
		"package-lock.json": "{}",
		"angular.json": `{"projects": {"shop": {"architect": {"build": {"builder": "@angular-devkit/build-angular:application",
			"options": {"outputPath": "dist/shop"}}}}}}`,
	}
	_, text := optimizeTwice(t, writeContext(t, files))
	rt := runtimeOf(t, text, "runtime")
	mustContain(t, rt, "RUN npm install -g serve@14 \\\n", "COPY --from=runtime-build /src/dist/shop/browser /src/dist/shop/browser\n")
	mustNotContain(t, rt, "node_modules")

	files["Dockerfile"] = strings.Replace(files["Dockerfile"], "dist/shop/browser", "dist/other", 1)
	_, text = optimizeTwice(t, writeContext(t, files))
	mustNotContain(t, text, "npm install -g serve@14 \\\n")
}

// Create React App's dev server (`npm start` → react-scripts start) in a stage that ships
// after `npm run build`: nginx serves the build on CRA's port (PORT); the same command in a
// stage named for development is kept.
func TestSplitFrontendDevServerNginx(t *testing.T) {
	files := map[string]string{
		"Dockerfile":        "FROM node:20 AS web\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nENV PORT=3001\nEXPOSE 3001\nCMD [\"npm\", \"start\"]\n",
		"package.json":      `{"scripts": {"start": "react-scripts start", "build": "react-scripts build"}, "dependencies": {"react": "^18.2.0", "react-scripts": "5.0.1"}}`,
		"package-lock.json": "{}",
		"src/index.js":      "x",
	}
	res, text := optimizeTwice(t, writeContext(t, files))
	rt := runtimeOf(t, text, "web")
	mustContain(t, rt, "FROM nginx:1.22 AS web\n", "COPY --from=web-build /app/build /usr/share/nginx/html\n", "'        listen 3001;'", "USER nginx\n")
	notes := strings.Join(res.Notes, "\n")
	mustNotContain(t, notes, "development command is kept")

	files["Dockerfile"] = strings.Replace(files["Dockerfile"], "AS web", "AS dev", 1)
	_, text = optimizeTwice(t, writeContext(t, files))
	mustNotContain(t, text, "nginx")
}
