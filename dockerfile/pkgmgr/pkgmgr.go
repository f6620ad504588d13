// Package pkgmgr is what dockopt knows about package managers, kept as data: how each is
// invoked, its subcommands and their aliases, the options that take a value and how options
// may be abbreviated, its cache directories and what turns them off, how a package is pinned,
// and its manifests and lockfiles. Every fact carries its Source, so that rule documentation
// can cite it.
//
// On top of the data, Parse reads one shell call (see ParseCommand) and answers which manager
// it runs, which subcommand (normalised), the packages it names with their pins and the
// options it was given (normalised). Rules, the optimizer and the image scanner ask this
// package; none of them parses package-manager command lines itself.
package pkgmgr

import (
	"strings"
	"sync"
)

// Source is where a fact comes from: the tool's own documentation and, where the fact
// depends on it, the version it describes.
type Source struct {
	URL     string
	Version string
}

// Action is what a subcommand does, for the questions rules and recipes ask.
type Action int

const (
	// Other is any subcommand the consumers have no question about (list, show, run...).
	Other Action = iota
	// Install adds packages (apt-get install, pip install, npm ci, go mod download...).
	Install
	// Update refreshes the package index (apt-get update, apk update, zypper refresh).
	Update
	// Upgrade upgrades installed packages (apt-get upgrade, dnf upgrade, npm update).
	Upgrade
	// Remove removes packages.
	Remove
	// Clean removes downloaded packages, metadata or caches.
	Clean
	// Download fetches packages without installing them (pip download, apt-get source).
	Download
	// Build compiles (go build, cargo build).
	Build
)

var actionNames = [...]string{"other", "install", "update", "upgrade", "remove", "clean", "download", "build"}

func (a Action) String() string { return actionNames[a] }

// Subcommand is one subcommand of a manager. Name may be several words ("mod download",
// "pip install", "cache clean"): they are matched against the call's first positional
// arguments.
type Subcommand struct {
	Name    string
	Aliases []string
	Action  Action
	// Packages is true when the positional arguments after the subcommand are packages
	// (install, remove...), false when they are something else (a script name, a path).
	Packages bool
	// Pin overrides the manager's pinning syntax for this subcommand (uv pip install reads
	// pip requirements).
	Pin PinSyntax
	// Source documents the subcommand where the manager's Source does not.
	Source Source
}

// Cache is a directory a manager keeps downloads or build results in.
type Cache struct {
	// Kind names the cache in reports: apt-lists, pip-cache, go-mod-cache...
	Kind string
	// Dir is its default location for root in the official images, the target a BuildKit
	// cache mount should use.
	Dir string
	// Marker, when set, is a path fragment that finds the cache under any home directory or
	// prefix (/.cache/pip); when empty, Dir is a fixed location.
	Marker string
	// DisableOptions are options that stop the manager from writing this cache.
	DisableOptions []string
	// DisableEnv are environment variables that stop it (any non-empty value).
	DisableEnv []string
	// DirOptions and DirEnv move the cache elsewhere.
	DirOptions []string
	DirEnv     []string
	// CleanCommand is the command that empties it, "" when removing the directory is the way.
	CleanCommand string
	Source       Source
	// Mount is how a BuildKit cache mount keeps this cache between builds (nil when dockopt
	// does not write one for it).
	Mount *CacheMount
}

// CacheMount is how to put a cache on a BuildKit cache mount
// (https://docs.docker.com/reference/dockerfile/#run---mounttypecache): RUN --mount needs
// the Dockerfile frontend 1.2 or later, built into Docker 20.10's BuildKit.
type CacheMount struct {
	// Target is the mount's target when it is not the cache's Dir (apt's lists are mounted
	// with their parent, /var/lib/apt, which holds the lock the mount is shared with).
	Target string
	// Sharing is the mount's sharing mode ("" for BuildKit's default, shared; "locked" where
	// two builds must not write the cache at once).
	Sharing string
	// Setup is the shell command that must run before the manager, in the same RUN, for the
	// cache to be kept ("" when none): Debian's docker images delete apt's downloads after
	// each install unless their docker-clean configuration is removed.
	Setup string
	// Options are the install options that make the manager take what the mount holds
	// without asking the registry whether it is still fresh (npm revalidates every cached
	// package document otherwise, so a warm cache saves little). TARGET stands for the
	// mount's target (pnpm --store-dir=TARGET).
	Options []string
	// EnvSub maps a DirEnv variable that names a home the cache is a subdirectory of to
	// that subdirectory (CARGO_HOME: "registry"): the mount goes to $VAR/SUB, never on the
	// home itself, which holds the tool's binaries.
	EnvSub map[string]string
	Source Source
}

