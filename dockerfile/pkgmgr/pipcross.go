package pkgmgr

import (
	"fmt"
	"strings"
	"sync"
)

// PipCross is what dockopt knows of installing the wheels of another platform with pip: pip
// chooses wheels by their platform tag, and its --platform, --python-version,
// --implementation and --abi options make it choose for a target interpreter instead of the
// one it runs on. pip accepts them only with --only-binary=:all: (or --no-deps), since it
// cannot build an sdist for another platform, and, for `pip install`, with --target DIR (an
// install into the running interpreter's own site-packages would mix platforms). A wheel
// tagged py3-none-any matches every platform; a requirement with only an sdist for the
// target makes pip stop with "No matching distribution found".
type PipCross struct {
	// Options are the pip install options that ask for the target's wheels, in the order
	// written (each --platform value follows; --python-version takes "3.11").
	Options []string
	Source  Source
	// TagSource documents the platform tags (manylinux_2_X_ARCH, the legacy aliases).
	TagSource Source
}

// PipCrossInstall is pip's option set for a cross install.
var PipCrossInstall = &PipCross{
	Options:   []string{"--target", "--python-version", "--implementation", "--only-binary=:all:", "--platform"},
	Source:    Source{URL: "https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-platform", Version: "pip 24"},
	TagSource: Source{URL: "https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/", Version: "PEP 600 manylinux_x_y"},
}

// WheelArch is a target's architecture as platform tags name it, with the oldest glibc minor
// version a manylinux tag was defined for on it (PEP 600: manylinux1 = manylinux_2_5 on
// x86_64 and i686, manylinux2014 = manylinux_2_17 for the other architectures).
type WheelArch struct {
	Arch       string
	FirstGlibc int
}

// wheelArchs maps Go's GOARCH words (what BuildKit's TARGETARCH holds) to the platform tags'
// architecture (the machine name uname -m prints on Linux).
var wheelArchs = sync.OnceValue(func() map[string]WheelArch {
	return map[string]WheelArch{
		"amd64":   {"x86_64", 5},
		"386":     {"i686", 5},
		"arm64":   {"aarch64", 17},
		"ppc64le": {"ppc64le", 17},
		"s390x":   {"s390x", 17},
	}
})

// WheelArchOf returns the wheel architecture of a --platform value (linux/arm64,
// linux/amd64); ok is false for other operating systems and architectures dockopt has no
// tags for (arm/v7: its tag depends on the variant).
func WheelArchOf(platform string) (WheelArch, bool) {
	os, arch, _ := strings.Cut(platform, "/")
	if os != "linux" {
		return WheelArch{}, false
	}
	a, ok := wheelArchs()[arch]
	return a, ok
}

// ManylinuxLegacy are PEP 600's names of the manylinux tags defined before it, by the glibc
// minor version they stand for: a wheel may carry only the legacy name, and pip matches tags
// by name.
var ManylinuxLegacy = map[int]string{17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}

// debianGlibc is the glibc minor version of Debian's releases (the libc6 package of each:
// https://packages.debian.org/<suite>/libc6).
var debianGlibc = map[string]int{"buster": 28, "bullseye": 31, "bookworm": 36, "trixie": 41}

// DefaultSuiteGlibc is the glibc used for a tag that names no Debian release: the official
// images' default was bookworm from 2023 and trixie from 2025; the lower of the two is the
// one whose manylinux wheels both run.
const DefaultSuiteGlibc = 36

// GlibcSource is where the glibc versions come from.
var GlibcSource = Source{URL: "https://packages.debian.org/bookworm/libc6", Version: "Debian libc6 (buster 2.28, bullseye 2.31, bookworm 2.36, trixie 2.41)"}

// DebianGlibc returns the glibc minor version of a Debian release ("" the images' default:
// DefaultSuiteGlibc); ok is false for a release dockopt does not know.
func DebianGlibc(suite string) (int, bool) {
	if suite == "" {
		return DefaultSuiteGlibc, true
	}
	v, ok := debianGlibc[suite]
	return v, ok
}

// ManylinuxTags lists, newest first as pip orders them, the platform tags a CPython on glibc
// 2.glibc of architecture a accepts: manylinux_2_{glibc..first}_ARCH, each legacy alias after
// the version it stands for, then linux_ARCH (wheels built on such a machine, which pip on it
// accepts too).
func ManylinuxTags(a WheelArch, glibc int) []string {
	var tags []string
	for v := glibc; v >= a.FirstGlibc; v-- {
		tags = append(tags, fmt.Sprintf("manylinux_2_%d_%s", v, a.Arch))
		if l, ok := ManylinuxLegacy[v]; ok {
			tags = append(tags, l+"_"+a.Arch)
		}
	}
	return append(tags, "linux_"+a.Arch)
}
