package reliability

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// CopyRelativeDestWithoutWorkdir is DO408 (copy-relative-dest-without-workdir).
	CopyRelativeDestWithoutWorkdir = &rule.Rule{
		ID:          "DO408",
		Name:        "copy-relative-dest-without-workdir",
		Family:      rule.Reliability,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3045"},
		Doc: rule.Doc{
			What: "Finds a COPY or ADD with a relative destination (`COPY app.py app/`, `COPY . .`) in a stage " +
				"where no WORKDIR was set before it (in the stage or the stages it is built FROM). Windows " +
				"images and destinations that start with a variable are not reported.",
			Why: "A relative destination is resolved against the working directory, which then comes from the " +
				"base image: / for most, /go for golang, /usr/src/app for some. The files land somewhere " +
				"else when the base image changes, and the Dockerfile does not say where. A WORKDIR states it.",
			Example:    "FROM python:3.12-slim\nCOPY app.py app/",
			UseInstead: "FROM python:3.12-slim\nWORKDIR /srv\nCOPY app.py app/",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#copy",
				"https://github.com/hadolint/hadolint/wiki/DL3045",
			},
		},
		Check: func(p *rule.Pass) {
			for _, in := range p.File.Instructions {
				sd := ruleutil.SourcesAndDest(in)
				if sd == nil {
					continue
				}
				dest := sd.DestPath
				if v, ok := p.File.Expand(in, dest); ok && !strings.Contains(dest, "$") {
					dest = v // quotes removed, as BuildKit does
				}
				if dest == "" || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "$") || buildkitlint.IsWindowsAbsPath(dest) || in.Stage == nil || ruleutil.WindowsStage(p.File, in.Stage) || workdirSetBefore(p.File, in) {
					continue
				}
				p.Report(in, fmt.Sprintf("%s to the relative destination %s with no WORKDIR set: where it lands depends on the base image's working directory", strings.ToUpper(in.Cmd), dest))
			}
		},
	}
)

// workdirSetBefore reports whether a WORKDIR comes before in, in its stage or the stages it
// is built FROM.
func workdirSetBefore(f *dockerfile.File, in *dockerfile.Instruction) bool {
	for _, st := range f.StageChain(in.Stage) {
		for _, x := range st.Instructions {
			if x == in {
				break
			}
			if x.Cmd == "workdir" {
				return true
			}
		}
	}
	return false
}
