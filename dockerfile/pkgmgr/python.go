package pkgmgr

// Python's installers.

var (
	pipSource    = Source{URL: "https://pip.pypa.io/en/stable/cli/pip_install/", Version: "pip 24"}
	pipxSource   = Source{URL: "https://pipx.pypa.io/stable/docs/", Version: "pipx 1.7"}
	uvSource     = Source{URL: "https://docs.astral.sh/uv/reference/cli/", Version: "uv 0.5"}
	poetrySource = Source{URL: "https://python-poetry.org/docs/cli/", Version: "poetry 1.8"}
	pipenvSource = Source{URL: "https://pipenv.pypa.io/en/latest/commands.html", Version: "pipenv 2024"}
)

// pipValueOptions are pip's general options and install options that take a value.
var pipValueOptions = []string{"-r", "--requirement", "-c", "--constraint", "-e", "--editable",
	"-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix",
	"--root", "--src", "--platform", "--python-version", "--implementation", "--abi", "--no-binary",
	"--only-binary", "--progress-bar", "--proxy", "--trusted-host", "--upgrade-strategy",
	"--cache-dir", "--log", "--retries", "--timeout", "--exists-action", "--cert", "--client-cert",
	"--global-option", "--config-settings", "-C", "--report", "--python", "--keyring-provider",
	"--use-feature", "--use-deprecated", "--install-option", "--root-user-action", "-p", "--dest", "-d"}

// pipLongOptions are pip's long options without a value (general and install options), so
// that an abbreviation resolves as pip's optparse resolves it.
var pipLongOptions = []string{"--help", "--debug", "--isolated", "--require-virtualenv", "--verbose",
	"--version", "--quiet", "--no-input", "--no-cache-dir", "--disable-pip-version-check", "--no-color",
	"--no-python-version-warning", "--user", "--upgrade", "--force-reinstall", "--ignore-installed",
	"--ignore-requires-python", "--no-deps", "--pre", "--no-build-isolation", "--use-pep517",
	"--no-use-pep517", "--check-build-dependencies", "--break-system-packages", "--compile",
	"--no-compile", "--no-warn-script-location", "--no-warn-conflicts", "--prefer-binary",
	"--require-hashes", "--no-clean", "--no-index", "--dry-run", "--all", "--yes", "--exists-action"}

func pythonManagers() []*Manager {
	return []*Manager{pip(), pipx(), poetry(), uv(), pipenv()}
}

func pip() *Manager {
	return &Manager{
		ID: "pip", Ecosystem: "python",
		VersionedPrograms: []string{"pip"},
		Modules:           []string{"pip"},
		Subcommands: []Subcommand{
			{Name: "install", Action: Install, Packages: true},
			{Name: "download", Action: Download, Packages: true},
			{Name: "wheel", Action: Download, Packages: true},
			{Name: "uninstall", Action: Remove, Packages: true},
			{Name: "cache purge", Action: Clean, Source: Source{URL: "https://pip.pypa.io/en/stable/cli/pip_cache/"}},
			{Name: "cache remove", Action: Clean, Source: Source{URL: "https://pip.pypa.io/en/stable/cli/pip_cache/"}},
			{Name: "cache", Action: Other},
		},
		ValueOptions: pipValueOptions,
		LongOptions:  pipLongOptions,
		OptionAliases: map[string]string{"-r": "--requirement", "-c": "--constraint", "-e": "--editable",
			"-i": "--index-url", "-f": "--find-links", "-t": "--target", "-U": "--upgrade", "-q": "--quiet",
			"-v": "--verbose", "-I": "--ignore-installed", "-C": "--config-settings"},
		LongPrefixes: true,
		GroupedShort: true,
		Insecure: []Insecure{{Option: "--trusted-host", TLS: true, Effect: "turns off TLS certificate verification for that host",
			Source: Source{URL: "https://pip.pypa.io/en/stable/cli/pip/#cmdoption-trusted-host", Version: "pip 24"}}},
		Caches: []Cache{{Kind: "pip-cache", Dir: "/root/.cache/pip", Marker: "/.cache/pip",
			DisableOptions: []string{"--no-cache-dir"}, DisableEnv: []string{"PIP_NO_CACHE_DIR"},
			DirOptions: []string{"--cache-dir"}, DirEnv: []string{"PIP_CACHE_DIR"}, CleanCommand: "pip cache purge",
			Source: Source{URL: "https://pip.pypa.io/en/stable/topics/caching/", Version: "pip 24"}, Mount: buildCacheMount}},
		Pin:       PipPin,
		Manifests: []string{"requirements.txt", "requirements*.txt", "pyproject.toml", "setup.py", "setup.cfg"},
		Source:    Source{URL: "https://docs.python.org/3/library/optparse.html#how-optparse-handles-errors", Version: "pip 24 (optparse: unambiguous long-option prefixes)"},
	}
}

