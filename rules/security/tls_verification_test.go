package security

import (
	"strings"
	"testing"
)

// Every expression DO306 scans a RUN with needs one of secTLSWords, so that a RUN with none
// of them may skip the scan.
func TestTLSConfigLinesNeedAWord(t *testing.T) {
	for _, cl := range secTLSConfigLines {
		lit := secRequiredLiteral(cl.re.Regexp())
		low := strings.ToLower(lit.s)
		found := false
		for _, w := range secTLSWords {
			found = found || strings.Contains(low, w)
		}
		if lit.s == "" || !found {
			t.Errorf("%s: its required literal %q holds none of %q", cl.re.String(), lit.s, secTLSWords)
		}
	}
}
