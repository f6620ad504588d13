package optimize

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
)

// pipTargetDir is where the cross install puts the target platform's packages (pip install
// --target), which the runtime copies and names in PYTHONPATH; its bin holds the console
// scripts.
const pipTargetDir = "/opt/deps"

// pythonVersionOfTag reads the Python version an official python tag names (3.11,
// 3.11.9-slim, 3.12-bookworm → "3.11", "3.12"); "" when it names none (latest, 3, bookworm).
var pythonVersionOfTag = lazyre.New(`^(\d+\.\d+)($|[.-])`)

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
	switch {
	case len(buildPkgs) > 0:
		return nil, fmt.Sprintf("the original installs build packages (%s) to compile wheels from source, which pip cannot do for another platform", strings.Join(buildPkgs, ", "))
	case fromProject:
		return nil, "a project is installed from its own source (pip install ., or a local directory in a requirement file), which pip builds on the platform it runs on"
	}
	return pyCrossFor(a.baseRepo, a.baseTag, opt.Platforms)
}

// pyCrossFor is the cross install's plan for a python image (repo, tag) and platforms, or
// why there is none: the tag names no Python version, a Debian release whose glibc dockopt
// does not know, a platform without wheel tags.
func pyCrossFor(repo, tag string, platforms []string) (*pyCross, string) {
	m := pythonVersionOfTag.FindStringSubmatch(tag)
	if path.Base(repo) != "python" || m == nil {
		img := repo
		if tag != "" {
			img += ":" + tag
		}
		return nil, fmt.Sprintf("the base image %s names no Python version (python:3.11 does), and pip must be told the target's (--python-version)", img)
	}
	if !dockerfile.IsDebianTag(tag) {
		return nil, fmt.Sprintf("%s is not a Debian (glibc) image: its wheels are musllinux ones, for which dockopt writes no tags", tag)
	}
	glibc, ok := pkgmgr.DebianGlibc(dockerfile.DebianSuiteOfTag(tag))
	if !ok {
		return nil, fmt.Sprintf("dockopt does not know the glibc of %s, whose manylinux wheels pip would be asked for", tag)
	}
	pc := &pyCross{version: m[1], glibc: glibc, byArch: map[string]pkgmgr.WheelArch{}}
	for _, p := range platforms {
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
func (pc *pyCross) tagScript(prefix string) []string {
	lines := []string{`case "$TARGETARCH" in`}
	for _, arch := range pc.archs {
		wa := pc.byArch[arch]
		lines = append(lines, fmt.Sprintf("  %s) arch=%s first=%d ;;", arch, wa.Arch, wa.FirstGlibc))
	}
	lines = append(lines, fmt.Sprintf(`  *) echo "no wheel platform tags for $TARGETARCH (written for %s)" >&2; exit 1 ;;`, strings.Join(pc.archs, ", ")),
		"esac;",
		`tags="";`,
		fmt.Sprintf(`for v in $(seq %d -1 "$first"); do`, pc.glibc),
		`  tags="$tags `+prefix+`manylinux_2_${v}_$arch";`)
	var legacy []int
	for v := range pkgmgr.ManylinuxLegacy {
		legacy = append(legacy, v)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(legacy)))
	var arms []string
	for _, v := range legacy {
		arms = append(arms, fmt.Sprintf(`%d) tags="$tags %s%s_$arch" ;;`, v, prefix, pkgmgr.ManylinuxLegacy[v]))
	}
	return append(lines, "  case $v in "+strings.Join(arms, " ")+" esac;",
		"done;",
		`tags="$tags `+prefix+`linux_$arch";`)
}

// install is the RUN that installs args (-r files, packages) for the target platform.
func (pc *pyCross) install(pipFlags []string, pipCmd, args string) string {
	cmd := "python -m " + pipCmd + " --target " + pipTargetDir + " --python-version " + pc.version +
		" --implementation cp --only-binary=:all: $tags " + args
	script := strings.Join(pc.tagScript("--platform "), " \\\n    ")
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

// pipCrossConfig is the pip configuration file the split's build stage names in
// PIP_CONFIG_FILE: pip reads it after the global and site files, so its [install] options
// apply to every `pip install` of the stage (https://pip.pypa.io/en/stable/topics/configuration/).
const pipCrossConfig = "/etc/pip-target.conf"

// configLines are the build stage's lines after its FROM for the split: ARG TARGETARCH, the
// RUN that writes pipCrossConfig with the cross install's options for $TARGETARCH (an option
// that takes several values is written space-separated), and PIP_CONFIG_FILE.
func (pc *pyCross) configLines() []string {
	script := append(pc.tagScript(""), fmt.Sprintf(`printf '[install]\ntarget = %s\npython-version = %s\nimplementation = cp\nonly-binary = :all:\nplatform =%%s\n' "$tags" > %s`, pipTargetDir, pc.version, pipCrossConfig))
	return []string{"ARG TARGETARCH", "RUN " + strings.Join(script, " \\\n    "), "ENV PIP_CONFIG_FILE=" + pipCrossConfig}
}

// splitPyCross decides, for --platform, whether the split of a python stage (chain, on
// repo:tag) installs on $BUILDPLATFORM: every command of its RUNs is a pip install (another
// program would run on the builder's platform, where the target's packages do not import),
// of packages and requirement files, not of a local project; no virtualenv or other manager;
// no build packages (pkgs, what apt installs). It returns the plan and the FROM's edit, or
// why not ("" without --platform).
func splitPyCross(p *plan, st *dockerfile.Stage, chain []*dockerfile.Stage, repo, tag string, managed bool, venv string, pkgs []string) (*pyCross, *rule.TextEdit, string) {
	if len(p.opt.Platforms) == 0 {
		return nil, nil, ""
	}
	switch build, _, unknown := splitPackages(pkgs); {
	case managed:
		return nil, nil, "its dependencies are installed by a manager dockopt does not point at pip's --target (poetry, pipenv, uv)"
	case venv != "":
		return nil, nil, fmt.Sprintf("it installs into its own virtualenv (%s)", venv)
	case len(build)+len(unknown) > 0:
		return nil, nil, fmt.Sprintf("it installs build packages (%s) to compile wheels from source, which pip cannot do for another platform", strings.Join(append(build, unknown...), ", "))
	}
	for _, s := range chain {
		for _, in := range s.Instructions {
			if in.Cmd != "run" {
				continue
			}
			if in.Script == nil {
				return nil, nil, fmt.Sprintf("line %d is a RUN dockopt cannot read", in.StartLine)
			}
			for _, c := range in.Script.Commands {
				call := pkgmgr.ParseCommand(c)
				if call == nil || !call.Is("pip") || call.Action != pkgmgr.Install {
					return nil, nil, fmt.Sprintf("line %d runs %s, which would run on the builder's platform (only pip installs are moved there)", in.StartLine, c.Name)
				}
				if call.Has("--editable") || localPackages(nil, call.Operands) {
					return nil, nil, fmt.Sprintf("line %d installs a project from its own source, which pip builds on the platform it runs on", in.StartLine)
				}
			}
		}
	}
	pc, why := pyCrossFor(repo, tag, p.opt.Platforms)
	if pc == nil {
		return nil, nil, why
	}
	edit, why := onBuildPlatform(p.f, st)
	if edit == nil {
		if why == "" {
			why = "its FROM could not be rewritten"
		}
		return nil, nil, why
	}
	return pc, edit, ""
}

// splitChange is the report's entry for the split's cross install.
func (pc *pyCross) splitChange(list string) Change {
	ch := pc.change(list)
	ch.Why = strings.Replace(ch.Why, "into --target "+pipTargetDir+".", fmt.Sprintf("into --target %s, as [install] options of %s, which PIP_CONFIG_FILE names (pip reads that file after its global and site files, and an option of several values space-separated: https://pip.pypa.io/en/stable/topics/configuration/), so every `pip install` of the stage is such an install.", pipTargetDir, pipCrossConfig), 1)
	ch.After = "FROM " + buildPlatformFlag + " ...\n" + strings.Join(pc.configLines()[:1], "\n") + "\nRUN ... > " + pipCrossConfig + "\nENV PIP_CONFIG_FILE=" + pipCrossConfig
	return ch
}
