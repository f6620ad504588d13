package size

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// compileStep returns a short description ("go build", "npm run build"...) when a command
// compiles or bundles an application, "" otherwise. needsTools is true for steps that only
// count when a compiler stays in the image (make, cmake, pip install).
func compileStep(c *dockerfile.Command) (what string, needsTools bool) {
	var pos []string // the operands, read only for the programs whose steps depend on them
	if c.Is("npm", "yarn", "pnpm", "bun", "tsc", "ng", "vite", "webpack", "next", "nest", "mvn", "mvnw", "gradle", "gradlew", "dotnet") {
		pos = c.Positional()
	}
	first := ""
	if len(pos) > 0 {
		first = pos[0]
	}
	has := func(words ...string) string {
		for _, a := range pos {
			for _, w := range words {
				if a == w {
					return a
				}
			}
		}
		return ""
	}
	if call, ok := ruleutil.PmOf(c, "go", "cargo"); ok && (call.Sub == "build" || call.Sub == "install") {
		return call.Manager.ID + " " + call.Sub, false
	}
	switch {
	case c.Is("npm", "yarn", "pnpm", "bun"):
		script := first
		if first == "run" || first == "run-script" {
			script = ""
			if len(pos) > 1 {
				script = pos[1]
			}
		} else if c.Is("npm") {
			script = ""
		}
		if script == "build" || strings.HasPrefix(script, "build:") {
			return c.Name + " run " + script, false
		}
	case c.Is("tsc", "ng", "vite", "webpack", "next", "nest"):
		if c.Is("tsc", "webpack") || first == "build" {
			return c.Name + " build", false
		}
	case c.Is("mvn", "mvnw"):
		if w := has("package", "install", "verify", "spring-boot:repackage"); w != "" {
			return "mvn " + w, false
		}
	case c.Is("gradle", "gradlew"):
		if w := has("build", "assemble", "bootJar", "shadowJar", "installDist", "jar", "war"); w != "" {
			return "gradle " + w, false
		}
	case c.Is("dotnet"):
		if first == "publish" || first == "build" {
			return "dotnet " + first, false
		}
	case c.Is("make", "cmake", "ninja"):
		return c.Name, true
	default:
		if _, ok := ruleutil.PipInstall(c); ok {
			return "pip install", true
		}
	}
	return "", false
}

// toolchainImages are official images that carry a compiler toolchain in their full variants.
var toolchainImages = map[string]bool{"golang": true, "rust": true, "gcc": true, "buildpack-deps": true,
	"maven": true, "gradle": true, "python": true, "node": true, "ruby": true, "perl": true,
	"haskell": true, "swift": true, "mcr.microsoft.com/dotnet/sdk": true}

// hasToolchain reports whether the final image keeps a compiler: a full toolchain base image
// or compilers installed and not removed.
func hasToolchain(p *rule.Pass) bool {
	repo, tag, ok := splitImage(p.File.RootImage(p.File.FinalStage()))
	if ok && toolchainImages[repo] && !dockerfile.IsSmallVariantTag(tag) {
		return true
	}
	ops := finalImageOps(p.File)
	for i, op := range ops {
		if !op.Install {
			continue
		}
		for _, pkg := range op.Pkgs {
			if isCompiler(pkg) && !pkgmgr.RemovedLater(ops, i, pkg, op.Virtual) {
				return true
			}
		}
	}
	return false
}

// isCompiler reports whether a package provides a C/C++ compiler toolchain.
func isCompiler(pkg string) bool { return pkgmgr.BuildTool(pkg) == pkgmgr.Compiler }

var (
	// SingleStageBuild is DO108 (single-stage-build).
	SingleStageBuild = &rule.Rule{
		ID:       "DO108",
		Name:     "single-stage-build",
		Family:   rule.Size,
		Severity: rule.Warning,
		Doc: rule.Doc{
			What: "Finds a Dockerfile with a single stage that compiles or bundles the application " +
				"(`go build`, `npm/yarn/pnpm run build`, `tsc`, `mvn package`, `gradle build`, " +
				"`cargo build`, `dotnet publish`; `make`, `cmake` or `pip install` while a compiler " +
				"stays in the image). Base images are not reported: images without their own CMD or " +
				"ENTRYPOINT (toolbox images), ONBUILD templates, and language images whose command is " +
				"the bare interpreter or a shell (`CMD [\"python3\"]`, `[\"php\", \"-a\"]`: the official " +
				"python and php images compile their runtime in place on purpose), including the official " +
				"php image's server variants (php:*-fpm, php:*-apache), recognised by the " +
				"`docker-php-ext-*` helpers they copy in for child images.",
			Why: "A single stage ships everything the build needed: the SDK or compiler toolchain, " +
				"sources, dev dependencies, build caches. A Go service built in golang:1.22 weighs " +
				"about 800 MB; the same binary on a distroless or scratch base, about 10 to 20 MB. A " +
				"multi-stage build compiles in one stage and copies only the result into a small " +
				"final stage, with fewer packages to patch and scan. " +
				"`dockopt optimize` splits such a stage for Go, Node, Python, Java (the jar onto debian slim " +
				"with a runtime jlink links from the modules jdeps finds it uses, or into the JDK's JRE image; " +
				"a Spring Boot jar's layers copied one by one; " +
				"Maven's dependencies resolved after pom.xml alone) and Rust (the binary " +
				"into debian slim; the dependencies compiled against an empty main.rs after Cargo.toml " +
				"and Cargo.lock): the facts and their sources are in docs/package-managers.md.",
			Example: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]",
			UseInstead: "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\n" +
				"COPY . .\nRUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /app .\n\n" +
				"FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nCMD [\"/app\"]",
			References: []string{
				"https://docs.docker.com/build/building/multi-stage/",
				"https://docs.docker.com/build/building/best-practices/#use-multi-stage-builds",
				pkgmgr.BuildOutputs["maven"].Source.URL,
				pkgmgr.BuildOutputs["cargo"].Source.URL,
				"https://hub.docker.com/_/eclipse-temurin",
				pkgmgr.JLink.JLink[0].Source.URL,
				pkgmgr.SpringBoot.LayersSource.URL,
			},
		},
		Check: func(p *rule.Pass) {
			if len(p.File.Stages) != 1 || !ruleutil.RunsApplication(p.File) {
				return
			}
			toolchain := -1 // unknown until needed
			for _, in := range p.File.Stages[0].Instructions {
				if in.Cmd != "run" || in.Script == nil {
					continue
				}
				for _, c := range in.Script.Commands {
					what, needsTools := compileStep(c)
					if what == "" {
						continue
					}
					if needsTools {
						if toolchain < 0 {
							toolchain = 0
							if hasToolchain(p) {
								toolchain = 1
							}
						}
						if toolchain == 0 {
							continue
						}
					}
					p.ReportCommand(in, c, "single-stage build runs "+what+" and ships its toolchain and sources: "+
						"build in a separate stage and copy only the result into a slim final stage")
					return
				}
			}
		},
	}
)
