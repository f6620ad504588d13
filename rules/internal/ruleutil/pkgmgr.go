package ruleutil

import (
	"slices"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// Package-manager commands are read by dockerfile/pkgmgr only: these helpers ask it.

// PmOf returns pkgmgr's reading of a command when it runs one of the managers (pkgmgr IDs;
// any manager when none is given).
func PmOf(c *dockerfile.Command, ids ...string) (*pkgmgr.Call, bool) {
	call := pkgmgr.ParseCommand(c)
	if call == nil || len(ids) > 0 && !call.Is(ids...) {
		return nil, false
	}
	return call, true
}

// PipInstall returns the reading of a `pip install` in any spelling (pip3.12,
// python3 -m pip, ...); false for anything else, `uv pip install` included (uv keeps its
// own cache and options).
func PipInstall(c *dockerfile.Command) (*pkgmgr.Call, bool) {
	call, ok := PmOf(c, "pip")
	return call, ok && call.Sub == "install"
}

// PmSubcommand returns a command's first positional argument, read with the options of its
// package manager (any program's first positional argument for other commands).
func PmSubcommand(c *dockerfile.Command) string {
	call, ok := PmOf(c)
	if !ok {
		return c.Subcommand()
	}
	if len(call.Positional) == 0 {
		return ""
	}
	return call.Positional[0]
}

// IsAptInstall reports whether a command is apt-get/apt install (or another subcommand that
// downloads packages).
func IsAptInstall(c *dockerfile.Command) bool {
	call, ok := PmOf(c, "apt")
	return ok && (call.Action == pkgmgr.Install || call.Action == pkgmgr.Upgrade || call.Action == pkgmgr.Download)
}

// IsAptUpdate reports whether a command is apt-get/apt update.
func IsAptUpdate(c *dockerfile.Command) bool {
	call, ok := PmOf(c, "apt")
	return ok && call.Sub == "update"
}

// PmPositional returns a package-manager command's positional arguments (subcommand
// words included), read with its manager's options.
func PmPositional(c *dockerfile.Command) []string {
	if call, ok := PmOf(c); ok {
		return call.Positional
	}
	return c.Positional()
}

// RpmManager reports whether c runs an RPM package manager (dnf, dnf5, yum, microdnf, tdnf).
func RpmManager(c *dockerfile.Command) bool {
	call, ok := PmOf(c)
	return ok && call.Manager.Ecosystem == "rpm"
}

// PipCache is pip's download cache.
func PipCache() pkgmgr.Cache {
	ca, _ := pkgmgr.ByID("pip").Cache("pip-cache")
	return ca
}

// ManagerCache returns the directory of a manager's cache (pkgmgr ID and cache kind).
func ManagerCache(id, kind string) string {
	ca, _ := pkgmgr.ByID(id).Cache(kind)
	return ca.Dir
}

// CleanedCaches returns the cache directories a package manager's clean command empties:
// yum/dnf/microdnf/tdnf clean (any of them, the RPM managers share /var/cache), zypper clean,
// apt-get distclean, npm cache clean, yarn cache clean, pip cache purge.
func CleanedCaches(c *dockerfile.Command) []string {
	call, ok := PmOf(c)
	if !ok || call.Action != pkgmgr.Clean {
		return nil
	}
	var out []string
	switch {
	case call.Manager.Ecosystem == "rpm" && call.Sub == "clean":
		for _, m := range pkgmgr.Managers() {
			for _, ca := range m.Caches {
				if m.Ecosystem == "rpm" && !slices.Contains(out, ca.Dir) {
					out = append(out, ca.Dir)
				}
			}
		}
	case call.Is("zypper"):
		out = append(out, ManagerCache("zypper", "zypper-cache"))
	case call.Is("apt") && call.Sub == "distclean":
		out = append(out, ManagerCache("apt", "apt-lists"))
	case call.Is("npm") && call.Sub == "cache clean":
		out = append(out, ManagerCache("npm", "npm-cache"))
	case call.Is("yarn") && call.Sub == "cache clean":
		out = append(out, YarnCacheDirs()...)
	case call.Is("pip"):
		out = append(out, PipCache().Dir)
	}
	return out
}

// YarnCacheDirs are yarn classic's cache directories for root: the official node images'
// global cache, and the one under root's home.
func YarnCacheDirs() []string {
	ca, _ := pkgmgr.ByID("yarn").Cache("yarn-cache")
	return []string{ca.Dir, "/root" + ca.Marker}
}
