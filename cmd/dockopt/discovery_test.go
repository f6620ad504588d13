package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lint and fix follow the Dockerfiles of compose services and bake targets (lint/builds.go);
// a malformed compose file is an error with its line (exit 2) and the rest is still linted.
func TestLintAndFixFollowComposeAndBake(t *testing.T) {
	project := filepath.Join("..", "..", "compose", "testdata", "project")
	out, _, code := runCLI(t, "", "lint", "--no-color", project)
	if code != 1 || !strings.Contains(out, `[built by compose service "api" (compose.yaml), bake target "api" (docker-bake.hcl)]`) ||
		!strings.Contains(out, `compose service "web"`) {
		t.Errorf("lint %s: exit %d\n%s", project, code, out)
	}
	// a compose file named on the command line is read, not linted as a Dockerfile
	out, _, code = runCLI(t, "", "lint", "--no-color", filepath.Join(project, "compose.yaml"))
	if code != 1 || !strings.Contains(out, "api/Dockerfile:") || !strings.Contains(out, "web/Dockerfile.web:") || strings.Contains(out, "compose.yaml:") {
		t.Errorf("lint compose.yaml: exit %d\n%s", code, out)
	}

	dir := t.TempDir()
	write(t, dir, "compose.yaml", "services:\n  api:\n    build: ./api\n   bad: x\n")
	other := write(t, dir, "other/Dockerfile", "FROM alpine:3\nRUN apk add curl\n")
	out, _, code = runCLI(t, "", "lint", "--no-color", dir)
	if code != 2 || !strings.Contains(out, filepath.Join(dir, "compose.yaml")+":4:4: error: ") || !strings.Contains(out, "other/Dockerfile:2:5") {
		t.Errorf("malformed compose: exit %d, want 2 with the error at line 4, column 4 and other/Dockerfile linted\n%s", code, out)
	}
	_, errOut, code := runCLI(t, "", "fix", "--write", dir)
	got, _ := os.ReadFile(other)
	if code != 2 || !strings.Contains(errOut, "compose.yaml:4:") || !strings.Contains(string(got), "apk add --no-cache curl") {
		t.Errorf("fix --write with a malformed compose file: exit %d\n%s\n%s", code, errOut, got)
	}
}
