package correctness

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// InvalidDefaultArgInFrom is DO017 (invalid-default-arg-in-from).
	InvalidDefaultArgInFrom = &rule.Rule{
		ID:          "DO017",
		Name:        "invalid-default-arg-in-from",
		Family:      rule.Correctness,
		Severity:    rule.Warning,
		Equivalents: []string{"buildkit:InvalidDefaultArgInFrom"},
		Doc: rule.Doc{
			What: "Finds a `FROM` whose image reference, built from global ARGs, is empty or invalid when " +
				"those ARGs keep their default values (`ARG TAG` then `FROM busybox:${TAG}`). dockopt runs " +
				"BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter). As BuildKit does, it also " +
				"reports a reference with no variable that is invalid: uppercase letters (`FROM DEBIAN`), a " +
				"short digest (`FROM x@sha256:f1db`), a template's `FROM alpine:%%TAG%%`. BuildKit parses and " +
				"lints such a file and fails only when it resolves the stage, so dockopt lints the rest of " +
				"the file too (it used to stop with exit 2).",
			Why: "A Dockerfile should build with a plain `docker build`. When the base image only becomes " +
				"valid with `--build-arg`, a build without it fails with an obscure reference error, and " +
				"tools that read the Dockerfile (scanners, Dependabot/Renovate) cannot tell what the base is.",
			Example:    "ARG TAG\nFROM busybox:${TAG}",
			UseInstead: "ARG TAG=1.36\nFROM busybox:${TAG}\n\n# or a fallback in place:\nARG TAG\nFROM busybox:${TAG:-1.36}",
			References: []string{buildkitlint.DocURL("invalid-default-arg-in-from")},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "InvalidDefaultArgInFrom", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil || in.Stage == nil {
					buildkitlint.Report(p, w, in, buildkitlint.LowerFirst(w.Message))
					return
				}
				base := in.Stage.BaseName
				if !strings.Contains(base, "$") {
					if msg := in.Stage.InvalidBaseImage; msg != "" {
						p.Report(in, msg+": the build fails when it resolves this stage")
					}
					return
				}
				p.Report(in, fmt.Sprintf("base image %q is empty or invalid with the ARG defaults; give the ARG a default value", base))
			})
		},
	}
)
