// Package enginetest gives tests an engine, or skips them clearly when none answers — except
// in CI (CI=true), where a missing engine is a failure: the tests that need one must run there.
package enginetest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/dockopt/dockopt/engine"
)

// InCI reports whether the tests run in CI (CI=true, as most CI systems set it).
func InCI() bool { return os.Getenv("CI") == "true" }

// New returns an engine whose Cleanup runs when the test ends. With no engine it skips the
// test (or fails it in CI) with the CLI's own explanation.
func New(t testing.TB) *engine.Engine {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	e, err := engine.New(ctx, engine.Options{})
	if err != nil {
		if InCI() {
			t.Fatalf("CI=true but no container engine answers (the engine tests must run in CI; start dockerd first): %v", err)
		}
		t.Skipf("skipped: no container engine answers (start dockerd to run this test): %v", err)
	}
	t.Cleanup(func() {
		if err := e.Cleanup(); err != nil {
			t.Errorf("engine cleanup: %v", err)
		}
	})
	return e
}
