package action

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/internal/testenv"
)

// TestPreCommitHooks runs both hooks of .pre-commit-hooks.yaml through pre-commit itself
// (`pre-commit try-repo`, which builds dockopt with language: golang, about 3 minutes on two
// cores) on a repository with a Dockerfile: dockopt-lint fails on the findings, dockopt-fix
// rewrites the file. It skips when pre-commit is not installed, except in CI (CI=true), where
// .ci/run installs Debian's pre-commit package. The machine's module cache is shared with the
// hook's environment (GOMODCACHE), so no module is downloaded twice.
func TestPreCommitHooks(t *testing.T) {
	pc, err := exec.LookPath("pre-commit")
	if err != nil {
		testenv.SkipUnlessCI(t, "pre-commit is not installed (apt-get install pre-commit; .ci/run installs it): the hooks are not tried")
	}
	if testing.Short() {
		t.Skip("-short: pre-commit try-repo builds dockopt (minutes)")
	}
	root, _ := filepath.Abs("..")
	repo := t.TempDir()
	df := filepath.Join(repo, "Dockerfile")
	os.WriteFile(df, []byte("FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n"), 0o644)
	os.WriteFile(filepath.Join(repo, "README.md"), []byte("not a Dockerfile\n"), 0o644)
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.email=ci@example.com", "-c", "user.name=ci", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "init")
	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pc, "try-repo", root, "--all-files", "--color", "never")
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "PRE_COMMIT_HOME="+t.TempDir(), "GOMODCACHE="+strings.TrimSpace(string(modcache)))
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Errorf("pre-commit passed; want both hooks to fail on this Dockerfile\n%s", out)
	}
	for _, want := range []string{
		"dockopt lint.....", "DO101 apt-no-install-recommends",
		"dockopt fix.....", "files were modified by this hook", "Dockerfile: applied 2 fix(es)",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pre-commit output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "README.md") {
		t.Errorf("a hook ran on README.md:\n%s", out)
	}
	got, _ := os.ReadFile(df)
	if want := "FROM debian:bookworm\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\n"; string(got) != want {
		t.Errorf("after dockopt-fix:\n%s\nwant:\n%s", got, want)
	}
}
