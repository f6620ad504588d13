package security

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

var (
	// LatestTag is DO308 (latest-tag).
	LatestTag = &rule.Rule{
		ID:          "DO308",
		Name:        "latest-tag",
		Family:      rule.Security,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3006", "hadolint:DL3007", "trivy:AVD-DS-0001", "dockle:DKL-DI-0006"},
		Doc: rule.Doc{
			What: "Finds a FROM whose image has no tag or the `latest` tag, after ARG substitution " +
				"(`FROM python:${PY}` with `ARG PY=latest` counts). Not reported: `scratch`, " +
				"references to earlier stages, images pinned by digest (`@sha256:...`), and " +
				"references with a variable that has no value (the tag comes from the build command).",
			Why: "`latest` is whatever was pushed last: the same Dockerfile builds a different image " +
				"next week, possibly a new major version of the OS or runtime, and a build cannot be " +
				"reproduced or audited. A tag names the version you tested; a digest makes it immutable.",
			Example:    "FROM python\nFROM node:latest AS assets",
			UseInstead: "FROM python:3.12-slim-bookworm\nFROM node:20.11-bookworm-slim AS assets",
			References: []string{
				"https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
				"https://github.com/hadolint/hadolint/wiki/DL3006",
				"https://github.com/hadolint/hadolint/wiki/DL3007",
				"https://avd.aquasec.com/misconfig/ds001",
			},
		},
		Check: func(p *rule.Pass) {
			f := p.File
			for _, st := range f.Stages {
				if !secExternalImage(f, st) {
					continue
				}
				r := dockerfile.ParseImageRef(st.BaseImage)
				if r.Digest != "" {
					continue
				}
				shown := st.BaseImage
				if shown != st.BaseName {
					shown += " (from " + st.BaseName + ")"
				}
				switch {
				case r.Tag == "":
					p.Report(st.From, "base image "+shown+" has no tag: it means latest, which changes under you")
				case strings.EqualFold(r.Tag, "latest"):
					p.Report(st.From, "base image "+shown+" uses the latest tag, which changes under you")
				}
			}
		},
	}
)
