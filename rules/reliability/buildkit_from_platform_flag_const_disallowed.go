package reliability

import (
	"fmt"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// FromPlatformFlagConstDisallowed is DO018 (from-platform-flag-const-disallowed).
	FromPlatformFlagConstDisallowed = &rule.Rule{
		ID:          "DO018",
		Name:        "from-platform-flag-const-disallowed",
		Family:      rule.Reliability,
		Severity:    rule.Warning,
		Equivalents: []string{"buildkit:FromPlatformFlagConstDisallowed", "hadolint:DL3029"},
		Doc: rule.Doc{
			What: "Finds `FROM --platform=` with a constant platform (`linux/amd64`), unless the stage " +
				"name mentions that OS or architecture (`AS build-amd64`), the usual sign of a deliberate " +
				"per-platform stage. dockopt runs BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter).",
			Why: "A constant platform pins the stage to one platform: a multi-platform build (`docker buildx " +
				"build --platform linux/amd64,linux/arm64`) silently produces amd64 binaries in the arm64 " +
				"image, which then fail with `exec format error` at run time, or run under slow emulation.",
			Example:    "FROM --platform=linux/amd64 alpine AS base",
			UseInstead: "FROM alpine AS base\n\n# or, for a cross-compiling build stage:\nFROM --platform=$BUILDPLATFORM golang:1.22 AS build",
			References: []string{
				buildkitlint.DocURL("from-platform-flag-const-disallowed"),
				"https://docs.docker.com/build/building/multi-platform/",
				"https://github.com/hadolint/hadolint/wiki/DL3029",
			},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "FromPlatformFlagConstDisallowed", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				buildkitlint.Report(p, w, in, fmt.Sprintf("FROM --platform=%s pins the stage to one platform; use $BUILDPLATFORM or build with --platform", w.Arg(0)))
			})
		},
	}
)
