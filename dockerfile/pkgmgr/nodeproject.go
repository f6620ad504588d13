package pkgmgr

import "strings"

// Facts about Node projects that decide how their dependencies are installed and run: the
// packageManager field of package.json, yarn's two generations (classic and berry) and
// berry's linkers, and how each manager runs a program of node_modules/.bin.

// PackageManagerSource documents package.json's "packageManager" field: "<name>@<version>",
// optionally followed by "+<hash algorithm>.<hash>", which corepack reads.
var PackageManagerSource = Source{URL: "https://nodejs.org/api/packages.html#packagemanager", Version: "node 22"}

// PackageManagerField reads package.json's "packageManager" value ("pnpm@10.23.0+sha512.…"):
// the manager it names and its exact version (the hash dropped); ok is false when the value
// is not that form or names a manager dockopt does not know.
func PackageManagerField(v string) (m *Manager, version string, ok bool) {
	name, rest, found := strings.Cut(strings.TrimSpace(v), "@")
	if !found || name == "" || rest == "" {
		return nil, "", false
	}
	version, _, _ = strings.Cut(rest, "+")
	if !isVersion(strings.SplitN(version, "-", 2)[0]) {
		return nil, "", false
	}
	m = ByID(name)
	if m == nil || m.Ecosystem != "node" {
		return nil, "", false
	}
	return m, version, true
}

// YarnBerry is what tells yarn 2+ (berry) from yarn 1 (classic) in a project, and berry's
// linkers.
var YarnBerry = struct {
	// Markers are project files only berry reads (classic reads .yarnrc).
	Markers []string
	// MarkerSource documents them.
	MarkerSource Source
	// LinkerSetting is the .yarnrc.yml key that chooses how packages are installed;
	// DefaultLinker its value when absent; NodeModules the value that writes node_modules.
	LinkerSetting, DefaultLinker, NodeModules string
	// PnPFiles are the files a Plug'n'Play install writes in the project, which node needs
	// at run time instead of node_modules (.yarn/cache holds the zips; with
	// enableGlobalCache, the default since yarn 4, they live in the user's home instead).
	PnPFiles     []string
	LinkerSource Source
	// GlobalCacheSetting is the .yarnrc.yml key that keeps the zips out of the project.
	GlobalCacheSetting string
	CacheSource        Source
	// DevDependencies is how berry leaves devDependencies out: only `yarn workspaces focus
	// --production`; its `yarn install` has no production mode and reads no NODE_ENV (yarn
	// classic's facts, on the yarn Manager, do not hold for it).
	DevDependencies *DevDependencies
	// FocusPlugin is the plugin that provides `yarn workspaces focus` before FocusBuiltinSince
	// (the major version from which it is built in); PluginsSetting is the .yarnrc.yml key
	// that lists a project's plugins (each with its spec), FocusPluginSource documents it.
	FocusPlugin, PluginsSetting string
	FocusBuiltinSince           int
	FocusPluginSource           Source
	// InstallLeftovers are the files an install leaves in the project that only yarn's next
	// install reads (the zips of cacheFolder unless enableGlobalCache, and installStatePath):
	// with nodeLinker node-modules, node reads neither. LeftoversSource documents them.
	InstallLeftovers []string
	LeftoversSource  Source
}{
	Markers:            []string{".yarnrc.yml", ".yarn/releases"},
	MarkerSource:       Source{URL: "https://yarnpkg.com/configuration/yarnrc", Version: "yarn 4 (berry)"},
	LinkerSetting:      "nodeLinker",
	DefaultLinker:      "pnp",
	NodeModules:        "node-modules",
	PnPFiles:           []string{".pnp.cjs", ".pnp.loader.mjs", ".yarn/cache", ".yarn/unplugged"},
	LinkerSource:       Source{URL: "https://yarnpkg.com/configuration/yarnrc#nodeLinker", Version: "yarn 4 (berry)"},
	GlobalCacheSetting: "enableGlobalCache",
	CacheSource:        Source{URL: "https://yarnpkg.com/configuration/yarnrc#enableGlobalCache", Version: "yarn 4 (berry)"},
	DevDependencies: &DevDependencies{Omit: []string{"--production"}, Subcommands: []string{"workspaces focus"},
		Source: Source{URL: "https://yarnpkg.com/cli/workspaces/focus", Version: "yarn 4 (berry): --production \"to replicate the old yarn install --production\""}},
	FocusPlugin:       "@yarnpkg/plugin-workspace-tools",
	PluginsSetting:    "plugins",
	FocusBuiltinSince: 4,
	FocusPluginSource: Source{URL: "https://github.com/yarnpkg/berry/blob/master/packages/plugin-workspace-tools/README.md", Version: "yarn 4 (\"included by default starting from Yarn 4\")"},
	InstallLeftovers:  []string{".yarn/cache", ".yarn/install-state.gz"},
	LeftoversSource:   Source{URL: "https://yarnpkg.com/configuration/yarnrc#installStatePath", Version: "yarn 4 (cacheFolder ./.yarn/cache, installStatePath ./.yarn/install-state.gz)"},
}

// ProdInstall is how a manager installs a project's production dependencies only, into a
// node_modules that already holds everything (a stage after the build): Args after the
// program, and the documentation that says so.
type ProdInstall struct {
	Args   []string
	Source Source
}

// ProdInstalls are, by manager (yarn berry as "yarn-berry"), the commands that leave only
// the production dependencies in node_modules.
var ProdInstalls = map[string]ProdInstall{
	"npm":  {Args: []string{"prune", "--omit=dev"}, Source: Source{URL: "https://docs.npmjs.com/cli/v10/commands/npm-prune", Version: "npm 10"}},
	"pnpm": {Args: []string{"prune", "--prod"}, Source: Source{URL: "https://pnpm.io/cli/prune", Version: "pnpm 10"}},
	"yarn": {Args: []string{"install", "--frozen-lockfile", "--production"},
		Source: Source{URL: "https://classic.yarnpkg.com/en/docs/cli/install#toc-yarn-install-production-true-false", Version: "yarn 1.22 (classic)"}},
	"yarn-berry": {Args: []string{"workspaces", "focus", "--all", "--production"},
		Source: Source{URL: "https://yarnpkg.com/cli/workspaces/focus", Version: "yarn 4 (berry)"}},
}

// BinFallback are the managers whose unknown subcommand runs the program of that name from
// node_modules/.bin when package.json has no script of that name (`pnpm fastify start`
// runs node_modules/.bin/fastify), with the documentation that says so.
var BinFallback = map[string]Source{
	"pnpm": {URL: "https://pnpm.io/cli/exec", Version: "pnpm 10"},
	"yarn": {URL: "https://yarnpkg.com/cli/run", Version: "yarn 4 (berry)"},
}

// GlobalManagerInstall reports whether a call installs a Node package manager itself
// globally (`npm install -g pnpm@10`, `npm i -g yarn`), and which with the version spec it
// names ("" when none): the manager is a build tool, not part of the app.
func (c *Call) GlobalManagerInstall() (m *Manager, spec string, ok bool) {
	if c == nil || c.Manager.Ecosystem != "node" || c.Action != Install || !c.Has("-g", "--global") {
		return nil, "", false
	}
	for _, op := range c.Operands {
		name, v := op, ""
		if i := strings.LastIndex(op, "@"); i > 0 {
			name, v = op[:i], op[i+1:]
		}
		if mm := ByID(name); mm != nil && mm.Ecosystem == "node" {
			m, spec = mm, v
		} else {
			return nil, "", false // other packages too
		}
	}
	return m, spec, m != nil
}
