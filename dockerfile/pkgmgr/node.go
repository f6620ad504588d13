package pkgmgr

// Node's package managers.

var (
	npmSource       = Source{URL: "https://docs.npmjs.com/cli/v10/commands/npm-install", Version: "npm 10"}
	npmConfigSource = Source{URL: "https://docs.npmjs.com/cli/v10/using-npm/config", Version: "npm 10"}
	yarnSource      = Source{URL: "https://classic.yarnpkg.com/en/docs/cli/", Version: "yarn 1.22 (classic)"}
	yarnBerrySource = Source{URL: "https://yarnpkg.com/cli", Version: "yarn 4 (berry)"}
	pnpmSource      = Source{URL: "https://pnpm.io/cli/install", Version: "pnpm 9"}
	corepackSource  = Source{URL: "https://nodejs.org/api/corepack.html", Version: "node 22"}
)

// npmValueOptions are npm's options that take a value. npm's parser (nopt) also accepts
// unambiguous abbreviations of its options; dockopt resolves only the ones listed.
var npmValueOptions = []string{"--prefix", "-C", "--cache", "--registry", "--omit", "--include", "--only",
	"--userconfig", "--loglevel", "-w", "--workspace", "--location", "--install-strategy", "--tag"}

func nodeManagers() []*Manager {
	return []*Manager{npm(), yarn(), pnpm()}
}

func npm() *Manager {
	return &Manager{
		ID: "npm", Ecosystem: "node",
		Programs: []string{"npm"},
		Subcommands: []Subcommand{
			{Name: "install", Aliases: []string{"i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall", "add"},
				Action: Install, Packages: true},
			{Name: "ci", Aliases: []string{"clean-install", "ic", "install-clean", "isntall-clean"}, Action: Install,
				Source: Source{URL: "https://docs.npmjs.com/cli/v10/commands/npm-ci", Version: "npm 10"}},
			{Name: "update", Aliases: []string{"up", "upgrade", "udpate"}, Action: Upgrade, Packages: true},
			{Name: "uninstall", Aliases: []string{"unlink", "remove", "rm", "r", "un"}, Action: Remove, Packages: true},
			{Name: "prune", Action: Remove},
			{Name: "cache clean", Action: Clean, Source: Source{URL: "https://docs.npmjs.com/cli/v10/commands/npm-cache", Version: "npm 10"}},
			{Name: "cache", Action: Other},
			{Name: "run", Aliases: []string{"run-script", "rum", "urn"}, Action: Other},
			{Name: "exec", Aliases: []string{"x"}, Action: Other},
		},
		ValueOptions: npmValueOptions,
		LongOptions: []string{"--global", "--production", "--save", "--save-dev", "--save-exact", "--no-save",
			"--ignore-scripts", "--no-audit", "--no-fund", "--legacy-peer-deps", "--force", "--prefer-offline",
			"--offline", "--omit"},
		OptionAliases: map[string]string{"-g": "--global", "-S": "--save", "-D": "--save-dev", "-E": "--save-exact",
			"-f": "--force", "-P": "--save-prod", "-O": "--save-optional", "-y": "--yes", "-q": "--quiet"},
		Caches: []Cache{{Kind: "npm-cache", Dir: "/root/.npm", Marker: "/.npm",
			DirOptions: []string{"--cache"}, DirEnv: []string{"npm_config_cache", "NPM_CONFIG_CACHE"},
			CleanCommand: "npm cache clean --force", Source: npmConfigSource,
			// --prefer-offline: "staleness checks for cached data will be bypassed, but missing
			// data will be requested from the server"; npm ci installs the lockfile's exact
			// versions and checks their integrity, so a stale package document changes nothing
			Mount: &CacheMount{Options: []string{"--prefer-offline"}, Source: Source{URL: "https://docs.npmjs.com/cli/v10/using-npm/config#prefer-offline", Version: "npm 10"}}}},
		Pin:       NpmPin,
		Manifests: []string{"package.json"},
		Lockfiles: []string{"package-lock.json", "npm-shrinkwrap.json"},
		DevDependencies: &DevDependencies{Omit: []string{"--omit=dev", "--production", "--production=true", "--only=prod", "--only=production"},
			Subcommands: []string{"install", "ci", "prune"}, Env: "NODE_ENV=production", Include: "--include=dev",
			Source: Source{URL: "https://docs.npmjs.com/cli/v10/using-npm/config#omit", Version: "npm 10"}},
		Source: npmSource,
	}
}

