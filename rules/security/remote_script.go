package security

import (
	"net/url"
	"sort"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// RemoteScriptExecution is DO304 (remote-script-execution).
	RemoteScriptExecution = &rule.Rule{
		ID:          "DO304",
		Name:        "remote-script-execution",
		Family:      rule.Security,
		Severity:    rule.Warning,
		Equivalents: []string{"cis:4.11"},
		Doc: rule.Doc{
			What: "Finds a RUN that executes code straight from the network: a download piped into an " +
				"interpreter that reads its program from standard input (`curl ... | sh`, " +
				"`wget -qO- ... | sudo bash -s --`, `curl ... | python3 -`, `curl ... | php -- ...`), or " +
				"passed as the program (`sh -c \"$(curl ...)\"`, `bash <(curl ...)`, " +
				"`python -c \"$(curl ...)\"`, `eval \"$(curl ...)\"`, `source <(curl ...)`). Downloads " +
				"piped into tools that only read data (`curl | tar`, `curl | gpg --import`, " +
				"`curl | python3 -c 'import json...'`, `curl | bash script.sh`) are not reported, nor " +
				"`wget URL | sh` (wget without `-O -` writes a file, not standard output).",
			Why: "The script is neither pinned nor verified: whatever the server (or anyone between, or " +
				"whoever took over the domain or the GitHub account) returns at build time runs as root " +
				"in your image, and a server can even tell a piped download from a saved one and " +
				"serve different content. A truncated download also executes half a script.",
			Example: "RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -",
			UseInstead: "# download, verify, then run\n" +
				"ARG SETUP_SHA256=<published sha256 of the script>\n" +
				"RUN curl -fsSLo /tmp/setup.sh https://deb.nodesource.com/setup_20.x \\\n" +
				"    && echo \"${SETUP_SHA256}  /tmp/setup.sh\" | sha256sum -c - \\\n" +
				"    && bash /tmp/setup.sh && rm /tmp/setup.sh\n" +
				"# or use the distribution's signed packages / an official image instead",
			References: []string{
				"https://www.idontplaydarts.com/2016/04/detecting-curl-pipe-bash-server-side/",
				"CIS Docker Benchmark v1.6.0, 4.11 Ensure only verified packages are installed",
				"https://docs.docker.com/reference/dockerfile/#add---checksum",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
				if in.Script != nil {
					checkRemoteScript(p, in)
				}
			})
		},
	}
)

