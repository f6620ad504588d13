package app

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/containerd/platforms"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/config"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// ParseBuildArgs reads --build-arg values: NAME=VALUE, or NAME alone for the environment's
// value (skipped when it is not set, as docker build does).
func ParseBuildArgs(list []string) (map[string]string, error) {
	out := map[string]string{}
	for _, kv := range list {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			if env, set := os.LookupEnv(k); set {
				v = env
			} else {
				continue
			}
		}
		if k == "" {
			return nil, Inputf("--build-arg %q: want NAME=VALUE", kv)
		}
		out[k] = v
	}
	return out, nil
}

// ParsePlatforms reads --platform: platforms separated by commas, each os/arch[/variant] as
// `docker buildx build --platform` takes them (read with containerd's platforms package, which
// BuildKit uses), normalised ("linux/x86_64" is linux/amd64). An empty list is nil.
func ParsePlatforms(list string) ([]string, error) {
	var out []string
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := platforms.Parse(s)
		if err != nil {
			return nil, Inputf("--platform %q: %v (want os/arch[/variant], e.g. linux/arm64)", s, err)
		}
		// containerd's parser takes any os and architecture words; an image platform is a
		// GOOS/GOARCH pair (OCI image index, https://github.com/opencontainers/image-spec/blob/main/image-index.md)
		if !slices.Contains(knownOS, p.OS) {
			return nil, Inputf("--platform %q: unknown operating system %q (one of %s)", s, p.OS, strings.Join(knownOS, ", "))
		}
		if !slices.Contains(knownArch, p.Architecture) {
			return nil, Inputf("--platform %q: unknown architecture %q (one of %s)", s, p.Architecture, strings.Join(knownArch, ", "))
		}
		if !slices.Contains(out, platforms.Format(p)) {
			out = append(out, platforms.Format(p))
		}
	}
	return out, nil
}

