package pkgmgr

import "sync"

// What `apt-get install --no-install-recommends` leaves out that a later command may need.

// recommendsSource is where the Recommends below were read: the Debian 12 package control
// fields (`apt-cache show PKG`, the same fields packages.debian.org/bookworm/PKG shows),
// read 2026-12-06.
var recommendsSource = Source{URL: "https://packages.debian.org/bookworm/", Version: "Debian 12 (bookworm), read 2026-12-06"}

// aptRecommends are Debian packages whose recommended packages a build commonly relies on.
// A package that reaches the recommendation only through a dependency is listed under its
// own name (curl depends on libcurl4, which recommends ca-certificates).
var aptRecommends = sync.OnceValue(func() map[string][]string {
	return map[string][]string{
		"curl":            {"ca-certificates"}, // through libcurl4 7.88.1
		"libcurl4":        {"ca-certificates"},
		"libcurl3-gnutls": {"ca-certificates"},
		"wget":            {"ca-certificates"},
		"git":             {"ca-certificates", "patch", "less", "ssh-client"},
		"python3-pip":     {"build-essential", "python3-dev"},
		"npm":             {"git", "node-tap"},
	}
})

// AptRecommends returns the packages a Debian package recommends that a build commonly
// relies on (nil for a package not in the table), and where the fact comes from.
func AptRecommends(pkg string) ([]string, Source) { return aptRecommends()[pkg], recommendsSource }

// HTTPSClients are the programs that fetch over HTTPS with the system's certificate store
// (ca-certificates on Debian): without it they fail (curl exits 77, wget and git report a
// certificate error).
var HTTPSClients = []string{"curl", "wget", "git"}