func pipx() *Manager {
	return &Manager{
		ID: "pipx", Ecosystem: "python",
		Programs: []string{"pipx"},
		Modules:  []string{"pipx"},
		Subcommands: []Subcommand{
			{Name: "install", Action: Install, Packages: true},
			{Name: "install-all", Action: Install},
			{Name: "inject", Action: Install, Packages: true},
			{Name: "upgrade", Action: Upgrade, Packages: true},
			{Name: "upgrade-all", Action: Upgrade},
			{Name: "uninstall", Action: Remove, Packages: true},
			{Name: "run", Action: Other},
		},
		ValueOptions: []string{"--python", "--pip-args", "--index-url", "-i", "--suffix", "--spec", "--preinstall", "--global"},
		LongPrefixes: true, // argparse
		Caches: []Cache{{Kind: "pipx-cache", Dir: "/root/.local/share/pipx/.cache", Marker: "/pipx/.cache",
			DirEnv: []string{"PIPX_HOME"}, Source: pipxSource}},
		Pin:    PipPin,
		Source: pipxSource,
	}
}

func uv() *Manager {
	pipReq := Source{URL: "https://docs.astral.sh/uv/pip/packages/", Version: "uv 0.5"}
	return &Manager{
		ID: "uv", Ecosystem: "python",
		Programs: []string{"uv"},
		Modules:  []string{"uv"},
		Subcommands: []Subcommand{
			{Name: "pip install", Action: Install, Packages: true, Pin: PipPin, Source: pipReq},
			{Name: "pip sync", Action: Install, Source: pipReq},
			{Name: "pip uninstall", Action: Remove, Packages: true, Source: pipReq},
			{Name: "sync", Action: Install},
			{Name: "add", Action: Install, Packages: true, Pin: PipPin},
			{Name: "remove", Action: Remove, Packages: true},
			{Name: "lock", Action: Other},
			{Name: "export", Action: Other},
			{Name: "tool install", Action: Install, Packages: true, Pin: PipPin},
			{Name: "cache clean", Action: Clean},
			{Name: "cache prune", Action: Clean},
			{Name: "run", Action: Other},
		},
		ValueOptions: []string{"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
			"--extra-index-url", "--index", "--default-index", "-f", "--find-links", "--python", "-p", "--target",
			"--prefix", "--cache-dir", "--group", "--extra", "--package", "--directory", "--project",
			"--python-platform", "--index-strategy", "--keyring-provider", "--resolution", "--prerelease",
			"--exclude-newer", "--link-mode", "--compile-bytecode", "--no-install-package", "--only-group",
			"--no-group", "--with", "--from", "--allow-insecure-host", "--config-file", "--color", "-C", "--config-setting"},
		LongOptions: []string{"--no-cache", "--frozen", "--locked", "--no-dev", "--system", "--break-system-packages",
			"--no-install-project", "--no-editable", "--all-extras", "--upgrade", "--offline", "--quiet", "--verbose"},
		OptionAliases: map[string]string{"-n": "--no-cache", "-U": "--upgrade", "-q": "--quiet", "-v": "--verbose"},
		Insecure: []Insecure{{Option: "--allow-insecure-host", TLS: true, Effect: "turns off TLS certificate verification for that host",
			Source: Source{URL: "https://docs.astral.sh/uv/reference/settings/#allow-insecure-host", Version: "uv 0.5"}}},
		Caches: []Cache{{Kind: "uv-cache", Dir: "/root/.cache/uv", Marker: "/.cache/uv",
			DisableOptions: []string{"--no-cache"}, DisableEnv: []string{"UV_NO_CACHE"},
			DirOptions: []string{"--cache-dir"}, DirEnv: []string{"UV_CACHE_DIR"}, CleanCommand: "uv cache clean",
			Source: Source{URL: "https://docs.astral.sh/uv/concepts/cache/", Version: "uv 0.5"}, Mount: buildCacheMount}},
		Pin:         PipPin,
		Manifests:   []string{"pyproject.toml"},
		Lockfiles:   []string{"uv.lock"},
		VenvInstall: uvVenv,
		Source:      uvSource,
	}
}

