package pkgmgr

import "strings"

// VenvInstall is how a Python project manager (poetry, pipenv, uv) installs a project's
// dependencies into a virtualenv it is given, so that a build stage can fill /opt/venv and a
// runtime stage can copy it without the manager.
type VenvInstall struct {
	// Subcommands are the install subcommands this applies to ("install", "sync").
	Subcommands []string
	// Env are the environment settings, VENV standing for the virtualenv's path, that make
	// those subcommands install into it instead of an environment of the manager's choosing.
	Env []string
	// CreatesVenv is true when the manager creates the virtualenv itself at the path Env
	// names (uv sync); false when it must exist first (`python -m venv`).
	CreatesVenv bool
	// Production are the options that leave development dependencies out ("--only main");
	// GroupOptions (and GroupEnv) already choose what is installed: with one of them the call
	// is left as written. NoProduction is true when an install already leaves them out unless
	// asked (pipenv: --dev adds them).
	Production []string
	// ProductionSince is the manager's first version with Production ("" when every one
	// has it): a pinned older version gets no option added.
	ProductionSince string
	GroupOptions    []string
	GroupEnv        []string
	NoProduction    bool
	// Refuse are options that send the install somewhere else than the virtualenv
	// (--system): a call with one is not moved.
	Refuse []string
	// CacheMount is true when the manager's docs for Docker builds keep its cache (the
	// manager's Caches) in a BuildKit cache mount on the install.
	CacheMount bool
	// Runner is the subcommand that runs a program in the manager's environment ("run"): with
	// the virtualenv first in PATH the program runs directly, without the manager.
	Runner string
	// RunnerValueOptions are the runner's options that take a value (uv run --with X).
	RunnerValueOptions []string
	Source             Source
}

// IsVenvInstall reports whether the call is one of its manager's installs that VenvInstall
// describes.
func (c *Call) IsVenvInstall() bool {
	vi := c.Manager.VenvInstall
	return vi != nil && contains(vi.Subcommands, c.Sub)
}

// ExpandEnv returns vi.Env with VENV replaced by venv.
func (vi *VenvInstall) ExpandEnv(venv string) []string {
	out := make([]string, len(vi.Env))
	for i, e := range vi.Env {
		out[i] = strings.ReplaceAll(e, "VENV", venv)
	}
	return out
}

var (
	// poetry 1.x and 2.x use the virtualenv VIRTUAL_ENV names when it is set (the "activated"
	// environment), whatever virtualenvs.create and virtualenvs.in-project say; with
	// virtualenvs.create false it never creates one of its own. `--only main` (poetry 1.2+;
	// `--no-dev` before 1.2, removed in 2.0) installs the main group alone. `poetry export` is
	// not used: it is a plugin (poetry-plugin-export), not packaged in Debian bookworm and not
	// bundled from poetry 2.0.
	poetryVenv = &VenvInstall{
		Subcommands:     []string{"install", "sync"},
		Env:             []string{"VIRTUAL_ENV=VENV", "POETRY_VIRTUALENVS_CREATE=false"},
		Production:      []string{"--only", "main"},
		ProductionSince: "1.2",
		GroupOptions:    []string{"--only", "--with", "--without", "--no-dev", "--only-root"},
		Runner:          "run",
		Source:          Source{URL: "https://python-poetry.org/docs/managing-environments/", Version: "poetry 1.2-2.x"},
	}
	// pipenv uses the activated virtualenv (VIRTUAL_ENV) unless PIPENV_IGNORE_VIRTUALENVS is
	// set; `pipenv install` and `sync` install the default packages only (--dev adds the
	// development ones). --system installs into the Python found first in PATH instead.
	pipenvVenv = &VenvInstall{
		Subcommands:  []string{"install", "sync"},
		Env:          []string{"VIRTUAL_ENV=VENV"},
		NoProduction: true,
		Refuse:       []string{"--system"},
		Runner:       "run",
		Source:       Source{URL: "https://pipenv.pypa.io/en/latest/virtualenv.html", Version: "pipenv 2022.12-2024"},
	}
	// uv sync creates and fills the project environment UV_PROJECT_ENVIRONMENT names;
	// UV_PYTHON_DOWNLOADS=never makes it use the image's Python (whose path the runtime
	// image of the same version has) instead of downloading a managed one;
	// UV_COMPILE_BYTECODE=1 compiles the .pyc files at build time (uv does not by default);
	// UV_LINK_MODE=copy copies from the cache mount instead of hard-linking across file
	// systems. --no-dev leaves the dev dependency group out (uv sync includes it by default).
	uvVenv = &VenvInstall{
		Subcommands:  []string{"sync"},
		Env:          []string{"UV_PROJECT_ENVIRONMENT=VENV", "UV_PYTHON_DOWNLOADS=never", "UV_COMPILE_BYTECODE=1", "UV_LINK_MODE=copy"},
		CreatesVenv:  true,
		CacheMount:   true,
		Production:   []string{"--no-dev"},
		GroupOptions: []string{"--no-dev", "--only-dev", "--dev", "--group", "--only-group", "--no-group", "--all-groups"},
		GroupEnv:     []string{"UV_NO_DEV"},
		Refuse:       []string{"--system"},
		Runner:       "run",
		RunnerValueOptions: []string{"--with", "--with-requirements", "--with-editable", "--python", "-p", "--package",
			"--extra", "--group", "--env-file", "--directory", "--project", "--index", "--index-url", "--extra-index-url"},
		Source: Source{URL: "https://docs.astral.sh/uv/guides/integration/docker/", Version: "uv 0.5-0.9"},
	}
)

// WithoutRunner returns a command line's words without a leading `poetry run`, `pipenv run`
// or `uv run` (and the runner's options), and the manager it named: with the virtualenv
// first in PATH the program runs the same without the manager. ok is false when the words do
// not start with a runner.
func WithoutRunner(words []string) (rest []string, m *Manager, ok bool) {
	if len(words) < 3 {
		return nil, nil, false
	}
	m = ForProgram(ProgramBase(words[0]))
	if m == nil || m.VenvInstall == nil || m.VenvInstall.Runner == "" || words[1] != m.VenvInstall.Runner {
		return nil, nil, false
	}
	i := 2
	for i < len(words) && strings.HasPrefix(words[i], "-") {
		if words[i] == "--" {
			i++
			break
		}
		if contains(m.VenvInstall.RunnerValueOptions, words[i]) {
			i++
		}
		i++
	}
	if i >= len(words) {
		return nil, nil, false
	}
	return words[i:], m, true
}