func checkRemoteScript(p *rule.Pass, in *dockerfile.Instruction) {
	cmds := in.Script.Commands
	byCall := make(map[*syntax.CallExpr]*dockerfile.Command, len(cmds))
	pipes := map[int][]*dockerfile.Command{}
	for _, c := range cmds {
		byCall[c.Call] = c
		if c.Pipeline > 0 {
			pipes[c.Pipeline] = append(pipes[c.Pipeline], c)
		}
	}
	// downloads piped into an interpreter reading standard input
	var ids []int
	for id := range pipes {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for _, id := range ids {
		members := pipes[id]
		sort.Slice(members, func(i, j int) bool { return members[i].PipeIndex < members[j].PipeIndex })
		var dl *dockerfile.Command
		for _, c := range members {
			if dl == nil {
				if secDownloadsToStdout(c) {
					dl = c
				}
				continue
			}
			if name, ok := secStdinInterpreter(c); ok {
				p.ReportCommand(in, c, "RUN pipes a download"+secURLNote(dl)+" from "+dl.Name+" into "+name+
					": remote code runs unverified")
				break
			}
		}
	}
	// downloads passed as the program: sh -c "$(curl ...)", bash <(curl ...), eval "$(curl ...)"
	for _, c := range cmds {
		name, words := secProgramWords(c)
		if dl := secDownloadIn(words, byCall); dl != nil {
			p.ReportCommand(in, c, "RUN runs a download"+secURLNote(dl)+" from "+dl.Name+" with "+name+
				": remote code runs unverified")
		}
	}
}

// secDownloadIn returns the download to standard output inside a command or process
// substitution of the words, or nil.
func secDownloadIn(words []*syntax.Word, byCall map[*syntax.CallExpr]*dockerfile.Command) *dockerfile.Command {
	for _, w := range words {
		for _, ce := range secSubstCalls(w) {
			if dl := byCall[ce]; dl != nil && secDownloadsToStdout(dl) {
				return dl
			}
		}
	}
	return nil
}

var secURLRe = lazyre.New(`^(https?|ftp)://`)

// secURLNote returns " of <url>" for the first URL argument of a download (user info and query
// removed: they may hold credentials), or "".
func secURLNote(c *dockerfile.Command) string {
	for _, a := range c.Args {
		if !secURLRe.MatchString(a) {
			continue
		}
		u, err := url.Parse(a)
		if err != nil || u.Host == "" {
			return ""
		}
		// scheme, host and path as written: url.String would escape ${VERSION} as $%7BVERSION%7D
		return " of " + u.Scheme + "://" + u.Host + u.Path
	}
	return ""
}

var secShells = map[string]bool{"sh": true, "bash": true, "dash": true, "zsh": true, "ash": true, "ksh": true, "mksh": true}

// secInterpreter returns the interpreter a command runs ("bash", "python3", ...) and its
// arguments, looking through `busybox sh`; ok is false for other programs.
func secInterpreter(c *dockerfile.Command) (name string, args []string, words []*syntax.Word, ok bool) {
	name, args, words = c.Name, c.Args, c.Words
	if name == "busybox" && len(args) > 0 && secShells[args[0]] {
		name, args, words = args[0], args[1:], words[1:]
	}
	switch {
	case secShells[name], name == "perl", name == "ruby", name == "node", name == "nodejs", name == "php",
		pkgmgr.IsPython(name):
		return name, args, words, true
	}
	return "", nil, nil, false
}

// secInterpreterArgs splits an interpreter's arguments: the index of the argument holding
// inline code (-c, -e, -r...; -1 if none), and the index of the first positional argument
// (-1 if none). stdinFlag is true for a shell's -s.
func secInterpreterArgs(name string, args []string) (code, positional int, stdinFlag bool) {
	code, positional = -1, -1
	shell := secShells[name]
	var codeFlags, valueFlags []string
	switch {
	case shell:
		valueFlags = []string{"-o", "+o", "-O", "+O", "--rcfile", "--init-file"}
	case pkgmgr.IsPython(name):
		codeFlags = []string{"-c", "-m"}
		valueFlags = []string{"-W", "-X", "-Q"}
	case name == "perl":
		codeFlags = []string{"-e", "-E"}
	case name == "ruby":
		codeFlags = []string{"-e"}
		valueFlags = []string{"-r", "-I", "-C", "-E"}
	case name == "node" || name == "nodejs":
		codeFlags = []string{"-e", "--eval", "-p", "--print"}
		valueFlags = []string{"-r", "--require", "--import", "--loader"}
	case name == "php":
		codeFlags = []string{"-r", "-f"}
		valueFlags = []string{"-d", "-c", "-z"}
	}
	shellCode := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || (shell && a == "-") {
			if i+1 < len(args) {
				positional = i + 1
			}
			break
		}
		if a == "-" {
			positional = i
			break
		}
		if !strings.HasPrefix(a, "-") && !(shell && strings.HasPrefix(a, "+")) {
			positional = i
			break
		}
		if secContains(codeFlags, a) {
			if i+1 < len(args) {
				code = i + 1
			}
			return code, positional, false
		}
		if secContains(valueFlags, a) {
			i++
			continue
		}
		if shell && len(a) > 1 && a[1] != '-' && secLetters(a[1:]) {
			if strings.ContainsRune(a, 'c') {
				shellCode = true
			}
			if strings.ContainsRune(a, 's') {
				stdinFlag = true
			}
			if strings.ContainsAny(a[1:], "oO") {
				i++ // the option name
			}
		}
	}
	if shellCode {
		code, positional = positional, -1
	}
	return code, positional, stdinFlag
}

// secStdinInterpreter reports whether a command is an interpreter that reads its program from
// standard input, and returns its name.
func secStdinInterpreter(c *dockerfile.Command) (string, bool) {
	name, args, _, ok := secInterpreter(c)
	if !ok {
		return "", false
	}
	code, positional, stdinFlag := secInterpreterArgs(name, args)
	if code >= 0 {
		return "", false
	}
	if stdinFlag || positional < 0 {
		return name, true
	}
	switch args[positional] {
	case "-", "/dev/stdin", "/proc/self/fd/0", "/dev/fd/0":
		return name, true
	}
	if name == "php" && positional > 0 && args[positional-1] == "--" {
		return name, true // php -- args: the program comes from stdin
	}
	return "", false
}

// secProgramWords returns the words that hold the program a command runs: the inline code
// (-c/-e/-r) or the script path of an interpreter, every argument of eval, the file of source
// and `.`.
func secProgramWords(c *dockerfile.Command) (string, []*syntax.Word) {
	switch c.Name {
	case "eval":
		return "eval", c.Words
	case "source", ".":
		if len(c.Words) > 0 {
			return c.Name, c.Words[:1]
		}
		return "", nil
	}
	name, args, words, ok := secInterpreter(c)
	if !ok {
		return "", nil
	}
	code, positional, _ := secInterpreterArgs(name, args)
	switch {
	case code >= 0 && code < len(words):
		return name, words[code : code+1]
	case positional >= 0 && positional < len(words) && !(name == "php" && positional > 0 && args[positional-1] == "--"):
		return name, words[positional : positional+1]
	}
	return "", nil
}

func secContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
