package optimize

import (
	"strings"
	"testing"
)

// A yarn berry service already on node:*-slim (allOrigins' shape): berry's `yarn install`
// installs the devDependencies whatever NODE_ENV says, so the stage is split and the runtime
// gets node_modules from `yarn workspaces focus --all --production` (built in from yarn 4),
// without the zips and install state; yarn 3 without plugin-workspace-tools has no such
// command: nothing is split, and a note says why the devDependencies stay.
func TestSplitYarnBerryOnSlim(t *testing.T) {
	df := "FROM node:20-slim\nWORKDIR /usr/src/app\nCOPY package.json .yarnrc.yml yarn.lock ./\nCOPY .yarn/ ./.yarn\nENV NODE_ENV production\nRUN yarn install --immutable\nCOPY . .\nCMD [\"npm\", \"run\", \"start\"]\n"
	for name, c := range map[string]struct {
		version, rc string
		split       bool
		note        string
	}{
		"yarn 4":                   {"4.18.1", "nodeLinker: node-modules\nyarnPath: .yarn/releases/yarn-4.18.1.cjs\n", true, ""},
		"yarn 3 without plugin":    {"3.8.7", "nodeLinker: node-modules\nyarnPath: .yarn/releases/yarn-3.8.7.cjs\n", false, "yarn 3 has `yarn workspaces focus --production`"},
		"yarn 3 with plugin":       {"3.8.7", "nodeLinker: node-modules\nplugins:\n  - path: .yarn/plugins/@yarnpkg/plugin-workspace-tools.cjs\n    spec: \"@yarnpkg/plugin-workspace-tools\"\n", true, ""},
		"yarnPath only (yarn 3)":   {"", "nodeLinker: node-modules\nyarnPath: .yarn/releases/yarn-3.8.7.cjs\n", false, "yarn 3 has"},
		"yarnPath only (yarn 4.1)": {"", "nodeLinker: node-modules\nyarnPath: .yarn/releases/yarn-4.1.0.cjs\n", true, ""},
	} {
		pm := ""
		if c.version != "" {
			pm = `,"packageManager":"yarn@` + c.version + `"`
		}
		pkg := `{"main":"server.js","dependencies":{"express":"4"},"devDependencies":{"jest":"29"}` + pm + `}`
		dir := writeContext(t, map[string]string{"Dockerfile": df, "package.json": pkg, "yarn.lock": "__metadata:\n  version: 8\n",
			".yarnrc.yml": c.rc, ".yarn/releases/yarn-x.cjs": "\n", "server.js": "\n"})
		res, out, err := optimizeDir(t, dir, "Dockerfile", Options{NoCacheMounts: true})
		if err != nil {
			t.Fatal(err)
		}
		text, notes := string(res.Dockerfile), strings.Join(res.Notes, "\n")
		if !c.split {
			if len(out.Stages) != 1 || !strings.Contains(notes, c.note) || !strings.Contains(notes, "plugin-workspace-tools") {
				t.Errorf("%s: split, or no note %q:\n%s\n%s", name, c.note, text, notes)
			}
			continue
		}
		for _, want := range []string{
			"FROM runtime-build AS runtime-prod-deps\nRUN yarn workspaces focus --all --production \\\n && rm -rf .yarn/cache .yarn/install-state.gz\n",
			"FROM node:20-slim AS runtime\n",
			"COPY --from=runtime-prod-deps /usr/src/app/node_modules /usr/src/app/node_modules\nCOPY package.json .yarnrc.yml yarn.lock /usr/src/app/\n",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: output lacks %q:\n%s", name, want, text)
			}
		}
	}
}
