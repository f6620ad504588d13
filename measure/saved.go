package measure

import (
	"context"
	"fmt"

	"github.com/dockopt/dockopt/imagescan"
)

// Layer is one layer of a measured image, with the base image it comes from ("" for layers
// the Dockerfile's final stage made).
type Layer struct {
	// DiffID is the uncompressed layer's digest ("sha256:...").
	DiffID string `json:"diff_id,omitempty"`
	// SizeBytes is the layer's uncompressed tar stream; CompressedSizeBytes its compressed
	// size as dockopt inspect gives it (the blob's size, or imagescan's gzip estimate of a
	// layer saved uncompressed).
	SizeBytes           int64 `json:"size_bytes"`
	CompressedSizeBytes int64 `json:"compressed_size_bytes"`
	// Instruction is the instruction that made the layer (imagescan.Label of its history).
	Instruction string `json:"instruction"`
	Base        string `json:"base,omitempty"`
}

// savedImage is what measure reads from a `docker save` tarball.
type savedImage struct {
	Layers []Layer
	// CompressedSizeBytes is the sum of the layers' compressed sizes; SizeBytes the sizes as
	// saved (compressed blobs, or plain tar when the engine saves layers uncompressed).
	CompressedSizeBytes, SizeBytes int64
	// Scan is imagescan's whole report of the image (its checks included).
	Scan *imagescan.Report
}

// readSaved reads a `docker save` tarball through imagescan, the reader dockopt inspect uses,
// so that both give the same compressed size for the same image.
func readSaved(ctx context.Context, tarPath string) (*savedImage, error) {
	img, err := imagescan.Open(tarPath, imagescan.OpenOptions{Context: ctx})
	if err != nil {
		return nil, err
	}
	defer img.Close()
	rep, err := imagescan.Scan(img, imagescan.ScanOptions{Context: ctx})
	if err != nil {
		return nil, fmt.Errorf("reading the saved image: %w", err)
	}
	s := &savedImage{CompressedSizeBytes: rep.CompressedSizeBytes, SizeBytes: rep.CompressedSizeBytes, Scan: rep}
	if rep.CompressedSizeEstimated {
		s.SizeBytes = rep.UncompressedSizeBytes
	}
	for _, l := range rep.Layers {
		s.Layers = append(s.Layers, Layer{DiffID: l.DiffID, SizeBytes: l.UncompressedSizeBytes,
			CompressedSizeBytes: l.CompressedSizeBytes, Instruction: imagescan.Label(l.CreatedBy, l.Comment)})
	}
	return s, nil
}
