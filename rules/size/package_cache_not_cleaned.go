package size

import (
	"slices"
	"strings"
	"sync"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// rpmFamily is a package manager that keeps a cache until told to clean it.
type rpmFamily struct {
	// ids are the managers' pkgmgr IDs.
	ids []string
	// cacheDirs are the family's cache directories first, then the other RPM managers' (on
	// current distributions they share /var/cache).
	cacheDirs []string
	// fix is the cleanup appended after the last command of the family; sudo is "sudo " or "".
	fix func(prog, sudo string) string
}

// rpmFamilies are the RPM-based managers, built on first use from pkgmgr (not at start-up).
var rpmFamilies = sync.OnceValue(func() []rpmFamily {
	return []rpmFamily{
		rpmFamilyOf([]string{"yum"}, func(prog, sudo string) string {
			return sudo + prog + " clean all && " + sudo + "rm -rf /var/cache/yum"
		}),
		rpmFamilyOf([]string{"dnf", "dnf5", "tdnf"}, func(prog, sudo string) string { return sudo + prog + " clean all" }),
		rpmFamilyOf([]string{"microdnf"}, func(prog, sudo string) string { return sudo + prog + " clean all" }),
		rpmFamilyOf([]string{"zypper"}, func(prog, sudo string) string { return sudo + prog + " clean --all" }),
	}
})

// rpmFamilyOf gathers the cache directories of a family from pkgmgr: its own, then those of
// the other managers of its ecosystem.
func rpmFamilyOf(ids []string, fix func(prog, sudo string) string) rpmFamily {
	fam := rpmFamily{ids: ids, fix: fix}
	add := func(m *pkgmgr.Manager) {
		for _, ca := range m.Caches {
			if !slices.Contains(fam.cacheDirs, ca.Dir) {
				fam.cacheDirs = append(fam.cacheDirs, ca.Dir)
			}
		}
	}
	eco := pkgmgr.ByID(ids[0]).Ecosystem
	for _, id := range ids {
		add(pkgmgr.ByID(id))
	}
	for _, m := range pkgmgr.Managers() {
		if m.Ecosystem == eco {
			add(m)
		}
	}
	return fam
}

// ownDirs are the cache directories of the family's own managers: a cache mount on any of
// them keeps the cache out of the layer (`dnf` is dnf5 on Fedora 41 and later, whose cache is
// /var/cache/libdnf5).
func (fam *rpmFamily) ownDirs() []string {
	var dirs []string
	for _, id := range fam.ids {
		for _, ca := range pkgmgr.ByID(id).Caches {
			dirs = append(dirs, ca.Dir)
		}
	}
	return dirs
}

func (fam *rpmFamily) is(c *dockerfile.Command) bool {
	_, ok := ruleutil.PmOf(c, fam.ids...)
	return ok
}

// isInstall reports whether c downloads packages or metadata.
func (fam *rpmFamily) isInstall(c *dockerfile.Command) bool {
	call, ok := ruleutil.PmOf(c, fam.ids...)
	return ok && (call.Action == pkgmgr.Install || call.Action == pkgmgr.Upgrade || call.Action == pkgmgr.Update)
}

// isClean reports whether c cleans the cache of this family (any yum/dnf flavour's
// `clean all` counts for another: on current distributions they share /var/cache).
func (fam *rpmFamily) isClean(c *dockerfile.Command) bool {
	if removesUnder(c, fam.cacheDirs...) {
		return true
	}
	call, ok := ruleutil.PmOf(c)
	if !ok || call.Sub != "clean" || call.Manager.Ecosystem != pkgmgr.ByID(fam.ids[0]).Ecosystem {
		return false
	}
	if call.Is("zypper") {
		return true
	}
	// microdnf keeps its own cache (/var/cache/yum, pkgmgr's data): its clean does not empty
	// dnf's, nor dnf's clean microdnf's
	if call.Is("microdnf") != slices.Contains(fam.ids, "microdnf") {
		return false
	}
	for _, a := range call.Operands {
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
				"final image. A RUN with a cache or tmpfs mount on the cache directory is not reported.\n" +
				"Also `apt-get install` after `/etc/apt/apt.conf.d/docker-clean` was removed (in the RUN " +
				"or earlier in the stage): the official Debian and Ubuntu images delete downloaded .debs " +
				"through that file; without it they stay in /var/cache/apt/archives, in the layer, unless " +
				"/var/cache/apt is cache- or tmpfs-mounted (mounting only /var/lib/apt is not enough) or " +
				"the RUN runs `apt-get clean`.",
			Why: "These package managers keep repository metadata (and with keepcache, packages) under " +
				"/var/cache/yum, /var/cache/dnf or /var/cache/zypp: often 50 to 200 MB that the image " +
				"never uses. Cleaning in a later RUN does not help: the earlier layer still ships them.",
			Example:    "RUN yum install -y httpd",
			UseInstead: "RUN yum install -y httpd && yum clean all && rm -rf /var/cache/yum",
			Fixed:      "Package caches are cleaned in the layer that fills them",
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
				aptArchivesKept(p, in)
				fams := rpmFamilies()
				for fi := range fams {
					fam := &fams[fi]
					if discardMounted(in, fam.ownDirs()...) {
						continue
					}
					first, lastInstall := matching(s, fam.isInstall)
					if first == nil || anyAfter(s, lastInstall, fam.isClean) {
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

// aptArchivesKept reports an apt install whose downloaded .debs stay in the layer: the stage
// removed /etc/apt/apt.conf.d/docker-clean (the official images' hook that deletes them, so
// that a cache mount can keep them), yet /var/cache/apt is not mounted and the RUN does not
// clean it.
func aptArchivesKept(p *rule.Pass, in *dockerfile.Instruction) {
	s := in.Script
	cacheDir := ruleutil.ManagerCache("apt", "apt-cache")
	if discardMounted(in, cacheDir) || !dockerCleanRemoved(p.File, in) {
		return
	}
	_, install := matching(s, ruleutil.IsAptInstall)
	if install < 0 || anyAfter(s, install, func(c *dockerfile.Command) bool {
		call, ok := ruleutil.PmOf(c, "apt")
		return ok && (call.Sub == "clean" || call.Sub == "distclean") || removesUnder(c, cacheDir+"/archives")
	}) {
		return
	}
	c := s.Commands[install]
	p.ReportCommand(in, c, c.Name+" install after docker-clean was removed keeps the downloaded .debs in "+cacheDir+
		"/archives, in the layer: cache-mount "+cacheDir+" too, or run apt-get clean in the same RUN")
}

// dockerCleanRemoved reports whether /etc/apt/apt.conf.d/docker-clean is removed in the
// stage (or a stage it is built FROM) before or in instruction in.
func dockerCleanRemoved(f *dockerfile.File, in *dockerfile.Instruction) bool {
	removes := func(x *dockerfile.Instruction) bool {
		if x.Script == nil {
			return false
		}
		for _, c := range x.Script.Commands {
			if c.Name != "rm" {
				continue
			}
			for _, a := range c.Args {
				if strings.HasSuffix(a, "/etc/apt/apt.conf.d/docker-clean") {
					return true
				}
			}
		}
		return false
	}
	for _, st := range f.StageChain(in.Stage) {
		for _, x := range st.Instructions {
			if removes(x) {
				return true
			}
			if x == in {
				break
			}
		}
	}
	return false
}
