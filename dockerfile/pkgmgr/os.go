package pkgmgr

// The distributions' package managers.

var (
	aptSource    = Source{URL: "https://manpages.debian.org/bookworm/apt/apt-get.8.en.html", Version: "apt 2.6 (Debian 12)"}
	apkSource    = Source{URL: "https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper", Version: "apk-tools 2"}
	dnfSource    = Source{URL: "https://dnf.readthedocs.io/en/latest/command_ref.html", Version: "dnf 4"}
	dnf5Source   = Source{URL: "https://dnf5.readthedocs.io/en/latest/commands/index.html", Version: "dnf5 5.2"}
	zypperSource = Source{URL: "https://en.opensuse.org/SDB:Zypper_manual", Version: "zypper 1.14"}
)

func osManagers() []*Manager {
	return []*Manager{apt(), apk(), rpmManager("dnf", []string{"dnf", "dnf-3"}, dnfCaches(), dnfSource),
		rpmManager("dnf5", []string{"dnf5"}, dnf5Caches(), dnf5Source),
		rpmManager("yum", []string{"yum"}, yumCaches(), Source{URL: "https://man7.org/linux/man-pages/man8/yum.8.html"}),
		rpmManager("microdnf", []string{"microdnf"}, microdnfCaches(),
			Source{URL: "https://github.com/rpm-software-management/microdnf", Version: "microdnf 3"}),
		rpmManager("tdnf", []string{"tdnf"}, tdnfCaches(), Source{URL: "https://github.com/vmware/tdnf/wiki"}),
		zypper()}
}

func apt() *Manager {
	return &Manager{
		ID: "apt", Ecosystem: "debian",
		Programs: []string{"apt-get", "apt", "aptitude"},
		Subcommands: []Subcommand{
			{Name: "install", Action: Install, Packages: true},
			{Name: "reinstall", Action: Install, Packages: true},
			{Name: "build-dep", Action: Install}, // operands are source packages
			{Name: "source", Action: Download},
			{Name: "download", Action: Other},
			{Name: "update", Action: Update},
			{Name: "upgrade", Action: Upgrade, Packages: true},
			{Name: "dist-upgrade", Action: Upgrade},
			{Name: "full-upgrade", Action: Upgrade},
			{Name: "remove", Action: Remove, Packages: true},
			{Name: "purge", Action: Remove, Packages: true},
			{Name: "autoremove", Aliases: []string{"auto-remove"}, Action: Remove, Packages: true},
			{Name: "clean", Action: Clean},
			{Name: "autoclean", Aliases: []string{"auto-clean"}, Action: Clean},
			// distclean (alias dist-clean) also removes the lists: added in apt 2.7.8
			{Name: "distclean", Aliases: []string{"dist-clean"}, Action: Clean,
				Source: Source{URL: "https://manpages.debian.org/trixie/apt/apt-get.8.en.html", Version: "apt 2.7.8"}},
		},
		ValueOptions: []string{"-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release"},
		LongOptions: []string{"--yes", "--assume-yes", "--no-install-recommends", "--install-recommends",
			"--no-install-suggests", "--allow-unauthenticated", "--allow-downgrades", "--allow-remove-essential",
			"--allow-change-held-packages", "--fix-missing", "--fix-broken", "--quiet", "--auto-remove", "--purge"},
		OptionAliases: map[string]string{"-y": "--yes", "--assume-yes": "--yes", "-q": "--quiet",
			"-f": "--fix-broken", "-m": "--fix-missing", "--autoremove": "--auto-remove"},
		GroupedShort: true,
		Insecure: []Insecure{
			{Option: "--allow-unauthenticated", Effect: "installs unsigned packages", Source: aptSource},
			{Option: "--allow-insecure-repositories", Effect: "uses unsigned repositories", Source: aptSource},
			{Option: "--force-yes", Effect: "installs unauthenticated packages without asking", Source: aptSource},
		},
		Caches: []Cache{
			{Kind: "apt-lists", Dir: "/var/lib/apt/lists", CleanCommand: "rm -rf /var/lib/apt/lists/*", Source: aptSource, Mount: aptMount("/var/lib/apt")},
			{Kind: "apt-cache", Dir: "/var/cache/apt", CleanCommand: "apt-get clean", Source: aptSource, Mount: aptMount("")},
		},
		Pin:    AptPin,
		Source: aptSource,
	}
}

// buildCacheMount is a plain cache mount on the cache's Dir, as Docker's build cache guide
// writes them for pip, npm, yarn, pnpm, go and cargo.
var buildCacheMount = &CacheMount{Source: Source{URL: "https://docs.docker.com/build/cache/optimize/#use-cache-mounts", Version: "Dockerfile frontend 1.2 (Docker 20.10)"}}

