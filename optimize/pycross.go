package optimize

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// pipTargetDir is where the cross install puts the target platform's packages (pip install
// --target), which the runtime copies and names in PYTHONPATH; its bin holds the console
// scripts.
const pipTargetDir = "/opt/deps"

// pythonVersionOfTag reads the Python version an official python tag names (3.11,
// 3.11.9-slim, 3.12-bookworm → "3.11", "3.12"); "" when it names none (latest, 3, bookworm).
var pythonVersionOfTag = regexp.MustCompile(`^(\d+\.\d+)($|[.-])`)

// pyCross is the recipe's plan for --platform: the dependency install runs on
// $BUILDPLATFORM and asks pip for the target's wheels.
type pyCross struct {
	version string // the target's Python, from the base image tag
	glibc   int    // the runtime image's glibc minor version
	archs   []string
	byArch  map[string]pkgmgr.WheelArch // TARGETARCH → wheel architecture
}

// pythonCrossPlan decides whether the Python recipe installs the dependencies on
// $BUILDPLATFORM for opt.Platforms: the base image names its Python version, every platform
// has wheel tags dockopt knows, the install compiles nothing (no -dev packages, no project
// built from its own source) and reads requirement files or names packages. why says what
// keeps the install on each target platform's image ("" with a plan, or without --platform).
func pythonCrossPlan(a *analysis, opt Options, buildPkgs []string, fromProject bool) (*pyCross, string) {
	if len(opt.Platforms) == 0 {
		return nil, ""
	}
	m := pythonVersionOfTag.FindStringSubmatch(a.baseTag)
	switch {
	case path.Base(a.baseRepo) != "python" || m == nil:
		return nil, fmt.Sprintf("the base image %s names no Python version (python:3.11 does), and pip must be told the target's (--python-version)", a.image(a.baseTag))
	case len(buildPkgs) > 0:
		return nil, fmt.Sprintf("the original installs build packages (%s) to compile wheels from source, which pip cannot do for another platform", strings.Join(buildPkgs, ", "))
	case fromProject:
		return nil, "a project is installed from its own source (pip install ., or a local directory in a requirement file), which pip builds on the platform it runs on"
	}
	glibc, ok := pkgmgr.DebianGlibc(dockerfile.DebianSuiteOfTag(a.baseTag))
	if !ok {
		return nil, fmt.Sprintf("dockopt does not know the glibc of %s, whose manylinux wheels pip would be asked for", a.baseTag)
	}
	pc := &pyCross{version: m[1], glibc: glibc, byArch: map[string]pkgmgr.WheelArch{}}
	for _, p := range opt.Platforms {
		wa, ok := pkgmgr.WheelArchOf(p)
		if !ok {
			return nil, fmt.Sprintf("dockopt has no wheel platform tags for %s", p)
		}
		arch := strings.SplitN(p, "/", 3)[1]
		if _, seen := pc.byArch[arch]; !seen {
			pc.archs = append(pc.archs, arch)
		}
		pc.byArch[arch] = wa
	}
	sort.Strings(pc.archs)
	return pc, ""
}

// tagScript is the shell that sets $tags to pip's --platform options for $TARGETARCH
// (pkgmgr.ManylinuxTags, written as a loop so that both architectures fit in a few lines),
// and fails with a message for an architecture it was not written for.
func (pc *pyCross) tagScript() []string {
	lines := []string{`case "$TARGETARCH" in`}
	for _, arch := range pc.archs {
		wa := pc.byArch[arch]
		lines = append(lines, fmt.Sprintf("  %s) arch=%s first=%d ;;", arch, wa.Arch, wa.FirstGlibc))
	}
	lines = append(lines, fmt.Sprintf(`  *) echo "no wheel platform tags for $TARGETARCH (written for %s)" >&2; exit 1 ;;`, strings.Join(pc.archs, ", ")),
		"esac;",
		`tags="";`,
		fmt.Sprintf(`for v in $(seq %d -1 "$first"); do`, pc.glibc),
		`  tags="$tags --platform manylinux_2_${v}_$arch";`)
	var legacy []int
	for v := range pkgmgr.ManylinuxLegacy {
		legacy = append(legacy, v)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(legacy)))
	var arms []string
	for _, v := range legacy {
		arms = append(arms, fmt.Sprintf(`%d) tags="$tags --platform %s_$arch" ;;`, v, pkgmgr.ManylinuxLegacy[v]))
	}
	return append(lines, "  case $v in "+strings.Join(arms, " ")+" esac;",
		"done;",
		`tags="$tags --platform linux_$arch";`)
}

// install is the RUN that installs args (-r files, packages) for the target platform.
func (pc *pyCross) install(pipFlags []string, pipCmd, args string) string {
	cmd := "python -m " + pipCmd + " --target " + pipTargetDir + " --python-version " + pc.version +
		" --implementation cp --only-binary=:all: $tags " + args
	script := strings.Join(pc.tagScript(), " \\\n    ")
	return mountedRun(pipFlags, script+" \\\n    "+cmd)
}

// change is the report's entry for the cross install.
func (pc *pyCross) change(list string) Change {
	return Change{
		Title: "Python dependencies installed on $BUILDPLATFORM for " + list,
		Why: fmt.Sprintf("the builder runs once, on the builder's own platform ($BUILDPLATFORM, %s), with no emulation, and asks pip for the target's wheels (%s): --platform with the manylinux tags a CPython %s on glibc 2.%d accepts for $TARGETARCH (manylinux_2_%d down to PEP 600's oldest, their legacy names, linux_ARCH; %s), --python-version %s, --implementation cp and --only-binary=:all:, which pip requires with them, into --target %s. A pure-Python wheel (py3-none-any) is the same on every platform; a native one is downloaded for the target, not run. A requirement with no wheel for the target (only an sdist) makes pip stop with \"No matching distribution found\": it cannot be cross-built; drop --platform to build each platform on its own image. The runtime stage copies %s, names it in PYTHONPATH and its bin (console scripts, whose first line names the builder's python, the same path in %s of each platform) in PATH; .pth files there are not read (PYTHONPATH is not a site directory).",
			multiPlatformSource, pkgmgr.PipCrossInstall.Source.URL, pc.version, pc.glibc, pc.glibc, pkgmgr.PipCrossInstall.TagSource.URL, pc.version, pipTargetDir, pipTargetDir, "the slim image"),
		Before: "FROM (the target platform's python image) AS builder\nRUN pip install -r requirements.txt",
		After:  "FROM " + buildPlatformFlag + " ... AS builder\nRUN ... python -m pip install --target " + pipTargetDir + " --python-version " + pc.version + " --implementation cp --only-binary=:all: $tags ...",
	}
}

// localPackages reports whether the install builds a package from a local directory: one a
// requirement file names (requirementClosure marks it with a trailing /) or one named on the
// pip command line (".", "./lib", "/src/x").
func localPackages(reqFiles, pipPackages []string) bool {
	for _, r := range reqFiles {
		if strings.HasSuffix(r, "/") {
			return true
		}
	}
	for _, p := range pipPackages {
		if p == "." || strings.HasPrefix(p, "./") || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "../") {
			return true
		}
	}
	return false
}
