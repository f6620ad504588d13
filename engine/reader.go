package engine

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// ForImages returns an Engine that only reads images the engine has (SaveFile,
// InspectImage): it runs opt.Docker, or the first `docker` on PATH, and unlike New checks
// neither that an engine answers nor that the CLI can build. A command that cannot reach the
// engine returns an error wrapping ErrNoEngine (see Unreachable). Cleanup removes the
// temporary files it made.
func ForImages(opt Options) (*Engine, error) {
	cli := opt.Docker
	if cli == "" {
		cands := dockerOnPath()
		if len(cands) == 0 {
			return nil, fmt.Errorf("%w: no docker CLI on PATH", ErrNoEngine)
		}
		cli = cands[0]
	}
	return &Engine{docker: cli}, nil
}

// Unreachable wraps err with ErrNoEngine when it is a docker command that could not be run
// or could not reach the engine, in the docker CLI's words: "Cannot connect to the Docker
// daemon", "error during connect", "permission denied while trying to connect" (not in the
// docker group), "unable to resolve docker endpoint" (an unknown context or TLS material).
// Other errors are returned as they are.
func Unreachable(err error) error {
	var ce *CommandError
	if !errors.As(err, &ce) {
		return err
	}
	var xe *exec.ExitError
	if !errors.As(ce.Err, &xe) { // the CLI did not run (not executable, a bad interpreter)
		return fmt.Errorf("%w: %w", ErrNoEngine, err)
	}
	for _, words := range unreachableWords {
		if strings.Contains(ce.Stderr, words) {
			return fmt.Errorf("%w: %w", ErrNoEngine, err)
		}
	}
	return err
}

var unreachableWords = []string{
	"Cannot connect to the Docker daemon",
	"error during connect",
	"permission denied while trying to connect",
	"unable to resolve docker endpoint",
}

// NoSuchImage reports whether a failed docker command (`docker save`, `docker image inspect`)
// says the engine has no such image:
// "No such image" (Docker 23 and later), "reference does not exist" (20.10), "image not known"
// (Podman), or a daemon error that ends in "not found" (the containerd image store).
func NoSuchImage(err error) bool {
	var ce *CommandError
	if !errors.As(err, &ce) {
		return false
	}
	s := strings.TrimSpace(ce.Stderr)
	return strings.Contains(s, "No such image") || strings.Contains(s, "reference does not exist") ||
		strings.Contains(s, "image not known") ||
		(strings.HasPrefix(s, "Error response from daemon:") && strings.HasSuffix(s, "not found"))
}
