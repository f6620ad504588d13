package reliability

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// relAptPrompting are the apt-get subcommands that ask for confirmation before changing the
// system (apt-get(8)).
var relAptPrompting = map[string]bool{
	"install": true, "reinstall": true, "remove": true, "purge": true, "autoremove": true,
	"upgrade": true, "dist-upgrade": true, "full-upgrade": true, "build-dep": true,
	"satisfy": true, "dselect-upgrade": true, "autopurge": true,
}

var (
	// AptGetMissingYes is DO404 (apt-get-missing-yes).
	AptGetMissingYes = &rule.Rule{
		ID:          "DO404",
		Name:        "apt-get-missing-yes",
		Family:      rule.Reliability,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3014", "trivy:AVD-DS-0021"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds `apt-get` (or `apt`) install, upgrade, dist-upgrade, remove, purge, autoremove " +
				"and build-dep without `-y` (`--yes`, `--assume-yes`, `-qq`, which implies it, or " +
				"`-o APT::Get::Assume-Yes=true`). Not reported when `yes |` feeds the command or an " +
				"earlier RUN of the stage writes `APT::Get::Assume-Yes` into the apt configuration.",
			Why: "A build has no terminal: when apt-get must ask \"Do you want to continue? [Y/n]\" (extra " +
				"dependencies, removals, held packages) it reads end-of-file and aborts, so the build " +
				"fails the day a dependency changes even if it passed before. A single `-q` does not " +
				"imply `-y`; only quiet level 2 (`-qq`) does.",
			Example:    "RUN apt-get update && apt-get install --no-install-recommends curl",
			UseInstead: "RUN apt-get update && apt-get install -y --no-install-recommends curl",
			Fixed:      "apt-get install does not wait for a confirmation",
			FixNotes: "Inserts ` -y` after the subcommand. Safe: it only answers the confirmation the " +
				"build could not answer.",
			References: []string{
				"https://manpages.debian.org/bookworm/apt/apt-get.8.en.html (-y, -q)",
				"https://docs.docker.com/build/building/best-practices/#apt-get",
				"https://github.com/hadolint/hadolint/wiki/DL3014",
			},
		},
		Check: func(p *rule.Pass) {
			if !ruleutil.AnyCommand(p, "apt-get", "apt") {
				return // the apt.conf search below reads every RUN's text
			}
			assumeYes := map[*dockerfile.Stage]bool{}
			setsAssumeYes := map[*dockerfile.Instruction]bool{} // per RUN, computed once
			for _, in := range p.File.Instructions {
				if in.Cmd == "run" {
					text := in.Text(p.File)
					setsAssumeYes[in] = ruleutil.ContainsFold(text, "assume-yes") && ruleutil.ContainsFold(text, "apt.conf")
				}
			}
			for _, st := range p.File.Stages {
				for _, s := range p.File.StageChain(st) {
					for _, in := range s.Instructions {
						if setsAssumeYes[in] {
							assumeYes[st] = true
						}
					}
				}
			}
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				if !c.Is("apt-get", "apt") || assumeYes[in.Stage] {
					return
				}
				sub := ruleutil.PmSubcommand(c)
				if !relAptPrompting[sub] || relAptAssumesYes(c) || relFedByYes(in, c) || relOpaqueArgs(c) {
					return
				}
				p.ReportCommand(in, c, fmt.Sprintf("%s %s without -y stops at a confirmation prompt the build cannot answer", c.Name, sub),
					rule.WithFix("add -y", ruleutil.InsertAfterArg(c, sub, " -y")...))
			})
		},
	}
)

// relAptAssumesYes reports whether an apt-get command answers yes by itself.
func relAptAssumesYes(c *dockerfile.Command) bool {
	if c.HasFlag("-y", "--yes", "--assume-yes") || ruleutil.HasAptOption(c, "APT::Get::Assume-Yes") {
		return true
	}
	quiet := 0
	for _, a := range c.Args {
		if a == "--" {
			break
		}
		switch {
		case a == "--quiet" || a == "-q":
			quiet++
		case strings.HasPrefix(a, "--quiet=") || strings.HasPrefix(a, "-q="):
			_, v, _ := strings.Cut(a, "=")
			if n, err := strconv.Atoi(v); err == nil {
				quiet += n
			}
		case len(a) > 1 && a[0] == '-' && a[1] != '-' && relIsAlpha(a[1:]):
			quiet += strings.Count(a, "q")
		}
	}
	return quiet >= 2
}

func relIsAlpha(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// relOpaqueArgs reports whether a command has arguments built from variables, which may hold
// options such as -y ($APT_OPTS).
func relOpaqueArgs(c *dockerfile.Command) bool {
	for _, a := range c.Args {
		if strings.HasPrefix(a, "$") {
			return true
		}
	}
	return false
}

// relFedByYes reports whether the command reads from `yes` (or `echo y`) through a pipe.
func relFedByYes(in *dockerfile.Instruction, c *dockerfile.Command) bool {
	if c.Pipeline == 0 || c.PipeIndex == 0 {
		return false
	}
	for _, o := range in.Script.Commands {
		if o.Pipeline == c.Pipeline && o.PipeIndex == c.PipeIndex-1 {
			return o.Name == "yes" || o.Name == "echo" || o.Name == "printf"
		}
	}
	return false
}
