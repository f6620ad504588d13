package lint

import (
	"testing"

	"github.com/dockopt/dockopt/config"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// optInSrc has a finding of opt-in rules DO701 (apt-pin, line 3), DO707 (base-image-digest,
// line 2) and DO020 (invalid-definition-description, line 5), and of DO102, a default rule
// (apt lists left in the layer, line 3).
const optInSrc = "# syntax=docker/dockerfile:1\nFROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n" +
	"# the version to use\nARG VERSION=1\nUSER 10001\nCMD [\"curl\", \"--version\"]\n"

func idsOf(fs []rule.Finding) map[string]bool {
	m := map[string]bool{}
	for _, f := range fs {
		m[f.Rule.ID] = true
	}
	return m
}

func lintWith(t *testing.T, src string, cfg *config.Config, only ...*rule.Rule) map[string]bool {
	t.Helper()
	f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return idsOf(Run(f, nil, Options{Config: cfg, Only: only}))
}

// An opt-in rule does not run by default, and runs when named in Only (--rule), turned on by
// --enable / `enable:`, given a severity in `override:`, or with --all-rules; `ignored` wins.
func TestOptInRules(t *testing.T) {
	apt, digest := rules.Lookup("DO701"), rules.Lookup("DO707")
	if !apt.OptIn || !digest.OptIn || rules.Lookup("DO102").OptIn {
		t.Fatal("DO701 and DO707 are opt-in rules and DO102 is not: the test's premise changed")
	}
	if got := lintWith(t, optInSrc, nil); got["DO701"] || got["DO707"] || got["DO020"] || !got["DO102"] {
		t.Errorf("default run: %v; want DO102 and no opt-in rule", got)
	}
	if got := lintWith(t, optInSrc, nil, apt); !got["DO701"] || got["DO102"] {
		t.Errorf("Only DO701: %v; want DO701 alone", got)
	}
	enabled := config.Default()
	enabled.Enabled[apt] = true
	if got := lintWith(t, optInSrc, enabled); !got["DO701"] || got["DO707"] || !got["DO102"] {
		t.Errorf("DO701 enabled: %v; want DO701 and DO102, not DO707", got)
	}
	all := config.Default()
	all.AllRules = true
	if got := lintWith(t, optInSrc, all); !got["DO701"] || !got["DO707"] || !got["DO020"] || !got["DO102"] {
		t.Errorf("all rules: %v; want DO701, DO707, DO020 and DO102", got)
	}
	all.Ignored[digest] = true
	if got := lintWith(t, optInSrc, all); got["DO707"] || !got["DO701"] {
		t.Errorf("all rules, DO707 ignored: %v", got)
	}
	over, err := config.Parse(".dockopt.yaml", []byte("override:\n  warning: [DL3008]\n"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := dockerfile.Parse("Dockerfile", []byte(optInSrc), dockerfile.Options{})
	var sev rule.Severity = -1
	for _, fd := range Run(f, nil, Options{Config: over}) {
		if fd.Rule == apt {
			sev = fd.Severity
		}
	}
	if sev != rule.Warning {
		t.Errorf("override warning: [DL3008]: DO701 severity %v, want it reported as a warning", sev)
	}
	if why := OffByDefault(f, nil, apt); why == "" {
		t.Error("OffByDefault(DO701) with the default configuration is empty")
	}
	if why := OffByDefault(f, all, apt); why != "" {
		t.Errorf("OffByDefault(DO701) with --all-rules = %q", why)
	}
	if why := NotRun(f, nil, nil, apt); why != "" {
		t.Errorf("NotRun(DO701) = %q: a named opt-in rule runs (the CIS section names its rules)", why)
	}
}

// BuildKit runs its experimental checks only when `# check=experimental=` names them (or says
// all); DO020 is BuildKit's experimental InvalidDefinitionDescription and follows the directive.
func TestCheckExperimentalEnablesOptInBuildKitRule(t *testing.T) {
	for _, dir := range []string{"# check=experimental=InvalidDefinitionDescription\n", "# check=experimental=all\n"} {
		if got := lintWith(t, dir+optInSrc[len("# syntax=docker/dockerfile:1\n"):], nil); !got["DO020"] || got["DO701"] {
			t.Errorf("%q: %v; want DO020 and still no DO701", dir, got)
		}
	}
}

// A dockopt pragma naming only opt-in rules that did not run is not reported as unused (DO601):
// it matches once the rule is turned on; with the rule on and nothing to suppress, it is.
func TestPragmaForOptInRuleIsNotUnused(t *testing.T) {
	src := "FROM debian:12\n# dockopt ignore=DO701\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\nUSER 10001\n"
	if got := lintWith(t, src, nil); got["DO601"] {
		t.Errorf("default run: %v; a pragma for an opt-in rule left off is not unused", got)
	}
	all := config.Default()
	all.AllRules = true
	if got := lintWith(t, src, all); !got["DO601"] {
		t.Errorf("all rules: %v; the pinned install gives DO701 nothing to suppress: want DO601", got)
	}
}
