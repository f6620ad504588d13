package security

import (
	"regexp"
	resyntax "regexp/syntax"
	"strings"
	"sync"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// secExternalImage reports whether a stage's base is an image from a registry: not scratch,
// not an earlier stage, and resolvable (no unknown variable).
func secExternalImage(f *dockerfile.File, st *dockerfile.Stage) bool {
	if st.BaseImage == "" || strings.EqualFold(st.BaseImage, "scratch") {
		return false
	}
	return f.BaseStage(st) == nil
}

// secLiteral reports whether a shell argument is literal text (no expansion).
func secLiteral(arg string) bool {
	return !strings.ContainsAny(arg, "$`")
}

// secDownloadsToStdout reports whether a command downloads a URL and writes it to standard
// output: curl without -o/-O/--output, or wget with -O - (or -O /dev/stdout).
func secDownloadsToStdout(c *dockerfile.Command) bool {
	switch c.Name {
	case "curl":
		if c.HasFlag("--remote-name", "--remote-name-all", "--remote-header-name") {
			return false
		}
		if v, ok := c.FlagValue("--output"); ok {
			return v == "-" || v == "/dev/stdout"
		}
		if v, ok := secShortOpt(c.Args, 'o', curlValueShorts); ok {
			return v == "-" || v == "/dev/stdout"
		}
		if _, ok := secShortOpt(c.Args, 'O', curlValueShorts); ok {
			return false
		}
		return true
	case "wget":
		if v, ok := c.FlagValue("--output-document"); ok {
			return v == "-" || v == "/dev/stdout"
		}
		if v, ok := secShortOpt(c.Args, 'O', wgetValueShorts); ok {
			return v == "-" || v == "/dev/stdout"
		}
	}
	return false
}

// Short options that take a value, for secShortOpt.
const (
	curlValueShorts = "AbcCdDeEFHKmoPQrTtuUwxXyYz"
	wgetValueShorts = "OoaeiBtTwPUQlARDIX"
)

// secShortOpt finds a one-letter option in args, including inside grouped short options
// ("-fsSLo file", "-qO-"). valueShorts lists the letters that take a value (their value is
// the rest of the group or the next argument). For a letter that takes a value, the value is
// returned; for a boolean letter, "" and true. Parsing stops at "--".
func secShortOpt(args []string, letter byte, valueShorts string) (string, bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return "", false
		}
		if len(a) < 2 || a[0] != '-' || a[1] == '-' {
			continue
		}
		for j := 1; j < len(a); j++ {
			ch := a[j]
			if strings.IndexByte(valueShorts, ch) < 0 {
				if ch == letter {
					return "", true
				}
				continue
			}
			// a value option: the rest of the group, or the next argument
			v := a[j+1:]
			if v == "" && i+1 < len(args) {
				v = args[i+1]
				i++
			}
			if ch == letter {
				return v, true
			}
			break
		}
	}
	return "", false
}

func secLetters(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return s != ""
}

// secSubstCalls returns the simple commands inside the command and process substitutions of a
// word (`$(curl ...)`, `<(curl ...)`), as call expressions.
func secSubstCalls(w *syntax.Word) []*syntax.CallExpr {
	var out []*syntax.CallExpr
	syntax.Walk(w, func(n syntax.Node) bool {
		var stmts []*syntax.Stmt
		switch x := n.(type) {
		case *syntax.CmdSubst:
			stmts = x.Stmts
		case *syntax.ProcSubst:
			stmts = x.Stmts
		default:
			return true
		}
		for _, st := range stmts {
			syntax.Walk(st, func(m syntax.Node) bool {
				if ce, ok := m.(*syntax.CallExpr); ok && len(ce.Args) > 0 {
					out = append(out, ce)
				}
				return true
			})
		}
		return false
	})
	return out
}

// secScanRun returns the file offsets of the matches of re in a RUN's shell code: its command
// line and heredoc bodies (comment lines inside continuations are not part of it). A heredoc
// fed to a shell appears in two script parts; each offset is returned once.
func secScanRun(p *rule.Pass, in *dockerfile.Instruction, re *regexp.Regexp) []int {
	var out []int
	for _, m := range secScanRunMatches(p, in, re) {
		out = append(out, m.Offset)
	}
	return out
}

