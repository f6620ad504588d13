package reliability

import (
	"regexp"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
)

// relBaseFact is what is known about the programs of a base image family.
type relBaseFact struct {
	// Repos are repository names (after relImageRef); a trailing "*" matches a prefix.
	Repos []string
	// TagHas, when set, must occur in the tag ("slim", "alpine").
	TagHas string
	// TagNot excludes tags containing it ("debug" distroless images have a busybox shell).
	TagNot string
	// NoShell: no /bin/sh; NoCurl / NoWget: no such program.
	NoShell, NoCurl, NoWget bool
	// Says is the fact in a few words, for messages.
	Says string
	// Source says where the fact comes from.
	Source string
}

// relBaseFacts lists base images known to lack curl and/or wget (and a shell). Only images
// whose build recipe was read are listed; any other base is unknown and never reported.
// Full Debian-based language images (python:3.12, node:22, golang:1.23, ruby:3.3) derive
// from buildpack-deps, which installs both curl and wget; eclipse-temurin's Ubuntu images
// install curl and wget too (adoptium/containers, "curl required for historical reasons").
var relBaseFacts = []relBaseFact{
	{Repos: []string{"scratch"}, NoShell: true, NoCurl: true, NoWget: true,
		Says:   "scratch is an empty image",
		Source: "scratch is the empty image (https://hub.docker.com/_/scratch)"},
	{Repos: []string{"gcr.io/distroless/*"}, TagNot: "debug", NoShell: true, NoCurl: true, NoWget: true,
		Says:   "distroless images have no shell, curl or wget",
		Source: "distroless images contain no shell or package manager (https://github.com/GoogleContainerTools/distroless)"},
	{Repos: []string{"gcr.io/distroless/*"}, TagHas: "debug", NoCurl: true,
		Says:   "distroless :debug images have only a busybox shell",
		Source: "distroless :debug images add only a busybox shell (https://github.com/GoogleContainerTools/distroless)"},
	{Repos: []string{"alpine", "busybox"}, NoCurl: true,
		Says:   "Alpine has busybox wget but no curl",
		Source: "Alpine's base has busybox (whose wget applet is present) but not the curl package (https://pkgs.alpinelinux.org/package/edge/main/x86_64/curl)"},
	{Repos: []string{"debian", "ubuntu"}, NoCurl: true, NoWget: true,
		Says:   "the debian and ubuntu images ship neither curl nor wget",
		Source: "the official debian/ubuntu images are minimal installs without curl or wget (https://hub.docker.com/_/debian)"},
	{Repos: []string{"python"}, TagHas: "slim", NoCurl: true, NoWget: true,
		Says:   "python:*-slim ships neither curl nor wget",
		Source: "python:*-slim installs only ca-certificates, netbase and tzdata at run time and purges the wget it builds with (github.com/docker-library/python, slim Dockerfile)"},
	{Repos: []string{"node"}, TagHas: "slim", NoCurl: true, NoWget: true,
		Says:   "node:*-slim ships neither curl nor wget",
		Source: "node:*-slim purges the curl and wget it downloads Node with (github.com/nodejs/docker-node, bookworm-slim Dockerfile)"},
	{Repos: []string{"ruby"}, TagHas: "slim", NoCurl: true, NoWget: true,
		Says:   "ruby:*-slim ships neither curl nor wget",
		Source: "ruby:*-slim keeps only ca-certificates and purges its build-time wget (github.com/docker-library/ruby, slim Dockerfile)"},
	{Repos: []string{"python", "node", "ruby", "golang", "eclipse-temurin"}, TagHas: "alpine", NoCurl: true,
		Says:   "the *-alpine language images have busybox wget but no curl",
		Source: "the Alpine variants add no curl to Alpine's busybox base (docker-library and adoptium/containers alpine Dockerfiles)"},
}

// relBaseFactFor returns what is known about an image reference, nil when nothing is.
func relBaseFactFor(ref string) *relBaseFact {
	if ref == "" {
		return nil
	}
	img := dockerfile.ParseImageRef(ref)
	repo, tag := strings.ToLower(img.Familiar()), strings.ToLower(img.Tag)
	for i := range relBaseFacts {
		bf := &relBaseFacts[i]
		match := false
		for _, r := range bf.Repos {
			if strings.HasSuffix(r, "*") && strings.HasPrefix(repo, strings.TrimSuffix(r, "*")) || r == repo {
				match = true
			}
		}
		if !match || (bf.TagHas != "" && !strings.Contains(tag, bf.TagHas)) || (bf.TagNot != "" && strings.Contains(tag, bf.TagNot)) {
			continue
		}
		return bf
	}
	return nil
}

// relMentions reports whether any RUN, COPY or ADD of the stages (ONBUILD ones included)
// mentions a program name as a word, e.g. installs or copies curl.
func relMentions(f *dockerfile.File, stages []*dockerfile.Stage, prog string) bool {
	re := regexp.MustCompile(`(^|[^A-Za-z0-9_.+])` + regexp.QuoteMeta(prog) + `($|[^A-Za-z0-9_])`)
	for _, st := range stages {
		for _, in := range st.Instructions {
			cmd := in.Cmd
			if in.OnBuild != nil {
				cmd = in.OnBuild.Cmd
			}
			if cmd != "run" && cmd != "copy" && cmd != "add" {
				continue
			}
			if re.MatchString(in.Text(f)) {
				return true
			}
		}
	}
	return false
}
