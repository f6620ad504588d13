package pkgmgr

import (
	"sort"
	"strings"
)

// RustTarget is a glibc Linux target of a cargo cross build from a Debian rust image: the
// target triple rustup installs the standard library of (`rustup target add`), and the Debian
// packages of the C cross compiler that links for it and of its C library, with the linker
// program those install.
type RustTarget struct {
	Triple, GCC, LibC, Linker string
}

// RustCrossFacts is what dockopt knows of cross-compiling a crate of Rust code alone.
type RustCrossFacts struct {
	// Targets by Go's GOARCH word (what BuildKit's TARGETARCH holds).
	Targets map[string]RustTarget
	// TargetMatch is a COPY source pattern that matches the target directory of any of the
	// Targets (the build stage builds for one of them).
	TargetMatch string
	// Source: rustup's cross-compilation guide; ConfigSource: cargo's build.target and
	// target.<triple>.linker settings (and their CARGO_* variables); DebianSource: the cross
	// toolchain packages.
	Source, ConfigSource, DebianSource Source
}

// RustCross holds the facts for linux/amd64 and linux/arm64 (Debian bookworm's cross
// toolchains: gcc-x86-64-linux-gnu and gcc-aarch64-linux-gnu are built for both
// architectures; the native gcc of the rust image installs the same triplet-named linker).
var RustCross = &RustCrossFacts{
	Targets: map[string]RustTarget{
		"amd64": {Triple: "x86_64-unknown-linux-gnu", GCC: "gcc-x86-64-linux-gnu", LibC: "libc6-dev-amd64-cross", Linker: "x86_64-linux-gnu-gcc"},
		"arm64": {Triple: "aarch64-unknown-linux-gnu", GCC: "gcc-aarch64-linux-gnu", LibC: "libc6-dev-arm64-cross", Linker: "aarch64-linux-gnu-gcc"},
	},
	TargetMatch:  "*-unknown-linux-gnu",
	Source:       Source{URL: "https://rust-lang.github.io/rustup/cross-compilation.html", Version: "rustup 1.27"},
	ConfigSource: Source{URL: "https://doc.rust-lang.org/cargo/reference/config.html#targettriplelinker", Version: "cargo 1.83"},
	DebianSource: Source{URL: "https://packages.debian.org/bookworm/gcc-aarch64-linux-gnu", Version: "Debian 12 (cross-toolchain-base)"},
}

// RustTargetOf returns the target of a --platform value (linux/arm64); ok is false for
// another one.
func (r *RustCrossFacts) RustTargetOf(platform string) (RustTarget, bool) {
	os, arch, _ := strings.Cut(platform, "/")
	arch, _, _ = strings.Cut(arch, "/") // linux/arm64/v8
	t, ok := r.Targets[arch]
	return t, ok && os == "linux"
}

// LinkerEnv is the variable that sets the linker of a target triple: cargo's
// target.<triple>.linker as CARGO_TARGET_<TRIPLE>_LINKER, the triple in upper case with
// dashes as underscores.
func LinkerEnv(triple string) string {
	return "CARGO_TARGET_" + strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(triple)) + "_LINKER"
}

// Arches are the TARGETARCH words RustCross knows, sorted.
func (r *RustCrossFacts) Arches() []string {
	var out []string
	for a := range r.Targets {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}
