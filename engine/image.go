package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
)

// Image is what `docker image inspect` says about an image.
type Image struct {
	ID          string   `json:"id"`
	RepoTags    []string `json:"repo_tags,omitempty"`
	RepoDigests []string `json:"repo_digests,omitempty"`
	// SizeBytes is the image's size as the engine reports it (uncompressed layers).
	SizeBytes int64 `json:"size_bytes"`
	// LayerDiffIDs are the uncompressed layer digests (RootFS.Layers).
	LayerDiffIDs   []string          `json:"layer_diff_ids,omitempty"`
	User           string            `json:"user"`
	ExposedPorts   []string          `json:"exposed_ports,omitempty"`
	HasHealthcheck bool              `json:"has_healthcheck"`
	Labels         map[string]string `json:"labels,omitempty"`
	OS             string            `json:"os"`
	Arch           string            `json:"arch"`
}

// InspectImage runs `docker image inspect`.
func (e *Engine) InspectImage(ctx context.Context, ref string) (*Image, error) {
	out, err := e.output(ctx, nil, "image", "inspect", "--format", "{{json .}}", ref)
	if err != nil {
		return nil, err
	}
	return ParseImageInspect(out)
}

// ParseImageInspect reads `docker image inspect --format '{{json .}}'` output.
func ParseImageInspect(data []byte) (*Image, error) {
	var raw struct {
		ID           string `json:"Id"`
		RepoTags     []string
		RepoDigests  []string
		Size         int64
		Os           string
		Architecture string
		Config       struct {
			User         string
			ExposedPorts map[string]struct{}
			Healthcheck  *struct{ Test []string }
			Labels       map[string]string
		}
		RootFS struct{ Layers []string }
	}
	if err := json.Unmarshal(bytes.TrimSpace(data), &raw); err != nil {
		return nil, fmt.Errorf("docker image inspect: %v", err)
	}
	im := &Image{
		ID: raw.ID, RepoTags: raw.RepoTags, RepoDigests: raw.RepoDigests, SizeBytes: raw.Size,
		LayerDiffIDs: raw.RootFS.Layers, User: raw.Config.User, Labels: raw.Config.Labels,
		OS: raw.Os, Arch: raw.Architecture,
	}
	for p := range raw.Config.ExposedPorts {
		im.ExposedPorts = append(im.ExposedPorts, p)
	}
	hc := raw.Config.Healthcheck
	im.HasHealthcheck = hc != nil && len(hc.Test) > 0 && hc.Test[0] != "NONE"
	return im, nil
}

// SaveFile writes an image with `docker save -o` into a temporary directory that Cleanup
// removes, and returns the tarball's path; an engine that cannot be reached is an error
// wrapping ErrNoEngine. The engine only saves: imagescan reads the tarball
// (layers, sizes, the compressed-size estimate), as it does for dockopt inspect.
func (e *Engine) SaveFile(ctx context.Context, ref string) (string, error) {
	dir, err := e.TempDir("dockopt-save-")
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, "image.tar")
	if _, err := e.output(ctx, nil, "save", "-o", p, "--", ref); err != nil {
		var ce *CommandError
		if errors.As(err, &ce) {
			ce.Args = []string{"save", ref} // not the temporary path, removed by then
		}
		return "", Unreachable(err)
	}
	return p, nil
}