// aptMount is how apt's caches go on cache mounts, as Docker's reference shows it: both
// locked (apt takes a lock on each; two builds must not share them at once), and Debian's
// /etc/apt/apt.conf.d/docker-clean removed, which would delete the downloaded packages
// after each install. target is the mount's target when not the cache's Dir.
func aptMount(target string) *CacheMount {
	return &CacheMount{Target: target, Sharing: "locked", Setup: "rm -f /etc/apt/apt.conf.d/docker-clean",
		Source: Source{URL: "https://docs.docker.com/reference/dockerfile/#example-cache-apt-packages", Version: "Dockerfile frontend 1.2 (Docker 20.10)"}}
}

func apk() *Manager {
	return &Manager{
		ID: "apk", Ecosystem: "alpine",
		Programs: []string{"apk"},
		Subcommands: []Subcommand{
			{Name: "add", Action: Install, Packages: true},
			{Name: "del", Action: Remove, Packages: true},
			{Name: "update", Action: Update},
			{Name: "upgrade", Action: Upgrade, Packages: true},
			{Name: "fix", Action: Other}, // repairs installed packages
			{Name: "cache clean", Action: Clean},
			{Name: "cache purge", Action: Clean},
			{Name: "cache sync", Action: Other},
		},
		ValueOptions: []string{"-X", "--repository", "-p", "--root", "--arch", "--keys-dir", "--repositories-file",
			"--cache-dir", "-t", "--virtual", "--cache-max-age", "--timeout"},
		LongOptions: []string{"--no-cache", "--update-cache", "--quiet", "--no-progress", "--allow-untrusted"},
		Insecure: []Insecure{{Option: "--allow-untrusted", Effect: "installs packages without a trusted signature",
			Source: Source{URL: "https://man.archlinux.org/man/apk.8", Version: "apk-tools 2"}}},
		OptionAliases: map[string]string{"-U": "--update-cache", "-q": "--quiet", "-t": "--virtual"},
		GroupedShort:  true,
		Caches: []Cache{
			{Kind: "apk-cache", Dir: "/var/cache/apk", DisableOptions: []string{"--no-cache"}, DirOptions: []string{"--cache-dir"},
				CleanCommand: "rm -rf /var/cache/apk/*", Source: apkSource},
			{Kind: "apk-cache", Dir: "/etc/apk/cache", DisableOptions: []string{"--no-cache"}, Source: apkSource},
		},
		Pin:    ApkPin,
		Source: apkSource,
	}
}

// rpmSubcommands are the subcommands dnf, dnf5, yum, microdnf and tdnf share (each knows a
// subset; an unknown one is never written in a Dockerfile that builds).
func rpmSubcommands() []Subcommand {
	return []Subcommand{
		{Name: "install", Aliases: []string{"in"}, Action: Install, Packages: true},
		{Name: "localinstall", Action: Install, Packages: true},
		{Name: "groupinstall", Action: Install, Packages: true},
		{Name: "group install", Action: Install, Packages: true},
		{Name: "module install", Action: Install, Packages: true},
		{Name: "reinstall", Aliases: []string{"rei"}, Action: Install, Packages: true, Source: dnf5Source},
		{Name: "builddep", Aliases: []string{"build-dep"}, Action: Install}, // operands are specs or source packages
		{Name: "downgrade", Aliases: []string{"dg"}, Action: Install, Packages: true},
		{Name: "upgrade", Aliases: []string{"up", "update"}, Action: Upgrade, Packages: true},
		{Name: "upgrade-minimal", Aliases: []string{"up-min", "update-minimal"}, Action: Upgrade, Packages: true, Source: dnf5Source},
		{Name: "group upgrade", Aliases: []string{"group update"}, Action: Upgrade, Packages: true},
		{Name: "module upgrade", Aliases: []string{"module update"}, Action: Upgrade, Packages: true},
		{Name: "distro-sync", Aliases: []string{"dsync"}, Action: Upgrade, Packages: true},
		{Name: "makecache", Aliases: []string{"mc"}, Action: Update},
		{Name: "remove", Aliases: []string{"rm", "erase"}, Action: Remove, Packages: true},
		{Name: "autoremove", Action: Remove, Packages: true},
		{Name: "groupremove", Action: Remove, Packages: true},
		{Name: "group remove", Aliases: []string{"group erase"}, Action: Remove, Packages: true},
		{Name: "clean", Action: Clean},
		{Name: "download", Action: Download, Packages: true},
	}
}

