package correctness

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/agext/levenshtein"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

var (
	// CopyFromUnknownStage is DO501 (copy-from-unknown-stage).
	CopyFromUnknownStage = &rule.Rule{
		ID:          "DO501",
		Name:        "copy-from-unknown-stage",
		Family:      rule.Correctness,
		Severity:    rule.Error,
		Equivalents: []string{"hadolint:DL3022", "hadolint:DL3023", "trivy:AVD-DS-0018", "trivy:AVD-DS-0006"},
		Doc: rule.Doc{
			What: "Finds `COPY --from=X` and `RUN --mount=from=X` where X is the current stage, a stage " +
				"defined later, a stage index that does not exist, a variable, or a bare name that is " +
				"no stage of the file. A value that looks like an image reference (with `:`, `/`, `.` " +
				"or `@`) is taken as an image and not reported.",
			Why: "A stage cannot copy from itself (BuildKit: \"circular dependency detected\"); an index " +
				"past the last stage fails (\"invalid stage index\"); BuildKit refuses variables in " +
				"--from (\"variable expansion is not supported for --from\"). A bare name that is no " +
				"stage is pulled as the image docker.io/library/X:latest, so a typo in a stage name " +
				"fails with \"pull access denied\" or, worse, copies from an unrelated image. Stages " +
				"referenced before their definition build with BuildKit but not with the legacy " +
				"builder and make the file hard to follow. " +
				"Severity: an error, as hadolint's DL3023 (a stage copying from itself); hadolint's " +
				"DL3022 (an undefined stage) is only a warning, but BuildKit then pulls an image of that " +
				"name and the build fails or copies from the wrong image.",
			Example:    "FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=biuld /app /app",
			UseInstead: "FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#copy---from",
				"https://docs.docker.com/build/building/multi-stage/",
				"https://github.com/hadolint/hadolint/wiki/DL3022",
				"https://github.com/hadolint/hadolint/wiki/DL3023",
			},
		},
		Check: checkCopyFrom,
	}
)

func checkCopyFrom(p *rule.Pass) {
	f := p.File
	for _, st := range f.Stages {
		for _, in := range st.Instructions {
			var froms []string
			what := "COPY --from"
			switch in.Cmd {
			case "copy":
				if v, ok := in.Flag("from"); ok {
					froms = append(froms, v)
				}
			case "run":
				what = "RUN --mount=from"
				for _, m := range in.FlagValues("mount") {
					for _, kv := range strings.Split(m, ",") {
						if k, v, ok := strings.Cut(strings.TrimSpace(kv), "="); ok && k == "from" {
							froms = append(froms, v)
						}
					}
				}
			}
			for _, v := range froms {
				if msg := relCheckFrom(f, st, what, v); msg != "" {
					p.Report(in, msg)
				}
			}
		}
	}
}

// relCheckFrom returns what is wrong with a --from value used in stage st, "" if nothing.
func relCheckFrom(f *dockerfile.File, st *dockerfile.Stage, what, v string) string {
	if v == "" {
		return ""
	}
	if strings.Contains(v, "$") {
		return fmt.Sprintf("%s=%s: BuildKit does not expand variables in --from; declare `FROM %s AS <name>` and use that stage name", what, v, v)
	}
	if n, err := strconv.Atoi(v); err == nil {
		switch {
		case n == st.Index:
			return fmt.Sprintf("%s=%d refers to the current stage: a stage cannot copy from itself", what, n)
		case n < 0 || n >= len(f.Stages):
			return fmt.Sprintf("%s=%d: the file has no stage with index %d (stages are numbered 0 to %d)", what, n, n, len(f.Stages)-1)
		case n > st.Index:
			return fmt.Sprintf("%s=%d refers to a stage defined later (line %d): define it before the stage that uses it", what, n, f.Stages[n].From.StartLine)
		}
		return ""
	}
	lv := strings.ToLower(v)
	for _, s := range f.Stages {
		if s.Name == "" || s.Name != lv {
			continue
		}
		switch {
		case s == st:
			return fmt.Sprintf("%s=%s refers to the current stage: a stage cannot copy from itself", what, v)
		case s.Index > st.Index:
			return fmt.Sprintf("%s=%s refers to a stage defined later (line %d): define it before the stage that uses it", what, v, s.From.StartLine)
		}
		return ""
	}
	if strings.ContainsAny(v, ":/.@") {
		return "" // an image reference
	}
	best, bestD := "", 3
	for _, s := range f.Stages[:st.Index] {
		if s.Name == "" {
			continue
		}
		if d := levenshtein.Distance(lv, s.Name, nil); d < bestD {
			best, bestD = s.Name, d
		}
	}
	if best != "" {
		return fmt.Sprintf("%s=%s names no stage of this file (did you mean %s?); BuildKit would pull the image %s:latest instead", what, v, best, v)
	}
	return fmt.Sprintf("%s=%s names no stage of this file: BuildKit pulls the image docker.io/library/%s:latest (or a --build-context named %s); if an image is meant, give it a tag", what, v, lv, v)
}
