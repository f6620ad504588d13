package reliability

import (
	"fmt"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// relAptToAptGet lists the apt subcommands apt-get has with the same meaning.
var relAptToAptGet = map[string]bool{
	"install": true, "update": true, "remove": true, "purge": true, "autoremove": true,
	"dist-upgrade": true, "clean": true, "autoclean": true, "source": true, "build-dep": true,
	"download": true, "changelog": true, "satisfy": true, "check": true, "reinstall": true,
	"autopurge": true,
}

// relAptToAptCache lists the apt subcommands that are apt-cache's.
var relAptToAptCache = map[string]bool{
	"search": true, "show": true, "showsrc": true, "policy": true, "depends": true, "rdepends": true,
}

var (
	// AptInsteadOfAptGet is DO405 (apt-instead-of-apt-get).
	AptInsteadOfAptGet = &rule.Rule{
		ID:          "DO405",
		Name:        "apt-instead-of-apt-get",
		Family:      rule.Reliability,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3027"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds `apt` in a RUN. `apt` is the interactive front end; scripts should call " +
				"`apt-get` (install, update, remove, upgrade...) or `apt-cache` (search, show, policy).",
			Why: "apt's command-line interface is not stable for scripts: it prints \"WARNING: apt does " +
				"not have a stable CLI interface. Use with caution in scripts.\", shows progress bars, and " +
				"its defaults may change between releases (`apt upgrade` installs new packages, " +
				"`apt-get upgrade` does not). apt-get keeps its behaviour for scripts.",
			Example:    "RUN apt update && apt install -y curl",
			UseInstead: "RUN apt-get update && apt-get install -y curl",
			Fixed:      "Scripts use apt-get, not apt",
			FixNotes: "Replaces `apt` with `apt-get` for subcommands apt-get has with the same meaning " +
				"(install, update, remove, purge, autoremove, dist-upgrade, full-upgrade as dist-upgrade, " +
				"clean, source, build-dep...); `apt upgrade` becomes `apt-get upgrade --with-new-pkgs`, " +
				"which is what apt upgrade does. No fix for list/search/show: the message names the " +
				"apt-cache or dpkg-query command to use.",
			References: []string{
				"https://manpages.debian.org/bookworm/apt/apt.8.en.html (SCRIPT USAGE AND DIFFERENCES FROM OTHER APT TOOLS)",
				"https://github.com/hadolint/hadolint/wiki/DL3027",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				if c.Name != "apt" {
					return
				}
				sub := ruleutil.PmSubcommand(c)
				name := ruleutil.NameWord(c)
				_, end, ok := ruleutil.WordRange(c, name)
				if ok && (end < 3 || string(p.File.Source[end-3:end]) != "apt") {
					ok = false
				}
				ins := func(extra ...rule.TextEdit) []rule.TextEdit {
					if !ok {
						return nil
					}
					return append([]rule.TextEdit{{Start: end, End: end, New: "-get"}}, extra...)
				}
				switch {
				case relAptToAptGet[sub]:
					p.ReportCommand(in, c, fmt.Sprintf("apt %s in a script: use apt-get %s", sub, sub),
						rule.WithFix("use apt-get", ins()...))
				case sub == "upgrade":
					var extra []rule.TextEdit
					if !c.HasFlag("--with-new-pkgs") {
						extra = ruleutil.InsertAfterArg(c, "upgrade", " --with-new-pkgs")
					}
					if len(extra) == 0 && !c.HasFlag("--with-new-pkgs") {
						ok = false
					}
					p.ReportCommand(in, c, "apt upgrade in a script: use apt-get upgrade --with-new-pkgs (what apt upgrade does)",
						rule.WithFix("use apt-get upgrade --with-new-pkgs", ins(extra...)...))
				case sub == "full-upgrade":
					var extra []rule.TextEdit
					for i, a := range c.Args {
						if a == "full-upgrade" {
							if s, e, wok := ruleutil.WordRange(c, c.Words[i]); wok && string(p.File.Source[s:e]) == "full-upgrade" {
								extra = []rule.TextEdit{{Start: s, End: e, New: "dist-upgrade"}}
							}
							break
						}
					}
					if len(extra) == 0 {
						ok = false
					}
					p.ReportCommand(in, c, "apt full-upgrade in a script: use apt-get dist-upgrade",
						rule.WithFix("use apt-get dist-upgrade", ins(extra...)...))
				case relAptToAptCache[sub]:
					p.ReportCommand(in, c, fmt.Sprintf("apt %s in a script: use apt-cache %s", sub, sub))
				case sub == "list":
					p.ReportCommand(in, c, "apt list in a script: use dpkg-query -W (installed) or apt-cache policy")
				default:
					p.ReportCommand(in, c, "apt is meant for interactive use: use apt-get or apt-cache in scripts")
				}
			})
		},
	}
)
