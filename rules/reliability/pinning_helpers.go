package reliability

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// pinWhy is the part of every pinning rule's rationale they share.
const pinWhy = "An unpinned package is whatever version the registry serves on the day of the build: " +
	"rebuilding the same Dockerfile (a cache miss, a new CI runner) silently changes the image, and " +
	"a breaking release or a compromised package reaches production without a code change. "

// pinUnpinned returns the package arguments of a call that fix no version (pkgmgr reads
// each in its manager's pinning syntax).
func pinUnpinned(call *pkgmgr.Call) []string {
	var out []string
	for _, pkg := range call.Packages() {
		if !pkg.Pinned {
			out = append(out, pkg.Arg)
		}
	}
	return out
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
