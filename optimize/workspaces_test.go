package optimize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The monorepo fixtures (testdata/fixtures/workspaces-*; TestFixtures pins their whole output): apps/api (express, and the local
// @mono/shared; nodemon as a devDependency), apps/web (lodash), packages/shared, the root's
// devDependency typescript; the Dockerfile installs everything and runs apps/api/index.js.
// The optimized runtime must get @mono/api's production dependencies, and with npm and pnpm
// none of apps/web's. Built and run on the engine (2026-12-07): npm 1144 MB → 246 MB, yarn
// classic 1184 MB → 247 MB (apps/web's lodash stays: yarn 1 has no focused install), pnpm
// 9.15.0 1200 MB → 284 MB; each optimized image runs as uid 1000 and answers "hi x".
var workspaceCases = []struct {
	fixture string
	want    []string // in the optimized Dockerfile
	bad     []string // not in the runtime stage
	note    string   // in a note ("" none)
}{
	{"workspaces-npm", []string{
		"COPY apps/api/package.json apps/api/\nCOPY packages/shared/package.json packages/shared/\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci --workspace=@mono/api --omit=dev --prefer-offline\n",
		"COPY --from=prod-deps --chown=node:node /app ./\nCOPY --chown=node:node apps/api apps/api\nCOPY --chown=node:node packages/shared packages/shared\n",
	}, []string{"apps/web", "COPY --chown=node:node . ."}, ""},
	{"workspaces-pnpm", []string{
		"rm -rf node_modules apps/api/node_modules apps/web/node_modules packages/shared/node_modules \\\n && pnpm install --frozen-lockfile --prod --filter @mono/api... --store-dir=/root/.local/share/pnpm/store \\\n && mkdir -p apps/api/node_modules packages/shared/node_modules\n",
		"COPY --from=runtime-prod-deps /app/node_modules /app/node_modules\nCOPY --from=runtime-prod-deps /app/apps/api/node_modules /app/apps/api/node_modules\nCOPY --from=runtime-prod-deps /app/packages/shared/node_modules /app/packages/shared/node_modules\n",
	}, []string{"pnpm install", "apps/web/node_modules"}, ""},
	{"workspaces-yarn", []string{
		"yarn install --frozen-lockfile --production \\\n && mkdir -p apps/api/node_modules packages/shared/node_modules\n",
		"COPY --from=runtime-prod-deps /app/apps/api/node_modules /app/apps/api/node_modules\n",
	}, []string{"yarn install", "apps/web/node_modules"}, "yarn classic (1.x) cannot install one workspace's dependencies"},
}

func TestWorkspaces(t *testing.T) {
	for _, c := range workspaceCases {
		t.Run(c.fixture, func(t *testing.T) {
			dir := copyContext(t, filepath.Join("testdata", "fixtures", c.fixture))
			res, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
			if err != nil {
				t.Fatal(err)
			}
			text := string(res.Dockerfile)
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("lacks %q:\n%s", w, text)
				}
			}
			rt := text[strings.LastIndex(text, "\nFROM "):]
			for _, b := range c.bad {
				if strings.Contains(rt, b) {
					t.Errorf("runtime has %q:\n%s", b, rt)
				}
			}
			if changeWhy(res, "Only workspace @mono/api and its production dependencies") == "" {
				t.Errorf("no workspace change: %+v", res.Changes)
			}
			notes := strings.Join(res.Notes, "\n")
			if c.note != "" && !strings.Contains(notes, c.note) {
				t.Errorf("no note %q: %q", c.note, res.Notes)
			}
			if c.note == "" && strings.Contains(notes, "every workspace's production dependencies") {
				t.Errorf("a focused install says it is not: %q", res.Notes)
			}
		})
	}
}

// A root package.json with dependencies of its own: npm includes the root
// (--include-workspace-root), pnpm selects it (--filter .; run by hand with pnpm 9.15.0:
// "Scope: 3 of 4 workspace projects", the root's dotenv installed, no lodash, nodemon or
// typescript).
func TestWorkspacesRootDependencies(t *testing.T) {
	for fixture, want := range map[string]string{
		"workspaces-npm":  "npm ci --workspace=@mono/api --omit=dev --include-workspace-root",
		"workspaces-pnpm": "--filter @mono/api... --filter .",
	} {
		dir := copyContext(t, filepath.Join("testdata", "fixtures", fixture))
		p := filepath.Join(dir, "package.json")
		data, _ := os.ReadFile(p)
		os.WriteFile(p, []byte(strings.Replace(string(data), `{`, `{"dependencies":{"dotenv":"16.4.5"},`, 1)), 0o644)
		res, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(res.Dockerfile), want) {
			t.Errorf("%s: lacks %q:\n%s", fixture, want, res.Dockerfile)
		}
	}
}

