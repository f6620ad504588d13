package pkgmgr

import (
	"strings"
	"sync"
)

// PinSyntax is how a manager's package argument names a version.
type PinSyntax int

const (
	// NoPin: the manager's arguments are not packages with versions.
	NoPin PinSyntax = iota
	// AptPin: pkg=version or pkg/release (Debian, Ubuntu).
	AptPin
	// ApkPin: pkg=version, pkg~version, pkg>version, pkg<version (Alpine).
	ApkPin
	// RpmPin: pkg-version or pkg-version-release (dnf, yum, microdnf, tdnf).
	RpmPin
	// ZypperPin: pkg=version, pkg>=version, pkg<version (zypper).
	ZypperPin
	// PipPin: a PEP 508 requirement, pkg==version, pkg>=version, pkg~=version, pkg @ url.
	PipPin
	// PoetryPin: pkg@version or pkg==version (poetry add).
	PoetryPin
	// NpmPin: pkg@version, @scope/pkg@version (npm, yarn, pnpm).
	NpmPin
	// GemPin: gem:version (or the -v option).
	GemPin
	// GoPin: module/path@version.
	GoPin
	// CargoPin: crate@version (or the --version option).
	CargoPin
	// ComposerPin: vendor/pkg:version.
	ComposerPin
)

// PinSource documents each pinning syntax.
var PinSource = map[PinSyntax]Source{
	AptPin:      {URL: "https://manpages.debian.org/bookworm/apt/apt-get.8.en.html", Version: "apt 2.6"},
	ApkPin:      {URL: "https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Add_a_Package", Version: "apk-tools 2"},
	RpmPin:      {URL: "https://dnf.readthedocs.io/en/latest/command_ref.html#specifying-packages-label", Version: "dnf 4"},
	ZypperPin:   {URL: "https://en.opensuse.org/SDB:Zypper_manual", Version: "zypper 1.14"},
	PipPin:      {URL: "https://pip.pypa.io/en/stable/reference/requirement-specifiers/", Version: "pip 24"},
	PoetryPin:   {URL: "https://python-poetry.org/docs/cli/#add", Version: "poetry 1.8"},
	NpmPin:      {URL: "https://docs.npmjs.com/cli/v10/commands/npm-install", Version: "npm 10"},
	GemPin:      {URL: "https://guides.rubygems.org/command-reference/#gem-install", Version: "RubyGems 3.5"},
	GoPin:       {URL: "https://go.dev/ref/mod#go-install", Version: "go 1.23"},
	CargoPin:    {URL: "https://doc.rust-lang.org/cargo/commands/cargo-install.html", Version: "cargo 1.83"},
	ComposerPin: {URL: "https://getcomposer.org/doc/03-cli.md#require-r", Version: "composer 2.8"},
}

// pinForms say how each syntax writes a version, for documentation.
var pinForms = sync.OnceValue(func() map[PinSyntax]string {
	return map[PinSyntax]string{
		AptPin: "`pkg=version`, `pkg/release`", ApkPin: "`pkg=version`, `pkg~version`, `pkg>version`, `pkg<version`",
		RpmPin: "`pkg-version`, `pkg-version-release`", ZypperPin: "`pkg=version`, `pkg>=version`, `pkg<version`",
		PipPin:    "`pkg==version`, `pkg>=version`, `pkg~=version`, `pkg @ URL` (PEP 508)",
		PoetryPin: "`pkg@version`, `pkg==version`", NpmPin: "`pkg@version`, `@scope/pkg@version`",
		GemPin: "`gem:version` or `-v version`", GoPin: "`module/path@version`",
		CargoPin: "`crate@version` or `--version version`", ComposerPin: "`vendor/pkg:version`",
	}
})

// Forms returns how the syntax writes a version (Markdown), "" for NoPin.
func (p PinSyntax) Forms() string { return pinForms()[p] }

// Package is one package argument of an install.
type Package struct {
	// Arg is the argument as written.
	Arg string
	// Name is the package name, without version, extras or architecture.
	Name string
	// Version is what follows the pin operator ("" when none).
	Version string
	// Pinned is true when the argument fixes the version, or does not come from the
	// registry (a path, a file, a URL, a word built from a variable).
	Pinned bool
	// Local is true for a path, a file or a URL instead of a registry name.
	Local bool
}

// ParsePackage reads one package argument in the given syntax.
func ParsePackage(syn PinSyntax, arg string) Package {
	p := Package{Arg: arg, Name: arg}
	if hasVar(arg) {
		p.Pinned = true
	}
	switch syn {
	case AptPin:
		p.Local = strings.HasSuffix(arg, ".deb") || strings.HasPrefix(arg, "/") || strings.HasPrefix(arg, ".")
		if !p.Local {
			p.Name, p.Version = cutAny(arg, "=/")
			p.Name, _, _ = strings.Cut(p.Name, ":") // pkg:arch
		}
		p.Pinned = p.Pinned || strings.ContainsAny(arg, "=/") || strings.HasSuffix(arg, ".deb")
	case ApkPin:
		p.Name, p.Version = cutAny(arg, "=~<>")
		p.Local = strings.HasSuffix(arg, ".apk") || strings.HasPrefix(arg, ".")
		p.Pinned = p.Pinned || strings.ContainsAny(arg, "=~<>") || p.Local
	case ZypperPin:
		p.Name, p.Version = cutAny(arg, "=<>")
		p.Pinned = p.Pinned || p.Version != ""
	case RpmPin:
		p.Name, p.Version = rpmSplit(arg)
		p.Local = strings.HasSuffix(arg, ".rpm")
		p.Pinned = p.Pinned || p.Version != "" || p.Local
	case PipPin, PoetryPin:
		pipPackage(&p)
	case NpmPin:
		npmPackage(&p)
	case GemPin:
		var ok bool
		p.Name, p.Version, ok = strings.Cut(arg, ":")
		p.Local = strings.HasSuffix(arg, ".gem")
		p.Pinned = p.Pinned || ok || p.Local
	case GoPin:
		var ok bool
		p.Name, p.Version, ok = strings.Cut(arg, "@")
		first, _, _ := strings.Cut(p.Name, "/")
		// a relative or absolute path, a standard-library or module-local package, or a source
		// file of the current directory (go run make.go)
		p.Local = strings.HasPrefix(p.Name, ".") || strings.HasPrefix(p.Name, "/") || !strings.Contains(first, ".") ||
			!ok && first == p.Name && strings.HasSuffix(p.Name, ".go")
		p.Pinned = p.Pinned || p.Local || ok && !floatingGoVersion[p.Version]
	case CargoPin:
		p.Name, p.Version, _ = strings.Cut(arg, "@")
		p.Pinned = p.Pinned || p.Version != ""
	case ComposerPin:
		p.Name, p.Version, _ = strings.Cut(arg, ":")
		p.Pinned = p.Pinned || p.Version != "" && p.Version != "*"
	}
	return p
}

