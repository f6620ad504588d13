package thirdparty_test

import (
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
)

// The BuildKit packages copied into third_party/buildkit (README.md): the release they are
// copied from, the packages, the upstream files left out, and the imports the copies drop.
const buildkitVersion = "v0.34.2"

var (
	buildkitPackages = []string{
		"frontend/dockerfile/parser", "frontend/dockerfile/instructions", "frontend/dockerfile/linter",
		"frontend/dockerfile/dfgitutil", "util/gitutil", "util/sshutil",
	}
	// util/sshutil's key scan is what links golang.org/x/crypto/ssh; the copies do not use it
	buildkitLeftOut = []string{"util/sshutil/keyscan.go"}
	// imports replaced by the copies' own paths, and util/stack (protobuf), which the parser
	// copy does not use
	buildkitRemovedImports = []string{"util/stack", "frontend/dockerfile/parser", "frontend/dockerfile/linter", "util/gitutil", "util/sshutil"}
)

func TestBuildKitCopyVersion(t *testing.T) {
	data, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range mf.Require {
		if r.Mod.Path == "github.com/moby/buildkit" && r.Mod.Version != buildkitVersion {
			t.Errorf("go.mod requires BuildKit %s; third_party/buildkit is copied from %s: copy the packages again (README.md)", r.Mod.Version, buildkitVersion)
		}
	}
}

// Each copied package holds upstream's non-test Go files but those left out, each differing
// from upstream only in marked lines and in the removed imports.
func TestBuildKitCopyDiffersOnlyInMarkedLines(t *testing.T) {
	if testing.Short() {
		t.Skip("fetches the upstream release with go mod download")
	}
	upstream := download(t, "github.com/moby/buildkit@"+buildkitVersion)
	removable := func(line string) bool {
		line = strings.TrimSpace(line)
		for _, p := range buildkitRemovedImports {
			if line == `"github.com/moby/buildkit/`+p+`"` {
				return true
			}
		}
		return false
	}
	for _, pkg := range buildkitPackages {
		entries, err := os.ReadDir(filepath.Join(upstream, pkg))
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range entries {
			name := e.Name()
			rel := pkg + "/" + name
			if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || slices.Contains(buildkitLeftOut, rel) {
				continue
			}
			seen[name] = true
			want, err := os.ReadFile(filepath.Join(upstream, pkg, name))
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join("buildkit", pkg, name))
			if err != nil {
				t.Errorf("%s: missing from the copy: %v", rel, err)
				continue
			}
			checkMarked(t, rel, unindent(formatted(string(want))), unindent(string(got)), removable)
		}
		copies, _ := os.ReadDir(filepath.Join("buildkit", pkg))
		for _, e := range copies {
			if !seen[e.Name()] {
				t.Errorf("buildkit/%s/%s: not in upstream %s (or left out)", pkg, e.Name(), buildkitVersion)
			}
		}
	}
}

// dockopt links the copies, not BuildKit's packages that import protobuf (util/stack) and
// golang.org/x/crypto/ssh (util/sshutil's key scan).
func TestBuildKitCopiesAreLinked(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/dockopt/dockopt/cmd/dockopt").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	for _, bad := range []string{"google.golang.org/protobuf/proto", "golang.org/x/crypto/ssh", "github.com/moby/buildkit/util/stack"} {
		if slices.Contains(deps, bad) {
			t.Errorf("cmd/dockopt links %s", bad)
		}
	}
	for _, pkg := range buildkitPackages {
		if slices.Contains(deps, "github.com/moby/buildkit/"+pkg) {
			t.Errorf("cmd/dockopt links BuildKit's %s, not third_party's copy", pkg)
		}
	}
}

// formatted is src as gofmt writes it (src itself when it does not parse).
func formatted(src string) string {
	if f, err := format.Source([]byte(src)); err == nil {
		return string(f)
	}
	return src
}