// A command that runs no workspace (a root script): every workspace's production
// dependencies, with a note; one that names it with -w; and a monorepo whose app is built
// with `npm run build`: no workspace install, and a note that says why.
func TestWorkspacesNotFocused(t *testing.T) {
	dir := copyContext(t, filepath.Join("testdata", "fixtures", "workspaces-npm"))
	df := filepath.Join(dir, "Dockerfile")
	data, _ := os.ReadFile(df)
	os.WriteFile(df, []byte(strings.Replace(string(data), `CMD ["node", "apps/api/index.js"]`, `CMD ["node", "server.js"]`, 1)), 0o644)
	res, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := string(res.Dockerfile)
	if strings.Contains(text, "--workspace") {
		t.Errorf("a command outside the workspaces got a workspace install:\n%s", text)
	}
	// every workspace's manifest in the install, and the install's directory whole (npm puts a
	// workspace's conflicting versions in its own node_modules)
	for _, want := range []string{"COPY apps/web/package.json apps/web/\n", "npm ci --omit=dev", "COPY --from=prod-deps --chown=node:node /app ./\nCOPY --chown=node:node . .\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "runs none of them that dockopt can tell") {
		t.Errorf("no note: %q", res.Notes)
	}
	// the workspace named with npm's -w
	os.WriteFile(df, []byte(strings.Replace(string(data), `CMD ["node", "apps/api/index.js"]`, `CMD ["npm", "start", "-w", "@mono/api"]`, 1)), 0o644)
	res, _, err = optimizeDir(t, dir, "Dockerfile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Dockerfile), "npm ci --workspace=@mono/api --omit=dev") {
		t.Errorf("-w @mono/api: no workspace install:\n%s", res.Dockerfile)
	}
	os.WriteFile(df, []byte(strings.Replace(string(data), "COPY . .\n", "COPY . .\nRUN npm run build\n", 1)), 0o644)
	res, _, err = optimizeDir(t, dir, "Dockerfile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	text = string(res.Dockerfile)
	if strings.Contains(text, "--workspace") || !strings.Contains(text, "COPY apps/web/package.json apps/web/\n") {
		t.Errorf("the build's install lacks a workspace's package.json, or a workspace install:\n%s", text)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "builds it with `npm run build`") {
		t.Errorf("no note on the build: %q", res.Notes)
	}
}

// yarn berry (nodeLinker node-modules) in a monorepo: `yarn workspaces focus NAME
// --production` instead of --all, and the workspaces' own node_modules copied.
func TestWorkspacesYarnBerry(t *testing.T) {
	df := "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN corepack enable && yarn install --immutable\nEXPOSE 3000\nCMD [\"node\", \"apps/api/index.js\"]\n"
	dir := writeContext(t, map[string]string{
		"Dockerfile":                   df,
		"package.json":                 `{"private":true,"workspaces":["apps/*","packages/*"],"devDependencies":{"typescript":"5"},"packageManager":"yarn@4.5.3"}`,
		"yarn.lock":                    "__metadata:\n  version: 8\n",
		".yarnrc.yml":                  "nodeLinker: node-modules\n",
		"apps/api/package.json":        `{"name":"@mono/api","dependencies":{"@mono/shared":"workspace:*","express":"4"},"devDependencies":{"nodemon":"3"}}`,
		"apps/api/index.js":            "\n",
		"apps/web/package.json":        `{"name":"@mono/web","dependencies":{"lodash":"4"}}`,
		"packages/shared/package.json": `{"name":"@mono/shared"}`,
	})
	res, _, err := optimizeDir(t, dir, "Dockerfile", Options{NoCacheMounts: true})
	if err != nil {
		t.Fatal(err)
	}
	text := string(res.Dockerfile)
	for _, want := range []string{
		"RUN yarn workspaces focus @mono/api --production \\\n && rm -rf .yarn/cache .yarn/install-state.gz \\\n && mkdir -p apps/api/node_modules packages/shared/node_modules\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s\n%q", want, text, res.Notes)
		}
	}
	if strings.Contains(text, "--all") {
		t.Errorf("focuses every workspace:\n%s", text)
	}
}
