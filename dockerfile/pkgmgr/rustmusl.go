package pkgmgr

// MuslStatic is what dockopt knows of a cargo build on a musl target (the rust alpine images,
// whose host target is x86_64-unknown-linux-musl): Rust links the C runtime statically there
// by default (the crt-static target feature), so a crate of Rust code alone is one static
// binary that runs FROM scratch. A crate that links a C library (a *-sys crate, or its own
// build script) would need that library as a static archive, which dockopt cannot tell.
type MuslStatic struct {
	// Tags is what in a rust image tag names a musl image.
	Tags []string
	// SysSuffix ends the names of crates that bind a C library (Cargo.lock's [[package]]).
	SysSuffix string
	// BuildScript is the crate's own build script.
	BuildScript string
	// CACerts is the CA bundle of the build image copied next to the binary, for TLS.
	CACerts string
	Source  Source
	// SysSource documents the -sys naming convention; ImageSource the rust alpine images.
	SysSource, ImageSource Source
}

// CargoMusl is what dockopt knows of static musl builds.
var CargoMusl = &MuslStatic{
	Tags:        []string{"alpine"},
	SysSuffix:   "-sys",
	BuildScript: "build.rs",
	CACerts:     "/etc/ssl/certs/ca-certificates.crt",
	Source:      Source{URL: "https://doc.rust-lang.org/reference/linkage.html#static-and-dynamic-c-runtimes", Version: "The Rust Reference (crt-static)"},
	SysSource:   Source{URL: "https://doc.rust-lang.org/cargo/reference/build-scripts.html#-sys-packages", Version: "cargo 1.83"},
	ImageSource: Source{URL: "https://hub.docker.com/_/rust", Version: "rust:*-alpine (ca-certificates, gcc)"},
}
