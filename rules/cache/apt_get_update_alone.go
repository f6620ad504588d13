package cache

import (
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// aptHarmless are commands that may share a RUN with `apt-get update` without installing
// anything themselves (key and repository setup, file edits). A RUN with any other program
// might install through a script, and is not reported.
var aptHarmless = map[string]bool{"apt-get": true, "apt": true, "aptitude": true, "apt-key": true,
	"apt-cache": true, "apt-mark": true, "add-apt-repository": true, "echo": true, "printf": true,
	"set": true, "true": true, ":": true, "rm": true, "mkdir": true, "ln": true, "cp": true, "mv": true,
	"curl": true, "wget": true, "gpg": true, "gpg2": true, "gpgv": true, "tee": true, "cat": true,
	"sed": true, "touch": true, "chmod": true, "chown": true, "test": true, "[": true, "export": true,
	"install": true, "dpkg": true, "lsb_release": true, "grep": true, "sleep": true}

var (
	// AptGetUpdateAlone is DO202 (apt-get-update-alone).
	AptGetUpdateAlone = &rule.Rule{
		ID:          "DO202",
		Name:        "apt-get-update-alone",
		Family:      rule.Cache,
		Severity:    rule.Warning,
		Equivalents: []string{"trivy:AVD-DS-0017", "dockle:CIS-DI-0007", "cis:4.7"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds a RUN that runs `apt-get update` (or `apt update`) without installing " +
				"anything in the same RUN. RUNs that also run other programs (which might install " +
				"through a script) are not reported.",
			Why: "The build cache keeps the layer with the package index. When a later RUN's package " +
				"list changes, that RUN rebuilds on top of the old cached index: it installs outdated " +
				"versions or fails with 404s once the mirror has moved on. The index also stays in " +
				"the image. Updating and installing in one RUN keeps the two in step.",
			Example:    "RUN apt-get update\nRUN apt-get install -y --no-install-recommends curl",
			UseInstead: "RUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl",
			Fixed:      "apt-get update runs in the same RUN as apt-get install",
			FixNotes: "When the next instruction (blank lines may separate them, comments may not) is a " +
				"RUN with the same flags whose first command is `apt-get install`, joins the two: " +
				"` \\` + newline + `    && ` replaces the line break and the second RUN keyword. " +
				"Safe: the same commands run in the same order, in one layer.",
			References: []string{
				"https://docs.docker.com/build/building/best-practices/#apt-get",
				"CIS Docker Benchmark 4.7: Ensure update instructions are not used alone in the Dockerfile",
				"https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md#cis-di-0007",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
				s := in.Script
				if s == nil {
					return
				}
				var update *dockerfile.Command
				listsRemoved := false
				for _, c := range s.Commands {
					if ruleutil.IsAptInstall(c) || !aptHarmless[c.Name] {
						return
					}
					if update == nil && ruleutil.IsAptUpdate(c) {
						update = c
					}
					listsRemoved = listsRemoved || update != nil && removesAptLists(c)
				}
				// the lists are gone at the end of the RUN: no stale index reaches a later one
				if update == nil || listsRemoved {
					return
				}
				p.ReportCommand(in, update, update.Name+" update without an install in the same RUN: "+
					"the cached index goes stale for later installs",
					rule.WithFix("join with the apt-get install RUN below", joinUpdateFix(p, in)...))
			})
		},
	}
)

// joinUpdateFix joins an update-only RUN with the RUN right below it when that one starts with
// apt-get install.
func joinUpdateFix(p *rule.Pass, in *dockerfile.Instruction) []rule.TextEdit {
	f := p.File
	if in.Stage == nil || in.JSON || len(in.Heredocs) > 0 || in.OnBuild != nil || in.Cmd != "run" {
		return nil
	}
	var next *dockerfile.Instruction
	for i, x := range in.Stage.Instructions {
		if x == in && i+1 < len(in.Stage.Instructions) {
			next = in.Stage.Instructions[i+1]
		}
	}
	if next == nil || next.Cmd != "run" || next.JSON || len(next.Heredocs) > 0 || next.Script == nil ||
		len(next.Script.Commands) == 0 || !ruleutil.IsAptInstall(next.Script.Commands[0]) || ruleutil.RunFlagsKey(next) != ruleutil.RunFlagsKey(in) {
		return nil
	}
	// ONBUILD RUN shares its wrapper's offsets: not joinable
	if !strings.EqualFold(strings.TrimSpace(string(f.Source[next.StartOffset:next.StartOffset+3])), "run") {
		return nil
	}
	for l := in.EndLine + 1; l < next.StartLine; l++ {
		if strings.TrimSpace(f.LineText(l)) != "" {
			return nil // a comment would end up in the middle
		}
	}
	last := in.Script.Commands[len(in.Script.Commands)-1]
	end := ruleutil.AppendAfter(last, "")
	start := next.Script.Commands[0].StartOffset()
	if len(end) != 1 || start < 0 || strings.TrimSpace(string(f.Source[end[0].Start:in.EndOffset])) != "" {
		return nil
	}
	nl := "\n"
	if f.UsesCRLF() {
		nl = "\r\n"
	}
	return []rule.TextEdit{{Start: end[0].Start, End: start, New: " " + string(f.EscapeToken) + nl + "    && "}}
}

// removesAptLists reports whether a command empties apt's package lists: `rm -rf
// /var/lib/apt/lists/*` (or the directory, or a parent) or `apt-get distclean`.
func removesAptLists(c *dockerfile.Command) bool {
	lists := ruleutil.ManagerCache("apt", "apt-lists")
	if slices.Contains(ruleutil.CleanedCaches(c), lists) {
		return true
	}
	if c.Name != "rm" {
		return false
	}
	for _, a := range c.Args {
		if strings.HasPrefix(a, "-") {
			continue
		}
		t := path.Clean(strings.TrimSuffix(strings.TrimSuffix(a, "*"), "/"))
		if t == lists || strings.HasPrefix(lists, t+"/") {
			return true
		}
	}
	return false
}