func yarn() *Manager {
	return &Manager{
		ID: "yarn", Ecosystem: "node",
		Programs: []string{"yarn", "yarnpkg"},
		Via:      []string{"corepack"},
		Subcommands: []Subcommand{
			{Name: "install", Action: Install},
			{Name: "add", Action: Install, Packages: true},
			{Name: "global add", Action: Install, Packages: true},
			{Name: "workspaces focus", Action: Install, Source: yarnBerrySource},
			{Name: "upgrade", Aliases: []string{"up"}, Action: Upgrade, Packages: true},
			{Name: "remove", Action: Remove, Packages: true},
			{Name: "cache clean", Action: Clean},
			{Name: "cache", Action: Other},
			{Name: "run", Action: Other},
			{Name: "dlx", Action: Other, Source: yarnBerrySource},
		},
		DefaultAction: Install,
		ValueOptions: []string{"--cwd", "--modules-folder", "--cache-folder", "--network-timeout", "--mutex",
			"--registry", "--network-concurrency", "--global-folder", "--link-folder", "--preferred-cache-folder"},
		LongOptions: []string{"--frozen-lockfile", "--immutable", "--production", "--pure-lockfile", "--ignore-scripts",
			"--prefer-offline", "--non-interactive", "--silent", "--all"},
		Caches: []Cache{
			{Kind: "yarn-cache", Dir: "/usr/local/share/.cache/yarn", Marker: "/.cache/yarn",
				DirOptions: []string{"--cache-folder"}, DirEnv: []string{"YARN_CACHE_FOLDER"},
				CleanCommand: "yarn cache clean", Source: Source{URL: "https://classic.yarnpkg.com/en/docs/cli/cache", Version: "yarn 1.22"}, Mount: buildCacheMount},
			{Kind: "yarn-berry-cache", Dir: "/root/.yarn/berry/cache", Marker: "/.yarn/berry/cache",
				DirEnv: []string{"YARN_CACHE_FOLDER", "YARN_GLOBAL_FOLDER"}, CleanCommand: "yarn cache clean --all",
				Source: Source{URL: "https://yarnpkg.com/configuration/yarnrc#cacheFolder", Version: "yarn 4"},
				// yarn 2+ keeps its cache in the global folder's cache (enableGlobalCache is
				// true by default from yarn 4); the project's .yarn/cache is not mounted
				Mount: &CacheMount{EnvSub: map[string]string{"YARN_GLOBAL_FOLDER": "cache"},
					Source: Source{URL: "https://yarnpkg.com/configuration/yarnrc#enableGlobalCache", Version: "yarn 4 (globalFolder ~/.yarn/berry)"}}},
		},
		Pin:       NpmPin,
		Manifests: []string{"package.json", ".yarnrc.yml"},
		Lockfiles: []string{"yarn.lock"},
		DevDependencies: &DevDependencies{Omit: []string{"--production", "--production=true", "--prod"},
			Subcommands: []string{"install", "workspaces focus"}, Env: "NODE_ENV=production", Include: "--production=false",
			Source: Source{URL: "https://classic.yarnpkg.com/en/docs/cli/install#toc-yarn-install-production-true-false", Version: "yarn 1.22 (classic)"}},
		Source: yarnSource,
	}
}

func pnpm() *Manager {
	return &Manager{
		ID: "pnpm", Ecosystem: "node",
		Programs: []string{"pnpm"},
		Via:      []string{"corepack"},
		Subcommands: []Subcommand{
			{Name: "install", Aliases: []string{"i"}, Action: Install},
			{Name: "add", Action: Install, Packages: true},
			{Name: "update", Aliases: []string{"up", "upgrade"}, Action: Upgrade, Packages: true},
			{Name: "remove", Aliases: []string{"rm", "uninstall", "un"}, Action: Remove, Packages: true},
			{Name: "fetch", Action: Download},
			{Name: "deploy", Action: Install},
			{Name: "prune", Action: Remove},
			{Name: "store prune", Action: Clean},
			{Name: "run", Action: Other},
			{Name: "dlx", Action: Other},
		},
		ValueOptions: []string{"--store-dir", "--dir", "-C", "--filter", "-F", "--registry", "--reporter", "--virtual-store-dir"},
		LongOptions:  []string{"--frozen-lockfile", "--prod", "--production", "--offline", "--prefer-offline", "--global", "--ignore-scripts"},
		OptionAliases: map[string]string{"-P": "--prod", "--production": "--prod", "-g": "--global",
			"-D": "--save-dev"},
		Caches: []Cache{{Kind: "pnpm-store", Dir: "/root/.local/share/pnpm/store", Marker: "/pnpm/store",
			DirOptions: []string{"--store-dir"}, DirEnv: []string{"PNPM_STORE_DIR", "npm_config_store_dir"},
			CleanCommand: "pnpm store prune", Source: Source{URL: "https://pnpm.io/settings#storedir", Version: "pnpm 9"},
			// the store must be on the project's file system unless --store-dir names it: on
			// a mount (another device) pnpm would otherwise make a store of its own beside
			// the project and leave the mount empty
			Mount: &CacheMount{Options: []string{"--store-dir=TARGET"},
				Source: Source{URL: "https://pnpm.io/settings#storedir", Version: "pnpm 9-10 (`pnpm store path` prints it; one store per drive)"}}}},
		Pin:       NpmPin,
		Manifests: []string{"package.json", "pnpm-workspace.yaml"},
		Lockfiles: []string{"pnpm-lock.yaml"},
		DevDependencies: &DevDependencies{Omit: []string{"--prod", "-P", "--production"},
			Subcommands: []string{"install", "deploy", "prune"}, Env: "NODE_ENV=production",
			Source: Source{URL: "https://pnpm.io/cli/install#--prod--p", Version: "pnpm 9"}},
		Source: pnpmSource,
	}
}