// rpmValueOptions are the options of dnf, dnf5, yum, microdnf and tdnf that take a value.
var rpmValueOptions = []string{"-c", "--config", "--installroot", "--releasever", "--setopt", "--enablerepo",
	"--disablerepo", "-x", "--exclude", "-d", "--debuglevel", "-e", "--errorlevel", "--repo", "--repoid",
	"--repofrompath", "--rpmverbosity", "--disableplugin", "--enableplugin", "--forcearch", "--downloaddir",
	"--destdir", "--color"}

func rpmManager(id string, programs []string, caches []Cache, src Source) *Manager {
	return &Manager{
		ID: id, Ecosystem: "rpm",
		Programs:     programs,
		Subcommands:  rpmSubcommands(),
		ValueOptions: rpmValueOptions,
		LongOptions: []string{"--assumeyes", "--nodocs", "--setopt", "--nogpgcheck", "--best", "--allowerasing",
			"--refresh", "--cacheonly", "--noplugins"},
		OptionAliases: map[string]string{"-y": "--assumeyes", "-q": "--quiet", "-C": "--cacheonly",
			"--no-gpgchecks": "--nogpgcheck", "--no-gpgcheck": "--nogpgcheck"},
		GroupedShort: true,
		Insecure: []Insecure{{Option: "--nogpgcheck", Effect: "installs packages without checking their signatures",
			Source: dnfSource}},
		Caches: caches,
		Pin:    RpmPin,
		Source: src,
	}
}

func rpmCache(kind, dir, clean string, src Source) Cache {
	return Cache{Kind: kind, Dir: dir, CleanCommand: clean, Source: src}
}

func dnfCaches() []Cache {
	return []Cache{rpmCache("dnf-cache", "/var/cache/dnf", "dnf clean all", dnfSource)}
}

func dnf5Caches() []Cache {
	return []Cache{rpmCache("dnf5-cache", "/var/cache/libdnf5", "dnf5 clean all",
		Source{URL: "https://dnf5.readthedocs.io/en/latest/misc/caching.7.html", Version: "dnf5 5.2"})}
}

func yumCaches() []Cache {
	return []Cache{rpmCache("yum-cache", "/var/cache/yum", "yum clean all && rm -rf /var/cache/yum",
		Source{URL: "https://man7.org/linux/man-pages/man5/yum.conf.5.html"})}
}

func microdnfCaches() []Cache {
	return []Cache{rpmCache("yum-cache", "/var/cache/yum", "microdnf clean all",
		Source{URL: "https://github.com/rpm-software-management/microdnf", Version: "microdnf 3 (libdnf 0.x)"})}
}

func tdnfCaches() []Cache {
	return []Cache{rpmCache("tdnf-cache", "/var/cache/tdnf", "tdnf clean all", Source{URL: "https://github.com/vmware/tdnf/wiki"})}
}

func zypper() *Manager {
	return &Manager{
		ID: "zypper", Ecosystem: "suse",
		Programs: []string{"zypper"},
		Subcommands: []Subcommand{
			{Name: "install", Aliases: []string{"in"}, Action: Install, Packages: true},
			{Name: "source-install", Aliases: []string{"si"}, Action: Install}, // source packages
			{Name: "update", Aliases: []string{"up"}, Action: Upgrade, Packages: true},
			{Name: "dist-upgrade", Aliases: []string{"dup"}, Action: Upgrade},
			{Name: "patch", Action: Upgrade},
			{Name: "refresh", Aliases: []string{"ref"}, Action: Update},
			{Name: "remove", Aliases: []string{"rm"}, Action: Remove, Packages: true},
			{Name: "clean", Aliases: []string{"cc"}, Action: Clean},
		},
		ValueOptions: []string{"-R", "--root", "-D", "--reposd-dir", "-C", "--cache-dir", "--raw-cache-dir",
			"--solv-cache-dir", "--pkg-cache-dir", "-c", "--config", "-r", "--repo", "-t", "--type", "-x", "--userdata"},
		LongOptions:   []string{"--non-interactive", "--no-recommends", "--no-confirm", "--gpg-auto-import-keys", "--no-gpg-checks"},
		OptionAliases: map[string]string{"-n": "--non-interactive", "-y": "--no-confirm"},
		GroupedShort:  true,
		Insecure: []Insecure{{Option: "--no-gpg-checks", Effect: "installs packages without checking their signatures",
			Source: zypperSource}},
		Caches: []Cache{{Kind: "zypper-cache", Dir: "/var/cache/zypp", CleanCommand: "zypper clean --all",
			DirOptions: []string{"-C", "--cache-dir"}, Source: zypperSource}},
		Pin:    ZypperPin,
		Source: zypperSource,
	}
}
