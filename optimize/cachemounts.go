package optimize

import (
	"slices"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// cacheMounts are the RUN flags that keep the caches of the package manager id (pkgmgr's
// Cache.Mount facts) on BuildKit cache mounts, where the stage's variables vars put them, and
// the commands that must run first in the same RUN (apt's docker-clean). None when opt turns
// cache mounts off or vars turn the caches off.
func cacheMounts(opt Options, id string, vars map[string]string) (flags, setup []string) {
	if opt.NoCacheMounts {
		return nil, nil
	}
	return pkgmgr.ByID(id).MountFlags(vars)
}

// mountedRun is "RUN" with the flags, each on its own continuation line, and the script:
// "RUN script" when there are no flags.
func mountedRun(flags []string, script string) string {
	if len(flags) == 0 {
		return "RUN " + script
	}
	return "RUN " + strings.Join(flags, " \\\n    ") + " \\\n    " + script
}

// aptRun renders one apt-get RUN that installs pkgs: with apt's caches on cache mounts (the
// lists and the downloaded packages kept between builds, outside the image; Debian's
// docker-clean removed first so that apt-get keeps what it downloads), else removing the
// lists in the layer.
func aptRun(opt Options, pkgs []string) string {
	flags, setup := cacheMounts(opt, "apt", nil)
	install := "apt-get install -y --no-install-recommends " + strings.Join(pkgs, " ")
	if len(flags) == 0 {
		return "RUN apt-get update \\\n && " + install + " \\\n && rm -rf /var/lib/apt/lists/*"
	}
	return "RUN " + strings.Join(flags, " \\\n    ") + " \\\n    " + strings.Join(append(setup, "apt-get update", install), " \\\n && ")
}

// runtimeAptRun is the apt-get RUN a split writes into the stage that ships: aptRun's, with
// apt's cache mounts, when cache mounts are on (a file with RUN --mount in its build stages
// is a BuildKit file, where DO203 asks for them on every apt-get install), else the lists
// removed in the layer.
func runtimeAptRun(opt Options, pkgs []string) string {
	if flags, _ := cacheMounts(opt, "apt", nil); len(flags) > 0 {
		return aptRun(opt, pkgs)
	}
	return "RUN apt-get update \\\n    && apt-get install -y --no-install-recommends " + strings.Join(pkgs, " ") + " \\\n    && rm -rf /var/lib/apt/lists/*"
}

// pipInstall is how the recipe runs `pip install`: the RUN flags of pip's cache mount and
// "pip install", or no flags and "pip install --no-cache-dir" when there is no mount.
func pipInstall(opt Options, vars map[string]string) (flags []string, cmd string) {
	if flags, _ := cacheMounts(opt, "pip", vars); len(flags) > 0 {
		return flags, "pip install"
	}
	return nil, "pip install --no-cache-dir"
}

// recipeVars are the variables in force at the end of a single-stage original, which the
// recipe carries into its stages (its ENV and ARG values): where they move a cache, the
// mount goes there.
func recipeVars(f *dockerfile.File) map[string]string {
	if len(f.Stages) == 0 || len(f.Stages[0].Instructions) == 0 {
		return nil
	}
	ins := f.Stages[0].Instructions
	return f.Vars(ins[len(ins)-1])
}

// cacheMountChange is the report's entry for the recipe's cache mounts: ids are the package
// managers whose caches it mounted (pkgmgr IDs, in the order they run), runtimeApt is true
// when the stage that ships runs apt-get on them too. ok is false when nothing was mounted.
func cacheMountChange(opt Options, vars map[string]string, runtimeApt bool, ids ...string) (c Change, ok bool) {
	var names, flags []string
	apt := false
	for _, id := range ids {
		fl, _ := cacheMounts(opt, id, vars)
		if len(fl) == 0 {
			continue
		}
		names = append(names, id)
		flags = append(flags, fl...)
		apt = apt || id == "apt"
	}
	if len(names) == 0 {
		return Change{}, false
	}
	why := "the caches of " + andList(names) + " are BuildKit cache mounts (" + cacheMountSource + "): they outlive the build, so a rebuild after a dependency change reuses what earlier builds downloaded, and they never reach a layer, so nothing deletes them (no --no-cache-dir, no rm -rf /var/lib/apt/lists/*)."
	for _, id := range names {
		if o := pkgmgr.ByID(id).MountOptions(vars); len(o) > 0 {
			why += " " + id + " runs with " + strings.Join(o, " ") + ", which takes what the mount holds without asking the registry whether it is still fresh (" + mountOptionsSource(id) + "): without it a warm cache saves little."
		}
	}
	if apt {
		aptCache, _ := pkgmgr.ByID("apt").Cache("apt-cache")
		why += " apt's two mounts are sharing=locked (apt locks them; a second build waits) and each apt-get RUN first removes Debian's /etc/apt/apt.conf.d/docker-clean, which would delete the downloaded packages after every install (" + aptCache.Mount.Source.URL + ")"
		if runtimeApt {
			why += "; where the stage that ships runs apt-get, that removal stays in its image, so a later apt-get install on top of it keeps its downloads in /var/cache/apt/archives unless it runs apt-get clean"
		}
		why += "."
	}
	why += " RUN --mount needs BuildKit with the Dockerfile frontend 1.2 or later: the builder built into Docker 20.10 and later, with no `# syntax` line (" + runMountSource + "); `--cache-mounts=false` writes none and removes the caches in each layer instead."
	return Change{Title: "Package manager caches on BuildKit cache mounts", Why: why, Rules: []string{"DO203"}, Before: "(caches deleted in the layer, or left in it)", After: "RUN " + strings.Join(flags, " ") + " ..."}, true
}

// cacheMountSource is Docker's guide to cache mounts (the go command's, pip's, npm's, apt's...).
const cacheMountSource = "https://docs.docker.com/build/cache/optimize/#use-cache-mounts"

// andList joins words as prose: "a", "a and b", "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// isCacheMountSetup reports whether c is one of the setup commands the caches of the package
// manager id need on a cache mount (pkgmgr's CacheMount.Setup: apt's docker-clean removal).
func isCacheMountSetup(c *dockerfile.Command, id string) bool {
	_, setup := pkgmgr.ByID(id).MountFlags(nil)
	return slices.Contains(setup, strings.Join(append([]string{c.Name}, c.Args...), " "))
}

// mountOptionsSource is the documentation of the mount options of the manager id.
func mountOptionsSource(id string) string {
	for _, c := range pkgmgr.ByID(id).Caches {
		if c.Mount != nil && len(c.Mount.Options) > 0 {
			return c.Mount.Source.URL
		}
	}
	return ""
}
