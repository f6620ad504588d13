package rule

import (
	"strings"
	"testing"
)

// An opt-in rule must say why it is off by default, and only an opt-in rule may.
func TestValidateOptIn(t *testing.T) {
	r := Rule{ID: "DO999", Name: "x", Family: Size, OptIn: true, Check: func(*Pass) {},
		Doc: Doc{What: "w", Why: "y", Example: "e", UseInstead: "u", References: []string{"r"}}}
	if err := r.Validate(); err == nil || !strings.Contains(err.Error(), "OffByDefault") {
		t.Errorf("opt-in rule without Doc.OffByDefault: Validate() = %v", err)
	}
	r.Doc.OffByDefault = "noisy on real files"
	if err := r.Validate(); err != nil {
		t.Errorf("complete opt-in rule: Validate() = %v", err)
	}
	r.OptIn = false
	if err := r.Validate(); err == nil {
		t.Error("Doc.OffByDefault on a rule that runs by default: Validate() = nil")
	}
}
