package reliability

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// GoInstallVersion is DO706 (go-install-version).
	GoInstallVersion = &rule.Rule{
		ID:          "DO706",
		Name:        "go-install-version",
		Family:      rule.Reliability,
		Severity:    rule.Info,
		Equivalents: []string{"hadolint:DL3062"},
		Doc: rule.Doc{
			What: "Finds `go install` and `go run` of a remote package with `@latest` (or a branch such as " +
				"`@master`), or without `@version` in a stage that copies no go.mod, and `go get` of a " +
				"remote package without a fixed version (it resolves the latest even in a module). Local " +
				"packages (`./cmd/...`) and packages of a copied module (whose go.mod fixes the version) " +
				"are fine. hadolint's DL3062 (2.15) also flags `go install`/`go run` of a remote package " +
				"without `@version` inside a module; dockopt does not, since go.mod fixes the version.",
			Why: pinWhy + "Without `@version` outside a module, Go 1.16 and later refuse the command " +
				"(\"go install requires a version when current directory is not in a module\"); " +
				"`@latest` builds whatever was tagged last. " +
				"Severity: info, where hadolint's DL3062 is a warning: the build works (a missing version " +
				"outside a module is refused by Go itself, which stops the build anyway).",
			Example:    "RUN go install github.com/go-delve/delve/cmd/dlv@latest",
			UseInstead: "RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1",
			References: []string{
				"https://go.dev/ref/mod#go-install",
				"https://go.dev/doc/go-get-install-deprecation",
				"https://github.com/hadolint/hadolint/wiki/DL3062",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				call, ok := ruleutil.PmOf(c, "go")
				if !ok {
					return
				}
				var pkgs []pkgmgr.Package
				switch call.Sub {
				case "install", "get":
					pkgs = call.Packages()
				case "run": // the first operand is the package; the rest are the program's arguments
					if len(call.Operands) > 0 {
						pkgs = []pkgmgr.Package{pkgmgr.ParsePackage(pkgmgr.GoPin, call.Operands[0])}
					}
				default:
					return
				}
				var unpinned []string
				for _, pkg := range pkgs {
					// pinned: a version, or a local, standard-library or module-local package;
					// without a version, a go.mod copied into the stage decides it, except for
					// go get, which resolves @upgrade (the latest) even in a module
					if !pkg.Pinned && (call.Sub == "get" || strings.Contains(pkg.Arg, "@") || !pinCopiesGoMod(p.File, in)) {
						unpinned = append(unpinned, pkg.Arg)
					}
				}
				if len(unpinned) > 0 {
					p.ReportCommand(in, c, fmt.Sprintf("go %s of %s without a fixed version: pin it (pkg@vX.Y.Z)", call.Sub, strings.Join(unpinned, ", ")))
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
