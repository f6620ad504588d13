package imagescan

import (
	"archive/tar"
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"runtime"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/klauspost/compress/gzip"
)

// parallelReads reads layers in parallel (at most 4 at once) and hands them out in order.
type parallelReads struct {
	reads []*layerRead
	done  []chan struct{}
}

// startReads starts reading the layers; diffIDs are the config's (nil: not checked).
func startReads(ctx context.Context, layers []v1.Layer, diffIDs []v1.Hash, estimate bool) *parallelReads {
	pr := &parallelReads{reads: make([]*layerRead, len(layers)), done: make([]chan struct{}, len(layers))}
	sem := make(chan struct{}, max(1, min(runtime.GOMAXPROCS(0), 4)))
	for i := range layers {
		pr.done[i] = make(chan struct{})
	}
	go func() {
		for i, l := range layers {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				for j := i; j < len(layers); j++ {
					pr.reads[j] = &layerRead{err: ctx.Err()}
					close(pr.done[j])
				}
				return
			}
			go func(i int, l v1.Layer) {
				defer func() { <-sem }()
				var want v1.Hash
				if diffIDs != nil {
					want = diffIDs[i]
				}
				pr.reads[i] = readLayer(ctx, l, want, estimate)
				close(pr.done[i])
			}(i, l)
		}
	}()
	return pr
}

// next waits for layer i and returns its read, dropping the reference to it.
func (pr *parallelReads) next(i int) *layerRead {
	<-pr.done[i]
	rd := pr.reads[i]
	pr.reads[i] = nil
	return rd
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// layerRead is what reading one layer's tar yields, before it is applied.
type layerRead struct {
	whiteouts, opaques []string
	entries            []entry
	uncompressedBytes  int64
	compressedBytes    int64
	contentBytes       int64
	err                error
}

// readLayer reads one layer's uncompressed tar: its whiteouts, opaque markers and entries
// (with the secret classification of candidate files), the stream length and, when
// estimate is set, the size of the stream gzipped at the default level.
func readLayer(ctx context.Context, l v1.Layer, diffID v1.Hash, estimate bool) *layerRead {
	rd := &layerRead{}
	rd.err = rd.read(ctx, l, diffID, estimate)
	return rd
}

// read reads the layer; diffID is the image config's diff ID for it (zero: not checked).
func (rd *layerRead) read(ctx context.Context, l v1.Layer, diffID v1.Hash, estimate bool) error {
	rc, err := l.Uncompressed()
	if err != nil {
		return err
	}
	defer rc.Close()
	// The stream's digest is checked against the layer's diff ID (from the image config): a
	// blob altered or damaged after the image was built is an error, not a silent analysis
	// of other content.
	digest := sha256.New()
	var src io.Reader = io.TeeReader(rc, digest)
	var gz *gzip.Writer
	cw := &countingWriter{}
	if estimate {
		gz = gzip.NewWriter(cw)
		src = io.TeeReader(src, gz)
	}
	cr := &countingReader{r: bufio.NewReaderSize(src, 1<<16)}
	tr := tar.NewReader(cr)
	peek := make([]byte, peekBytes)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		p := cleanPath(h.Name)
		if p == "" {
			continue // the root directory itself
		}
		dir, base := path.Split(p)
		dir = strings.TrimSuffix(dir, "/")
		if strings.HasPrefix(base, ".wh.") {
			switch {
			case base == ".wh..wh..opq":
				rd.opaques = append(rd.opaques, dir)
			case strings.HasPrefix(base, ".wh..wh."):
				// aufs metadata (.wh..wh.plnk, .wh..wh.aufs): not content
			default:
				rd.whiteouts = append(rd.whiteouts, path.Join(dir, base[len(".wh."):]))
			}
			continue
		}
		e := entry{path: p, typ: h.Typeflag, mode: h.Mode, uid: h.Uid, gid: h.Gid}
		if h.Typeflag == tar.TypeLink {
			e.link = cleanPath(h.Linkname)
		}
		if isRegular(h.Typeflag) {
			e.size = h.Size
			rd.contentBytes += h.Size
			if wantPeek(p, h.Size) {
				n, _ := io.ReadFull(tr, peek)
				e.secret = secretKind(p, h.Size, peek[:n])
			} else {
				e.secret = secretKind(p, h.Size, nil)
			}
		}
		rd.entries = append(rd.entries, e)
	}
	// read to the end so that the stream length (and the DiffID) cover the tar padding
	if _, err := io.Copy(io.Discard, cr); err != nil {
		return err
	}
	rd.uncompressedBytes = cr.n
	// (the library's layers of an OCI layout compute their DiffID from the blob itself, so
	// the config's value is the one to compare with)
	if diffID.Algorithm == "sha256" {
		if got := hex.EncodeToString(digest.Sum(nil)); got != diffID.Hex {
			return fmt.Errorf("its content (sha256:%s) does not match the image config's diff ID %s: the layer was altered or damaged", got[:12], diffID)
		}
	}
	if gz != nil {
		if err := gz.Close(); err != nil {
			return err
		}
		rd.compressedBytes = cw.n
	}
	return nil
}
