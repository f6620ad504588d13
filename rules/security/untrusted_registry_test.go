package security

import (
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
)

// TestTrustedWildcard: a trustedRegistries entry "*" trusts every registry (hadolint DL3026).
func TestTrustedWildcard(t *testing.T) {
	for _, img := range []string{"quay.io/x/y:1", "python:3.12", "registry.example.com:5000/a"} {
		if !secTrusted(dockerfile.ParseImageRef(img), []string{"*"}) {
			t.Errorf("%s: not trusted by *", img)
		}
	}
	if secTrusted(dockerfile.ParseImageRef("quay.io/x/y:1"), []string{"docker.io"}) {
		t.Error("quay.io trusted by docker.io")
	}
}
