package size

import (
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// rpmFamily describes a package manager that keeps a cache until told to clean it.
type rpmFamily struct {
	names []string
	// installs are the subcommands that download metadata or packages.
	installs map[string]bool
	// cleans reports whether a command cleans this manager's cache.
	cleanSub  map[string]bool
	cacheDirs []string
	// fix is the cleanup appended after the last command of the family; sudo is "sudo " or "".
	fix func(prog, sudo string) string
}

var yumInstalls = map[string]bool{"install": true, "groupinstall": true, "localinstall": true, "reinstall": true,
	"upgrade": true, "update": true, "update-minimal": true, "distro-sync": true, "downgrade": true,
	"builddep": true, "makecache": true, "in": true, "up": true}

var rpmFamilies = []rpmFamily{
	{
		names:     []string{"yum"},
		installs:  yumInstalls,
		cacheDirs: []string{"/var/cache/yum", "/var/cache/dnf"},
		fix: func(prog, sudo string) string {
			return sudo + prog + " clean all && " + sudo + "rm -rf /var/cache/yum"
		},
	},
	{
		names:     []string{"dnf", "dnf5", "tdnf"},
		installs:  yumInstalls,
		cacheDirs: []string{"/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5", "/var/cache/tdnf"},
		fix:       func(prog, sudo string) string { return sudo + prog + " clean all" },
	},
	{
		names:     []string{"microdnf"},
		installs:  yumInstalls,
		cacheDirs: []string{"/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"},
		fix:       func(prog, sudo string) string { return sudo + prog + " clean all" },
	},
	{
		names: []string{"zypper"},
		installs: map[string]bool{"install": true, "in": true, "update": true, "up": true, "dist-upgrade": true,
			"dup": true, "patch": true, "source-install": true, "si": true, "refresh": true, "ref": true},
		cacheDirs: []string{"/var/cache/zypp"},
		fix:       func(prog, sudo string) string { return sudo + prog + " clean --all" },
	},
}

func (fam *rpmFamily) is(c *dockerfile.Command) bool { return c.Is(fam.names...) }

// isInstall reports whether c downloads packages or metadata.
func (fam *rpmFamily) isInstall(c *dockerfile.Command) bool {
	if !fam.is(c) {
		return false
	}
	sub := ruleutil.PmSubcommand(c)
	if sub == "group" || sub == "module" {
		pos := c.Positional(ruleutil.YumValueFlags...)
		return len(pos) > 1 && (pos[1] == "install" || pos[1] == "update" || pos[1] == "upgrade")
	}
	return fam.installs[sub]
}

// isClean reports whether c cleans the cache of this family (any yum/dnf flavour's
// `clean all` counts for another: on current distributions they share /var/cache).
func (fam *rpmFamily) isClean(c *dockerfile.Command) bool {
	if removesUnder(c, fam.cacheDirs...) {
		return true
	}
	sub := ruleutil.PmSubcommand(c)
	if fam.names[0] == "zypper" {
		return c.Is("zypper") && (sub == "clean" || sub == "cc")
	}
	if !c.Is("yum", "dnf", "dnf5", "tdnf", "microdnf") || sub != "clean" {
		return false
	}
	pos := c.Positional(ruleutil.YumValueFlags...)
	for _, a := range pos[1:] {
		if a == "all" || a == "packages" || a == "metadata" || a == "dbcache" {
			return true
		}
	}
	return false
}

var (
	// PackageCacheNotCleaned is DO106 (package-cache-not-cleaned).
	PackageCacheNotCleaned = &rule.Rule{
		ID:       "DO106",
		Name:     "package-cache-not-cleaned",
		Family:   rule.Size,
		Severity: rule.Warning,
		Equivalents: []string{"hadolint:DL3032", "hadolint:DL3040", "hadolint:DL3036",
			"trivy:AVD-DS-0015", "trivy:AVD-DS-0019", "trivy:AVD-DS-0020"},
		Fix: rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds `yum`, `dnf`, `microdnf` or `zypper` installs (install, update, upgrade, " +
				"makecache, refresh...) without the matching `clean all` (`zypper clean`) or removal " +
				"of the cache directory later in the same RUN, in a stage whose layers end up in the " +
				"final image. A RUN with a cache or tmpfs mount on the cache directory is not reported.",
			Why: "These package managers keep repository metadata (and with keepcache, packages) under " +
				"/var/cache/yum, /var/cache/dnf or /var/cache/zypp: often 50 to 200 MB that the image " +
				"never uses. Cleaning in a later RUN does not help: the earlier layer still ships them.",
			Example:    "RUN yum install -y httpd",
			UseInstead: "RUN yum install -y httpd && yum clean all && rm -rf /var/cache/yum",
			FixNotes: "Appends ` && yum clean all && rm -rf /var/cache/yum` (`dnf clean all`, " +
				"`microdnf clean all`, `zypper clean --all`) after the shell statement holding the " +
				"last command of that package manager in the RUN. Safe: nothing after it in the RUN " +
				"uses the package manager.",
			References: []string{
				"https://github.com/hadolint/hadolint/wiki/DL3032",
				"https://github.com/hadolint/hadolint/wiki/DL3040",
				"https://github.com/hadolint/hadolint/wiki/DL3036",
				"https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
				s := in.Script
				if s == nil || !inImage(p, in) {
					return
				}
				for fi := range rpmFamilies {
					fam := &rpmFamilies[fi]
					if discardMounted(in, fam.cacheDirs[0]) {
						continue
					}
					lastInstall := -1
					var first *dockerfile.Command
					for i, c := range s.Commands {
						if fam.isInstall(c) {
							lastInstall = i
							if first == nil {
								first = c
							}
						}
					}
					if first == nil || cleanedLater(s, lastInstall, fam.isClean) {
						continue
					}
					anchor := lastCommand(s, fam.is)
					fix := fam.fix(anchor.Name, sudoPrefix(anchor))
					clean := first.Name + " clean all"
					if first.Name == "zypper" {
						clean = "zypper clean"
					}
					p.ReportCommand(in, first, first.Name+" "+ruleutil.PmSubcommand(first)+" without "+clean+" in the same RUN leaves the package cache in the layer",
						rule.WithFix("append "+fix, outsideHeredocs(in, ruleutil.AppendAfter(anchor, " && "+fix))...))
				}
			})
		},
	}
)
