package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dockopt/dockopt/rule"
	_ "github.com/dockopt/dockopt/rules"
)

func TestParseDockoptAndHadolintKeys(t *testing.T) {
	c, err := Parse(".dockopt.yaml", []byte("ignored: [DO101, apt-lists-not-removed, DL3008]\noverride:\n  error: [DO301]\ntrustedRegistries: [docker.io]\nfailure-threshold: warning\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"DO101", "DO102", "DO701"} { // DL3008 is DO701's hadolint equivalent
		if !c.Ignored[rule.Lookup(k)] {
			t.Errorf("%s not ignored", k)
		}
	}
	if c.Severity[rule.Lookup("DO301")] != rule.Error || c.FailureThreshold != rule.Warning || len(c.TrustedRegistries) != 1 {
		t.Errorf("config = %+v", c)
	}
}

func TestHadolintCodesWithoutEquivalentAreAcceptedOnlyInHadolintFiles(t *testing.T) {
	if _, err := Parse(".hadolint.yaml", []byte("ignored: [DL3999]\n")); err != nil {
		t.Errorf("a hadolint code with no dockopt equivalent must not fail a .hadolint.yaml: %v", err)
	}
	_, err := Parse(".dockopt.yaml", []byte("ignored: [DL3999]\n"))
	var ce *Error
	if !errors.As(err, &ce) || ce.Line != 1 {
		t.Errorf("want an *Error on line 1, got %v", err)
	}
}

func TestErrors(t *testing.T) {
	for name, data := range map[string]string{
		"bad yaml":      "ignored: [\n",
		"wrong type":    "ignored: 3\n",
		"bad severity":  "override:\n  fatal: [DO101]\n",
		"bad threshold": "failure-threshold: loud\n",
		"unknown rule":  "ignored: [nope]\n",
	} {
		if _, err := Parse(".dockopt.yaml", []byte(data)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := Parse(".dockopt.yaml", []byte("")); err != nil {
		t.Errorf("an empty file is valid: %v", err)
	}
}

func TestFindWalksUp(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".hadolint.yaml"), []byte("ignored: []\n"), 0o644)
	sub := filepath.Join(dir, "a", "b")
	os.MkdirAll(sub, 0o755)
	if got := Find(sub); got != filepath.Join(dir, ".hadolint.yaml") {
		t.Errorf("Find = %q", got)
	}
	os.WriteFile(filepath.Join(sub, ".dockopt.yaml"), nil, 0o644)
	if got := Find(sub); got != filepath.Join(sub, ".dockopt.yaml") {
		t.Errorf("nearest file should win, got %q", got)
	}
}
