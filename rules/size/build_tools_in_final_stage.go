package size

import (
	"sort"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// isBuildTool reports whether a package name (version and architecture stripped) is a build
// tool: a compiler, a toolchain, a build system, git or development headers (pkgmgr's build
// tools, helpers such as pkg-config left out).
func isBuildTool(pkg string) bool {
	k := pkgmgr.BuildTool(pkg)
	return k != pkgmgr.NotATool && k != pkgmgr.BuildHelper
}

// finalImageOps returns the package installs and removals of the RUNs that build the final
// image (its stage and the stages it is built FROM), in build order.
func finalImageOps(f *dockerfile.File) []pkgmgr.Op {
	return pkgmgr.ImageOps(f, f.FinalStage())
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
		ID:          "DO107",
		Name:        "build-tools-in-final-stage",
		Family:      rule.Size,
		Severity:    rule.Warning,
		Equivalents: []string{"cis:4.3"},
		Doc: rule.Doc{
			What: "Finds build tools installed with apt-get, apk, yum, dnf, microdnf or zypper in a stage " +
				"whose layers end up in the final image and not removed afterwards: compilers (gcc, " +
				"g++, clang, gfortran, rustc/cargo, golang), make, cmake, build-essential/build-base, " +
				"autotools, linux-headers, `*-dev`/`*-devel` packages, and git when the build uses it (a " +
				"`git` command, `go get`/`go install`, a git URL given to pip or npm; git that nothing " +
				"in the build runs is there for the application: a git server, an editor). Packages removed later " +
				"(`apt-get purge`, `apk del` of the package or its `--virtual` group, the " +
				"`apt-mark auto` + `apt-get purge --auto-remove` pattern) and a tool the image's " +
				"ENTRYPOINT/CMD runs are not reported, nor base images, where the tools are the point: " +
				"images without their own CMD or ENTRYPOINT (buildpack-deps, CI images), ONBUILD " +
				"templates, and language images whose command is the bare interpreter or a shell " +
				"(`CMD [\"python3\"]`, `[\"node\"]`, `[\"irb\"]`, `[\"php\", \"-a\"]`, `[\"bash\"]`: the " +
				"official python, node, ruby and php images keep headers on purpose so that child " +
				"images can build native extensions), and the official php image's server variants " +
				"(php:*-fpm, php:*-apache: the image copies in the `docker-php-ext-*` helpers, which " +
				"compile extensions in child images with the PHPIZE_DEPS toolchain it keeps). Two run-time " +
				"needs are not reported either: in an image that keeps kmod or dkms, the compiler, make, " +
				"the kernel headers and libelf-dev (an out-of-tree kernel module is built against the " +
				"host's kernel when the container starts); and in a file that removes its build " +
				"dependencies (an `apk del` of its `--virtual` group, an `apt-get purge` of what it " +
				"installed), a library's `-dev` package installed outside that set (the file separates " +
				"what builds from what runs, and a program that dlopens an unversioned libfoo.so needs " +
				"the -dev package, the only one that ships that link: masscan and libpcap-dev).",
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
				"CIS Docker Benchmark v1.6.0, 4.3 Ensure that unnecessary packages are not installed in the container",
			},
		},
		Check: func(p *rule.Pass) {
			if !ruleutil.RunsApplication(p.File) {
				return // a base, toolbox or template image: tools may be its purpose
			}
			ops := finalImageOps(p.File)
			gitInBuild := buildFetchesWithGit(p.File)
			buildsModules := keepsKernelModuleTools(ops)
			splitsDeps := removesBuildDeps(ops)
			for i, op := range ops {
				if !op.Install {
					continue
				}
				var left []string
				seen := map[string]bool{}
				for _, pkg := range op.Pkgs {
					if !isBuildTool(pkg) || seen[pkg] || runsTool(p.File, pkg) || pkgmgr.RemovedLater(ops, i, pkg, op.Virtual) ||
						pkgmgr.BuildTool(pkg) == pkgmgr.SourceControl && !gitInBuild ||
						buildsModules && pkgmgr.KernelModuleBuildTool(pkg) || splitsDeps && pkgmgr.IsLibraryDevPackage(pkg) {
						continue
					}
					seen[pkg] = true
					left = append(left, pkg)
				}
				if len(left) == 0 {
					continue
				}
				sort.Strings(left)
				p.ReportCommand(op.In, op.Cmd, "build tools left in the final image: "+strings.Join(left, ", ")+
					" (build in a separate stage, or remove them in the same RUN)")
			}
		},
	}
)

// buildFetchesWithGit reports whether a RUN of the final image's stages uses git: a git
// command, go get/install of a remote package, or a git URL given to a package manager
// (pip install git+https://..., npm install git://...). git installed and never used by the
// build is there for the running application (a git server, an editor, a CI client).
func buildFetchesWithGit(f *dockerfile.File) bool {
	for _, st := range f.StageChain(f.FinalStage()) {
		for _, in := range st.Instructions {
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				if c.Name == "git" || c.Name == "go" && len(c.Args) > 0 && (c.Args[0] == "get" || c.Args[0] == "install") {
					return true
				}
				for _, a := range c.Args {
					if strings.HasPrefix(a, "git+") || strings.HasPrefix(a, "git://") || strings.HasPrefix(a, "git@") || strings.HasSuffix(a, ".git") {
						return true
					}
				}
			}
		}
	}
	return false
}

// keepsKernelModuleTools reports whether the final image keeps a package that loads or builds
// kernel modules (kmod, dkms): such an image builds a module against the host's kernel when it
// runs (the kernel is not known at build time), so the compiler, make and the kernel headers
// are run-time needs there.
func keepsKernelModuleTools(ops []pkgmgr.Op) bool {
	for i, op := range ops {
		if !op.Install {
			continue
		}
		for _, pkg := range op.Pkgs {
			if pkgmgr.IsKernelModuleTool(pkg) && !pkgmgr.RemovedLater(ops, i, pkg, op.Virtual) {
				return true
			}
		}
	}
	return false
}

// removesBuildDeps reports whether the final image's RUNs remove packages that an install
// of theirs added (an `apk del .build-deps` group, an `apt-get purge` of the build
// dependencies): the file then separates what builds from what runs, and a library's -dev
// package it installs outside the removed set is kept on purpose (a program that dlopens the
// unversioned libfoo.so needs the -dev package, the only one that ships that link).
func removesBuildDeps(ops []pkgmgr.Op) bool {
	for i, op := range ops {
		if !op.Install {
			continue
		}
		for _, pkg := range op.Pkgs {
			if pkgmgr.RemovedLater(ops, i, pkg, op.Virtual) {
				return true
			}
		}
	}
	return false
}