// floatingGoVersion are go install/get version queries that follow a branch, not a release.
var floatingGoVersion = map[string]bool{"latest": true, "master": true, "main": true, "HEAD": true}

// pipOperators are PEP 440 version operators, and the @ of a direct reference.
var pipOperators = []string{"==", ">=", "<=", "~=", "!=", "<", ">", "@"}

func pipPackage(p *Package) {
	arg := p.Arg
	p.Local = strings.Contains(arg, "/") || strings.HasPrefix(arg, ".") || strings.HasSuffix(arg, ".whl") ||
		strings.HasSuffix(arg, ".tar.gz") || strings.HasSuffix(arg, ".zip")
	name := arg
	if i := strings.IndexAny(name, "[;=<>~!@ "); i >= 0 {
		name = name[:i]
	}
	p.Name = strings.ToLower(name)
	for _, op := range pipOperators {
		if i := strings.Index(arg, op); i >= 0 {
			p.Version = strings.TrimSpace(arg[i:])
			p.Pinned = true
			break
		}
	}
	p.Pinned = p.Pinned || p.Local
	if url, ok := pipVCSURL(arg); ok {
		// a VCS requirement follows a branch unless the URL names a ref:
		// git+https://host/repo.git@v1.2#egg=name (pip's VCS support)
		p.Pinned = hasVar(arg) || vcsRef(url)
		if url == arg { // the name is the #egg= fragment's, else the URL
			p.Name = arg
			if _, egg, ok := strings.Cut(arg, "#egg="); ok {
				p.Name, _, _ = strings.Cut(strings.ToLower(egg), "&")
			}
		}
	}
}

// pipVCSSchemes are the VCS prefixes pip accepts in a requirement.
// Source: https://pip.pypa.io/en/stable/topics/vcs-support/ (pip 24).
var pipVCSSchemes = []string{"git+", "hg+", "svn+", "bzr+"}

// pipVCSURL returns the VCS URL of a requirement written as the URL (git+https://...) or
// as a PEP 508 direct reference (name @ git+https://...).
func pipVCSURL(arg string) (string, bool) {
	url := arg
	if _, after, ok := strings.Cut(arg, "@ "); ok {
		url = strings.TrimSpace(after)
	}
	for _, pre := range pipVCSSchemes {
		if strings.HasPrefix(url, pre) {
			return url, true
		}
	}
	return "", false
}

// vcsRef reports whether a pip VCS URL names a revision: an @ in the path, after the host
// (an @ before the host is a user name).
func vcsRef(url string) bool {
	url, _, _ = strings.Cut(url, "#")
	_, rest, ok := strings.Cut(url, "://")
	if !ok {
		rest = url
	}
	_, path, ok := strings.Cut(rest, "/")
	if !ok {
		return false
	}
	i := strings.LastIndexByte(path, '@')
	return i >= 0 && i < len(path)-1
}

func npmPackage(p *Package) {
	spec := p.Arg
	for _, pre := range []string{"/", "./", "../", "~/", "file:", "http://", "https://", "git:", "git+", "github:"} {
		if strings.HasPrefix(spec, pre) {
			p.Local = true
			// a git URL is pinned only by a #commit-ish
			p.Pinned = p.Pinned || !strings.HasPrefix(pre, "git") || strings.Contains(spec, "#")
			return
		}
	}
	for _, suf := range []string{".tgz", ".tar.gz", ".tar"} {
		if strings.HasSuffix(spec, suf) {
			p.Local, p.Pinned = true, true
			return
		}
	}
	name := strings.TrimPrefix(spec, "@")
	n, ver, ok := strings.Cut(name, "@")
	p.Name = spec[:len(spec)-len(name)] + n
	if ok {
		p.Version = ver
	}
	p.Pinned = p.Pinned || ok && ver != "" && ver != "latest" && ver != "*"
}

// rpmSplit splits name-version(-release) where the version starts with a digit.
func rpmSplit(arg string) (name, version string) {
	for i := 0; i+1 < len(arg); i++ {
		if arg[i] == '-' && arg[i+1] >= '0' && arg[i+1] <= '9' {
			return arg[:i], arg[i+1:]
		}
	}
	return arg, ""
}

func cutAny(s, seps string) (before, after string) {
	if i := strings.IndexAny(s, seps); i > 0 {
		return s[:i], strings.TrimLeft(s[i:], seps)
	}
	return s, ""
}

// hasVar reports whether a word holds a shell variable or substitution.
func hasVar(s string) bool { return strings.ContainsAny(s, "$`") }
