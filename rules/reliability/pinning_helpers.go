package reliability

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// pinWhy is the part of every pinning rule's rationale they share.
const pinWhy = "An unpinned package is whatever version the registry serves on the day of the build: " +
	"rebuilding the same Dockerfile (a cache miss, a new CI runner) silently changes the image, and " +
	"a breaking release or a compromised package reaches production without a code change. "

// pinPositional returns the words after the subcommand word sub (one of subs), skipping flags
// and the values of valueFlags; ok is false when the command is not that subcommand.
func pinPositional(args []string, subs []string, valueFlags []string) (sub string, pkgs []string, ok bool) {
	skip := false
	dashdash := false
	for _, a := range args {
		if skip {
			skip = false
			continue
		}
		if !dashdash && a == "--" {
			dashdash = true
			continue
		}
		if !dashdash && strings.HasPrefix(a, "-") && len(a) > 1 {
			for _, v := range valueFlags {
				if a == v {
					skip = true
				}
			}
			continue
		}
		if !ok {
			for _, s := range subs {
				if a == s {
					sub, ok = a, true
				}
			}
			if !ok {
				return "", nil, false
			}
			continue
		}
		pkgs = append(pkgs, a)
	}
	return sub, pkgs, ok
}

// pinReport reports the unpinned packages of one command.
func pinReport(p *rule.Pass, in *dockerfile.Instruction, c *dockerfile.Command, what string, unpinned []string, how string) {
	if len(unpinned) == 0 {
		return
	}
	list := strings.Join(unpinned, ", ")
	if len(unpinned) > 4 {
		list = strings.Join(unpinned[:4], ", ") + fmt.Sprintf(" and %d more", len(unpinned)-4)
	}
	p.ReportCommand(in, c, fmt.Sprintf("%s %s without a fixed version: pin it (%s)", what, list, how))
}

// pinHasVar reports whether a word holds a shell variable or substitution.
func pinHasVar(s string) bool { return strings.ContainsAny(s, "$`") }
