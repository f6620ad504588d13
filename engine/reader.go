package engine

import (
	"errors"
	"fmt"
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

// Unreachable wraps err with ErrNoEngine when it is a docker command that could not reach
// the engine: the CLI's own words for that ("Cannot connect to the Docker daemon", "error
// during connect", as printed by the docker CLI's client since 1.13). Other errors are
// returned as they are.
func Unreachable(err error) error {
	var ce *CommandError
	if !errors.As(err, &ce) {
		return err
	}
	s := ce.Stderr
	if strings.Contains(s, "Cannot connect to the Docker daemon") || strings.Contains(s, "error during connect") {
		return fmt.Errorf("%w: %w", ErrNoEngine, err)
	}
	return err
}
