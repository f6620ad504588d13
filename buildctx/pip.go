package buildctx

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// PipRefs are what a pip requirements file refers to, besides packages
// (https://pip.pypa.io/en/stable/reference/requirements-file-format/): the requirement files
// it includes (-r FILE, -rFILE, --requirement FILE, --requirement=FILE), the constraints
// files (-c, --constraint, same forms), and local package paths (`-e ./libs/x`, `./libs/x`,
// `file:./libs/x`). Paths are as written, relative to the file's directory; URLs and paths
// with variables are left out.
type PipRefs struct {
	Requirements, Constraints, LocalPaths []string
}

// ParsePipRequirements reads the references of a requirements file's text (comments, whole
// lines or after " #", are skipped).
func ParsePipRequirements(text string) PipRefs {
	var refs PipRefs
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if r, c, ok := pipFileOption(strings.Fields(line), 0); ok {
			refs.Requirements = append(refs.Requirements, r...)
			refs.Constraints = append(refs.Constraints, c...)
			continue
		}
		local := line
		if f := strings.Fields(line); (f[0] == "-e" || f[0] == "--editable") && len(f) > 1 {
			local = f[1]
		}
		local = strings.TrimPrefix(local, "file:")
		if (strings.HasPrefix(local, "./") || strings.HasPrefix(local, "../")) && usablePath(local) {
			refs.LocalPaths = append(refs.LocalPaths, local)
		}
	}
	return refs
}

// PipInstallRefs returns the requirement (-r) and constraints (-c) files a pip call (or a
// pip-compatible one: uv pip, pipenv) names, in the same forms as in a requirements file.
func PipInstallRefs(call *pkgmgr.Call) (requirements, constraints []string) {
	if call == nil {
		return nil, nil
	}
	for _, v := range call.Values("--requirement", "-r") {
		if usablePath(v) {
			requirements = append(requirements, v)
		}
	}
	for _, v := range call.Values("--constraint", "-c") {
		if usablePath(v) {
			constraints = append(constraints, v)
		}
	}
	return
}

// pipFileOption reads a -r/-c option at args[i] (with its value in args[i+1] when separate).
func pipFileOption(args []string, i int) (requirements, constraints []string, ok bool) {
	a := args[i]
	next := func() string {
		if i+1 < len(args) {
			return args[i+1]
		}
		return ""
	}
	var v string
	isReq := true
	switch {
	case a == "-r" || a == "--requirement":
		v = next()
	case a == "-c" || a == "--constraint":
		v, isReq = next(), false
	case strings.HasPrefix(a, "--requirement="):
		v = strings.TrimPrefix(a, "--requirement=")
	case strings.HasPrefix(a, "--constraint="):
		v, isReq = strings.TrimPrefix(a, "--constraint="), false
	case strings.HasPrefix(a, "-r") && !strings.HasPrefix(a, "--"):
		v = a[2:]
	case strings.HasPrefix(a, "-c") && !strings.HasPrefix(a, "--"):
		v, isReq = a[2:], false
	default:
		return nil, nil, false
	}
	if !usablePath(v) {
		return nil, nil, true
	}
	if isReq {
		return []string{v}, nil, true
	}
	return nil, []string{v}, true
}

// usablePath: a file reference that names a path (not a URL, no variable).
func usablePath(v string) bool {
	return v != "" && !strings.Contains(v, "://") && !strings.Contains(v, "$")
}
