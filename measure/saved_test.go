package measure

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/dockopt/dockopt/imagescan"
)

// testImage is a small random image of three layers with a history entry for each.
func testImage(t *testing.T) v1.Image {
	t.Helper()
	img, err := random.Image(64<<10, 3)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.History = nil
	for i := range 3 {
		cf.History = append(cf.History, v1.History{CreatedBy: fmt.Sprintf("RUN step %d # buildkit", i), Comment: "buildkit.dockerfile.v0"})
	}
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// writePlainSave writes img as Docker Engine's classic `docker save` does: each layer an
// uncompressed layer.tar, so that the compressed size has to be estimated.
func writePlainSave(t *testing.T, img v1.Image, p string) {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	put := func(name string, b []byte) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(b)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := img.RawConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	put("config.json", raw)
	layers, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for i, l := range layers {
		rc, err := l.Uncompressed()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		n := fmt.Sprintf("l%d/layer.tar", i)
		put(n, data)
		names = append(names, n)
	}
	m, _ := json.Marshal([]map[string]any{{"Config": "config.json", "RepoTags": []string{"thincmd-test/app:1"}, "Layers": names}})
	put("manifest.json", m)
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// inspectSizes reads a tarball as dockopt inspect does (imagescan.Open and Scan with the
// default options) and returns the total and per-layer compressed sizes.
func inspectSizes(t *testing.T, p string) (int64, []int64) {
	t.Helper()
	img, err := imagescan.Open(p, imagescan.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer img.Close()
	rep, err := imagescan.Scan(img, imagescan.ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var per []int64
	for _, l := range rep.Layers {
		per = append(per, l.CompressedSizeBytes)
	}
	return rep.CompressedSizeBytes, per
}

// TestMeasureAndInspectAgreeOnCompressedSize: measure and inspect give the same compressed
// size for the same saved image, whether its layers are stored compressed (an OCI-style
// save) or as plain tar (the classic docker save, where the size is estimated).
func TestMeasureAndInspectAgreeOnCompressedSize(t *testing.T) {
	img := testImage(t)
	dir := t.TempDir()
	compressed := filepath.Join(dir, "compressed.tar")
	if err := tarball.WriteToFile(compressed, name.MustParseReference("thincmd-test/app:1"), img); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain.tar")
	writePlainSave(t, img, plain)

	for _, p := range []string{compressed, plain} {
		t.Run(filepath.Base(p), func(t *testing.T) {
			total, per := inspectSizes(t, p)
			got, err := readSaved(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			if got.CompressedSizeBytes != total || total <= 0 {
				t.Errorf("measure: compressed %d bytes, inspect: %d", got.CompressedSizeBytes, total)
			}
			if len(got.Layers) != len(per) {
				t.Fatalf("measure: %d layers, inspect: %d", len(got.Layers), len(per))
			}
			for i, l := range got.Layers {
				if l.CompressedSizeBytes != per[i] {
					t.Errorf("layer %d: measure %d, inspect %d", i, l.CompressedSizeBytes, per[i])
				}
				if l.Instruction != fmt.Sprintf("RUN step %d", i) || l.DiffID == "" || l.SizeBytes <= 0 {
					t.Errorf("layer %d: %+v", i, l)
				}
			}
			if p == plain && got.SizeBytes <= got.CompressedSizeBytes {
				t.Errorf("plain save: saved %d bytes, compressed %d", got.SizeBytes, got.CompressedSizeBytes)
			}
		})
	}
}