// MountFlag is the RUN flag that puts the cache on a BuildKit cache mount,
// "--mount=type=cache,target=DIR[,sharing=MODE]", with DIR where the variables vars (a
// stage's ENV and ARG values; nil for none) put the cache: the first of its DirEnv set to an
// absolute path, else its default. It is "" when the cache has no Mount or vars turn the
// cache off (one of its DisableEnv set).
func (c Cache) MountFlag(vars map[string]string) string {
	if c.Mount == nil {
		return ""
	}
	for _, e := range c.DisableEnv {
		if vars[e] != "" {
			return ""
		}
	}
	t := c.Dir
	if c.Mount.Target != "" {
		t = c.Mount.Target
	}
	for _, e := range c.DirEnv {
		if v := vars[e]; strings.HasPrefix(v, "/") {
			t = v
			if sub := c.Mount.EnvSub[e]; sub != "" {
				t = strings.TrimSuffix(v, "/") + "/" + sub
			}
			break
		}
	}
	s := "--mount=type=cache,target=" + t
	if c.Mount.Sharing != "" {
		s += ",sharing=" + c.Mount.Sharing
	}
	return s
}

// MountFlags are the RUN flags that put the manager's mountable caches on BuildKit cache
// mounts (see Cache.MountFlag), and the setup commands those need; none when no cache
// can be mounted.
func (m *Manager) MountFlags(vars map[string]string) (flags []string, setup []string) {
	flags, setup, _ = m.mounts(vars)
	return flags, setup
}

// MountOptions are the install options that go with the manager's cache mounts
// (CacheMount.Options), none when no cache can be mounted.
func (m *Manager) MountOptions(vars map[string]string) []string {
	_, _, opts := m.mounts(vars)
	return opts
}

func (m *Manager) mounts(vars map[string]string) (flags, setup, opts []string) {
	for _, c := range m.Caches {
		if f := c.MountFlag(vars); f != "" {
			if contains(flags, f) {
				// two caches a variable moved to the same place (yarn's classic and
				// berry caches under YARN_CACHE_FOLDER): one mount
				continue
			}
			flags = append(flags, f)
			if c.Mount.Setup != "" && !contains(setup, c.Mount.Setup) {
				setup = append(setup, c.Mount.Setup)
			}
			target := strings.TrimPrefix(f, "--mount=type=cache,target=")
			target, _, _ = strings.Cut(target, ",")
			for _, o := range c.Mount.Options {
				o = strings.ReplaceAll(o, "TARGET", target)
				if !contains(opts, o) {
					opts = append(opts, o)
				}
			}
		}
	}
	return flags, setup, opts
}

// Insecure is an option that turns a verification off.
type Insecure struct {
	Option string
	// TLS is true when it turns off TLS certificate checks, false for package signatures.
	TLS bool
	// Effect says what it does, for messages ("installs unsigned packages").
	Effect string
	Source Source
}

// Manager is one package manager.
type Manager struct {
	// ID is the manager's stable name: apt, apk, dnf, yum, microdnf, zypper, pip, pipx, uv,
	// poetry, pipenv, npm, yarn, pnpm, gem, bundler, go, cargo, composer, maven, gradle.
	ID string
	// Ecosystem is the package universe: debian, alpine, rpm, suse, python, node, ruby, go,
	// rust, php, java.
	Ecosystem string
	// Programs are the executable names that run it.
	Programs []string
	// VersionedPrograms are names that may carry a version suffix of digits and dots
	// (pip → pip3, pip3.12).
	VersionedPrograms []string
	// Modules are the `python -m MODULE` names that run it.
	Modules []string
	// Via are launcher programs that run it with its name as first argument
	// (corepack pnpm, corepack yarn).
	Via []string
	// Subcommands, the first positional arguments the manager understands.
	Subcommands []Subcommand
	// DefaultAction is the action of a call with no subcommand (`yarn` installs).
	DefaultAction Action
	// ValueOptions are the options (global and of any subcommand) that take a separate value.
	ValueOptions []string
	// LongOptions are further long options without a value, listed for prefix resolution.
	LongOptions []string
	// OptionAliases map an option to its canonical spelling (-g → --global).
	OptionAliases map[string]string
	// LongPrefixes is true when the manager accepts any unambiguous prefix of a long option
	// (Python's optparse and argparse do: pip install --no-cache means --no-cache-dir).
	LongPrefixes bool
	// GroupedShort is true when one-letter options may be grouped (-qqy).
	GroupedShort bool
	// PassThrough is true when the arguments after "--" go to another program (gem's build
	// flags), not to the manager.
	PassThrough bool
	Caches      []Cache
	// Insecure are the options that turn signature or TLS checks off.
	Insecure []Insecure
	// Pin is how a package argument fixes its version.
	Pin PinSyntax
	// Manifests and Lockfiles are the project files a dependency install reads.
	Manifests []string
	Lockfiles []string
	// DevDependencies is how an install leaves the project's development dependencies out
	// (Node managers), nil when the manager has no such notion here.
	DevDependencies *DevDependencies
	// VenvInstall is how a Python project manager installs into a virtualenv it is given
	// (poetry, pipenv, uv), nil for the others.
	VenvInstall *VenvInstall
	Source      Source

	// subWords are the words of every subcommand name and alias, split once.
	subWords []subWords
}

