// Package e2eutil is what the end-to-end test packages share: building the CLI, the local
// base images and offline Python index they need, this machine's registry settings (passed
// to builds, never written anywhere), and skipping outside CI.
package e2eutil

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/internal/testenv"
)

// Need skips the test with the reason, or fails it in CI, where it must run.
func Need(t *testing.T, format string, args ...any) {
	t.Helper()
	testenv.SkipUnlessCI(t, "end-to-end test: "+format, args...)
}

// BuildCLI builds the dockopt command once.
func BuildCLI(t *testing.T, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dockopt")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/dockopt")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/dockopt: %v\n%s", err, out)
	}
	return bin
}

// RegistryBuildArgs are this machine's npm registry and Go proxy settings, passed to the
// builds that declare those ARGs (never written anywhere).
func RegistryBuildArgs() map[string]string {
	args := map[string]string{}
	if out, err := exec.Command("npm", "config", "get", "registry").Output(); err == nil {
		if v := strings.TrimSpace(string(out)); v != "" && v != "undefined" {
			args["NPM_CONFIG_REGISTRY"] = v
		}
	}
	if out, err := exec.Command("go", "env", "GOPROXY").Output(); err == nil {
		if v := strings.TrimSpace(string(out)); v != "" {
			args["GOPROXY"] = v
		}
	}
	return args
}

func DeclaresArg(dockerfile []byte, name string) bool {
	return regexp.MustCompile(`(?mi)^\s*ARG\s+` + regexp.QuoteMeta(name) + `(\s|=|$)`).Match(dockerfile)
}

func ContainsPrefix(xs []string, prefix string) bool {
	for _, x := range xs {
		if strings.HasPrefix(x, prefix) {
			return true
		}
	}
	return false
}

// NeedImages skips the test (or fails it in CI, Need) when one of refs is not in the engine's
// image store: the local stand-ins come from testdata/bases/build.sh.
func NeedImages(ctx context.Context, t *testing.T, eng *engine.Engine, refs ...string) {
	t.Helper()
	for _, ref := range refs {
		if _, err := eng.InspectImage(ctx, ref); err != nil {
			Need(t, "image %s is not in the engine's image store (build the local stand-ins: bash testdata/bases/build.sh)", ref)
		}
	}
}

func IsStandIn(ctx context.Context, eng *engine.Engine, ref string) bool {
	im, err := eng.InspectImage(ctx, ref)
	return err == nil && im.Labels["org.dockopt.standin"] == "true"
}

// StartPyIndex makes sure the offline Python index answers, starting it with serve.sh when it
// does not, and stopping it at the end only then.
func StartPyIndex(t *testing.T, root string) {
	t.Helper()
	port := os.Getenv("DOCKOPT_PYINDEX_PORT")
	if port == "" {
		port = "3141"
	}
	url := "http://127.0.0.1:" + port + "/simple/fastapi/"
	if Answers(url) {
		return
	}
	script := filepath.Join(root, "testdata", "bases", "pyindex", "serve.sh")
	cmd := exec.Command("bash", script)
	out, err := cmd.CombinedOutput()
	if err != nil || !Answers(url) {
		t.Fatalf("the offline Python index does not answer on %s and %s could not start it: %v\n%s", url, script, err, out)
	}
	t.Cleanup(func() { _ = exec.Command("bash", script, "--stop").Run() })
}

func Answers(url string) bool {
	c := http.Client{Timeout: 3 * time.Second}
	r, err := c.Get(url)
	if err != nil {
		return false
	}
	r.Body.Close()
	return r.StatusCode == 200
}

// CopyTracked copies an example's files that git tracks (so that local node_modules/, dist/
// and other untracked leftovers do not change the measurement); outside a git checkout, the
// whole directory.
func CopyTracked(t *testing.T, root, rel, dst string) {
	t.Helper()
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--", rel).Output()
	var files []string
	if err == nil {
		for _, f := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
			if f != "" {
				files = append(files, f)
			}
		}
	}
	if len(files) == 0 {
		_ = filepath.Walk(filepath.Join(root, rel), func(p string, info os.FileInfo, err error) error {
			if err == nil && info.Mode().IsRegular() {
				r, _ := filepath.Rel(root, p)
				files = append(files, r)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Fatalf("no files in %s", rel)
	}
	for _, f := range files {
		src := filepath.Join(root, f)
		info, err := os.Stat(src)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := filepath.Rel(rel, f)
		target := filepath.Join(dst, r)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(target, data, info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
}
