package cache

import (
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// cacheMountFor returns the cache mount that would keep a dependency install's downloads
// between builds, or "" when c is not such an install.
func cacheMountFor(c *dockerfile.Command) (tool, mount string) {
	if args, ok := ruleutil.PipArgs(c); ok && ruleutil.PipSubcommand(args) == "install" {
		return "pip install", "--mount=type=cache,target=/root/.cache/pip"
	}
	if d, ok := dependencyInstall(c); ok {
		switch d.ecosystem {
		case "npm":
			return "npm " + c.Subcommand(ruleutil.NpmValueFlags...), "--mount=type=cache,target=/root/.npm"
		case "yarn":
			return "yarn install", "--mount=type=cache,target=/usr/local/share/.cache/yarn"
		case "pnpm":
			return "pnpm install", "--mount=type=cache,target=/root/.local/share/pnpm/store"
		case "go":
			return "go mod download", "--mount=type=cache,target=/go/pkg/mod"
		case "bundler":
			return "bundle install", "--mount=type=cache,target=/usr/local/bundle/cache"
		case "composer":
			return "composer install", "--mount=type=cache,target=/root/.composer/cache"
		case "poetry":
			return "poetry install", "--mount=type=cache,target=/root/.cache/pypoetry"
		case "uv":
			return "uv sync", "--mount=type=cache,target=/root/.cache/uv"
		case "maven":
			return "mvn", "--mount=type=cache,target=/root/.m2"
		case "cargo":
			return "cargo fetch", "--mount=type=cache,target=/usr/local/cargo/registry"
		}
	}
	switch {
	case c.Is("go") && (c.Subcommand() == "build" || c.Subcommand() == "install"):
		return "go " + c.Subcommand(), "--mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build"
	case c.Is("mvn", "mvnw") && c.Subcommand() != "":
		return "mvn", "--mount=type=cache,target=/root/.m2"
	case c.Is("gradle", "gradlew") && c.Subcommand() != "":
		return "gradle", "--mount=type=cache,target=/root/.gradle"
	case c.Is("cargo") && (c.Subcommand() == "build" || c.Subcommand() == "install"):
		return "cargo " + c.Subcommand(), "--mount=type=cache,target=/usr/local/cargo/registry"
	case ruleutil.IsAptInstall(c) && ruleutil.PmSubcommand(c) == "install":
		return "apt-get install", "--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked"
	}
	return "", ""
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
