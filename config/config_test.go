package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

func TestParseDockoptAndHadolintKeys(t *testing.T) {
	c, err := Parse(".dockopt.yaml", []byte("ignored: [DO101, apt-lists-not-removed, DL3008]\noverride:\n  error: [DO301]\ntrustedRegistries: [docker.io]\nfailure-threshold: warning\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"DO101", "DO102", "DO701"} { // DL3008 is DO701's hadolint equivalent
		if !c.Ignored[rules.Lookup(k)] {
			t.Errorf("%s not ignored", k)
		}
	}
	if c.Severity[rules.Lookup("DO301")] != rule.Error || c.FailureThreshold != rule.Warning || len(c.TrustedRegistries) != 1 {
		t.Errorf("config = %+v", c)
	}
}

func TestHadolintCodesWithoutEquivalentAreAcceptedOnlyInHadolintFiles(t *testing.T) {
	c, err := Parse(".hadolint.yaml", []byte("ignored: [DL3008]\noverride:\n  error:\n    - DL3999\n"))
	if err != nil {
		t.Errorf("a hadolint code with no dockopt equivalent must not fail a .hadolint.yaml: %v", err)
	} else if len(c.Warnings) != 1 || !strings.HasPrefix(c.Warnings[0], ".hadolint.yaml:4: DL3999: no dockopt rule is its equivalent") {
		// accepted, but said, with its line; DL3008 has an equivalent (DO701): no warning
		t.Errorf("warnings %q: want one naming DL3999 on line 4", c.Warnings)
	}
	_, err = Parse(".dockopt.yaml", []byte("ignored: [DL3999]\n"))
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

// Regression: `ignore:` (for `ignored:`) in a .dockopt.yaml was silently accepted.
func TestUnknownKeysRejectedInDockoptFiles(t *testing.T) {
	for _, name := range []string{".dockopt.yaml", "sub/.dockopt.yml"} {
		_, err := Parse(name, []byte("# rules we do not want\nignore: [DO101]\n"))
		var ce *Error
		if !errors.As(err, &ce) || ce.Line != 2 || !strings.Contains(ce.Msg, `unknown key "ignore"`) || !strings.Contains(ce.Msg, `did you mean "ignored"`) {
			t.Errorf("%s: want an *Error on line 2 naming the key, got %v", name, err)
		}
	}
	_, err := Parse(".dockopt.yaml", []byte("ignored: []\ncolour: never\n"))
	if err == nil || !strings.Contains(err.Error(), ".dockopt.yaml:2: unknown key \"colour\" (known keys: ") {
		t.Errorf("got %v", err)
	}
	if _, err := Parse(".dockopt.yaml", []byte("# only a comment\n")); err != nil {
		t.Errorf("a file of comments is valid: %v", err)
	}
}

func TestHadolintFilesKeepTheirOtherKeys(t *testing.T) {
	data := []byte(`failure-threshold: warning
format: json
no-color: true
no-fail: false
strict-labels: true
disable-ignore-pragma: false
label-schema:
  author: text
  version: semver
ignored: [DL3008, SC2086, DL3001, DL3999]
trustedRegistries: [docker.io]
override:
  error: [DL3002]
  style: [SC2035]
`)
	// the same hadolint content under any name other than .dockopt.y*ml (issue: --config
	// ci.yaml failed on SC2086/DL3001 where .hadolint.yaml was accepted)
	for _, name := range []string{".hadolint.yaml", ".hadolint.yml", "ci.yaml", "config/lint.yml"} {
		c, err := Parse(name, data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !c.Ignored[rules.Lookup("DO701")] || c.FailureThreshold != rule.Warning {
			t.Errorf("%s: DL3008 not applied or threshold lost: %+v", name, c)
		}
	}
	if _, err := Parse(".dockopt.yaml", data); err == nil {
		t.Error("a .dockopt.yaml with hadolint-only keys was accepted")
	}
}

// Opt-in rules are turned on by `enable:` (IDs, names or hadolint codes), by a severity in
// `override:` (hadolint turns on its off-by-default DL3057 that way), or by `all-rules: true`;
// an unknown rule in `enable:` is an error with its line.
func TestEnableOptInRules(t *testing.T) {
	apt, digest, hc := rules.Lookup("DO701"), rules.Lookup("DO707"), rules.Lookup("DO401")
	c, err := Parse(".dockopt.yaml", []byte("enable: [base-image-digest]\noverride:\n  warning: [DL3008]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Runs(apt) || !c.Runs(digest) || c.Runs(hc) || c.AllRules {
		t.Errorf("enable + override: runs DO701 %v, DO707 %v, DO401 %v (want true, true, false)", c.Runs(apt), c.Runs(digest), c.Runs(hc))
	}
	if d := Default(); d.Runs(apt) || !d.Runs(rules.Lookup("DO101")) {
		t.Error("default configuration: want opt-in DO701 off and DO101 on")
	}
	c, err = Parse(".hadolint.yaml", []byte("all-rules: true\nignored: [DL3008]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Runs(hc) || c.Runs(apt) {
		t.Errorf("all-rules with DL3008 ignored: runs DO401 %v, DO701 %v (want true, false)", c.Runs(hc), c.Runs(apt))
	}
	_, err = Parse(".dockopt.yaml", []byte("ignored: []\nenable: [DO999]\n"))
	var ce *Error
	if !errors.As(err, &ce) || ce.Line != 2 || !strings.Contains(ce.Msg, "DO999") {
		t.Errorf("enable: [DO999]: err = %v, want an error on line 2 naming DO999", err)
	}
}

// hadolint's label-schema and strict-labels keys: a schema turns on the rules that read it
// (DL3049, DL3051-DL3056, DL3058), strict-labels turns on DL3050's equivalent; an empty format
// is text; an unknown format is an error with its line, in any file.
func TestLabelSchema(t *testing.T) {
	for _, name := range []string{".dockopt.yaml", ".hadolint.yaml"} {
		c, err := Parse(name, []byte("label-schema:\n  org.opencontainers.image.version: semver\n  author:\n"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if c.LabelSchema["org.opencontainers.image.version"] != "semver" || c.LabelSchema["author"] != "text" || c.StrictLabels {
			t.Errorf("%s: schema %v strict %v", name, c.LabelSchema, c.StrictLabels)
		}
		for _, code := range []string{"DL3049", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"} {
			rs := rules.Resolve(code)
			if len(rs) != 1 || !c.Runs(rs[0]) {
				t.Errorf("%s: the schema does not turn on %s (%v)", name, code, rs)
			}
		}
		if c.Runs(rules.Resolve("DL3050")[0]) {
			t.Errorf("%s: DL3050 runs without strict-labels", name)
		}
	}
	c, err := Parse(".dockopt.yaml", []byte("strict-labels: true\n"))
	if err != nil || !c.StrictLabels || !c.Runs(rules.Resolve("DL3050")[0]) || c.Runs(rules.Resolve("DL3049")[0]) {
		t.Errorf("strict-labels alone: %v %+v", err, c)
	}
	if c, _ := Parse(".dockopt.yaml", nil); c.Runs(rules.Resolve("DL3049")[0]) || c.Runs(rules.Resolve("DL3050")[0]) {
		t.Error("the label-schema rules run without a schema")
	}
	_, err = Parse(".hadolint.yaml", []byte("failure-threshold: info\nlabel-schema:\n  version: semver\n  created: timestamp\n"))
	var ce *Error
	if !errors.As(err, &ce) || ce.Line != 4 || !strings.Contains(ce.Msg, `"timestamp"`) || !strings.Contains(ce.Msg, "rfc3339") {
		t.Errorf("unknown format: want an *Error on line 4 naming it and the known ones, got %v", err)
	}
}
