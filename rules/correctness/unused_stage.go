package correctness

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

var (
	// UnusedStage is DO505 (unused-stage).
	UnusedStage = &rule.Rule{
		ID:       "DO505",
		Name:     "unused-stage",
		Family:   rule.Correctness,
		Severity: rule.Info,
		Doc: rule.Doc{
			What: "Finds a build stage the final stage does not use: it is not the base of the final " +
				"stage and nothing the final stage needs copies from it (`COPY --from`) or mounts it " +
				"(`RUN --mount=from=`), directly or through other stages.",
			Why: "BuildKit skips such a stage in a plain `docker build`, so whatever it checks (tests, " +
				"lint) silently stops running; the legacy builder builds it for nothing. It may be " +
				"meant for `docker build --target <stage>` (a test or debug image): then this finding " +
				"is expected and can be suppressed with a reason.",
			Example: "FROM node:22 AS deps\nRUN npm ci\n\nFROM node:22 AS test\nRUN npm test\n\n" +
				"FROM node:22-slim\nCOPY --from=deps /app/node_modules /app/node_modules",
			UseInstead: "FROM node:22 AS deps\nRUN npm ci\n\nFROM deps AS test\nRUN npm test\n\n" +
				"FROM node:22-slim\n# dockopt ignore=DO505 -- built with --target test in CI\n" +
				"COPY --from=deps /app/node_modules /app/node_modules",
			References: []string{
				"https://docs.docker.com/build/building/multi-stage/#differences-between-legacy-builder-and-buildkit",
				"https://docs.docker.com/build/building/multi-stage/#stop-at-a-specific-build-stage",
			},
		},
		Check: func(p *rule.Pass) {
			f := p.File
			final := f.FinalStage()
			if final == nil || len(f.Stages) < 2 {
				return
			}
			used := map[*dockerfile.Stage]bool{}
			var visit func(st *dockerfile.Stage)
			visit = func(st *dockerfile.Stage) {
				if st == nil || used[st] {
					return
				}
				used[st] = true
				visit(f.BaseStage(st))
				for _, ref := range relStageRefs(st) {
					visit(relStageByRef(f, ref))
				}
			}
			visit(final)
			for st := range used {
				if st.BaseImage == "" && strings.Contains(st.BaseName, "$") {
					return // its base may be any stage
				}
			}
			for _, st := range f.Stages {
				if used[st] {
					continue
				}
				name := st.Name
				if name == "" {
					name = strconv.Itoa(st.Index)
				}
				p.Report(st.From, fmt.Sprintf("stage %s is not used by the final stage: a plain build skips it (it may be meant for --target %s)", name, name))
			}
		},
	}
)

// relStageRefs returns the --from values of a stage's COPY and RUN --mount instructions.
func relStageRefs(st *dockerfile.Stage) []string {
	var out []string
	for _, in := range st.Instructions {
		switch in.Cmd {
		case "copy":
			if v, ok := in.Flag("from"); ok {
				out = append(out, v)
			}
		case "run":
			for _, m := range in.FlagValues("mount") {
				for _, kv := range strings.Split(m, ",") {
					if k, v, ok := strings.Cut(strings.TrimSpace(kv), "="); ok && k == "from" {
						out = append(out, v)
					}
				}
			}
		}
	}
	return out
}

// relStageByRef finds the stage a --from value names (stage name or index).
func relStageByRef(f *dockerfile.File, ref string) *dockerfile.Stage {
	if n, err := strconv.Atoi(ref); err == nil {
		if n >= 0 && n < len(f.Stages) {
			return f.Stages[n]
		}
		return nil
	}
	lref := strings.ToLower(ref)
	for _, s := range f.Stages {
		if s.Name != "" && s.Name == lref {
			return s
		}
	}
	return nil
}
