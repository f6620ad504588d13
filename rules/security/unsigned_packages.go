package security

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// UnsignedPackages is DO307 (unsigned-packages).
	UnsignedPackages = &rule.Rule{
		ID:          "DO307",
		Name:        "unsigned-packages",
		Family:      rule.Security,
		Severity:    rule.Warning,
		Equivalents: []string{"cis:4.11"},
		Doc: rule.Doc{
			What: "Finds package installs with signature checks turned off: apt-get " +
				"`--allow-unauthenticated`, `--allow-insecure-repositories`, `--force-yes`, " +
				"`-o APT::Get::AllowUnauthenticated=true` (or the same settings written to apt.conf), " +
				"a sources line with `[trusted=yes]` (or deb822 `Trusted: yes`) written by the RUN, " +
				"except for a local `file:`/`copy:` repository of packages the build made itself; " +
				"yum/dnf/microdnf/tdnf `--nogpgcheck`, `--setopt=gpgcheck=0` or a repository file with " +
				"`gpgcheck=0`; zypper `--no-gpg-checks`; rpm `--nosignature`/`--nodigest`; apk " +
				"`--allow-untrusted`. `pip --trusted-host` is about TLS and is reported by DO306.",
			Why: "Package signatures are what ties a package to its distribution's keys: without " +
				"them a mirror, a proxy or anyone on the network path can substitute a package, and " +
				"its maintainer scripts run as root during the build. A repository that needs " +
				"`trusted=yes` should have its key installed (`signed-by=`) instead.",
			Example: "RUN echo 'deb [trusted=yes] http://repo.example.com/debian bookworm main' > /etc/apt/sources.list.d/ex.list \\\n" +
				"    && apt-get update && apt-get install -y --allow-unauthenticated ex-tool",
			UseInstead: "RUN curl -fsSL https://repo.example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/ex.gpg \\\n" +
				"    && echo 'deb [signed-by=/usr/share/keyrings/ex.gpg] https://repo.example.com/debian bookworm main' > /etc/apt/sources.list.d/ex.list \\\n" +
				"    && apt-get update && apt-get install -y --no-install-recommends ex-tool",
			References: []string{
				"CIS Docker Benchmark v1.6.0, 4.11 Ensure only verified packages are installed",
				"https://manpages.debian.org/bookworm/apt/apt-get.8.en.html",
				"https://manpages.debian.org/bookworm/apt/sources.list.5.en.html",
				"https://dnf.readthedocs.io/en/latest/command_ref.html",
				"https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper",
			},
		},
		Check: checkUnsignedPackages,
	}
)

// secUnsignedConfig are settings in the RUN's code or in files it writes that turn signature
// checks off.
var secUnsignedConfig = []struct {
	re  *lazyre.Regexp
	msg string
}{
	{lazyre.New(`(?im)(^|\\n)\s*Trusted:\s*yes\b`), "a deb822 source with Trusted: yes makes apt accept the repository unsigned"},
	{lazyre.New(`(?i)\bAPT::Get::AllowUnauthenticated\s*[=\s]\s*["']?(true|yes|1)\b`), "APT::Get::AllowUnauthenticated lets apt install unsigned packages"},
	{lazyre.New(`(?i)\bAcquire::AllowInsecureRepositories\s*[=\s]\s*["']?(true|yes|1)\b`), "Acquire::AllowInsecureRepositories lets apt use unsigned repositories"},
	{lazyre.New(`(?i)\bAcquire::AllowDowngradeToInsecureRepositories\s*[=\s]\s*["']?(true|yes|1)\b`), "Acquire::AllowDowngradeToInsecureRepositories lets apt use unsigned repositories"},
	{lazyre.New(`(?m)(^|[^\w.]|\\[nt])gpgcheck\s*=\s*(0|false|no|False)\b`), "gpgcheck=0 makes yum/dnf install unsigned packages"},
}

var secTrustedYesRe = lazyre.New(`\[[^\]\n]*\btrusted=yes\b[^\]\n]*\]\s*(\S*)`)

func checkUnsignedPackages(p *rule.Pass) {
	ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
		if in.Script == nil {
			return
		}
		report := secReportOnce(p, in)
		for _, c := range in.Script.Commands {
			if msg := secUnsignedCommand(c); msg != "" {
				report(c.StartOffset(), c.EndOffset(), msg)
			}
		}
		// a local repository (file: or copy: URI) holds packages the build made itself
		for _, m := range secScanRunMatches(p, in, secTrustedYesRe.Regexp()) {
			if uri := strings.Trim(m.Groups[1], `"'`); !strings.HasPrefix(uri, "file:") && !strings.HasPrefix(uri, "copy:") {
				report(m.Offset, m.Offset+1, "a sources line with [trusted=yes] makes apt accept the repository unsigned")
			}
		}
		for _, u := range secUnsignedConfig {
			for _, off := range secScanRun(p, in, u.re.Regexp()) {
				report(off, off+1, u.msg)
			}
		}
	})
}

// secUnsignedCommand returns a message when a package manager command skips signatures.
func secUnsignedCommand(c *dockerfile.Command) string {
	if call, ok := ruleutil.PmOf(c); ok {
		if in, ok := call.InsecureOption(false); ok {
			return c.Name + " " + in.Option + " " + in.Effect
		}
		return ""
	}
	switch c.Name {
	case "yumdownloader":
		if c.HasFlag("--nogpgcheck", "--no-gpgchecks", "--no-gpgcheck") {
			return c.Name + " --nogpgcheck installs packages without checking their signatures"
		}
	case "rpm":
		if c.HasFlag("--nosignature", "--nodigest") {
			return "rpm --nosignature/--nodigest installs packages without verifying them"
		}
	case "dpkg":
		if c.HasFlag("--force-bad-verify") {
			return "dpkg --force-bad-verify installs packages that fail verification"
		}
	}
	return ""
}
