// Package action tests the CI integrations: the pre-commit hooks (.pre-commit-hooks.yaml,
// through pre-commit itself) and the GitHub Action (action.yml at the repository root): its run steps
// are executed the way the runner executes a composite action's steps (bash --noprofile
// --norc -eo pipefail on the step's script, the step's env with ${{ }} expressions
// substituted, GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY set) on
// a fixture. Steps that use other actions (setup-go) are skipped: the machine's Go is used.
package action

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type actionFile struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name  string            `yaml:"name"`
			ID    string            `yaml:"id"`
			Uses  string            `yaml:"uses"`
			Shell string            `yaml:"shell"`
			Run   string            `yaml:"run"`
			Env   map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

var expr = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

type run struct {
	exitCode int
	stdout   string
	summary  string
	outputs  string
}

// runAction runs action.yml's steps in workdir with the given inputs (the others take their
// defaults).
func runAction(t *testing.T, workdir string, inputs map[string]string) run {
	t.Helper()
	root, _ := filepath.Abs("..")
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("action.yml runs.using = %q, want composite", a.Runs.Using)
	}
	temp := t.TempDir()
	summary, outputs := filepath.Join(temp, "summary.md"), filepath.Join(temp, "output")
	os.WriteFile(summary, nil, 0o644)
	os.WriteFile(outputs, nil, 0o644)
	value := func(e string) string {
		switch {
		case e == "runner.temp":
			return temp
		case e == "github.action_path":
			return root
		case strings.HasPrefix(e, "inputs."):
			name := strings.TrimPrefix(e, "inputs.")
			in, ok := a.Inputs[name]
			if !ok {
				t.Fatalf("action.yml uses undeclared input %s", name)
			}
			if v, ok := inputs[name]; ok {
				return v
			}
			return in.Default
		}
		t.Fatalf("expression ${{ %s }} is not understood by this test", e)
		return ""
	}
	subst := func(s string) string {
		return expr.ReplaceAllStringFunc(s, func(m string) string { return value(expr.FindStringSubmatch(m)[1]) })
	}
	var res run
	for _, st := range a.Runs.Steps {
		if st.Uses != "" {
			continue
		}
		if st.Shell != "bash" {
			t.Fatalf("step %q: shell %q, want bash", st.Name, st.Shell)
		}
		script := filepath.Join(temp, "step.sh")
		os.WriteFile(script, []byte(subst(st.Run)), 0o644)
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = workdir
		cmd.Env = append(os.Environ(), "GITHUB_ACTION_PATH="+root, "RUNNER_TEMP="+temp,
			"GITHUB_STEP_SUMMARY="+summary, "GITHUB_OUTPUT="+outputs, "GITHUB_ACTIONS=true", "NO_COLOR=1")
		for k, v := range st.Env {
			cmd.Env = append(cmd.Env, k+"="+subst(v))
		}
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if st.ID != "dockopt" {
			if code != 0 {
				t.Fatalf("step %q failed (exit %d):\n%s", st.Name, code, out)
			}
			continue
		}
		res.exitCode, res.stdout = code, string(out)
	}
	s, _ := os.ReadFile(summary)
	o, _ := os.ReadFile(outputs)
	res.summary, res.outputs = string(s), string(o)
	return res
}

// fixture copies testdata/repo into a temporary checkout.
func fixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/repo")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestActionLintsWithSARIFAndAnnotations(t *testing.T) {
	dir := fixture(t)
	r := runAction(t, dir, map[string]string{"fix-check": "true"})
	if r.exitCode != 1 {
		t.Errorf("exit %d, want 1 (findings)\n%s", r.exitCode, r.stdout)
	}
	sarif, err := os.ReadFile(filepath.Join(dir, "dockopt.sarif"))
	if err != nil || !strings.Contains(string(sarif), `"version": "2.1.0"`) || !strings.Contains(string(sarif), "DO101") {
		t.Errorf("SARIF file: %v\n%.300s", err, sarif)
	}
	for _, want := range []string{"::warning file=app/Dockerfile,line=2,", "DO101 apt-no-install-recommends", "::group::dockopt fix --check", "+RUN apt-get update && apt-get install --no-install-recommends"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("step output lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, want := range []string{"## dockopt lint", "app/Dockerfile:2:", "## dockopt fix --check", "Automatic fixes are pending", "```diff"} {
		if !strings.Contains(r.summary, want) {
			t.Errorf("job summary lacks %q:\n%s", want, r.summary)
		}
	}
	if !strings.Contains(r.outputs, "sarif-file=dockopt.sarif\n") || !strings.Contains(r.outputs, "lint-exit-code=1\n") {
		t.Errorf("step outputs:\n%s", r.outputs)
	}
}

func TestActionOptimizeReportInSummary(t *testing.T) {
	dir := fixture(t)
	r := runAction(t, dir, map[string]string{"paths": "clean", "optimize": "app"})
	if r.exitCode != 0 {
		t.Errorf("exit %d, want 0 (clean/Dockerfile has no finding, optimize succeeds)\n%s\n%s", r.exitCode, r.stdout, r.summary)
	}
	for _, want := range []string{"No finding at or above the failure threshold", "# dockopt"} {
		if !strings.Contains(r.summary, want) {
			t.Errorf("job summary lacks %q:\n%s", want, r.summary)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "app", "Dockerfile.optimized")); err == nil {
		t.Error("optimize wrote into the checkout; want --out in RUNNER_TEMP")
	}
}

func TestActionThresholdNone(t *testing.T) {
	r := runAction(t, fixture(t), map[string]string{"failure-threshold": "none"})
	if r.exitCode != 0 || !strings.Contains(r.stdout, "::warning") {
		t.Errorf("failure-threshold none: exit %d, want 0 with the annotations still printed\n%s", r.exitCode, r.stdout)
	}
}

// A build context whose compose file builds two services: one report per service, both in the
// job summary.
func TestActionOptimizeComposeReports(t *testing.T) {
	dir := fixture(t)
	compose := "services:\n  api:\n    build: .\n  worker:\n    build: .\n"
	if err := os.WriteFile(filepath.Join(dir, "app", "compose.yaml"), []byte(compose), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runAction(t, dir, map[string]string{"paths": "clean", "optimize": "app"})
	if r.exitCode != 0 {
		t.Fatalf("exit %d\n%s", r.exitCode, r.stdout)
	}
	if n := strings.Count(r.summary, "## Overview"); n != 2 {
		t.Errorf("%d reports in the job summary, want 2 (api and worker):\n%s", n, r.summary)
	}
}