// secMatch is one regexp match in a RUN's shell code.
type secMatch struct {
	// Offset is the file offset of the match's first byte.
	Offset int
	// Groups are the match and its submatches.
	Groups []string
}

// secScanRunMatches is secScanRun with the matched text and submatches.
func secScanRunMatches(p *rule.Pass, in *dockerfile.Instruction, re *regexp.Regexp) []secMatch {
	if in.Script == nil {
		return nil
	}
	var out []secMatch
	seen := map[int]bool{}
	lit := secRequiredLiteral(re)
	var lower []secLowerPart
	if lit.fold {
		lower = secLowerParts(p, in)
	}
	for i, pt := range in.Script.Parts {
		if lit.fold {
			if !lit.mayMatchLowerPart(pt.Source, lower[i]) {
				continue
			}
		} else if !strings.Contains(pt.Source, lit.s) {
			continue
		}
		for _, m := range re.FindAllStringSubmatchIndex(pt.Source, -1) {
			off := pt.Offsets.At(m[0])
			if off < 0 || seen[off] {
				continue
			}
			seen[off] = true
			var groups []string
			for i := 0; i+1 < len(m); i += 2 {
				if m[i] < 0 {
					groups = append(groups, "")
					continue
				}
				groups = append(groups, pt.Source[m[i]:m[i+1]])
			}
			out = append(out, secMatch{Offset: off, Groups: groups})
		}
	}
	return out
}

// secReqLiteral is a literal that every match of a regexp contains: a literal element of the
// regexp's top-level concatenation. Looking for it first skips the regexp on nearly all
// scripts (Go's regexp engine is slow next to strings.Index).
type secReqLiteral struct {
	s    string // lower-cased when fold
	fold bool
}

var secRequiredLiterals sync.Map // *regexp.Regexp -> secReqLiteral

// secRequiredLiteral returns the longest ASCII literal every match of re contains ("" when
// none is known).
func secRequiredLiteral(re *regexp.Regexp) secReqLiteral {
	if v, ok := secRequiredLiterals.Load(re); ok {
		return v.(secReqLiteral)
	}
	var best secReqLiteral
	if t, err := resyntax.Parse(re.String(), resyntax.Perl); err == nil {
		t = t.Simplify()
		subs := t.Sub
		if t.Op == resyntax.OpLiteral {
			subs = []*resyntax.Regexp{t}
		} else if t.Op != resyntax.OpConcat {
			subs = nil
		}
		for _, sub := range subs {
			lit := string(sub.Rune)
			if sub.Op != resyntax.OpLiteral || len(lit) <= len(best.s) || !isASCII(lit) {
				continue
			}
			best = secReqLiteral{s: lit, fold: sub.Flags&resyntax.FoldCase != 0}
			if best.fold {
				best.s = strings.ToLower(lit)
			}
		}
	}
	secRequiredLiterals.Store(re, best)
	return best
}

// mayMatch reports whether s contains the literal (true when it cannot tell: a
// case-insensitive k or s also matches the Kelvin sign and the long s).
func (l secReqLiteral) mayMatch(s string) bool {
	if !l.fold {
		return strings.Contains(s, l.s)
	}
	return l.mayMatchLower(s, strings.ToLower(s))
}

