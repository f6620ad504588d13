package cache

import (
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
	"strings"
)

// cacheMountFor returns the cache mount that would keep a dependency install's downloads
// between builds, or "" when c is not such an install.
func cacheMountFor(c *dockerfile.Command) (tool, mount string) {
	if _, ok := ruleutil.PipInstall(c); ok {
		return "pip install", cacheMount("pip", "pip-cache")
	}
	if d, ok := dependencyInstall(c); ok {
		switch d.ecosystem {
		case "npm":
			return "npm " + ruleutil.PmSubcommand(c), cacheMount("npm", "npm-cache")
		case "yarn":
			return "yarn install", cacheMount("yarn", "yarn-cache")
		case "pnpm":
			return "pnpm install", cacheMount("pnpm", "pnpm-store")
		case "go":
			return "go mod download", cacheMount("go", "go-mod-cache")
		case "bundler":
			return "bundle install", cacheMount("gem", "gem-cache")
		case "composer":
			return "composer install", cacheMount("composer", "composer-cache")
		case "poetry":
			return "poetry install", cacheMount("poetry", "poetry-cache")
		case "uv":
			return "uv sync", cacheMount("uv", "uv-cache")
		case "maven":
			return "mvn", "--mount=type=cache,target=/root/.m2"
		case "cargo":
			return "cargo fetch", cacheMount("cargo", "cargo-registry")
		}
	}
	call, _ := ruleutil.PmOf(c)
	switch {
	case call != nil && call.Is("go") && (call.Sub == "build" || call.Sub == "install"):
		return "go " + call.Sub, cacheMount("go", "go-mod-cache") + " " + cacheMount("go", "go-build-cache")
	case c.Is("mvn", "mvnw") && c.Subcommand() != "":
		return "mvn", "--mount=type=cache,target=/root/.m2"
	case c.Is("gradle", "gradlew") && c.Subcommand() != "":
		return "gradle", "--mount=type=cache,target=/root/.gradle"
	case call != nil && call.Is("cargo") && (call.Sub == "build" || call.Sub == "install"):
		return "cargo " + call.Sub, cacheMount("cargo", "cargo-registry")
	case call != nil && call.Is("apt") && call.Sub == "install":
		// pkgmgr's apt mounts: the lists' parent /var/lib/apt and /var/cache/apt, locked
		flags, _ := pkgmgr.ByID("apt").MountFlags(nil)
		return "apt-get install", strings.Join(flags, " ")
	}
	return "", ""
}

// cacheMount returns the RUN flag that puts a manager's cache (pkgmgr ID and cache kind) on
// a BuildKit cache mount at its default place.
func cacheMount(id, kind string) string {
	ca, _ := pkgmgr.ByID(id).Cache(kind)
	if f := ca.MountFlag(nil); f != "" {
		return f
	}
	return "--mount=type=cache,target=" + ca.Dir
}

// usesBuildKitFeatures reports whether a Dockerfile already relies on BuildKit: a syntax
// directive, RUN --mount, heredocs, or COPY/ADD flags only BuildKit has.
func usesBuildKitFeatures(f *dockerfile.File) bool {
	if _, ok := f.Directive("syntax"); ok {
		return true
	}
	for _, in := range f.Instructions {
		if len(in.Heredocs) > 0 {
			return true
		}
		for _, fl := range in.Flags {
			switch fl.Name {
			case "mount", "network", "security", "link", "chmod", "exclude", "parents", "checksum", "keep-git-dir":
				return true
			}
		}
	}
	return false
}

var (
	// NoCacheMountForDependencies is DO203 (no-cache-mount-for-dependencies).
	NoCacheMountForDependencies = &rule.Rule{
		ID:       "DO203",
		Name:     "no-cache-mount-for-dependencies",
		Family:   rule.Cache,
		Severity: rule.Info,
		Doc: rule.Doc{
			What: "Finds dependency installs and builds (pip, npm, yarn, pnpm, go, bundler, composer, " +
				"poetry, uv, maven, gradle, cargo, apt-get install) in a RUN without any " +
				"`--mount=type=cache`, in a Dockerfile that already uses BuildKit features (a " +
				"`# syntax=` directive, RUN --mount, heredocs, COPY --link/--chmod...). Files that " +
				"do not use BuildKit yet are not reported, to keep the noise low.",
			Why: "When a dependency layer has to rebuild, the package manager downloads everything " +
				"again. A cache mount keeps its download cache between builds, outside the image, so " +
				"a rebuild fetches only what changed, and the cache never reaches a layer (no " +
				"`--no-cache-dir` needed).",
			Example: "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nCOPY requirements.txt .\n" +
				"RUN pip install -r requirements.txt",
			UseInstead: "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nCOPY requirements.txt .\n" +
				"RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt",
			References: []string{
				"https://docs.docker.com/build/cache/optimize/#use-cache-mounts",
				"https://docs.docker.com/reference/dockerfile/#run---mounttypecache",
			},
		},
		Check: func(p *rule.Pass) {
			if !usesBuildKitFeatures(p.File) {
				return
			}
			ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
				if in.Script == nil || len(ruleutil.MountTargets(in, "cache")) > 0 {
					return
				}
				for _, c := range in.Script.Commands {
					if tool, mount := cacheMountFor(c); tool != "" {
						p.ReportCommand(in, c, tool+" downloads everything again on each rebuild: RUN "+mount+
							" keeps the downloads between builds, outside the image")
						return
					}
				}
			})
		},
	}
)