type subWords struct {
	words []string
	sub   *Subcommand
}

// Subcommand returns the manager's subcommand named name (or an alias of it).
func (m *Manager) Subcommand(name string) (*Subcommand, bool) {
	for i := range m.Subcommands {
		s := &m.Subcommands[i]
		if s.Name == name || contains(s.Aliases, name) {
			return s, true
		}
	}
	return nil, false
}

// IsProgram reports whether an executable name runs this manager (version suffixes included).
func (m *Manager) IsProgram(name string) bool {
	if contains(m.Programs, name) {
		return true
	}
	for _, p := range m.VersionedPrograms {
		if name == p || strings.HasPrefix(name, p) && isVersion(name[len(p):]) {
			return true
		}
	}
	return false
}

// Cache returns the manager's cache of the given kind.
func (m *Manager) Cache(kind string) (Cache, bool) {
	for _, c := range m.Caches {
		if c.Kind == kind {
			return c, true
		}
	}
	return Cache{}, false
}

// Managers returns every manager, in a fixed order.
func Managers() []*Manager { return reg().all }

// ByID returns the manager with the given ID.
func ByID(id string) *Manager { return reg().byID[id] }

// ForProgram returns the manager an executable name runs directly, nil when none.
func ForProgram(name string) *Manager {
	r := reg()
	if m := r.byProgram[name]; m != nil {
		return m
	}
	if m := r.byVersioned[name]; m != nil {
		return m
	}
	if i := strings.IndexAny(name, "0123456789"); i > 0 && isVersion(name[i:]) {
		if m := r.byVersioned[name[:i]]; m != nil {
			return m
		}
	}
	return nil
}

// Lockfiles returns the lockfiles of an ecosystem's managers, in the managers' order.
func Lockfiles(ecosystem string) []string {
	var out []string
	for _, m := range reg().all {
		if m.Ecosystem == ecosystem {
			for _, l := range m.Lockfiles {
				if !contains(out, l) {
					out = append(out, l)
				}
			}
		}
	}
	return out
}

// Caches returns the caches of every manager, in the managers' order.
func Caches() []Cache {
	var out []Cache
	for _, m := range reg().all {
		out = append(out, m.Caches...)
	}
	return out
}

// registry indexes the managers. It is built on first use, not at start-up: every command
// links this package, few use it.
type registry struct {
	all         []*Manager
	byID        map[string]*Manager
	byProgram   map[string]*Manager
	byVersioned map[string]*Manager
	byModule    map[string]*Manager
	byVia       map[string]map[string]*Manager
}

// registryBuilt is set when reg first runs; a test checks that no package's initialisation
// builds the registry (start-up would pay for it in every command).
var registryBuilt bool

var reg = sync.OnceValue(func() *registry {
	registryBuilt = true
	r := &registry{byID: map[string]*Manager{}, byProgram: map[string]*Manager{}, byVersioned: map[string]*Manager{},
		byModule: map[string]*Manager{}, byVia: map[string]map[string]*Manager{}}
	r.register(osManagers()...)
	r.register(pythonManagers()...)
	r.register(nodeManagers()...)
	r.register(langManagers()...)
	r.register(javaManagers()...)
	return r
})

func (r *registry) register(ms ...*Manager) {
	for _, m := range ms {
		r.all = append(r.all, m)
		r.byID[m.ID] = m
		for i := range m.Subcommands {
			sub := &m.Subcommands[i]
			for _, n := range append([]string{sub.Name}, sub.Aliases...) {
				m.subWords = append(m.subWords, subWords{strings.Fields(n), sub})
			}
		}
		for _, p := range m.Programs {
			r.byProgram[p] = m
		}
		for _, p := range m.VersionedPrograms {
			r.byVersioned[p] = m
		}
		for _, p := range m.Modules {
			r.byModule[p] = m
		}
		for _, v := range m.Via {
			if r.byVia[v] == nil {
				r.byVia[v] = map[string]*Manager{}
			}
			for _, p := range m.Programs {
				r.byVia[v][p] = m
			}
		}
	}
}

// isVersion reports whether s is a version suffix: digits and dots, starting with a digit.
func isVersion(s string) bool {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	return strings.Trim(s, "0123456789.") == ""
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
