package correctness

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// InvalidBaseImagePlatform is DO014 (invalid-base-image-platform).
	InvalidBaseImagePlatform = &rule.Rule{
		ID:          "DO014",
		Name:        "invalid-base-image-platform",
		Family:      rule.Correctness,
		Severity:    rule.Error,
		Equivalents: []string{"buildkit:InvalidBaseImagePlatform"},
		Doc: rule.Doc{
			What: "Finds `FROM --platform=<os>/...` naming an operating system the base image is not built " +
				"for: a Linux platform for a Windows-only image (`mcr.microsoft.com/windows/servercore`, " +
				"`*-nanoserver-*` and `*-windowsservercore-*` tags), or a Windows platform for a Linux-only " +
				"one (alpine, debian, ubuntu, distroless..., and tags naming a Linux distribution such as " +
				"`-alpine`, `-slim`, `-bookworm`, `-jammy`). BuildKit checks this against the registry " +
				"while building; dockopt works offline, so it implements the check itself from the image " +
				"name and only for the operating system, where the answer is certain. Platforms given as " +
				"variables that cannot be resolved are not checked.",
			Why: "The registry has no variant of the image for that platform: the build stops with " +
				"\"no match for platform in manifest\" (or, with an image that has a single platform, pulls " +
				"one that cannot run).",
			Example:    "FROM --platform=windows/amd64 alpine:3.20",
			UseInstead: "FROM --platform=linux/amd64 alpine:3.20\n\n# or a Windows base for a Windows image:\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022",
			References: []string{
				"https://docs.docker.com/reference/build-checks/",
				"https://docs.docker.com/reference/dockerfile/#from",
				"https://docs.docker.com/build/building/multi-platform/",
			},
		},
		Check: func(p *rule.Pass) {
			for _, st := range p.File.Stages {
				if st.Platform == "" || st.BaseImage == "" || p.File.BaseStage(st) != nil {
					continue
				}
				plat, ok := p.File.ExpandGlobal(buildkitlint.Unquote(st.Platform))
				if !ok || plat == "" {
					continue
				}
				wantOS := strings.ToLower(strings.SplitN(plat, "/", 2)[0])
				if wantOS != "linux" && wantOS != "windows" {
					continue
				}
				imgOS := knownImageOS(st.BaseImage)
				if imgOS == "" || imgOS == wantOS {
					continue
				}
				p.Report(st.From, fmt.Sprintf("base image %q is built for %s only, but --platform=%s asks for %s", st.BaseImage, osTitle(imgOS), plat, wantOS))
			}
		},
	}
)

func osTitle(os string) string {
	if os == "windows" {
		return "Windows"
	}
	return "Linux"
}

// windowsOnlyRepos are image repositories published for Windows only.
var windowsOnlyRepos = []string{
	"mcr.microsoft.com/windows", "mcr.microsoft.com/windows/servercore", "mcr.microsoft.com/windows/nanoserver",
	"mcr.microsoft.com/windows/server", "microsoft/windowsservercore", "microsoft/nanoserver",
	"mcr.microsoft.com/windows/servercore/iis",
}

// linuxOnlyRepos are Linux distributions and distroless bases, published for Linux only.
var linuxOnlyRepos = []string{
	"alpine", "debian", "ubuntu", "busybox", "centos", "fedora", "amazonlinux", "rockylinux", "almalinux",
	"oraclelinux", "archlinux", "opensuse/leap", "opensuse/tumbleweed", "photon", "clearlinux",
	"gcr.io/distroless/", "cgr.dev/chainguard/", "registry.access.redhat.com/ubi", "quay.io/centos/",
}

// linuxTagWords are words in an image tag that name a Linux distribution release.
var linuxTagWords = []string{"alpine", "slim", "bookworm", "bullseye", "buster", "stretch", "trixie",
	"jammy", "focal", "noble", "bionic", "jessie", "ubi"}

// knownImageOS returns "windows" or "linux" when the image reference says for sure which
// operating system the image is built for, "" otherwise.
func knownImageOS(ref string) string {
	img := dockerfile.ParseImageRef(strings.ToLower(ref))
	repo, tag := img.Familiar(), img.Tag
	for _, w := range windowsOnlyRepos {
		if repo == w {
			return "windows"
		}
	}
	if strings.HasPrefix(repo, "mcr.microsoft.com/dotnet/framework/") ||
		strings.Contains(tag, "windowsservercore") || strings.Contains(tag, "nanoserver") {
		return "windows"
	}
	for _, l := range linuxOnlyRepos {
		if repo == l || (strings.HasSuffix(l, "/") && strings.HasPrefix(repo, l)) ||
			(l == "registry.access.redhat.com/ubi" && strings.HasPrefix(repo, l)) {
			return "linux"
		}
	}
	for _, part := range strings.FieldsFunc(tag, func(c rune) bool { return c == '-' || c == '.' || c == '_' }) {
		for _, w := range linuxTagWords {
			if part == w || (w == "alpine" && strings.HasPrefix(part, "alpine")) {
				return "linux"
			}
		}
	}
	return ""
}
