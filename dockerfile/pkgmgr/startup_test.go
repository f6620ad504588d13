package pkgmgr_test

import (
	"testing"

	_ "github.com/dockopt/dockopt/app"
	_ "github.com/dockopt/dockopt/buildctx"
	_ "github.com/dockopt/dockopt/compose"
	_ "github.com/dockopt/dockopt/fix"
	_ "github.com/dockopt/dockopt/imagescan"
	_ "github.com/dockopt/dockopt/lint"
	_ "github.com/dockopt/dockopt/lsp"
	_ "github.com/dockopt/dockopt/measure"
	_ "github.com/dockopt/dockopt/optimize"
	_ "github.com/dockopt/dockopt/output"
	_ "github.com/dockopt/dockopt/report"
	_ "github.com/dockopt/dockopt/rules"

	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// builtAtInit is read when this package initialises: after every package above (the
// packages of cmd/dockopt) has, and before any test runs.
var builtAtInit = pkgmgr.RegistryBuilt()

// No package builds the registry while it initialises: it is built on first use, so that
// commands that never ask it (dockopt version, rules) do not pay for it at start-up.
func TestRegistryNotBuiltAtInit(t *testing.T) {
	if builtAtInit {
		t.Error("the package manager registry was built during package initialisation " +
			"(a package-level variable calls pkgmgr: make it a function or sync.OnceValue)")
	}
	if pkgmgr.ByID("apt") == nil || !pkgmgr.RegistryBuilt() {
		t.Error("the registry is built on first use")
	}
}
