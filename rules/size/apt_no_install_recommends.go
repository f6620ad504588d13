package size

import (
	"slices"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// AptNoInstallRecommends is DO101 (apt-no-install-recommends).
	AptNoInstallRecommends = &rule.Rule{
		ID:          "DO101",
		Name:        "apt-no-install-recommends",
		Family:      rule.Size,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3015", "cis:4.3"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds `apt-get install` without `--no-install-recommends`.",
			Why: "By default apt installs every package a package *recommends*, not only what it " +
				"depends on. Recommended packages are rarely needed in a container and commonly add " +
				"tens to hundreds of megabytes (documentation tools, X libraries, compilers). " +
				"Severity: a warning, where hadolint's DL3015 is info: the cost is measurable and large " +
				"(curl on debian:12 installs 22 packages with its Recommends, 16 without), and the safe " +
				"fix removes it.",
			Example:    "RUN apt-get update && apt-get install -y curl",
			UseInstead: "RUN apt-get update && apt-get install -y --no-install-recommends curl",
			Fixed:      "apt-get install leaves out recommended packages",
			FixNotes: "Adds `--no-install-recommends` after `install`. When the stage then fetches over " +
				"HTTPS with curl, wget or git (later in the RUN, in a later RUN, or in CMD, ENTRYPOINT or " +
				"HEALTHCHECK) and installs no `ca-certificates` itself, the fix adds `ca-certificates` " +
				"too: curl, wget and git get it only as a Recommends, and without it curl exits 77. " +
				"The fix is unsafe (applied only with `--unsafe`) when a package installed recommends " +
				"a build dependency (python3-pip recommends build-essential and python3-dev): a later " +
				"source build needs them. The Recommends come from Debian 12's package data " +
				"(`dockerfile/pkgmgr`). A program that relied on another recommended package at run " +
				"time may still lose it; the measure step catches that.",
			References: []string{
				"https://docs.docker.com/build/building/best-practices/#apt-get",
				"https://manpages.debian.org/bookworm/apt/apt-get.8.en.html",
				"CIS Docker Benchmark v1.6.0, 4.3 Ensure that unnecessary packages are not installed in the container",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				if !c.Is("apt-get", "apt") || ruleutil.PmSubcommand(c) != "install" {
					return
				}
				if c.HasFlag("--no-install-recommends") || ruleutil.HasAptOption(c, "APT::Install-Recommends") {
					return
				}
				insert, desc := " --no-install-recommends", "add --no-install-recommends"
				if fetchesHTTPS(in, c) && !installsPackage(in.Stage, "ca-certificates") {
					insert, desc = " --no-install-recommends ca-certificates", "add --no-install-recommends and ca-certificates (the stage fetches over HTTPS)"
				}
				opts := []rule.Option{rule.WithFix(desc, ruleutil.InsertAfterArg(c, "install", insert)...)}
				if pkg, dep := recommendsBuildDependency(c); dep != "" {
					opts = append(opts, unsafeFix)
					desc = "apt-get install without --no-install-recommends pulls in recommended packages (" + pkg +
						" recommends " + dep + ", which a later build may need: the fix is unsafe)"
					p.ReportCommand(in, c, desc, opts...)
					return
				}
				p.ReportCommand(in, c, "apt-get install without --no-install-recommends pulls in recommended packages", opts...)
			})
		},
	}
)

// unsafeFix marks a finding's fix unsafe: applied only with --unsafe.
func unsafeFix(f *rule.Finding) {
	if f.Fix != nil {
		f.Fix.Safety = rule.UnsafeFix
	}
}

// aptPackages returns the names of the packages an apt install command names.
func aptPackages(c *dockerfile.Command) []string {
	call, ok := ruleutil.PmOf(c, "apt")
	if !ok {
		return nil
	}
	var names []string
	for _, pkg := range call.Packages() {
		names = append(names, pkg.Name)
	}
	return names
}

// recommendsBuildDependency returns a package the command installs and a package it
// recommends that builds software (a compiler, headers, a build system), "" when none.
func recommendsBuildDependency(c *dockerfile.Command) (pkg, dep string) {
	for _, name := range aptPackages(c) {
		recs, _ := pkgmgr.AptRecommends(name)
		for _, r := range recs {
			switch pkgmgr.BuildTool(r) {
			case pkgmgr.Compiler, pkgmgr.Headers, pkgmgr.LangToolchain, pkgmgr.BuildSystem:
				return name, r
			}
		}
	}
	return "", ""
}

// installsPackage reports whether an apt install in the stage names the package.
func installsPackage(st *dockerfile.Stage, name string) bool {
	if st == nil {
		return false
	}
	for _, in := range st.Instructions {
		for _, run := range []*dockerfile.Instruction{in, in.OnBuild} {
			if run == nil || run.Script == nil {
				continue
			}
			for _, c := range run.Script.Commands {
				if !c.Is("apt-get", "apt") || ruleutil.PmSubcommand(c) != "install" {
					continue
				}
				if slices.Contains(aptPackages(c), name) {
					return true
				}
			}
		}
	}
	return false
}

// fetchesHTTPS reports whether the stage fetches over HTTPS with curl, wget or git after
// command c of instruction in: later in the same RUN, in a later RUN, or at run time (CMD,
// ENTRYPOINT, HEALTHCHECK).
func fetchesHTTPS(in *dockerfile.Instruction, c *dockerfile.Command) bool {
	httpsCommand := func(cmd *dockerfile.Command) bool {
		if !slices.Contains(pkgmgr.HTTPSClients, cmd.Name) {
			return false
		}
		for _, a := range cmd.Args {
			if strings.Contains(strings.ToLower(a), "https://") {
				return true
			}
		}
		return false
	}
	if in.Script != nil {
		after := false
		for _, cmd := range in.Script.Commands {
			if after && httpsCommand(cmd) {
				return true
			}
			after = after || cmd == c
		}
	}
	if in.Stage == nil {
		return false
	}
	later := false
	for _, next := range in.Stage.Instructions {
		if !later {
			later = next == in || next.OnBuild == in
			continue
		}
		switch next.Cmd {
		case "run":
			if next.Script != nil && slices.ContainsFunc(next.Script.Commands, httpsCommand) {
				return true
			}
		case "cmd", "entrypoint", "healthcheck":
			text := strings.ToLower(next.Original)
			if strings.Contains(text, "https://") && slices.ContainsFunc(pkgmgr.HTTPSClients, func(n string) bool {
				return strings.Contains(text, n+" ") || strings.Contains(text, "\""+n+"\"")
			}) {
				return true
			}
		}
	}
	return false
}