func poetry() *Manager {
	return &Manager{
		ID: "poetry", Ecosystem: "python",
		Programs: []string{"poetry"},
		Subcommands: []Subcommand{
			{Name: "install", Action: Install},
			{Name: "sync", Action: Install, Source: Source{URL: "https://python-poetry.org/docs/cli/#sync", Version: "poetry 2.0"}},
			{Name: "add", Action: Install, Packages: true, Pin: PoetryPin},
			{Name: "remove", Action: Remove, Packages: true},
			{Name: "update", Action: Upgrade, Packages: true},
			{Name: "lock", Action: Other},
			{Name: "export", Action: Other},
			{Name: "cache clear", Action: Clean},
			{Name: "run", Action: Other},
		},
		ValueOptions: []string{"--only", "--with", "--without", "-E", "--extras", "-C", "--directory", "-P", "--project",
			"-f", "--format", "-o", "--output", "-G", "--group", "--source"},
		LongOptions: []string{"--no-root", "--no-dev", "--sync", "--no-interaction", "--no-cache", "--no-directory",
			"--only-root", "--all-extras", "--compile", "--dry-run"},
		OptionAliases: map[string]string{"-n": "--no-interaction"},
		Caches: []Cache{{Kind: "poetry-cache", Dir: "/root/.cache/pypoetry", Marker: "/.cache/pypoetry",
			DisableOptions: []string{"--no-cache"}, DirEnv: []string{"POETRY_CACHE_DIR"},
			Source: Source{URL: "https://python-poetry.org/docs/configuration/#cache-dir", Version: "poetry 1.8"},
			Mount:  &CacheMount{Source: Source{URL: "https://python-poetry.org/docs/configuration/#cache-dir", Version: "poetry 1.8-2.x ({cache-dir} is ~/.cache/pypoetry on Linux)"}}}},
		Pin:         PoetryPin,
		Manifests:   []string{"pyproject.toml"},
		Lockfiles:   []string{"poetry.lock"},
		VenvInstall: poetryVenv,
		Source:      poetrySource,
	}
}

func pipenv() *Manager {
	return &Manager{
		ID: "pipenv", Ecosystem: "python",
		Programs: []string{"pipenv"},
		Subcommands: []Subcommand{
			{Name: "install", Action: Install, Packages: true},
			{Name: "sync", Action: Install},
			{Name: "update", Action: Upgrade, Packages: true},
			{Name: "uninstall", Action: Remove, Packages: true},
			{Name: "requirements", Action: Other},
			{Name: "run", Action: Other},
		},
		ValueOptions: []string{"--python", "-r", "--requirements", "-i", "--index", "--extra-index-url", "--categories"},
		LongOptions:  []string{"--deploy", "--system", "--ignore-pipfile", "--dev", "--clear", "--skip-lock"},
		Caches: []Cache{{Kind: "pipenv-cache", Dir: "/root/.cache/pipenv", Marker: "/.cache/pipenv",
			DirEnv: []string{"PIPENV_CACHE_DIR"}, Source: Source{URL: "https://pipenv.pypa.io/en/latest/configuration.html"},
			// its docs: PIPENV_CACHE_DIR moves it as PIP_CACHE_DIR moves pip's
			Mount: &CacheMount{Source: Source{URL: "https://pipenv.pypa.io/en/latest/configuration.html", Version: "pipenv 2024 (PIPENV_CACHE_DIR defaults to ~/.cache/pipenv)"}}}},
		Pin:         PipPin,
		Manifests:   []string{"Pipfile"},
		Lockfiles:   []string{"Pipfile.lock"},
		VenvInstall: pipenvVenv,
		Source:      pipenvSource,
	}
}
