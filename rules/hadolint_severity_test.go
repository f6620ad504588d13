package rules_test

import (
	"strings"
	"testing"

	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// hadolintSeverity is the default severity of every hadolint rule dockopt claims an
// equivalent of, as hadolint's source sets it (`severity = DLErrorC`, `DLWarningC`,
// `DLInfoC`, `DLStyleC` in src/Hadolint/Rule/DLxxxx.hs, hadolint commit 8f936c5, 2026-08-07).
var hadolintSeverity = map[string]rule.Severity{
	"DL3000": rule.Error, "DL3002": rule.Warning, "DL3003": rule.Warning, "DL3004": rule.Error,
	"DL3006": rule.Warning, "DL3007": rule.Warning, "DL3008": rule.Warning, "DL3009": rule.Info,
	"DL3011": rule.Error, "DL3012": rule.Error, "DL3013": rule.Warning, "DL3014": rule.Warning,
	"DL3015": rule.Info, "DL3016": rule.Warning, "DL3018": rule.Warning, "DL3019": rule.Info,
	"DL3020": rule.Error, "DL3021": rule.Error, "DL3022": rule.Warning, "DL3023": rule.Error,
	"DL3024": rule.Error, "DL3025": rule.Warning, "DL3026": rule.Error, "DL3027": rule.Warning,
	"DL3028": rule.Warning, "DL3029": rule.Warning, "DL3030": rule.Warning, "DL3032": rule.Warning,
	"DL3033": rule.Warning, "DL3034": rule.Warning, "DL3036": rule.Warning, "DL3037": rule.Warning,
	"DL3038": rule.Warning, "DL3040": rule.Warning, "DL3041": rule.Warning, "DL3042": rule.Warning,
	"DL3044": rule.Error, "DL3045": rule.Warning, "DL3046": rule.Warning, "DL3048": rule.Style,
	"DL3059": rule.Info, "DL3060": rule.Info, "DL3062": rule.Warning, "DL3063": rule.Warning,
	"DL3064": rule.Warning, "DL3065": rule.Warning, "DL3066": rule.Info, "DL3067": rule.Warning,
	"DL4000": rule.Error, "DL4003": rule.Warning, "DL4004": rule.Error, "DL4005": rule.Warning,
	"DL4006": rule.Warning,
	// the label-schema rules (same source)
	"DL3049": rule.Info, "DL3050": rule.Info, "DL3051": rule.Warning, "DL3052": rule.Warning,
	"DL3053": rule.Warning, "DL3054": rule.Warning, "DL3055": rule.Warning, "DL3056": rule.Warning,
	"DL3058": rule.Warning,
}

// hadolintIgnored are the hadolint rules whose default severity is "ignore" (off unless a
// configuration's override turns them on): DL3057, HEALTHCHECK missing
// (https://github.com/hadolint/hadolint#rules).
var hadolintIgnored = map[string]bool{"DL3057": true}

// TestSeverityMatchesHadolintOrSaysWhy: a rule whose severity differs from the hadolint rule
// it claims as an equivalent says so in its Why section, naming that rule and hadolint's
// severity ("Severity: info, where hadolint's DL3008 is a warning ..."), so that the choice is
// documented where users read it (dockopt rules ID, docs/rules.md).
func TestSeverityMatchesHadolintOrSaysWhy(t *testing.T) {
	for _, r := range rules.All() {
		for _, e := range r.Equivalents {
			id, ok := strings.CutPrefix(e, "hadolint:")
			if !ok {
				continue
			}
			if hadolintIgnored[id] {
				// hadolint's own default is off: the rule claiming it must be off by default too
				if !r.OptIn {
					t.Errorf("%s claims hadolint:%s, which hadolint leaves off (severity ignore), but runs by default", r.ID, id)
				}
				continue
			}
			hs, known := hadolintSeverity[id]
			if !known {
				t.Errorf("%s claims hadolint:%s, whose severity is not in hadolintSeverity", r.ID, id)
				continue
			}
			if hs == r.Severity {
				continue
			}
			if !strings.Contains(r.Doc.Why, "Severity: ") || !strings.Contains(r.Doc.Why, "hadolint's "+id) ||
				!strings.Contains(r.Doc.Why, hs.String()) {
				t.Errorf("%s is %s where hadolint's %s is %s: its Why must say so and why (\"Severity: ... hadolint's %s ... %s\")",
					r.ID, r.Severity, id, hs, id, hs)
			}
		}
	}
}
