package security

import (
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// Chmod777 is DO312 (chmod-777).
	Chmod777 = &rule.Rule{
		ID:       "DO312",
		Name:     "chmod-777",
		Family:   rule.Security,
		Severity: rule.Info,
		Doc: rule.Doc{
			What: "Finds world-writable permissions: `chmod 777`/`666`/`-R 777`, `chmod a+rwx`/`o+w`, " +
				"`mkdir -m 777`, `install -m 777` in RUN, and `COPY --chmod=777` / `ADD --chmod=...` " +
				"that grant write to others. Not reported: modes with the sticky bit (`chmod 1777 " +
				"/tmp`, `+t`), symbolic modes without a who (`chmod +w`, which the umask limits), " +
				"device and proc paths (`/dev/stdout` is world-writable anyway), and modes held in " +
				"variables.",
			Why: "Any process in the container, whatever its user, can then replace the files: a " +
				"compromised low-privilege process rewrites the application code, a script root " +
				"runs later, or a configuration file, and escalates. `777` is usually a shortcut " +
				"for \"the app user cannot write there\": give ownership to that user instead. " +
				"Severity: info. In the corpus of docs/precision.md (mostly official images) every 777 " +
				"checked was deliberate: the official images make their data, log and socket directories writable so " +
				"that the image runs under any `docker run --user` UID. `chgrp 0` with `chmod g=u` does " +
				"the same for the arbitrary UIDs of OpenShift with less; change the mode where it is a " +
				"shortcut.",
			Example:    "COPY . /app\nRUN chmod -R 777 /app",
			UseInstead: "COPY --chown=app:app . /app\n# or, for a directory the app writes to:\nRUN install -d -o app -g app -m 0750 /app/data",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#copy---chown---chmod",
				"https://www.gnu.org/software/coreutils/manual/html_node/Symbolic-Modes.html",
				"https://cwe.mitre.org/data/definitions/732.html",
			},
		},
		Check: func(p *rule.Pass) {
			for _, in := range p.File.Instructions {
				for _, x := range []*dockerfile.Instruction{in, in.OnBuild} {
					if x == nil || (x.Cmd != "copy" && x.Cmd != "add") {
						continue
					}
					if mode, ok := x.Flag("chmod"); ok && secWorldWritable(mode) {
						p.Report(x, strings.ToUpper(x.Cmd)+" --chmod="+mode+" makes the files world-writable")
					}
				}
			}
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				mode, targets := secModeOf(c)
				if mode == "" || !secWorldWritable(mode) {
					return
				}
				for _, t := range targets {
					if !strings.HasPrefix(t, "/dev/") && !strings.HasPrefix(t, "/proc/") {
						p.ReportCommand(in, c, c.Name+" "+mode+" makes "+t+" world-writable")
						return
					}
				}
			})
		},
	}
)

// secModeOf returns the mode a chmod, mkdir -m or install -m command sets, and its targets.
func secModeOf(c *dockerfile.Command) (string, []string) {
	switch c.Name {
	case "chmod":
		var pos []string
		for i := 0; i < len(c.Args); i++ {
			a := c.Args[i]
			if a == "--reference" {
				return "", nil
			}
			// a symbolic mode may start with '-' (chmod -w file): only known options are skipped
			if a == "-R" || a == "-v" || a == "-c" || a == "-f" || a == "-h" || a == "-H" || a == "-L" || a == "-P" ||
				(strings.HasPrefix(a, "--") && a != "--") || (len(a) > 1 && a[0] == '-' && strings.Trim(a[1:], "RvcfhHLP") == "") {
				continue
			}
			pos = append(pos, a)
		}
		if len(pos) < 2 {
			return "", nil
		}
		return pos[0], pos[1:]
	case "mkdir", "install":
		mode, ok := c.FlagValue("-m", "--mode")
		if !ok {
			return "", nil
		}
		valueFlags := []string{"-m", "--mode"}
		if c.Name == "install" {
			valueFlags = append(valueFlags, "-o", "-g", "--owner", "--group", "-S", "--suffix", "-t", "--target-directory")
		}
		return mode, c.Positional(valueFlags...)
	}
	return "", nil
}

// secWorldWritable reports whether a chmod mode (octal or symbolic) grants write permission to
// others without the sticky bit. Modes with expansions are not judged.
func secWorldWritable(mode string) bool {
	if mode == "" || !secLiteral(mode) {
		return false
	}
	if strings.Trim(mode, "01234567") == "" {
		n, err := strconv.ParseUint(mode, 8, 32)
		return err == nil && n&0o002 != 0 && n&0o1000 == 0
	}
	writable := false
	for _, clause := range strings.Split(mode, ",") {
		who := clause
		i := strings.IndexAny(clause, "+-=")
		if i < 0 {
			return false // not a mode
		}
		who = clause[:i]
		if strings.Trim(who, "ugoa") != "" {
			return false
		}
		rest := clause[i:]
		// one or more op+perms actions: +w, =rwx, -x+w
		for len(rest) > 0 {
			op := rest[0]
			j := 1
			for j < len(rest) && !strings.ContainsRune("+-=", rune(rest[j])) {
				j++
			}
			perms := rest[1:j]
			rest = rest[j:]
			if strings.ContainsRune(perms, 't') && op != '-' {
				return false // sticky
			}
			if op != '-' && strings.ContainsRune(perms, 'w') && strings.ContainsAny(who, "oa") {
				writable = true
			}
		}
	}
	return writable
}
