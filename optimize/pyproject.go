package optimize

import (
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/internal/lazyre"
)

// pep621Install installs the [project] dependencies of pyproject.toml (PEP 621,
// https://packaging.python.org/en/latest/specifications/pyproject-toml/#dependencies-optional-dependencies)
// before the code is copied, reading the file with the image's own tomllib (Python 3.11+,
// https://docs.python.org/3/library/tomllib.html): pyproject.toml stays the one list, and the
// layer is rebuilt only when it changes. The project itself is installed after the code,
// with --no-deps.
// pipCmd is the recipe's pip install (see pipInstall), flags its cache mount.
func pep621Install(flags []string, pipCmd string) string {
	return mountedRun(flags, `python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project'].get('dependencies', [])))" > /tmp/requirements.txt \
 && `+pipCmd+` -r /tmp/requirements.txt`)
}

// pep621Dependencies reports whether the build context's pyproject.toml lists its
// dependencies statically in [project] (a `dependencies` key, and `dynamic` does not name
// them: a build backend computes dynamic ones).
func pep621Dependencies(ctx *buildctx.Context) bool {
	data, err := readContextFile(ctx, "pyproject.toml")
	if err != nil {
		return false
	}
	section, deps := "", false
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[] ")
			continue
		}
		if section != "project" {
			continue
		}
		key, val, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		switch strings.TrimSpace(key) {
		case "dependencies":
			deps = true
		case "dynamic":
			if strings.Contains(val, `"dependencies"`) || strings.Contains(val, `'dependencies'`) {
				return false
			}
		}
	}
	return deps
}

// pythonMinorRe reads the Python version an official python tag names (3.12, 3.12.4-slim).
var pythonMinorRe = lazyre.New(`^3\.(\d+)`)

// pythonAtLeast reports whether an official python tag names Python 3.minor or later; false
// when it names no version (latest, 3, bookworm).
func pythonAtLeast(tag string, minor int) bool {
	m := pythonMinorRe.FindStringSubmatch(tag)
	if m == nil {
		return false
	}
	n, _ := strconv.Atoi(m[1])
	return n >= minor
}
