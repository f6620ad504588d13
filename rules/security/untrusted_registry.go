package security

import (
	"strconv"
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
			What: "Finds a FROM, a `COPY --from=<image>` or a `RUN --mount=from=<image>` whose image " +
				"comes from a registry that is not in the configured " +
				"`trustedRegistries` (`.dockopt.yaml`, or `.hadolint.yaml`). Runs only when that list " +
				"is not empty. An image without a registry host is a Docker Hub image: `docker.io` " +
				"(also written `index.docker.io`, `registry-1.docker.io` or `hub.docker.com`). An entry " +
				"`*.example.com` trusts every subdomain; an entry with a path (`ghcr.io/my-org`) " +
				"trusts only the repositories below it; an entry `*` trusts every registry, as in hadolint. `scratch`, earlier stages and references with " +
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
			report := func(in *dockerfile.Instruction, what, img string) {
				r := dockerfile.ParseImageRef(img)
				if r.Unresolved() || secTrusted(r, p.TrustedRegistries) {
					return
				}
				p.Report(in, what+" "+img+" comes from "+r.Domain+", which is not a trusted registry ("+
					strings.Join(p.TrustedRegistries, ", ")+")")
			}
			for _, st := range f.Stages {
				if secExternalImage(f, st) {
					report(st.From, "base image", st.BaseImage)
				}
				for _, in := range st.Instructions {
					for _, from := range secImageSources(f, st, in) {
						report(in, "image", from)
					}
				}
			}
		},
	}
)

// secImageSources returns the images an instruction reads files from: `COPY --from=<image>`
// and `RUN --mount=from=<image>` that name no earlier stage (nor a stage index), after ARG
// substitution.
func secImageSources(f *dockerfile.File, st *dockerfile.Stage, in *dockerfile.Instruction) []string {
	var refs []string
	switch in.Cmd {
	case "copy":
		if v, ok := in.Flag("from"); ok {
			refs = append(refs, v)
		}
	case "run":
		for _, m := range in.FlagValues("mount") {
			for _, kv := range strings.Split(m, ",") {
				k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
				if strings.EqualFold(k, "from") {
					refs = append(refs, strings.Trim(v, `"'`))
				}
			}
		}
	}
	var out []string
	for _, ref := range refs {
		v, ok := f.Expand(in, ref)
		if !ok || v == "" || strings.EqualFold(v, "scratch") {
			continue
		}
		if _, err := strconv.Atoi(v); err == nil {
			continue // a stage index
		}
		if secStageNamed(f, st, v) {
			continue
		}
		out = append(out, v)
	}
	return out
}

// secStageNamed reports whether name is an earlier stage's name (case-insensitive, as BuildKit
// resolves stage names).
func secStageNamed(f *dockerfile.File, st *dockerfile.Stage, name string) bool {
	for _, s := range f.Stages[:st.Index] {
		if s.Name != "" && strings.EqualFold(s.Name, name) {
			return true
		}
	}
	return false
}

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
		if t == "*" { // hadolint's DL3026: "*" allows every registry
			return true
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
