// Command gen writes docs/rules.md from the rules' own documentation, and
// docs/package-managers.md from dockerfile/pkgmgr's data.
// Run from the repository root: go run ./docs/gen
package main

import (
	"fmt"
	"os"

	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/docs"
	"github.com/dockopt/dockopt/rules"
)

func main() {
	if err := os.WriteFile("docs/rules.md", []byte(docs.Generate(rules.All())), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile("docs/package-managers.md", []byte(docs.PackageManagers(pkgmgr.Managers())), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
