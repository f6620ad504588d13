package size

import (
	"strconv"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// joinableRun reports whether a RUN is a plain shell-form RUN of at most two commands.
func joinableRun(in *dockerfile.Instruction) bool {
	return in.Cmd == "run" && !in.JSON && len(in.Heredocs) == 0 && in.Script != nil &&
		in.Script.Err == nil && len(in.Script.Commands) <= 2
}

var (
	// ConsecutiveRun is DO112 (consecutive-run).
	ConsecutiveRun = &rule.Rule{
		ID:          "DO112",
		Name:        "consecutive-run",
		Family:      rule.Size,
		Severity:    rule.Info,
		Equivalents: []string{"hadolint:DL3059"},
		Doc: rule.Doc{
			What: "Finds a RUN that directly follows another RUN (comment lines between do not count) " +
				"when both are short shell-form RUNs (at most two commands each) with the same " +
				"--mount/--network/--security flags, in a stage whose layers end up in the final " +
				"image. Heredoc and exec-form RUNs are not reported, nor builder stages, whose layers " +
				"never reach the image.",
			Why: "Each RUN adds a layer. Layers cost metadata, and files changed in several layers are " +
				"stored once per layer; files a RUN creates for the next one to delete stay in the " +
				"image. Joining short related steps with `&&` keeps the image smaller. Longer RUNs are " +
				"left alone: splitting them is usually deliberate, for the build cache.",
			Example:    "RUN mkdir -p /app/data\nRUN chown app /app/data",
			UseInstead: "RUN mkdir -p /app/data \\\n && chown app /app/data",
			References: []string{
				"https://github.com/hadolint/hadolint/wiki/DL3059",
				"https://docs.docker.com/build/building/best-practices/#run",
			},
		},
		Check: func(p *rule.Pass) {
			for st := range imageStages(p) {
				var prev *dockerfile.Instruction
				for _, in := range st.Instructions {
					if prev != nil && joinableRun(prev) && joinableRun(in) && ruleutil.RunFlagsKey(prev) == ruleutil.RunFlagsKey(in) {
						p.Report(in, "RUN follows the RUN at line "+strconv.Itoa(prev.StartLine)+
							" with the same flags: join them with && to save a layer")
					}
					prev = in
				}
			}
		},
	}
)
