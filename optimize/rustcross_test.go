package optimize

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

const rustCrossDF = "FROM rust:1-bookworm\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/my-svc\"]\n"

func rustFiles(df string, extra ...string) map[string]string {
	files := map[string]string{"Dockerfile": df, "src/main.rs": "fn main() {}\n",
		"Cargo.toml": "[package]\nname = \"my-svc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
		"Cargo.lock": "version = 3\n\n[[package]]\nname = \"my-svc\"\nversion = \"0.1.0\"\n\n[[package]]\nname = \"itoa\"\nversion = \"1.0.11\"\n"}
	for i := 0; i+1 < len(extra); i += 2 {
		files[extra[i]] = extra[i+1]
	}
	return files
}

// With --platform, a crate of Rust code alone on the rust image is cross-compiled: its build
// stage on $BUILDPLATFORM adds the target with rustup, installs Debian's cross gcc when the
// target is not the builder's architecture, sets each target's linker and cargo's
// build.target; the runtime copies the binary from target/<triple>/release/.
func TestCrossBuildRust(t *testing.T) {
	res := optimizeFiles(t, rustFiles(rustCrossDF), twoPlatforms)
	golden(t, filepath.Join("testdata", "golden", "rust-cargo-platforms", "Dockerfile.optimized"), res.Dockerfile)
	out := string(res.Dockerfile)
	mustContain(t, out, "FROM --platform=$BUILDPLATFORM rust:1-bookworm AS runtime-build\nARG TARGETARCH\nARG BUILDARCH\n",
		"CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc", "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER=x86_64-linux-gnu-gcc",
		`arm64) triple=aarch64-unknown-linux-gnu cross="gcc-aarch64-linux-gnu libc6-dev-arm64-cross"`,
		`rustup target add "$triple"`, `printf '[build]\ntarget = "%s"\n' "$triple" >> "$CARGO_HOME/config.toml"`,
		"rm -rf src target/*-unknown-linux-gnu/release/.fingerprint/my-svc-*",
		"FROM debian:bookworm-slim AS runtime\n",
		"COPY --from=runtime-build /src/target/*-unknown-linux-gnu/release/my-svc /src/target/release/my-svc\n")
	pl := stagePlatforms(t, res.Dockerfile)
	if pl["runtime-build"] != "$BUILDPLATFORM" || pl["runtime"] != "" {
		t.Errorf("stage platforms %v", pl)
	}
	ch := changeTitled(res, "Rust build cross-compiled on $BUILDPLATFORM for linux/amd64, linux/arm64")
	if ch == nil || !strings.Contains(ch.Why, pkgmgr.RustCross.Source.URL) || !strings.Contains(ch.Why, pkgmgr.RustCross.ConfigSource.URL) {
		t.Errorf("change %+v", ch)
	}
	if hasNote(res, "not cross-compiled") {
		t.Errorf("notes %q", res.Notes)
	}
	// the COPY pattern matches every target's directory and not the host's own
	for _, tg := range pkgmgr.RustCross.Targets {
		if ok, _ := filepath.Match(pkgmgr.RustCross.TargetMatch, tg.Triple); !ok {
			t.Errorf("%s does not match %s", pkgmgr.RustCross.TargetMatch, tg.Triple)
		}
	}
	if ok, _ := filepath.Match(pkgmgr.RustCross.TargetMatch, "release"); ok {
		t.Error("the pattern matches target/release")
	}

	again := optimizeFiles(t, rustFiles(out), twoPlatforms)
	if !hasNote(again, "stage runtime-build already builds on $BUILDPLATFORM (FROM on line 1)") || hasNote(again, "not cross-compiled") {
		t.Errorf("optimized again: notes %q", again.Notes)
	}

	plain := optimizeFiles(t, rustFiles(rustCrossDF), Options{})
	if p := string(plain.Dockerfile); strings.Contains(p, "BUILDPLATFORM") || strings.Contains(p, "rustup") || strings.Contains(p, "unknown-linux-gnu") ||
		!strings.Contains(p, "COPY --from=runtime-build /src/target/release/my-svc /src/target/release/my-svc\n") {
		t.Errorf("without --platform the output changed:\n%s", p)
	}
}

// What keeps the cargo build on each target's image is named.
func TestCrossBuildRustDeclined(t *testing.T) {
	for name, tc := range map[string]struct {
		files map[string]string
		opt   Options
		note  string
	}{
		"sys crate": {rustFiles(rustCrossDF, "Cargo.lock", "version = 3\n\n[[package]]\nname = \"openssl-sys\"\nversion = \"0.9.103\"\n"), twoPlatforms,
			"Cargo.lock has openssl-sys, which binds a C library"},
		"build script": {rustFiles(rustCrossDF, "build.rs", "fn main() {}\n"), twoPlatforms,
			"the crate has a build script (build.rs)"},
		"own target": {rustFiles(strings.NewReplacer("cargo build --release", "cargo build --release --target x86_64-unknown-linux-gnu", "./target/release", "./target/x86_64-unknown-linux-gnu/release").Replace(rustCrossDF)), twoPlatforms,
			"the cargo build names its own --target"},
		"arm v7": {rustFiles(rustCrossDF), Options{Platforms: []string{"linux/amd64", "linux/arm/v7"}},
			"dockopt knows no Rust target and cross linker for linux/arm/v7"},
	} {
		t.Run(name, func(t *testing.T) {
			res := optimizeFiles(t, tc.files, tc.opt)
			if !hasNote(res, "not cross-compiled for "+strings.Join(tc.opt.Platforms, ", ")+": "+tc.note) {
				t.Errorf("notes %q", res.Notes)
			}
			if strings.Contains(string(res.Dockerfile), "BUILDPLATFORM") {
				t.Errorf("output on $BUILDPLATFORM:\n%s", res.Dockerfile)
			}
		})
	}
}
