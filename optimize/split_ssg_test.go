package optimize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureFiles reads the files of a fixture context into a map (for variants of it).
func fixtureFiles(t *testing.T, name string) map[string]string {
	t.Helper()
	src := filepath.Join("testdata", "fixtures", name)
	files := map[string]string{}
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".golden") {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// The static-site generators' fixtures (their Dockerfiles are pinned by TestFixtures): the
// runtime receives only the build output, served by the static server the original ran or
// by nginx instead of a preview server; the report names the stack.
func TestSplitStaticGenerators(t *testing.T) {
	for name, tc := range map[string]struct {
		runtime []string
		stack   string
	}{
		"next-export-serve": {[]string{"FROM node:20-slim AS runtime\n", "RUN npm install -g serve@latest \\\n",
			"COPY --from=runtime-build /app/out /app/out\n", `CMD ["serve", "out"]`}, "Next.js (static export), served by serve"},
		"next-export-start": {[]string{"FROM nginx:1.22 AS runtime\n", "COPY --from=runtime-build /site/out /usr/share/nginx/html\n",
			"'        listen 8080;'", "try_files $uri $uri.html $uri/ /index.html;", "EXPOSE 8080\n"}, "Next.js (static export), served by nginx instead of `next start`"},
		"gatsby-serve": {[]string{"FROM nginx:1.22 AS runtime\n", "COPY --from=runtime-build /app/public /usr/share/nginx/html\n",
			"'        listen 9000;'", "try_files $uri $uri/ /index.html;"}, "Gatsby, served by nginx instead of `gatsby serve`"},
		"astro-preview": {[]string{"FROM nginx:1.22 AS runtime\n", "COPY --from=runtime-build /app/dist /usr/share/nginx/html\n",
			"'        listen 4321;'"}, "Astro, served by nginx instead of `astro preview`"},
		"nuxt-generate": {[]string{"FROM node:20-slim AS runtime\n", "RUN npm install -g serve@14 \\\n",
			"COPY --from=runtime-build /app/.output/public /app/.output/public\n", `CMD ["serve", ".output/public", "-l", "3000"]`}, "Nuxt (generate), served by serve"},
		"sveltekit-static": {[]string{"FROM nginx:1.22 AS runtime\n", "COPY --from=runtime-build /app/build /usr/share/nginx/html\n",
			"'        listen 4173;'"}, "SvelteKit (adapter-static), served by nginx instead of `vite preview`"},
	} {
		t.Run(name, func(t *testing.T) {
			res, text := optimizeTwice(t, copyContext(t, filepath.Join("testdata", "fixtures", name)))
			rt := runtimeOf(t, text, "runtime")
			mustContain(t, rt, tc.runtime...)
			mustNotContain(t, rt, "node_modules", "npm ci", "COPY . ")
			mustContain(t, res.EcosystemWhy, tc.stack)
		})
	}
}

// `next start` with `output: 'export'` fails: the report says so and why nginx replaces it.
func TestSplitNextExportStartWhy(t *testing.T) {
	res, _ := optimizeTwice(t, copyContext(t, filepath.Join("testdata", "fixtures", "next-export-start")))
	all := ""
	for _, c := range res.Changes {
		all += c.Why + "\n"
	}
	mustContain(t, all, `"next start" does not work with "output: export" configuration`, "https://nextjs.org/docs/app/guides/static-exports")
	mustNotContain(t, strings.Join(res.Notes, "\n"), "without `output: 'standalone'`")
}

// A setting that moves the output directory (Next.js's distDir, Astro's outDir) is not
// guessed: the build stays where it was and a note names the setting; an option on the
// build's command line moves it.
func TestSplitStaticGeneratorOutDir(t *testing.T) {
	files := fixtureFiles(t, "next-export-serve")
	files["next.config.mjs"] = strings.Replace(files["next.config.mjs"], "output: 'export',", "output: 'export',\n  distDir: 'build',", 1)
	res, text := optimizeTwice(t, writeContext(t, files))
	mustNotContain(t, text, "serve@latest \\\n", "/app/out")
	mustContain(t, strings.Join(res.Notes, "\n"), "next.config.mjs sets distDir, which dockopt does not evaluate")

	files = fixtureFiles(t, "astro-preview")
	files["package.json"] = strings.Replace(files["package.json"], `"astro build"`, `"astro build --outDir site"`, 1)
	_, text = optimizeTwice(t, writeContext(t, files))
	mustContain(t, runtimeOf(t, text, "runtime"), "COPY --from=runtime-build /app/site /usr/share/nginx/html\n")

	// a comment that mentions the key does not set it
	files = fixtureFiles(t, "astro-preview")
	files["astro.config.mjs"] = strings.Replace(files["astro.config.mjs"], "site:", "// outDir: 'public',\n  site:", 1)
	_, text = optimizeTwice(t, writeContext(t, files))
	mustContain(t, text, "COPY --from=runtime-build /app/dist /usr/share/nginx/html\n")
}

// Astro with on-demand rendering and Nuxt's server build are recognised but not static:
// no nginx or static server, and a note names the stack and its source.
func TestSplitServerFrontendsNoted(t *testing.T) {
	for name, want := range map[string]string{
		"astro-ssr":  "is Astro with on-demand rendering (astro.config.mjs)",
		"nuxt-build": "is Nuxt (server build) (`nuxt build`)",
	} {
		t.Run(name, func(t *testing.T) {
			res, text := optimizeTwice(t, copyContext(t, filepath.Join("testdata", "fixtures", name)))
			mustNotContain(t, text, "nginx", "npm install -g serve")
			notes := strings.Join(res.Notes, "\n")
			mustContain(t, notes, want, "dockopt does not serve it as a static front-end")
		})
	}
	// an Astro project served by `astro preview` whose config sets an adapter is no static site
	files := fixtureFiles(t, "astro-preview")
	files["astro.config.mjs"] = strings.Replace(files["astro.config.mjs"], "site:", "adapter: node({ mode: 'standalone' }),\n  site:", 1)
	res, text := optimizeTwice(t, writeContext(t, files))
	mustNotContain(t, text, "nginx")
	mustContain(t, strings.Join(res.Notes, "\n"), "Astro with on-demand rendering")
}

// A stage that builds a static site but starts an app server of its own keeps its image, and
// a note names the framework (nothing is declined silently).
func TestSplitStaticGeneratorUnservedNoted(t *testing.T) {
	files := fixtureFiles(t, "gatsby-serve")
	files["Dockerfile"] = strings.Replace(files["Dockerfile"], `CMD ["npm", "run", "serve", "--", "-H", "0.0.0.0"]`, `CMD ["node", "server.js"]`, 1)
	files["server.js"] = "require('http').createServer((q, s) => s.end('ok')).listen(9000)\n"
	res, text := optimizeTwice(t, writeContext(t, files))
	mustNotContain(t, text, "nginx")
	mustContain(t, strings.Join(res.Notes, "\n"), "builds a Gatsby site (`gatsby build`, https://www.gatsbyjs.com/docs/reference/gatsby-cli/#build), but its command `node server.js` is neither")

	// served by gatsby serve: split, and no such note
	res, _ = optimizeTwice(t, copyContext(t, filepath.Join("testdata", "fixtures", "gatsby-serve")))
	mustNotContain(t, strings.Join(res.Notes, "\n"), "is neither a static server")
}
