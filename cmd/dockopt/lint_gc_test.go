package main

import (
	"runtime/debug"
	"testing"
)

// lint collects garbage half as often (GOGC=200) unless the user set GOGC.
func TestLintSetsGCPercent(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	p := write(t, t.TempDir(), "Dockerfile", "FROM scratch\n")
	t.Setenv("GOGC", "")
	runCLI(t, "", "lint", "--no-context", p)
	if got := debug.SetGCPercent(100); got != 200 {
		t.Errorf("GC percent after lint = %d, want 200", got)
	}
	t.Setenv("GOGC", "100")
	runCLI(t, "", "lint", "--no-context", p)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC=100 set by the user was overridden: %d", got)
	}
}
