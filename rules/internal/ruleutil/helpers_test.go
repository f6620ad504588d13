package ruleutil

import (
	"strings"
	"testing"
)

func TestContainsFold(t *testing.T) {
	for _, c := range []struct {
		s, sub string
		want   bool
	}{
		{"echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90yes", "assume-yes", true},
		{"APT.CONF", "apt.conf", true},
		{"assume-ye", "assume-yes", false},
		{"", "a", false},
		{"abc", "", true},
		{"aassume-yes", "assume-yes", true},
		{"Ünïcode ASSUME-YES", "assume-yes", true},
	} {
		if got := ContainsFold(c.s, c.sub); got != c.want {
			t.Errorf("ContainsFold(%q, %q) = %v", c.s, c.sub, got)
		}
		if want := strings.Contains(strings.ToLower(c.s), c.sub); want != c.want {
			t.Errorf("the case %q is wrong: strings.Contains(ToLower) = %v", c.s, want)
		}
	}
}
