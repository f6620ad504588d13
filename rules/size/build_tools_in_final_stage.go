package size

import (
	"regexp"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// buildTools are packages (Debian/Ubuntu, Alpine, RHEL/Fedora, SUSE names) that only serve to
// build software.
var buildTools = map[string]bool{
	"gcc": true, "g++": true, "gcc-c++": true, "c++": true, "make": true, "cmake": true,
	"build-essential": true, "build-base": true, "alpine-sdk": true, "clang": true, "llvm": true,
	"gfortran": true, "rustc": true, "cargo": true, "rust": true, "golang": true, "golang-go": true,
	"go": true, "git": true, "autoconf": true, "automake": true, "libtool": true, "ninja-build": true,
	"linux-headers": true, "Development Tools": true, "@development-tools": true, "patterns-devel-base-devel_basis": true,
}

// versionedTool matches versioned compiler packages such as gcc-12, g++-13, clang-16, golang-1.22-go.
var versionedTool = regexp.MustCompile(`^(gcc|g\+\+|clang|llvm|gfortran)-?[0-9.]+(-c\+\+)?$|^golang-[0-9.]+(-go)?$`)

// isVersionedTool is versionedTool.MatchString, without running the regexp for names that
// cannot match (every match starts with g, c or l).
func isVersionedTool(pkg string) bool {
	if pkg == "" || (pkg[0] != 'g' && pkg[0] != 'c' && pkg[0] != 'l') {
		return false
	}
	return versionedTool.MatchString(pkg)
}

// isBuildTool reports whether a package name (version and architecture stripped) is a build tool.
func isBuildTool(pkg string) bool {
	if buildTools[pkg] || isVersionedTool(pkg) {
		return true
	}
	return strings.HasSuffix(pkg, "-dev") || strings.HasSuffix(pkg, "-devel")
}

// pkgName strips a version or architecture from a package argument: gcc=4:12.2 → gcc,
// gcc:amd64 → gcc, gcc~12 → gcc, gcc>=12 → gcc.
func pkgName(a string) string {
	if i := strings.IndexAny(a, "=~<>"); i > 0 {
		a = a[:i]
	}
	if i := strings.IndexByte(a, ':'); i > 0 {
		a = a[:i]
	}
	return a
}

// pkgOp is a package install or removal seen in a RUN.
type pkgOp struct {
	in      *dockerfile.Instruction
	cmd     *dockerfile.Command
	install bool
	// pkgs are the package names (literal or resolved from ARG/ENV).
	pkgs []string
	// virtual is apk's --virtual name of an install.
	virtual string
	// all marks a removal of everything the same RUN installed (apt-mark auto + purge
	// --auto-remove, the docker-library pattern).
	all bool
}

// packageOps returns the package installs and removals of a RUN's script, in order.
func packageOps(f *dockerfile.File, in *dockerfile.Instruction) []pkgOp {
	s := in.Script
	if s == nil {
		return nil
	}
	var out []pkgOp
	markedAuto := false
	for _, c := range s.Commands {
		if !c.Is("apt-get", "apt", "aptitude", "apt-mark", "apk", "yum", "dnf", "dnf5", "microdnf", "tdnf", "zypper") {
			continue // not a package manager (the switch below skips it too)
		}
		sub := ruleutil.PmSubcommand(c)
		var valueFlags []string
		install, remove := false, false
		switch {
		case c.Is("apt-get", "apt", "aptitude"):
			valueFlags = ruleutil.AptValueFlags
			install = sub == "install"
			remove = sub == "remove" || sub == "purge" || sub == "autoremove"
		case c.Is("apt-mark"):
			if sub == "auto" {
				markedAuto = true
			}
			continue
		case c.Is("apk"):
			valueFlags = ruleutil.ApkValueFlags
			install = sub == "add"
			remove = sub == "del"
		case c.Is("yum", "dnf", "dnf5", "microdnf", "tdnf", "zypper"):
			valueFlags = ruleutil.YumValueFlags
			if c.Is("zypper") {
				valueFlags = ruleutil.ZypperValueFlags
			}
			install = sub == "install" || sub == "groupinstall" || sub == "in" || sub == "localinstall"
			remove = sub == "remove" || sub == "erase" || sub == "rm" || sub == "autoremove" || sub == "groupremove"
			if sub == "group" {
				pos := c.Positional(valueFlags...)
				install = len(pos) > 1 && pos[1] == "install"
				remove = len(pos) > 1 && (pos[1] == "remove" || pos[1] == "erase")
			}
		default:
			continue
		}
		if !install && !remove {
			continue
		}
		op := pkgOp{in: in, cmd: c, install: install}
		pos := c.Positional(valueFlags...)
		if len(pos) > 0 {
			pos = pos[1:]
		}
		if len(pos) > 0 && (pos[0] == "install" || pos[0] == "remove" || pos[0] == "erase") && (sub == "group" || sub == "module") {
			pos = pos[1:]
		}
		for _, a := range pos {
			if strings.Contains(a, "$") {
				v, ok := f.Expand(in, a)
				if !ok || strings.Contains(v, "$") {
					continue
				}
				for _, w := range strings.Fields(v) {
					op.pkgs = append(op.pkgs, pkgName(w))
				}
				continue
			}
			op.pkgs = append(op.pkgs, pkgName(a))
		}
		if c.Is("apk") && install {
			op.virtual, _ = c.FlagValue("-t", "--virtual")
		}
		if remove && markedAuto && (sub == "autoremove" || c.HasFlag("--auto-remove")) {
			op.all = true
		}
		out = append(out, op)
	}
	return out
}

// definesCommand reports whether the final stage (or a stage it is built FROM) sets CMD or
// ENTRYPOINT, i.e. the image runs an application rather than serving as a base for others.
func definesCommand(f *dockerfile.File) bool {
	for _, st := range f.StageChain(f.FinalStage()) {
		for _, in := range st.Instructions {
			if in.Cmd == "cmd" || in.Cmd == "entrypoint" {
				return true
			}
		}
	}
	return false
}

// runsTool reports whether the final stage's ENTRYPOINT or CMD runs program name.
func runsTool(f *dockerfile.File, name string) bool {
	for _, st := range f.StageChain(f.FinalStage()) {
		for _, in := range st.Instructions {
			if in.Cmd != "cmd" && in.Cmd != "entrypoint" || len(in.Args) == 0 {
				continue
			}
			first := in.Args[0]
			if !in.JSON {
				if fs := strings.Fields(first); len(fs) > 0 {
					first = fs[0]
				}
			}
			if i := strings.LastIndexByte(first, '/'); i >= 0 {
				first = first[i+1:]
			}
			if first == name {
				return true
			}
		}
	}
	return false
}

var (
	// BuildToolsInFinalStage is DO107 (build-tools-in-final-stage).
	BuildToolsInFinalStage = &rule.Rule{
		ID:       "DO107",
		Name:     "build-tools-in-final-stage",
		Family:   rule.Size,
		Severity: rule.Warning,
		Doc: rule.Doc{
			What: "Finds build tools installed with apt-get, apk, yum, dnf, microdnf or zypper in a stage " +
				"whose layers end up in the final image and not removed afterwards: compilers (gcc, " +
				"g++, clang, gfortran, rustc/cargo, golang), make, cmake, build-essential/build-base, " +
				"autotools, linux-headers, `*-dev`/`*-devel` packages and git. Packages removed later " +
				"(`apt-get purge`, `apk del` of the package or its `--virtual` group, the " +
				"`apt-mark auto` + `apt-get purge --auto-remove` pattern) and a tool the image's " +
				"ENTRYPOINT/CMD runs are not reported, nor images without their own CMD or ENTRYPOINT " +
				"(base and toolbox images such as buildpack-deps, where the tools are the point).",
			Why: "A compiler toolchain with headers weighs 150 to 400 MB and widens the attack surface " +
				"(a compiler and git in a production container help an intruder). They are needed to " +
				"build, not to run: build in a builder stage and copy only the result, or install and " +
				"remove them in the same RUN. Runtime libraries replace the `-dev` packages (libpq5 " +
				"for libpq-dev).",
			Example: "FROM python:3.12-slim\n" +
				"RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\\n" +
				" && rm -rf /var/lib/apt/lists/*\n" +
				"RUN pip install --no-cache-dir psycopg2",
			UseInstead: "FROM python:3.12-slim AS build\n" +
				"RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev\n" +
				"RUN pip wheel --no-cache-dir --wheel-dir /wheels psycopg2\n\n" +
				"FROM python:3.12-slim\n" +
				"RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \\\n" +
				" && rm -rf /var/lib/apt/lists/*\n" +
				"COPY --from=build /wheels /wheels\n" +
				"RUN pip install --no-cache-dir /wheels/*",
			References: []string{
				"https://docs.docker.com/build/building/multi-stage/",
				"https://docs.docker.com/build/building/best-practices/#use-multi-stage-builds",
				"https://packages.debian.org/bookworm/build-essential",
			},
		},
		Check: func(p *rule.Pass) {
			if !definesCommand(p.File) {
				return // a base or toolbox image (buildpack-deps, CI images): tools may be its purpose
			}
			var ops []pkgOp
			for _, st := range reverseStages(p.File.StageChain(p.File.FinalStage())) {
				for _, in := range st.Instructions {
					if in.Cmd == "run" {
						ops = append(ops, packageOps(p.File, in)...)
					}
				}
			}
			for i, op := range ops {
				if !op.install {
					continue
				}
				var left []string
				seen := map[string]bool{}
				for _, pkg := range op.pkgs {
					if !isBuildTool(pkg) || seen[pkg] || runsTool(p.File, pkg) || removedLater(ops, i, pkg, op.virtual) {
						continue
					}
					seen[pkg] = true
					left = append(left, pkg)
				}
				if len(left) == 0 {
					continue
				}
				sort.Strings(left)
				p.ReportCommand(op.in, op.cmd, "build tools left in the final image: "+strings.Join(left, ", ")+
					" (build in a separate stage, or remove them in the same RUN)")
			}
		},
	}
)

// removedLater reports whether a package (or its apk --virtual group) installed by ops[i] is
// removed by a later operation.
func removedLater(ops []pkgOp, i int, pkg, virtual string) bool {
	for _, op := range ops[i+1:] {
		if op.install {
			continue
		}
		if op.all && op.in == ops[i].in {
			return true
		}
		for _, r := range op.pkgs {
			if r == pkg || virtual != "" && r == virtual {
				return true
			}
		}
	}
	return false
}

func reverseStages(s []*dockerfile.Stage) []*dockerfile.Stage {
	out := make([]*dockerfile.Stage, len(s))
	for i, st := range s {
		out[len(s)-1-i] = st
	}
	return out
}
