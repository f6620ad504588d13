package pkgmgr

import (
	"strings"
	"testing"
)

// A go.mod requirement matches a listed module exactly; an import matches the listed path or
// a package below it. gopacket is listed by its pcap package only: requiring the module, or
// importing its other packages, does not need cgo.
func TestCgoModules(t *testing.T) {
	for mod, want := range map[string]bool{
		"github.com/mattn/go-sqlite3": true, "github.com/mattn/go-sqlite3x": false, "modernc.org/sqlite": false,
		"github.com/google/gopacket": false, "github.com/confluentinc/confluent-kafka-go/v2": true,
	} {
		if got := CgoRequirement(mod) != nil; got != want {
			t.Errorf("CgoRequirement(%q) = %v, want %v", mod, got, want)
		}
	}
	for pkg, want := range map[string]bool{
		"github.com/mattn/go-sqlite3": true, "github.com/google/gopacket/pcap": true, "github.com/google/gopacket/layers": false,
		"github.com/h2non/bimg": true, "github.com/h2non/bimgx": false,
	} {
		if got := CgoImport(pkg) != nil; got != want {
			t.Errorf("CgoImport(%q) = %v, want %v", pkg, got, want)
		}
	}
	for _, m := range CgoModules() {
		if !strings.HasPrefix(m.Source.URL, "https://") || m.Source.Version == "" || m.Why == "" {
			t.Errorf("%s: every entry says why and where from: %+v", m.Path, m)
		}
	}
}
