package pkgmgr

import (
	"path"
	"strings"
	"sync"
)

// This file finds the program a command line actually runs behind launchers: the package
// managers' runners (uv run, poetry run, npx), init shims (tini, dumb-init), user switchers
// (gosu USER) and environment setters (env VAR=x, cross-env). The server rules and the
// optimizer's development-command pass both read command lines through it.

// launchers are programs that run the command that follows them, with the number of their
// own words to skip after the program itself (options are skipped separately).
var launchers = sync.OnceValue(func() map[string]int {
	return map[string]int{
		"exec": 0, "env": 0, "nohup": 0, "time": 0, "nice": 0, "dumb-init": 0, "tini": 0,
		"tini-static": 0, "catatonit": 0, "gosu": 1, "su-exec": 1, "setuser": 1, "s6-setuidgid": 1,
		"chpst": 0, "ddtrace-run": 0, "opentelemetry-instrument": 0, "newrelic-admin": 1,
		"doppler": 1, "infisical": 1, "dotenv": 0, "uv": 1, "poetry": 1, "pipenv": 1, "pdm": 1,
		"hatch": 1, "rye": 1, "conda": 1, "micromamba": 1, "pixi": 1, "sudo": 0, "runuser": 0,
		// npm's package runners and cross-env (https://www.npmjs.com/package/cross-env)
		"npx": 0, "pnpx": 0, "bunx": 0, "cross-env": 0,
	}
})

// IsLauncher reports whether a program (a base name) only runs the command that follows it.
func IsLauncher(name string) bool {
	_, ok := launchers()[name]
	return ok
}

// ProgramBase returns the base name of a program path ("/usr/local/bin/uvicorn" ->
// "uvicorn", `C:\bin\node.exe` -> "node").
func ProgramBase(prog string) string {
	prog = strings.TrimSuffix(prog, ".exe")
	return path.Base(strings.ReplaceAll(prog, `\`, "/"))
}

// IsPython reports whether a program is a Python interpreter (python, python3, python3.12).
func IsPython(prog string) bool {
	return isPython(ProgramBase(prog))
}

// ProgramIndex returns the index of the word that names the program actually run by a
// command line, skipping launchers (exec, env VAR=x, gosu user, uv run, poetry run, npx...),
// their options and VAR=value words; for `python -m MODULE` it returns the index of MODULE and
// module is true; for `python script.py` the index of the script. -1 when there is none.
func ProgramIndex(words []string) (idx int, module bool) {
	i := 0
	for i < len(words) {
		v := words[i]
		if strings.HasPrefix(v, "-") || (strings.Contains(v, "=") && !strings.Contains(v, "/") && i > 0) {
			i++
			continue
		}
		if n, ok := launchers()[ProgramBase(v)]; ok && i+1 < len(words) {
			i++
			// options of the launcher, then its fixed words
			for i < len(words) && strings.HasPrefix(words[i], "-") {
				i++
			}
			i += n
			continue
		}
		if IsPython(v) {
			for j := i + 1; j < len(words); j++ {
				a := words[j]
				if a == "-m" && j+1 < len(words) {
					return j + 1, true
				}
				if !strings.HasPrefix(a, "-") {
					return j, false // python script.py
				}
			}
			return i, false
		}
		return i, false
	}
	return -1, false
}
