package lazyre_test

import (
	"sync"
	"testing"

	_ "github.com/dockopt/dockopt/app"
	_ "github.com/dockopt/dockopt/compose"
	_ "github.com/dockopt/dockopt/config"
	_ "github.com/dockopt/dockopt/dockerfile"
	_ "github.com/dockopt/dockopt/engine"
	_ "github.com/dockopt/dockopt/fix"
	_ "github.com/dockopt/dockopt/imagescan"
	"github.com/dockopt/dockopt/internal/lazyre"
	_ "github.com/dockopt/dockopt/lint"
	_ "github.com/dockopt/dockopt/lsp"
	_ "github.com/dockopt/dockopt/measure"
	_ "github.com/dockopt/dockopt/optimize"
	_ "github.com/dockopt/dockopt/output"
	_ "github.com/dockopt/dockopt/report"
	_ "github.com/dockopt/dockopt/rules"
)

// compiledAtInit is read when this package initialises: after every package above has, and
// before any test runs.
var compiledAtInit = lazyre.Compiled()

// No package compiles a deferred expression while it initialises (a package-level variable
// that uses one would bring the cost back to every command's start-up).
func TestNoneCompiledAtInit(t *testing.T) {
	if compiledAtInit != 0 {
		t.Errorf("%d expressions compiled during package initialisation", compiledAtInit)
	}
}

// Every deferred expression of the packages that use lazyre compiles.
func TestCompileAll(t *testing.T) {
	if n := lazyre.CompileAll(); n < 50 {
		t.Errorf("%d expressions compiled; the packages above declare about 60", n)
	}
}

func TestLazy(t *testing.T) {
	re := lazyre.New(`^a(b+)c$`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if m := re.FindStringSubmatch("abbc"); len(m) != 2 || m[1] != "bb" {
				t.Errorf("FindStringSubmatch = %q", m)
			}
		})
	}
	wg.Wait()
	if re.String() != `^a(b+)c$` || !re.MatchString("abc") || re.Regexp() != re.Regexp() {
		t.Error("a lazy expression is compiled once and behaves as regexp's")
	}
	bad := lazyre.New(`(`)
	defer func() {
		if recover() == nil {
			t.Error("an invalid expression must panic on first use, as regexp.MustCompile does")
		}
	}()
	bad.MatchString("x")
}
