package security

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// Pipefail is DO305 (pipefail).
	Pipefail = &rule.Rule{
		ID:          "DO305",
		Name:        "pipefail",
		Family:      rule.Security,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL4006", "trivy:DS-0032"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds a RUN in a POSIX shell whose pipeline (`a | b`) would hide a failure of " +
				"`a`: no `set -o pipefail` before the pipe in the script, and no `SHELL` that sets " +
				"`-o pipefail`. Pipelines fed only by `echo`, `printf`, `yes` or `true` are not " +
				"reported (pipefail changes nothing there), nor those fed only by commands that print " +
				"facts of the build system (`uname`, `nproc`, `dpkg --print-architecture`, `apk " +
				"--print-arch`), nor those whose last command fails anyway when an upstream command fails: " +
				"`apt-key add -` and `gpg --import`, which reject empty or cut input, and grep or a " +
				"checksum check (`sha256sum -c`), which exit 1 when no line reaches them, unless a " +
				"download (curl, wget) feeds them, since one cut off midway may leave lines that match. " +
				"These are deviations from hadolint's DL4006, which reports every pipe; pipelines that " +
				"are the condition of an if, while or until are not reported either. PowerShell and cmd stages and exec-form " +
				"RUNs are out of scope. A `SHELL` with `-o pipefail` does not cover a heredoc fed to " +
				"another shell (`RUN bash <<EOF`) or a heredoc with its own `#!` line.",
			Why: "A pipeline's exit status is its last command's: `curl -fsSL $URL | tar -xz` " +
				"succeeds when the download fails (tar reads nothing and exits 0, or extracts half " +
				"an archive), so the build goes on and ships a broken or incomplete image. With " +
				"pipefail the RUN fails at the step that broke.",
			Example: "SHELL [\"/bin/bash\", \"-c\"]\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin",
			UseInstead: "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n" +
				"RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin",
			Fixed: "A RUN with a pipe fails when any command of the pipe fails",
			FixNotes: "Prefixes the RUN's script with `set -o pipefail && `, only where the shell is " +
				"known to support it: bash, zsh, ksh, mksh or ash named by `SHELL`, or the default " +
				"`/bin/sh` of an Alpine-based stage (BusyBox ash). The default `/bin/sh` elsewhere is " +
				"usually dash (Debian, Ubuntu), which rejects `set -o pipefail` (dash 0.5.12 on Debian 12: " +
				"`set: Illegal option -o pipefail`) and would fail the build; switching the stage to bash with a SHELL line changes how every " +
				"later RUN is interpreted and breaks images without bash, so no fix is offered there: " +
				"add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` yourself when the image has " +
				"bash. No fix either for heredoc RUNs, or when a pipeline involves `yes`, `head` or " +
				"`grep -q/-m/-l`, whose early exit kills the writer with SIGPIPE and would then fail " +
				"the build.",
			References: []string{
				"https://docs.docker.com/build/building/best-practices/#using-pipes",
				"https://github.com/hadolint/hadolint/wiki/DL4006",
				"https://www.gnu.org/software/bash/manual/html_node/Pipelines.html",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
				if in.Script != nil {
					checkPipefail(p, in)
				}
			})
		},
	}
)

// secPipe is one pipeline whose upstream commands may fail.
type secPipe struct {
	part      int
	pos       int // byte offset in the part
	failing   string
	sigpipe   bool // involves yes/head/grep -q...: pipefail may fail it spuriously
	reportCmd *dockerfile.Command
}

func checkPipefail(p *rule.Pass, in *dockerfile.Instruction) {
	s := in.Script
	piped := false // a pipeline needs a | in the source
	for _, part := range s.Parts {
		piped = piped || mayPipe(part.Source)
	}
	if !piped {
		return
	}
	byCall := make(map[*syntax.CallExpr]*dockerfile.Command, len(s.Commands))
	for _, c := range s.Commands {
		byCall[c.Call] = c
	}
	pipes := secPipelines(s, byCall)
	if len(pipes) == 0 {
		return
	}
	shellPipefail := secShellHasPipefail(in.Shell)
	var first *secPipe
	anySigpipe := false
	for i := range pipes {
		pp := &pipes[i]
		anySigpipe = anySigpipe || pp.sigpipe
		if shellPipefail && secShellCovers(s, pp.part) {
			continue
		}
		if secPipefailBefore(s, pp.part, pp.pos) {
			continue
		}
		if first == nil {
			first = pp
		}
	}
	if first == nil {
		return
	}
	msg := "a pipe ignores a failure of " + first.failing + ": "
	var opts []rule.Option
	fixable := len(in.Heredocs) == 0 && !anySigpipe && secPipefailCapable(p.File, in)
	if fixable {
		msg += "add set -o pipefail"
		if e := secScriptStart(s); e >= 0 {
			opts = append(opts, rule.WithFix("prefix the RUN with set -o pipefail",
				rule.TextEdit{Start: e, End: e, New: "set -o pipefail && "}))
		}
	} else {
		msg += "set -o pipefail in a shell that has it, e.g. SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]"
	}
	if first.reportCmd != nil {
		p.ReportCommand(in, first.reportCmd, msg, opts...)
	} else {
		p.Report(in, msg, opts...)
	}
}