// mayMatchLower is mayMatch given strings.ToLower(s) too.
func (l secReqLiteral) mayMatchLower(s, lower string) bool {
	if strings.Contains(lower, l.s) {
		return true
	}
	return strings.ContainsAny(l.s, "ks") && (strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f"))
}

// mayMatchLowerPart is mayMatchLower for a part of a script: an ASCII part holds neither the
// Kelvin sign nor the long s.
func (l secReqLiteral) mayMatchLowerPart(s string, lp secLowerPart) bool {
	if lp.ascii {
		return strings.Contains(lp.lower, l.s)
	}
	return l.mayMatchLower(s, lp.lower)
}

// secLowerPart is a script part's source lower-cased, and whether it is all ASCII.
type secLowerPart struct {
	lower string
	ascii bool
}

// secLowerParts returns each part of a RUN's script lower-cased, computed once per file for
// all the regexps scanned over it.
func secLowerParts(p *rule.Pass, in *dockerfile.Instruction) []secLowerPart {
	cache := p.Memo("sec-lower-parts", func() any { return map[*dockerfile.Instruction][]secLowerPart{} }).(map[*dockerfile.Instruction][]secLowerPart)
	if low, ok := cache[in]; ok {
		return low
	}
	low := make([]secLowerPart, len(in.Script.Parts))
	for i, pt := range in.Script.Parts {
		low[i] = secLowerPart{strings.ToLower(pt.Source), isASCII(pt.Source)}
	}
	cache[in] = low
	return low
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// secEnvSettings returns the NAME=value settings an ENV or ARG (with a default) instruction
// makes for the names want accepts, values expanded where possible.
func secEnvSettings(f *dockerfile.File, in *dockerfile.Instruction, want func(name string) bool) [][2]string {
	var out [][2]string
	switch c := in.Command.(type) {
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			if !want(kv.Key) {
				continue
			}
			v, ok := f.Expand(in, kv.Value)
			if !ok {
				v = kv.Value
			}
			out = append(out, [2]string{kv.Key, v})
		}
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			if kv.Value == nil || !want(kv.Key) {
				continue
			}
			v, ok := f.Expand(in, *kv.Value)
			if !ok {
				v = *kv.Value
			}
			out = append(out, [2]string{kv.Key, v})
		}
	}
	return out
}

// secSetting is one NAME=value environment setting found in a RUN, with its file offset.
type secSetting struct {
	Name, Value string
	Offset      int
}

// secRunSettingsOf is secRunSettings, computed once per pass for the rules that ask.
func secRunSettingsOf(p *rule.Pass, in *dockerfile.Instruction) []secSetting {
	cache := p.Memo("sec-run-settings", func() any { return map[*dockerfile.Instruction][]secSetting{} }).(map[*dockerfile.Instruction][]secSetting)
	if v, ok := cache[in]; ok {
		return v
	}
	v := secRunSettings(in)
	cache[in] = v
	return v
}

// secRunSettings returns the environment settings a RUN makes for the commands it runs:
// prefix assignments (`FOO=1 git clone`, `env FOO=1 ...`) and `export FOO=1` /
// `declare -x FOO=1`. Plain `FOO=1` statements are not exported and not returned. Values are
// the source text with surrounding quotes removed.
func secRunSettings(in *dockerfile.Instruction) []secSetting {
	if in.Script == nil {
		return nil
	}
	var out []secSetting
	var seen map[int]bool // made at the first setting: most RUNs have none
	add := func(pt *dockerfile.ScriptPart, name, value string, pos syntax.Pos) {
		off := pt.Offsets.At(int(pos.Offset()))
		if off >= 0 && seen[off] {
			return
		}
		if seen == nil {
			seen = map[int]bool{}
		}
		seen[off] = true
		out = append(out, secSetting{Name: name, Value: strings.Trim(value, `"'`), Offset: off})
	}
	for _, c := range in.Script.Commands {
		for _, a := range c.Assigns {
			if k, v, ok := strings.Cut(a, "="); ok && k != "" {
				add(c.Part, k, v, c.Call.Pos())
			}
		}
	}
	for _, pt := range in.Script.Parts {
		for _, d := range pt.Decls { // export NAME=..., declare -x NAME=...
			if d.Variant == nil {
				continue
			}
			exported := d.Variant.Value == "export"
			for _, a := range d.Args {
				if a.Name == nil && a.Value != nil && d.Variant.Value == "declare" && strings.HasPrefix(pt.WordSource(a.Value), "-") &&
					strings.Contains(pt.WordSource(a.Value), "x") {
					exported = true
				}
			}
			if !exported {
				continue
			}
			for _, a := range d.Args {
				if a.Name == nil || a.Naked {
					continue
				}
				v := ""
				if a.Value != nil {
					v = pt.WordSource(a.Value)
				}
				add(pt, a.Name.Value, v, a.Pos())
			}
		}
	}
	return out
}

// secReportOnce returns a reporter for one RUN that reports each message once: on the
// source range [start, end), or on the instruction when start is unknown (< 0).
func secReportOnce(p *rule.Pass, in *dockerfile.Instruction) func(start, end int, msg string) {
	reported := map[string]bool{}
	return func(start, end int, msg string) {
		if reported[msg] {
			return
		}
		reported[msg] = true
		if start < 0 {
			p.Report(in, msg)
			return
		}
		p.ReportRange(start, end, msg)
	}
}
