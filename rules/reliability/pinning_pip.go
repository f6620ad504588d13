package reliability

import (
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
	"github.com/dockopt/dockopt/rules/internal/servercmd"
)

// pinPipInstall returns the reading of `pip install` (pip3, pip3.12, `python -m pip`),
// `uv pip install`, `uv tool install` or `pipx install`.
func pinPipInstall(c *dockerfile.Command) (*pkgmgr.Call, bool) {
	call, ok := ruleutil.PmOf(c, "pip", "uv", "pipx")
	return call, ok && (call.Sub == "install" || call.Sub == "pip install" || call.Sub == "tool install")
}

var (
	// PipPin is DO702 (pip-pin).
	PipPin = &rule.Rule{
		ID:          "DO702",
		Name:        "pip-pin",
		Family:      rule.Reliability,
		Severity:    rule.Info,
		Equivalents: []string{"hadolint:DL3013"},
		Doc: rule.Doc{
			What: "Finds `pip install` (also pip3, `python -m pip`, `uv pip install`, `uv tool install`, " +
				"`pipx install`) of packages named without a version specifier. Requirements and " +
				"constraint files (`-r`, `-c`, PIP_CONSTRAINT), local paths, `.`, wheels, archives and " +
				"URLs are fine, and so is upgrading the installer itself (pip, setuptools, wheel). A VCS " +
				"requirement (`git+https://host/repo.git#egg=x`) is pinned only when its URL names a " +
				"ref (`...repo.git@v1.2`): without one it follows the default branch.",
			Why: pinWhy + "Informational: a range (`>=2,<3`) or a lock file is often the better " +
				"choice than an exact pin in the Dockerfile. " +
				"Severity: info, where hadolint's DL3013 is a warning: an unpinned package builds and " +
				"runs, and the lock file or range that fixes it lives outside the Dockerfile.",
			Example:    "RUN pip install --no-cache-dir gunicorn flask",
			UseInstead: "RUN pip install --no-cache-dir gunicorn==23.0.0 flask==3.0.3\n# or: COPY requirements.txt . && RUN pip install --no-cache-dir -r requirements.txt",
			References: []string{
				"https://pip.pypa.io/en/stable/topics/repeatable-installs/",
				"https://github.com/hadolint/hadolint/wiki/DL3013",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				call, ok := pinPipInstall(c)
				if !ok || call.Has("--constraint", "--no-index") {
					return
				}
				if in.Stage != nil && servercmd.EnvSet(p.File, in.Stage, "PIP_CONSTRAINT") {
					return
				}
				var unpinned []string
				for _, pkg := range call.Packages() {
					if pkg.Pinned || pkg.Name == "pip" || pkg.Name == "setuptools" || pkg.Name == "wheel" {
						continue
					}
					unpinned = append(unpinned, pkg.Arg)
				}
				pinReport(p, in, c, "pip install of", unpinned, "pkg==version, or a requirements/constraints file")
			})
		},
	}
)
