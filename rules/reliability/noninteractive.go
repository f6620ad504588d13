package reliability

import (
	"fmt"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// relRpmPrompting are the yum/dnf/microdnf subcommands that ask for confirmation (yum(8),
// dnf(8)); group and module ask for their install/remove/upgrade actions.
var relRpmPrompting = map[string]bool{
	"install": true, "groupinstall": true, "localinstall": true, "reinstall": true, "remove": true,
	"erase": true, "update": true, "upgrade": true, "downgrade": true, "autoremove": true,
	"distro-sync": true, "distrosync": true, "swap": true, "update-minimal": true,
	"upgrade-minimal": true, "groupremove": true, "groupupdate": true, "group": true, "module": true,
}

var relRpmGroupActions = map[string]bool{
	"install": true, "remove": true, "upgrade": true, "update": true, "enable": true, "disable": true,
	"reset": true, "switch-to": true, "mark": false,
}

// relZypperPrompting are the zypper commands that ask for confirmation (zypper(8)).
var relZypperPrompting = map[string]bool{
	"install": true, "in": true, "remove": true, "rm": true, "update": true, "up": true,
	"patch": true, "dist-upgrade": true, "dup": true, "source-install": true, "si": true,
	"install-new-recommends": true, "inr": true,
}

var (
	// PackageManagerMissingYes is DO406 (package-manager-missing-yes).
	PackageManagerMissingYes = &rule.Rule{
		ID:          "DO406",
		Name:        "package-manager-missing-yes",
		Family:      rule.Reliability,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3030", "hadolint:DL3038", "hadolint:DL3034"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds yum, dnf, microdnf and tdnf install/remove/update/... without `-y` " +
				"(`--assumeyes`), and zypper install/remove/update/patch/dup without the global `-n` " +
				"(`--non-interactive`) or the command's `-y` (`--no-confirm`).",
			Why: "Without a terminal the confirmation prompt reads end-of-file and the transaction is " +
				"aborted (\"Operation aborted.\"), failing the build, or, depending on the version, the " +
				"build hangs waiting for input.",
			Example:    "RUN dnf install python3 && zypper install git",
			UseInstead: "RUN dnf install -y python3 && zypper install -y git",
			Fixed:      "Package installs do not wait for a confirmation",
			FixNotes:   "Inserts ` -y` after the subcommand (for zypper: the command's `--no-confirm` alias). Safe.",
			References: []string{
				"https://dnf.readthedocs.io/en/latest/command_ref.html (-y, --assumeyes)",
				"https://man7.org/linux/man-pages/man8/yum.8.html",
				"https://en.opensuse.org/SDB:Zypper_manual (--non-interactive, --no-confirm)",
				"https://github.com/hadolint/hadolint/wiki/DL3030",
				"https://github.com/hadolint/hadolint/wiki/DL3038",
				"https://github.com/hadolint/hadolint/wiki/DL3034",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				switch {
				case ruleutil.RpmManager(c):
					pos := ruleutil.PmPositional(c)
					if len(pos) == 0 || !relRpmPrompting[pos[0]] {
						return
					}
					if (pos[0] == "group" || pos[0] == "module") && (len(pos) < 2 || !relRpmGroupActions[pos[1]]) {
						return
					}
					if c.HasFlag("-y", "--assumeyes") || relFedByYes(in, c) || relOpaqueArgs(c) {
						return
					}
					p.ReportCommand(in, c, fmt.Sprintf("%s %s without -y aborts at its confirmation prompt", c.Name, pos[0]),
						rule.WithFix("add -y", ruleutil.InsertAfterArg(c, pos[0], " -y")...))
				case c.Is("zypper"):
					pos := ruleutil.PmPositional(c)
					if len(pos) == 0 || !relZypperPrompting[pos[0]] {
						return
					}
					if c.HasFlag("-n", "--non-interactive", "-y", "--no-confirm") || relFedByYes(in, c) || relOpaqueArgs(c) {
						return
					}
					p.ReportCommand(in, c, fmt.Sprintf("zypper %s without -n or -y aborts at its confirmation prompt", pos[0]),
						rule.WithFix("add -y", ruleutil.InsertAfterArg(c, pos[0], " -y")...))
				}
			})
		},
	}
)
