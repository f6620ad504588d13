package pkgmgr

import (
	"strings"
	"sync"

	"github.com/dockopt/dockopt/internal/lazyre"
)

// ToolKind says what a distribution package that only serves to build software is.
type ToolKind int

const (
	// NotATool is a package a program may need at run time.
	NotATool ToolKind = iota
	// Compiler is a C, C++ or Fortran toolchain, or a meta-package that pulls one in.
	Compiler
	// LangToolchain is another language's compiler (Go, Rust).
	LangToolchain
	// BuildSystem runs builds (make, cmake, autotools, ninja, meson).
	BuildSystem
	// SourceControl fetches sources (git).
	SourceControl
	// Headers are development headers and static libraries (-dev, -devel, kernel headers).
	Headers
	// BuildHelper is a tool only builds call (pkg-config, bison, flex, swig, patch).
	BuildHelper
)

// buildToolSource names where the package names come from: each distribution's package index.
var buildToolSource = []Source{
	{URL: "https://packages.debian.org/bookworm/", Version: "Debian 12"},
	{URL: "https://pkgs.alpinelinux.org/packages", Version: "Alpine 3.20"},
	{URL: "https://packages.fedoraproject.org/", Version: "Fedora 41"},
	{URL: "https://software.opensuse.org/", Version: "openSUSE Leap 15.6"},
}

// BuildToolSources returns the sources of the build-tool package names.
func BuildToolSources() []Source { return buildToolSource }

// buildTools are the build-only packages of Debian/Ubuntu, Alpine, Fedora/RHEL and SUSE.
var buildTools = sync.OnceValue(func() map[string]ToolKind {
	return map[string]ToolKind{
		"gcc": Compiler, "g++": Compiler, "gcc-c++": Compiler, "c++": Compiler, "cpp": Compiler,
		"clang": Compiler, "llvm": Compiler, "gfortran": Compiler, "build-essential": Compiler,
		"build-base": Compiler, "alpine-sdk": Compiler, "Development Tools": Compiler,
		"@development-tools": Compiler, "patterns-devel-base-devel_basis": Compiler,
		"rustc": LangToolchain, "cargo": LangToolchain, "rust": LangToolchain, "golang": LangToolchain,
		"golang-go": LangToolchain, "go": LangToolchain,
		"make": BuildSystem, "cmake": BuildSystem, "autoconf": BuildSystem, "automake": BuildSystem,
		"libtool": BuildSystem, "ninja-build": BuildSystem, "meson": BuildSystem,
		"git":           SourceControl,
		"linux-headers": Headers, "linux-headers-amd64": Headers, "libc6-dev": Headers, "libc-dev": Headers,
		"pkg-config": BuildHelper, "pkgconf": BuildHelper, "swig": BuildHelper, "bison": BuildHelper,
		"flex": BuildHelper, "patch": BuildHelper,
		"dpkg-dev": BuildSystem, // dpkg-buildpackage, dpkg-architecture
	}
})

// versionedTool matches versioned compiler packages such as gcc-12, g++-13, clang-16, golang-1.22-go.
var versionedTool = lazyre.New(`^(gcc|g\+\+|clang|llvm|gfortran)-?[0-9.]+(-c\+\+)?$|^golang-[0-9.]+(-go)?$`)

// BuildTool returns what kind of build-only package a package name (version and
// architecture stripped) is; NotATool for anything else.
func BuildTool(pkg string) ToolKind {
	if k, ok := buildTools()[pkg]; ok {
		return k
	}
	// every versioned match starts with g, c or l: skip the regexp for other names
	if pkg != "" && (pkg[0] == 'g' || pkg[0] == 'c' || pkg[0] == 'l') && versionedTool.MatchString(pkg) {
		if strings.HasPrefix(pkg, "golang") {
			return LangToolchain
		}
		return Compiler
	}
	if IsDevPackage(pkg) {
		return Headers
	}
	return NotATool
}

// IsDevPackage reports whether a package name is a development package (-dev, -devel, and
// Debian's -dev-compat, e.g. libmariadb-dev-compat, which depends on the -dev package).
func IsDevPackage(pkg string) bool {
	return strings.HasSuffix(pkg, "-dev") || strings.HasSuffix(pkg, "-devel") || strings.HasSuffix(pkg, "-dev-compat")
}

// kernelModuleTools are the packages that load or build kernel modules at run time (modprobe,
// depmod, dkms). An out-of-tree module is built against the running host's kernel, which is
// only known when the container starts, so an image that installs these keeps the toolchain
// that builds the module for its run time (Debian kmod, dkms; Alpine kmod; Fedora kmod, dkms).
var kernelModuleTools = map[string]bool{"kmod": true, "dkms": true, "module-init-tools": true}

// kernelBuildDeps are, besides the C compiler and make, what a kernel module build (kbuild)
// needs: the kernel headers and libelf's headers (objtool and BTF read ELF). Sources: the
// kernel's Documentation/process/changes.rst, Debian's dkms and linux-headers dependencies.
var kernelBuildDeps = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"libelf-dev": true, "elfutils-libelf-devel": true, "elfutils-dev": true,
		"linux-headers": true, "linux-headers-amd64": true, "kernel-devel": true, "kernel-headers": true,
		"bc": true,
	}
})

// IsKernelModuleTool reports whether a package loads or builds kernel modules (kmod, dkms).
func IsKernelModuleTool(pkg string) bool { return kernelModuleTools[pkg] }

// KernelModuleBuildTool reports whether a package is part of what builds a kernel module:
// a C compiler, make, the kernel headers or libelf's headers.
func KernelModuleBuildTool(pkg string) bool {
	if BuildTool(pkg) == Compiler || pkg == "make" {
		return true
	}
	return kernelBuildDeps()[pkg] || strings.HasPrefix(pkg, "linux-headers-")
}

// IsLibraryDevPackage reports whether a package is a library's development package
// (lib*-dev, lib*-devel, *-libs-devel...), as opposed to the C library's or the kernel's
// headers: the package that ships the library's unversioned libfoo.so link.
func IsLibraryDevPackage(pkg string) bool {
	if !IsDevPackage(pkg) || BuildTool(pkg) != Headers {
		return false
	}
	switch pkg {
	case "libc6-dev", "libc-dev", "musl-dev", "glibc-devel", "libstdc++-dev":
		return false
	}
	return strings.HasPrefix(pkg, "lib")
}
