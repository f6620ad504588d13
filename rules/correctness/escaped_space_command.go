package correctness

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// EscapedSpaceCommand is DO516 (escaped-space-command).
	EscapedSpaceCommand = &rule.Rule{
		ID:       "DO516",
		Name:     "escaped-space-command",
		Family:   rule.Correctness,
		Severity: rule.Error,
		Fix:      rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds a command in a RUN whose name begins with a backslash-escaped space: " +
				"`apt-get update && \\ useradd app`, a line continuation written in the middle of a " +
				"line (the `\\` is not at the end of the line, so BuildKit does not join anything).",
			Why: "The shell reads `\\ ` as a quoted space that is part of the next word, so it looks " +
				"for a program named \" useradd\" and fails with `\\ useradd: not found`: the build " +
				"breaks at that RUN, or, after `||` or `;`, silently skips the command.",
			Example:    "RUN apt-get update && \\ useradd --system app",
			UseInstead: "RUN apt-get update && useradd --system app",
			Fixed:      "Command names do not start with an escaped space",
			FixNotes: "Removes the backslash, so the space separates words again. Safe: the command " +
				"as written can only fail (no program name starts with a space).",
			References: []string{
				"https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_02_01 (a backslash quotes the next character)",
				"https://docs.docker.com/reference/dockerfile/#escape",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				if len(c.Wrappers) > 0 || c.Name == "" || (c.Name[0] != ' ' && c.Name[0] != '\t') || strings.TrimSpace(c.Name) == "" {
					return
				}
				msg := "the command name \"" + c.Name + "\" begins with an escaped space (\\ ): the shell looks for a program with a space in its name; remove the backslash"
				var edits []rule.TextEdit
				if s := c.StartOffset(); s >= 0 && s < len(p.File.Source) && p.File.Source[s] == '\\' {
					edits = []rule.TextEdit{{Start: s, End: s + 1}}
				}
				p.ReportCommand(in, c, msg, rule.WithFix("remove the backslash", edits...))
			})
		},
	}
)
