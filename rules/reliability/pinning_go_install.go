package reliability

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// GoInstallVersion is DO706 (go-install-version).
	GoInstallVersion = &rule.Rule{
		ID:       "DO706",
		Name:     "go-install-version",
		Family:   rule.Reliability,
		Severity: rule.Info,
		Doc: rule.Doc{
			What: "Finds `go install` of a remote package with `@latest` (or a branch such as `@master`), " +
				"or without `@version` in a stage that copies no go.mod. Local packages " +
				"(`./cmd/...`) and packages of a copied module (whose go.mod fixes the version) are " +
				"fine.",
			Why: pinWhy + "Without `@version` outside a module, Go 1.16 and later refuse the command " +
				"(\"go install requires a version when current directory is not in a module\"); " +
				"`@latest` builds whatever was tagged last.",
			Example:    "RUN go install github.com/go-delve/delve/cmd/dlv@latest",
			UseInstead: "RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1",
			References: []string{
				"https://go.dev/ref/mod#go-install",
				"https://go.dev/doc/go-get-install-deprecation",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				call, ok := ruleutil.PmOf(c, "go")
				if !ok || call.Sub != "install" {
					return
				}
				var unpinned []string
				for _, pkg := range call.Packages() {
					// pinned: a version, or a local, standard-library or module-local package;
					// without a version, a go.mod copied into the stage decides it
					if !pkg.Pinned && (strings.Contains(pkg.Arg, "@") || !pinCopiesGoMod(p.File, in)) {
						unpinned = append(unpinned, pkg.Arg)
					}
				}
				if len(unpinned) > 0 {
					p.ReportCommand(in, c, fmt.Sprintf("go install of %s without a fixed version: pin it (pkg@vX.Y.Z)", strings.Join(unpinned, ", ")))
				}
			})
		},
	}
)

// pinCopiesGoMod reports whether the stage (or those it is built FROM) copies a go.mod, whose
// requirements then fix the versions `go install pkg` uses.
func pinCopiesGoMod(f *dockerfile.File, in *dockerfile.Instruction) bool {
	if in.Stage == nil {
		return false
	}
	for _, st := range f.StageChain(in.Stage) {
		for _, x := range st.Instructions {
			if x.Cmd != "copy" && x.Cmd != "add" {
				continue
			}
			for _, a := range x.Args[:max(len(x.Args)-1, 0)] {
				if strings.Contains(a, "go.mod") || a == "." || a == "./" || strings.HasSuffix(a, "/") {
					return true
				}
			}
		}
	}
	return false
}
