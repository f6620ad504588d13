package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dockopt's own Dockerfile (the repository's) leaves optimize nothing to do: the Dockerfile
// and the .dockerignore it writes are the repository's own, with no optimization listed.
func TestOwnDockerfileOptimizesToItself(t *testing.T) {
	root := filepath.Join("..", "..")
	out := t.TempDir()
	if _, errOut, code := runCLI(t, "", "optimize", root, "--out", out); code != 0 {
		t.Fatalf("optimize %s: exit %d\n%s", root, code, errOut)
	}
	for got, want := range map[string]string{"Dockerfile.optimized": "Dockerfile", ".dockerignore.suggested": ".dockerignore"} {
		a, err1 := os.ReadFile(filepath.Join(out, got))
		b, err2 := os.ReadFile(filepath.Join(root, want))
		if err1 != nil || err2 != nil || string(a) != string(b) {
			t.Errorf("optimize changed %s (%v %v):\n%s", want, err1, err2, a)
		}
	}
	report, _ := os.ReadFile(filepath.Join(out, "dockopt-report.md"))
	if !strings.Contains(string(report), "- Optimizations: 0 ") {
		t.Errorf("the report lists optimizations:\n%s", report)
	}
}
