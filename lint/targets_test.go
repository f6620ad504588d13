package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Compose builds the `base` stage: the rules about the image that ships judge base (which
// runs as root), not the prod stage after it (which has a USER).
func TestComposeTargetIsJudged(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM debian:12 AS base\nCMD [\"sleep\", \"1\"]\n\nFROM base AS prod\nUSER 10001\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte("services:\n  app:\n    build:\n      context: .\n      target: base\n"), 0o644)
	builds, errs := DiscoverBuilds([]string{dir})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	res := RunFiles([]string{filepath.Join(dir, "Dockerfile")}, FilesOptions{Builds: builds})
	var ids []string
	for _, fd := range res[0].Findings {
		ids = append(ids, fd.Rule.ID)
	}
	if !strings.Contains(strings.Join(ids, " "), "DO301") {
		t.Errorf("no DO301 (root user) for the base stage compose builds: %v", ids)
	}
	// without compose the last stage ships, and it has a USER
	res = RunFiles([]string{filepath.Join(dir, "Dockerfile")}, FilesOptions{})
	for _, fd := range res[0].Findings {
		if fd.Rule.ID == "DO301" {
			t.Errorf("DO301 without compose: %s", fd.Message)
		}
	}
}
