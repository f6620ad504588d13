package security

import (
	"path"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// Sudo is DO303 (sudo).
	Sudo = &rule.Rule{
		ID:          "DO303",
		Name:        "sudo",
		Family:      rule.Security,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3004", "dockle:DKL-DI-0001", "trivy:AVD-DS-0010"},
		Doc: rule.Doc{
			What: "Finds commands run through `sudo` in a RUN instruction. Installing the sudo package " +
				"or writing a sudoers file is not reported: only running a command with it.",
			Why: "RUN already executes as the stage's USER; to run a step as root, switch with " +
				"`USER root` and back. sudo has unpredictable TTY and signal-forwarding behaviour, and " +
				"an image that needs sudo usually ships it configured (often without a password), " +
				"which turns any code execution as the application user into root. " +
				"Severity: a warning, where hadolint's DL3004 is an error: the build works where sudo is " +
				"installed and RUN already runs as root, so it rarely breaks the image; what it ships is " +
				"the risk above.",
			Example:    "USER app\nRUN sudo apt-get update && sudo apt-get install -y curl",
			UseInstead: "USER root\nRUN apt-get update && apt-get install -y curl\nUSER app",
			References: []string{
				"https://docs.docker.com/build/building/best-practices/#user",
				"https://github.com/hadolint/hadolint/wiki/DL3004",
				"https://avd.aquasec.com/misconfig/ds010",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
				if in.JSON && len(in.Args) > 0 && path.Base(in.Args[0]) == "sudo" {
					p.Report(in, "RUN uses sudo: switch with USER root instead")
				}
			})
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				for _, w := range c.Wrappers {
					if w == "sudo" {
						p.ReportCommand(in, c, "RUN uses sudo to run "+c.Name+": switch with USER root instead")
						return
					}
				}
				if c.Name == "sudo" {
					p.ReportCommand(in, c, "RUN uses sudo: switch with USER root instead")
				}
			})
		},
	}
)
