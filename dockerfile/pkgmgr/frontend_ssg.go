package pkgmgr

import "github.com/dockopt/dockopt/internal/lazyre"

// Facts about the static-site generators and meta-frameworks whose production build can be a
// directory of static files (Next.js's static export, Gatsby, Astro, Nuxt's generate,
// SvelteKit with adapter-static), their preview servers, and the configurations that make
// their build a server instead (ServerFrontends), which the optimizer names in a note.

// nextConfigFiles are the files that may hold a Next.js configuration (its standalone and
// static-export settings both live there).
var nextConfigFiles = []string{"next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs"}

var astroConfigFiles = []string{"astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts", "astro.config.cjs"}

// NextExportSource is Next.js's static-export guide: `output: 'export'` makes `next build`
// write the site into out/ (distDir moves it); `next export` was removed in Next.js 14.
var NextExportSource = Source{URL: "https://nextjs.org/docs/app/guides/static-exports", Version: "Next.js 15"}

// FrontendsSSG are tried before the other Frontends (Vite-based frameworks list vite too).
var FrontendsSSG = []Frontend{
	{Name: "Next.js (static export)", Package: "next", Build: []string{"next", "build"}, OutDir: "out",
		Requires: lazyre.New(`\boutput\s*:\s*['"]export['"]`), RequiresText: "output: 'export'",
		OutDirFiles: nextConfigFiles, OutDirKey: "distDir", HTMLPages: true,
		DevServer: "next dev", DevPort: "3000", DevPortOptions: []string{"-p", "--port"}, DevPortEnv: "PORT",
		// `next start` throws `"next start" does not work with "output: export"
		// configuration. Use "npx serve@latest out" instead.` (packages/next/src/server/next.ts)
		Start: &PreviewServer{Command: []string{"next", "start"}, PortOptions: []string{"-p", "--port"}, PortEnv: "PORT", DefaultPort: "3000",
			Why:    "`next start` refuses a project with `output: 'export'` (it stops with \"next start\" does not work with \"output: export\" configuration)",
			Source: Source{URL: "https://github.com/vercel/next.js/blob/v15.0.0/packages/next/src/server/next.ts", Version: "Next.js 15"}},
		Source: NextExportSource},
	{Name: "Gatsby", Package: "gatsby", Build: []string{"gatsby", "build"}, OutDir: "public",
		DevServer: "gatsby develop", DevPort: "8000", DevPortOptions: []string{"-p", "--port"},
		Source: Source{URL: "https://www.gatsbyjs.com/docs/reference/gatsby-cli/#build", Version: "gatsby 5"}},
	{Name: "Astro", Package: "astro", Build: []string{"astro", "build"}, OutDir: "dist", OutDirOptions: []string{"--outDir"},
		OutDirFiles: astroConfigFiles, OutDirKey: "outDir",
		DevServer: "astro dev", DevPort: "4321", DevPortOptions: []string{"--port"},
		Source: Source{URL: "https://docs.astro.build/en/reference/configuration-reference/#outdir", Version: "astro 5"}},
	{Name: "Nuxt (generate)", Package: "nuxt", Build: []string{"nuxt", "generate"}, AltBuilds: [][]string{{"nuxi", "generate"}}, OutDir: ".output/public",
		OutDirFiles: []string{"nuxt.config.ts", "nuxt.config.js", "nuxt.config.mjs"}, OutDirKey: "publicDir",
		DevServer: "nuxt dev", DevPort: "3000", DevPortOptions: []string{"--port"}, DevPortEnv: "PORT",
		Source: Source{URL: "https://nuxt.com/docs/getting-started/deployment#static-hosting", Version: "nuxt 3"}},
	{Name: "SvelteKit (adapter-static)", Package: "@sveltejs/adapter-static", Build: []string{"vite", "build"}, OutDir: "build",
		OutDirFiles: []string{"svelte.config.js", "svelte.config.mjs", "svelte.config.ts"}, OutDirKey: "pages",
		DevServer: "vite", DevPort: "5173", DevPortOptions: []string{"--port"},
		Source: Source{URL: "https://svelte.dev/docs/kit/adapter-static", Version: "@sveltejs/adapter-static 3"}},
}

// PreviewServersSSG are the generators' preview servers: each serves the production build
// for a local check, which nginx replaces.
var PreviewServersSSG = []PreviewServer{
	{Command: []string{"gatsby", "serve"}, PortOptions: []string{"-p", "--port"}, DefaultPort: "9000",
		Source: Source{URL: "https://www.gatsbyjs.com/docs/reference/gatsby-cli/#serve", Version: "gatsby 5"}},
	{Command: []string{"astro", "preview"}, PortOptions: []string{"--port"}, DefaultPort: "4321",
		Source: Source{URL: "https://docs.astro.build/en/reference/cli-reference/#astro-preview", Version: "astro 5"}},
}

// ServerFrontend is a front-end stack dockopt recognises whose build is a server, not a
// static site: the optimizer does not split it as a static front-end and says so.
type ServerFrontend struct {
	// Name is how the note names the stack; Package marks a project as one.
	Name, Package string
	// ConfigFiles and Setting: the stack is this one when Setting matches a line of one of
	// ConfigFiles; Builds: when the image's build runs one of them. Either suffices.
	ConfigFiles []string
	Setting     *lazyre.Regexp
	SettingText string
	Builds      [][]string
	// Why says what its build writes instead of static files.
	Why    string
	Source Source
}

// ServerFrontends are the server builds of the frameworks in FrontendsSSG.
var ServerFrontends = []ServerFrontend{
	{Name: "Astro with on-demand rendering", Package: "astro", ConfigFiles: astroConfigFiles,
		Setting: lazyre.New(`\boutput\s*:\s*['"]server['"]|\badapter\s*:`), SettingText: "output: 'server', or an adapter",
		Why:    "its config sets `output: 'server'` or an adapter, so pages may be rendered on demand by a server that `astro build` writes next to the static files",
		Source: Source{URL: "https://docs.astro.build/en/guides/on-demand-rendering/", Version: "astro 5"}},
	{Name: "Nuxt (server build)", Package: "nuxt", Builds: [][]string{{"nuxt", "build"}, {"nuxi", "build"}},
		Why:    "`nuxt build` writes a Nitro server (.output/server/index.mjs) that renders pages; only `nuxt generate` prerenders a static site into .output/public",
		Source: Source{URL: "https://nuxt.com/docs/getting-started/deployment", Version: "nuxt 3"}},
	{Name: "SvelteKit with adapter-node", Package: "@sveltejs/adapter-node", Builds: [][]string{{"vite", "build"}},
		Why:    "adapter-node makes `vite build` write a Node server (build/index.js), not a static site",
		Source: Source{URL: "https://svelte.dev/docs/kit/adapter-node", Version: "@sveltejs/adapter-node 5"}},
}

// ServerFrontendFor is the server stack a project is (where: the config file or build that
// says so), nil for none. config reads a project file (nil: none); built reports whether
// the image's build runs a command line (nil: none is known).
func ServerFrontendFor(config func(name string) []byte, built func(cmd []string) bool, deps ...map[string]string) (sf *ServerFrontend, where string) {
	for i := range ServerFrontends {
		s := &ServerFrontends[i]
		if !hasDep(s.Package, deps) {
			continue
		}
		if s.Setting != nil {
			if f := ConfigSetting(config, s.ConfigFiles, s.Setting.Regexp()); f != "" {
				return s, f
			}
		}
		for _, b := range s.Builds {
			if built != nil && built(b) {
				return s, "`" + b[0] + " " + b[1] + "`"
			}
		}
	}
	return nil, ""
}