// mayPipe reports whether shell source may hold a pipe: a | that is not half of ||.
func mayPipe(src string) bool {
	for i := strings.IndexByte(src, '|'); i >= 0; {
		if (i == 0 || src[i-1] != '|') && (i+1 == len(src) || src[i+1] != '|') {
			return true
		}
		j := strings.IndexByte(src[i+1:], '|')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// secPipelines returns the pipelines of a script whose upstream commands can fail.
func secPipelines(s *dockerfile.Script, byCall map[*syntax.CallExpr]*dockerfile.Command) []secPipe {
	var out []secPipe
	for pi, part := range s.Parts {
		if part.File == nil || !mayPipe(part.Source) {
			continue
		}
		// every pipe node, nested ones too (the model records them in walk order); the
		// condition of an if or while is left out: its status only picks a branch, a failure
		// never fails the build with or without pipefail, and pipefail would turn the early
		// exit of `grep -q` into a false condition
		for _, b := range part.Pipes {
			if part.CondPipes[b] {
				continue
			}
			members, _ := dockerfile.PipelineMembers(b)
			pp := secPipe{part: pi, pos: int(b.Pos().Offset()), failing: ""}
			memberCalls := make([][]*dockerfile.Command, len(members))
			for i, m := range members {
				// the simple commands of the member (one, or those of a { ...; } group)
				var calls []*dockerfile.Command
				syntax.Walk(m, func(n syntax.Node) bool {
					if w, ok := n.(*syntax.Word); ok {
						return part.MayHoldCommands(w)
					}
					if ce, ok := n.(*syntax.CallExpr); ok {
						if c := byCall[ce]; c != nil {
							calls = append(calls, c)
						}
					}
					return true
				})
				memberCalls[i] = calls
				var failing *dockerfile.Command
				for _, c := range calls {
					if c.Name == "yes" || c.Name == "head" ||
						(c.Name == "grep" && c.HasFlag("-q", "--quiet", "--silent", "-m", "--max-count", "-l", "--files-with-matches")) {
						pp.sigpipe = true
					}
					if failing == nil && !secCannotFail(c) {
						failing = c
					}
				}
				if i == len(members)-1 || pp.failing != "" {
					continue
				}
				if failing != nil {
					pp.failing, pp.reportCmd = failing.Name, failing
				} else if len(calls) == 0 {
					pp.failing = "a compound command"
				}
			}
			if pp.failing != "" && !secTailCatchesFailure(memberCalls) {
				out = append(out, pp)
			}
		}
	}
	// nested pipelines (in a subshell member) are walked too: keep each position once
	if len(out) < 2 {
		return out
	}
	seen := map[[2]int]bool{}
	uniq := out[:0]
	for _, pp := range out {
		k := [2]int{pp.part, pp.pos}
		if !seen[k] {
			seen[k] = true
			uniq = append(uniq, pp)
		}
	}
	return uniq
}

// secPipefailBefore reports whether `set -o pipefail` runs before position pos of part.
func secPipefailBefore(s *dockerfile.Script, part, pos int) bool {
	for _, c := range s.Commands {
		if c.Name != "set" || !secHasPipefailOption(c.Args) {
			continue
		}
		cp := -1
		for i, pt := range s.Parts {
			if pt == c.Part {
				cp = i
			}
		}
		if cp < part || (cp == part && int(c.Call.Pos().Offset()) < pos) {
			return true
		}
	}
	// a heredoc with a shebang that sets pipefail (#!/bin/bash -o pipefail is not portable,
	// but `set -o pipefail` is what counts above)
	return false
}

// secHasPipefailOption reports whether shell options set pipefail: `-o pipefail`,
// `-euo pipefail`, `-opipefail`.
func secHasPipefailOption(args []string) bool {
	for i, a := range args {
		if a == "-opipefail" {
			return true
		}
		if a == "pipefail" && i > 0 {
			prev := args[i-1]
			if len(prev) > 1 && prev[0] == '-' && prev[1] != '-' && strings.HasSuffix(prev, "o") {
				return true
			}
		}
	}
	return false
}

// secShellHasPipefail reports whether a SHELL runs a pipefail-capable shell with -o pipefail.
func secShellHasPipefail(shell []string) bool {
	if len(shell) == 0 || !secPipefailShell(shell[0]) {
		return false
	}
	return secHasPipefailOption(shell[1:])
}

// secPipefailShell reports whether a shell program supports `set -o pipefail` (bash, zsh,
// ksh, mksh, BusyBox ash); plain sh is unknown (dash on Debian and Ubuntu lacks it).
func secPipefailShell(prog string) bool {
	switch path.Base(prog) {
	case "bash", "zsh", "ksh", "mksh", "ash":
		return true
	}
	return false
}

// secShellCovers reports whether the stage's SHELL runs the code of a script part: not a
// heredoc fed to another shell (RUN bash <<EOF), nor a heredoc run through its own #! line.
func secShellCovers(s *dockerfile.Script, part int) bool {
	pt := s.Parts[part]
	if !pt.Heredoc {
		return true
	}
	if len(s.Parts) > 1 {
		return false
	}
	return !strings.HasPrefix(pt.Source, "#!")
}

// secPipefailCapable reports whether `set -o pipefail` is known to work in the RUN's shell.
func secPipefailCapable(f *dockerfile.File, in *dockerfile.Instruction) bool {
	if len(in.Shell) == 0 {
		return false
	}
	if secPipefailShell(in.Shell[0]) {
		return true
	}
	if path.Base(in.Shell[0]) != "sh" || in.Stage == nil {
		return false
	}
	// /bin/sh on Alpine is BusyBox ash
	for st := in.Stage; st != nil; st = f.BaseStage(st) {
		if f.BaseStage(st) == nil {
			r := dockerfile.ParseImageRef(st.BaseImage)
			return r.Domain == "docker.io" && (r.Path == "alpine" || r.Path == "library/alpine" ||
				strings.HasPrefix(r.Tag, "alpine") || strings.Contains(r.Tag, "-alpine"))
		}
	}
	return false
}

// secScriptStart returns the file offset of the first non-blank byte of a RUN's command line,
// or -1.
func secScriptStart(s *dockerfile.Script) int {
	if len(s.Parts) == 0 {
		return -1
	}
	pt := s.Parts[0]
	for i := 0; i < len(pt.Source) && i < pt.Offsets.Len(); i++ {
		if pt.Source[i] == ' ' || pt.Source[i] == '\t' {
			continue
		}
		return pt.Offsets.At(i)
	}
	return -1
}

// secCannotFail reports whether a command's failure is irrelevant upstream of a pipe: echo,
// printf, yes, true and : only write their arguments; uname, arch, nproc, `dpkg
// --print-architecture`, dpkg-architecture and `apk --print-arch` only print facts of the
// system the build runs on (dpkgArch="$(dpkg --print-architecture | awk -F- '{ print $NF }')"
// in the official images): they have no input, network or file to fail on.
func secCannotFail(c *dockerfile.Command) bool {
	switch c.Name {
	case "echo", "printf", "yes", "true", ":", "uname", "arch", "nproc", "dpkg-architecture":
		return true
	case "dpkg":
		return len(c.Args) == 1 && c.Args[0] == "--print-architecture"
	case "apk":
		return len(c.Args) == 1 && c.Args[0] == "--print-arch"
	}
	return false
}

// secTailCatchesFailure reports whether the last command of a pipeline (its members' simple
// commands) fails the pipeline anyway when an upstream command fails, so that pipefail
// changes nothing:
//   - `apt-key add -` and `gpg --import` reject empty or cut input ("no valid OpenPGP data
//     found"), whatever fed them;
//   - grep and a checksum check (`sha256sum -c`, `md5sum --check`...) exit 1 when no line
//     reaches them (grep: no line selected; the check: "no properly formatted checksum lines
//     found"), and a failing local command (gpg --list-sigs, dpkg -l, a grep of a file) writes
//     no line. A download upstream (curl, wget) is still reported: cut off midway, it may
//     leave lines that match or check, and hide the rest.
func secTailCatchesFailure(members [][]*dockerfile.Command) bool {
	if len(members) < 2 {
		return false
	}
	last := members[len(members)-1]
	if len(last) != 1 {
		return false
	}
	c := last[0]
	switch {
	case c.Is("apt-key") && c.Subcommand() == "add", c.Is("gpg", "gpg2") && c.HasFlag("--import"):
		return true
	case c.Is("grep", "egrep", "fgrep") && !c.HasFlag("-L", "--files-without-match"),
		c.Is("sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "md5sum", "b2sum", "shasum", "cksum") &&
			c.HasFlag("-c", "--check"):
	default:
		return false
	}
	for _, calls := range members[:len(members)-1] {
		if len(calls) == 0 {
			return false // a compound command: not read here
		}
		for _, up := range calls {
			if up.Is("curl", "wget") {
				return false
			}
		}
	}
	return true
}
