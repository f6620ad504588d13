package security

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

var (
	// UntrustedRegistry is DO309 (untrusted-registry).
	UntrustedRegistry = &rule.Rule{
		ID:          "DO309",
		Name:        "untrusted-registry",
		Family:      rule.Security,
		Severity:    rule.Error,
		Equivalents: []string{"hadolint:DL3026", "cis:4.2"},
		Doc: rule.Doc{
			What: "Finds a FROM whose image comes from a registry that is not in the configured " +
				"`trustedRegistries` (`.dockopt.yaml`, or `.hadolint.yaml`). Runs only when that list " +
				"is not empty. An image without a registry host is a Docker Hub image: `docker.io` " +
				"(also written `index.docker.io`, `registry-1.docker.io` or `hub.docker.com`). An entry " +
				"`*.example.com` trusts every subdomain; an entry with a path (`ghcr.io/my-org`) " +
				"trusts only the repositories below it. `scratch`, earlier stages and references with " +
				"unresolvable variables are not checked.",
			Why: "The base image is code you run with full trust. Restricting bases to registries " +
				"your organisation controls or mirrors (scanned, signed, kept available) keeps " +
				"typosquatted or unmaintained images out of production and builds reproducible when " +
				"a public registry is down or rate-limits you.",
			Example:    "# .dockopt.yaml: trustedRegistries: [registry.example.com]\nFROM ghcr.io/someone/python:3.12",
			UseInstead: "FROM registry.example.com/mirror/python:3.12",
			References: []string{
				"https://github.com/hadolint/hadolint/wiki/DL3026",
				"CIS Docker Benchmark v1.6.0, 4.2 Ensure that containers use only trusted base images",
				"https://docs.docker.com/docker-hub/image-library/mirror/",
			},
		},
		Check: func(p *rule.Pass) {
			if len(p.TrustedRegistries) == 0 {
				return
			}
			f := p.File
			for _, st := range f.Stages {
				if !secExternalImage(f, st) {
					continue
				}
				r := dockerfile.ParseImageRef(st.BaseImage)
				if secTrusted(r, p.TrustedRegistries) {
					continue
				}
				p.Report(st.From, "base image "+st.BaseImage+" comes from "+r.Domain+", which is not a trusted registry ("+
					strings.Join(p.TrustedRegistries, ", ")+")")
			}
		},
	}
)

var secDockerHubNames = []string{"docker.io", "index.docker.io", "registry-1.docker.io", "hub.docker.com", "registry.hub.docker.com"}

// secTrusted reports whether an image reference matches one of the trusted registry entries.
func secTrusted(r dockerfile.ImageRef, trusted []string) bool {
	hosts := []string{r.Domain}
	hub := false
	for _, n := range secDockerHubNames {
		if r.Domain == n {
			hosts, hub = secDockerHubNames, true
		}
	}
	for _, t := range trusted {
		t = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(t)), "/")
		if t == "" {
			continue
		}
		host, prefix, hasPath := strings.Cut(t, "/")
		for _, h := range hosts {
			if !secHostMatches(h, host) {
				continue
			}
			if !hasPath {
				return true
			}
			paths := []string{strings.ToLower(r.Path)}
			if hub && strings.HasPrefix(r.Path, "library/") {
				paths = append(paths, strings.ToLower(strings.TrimPrefix(r.Path, "library/")))
			}
			for _, p := range paths {
				if p == prefix || strings.HasPrefix(p, prefix+"/") {
					return true
				}
			}
		}
	}
	return false
}

func secHostMatches(host, pattern string) bool {
	if strings.HasPrefix(pattern, "*.") {
		return strings.HasSuffix(host, pattern[1:])
	}
	return host == pattern
}
