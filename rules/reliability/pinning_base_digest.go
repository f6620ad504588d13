package reliability

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/rule"
)

var (
	// BaseImageDigest is DO707 (base-image-digest).
	BaseImageDigest = &rule.Rule{
		ID:       "DO707",
		Name:     "base-image-digest",
		Family:   rule.Reliability,
		Severity: rule.Info,
		OptIn:    true,
		Doc: rule.Doc{
			What: "Finds FROM instructions whose image is not pinned by digest (`@sha256:...`). " +
				"`scratch`, references to earlier stages and references whose variables cannot be " +
				"resolved are not reported.",
			Why: "A tag is a movable name: `python:3.12-slim` is rebuilt every few days with new " +
				"Debian packages, and a registry (or an attacker with push access) can point it at " +
				"anything. A digest names exactly one image, so builds are reproducible and the " +
				"base changes only in a reviewed commit. Informational, because a digest also stops " +
				"security updates until someone (or a bot such as Renovate or Dependabot) bumps it.",
			Example:    "FROM python:3.12-slim",
			UseInstead: "FROM python:3.12-slim@sha256:<digest printed by `docker buildx imagetools inspect python:3.12-slim`>",
			OffByDefault: "A digest stops security updates of the base until someone bumps it: official images and " +
				"most projects follow a tag on purpose and rebuild when it moves, which is what most " +
				"findings on real Dockerfiles were (docs/precision.md). hadolint has no such rule. Turn " +
				"it on where a bot (Renovate, Dependabot) keeps digests current.",
			References: []string{
				"https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
				"https://docs.docker.com/reference/dockerfile/#from",
			},
		},
		Check: func(p *rule.Pass) {
			f := p.File
			for _, st := range f.Stages {
				if f.BaseStage(st) != nil || strings.Contains(st.BaseName, "@") {
					continue
				}
				img := st.BaseImage
				if img == "" || strings.Contains(img, "@") || strings.EqualFold(img, "scratch") {
					continue
				}
				p.Report(st.From, fmt.Sprintf("base image %s is not pinned by digest: add @sha256:<digest>", img))
			}
		},
	}
)
