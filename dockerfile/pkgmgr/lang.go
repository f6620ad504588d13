package pkgmgr

// The language toolchains' package managers: Ruby, Go, Rust and PHP.

var (
	gemSource      = Source{URL: "https://guides.rubygems.org/command-reference/#gem-install", Version: "RubyGems 3.5"}
	bundlerSource  = Source{URL: "https://bundler.io/man/bundle-install.1.html", Version: "Bundler 2.5"}
	goSource       = Source{URL: "https://pkg.go.dev/cmd/go", Version: "go 1.23"}
	cargoSource    = Source{URL: "https://doc.rust-lang.org/cargo/commands/", Version: "cargo 1.83"}
	composerSource = Source{URL: "https://getcomposer.org/doc/03-cli.md", Version: "composer 2.8"}
)

func langManagers() []*Manager {
	return []*Manager{gem(), bundler(), goTool(), cargo(), composer()}
}

func gem() *Manager {
	return &Manager{
		ID: "gem", Ecosystem: "ruby",
		Programs: []string{"gem"},
		Subcommands: []Subcommand{
			{Name: "install", Aliases: []string{"i"}, Action: Install, Packages: true},
			{Name: "update", Action: Upgrade, Packages: true},
			{Name: "uninstall", Action: Remove, Packages: true},
			{Name: "cleanup", Action: Clean},
		},
		ValueOptions: []string{"-v", "--version", "-i", "--install-dir", "-n", "--bindir", "-s", "--source",
			"-P", "--trust-policy", "--platform", "-g", "--file", "--build-root", "--document", "-p", "--http-proxy"},
		LongOptions:   []string{"--no-document", "--no-doc", "--no-ri", "--no-rdoc", "--conservative", "--minimal-deps"},
		OptionAliases: map[string]string{"-N": "--no-document", "-v": "--version", "-i": "--install-dir", "-s": "--source"},
		PassThrough:   true, // gem install GEM -- --build-flags
		Caches: []Cache{{Kind: "gem-cache", Dir: "/usr/local/bundle/cache", Marker: "/bundle/cache",
			Source: Source{URL: "https://bundler.io/man/bundle-config.1.html", Version: "Bundler 2.5"}}},
		Pin:    GemPin,
		Source: gemSource,
	}
}

func bundler() *Manager {
	return &Manager{
		ID: "bundler", Ecosystem: "ruby",
		Programs: []string{"bundle", "bundler"},
		Subcommands: []Subcommand{
			{Name: "install", Action: Install},
			{Name: "update", Action: Upgrade, Packages: true},
			{Name: "clean", Action: Clean},
		},
		DefaultAction: Install,
		ValueOptions:  []string{"--path", "--without", "--with", "--jobs", "-j", "--retry", "--gemfile"},
		LongOptions:   []string{"--deployment", "--frozen", "--no-cache", "--local"},
		Manifests:     []string{"Gemfile"},
		Lockfiles:     []string{"Gemfile.lock"},
		Source:        bundlerSource,
	}
}

func goTool() *Manager {
	return &Manager{
		ID: "go", Ecosystem: "go",
		Programs: []string{"go"},
		Subcommands: []Subcommand{
			{Name: "install", Action: Install, Packages: true,
				Source: Source{URL: "https://go.dev/ref/mod#go-install", Version: "go 1.23"}},
			{Name: "get", Action: Install, Packages: true,
				Source: Source{URL: "https://go.dev/ref/mod#go-get", Version: "go 1.23"}},
			{Name: "mod download", Action: Download, Packages: true,
				Source: Source{URL: "https://go.dev/ref/mod#go-mod-download", Version: "go 1.23"}},
			{Name: "build", Action: Build},
			{Name: "run", Action: Other},
			{Name: "clean", Action: Clean},
		},
		ValueOptions: []string{"-o", "-ldflags", "-gcflags", "-asmflags", "-tags", "-p", "-mod", "-modfile", "-C",
			"-pkgdir", "-toolexec", "-buildmode", "-compiler", "-installsuffix", "-overlay", "-pgo", "-gccgoflags"},
		Caches: []Cache{
			{Kind: "go-build-cache", Dir: "/root/.cache/go-build", Marker: "/.cache/go-build", DirEnv: []string{"GOCACHE"},
				CleanCommand: "go clean -cache", Source: Source{URL: "https://pkg.go.dev/cmd/go#hdr-Build_and_test_caching", Version: "go 1.23"}, Mount: buildCacheMount},
			{Kind: "go-mod-cache", Dir: "/go/pkg/mod", Marker: "/go/pkg/mod", DirEnv: []string{"GOMODCACHE", "GOPATH"},
				CleanCommand: "go clean -modcache", Source: Source{URL: "https://go.dev/ref/mod#module-cache", Version: "go 1.23"}, Mount: buildCacheMount},
		},
		Pin:       GoPin,
		Manifests: []string{"go.mod"},
		Lockfiles: []string{"go.sum"},
		Source:    goSource,
	}
}

