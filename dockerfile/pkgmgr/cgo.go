package pkgmgr

import "strings"

// CgoModule is a Go module that only works when the program is built with cgo
// (CGO_ENABLED=1): it compiles C code or links a C library, and its own documentation says so
// (Source). Built with CGO_ENABLED=0 such a module either does not compile or, like
// go-sqlite3, compiles to a stub that fails at run time.
type CgoModule struct {
	// Path is the module path as go.mod requires it (a major-version suffix included), or,
	// for a module of which only one package needs cgo, that package's import path.
	Path string
	// Why says what it needs cgo for, for notes.
	Why string
	// DevPackages are the Debian packages its build needs besides the golang image's gcc and
	// libc6-dev (nil when it carries its C code with it); the run-time library of each is
	// RuntimeLibs.
	DevPackages []string
	Source      Source
}

// cgoModules are the modules dockopt knows to need cgo. A module not listed here is taken at
// its word: `import "C"` in the project's own files is found by reading them; a dependency's
// is not read (its source is not in the build context).
var cgoModules = []CgoModule{
	{Path: "github.com/mattn/go-sqlite3", Why: "compiles SQLite's C source; built with CGO_ENABLED=0 it is a stub whose every call fails",
		Source: Source{URL: "https://github.com/mattn/go-sqlite3#installation", Version: "v1.14"}},
	{Path: "github.com/confluentinc/confluent-kafka-go", Why: "wraps librdkafka through cgo (a static copy ships with the module for glibc and musl Linux)",
		Source: Source{URL: "https://github.com/confluentinc/confluent-kafka-go#installing-the-library", Version: "v1"}},
	{Path: "github.com/confluentinc/confluent-kafka-go/v2", Why: "wraps librdkafka through cgo (a static copy ships with the module for glibc and musl Linux)",
		Source: Source{URL: "https://github.com/confluentinc/confluent-kafka-go#installing-the-library", Version: "v2"}},
	{Path: "github.com/h2non/bimg", Why: "binds libvips through cgo", DevPackages: []string{"libvips-dev"},
		Source: Source{URL: "https://github.com/h2non/bimg#prerequisites", Version: "v1"}},
	{Path: "github.com/davidbyttow/govips/v2", Why: "binds libvips through cgo", DevPackages: []string{"libvips-dev"},
		Source: Source{URL: "https://github.com/davidbyttow/govips#dependencies", Version: "v2"}},
	{Path: "gopkg.in/gographics/imagick.v2", Why: "binds ImageMagick 6's MagickWand through cgo", DevPackages: []string{"libmagickwand-dev"},
		Source: Source{URL: "https://github.com/gographics/imagick#install", Version: "v2"}},
	{Path: "github.com/libgit2/git2go/v34", Why: "binds libgit2 through cgo", DevPackages: []string{"libgit2-dev"},
		Source: Source{URL: "https://github.com/libgit2/git2go#installing", Version: "v34"}},
	{Path: "github.com/google/gopacket/pcap", Why: "binds libpcap through cgo (the module's other packages do not need it)", DevPackages: []string{"libpcap-dev"},
		Source: Source{URL: "https://pkg.go.dev/github.com/google/gopacket/pcap", Version: "v1.1"}},
	{Path: "github.com/linxGnu/grocksdb", Why: "binds RocksDB through cgo", DevPackages: []string{"librocksdb-dev"},
		Source: Source{URL: "https://github.com/linxGnu/grocksdb#install", Version: "v1"}},
	{Path: "github.com/godror/godror", Why: "compiles ODPI-C through cgo (and loads Oracle Instant Client at run time)",
		Source: Source{URL: "https://godror.github.io/godror/doc/installation.html", Version: "v0.4"}},
}

// CgoModules returns every module dockopt knows to need cgo.
func CgoModules() []CgoModule { return cgoModules }

// CgoRequirement returns the module of the list that a go.mod requirement (a module path)
// is, or nil.
func CgoRequirement(module string) *CgoModule {
	for i := range cgoModules {
		if cgoModules[i].Path == module {
			return &cgoModules[i]
		}
	}
	return nil
}

// CgoImport returns the module of the list that an imported package belongs to, or nil.
func CgoImport(pkg string) *CgoModule {
	for i := range cgoModules {
		m := &cgoModules[i]
		if pkg == m.Path || strings.HasPrefix(pkg, m.Path+"/") {
			return m
		}
	}
	return nil
}
