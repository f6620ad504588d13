package dockerfile

import "testing"

func TestParseImageRef(t *testing.T) {
	const dgst = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	for _, c := range []struct {
		in       string
		want     ImageRef
		familiar string
	}{
		{"python:3.11-slim", ImageRef{Name: "python", Domain: "docker.io", Path: "library/python", Tag: "3.11-slim", Valid: true}, "python"},
		{"ghcr.io/x/y:1@" + dgst, ImageRef{Name: "ghcr.io/x/y", Domain: "ghcr.io", Path: "x/y", Tag: "1", Digest: dgst, Valid: true}, "ghcr.io/x/y"},
		{"${REG}/app:${TAG}", ImageRef{Name: "${REG}/app", Domain: "${REG}", Path: "app", Tag: "${TAG}"}, "${REG}/app"},
		{"python:${PY}-slim", ImageRef{Name: "python", Domain: "docker.io", Path: "library/python", Tag: "${PY}-slim"}, "python"},
		{"localhost:5000/a", ImageRef{Name: "localhost:5000/a", Domain: "localhost:5000", Path: "a", Valid: true}, "localhost:5000/a"},
		{"DEBIAN", ImageRef{Name: "DEBIAN", Domain: "docker.io", Path: "library/DEBIAN"}, "DEBIAN"},
		{"Registry.Example.com/Team/App:V1", ImageRef{Name: "Registry.Example.com/Team/App", Domain: "registry.example.com", Path: "Team/App", Tag: "V1"}, "registry.example.com/Team/App"},
		{"index.docker.io/library/alpine:3.20", ImageRef{Name: "index.docker.io/library/alpine", Domain: "docker.io", Path: "library/alpine", Tag: "3.20", Valid: true}, "alpine"},
		{"bitnami/redis", ImageRef{Name: "bitnami/redis", Domain: "docker.io", Path: "bitnami/redis", Valid: true}, "bitnami/redis"},
		{"localhost/app:dev", ImageRef{Name: "localhost/app", Domain: "localhost", Path: "app", Tag: "dev", Valid: true}, "localhost/app"},
	} {
		got := ParseImageRef(c.in)
		if got != c.want {
			t.Errorf("ParseImageRef(%q) = %+v, want %+v", c.in, got, c.want)
		}
		if f := got.Familiar(); f != c.familiar {
			t.Errorf("ParseImageRef(%q).Familiar() = %q, want %q", c.in, f, c.familiar)
		}
	}
	if !ParseImageRef("${REG}/app:${TAG}").Unresolved() || ParseImageRef("python").Unresolved() {
		t.Error("Unresolved is wrong")
	}
}
