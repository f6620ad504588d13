// Package testenv holds what tests ask of the machine they run on.
package testenv

import (
	"fmt"
	"os"
	"testing"
)

// InCI reports whether the tests run in CI (CI=true, as .ci/run sets), where everything a
// test needs is installed: the shared corpus, a Docker engine, nvim.
func InCI() bool { return os.Getenv("CI") == "true" }

// SkipUnlessCI skips the test because something it needs is missing, except in CI, where
// the missing piece fails it: a CI run must not pass by skipping.
func SkipUnlessCI(tb testing.TB, format string, args ...any) {
	tb.Helper()
	msg := fmt.Sprintf(format, args...)
	if InCI() {
		tb.Fatalf("%s (CI=true: a test that CI must run cannot skip)", msg)
	}
	tb.Skip(msg)
}
