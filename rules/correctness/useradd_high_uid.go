package correctness

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// UseraddWithoutL is DO504 (useradd-without-l).
	UseraddWithoutL = &rule.Rule{
		ID:          "DO504",
		Name:        "useradd-without-l",
		Family:      rule.Correctness,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3046"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds `useradd` with a UID of more than five digits (`-u 100000` and up, the threshold " +
				"hadolint uses) and without `-l` (`--no-log-init`). UIDs given by ARG/ENV are checked " +
				"after substitution; unknown values are skipped.",
			Why: "useradd records the new user in /var/log/lastlog and /var/log/faillog, sparse files " +
				"indexed by UID (292 bytes per UID for lastlog). Image layers do not keep files sparse, " +
				"so a UID of 1000000 adds about 300 MB of zeros to the layer and the OpenShift-style " +
				"UIDs around 10^9 make images of hundreds of gigabytes that fail to build or push.",
			Example:    "RUN useradd -u 1000100000 -m app",
			UseInstead: "RUN useradd -l -u 1000100000 -m app",
			Fixed:      "useradd does not fill the lastlog file",
			FixNotes: "Inserts ` -l` after `useradd`. Safe: the user is created the same way, only the " +
				"lastlog/faillog records (meaningless in an image) are skipped.",
			References: []string{
				"https://github.com/hadolint/hadolint/wiki/DL3046",
				"https://man7.org/linux/man-pages/man8/useradd.8.html (-l, --no-log-init)",
				"https://github.com/moby/moby/issues/5419",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				if c.Name != "useradd" || c.HasFlag("-l", "--no-log-init") {
					return
				}
				uid, ok := relUseraddUID(c)
				if !ok {
					return
				}
				if strings.Contains(uid, "$") {
					v, ok := p.File.Expand(in, uid)
					if !ok {
						return
					}
					uid = v
				}
				if len(uid) <= 5 || strings.Trim(uid, "0123456789") != "" {
					return
				}
				p.ReportCommand(in, c, fmt.Sprintf("useradd -u %s without -l writes a lastlog of about %s into the layer", uid, relLastlogSize(uid)),
					rule.WithFix("add -l", ruleutil.InsertAfterWord(c, ruleutil.NameWord(c), " -l")...))
			})
		},
	}
)

// relUseraddUID returns the value of useradd's -u/--uid option.
func relUseraddUID(c *dockerfile.Command) (string, bool) {
	for i, a := range c.Args {
		switch {
		case a == "--":
			return "", false
		case (a == "-u" || a == "--uid") && i+1 < len(c.Args):
			return c.Args[i+1], true
		case strings.HasPrefix(a, "--uid="):
			return a[len("--uid="):], true
		case strings.HasPrefix(a, "-u") && len(a) > 2 && !strings.HasPrefix(a, "--"):
			return a[2:], true
		}
	}
	return "", false
}

// relLastlogSize estimates the size of /var/log/lastlog for a UID (292 bytes per entry on
// 64-bit glibc systems).
func relLastlogSize(uid string) string {
	var n float64
	for _, r := range uid {
		n = n*10 + float64(r-'0')
	}
	b := (n + 1) * 292
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.0f GB", b/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.0f MB", b/(1<<20))
	}
	return fmt.Sprintf("%.0f KB", b/(1<<10))
}
