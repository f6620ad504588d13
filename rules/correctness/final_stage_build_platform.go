package correctness

import (
	"strings"

	"github.com/dockopt/dockopt/rule"
)

var (
	// FinalStageBuildPlatform is DO514 (final-stage-build-platform).
	FinalStageBuildPlatform = &rule.Rule{
		ID:       "DO514",
		Name:     "final-stage-build-platform",
		Family:   rule.Correctness,
		Severity: rule.Warning,
		Doc: rule.Doc{
			What: "Finds `FROM --platform=$BUILDPLATFORM` (also `${BUILDPLATFORM}`, `$BUILDOS/$BUILDARCH`) " +
				"on the final stage, or on the stage it is built FROM that names its external image: " +
				"the image that is shipped. Build stages with it are the intended use and are not " +
				"reported.",
			Why: "`$BUILDPLATFORM` is the platform of the machine running the build. On a build stage it " +
				"lets a compiler run natively and cross-compile for `$TARGETPLATFORM`; on the final " +
				"stage it makes the shipped image the build machine's: `docker buildx build " +
				"--platform linux/arm64` on an amd64 runner produces an amd64 base labelled as arm64 " +
				"in the manifest list, which fails with `exec format error` on the target. A single-" +
				"platform build on a matching machine hides it.",
			Example:    "FROM --platform=$BUILDPLATFORM golang:1.24 AS build\nRUN GOARCH=$TARGETARCH go build -o /app\n\nFROM --platform=$BUILDPLATFORM alpine:3.22\nCOPY --from=build /app /app",
			UseInstead: "FROM --platform=$BUILDPLATFORM golang:1.24 AS build\nRUN GOARCH=$TARGETARCH go build -o /app\n\nFROM alpine:3.22\nCOPY --from=build /app /app",
			References: []string{
				"https://docs.docker.com/build/building/multi-platform/#cross-compilation",
				"https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope",
			},
		},
		Check: func(p *rule.Pass) {
			f := p.File
			final := f.FinalStage()
			if final == nil {
				return
			}
			root := f.RootStage(final)
			if root == nil || root.From == nil {
				return
			}
			plat := strings.ToUpper(root.Platform)
			if !strings.Contains(plat, "BUILDPLATFORM") && !strings.Contains(plat, "BUILDARCH") {
				return
			}
			msg := "FROM --platform=" + root.Platform + " on the final image: it gets the build machine's platform, not the target's; remove --platform"
			if root != final {
				msg = "the final stage is built FROM this stage, whose --platform=" + root.Platform +
					" gives the shipped image the build machine's platform, not the target's; remove --platform"
			}
			p.Report(root.From, msg)
		},
	}
)
