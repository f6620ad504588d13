package pkgmgr

import (
	"strings"
	"testing"
)

// The tags a CPython on bookworm's glibc accepts: PEP 600's names from 2.36 down to the
// oldest for the architecture, each legacy alias right after its version, then linux_ARCH.
func TestManylinuxTags(t *testing.T) {
	arm, ok := WheelArchOf("linux/arm64")
	if !ok || arm.Arch != "aarch64" {
		t.Fatalf("arm64: %+v %v", arm, ok)
	}
	tags := ManylinuxTags(arm, 36)
	if len(tags) != 36-17+1+1+1 || tags[0] != "manylinux_2_36_aarch64" || tags[len(tags)-3] != "manylinux_2_17_aarch64" ||
		tags[len(tags)-2] != "manylinux2014_aarch64" || tags[len(tags)-1] != "linux_aarch64" {
		t.Errorf("arm64 tags %v", tags)
	}
	amd, _ := WheelArchOf("linux/amd64")
	x := strings.Join(ManylinuxTags(amd, 36), " ")
	for _, want := range []string{"manylinux_2_28_x86_64", "manylinux_2_12_x86_64 manylinux2010_x86_64", "manylinux_2_5_x86_64 manylinux1_x86_64 linux_x86_64"} {
		if !strings.Contains(x, want) {
			t.Errorf("amd64 tags lack %q: %s", want, x)
		}
	}
	if _, ok := WheelArchOf("linux/arm/v7"); ok {
		t.Error("arm/v7 has tags")
	}
	if _, ok := WheelArchOf("windows/amd64"); ok {
		t.Error("windows has tags")
	}
	if g, ok := DebianGlibc("bookworm"); !ok || g != 36 {
		t.Errorf("bookworm glibc %d %v", g, ok)
	}
	if g, _ := DebianGlibc(""); g != DefaultSuiteGlibc {
		t.Errorf("default glibc %d", g)
	}
}

// Cargo's linker variable for a triple, and the targets of --platform values.
func TestRustCross(t *testing.T) {
	if got := LinkerEnv("aarch64-unknown-linux-gnu"); got != "CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER" {
		t.Errorf("LinkerEnv %s", got)
	}
	if tg, ok := RustCross.RustTargetOf("linux/arm64/v8"); !ok || tg.Triple != "aarch64-unknown-linux-gnu" || tg.GCC != "gcc-aarch64-linux-gnu" {
		t.Errorf("arm64/v8: %+v %v", tg, ok)
	}
	for _, p := range []string{"linux/arm/v7", "windows/amd64", "linux/riscv64"} {
		if _, ok := RustCross.RustTargetOf(p); ok {
			t.Errorf("%s has a target", p)
		}
	}
}
