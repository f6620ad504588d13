package pkgmgr

import (
	"strings"
	"sync"
)

// DevDependencies is how a Node package manager leaves a project's devDependencies out of an
// install.
type DevDependencies struct {
	// Omit are the options that leave them out, as written ("--production"), with an attached
	// value where one is needed ("--omit=dev"; `--omit dev` matches it too).
	Omit []string
	// Subcommands are the subcommands those options (and Env) apply to.
	Subcommands []string
	// Env is the environment setting that leaves them out when no option says otherwise
	// ("NODE_ENV=production"), "" when none does.
	Env string
	// Include is the option that installs them despite Env ("--include=dev"), "" when none is
	// known.
	Include string
	Source  Source
}

// DevOmission is how one install call leaves devDependencies out.
type DevOmission struct {
	// Args are the indices in Call.Args of the words that omit them (an option, and its value
	// when written apart); empty when Env does it.
	Args []int
	// Env is the environment setting that omits them ("NODE_ENV=production") when no option
	// does; Include is the option that overrides it ("" when none is known).
	Env, Include string
	Source       Source
}

// OmitsDev says whether the call installs a Node project without its devDependencies, and
// how; nodeEnv is the value of NODE_ENV where the call runs. nil when it installs them (or is
// not a Node install).
func (c *Call) OmitsDev(nodeEnv string) *DevOmission {
	return c.OmitsDevBy(c.Manager.DevDependencies, nodeEnv)
}

// OmitsDevBy is OmitsDev with the facts of another generation of the call's manager (yarn
// berry's, YarnBerry.DevDependencies, for a `yarn` call in a berry project).
func (c *Call) OmitsDevBy(dd *DevDependencies, nodeEnv string) *DevOmission {
	if dd == nil || !contains(dd.Subcommands, c.Sub) && !(c.Sub == "" && c.Action == Install) {
		return nil
	}
	om := &DevOmission{Source: dd.Source}
	for i := 0; i < len(c.Args); i++ {
		a := c.Args[i]
		switch {
		case a == "--":
			i = len(c.Args)
		case contains(dd.Omit, a):
			om.Args = append(om.Args, i)
		case i+1 < len(c.Args) && contains(dd.Omit, a+"="+c.Args[i+1]):
			om.Args = append(om.Args, i, i+1)
			i++
		case dd.Include != "" && (a == dd.Include || i+1 < len(c.Args) && a+"="+c.Args[i+1] == dd.Include):
			return nil // installed despite NODE_ENV
		}
	}
	if len(om.Args) > 0 {
		return om
	}
	name, val, _ := strings.Cut(dd.Env, "=")
	if v, ok := c.assigned(name); ok {
		nodeEnv = v
	}
	if dd.Env != "" && nodeEnv == val {
		om.Env, om.Include = dd.Env, dd.Include
		return om
	}
	return nil
}

// assigned returns the value the call's own VAR=value prefix gives name (NODE_ENV=x npm ci).
func (c *Call) assigned(name string) (string, bool) {
	for _, a := range c.Assigns {
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return strings.Trim(v, `"'`), true
		}
	}
	return "", false
}

// nodeBinPackages are executables whose npm package has another name (each package's "bin"
// field in its package.json).
var nodeBinPackages = sync.OnceValue(func() map[string][]string {
	return map[string][]string{
		"tsc": {"typescript"}, "tsserver": {"typescript"}, "babel": {"@babel/cli"}, "jest": {"jest", "jest-cli"},
		"eslint": {"eslint"}, "prettier": {"prettier"}, "mocha": {"mocha"}, "webpack": {"webpack", "webpack-cli"},
		// fastify-cli's "bin" is "fastify": the fastify package itself has none
		"fastify": {"fastify-cli"},
	}
})

// NodeBinPackages returns the npm packages that may provide an executable of
// node_modules/.bin: the development tools' packages, the known renames, and the name
// itself unless the renames say which packages provide it.
func NodeBinPackages(bin string) []string {
	out := append([]string(nil), nodeBinPackages()[bin]...)
	_, renamed := nodeBinPackages()[bin]
	for _, t := range devTools() {
		if t.Ecosystem == "node" && t.Package != "" && contains(t.Programs, bin) && !contains(out, t.Package) {
			out = append(out, t.Package)
		}
	}
	if !contains(out, bin) && !renamed {
		out = append(out, bin)
	}
	return out
}
