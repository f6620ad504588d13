package reliability

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// WorkdirRelativePath is DO010 (workdir-relative-path).
	WorkdirRelativePath = &rule.Rule{
		ID:          "DO010",
		Name:        "workdir-relative-path",
		Family:      rule.Reliability,
		Severity:    rule.Warning,
		Equivalents: []string{"buildkit:WorkdirRelativePath", "hadolint:DL3000", "trivy:AVD-DS-0009"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds a relative `WORKDIR` in a stage that has not set an absolute one before. dockopt runs " +
				"BuildKit's check itself, with BuildKit's results (tested against BuildKit's own linter). Windows paths (`C:\\app`) and paths that start with " +
				"a variable (`WORKDIR $HOME/app`, whose value the base image may set) are not reported.",
			Why: "A relative `WORKDIR` is resolved against the working directory of the base image. If the " +
				"base image changes its `WORKDIR` (a new tag, another base), every later `COPY`, `RUN` and " +
				"the container's working directory silently move with it. " +
				"Severity: a warning, as BuildKit reports it; hadolint's DL3000 makes it an error. The " +
				"file builds; it breaks only when the base image's working directory changes.",
			Example:    "FROM nginx\nWORKDIR usr/share/nginx/html\nCOPY public .",
			UseInstead: "FROM nginx\nWORKDIR /usr/share/nginx/html\nCOPY public .",
			Fixed:      "WORKDIR paths are absolute",
			FixNotes: "Rewrites the path as the absolute path it resolves to, only when the previous " +
				"working directory is known: the stage is built FROM `scratch` (working directory `/`) or " +
				"FROM another stage of the file whose absolute `WORKDIR` is known. Safe then: the path is " +
				"the same. A stage built from an external image gets no fix, because its working directory " +
				"is not known offline.",
			References: []string{
				buildkitlint.DocURL("workdir-relative-path"),
				"https://docs.docker.com/reference/dockerfile/#workdir",
				"https://github.com/hadolint/hadolint/wiki/DL3000",
			},
		},
		Check: func(p *rule.Pass) {
			buildkitlint.EachWarning(p, "WorkdirRelativePath", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil || in.Cmd != "workdir" || len(in.Args) == 0 || in.Stage == nil {
					buildkitlint.Report(p, w, in, buildkitlint.LowerFirst(w.Message))
					return
				}
				raw := buildkitlint.Unquote(in.Args[0])
				if strings.HasPrefix(raw, "$") {
					return // the base image may define the variable as an absolute path
				}
				path, ok := p.File.Expand(in, raw)
				if !ok || path == "" || buildkitlint.IsWindowsAbsPath(path) || buildkitlint.IsWindowsAbsPath(raw) {
					return
				}
				var edits []rule.TextEdit
				if wd, known := buildkitlint.StageWorkdir(p.File, in.Stage, in); known && !strings.Contains(raw, "$") && !strings.ContainsAny(raw, " \t\"'\\`") {
					ws := buildkitlint.SourceWords(p.File, in)
					if len(ws) == 2 && ws[1].Text == in.Args[0] && ws[1].End-ws[1].Start == len(ws[1].Text) {
						abs := buildkitlint.CleanPath(wd + "/" + raw)
						if strings.HasSuffix(raw, "/") && abs != "/" {
							abs += "/"
						}
						edits = append(edits, rule.TextEdit{Start: ws[1].Start, End: ws[1].End, New: abs})
					}
				}
				p.Report(in, fmt.Sprintf("relative WORKDIR %q depends on the working directory of the base image", path),
					rule.WithFix("make the WORKDIR absolute", edits...))
			})
		},
	}
)
