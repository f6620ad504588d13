package reliability

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// RpmPin is DO708 (rpm-pin).
	RpmPin = &rule.Rule{
		ID:          "DO708",
		Name:        "rpm-pin",
		Family:      rule.Reliability,
		Severity:    rule.Info,
		OptIn:       true,
		Equivalents: []string{"hadolint:DL3033", "hadolint:DL3041", "hadolint:DL3037"},
		Doc: rule.Doc{
			What: "Finds `yum install`, `dnf install` (also dnf5, microdnf, tdnf) of packages without a " +
				"version (`httpd` instead of `httpd-2.4.57`), `dnf module install` (and yum's) of a " +
				"module without a stream (`nodejs` instead of `nodejs:20`), and `zypper install` without a " +
				"version constraint (`curl` instead of `curl=8.6.0` or `curl>=8`). Local or remote .rpm " +
				"files, groups (`@development-tools`, `group install`) and words built from variables are " +
				"not reported. Upgrades are not installs and are not reported, nor is " +
				"`reinstall` (also dnf5's `rei`): it puts back the version already installed.",
			Why: pinWhy + "Informational: RHEL, Fedora and openSUSE repositories keep older builds " +
				"for a while, but a minor release can still drop an exact version; pin what the image " +
				"really depends on. " +
				"Severity: info, where hadolint's DL3033 (yum), hadolint's DL3041 (dnf) and " +
				"hadolint's DL3037 (zypper) are " +
				"warnings, for the same reason. Otherwise it follows them (a version is what follows a " +
				"`-` and starts with a digit; a module needs its stream), and differs where they miss or " +
				"guess: dnf5 and tdnf are read too, a word built from a variable is not reported (hadolint " +
				"reports it unless the variable is an ARG or ENV of the file), `yum group install` is not " +
				"(a group has no version; hadolint's DL3033 reports the group's name), and an unquoted " +
				"`zypper install curl>=8` is reported: the shell reads `>=8` as a redirection.",
			Example:    "RUN dnf install -y httpd && dnf clean all",
			UseInstead: "RUN dnf install -y httpd-2.4.62 && dnf clean all",
			OffByDefault: "Distribution packages should usually follow their release's updates (the same reason as " +
				"DO701 and DO703): every sampled finding on real Dockerfiles was of that kind " +
				"(docs/precision.md). hadolint's DL3033, DL3041 and DL3037 run by default (warnings); " +
				"turn this rule on where builds are pinned as a whole.",
			References: []string{
				"https://dnf.readthedocs.io/en/latest/command_ref.html#specifying-packages-label",
				"https://en.opensuse.org/SDB:Zypper_manual",
				"https://github.com/hadolint/hadolint/wiki/DL3033",
				"https://github.com/hadolint/hadolint/wiki/DL3041",
				"https://github.com/hadolint/hadolint/wiki/DL3037",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				call, ok := ruleutil.PmOf(c, "yum", "dnf", "dnf5", "microdnf", "tdnf", "zypper")
				if !ok || call.Action != pkgmgr.Install || call.Subcommand == nil || !call.Subcommand.Packages ||
					call.Sub == "downgrade" || call.Sub == "reinstall" {
					return
				}
				if strings.Contains(call.Sub, "group") {
					return // a group has no version
				}
				module := strings.HasPrefix(call.Sub, "module")
				var unpinned []string
				for _, pkg := range call.Packages() {
					if strings.Contains(pkg.Arg, ":") || strings.Contains(pkg.Arg, "$") ||
						!module && (pkg.Pinned || strings.HasPrefix(pkg.Arg, "@")) {
						continue // a module stream (name:stream), an epoch, a variable, a version
					}
					unpinned = append(unpinned, pkg.Arg)
				}
				how := "pkg-version"
				switch {
				case module:
					how = "a stream: name:stream"
				case call.Is("zypper"):
					how = "pkg=version or pkg>=version"
				}
				pinReport(p, in, c, call.Program+" "+call.Sub+" of", unpinned, how)
			})
		},
	}
)
