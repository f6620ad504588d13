package reliability

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
	"github.com/dockopt/dockopt/rules/internal/servercmd"
)

var pinPipValueFlags = []string{"-r", "--requirement", "-c", "--constraint", "-e", "--editable",
	"-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix",
	"--root", "--src", "--platform", "--python-version", "--implementation", "--abi", "--no-binary",
	"--only-binary", "--progress-bar", "--proxy", "--trusted-host", "--upgrade-strategy",
	"--cache-dir", "--log", "--retries", "--timeout", "--exists-action", "--cert", "--client-cert",
	"--global-option", "--config-settings", "-C", "--report", "--python", "--keyring-provider",
	"--use-feature", "--use-deprecated", "--install-option", "--root-user-action", "-p"}

// pinPipInstallArgs returns the arguments after `pip`, `pip3`, `pip3.12`, `python -m pip` or
// `uv pip`; ok is false for other commands.
func pinPipInstallArgs(c *dockerfile.Command) ([]string, bool) {
	name := c.Name
	switch {
	case name == "pip" || strings.HasPrefix(name, "pip3") || name == "pip2":
		return c.Args, true
	case servercmd.IsPython(name):
		for i, a := range c.Args {
			if a == "-m" && i+1 < len(c.Args) && c.Args[i+1] == "pip" {
				return c.Args[i+2:], true
			}
			if !strings.HasPrefix(a, "-") {
				return nil, false
			}
		}
	case name == "uv":
		if len(c.Args) > 0 && c.Args[0] == "pip" {
			return c.Args[1:], true
		}
	}
	return nil, false
}

// pinPipPinned reports whether a pip requirement fixes its version (or is not from an index).
func pinPipPinned(req string) bool {
	for _, op := range []string{"==", ">=", "<=", "~=", "!=", "<", ">", "@"} {
		if strings.Contains(req, op) {
			return true
		}
	}
	return strings.Contains(req, "/") || strings.HasPrefix(req, ".") || strings.HasSuffix(req, ".whl") ||
		strings.HasSuffix(req, ".tar.gz") || strings.HasSuffix(req, ".zip") || pinHasVar(req)
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
			What: "Finds `pip install` (also pip3, `python -m pip`, `uv pip`) of packages named without a " +
				"version specifier. Requirements and constraint files (`-r`, `-c`, PIP_CONSTRAINT), " +
				"local paths, `.`, wheels, archives, URLs and VCS references are fine, and so is " +
				"upgrading the installer itself (pip, setuptools, wheel).",
			Why: pinWhy + "Informational: a range (`>=2,<3`) or a lock file is often the better " +
				"choice than an exact pin in the Dockerfile.",
			Example:    "RUN pip install --no-cache-dir gunicorn flask",
			UseInstead: "RUN pip install --no-cache-dir gunicorn==23.0.0 flask==3.0.3\n# or: COPY requirements.txt . && RUN pip install --no-cache-dir -r requirements.txt",
			References: []string{
				"https://pip.pypa.io/en/stable/topics/repeatable-installs/",
				"https://github.com/hadolint/hadolint/wiki/DL3013",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				args, ok := pinPipInstallArgs(c)
				if !ok {
					return
				}
				_, pkgs, ok := pinPositional(args, []string{"install"}, pinPipValueFlags)
				if !ok {
					return
				}
				for _, a := range args {
					if a == "-c" || a == "--constraint" || strings.HasPrefix(a, "--constraint=") || a == "--no-index" {
						return
					}
				}
				if in.Stage != nil && servercmd.EnvSet(p.File, in.Stage, "PIP_CONSTRAINT") {
					return
				}
				var unpinned []string
				for _, pkg := range pkgs {
					base := strings.ToLower(pkg)
					if i := strings.IndexAny(base, "[;"); i >= 0 {
						base = base[:i]
					}
					if pinPipPinned(pkg) || base == "pip" || base == "setuptools" || base == "wheel" {
						continue
					}
					unpinned = append(unpinned, pkg)
				}
				pinReport(p, in, c, "pip install of", unpinned, "pkg==version, or a requirements/constraints file")
			})
		},
	}
)
