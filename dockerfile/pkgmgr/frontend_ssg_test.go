package pkgmgr

import (
	"strings"
	"testing"
)

// files is a project's config files for FrontendFor.
func files(m map[string]string) func(string) []byte {
	return func(name string) []byte {
		if s, ok := m[name]; ok {
			return []byte(s)
		}
		return nil
	}
}

func TestFrontendForGenerators(t *testing.T) {
	deps := func(names ...string) map[string]string {
		m := map[string]string{}
		for _, n := range names {
			m[n] = "*"
		}
		return m
	}
	for _, tc := range []struct {
		name   string
		config map[string]string
		deps   map[string]string
		want   string // Frontend.Name, "" for none
		outDir string
	}{
		{"next export", map[string]string{"next.config.mjs": "const c = {\n  output: 'export',\n}\n"}, deps("next", "react"), "Next.js (static export)", "out"},
		{"next export, double quotes in next.config.js", map[string]string{"next.config.js": `module.exports = { output: "export" }`}, deps("next"), "Next.js (static export)", "out"},
		{"next standalone is no static site", map[string]string{"next.config.mjs": "export default { output: 'standalone' }\n"}, deps("next"), "", ""},
		{"next export in a comment only", map[string]string{"next.config.mjs": "export default {\n  // output: 'export',\n}\n"}, deps("next"), "", ""},
		{"next without a config", nil, deps("next"), "", ""},
		{"gatsby", nil, deps("gatsby", "react"), "Gatsby", "public"},
		{"astro static", map[string]string{"astro.config.mjs": "export default defineConfig({ site: 'x' })\n"}, deps("astro"), "Astro", "dist"},
		{"astro server output", map[string]string{"astro.config.mjs": "export default defineConfig({\n  output: 'server',\n})\n"}, deps("astro"), "", ""},
		{"astro adapter", map[string]string{"astro.config.ts": "export default defineConfig({\n  adapter: node({ mode: 'standalone' }),\n})\n"}, deps("astro", "@astrojs/node"), "", ""},
		{"nuxt", nil, deps("nuxt", "vue"), "Nuxt (generate)", ".output/public"},
		{"sveltekit static before vite", nil, deps("@sveltejs/kit", "@sveltejs/adapter-static", "vite"), "SvelteKit (adapter-static)", "build"},
		{"plain vite", nil, deps("vite"), "Vite", "dist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fw := FrontendFor(files(tc.config), tc.deps)
			got := ""
			if fw != nil {
				got = fw.Name
			}
			if got != tc.want {
				t.Fatalf("FrontendFor = %q, want %q", got, tc.want)
			}
			if fw != nil && fw.OutDir != tc.outDir {
				t.Errorf("OutDir %q, want %q", fw.OutDir, tc.outDir)
			}
		})
	}
}

func TestServerFrontendFor(t *testing.T) {
	ran := func(cmds ...string) func([]string) bool {
		return func(c []string) bool {
			for _, r := range cmds {
				if r == strings.Join(c, " ") {
					return true
				}
			}
			return false
		}
	}
	nuxt := map[string]string{"nuxt": "^3"}
	if sf, where := ServerFrontendFor(nil, ran("nuxt build"), nuxt); sf == nil || sf.Name != "Nuxt (server build)" || where != "`nuxt build`" {
		t.Errorf("nuxt build: %v %q", sf, where)
	}
	if sf, _ := ServerFrontendFor(nil, ran("nuxt generate"), nuxt); sf != nil {
		t.Errorf("nuxt generate is static, got %s", sf.Name)
	}
	astro := map[string]string{"astro": "^5"}
	cfg := files(map[string]string{"astro.config.mjs": "export default {\n  output: \"server\",\n}\n"})
	if sf, where := ServerFrontendFor(cfg, nil, astro); sf == nil || where != "astro.config.mjs" {
		t.Errorf("astro server: %v %q", sf, where)
	}
	if sf, _ := ServerFrontendFor(cfg, nil, map[string]string{"vite": "^5"}); sf != nil {
		t.Errorf("not an astro project: %s", sf.Name)
	}
	if sf, _ := ServerFrontendFor(nil, ran("vite build"), map[string]string{"@sveltejs/adapter-node": "^5"}); sf == nil {
		t.Error("SvelteKit with adapter-node not recognised")
	}
}

func TestGeneratorServers(t *testing.T) {
	for _, tc := range []struct {
		words []string
		port  string
	}{
		{[]string{"gatsby", "serve", "-H", "0.0.0.0"}, "9000"},
		{[]string{"node_modules/.bin/astro", "preview"}, "4321"},
		{[]string{"vite", "preview"}, "4173"},
	} {
		ps := PreviewServerFor(tc.words)
		if ps == nil || ps.DefaultPort != tc.port {
			t.Errorf("%v: %+v", tc.words, ps)
		}
	}
	if PreviewServerFor([]string{"gatsby", "build"}) != nil {
		t.Error("gatsby build is no server")
	}
	if s, spec := StaticServerFor("serve@latest"); s == nil || s.Program != "serve" || spec != "serve@latest" {
		t.Errorf("serve@latest: %+v %q", s, spec)
	}
	if s, spec := StaticServerFor("http-server"); s == nil || s.Program != "http-server" || spec != "" {
		t.Errorf("http-server: %+v %q", s, spec)
	}
	if s, _ := StaticServerFor("server"); s != nil {
		t.Errorf("server is not serve: %+v", s)
	}
	nuxt := FrontendFor(nil, map[string]string{"nuxt": "^3"})
	if b := nuxt.Builds(); len(b) != 2 || strings.Join(b[1], " ") != "nuxi generate" {
		t.Errorf("nuxt builds %v", b)
	}
}

// Every fact carries its source: a docs URL and the version it was checked on.
func TestFrontendSources(t *testing.T) {
	var srcs []Source
	for _, fw := range Frontends {
		srcs = append(srcs, fw.Source)
		if fw.Start != nil {
			srcs = append(srcs, fw.Start.Source)
		}
	}
	for _, ps := range PreviewServers {
		srcs = append(srcs, ps.Source)
	}
	for _, sf := range ServerFrontends {
		srcs = append(srcs, sf.Source)
	}
	for _, s := range srcs {
		if !strings.HasPrefix(s.URL, "https://") || s.Version == "" {
			t.Errorf("source %+v", s)
		}
	}
}
