package style

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// InvalidDefinitionDescription is DO020 (invalid-definition-description).
	InvalidDefinitionDescription = &rule.Rule{
		ID:          "DO020",
		Name:        "invalid-definition-description",
		Family:      rule.Style_,
		Severity:    rule.Style,
		OptIn:       true,
		Equivalents: []string{"buildkit:InvalidDefinitionDescription"},
		Doc: rule.Doc{
			What: "Finds a comment directly above `FROM ... AS name` or `ARG name` (no empty line between) " +
				"that does not start with the stage or argument name. BuildKit has this check as an " +
				"experimental rule that is off unless a build enables it, so dockopt implements it itself. " +
				"It differs from BuildKit in ways that avoid false positives: a description may span several " +
				"comment lines (any line starting with the name counts, as in BuildKit's own outline), and " +
				"tool annotations (`# renovate: datasource=...`, `# hadolint ignore=...`, `# TODO: ...`), " +
				"commented-out instructions (`# RUN ...`) and separator lines (`# -----`) are not taken for " +
				"descriptions, nor is the file's header (comments above its first instruction). As in " +
				"BuildKit, an empty comment line (`#`) ends the block.",
			Why: "`docker buildx build --call=outline` and `--call=targets` show the comment that starts " +
				"with a stage or argument name as its description. A comment in that place that is not a " +
				"description is either a missing description or an unintended one; an empty line between " +
				"the comment and the instruction says it is not a description.",
			Example:    "# compile the binary\nFROM golang:1.22 AS build\n# default version\nARG VERSION=1.0",
			UseInstead: "# build compiles the binary\nFROM golang:1.22 AS build\n# VERSION is the default version\nARG VERSION=1.0",
			OffByDefault: "BuildKit itself runs InvalidDefinitionDescription only when a build asks for its " +
				"experimental checks, and dockopt follows it: the rule runs with `# " +
				"check=experimental=InvalidDefinitionDescription` (or `experimental=all`) in the " +
				"Dockerfile, as in BuildKit, or when turned on. On real Dockerfiles nearly every finding " +
				"is an ordinary comment above an ARG or a stage, not a description gone wrong " +
				"(docs/precision.md). Turn it on where `docker buildx build --call=outline` descriptions " +
				"are kept up.",
			References: []string{
				buildkitlint.DocURL("invalid-definition-description"),
				"https://docs.docker.com/reference/cli/docker/buildx/build/#descriptions",
			},
		},
		Check: func(p *rule.Pass) {
			for i, in := range p.File.Instructions {
				if i == 0 {
					continue // comments above the first instruction are the file's header
				}
				var names []string
				what, fold := "", false
				switch c := in.Command.(type) {
				case *instructions.Stage:
					if c.Name == "" {
						continue
					}
					names, what, fold = []string{c.Name}, "stage "+c.Name, true
				case *instructions.ArgCommand:
					for _, kv := range c.Args {
						names = append(names, kv.Key)
					}
					what = "ARG " + strings.Join(names, " ")
				default:
					continue
				}
				if ok, checked := describes(in.Comments, names, fold); checked && !ok {
					p.Report(in, fmt.Sprintf("comment above %s is not a description: start it with %q or put an empty line between", what, names[0]))
				}
			}
		},
	}
)

var (
	annotationRe = lazyre.New(`^(?:[\w.-]+:\s|[\w.-]+:$|[\w.-]+(?:\s+[\w.-]+)?\s*=)`)
	keywordRe    = lazyre.New(`^(?:FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)\b`)
)

// describes reports whether a comment block directly above an instruction describes one of
// names (compared without case when fold is set, as BuildKit does for stage names); checked
// is false when the block holds no comment that could be a description.
func describes(comments []dockerfile.Comment, names []string, fold bool) (ok, checked bool) {
	// like BuildKit's parser, an empty comment line ends the block above it
	for i := len(comments) - 1; i >= 0; i-- {
		if strings.TrimSpace(comments[i].Text) == "" {
			comments = comments[i+1:]
			break
		}
	}
	for _, c := range comments {
		t := strings.TrimSpace(c.Text)
		if t == "" || !strings.ContainsFunc(t, isLetter) || annotationRe.MatchString(t) || keywordRe.MatchString(t) {
			continue
		}
		checked = true
		first, _, _ := strings.Cut(t, " ")
		for _, n := range names {
			if first == n || (fold && strings.EqualFold(first, n)) {
				return true, true
			}
		}
	}
	return false, checked
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
