package dockerfile

import (
	"strings"
	"sync"

	"github.com/distribution/reference"
)

// ImageRef is an image reference as a FROM names it (after ARG substitution), split into its
// parts. It is the one owner of image-reference syntax: rules, optimize and imagescan ask it.
//
// Parsing follows github.com/distribution/reference, the grammar BuildKit uses, and is
// tolerant of what a Dockerfile may hold before a build resolves it: unresolved variables
// (`${REG}/app:${TAG}`) and uppercase letters, which the grammar rejects. Those are split by
// the grammar's own rules: the first path component is a registry when it holds a dot or a
// colon, is "localhost", or has an uppercase letter (or is a variable, kept as written);
// otherwise the registry is docker.io.
type ImageRef struct {
	// Name is the reference without its tag and digest, exactly as written
	// ("docker.io/library/python", "python", "${REG}/app").
	Name string
	// Domain is the registry host, lower-case; "docker.io" when none is written
	// (index.docker.io is docker.io, as in the grammar).
	Domain string
	// Path is the repository path within the registry, as written except that Docker Hub's
	// official images get their "library/" ("python" is "library/python").
	Path string
	// Tag is the tag, "" when none is written.
	Tag string
	// Digest is the "sha256:..." digest, "" when none is written.
	Digest string
	// Valid is true when the reference matches the grammar (no variable, no uppercase...).
	Valid bool
}

const dockerHub = "docker.io"

// ParseImageRef splits an image reference; see ImageRef for the tolerant cases. The result
// is shared with other callers asking for the same text (its strings cannot change).
func ParseImageRef(s string) ImageRef {
	s = strings.TrimSpace(s)
	refCache.RLock()
	r, ok := refCache.m[s]
	refCache.RUnlock()
	if ok {
		return r
	}
	r = parseImageRef(s)
	refCache.Lock()
	if len(refCache.m) < refCacheSize {
		refCache.m[s] = r
	}
	refCache.Unlock()
	return r
}

// refCache keeps readings: every rule that looks at a base image asks for it again, and the
// grammar's expressions are slow. It keeps the first refCacheSize references asked for.
var refCache = struct {
	sync.RWMutex
	m map[string]ImageRef
}{m: map[string]ImageRef{}}

const refCacheSize = 4096

func parseImageRef(s string) ImageRef {
	var r ImageRef
	r.Name = s
	if name, dgst, ok := strings.Cut(s, "@"); ok {
		r.Name, r.Digest = name, dgst
	}
	if i := strings.LastIndexByte(r.Name, ':'); i > strings.LastIndexByte(r.Name, '/') {
		r.Name, r.Tag = r.Name[:i], r.Name[i+1:]
	}
	if named, err := reference.ParseNormalizedNamed(s); err == nil {
		r.Domain, r.Path, r.Valid = reference.Domain(named), reference.Path(named), true
		return r
	}
	r.Domain, r.Path = dockerHub, r.Name
	if first, rest, ok := strings.Cut(r.Name, "/"); ok &&
		(strings.ContainsAny(first, ".:$") || first == "localhost" || strings.ToLower(first) != first) {
		r.Domain, r.Path = first, rest
		if !strings.Contains(first, "$") {
			r.Domain = strings.ToLower(first)
		}
	}
	if r.Domain == "index.docker.io" {
		r.Domain = dockerHub
	}
	if r.Domain == dockerHub && !strings.Contains(r.Path, "/") {
		r.Path = "library/" + r.Path
	}
	return r
}

// DockerHub reports whether the image comes from Docker Hub.
func (r ImageRef) DockerHub() bool { return r.Domain == dockerHub }

// Familiar returns the repository as people write it: Docker Hub's domain and "library/"
// left out ("python", "bitnami/redis"), other registries kept ("gcr.io/distroless/static").
func (r ImageRef) Familiar() string {
	if r.DockerHub() {
		return strings.TrimPrefix(r.Path, "library/")
	}
	return r.Domain + "/" + r.Path
}

// Repository returns the full repository name, domain included ("docker.io/library/python").
func (r ImageRef) Repository() string { return r.Domain + "/" + r.Path }

// Unresolved reports whether the reference still holds a variable.
func (r ImageRef) Unresolved() bool {
	return strings.Contains(r.Domain+r.Path+r.Tag+r.Digest, "$")
}