// knownOS and knownArch are Go's GOOS and GOARCH values (`go tool dist list`, Go 1.26), which
// the OCI image spec uses for a platform's os and architecture.
var (
	knownOS   = []string{"aix", "android", "darwin", "dragonfly", "freebsd", "illumos", "ios", "js", "linux", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows"}
	knownArch = []string{"386", "amd64", "arm", "arm64", "loong64", "mips", "mips64", "mips64le", "mipsle", "ppc64", "ppc64le", "riscv64", "s390x", "wasm"}
)

// ParseHealthPath checks --health-path: an HTTP path from the root ("/health", "/api/ping?x=1"),
// written into the HEALTHCHECK's probe inside a quoted string, so only the characters of a
// URL path and query (RFC 3986: letters, digits, -._~!$&()*+,;=:@/?% with %XX escapes) are
// taken; a quote, a backslash or a space is an input error that says to percent-encode it.
func ParseHealthPath(p string) error {
	if p == "" {
		return nil
	}
	if !strings.HasPrefix(p, "/") {
		return Inputf("--health-path %q: an HTTP path starts with / (e.g. /health)", p)
	}
	for i, r := range p {
		ok := r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._~!$&()*+,;=:@/?%", r))
		if !ok {
			return Inputf("--health-path %q: %q at byte %d is not taken in a URL path (percent-encode it, e.g. %%20 for a space)", p, r, i+1)
		}
		if r == '%' && (i+2 >= len(p) || !isHex(p[i+1]) || !isHex(p[i+2])) {
			return Inputf("--health-path %q: %% at byte %d does not start a %%XX escape", p, i+1)
		}
	}
	return nil
}

func isHex(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F'
}

// LoadConfig reads the configuration file at path, or the one found from the current
// directory (.dockopt.yaml, else .hadolint.yaml), or the defaults.
func LoadConfig(path string) (*config.Config, error) {
	if path == "" {
		path = config.Find(".")
	}
	if path == "" {
		return config.Default(), nil
	}
	c, err := config.Load(path)
	if err != nil {
		return nil, AsInput(err)
	}
	return c, nil
}

// ResolveRules finds the rules the keys name (rules.Resolve: dockopt IDs or names, hadolint
// codes, BuildKit check names). For --ignore, a hadolint or ShellCheck code dockopt has no rule for is
// skipped, as in a hadolint configuration file, so a migrated `hadolint --ignore` line keeps
// working; any other unknown key is an input error naming flag.
func ResolveRules(keys []string, flag string) ([]*rule.Rule, error) {
	var out []*rule.Rule
	for _, k := range keys {
		rs := rules.Resolve(k)
		if len(rs) == 0 && flag == "--ignore" && config.IsHadolintCode(k) {
			continue
		}
		if len(rs) == 0 {
			return nil, Inputf("%s %q: unknown rule (see `dockopt rules`)", flag, k)
		}
		if flag == "--rule" {
			// image rules have no check lint or fix could run: selecting only them would run
			// nothing and report a clean file
			var dockerfileRules []*rule.Rule
			for _, r := range rs {
				if r.Target != rule.ImageTarget {
					dockerfileRules = append(dockerfileRules, r)
				}
			}
			if len(dockerfileRules) == 0 {
				return nil, Inputf("%s %q: %s is checked on a built image, by `dockopt inspect`", flag, k, rs[0].ID)
			}
			rs = dockerfileRules
		}
		out = append(out, rs...)
	}
	return out, nil
}

// EnableRules turns on, in cfg, the opt-in rules --enable names (keys, as --rule takes them)
// and, with all (--all-rules), every opt-in rule. An unknown key is an input error.
func EnableRules(cfg *config.Config, keys []string, all bool) error {
	rs, err := ResolveRules(keys, "--enable")
	if err != nil {
		return err
	}
	for _, r := range rs {
		cfg.Enabled[r] = true
	}
	cfg.AllRules = cfg.AllRules || all
	return nil
}

// Source is a Dockerfile as read, with its build context.
type Source struct {
	// Path is the Dockerfile's path as given ("-" for standard input).
	Path string
	// Bytes are its content (at most lint.MaxReadBytes are read: a larger file is an error).
	Bytes []byte
	// Context is the build context scanned for it (nil without one: --no-context, stdin).
	Context *buildctx.Context
}

// ReadSource reads the Dockerfile at path ("-": stdin) as lint reads it, with its build
// context (contextDir, or the Dockerfile's directory when "") taken from contexts, which
// scans each directory once for all its Dockerfiles, as lint does; nil contexts: no build
// context (--no-context).
func ReadSource(path string, stdin io.Reader, contextDir string, contexts *buildctx.Cache) (*Source, error) {
	src, ferr := lint.ReadSource(path, stdin)
	if ferr != nil {
		return nil, ferr
	}
	s := &Source{Path: path, Bytes: src}
	if contexts != nil && path != "-" {
		ctx, err := contexts.Context(contextOf(path, contextDir))
		if err != nil {
			return nil, err
		}
		s.Context = ctx
	}
	return s, nil
}

// contextOf is the build context of the Dockerfile at path (contextDir, or its directory)
// and the Dockerfile's name relative to it.
func contextOf(path, contextDir string) (dir, name string) {
	dir = contextDir
	if dir == "" {
		dir = filepath.Dir(path)
	}
	name, err := filepath.Rel(dir, path)
	if err != nil {
		name = filepath.Base(path)
	}
	return dir, name
}

// Project is a Dockerfile in a build context directory, read, scanned and parsed: what
// optimize and measure start from.
type Project struct {
	Source
	// Dir is the build context directory; Name the Dockerfile's path relative to it.
	Dir, Name string
	// File is the parsed Dockerfile; BuildArgs resolved its ARGs.
	File      *dockerfile.File
	BuildArgs map[string]string
}

// checkContextDir says why dir cannot be a build context: it does not exist, or it is a file
// (a user who gives the Dockerfile itself is told how to name it).
func checkContextDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case err == nil && st.IsDir():
		return nil
	case err == nil && st.Mode().IsRegular():
		return Inputf("%s: a file, not a build context directory: give its directory and name the Dockerfile with -f (optimize) or --original (measure)", dir)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return Inputf("%s: no such build context directory", dir)
	}
	if err != nil {
		return Inputf("%s: %v", dir, err)
	}
	return Inputf("%s: not a directory", dir)
}

// Load reads DIR/name as lint reads it (bounded, so a huge file or a device is refused),
// scans DIR as its build context and parses it. Every failure is an *InputError.
func Load(dir, name string, buildArgs map[string]string) (*Project, error) {
	if err := checkContextDir(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, name)
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, Inputf("%s: no Dockerfile (use -f to name another)", path)
	}
	if err == nil && st.Mode()&fs.ModeNamedPipe != 0 {
		// a FIFO: reading it would wait for a writer (a device is read up to the size limit)
		return nil, Inputf("%s: a named pipe, not a Dockerfile", path)
	}
	return loadPath(dir, path, name, buildArgs)
}

// loadPath loads the Dockerfile at path with dir as its build context; name is its path
// relative to dir ("" when it is elsewhere: then the context has no Dockerfile-specific
// ignore file).
func loadPath(dir, path, name string, buildArgs map[string]string) (*Project, error) {
	src, ferr := lint.ReadSource(path, nil)
	if ferr != nil {
		return nil, AsInput(ferr)
	}
	f, err := dockerfile.Parse(path, src, dockerfile.Options{BuildArgs: buildArgs})
	if err != nil {
		return nil, AsInput(err)
	}
	ctx, err := buildctx.Scan(dir, name)
	if err != nil {
		return nil, AsInput(err)
	}
	return &Project{Source: Source{Path: path, Bytes: src, Context: ctx}, Dir: dir, Name: name, File: f, BuildArgs: buildArgs}, nil
}
