package lint

import "testing"

func TestIsDockerfileName(t *testing.T) {
	for name, want := range map[string]bool{
		"Dockerfile": true, "Containerfile": true, "api.Dockerfile": true, "ab__Dockerfile": true,
		"Dockerfile.prod": true, "Dockerfile.optimized": true, "x.dockerfile": true,
		"Dockerfile.dockerignore": false, "Dockerfile.orig": false, "README.md": false, "dockerfile.go": false,
	} {
		if got := IsDockerfileName(name); got != want {
			t.Errorf("IsDockerfileName(%q) = %v, want %v", name, got, want)
		}
	}
}