func cargo() *Manager {
	return &Manager{
		ID: "cargo", Ecosystem: "rust",
		Programs: []string{"cargo"},
		Subcommands: []Subcommand{
			{Name: "install", Action: Install, Packages: true},
			{Name: "fetch", Action: Download},
			{Name: "build", Aliases: []string{"b"}, Action: Build},
			{Name: "clean", Action: Clean},
		},
		ValueOptions: []string{"--version", "--vers", "--git", "--branch", "--tag", "--rev", "--path", "--root",
			"--target", "--target-dir", "--features", "-F", "--profile", "-j", "--jobs", "--manifest-path",
			"-p", "--package", "--bin", "--example", "--registry", "--index", "--config", "-Z"},
		LongOptions: []string{"--locked", "--frozen", "--offline", "--release", "--all-features", "--no-default-features", "--force"},
		Caches: []Cache{{Kind: "cargo-registry", Dir: "/usr/local/cargo/registry", Marker: "/cargo/registry",
			DirEnv: []string{"CARGO_HOME"}, Source: Source{URL: "https://doc.rust-lang.org/cargo/guide/cargo-home.html", Version: "cargo 1.83"},
			// the registry only, never CARGO_HOME (its bin/ holds cargo in the rust image) nor
			// the target directory (buildoutput.go: a binary copied from it afterwards would
			// be on the mount, not in the layer)
			Mount: &CacheMount{EnvSub: map[string]string{"CARGO_HOME": "registry"},
				Source: Source{URL: "https://doc.rust-lang.org/cargo/guide/cargo-home.html#caching-the-cargo-home-in-ci", Version: "cargo 1.83 (the rust image's CARGO_HOME is /usr/local/cargo)"}}}},
		Pin:       CargoPin,
		Manifests: []string{"Cargo.toml"},
		Lockfiles: []string{"Cargo.lock"},
		Source:    cargoSource,
	}
}

func composer() *Manager {
	return &Manager{
		ID: "composer", Ecosystem: "php",
		Programs: []string{"composer", "composer.phar"},
		Subcommands: []Subcommand{
			{Name: "install", Aliases: []string{"i"}, Action: Install},
			{Name: "require", Aliases: []string{"r"}, Action: Install, Packages: true},
			{Name: "update", Aliases: []string{"u", "upgrade"}, Action: Upgrade, Packages: true},
			{Name: "remove", Aliases: []string{"rm"}, Action: Remove, Packages: true},
			{Name: "clear-cache", Aliases: []string{"clearcache", "cc"}, Action: Clean},
		},
		ValueOptions: []string{"-d", "--working-dir"},
		LongOptions:  []string{"--no-dev", "--no-interaction", "--prefer-dist", "--no-scripts", "--no-autoloader", "--optimize-autoloader", "--no-cache"},
		Caches: []Cache{{Kind: "composer-cache", Dir: "/root/.composer/cache", Marker: "/.composer/cache",
			DisableOptions: []string{"--no-cache"}, DirEnv: []string{"COMPOSER_CACHE_DIR"},
			CleanCommand: "composer clear-cache", Source: Source{URL: "https://getcomposer.org/doc/06-config.md#cache-dir", Version: "composer 2.8"}}},
		Pin:       ComposerPin,
		Manifests: []string{"composer.json"},
		Lockfiles: []string{"composer.lock"},
		Source:    composerSource,
	}
}

// GoImagePATH is the PATH of the golang images: GOPATH's bin and the toolchain's before
// Debian's default PATH (the image's Dockerfile, docker-library/golang: `ENV PATH
// /usr/local/go/bin:$PATH`, `ENV GOPATH /go`, `ENV PATH $GOPATH/bin:$PATH`).
var GoImagePATH = []string{"/go/bin", "/usr/local/go/bin", "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"}
