package imagescan

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"runtime"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/internal/lazyre"
)

// OpenOptions select one image out of a source that holds several.
type OpenOptions struct {
	// Context bounds the `docker save` of an engine image; nil means context.Background().
	Context context.Context
	// Tag picks an image of a multi-image tarball (a RepoTag) or OCI layout (the
	// org.opencontainers.image.ref.name or io.containerd.image.name annotation). Empty: the
	// first image.
	Tag string
	// Platform picks a manifest of a multi-platform index, as os/arch[/variant]. Empty: the
	// platform of this machine, else the first image.
	Platform string
}

// Image is an opened image. Close it to remove the temporary files a daemon read makes.
type Image struct {
	v1.Image
	Source    SourceKind
	Reference string
	// Tag is the selected tag, if any.
	Tag string
	// storedUncompressed is true when the layers are stored as plain tar (docker save from a
	// classic store): compressed sizes must then be estimated.
	storedUncompressed bool
	closeFn            func() error
}

// Close releases temporary files.
func (im *Image) Close() error {
	if im == nil || im.closeFn == nil {
		return nil
	}
	return im.closeFn()
}

// ErrNotFound is returned (wrapped) when the target is neither a readable path nor an image
// the daemon has.
var ErrNotFound = errors.New("image not found")

// Open reads target as an OCI layout directory (it holds index.json), a `docker save`
// tarball (any other existing path), or else an image reference looked up in the Docker
// engine with `docker save` (the first docker CLI on PATH; DOCKER_HOST, DOCKER_CONTEXT and the
// CLI's configuration select the engine).
func Open(target string, opt OpenOptions) (*Image, error) {
	if opt.Context == nil {
		opt.Context = context.Background()
	}
	var im *Image
	var err error
	if fi, serr := os.Stat(target); serr == nil {
		if fi.IsDir() {
			im, err = openLayout(target, opt)
		} else {
			im, err = openTarball(target, opt)
		}
	} else {
		ref, perr := name.ParseReference(target)
		if perr != nil {
			return nil, fmt.Errorf("%s: %w: no such file or directory, and not an image reference (%v)", target, ErrNotFound, perr)
		}
		if opt.Tag != "" {
			return nil, fmt.Errorf("--tag picks an image in a tarball or OCI layout; for an image in the engine, name it: %s", opt.Tag)
		}
		im, err = openDaemon(ref, target, opt)
	}
	if err != nil || opt.Platform == "" {
		return im, err
	}
	// Whatever the source, the image read must be of the platform asked for.
	cf, cerr := im.ConfigFile()
	if cerr != nil {
		im.Close()
		return nil, fmt.Errorf("%s: reading the image config: %w", target, cerr)
	}
	if !platformMatches(v1.Platform{OS: cf.OS, Architecture: cf.Architecture, Variant: cf.Variant}, opt.Platform) {
		im.Close()
		have := cf.OS + "/" + cf.Architecture
		if cf.Variant != "" {
			have += "/" + cf.Variant
		}
		return nil, fmt.Errorf("%s: no image for platform %s (the image is %s)", target, opt.Platform, have)
	}
	return im, nil
}

func openTarball(p string, opt OpenOptions) (*Image, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	magic := make([]byte, 4)
	n, _ := io.ReadFull(f, magic)
	f.Close()
	if n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		return nil, fmt.Errorf("%s: the tarball is gzip-compressed: decompress it first (gunzip) or pass the `docker save` output as is", p)
	}
	if n >= 4 && bytes.Equal(magic, []byte{0x28, 0xb5, 0x2f, 0xfd}) {
		return nil, fmt.Errorf("%s: the tarball is zstd-compressed: decompress it first", p)
	}
	opener := func() (io.ReadCloser, error) { return os.Open(p) }
	return imageFromTarball(opener, p, FromTarball, opt, nil)
}

// imageFromTarball selects an image in a docker save tarball by tag, or the first one.
func imageFromTarball(opener tarball.Opener, ref string, kind SourceKind, opt OpenOptions, closeFn func() error) (*Image, error) {
	m, err := tarball.LoadManifest(opener)
	if err != nil {
		if hasTarEntry(opener, "index.json") {
			return nil, fmt.Errorf("%s: an OCI archive without manifest.json: extract it (tar -xf) and pass the directory", ref)
		}
		return nil, fmt.Errorf("%s: not a docker save tarball: %w", ref, err)
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("%s: the tarball holds no image", ref)
	}
	var tag *name.Tag
	selected := ""
	desc := m[0]
	switch {
	case opt.Tag != "":
		t, err := name.NewTag(opt.Tag)
		if err != nil {
			return nil, fmt.Errorf("tag %q: %w", opt.Tag, err)
		}
		tag, selected = &t, opt.Tag
		found := false
		for _, d := range m {
			for _, rt := range d.RepoTags {
				if other, err := name.NewTag(rt); err == nil && other.Name() == t.Name() {
					desc, found = d, true
				}
			}
		}
		if !found {
			var all []string
			for _, d := range m {
				all = append(all, d.RepoTags...)
			}
			return nil, fmt.Errorf("%s: no image tagged %s (tags: %s)", ref, opt.Tag, strings.Join(all, ", "))
		}
	case len(m) > 1:
		if len(m[0].RepoTags) == 0 {
			return nil, fmt.Errorf("%s: the tarball holds %d images and the first has no tag: pick one with a tag", ref, len(m))
		}
		t, err := name.NewTag(m[0].RepoTags[0])
		if err != nil {
			return nil, err
		}
		tag, selected = &t, m[0].RepoTags[0]
	case len(m[0].RepoTags) > 0:
		selected = m[0].RepoTags[0]
	}
	img, err := tarball.Image(opener, tag)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ref, err)
	}
	uncompressed := false
	if len(desc.Layers) > 0 {
		uncompressed, err = tarEntryIsPlain(opener, desc.Layers[0])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ref, err)
		}
	}
	return &Image{Image: img, Source: kind, Reference: ref, Tag: selected, storedUncompressed: uncompressed, closeFn: closeFn}, nil
}

func hasTarEntry(opener tarball.Opener, want string) bool {
	rc, err := opener()
	if err != nil {
		return false
	}
	defer rc.Close()
	tr := tar.NewReader(rc)
	for {
		h, err := tr.Next()
		if err != nil {
			return false
		}
		if path.Clean(h.Name) == want {
			return true
		}
	}
}

// tarEntryIsPlain reports whether the entry (a layer blob in a docker save tarball) is an
// uncompressed tar rather than gzip or zstd. Symlinks (docker save's shared layers) are
// followed.
func tarEntryIsPlain(opener tarball.Opener, entry string) (bool, error) {
	for hops := 0; hops < 8; hops++ {
		rc, err := opener()
		if err != nil {
			return false, err
		}
		tr := tar.NewReader(rc)
		link := ""
		found := false
		for {
			h, err := tr.Next()
			if err != nil {
				break
			}
			if path.Clean(h.Name) != path.Clean(entry) {
				continue
			}
			found = true
			if h.Typeflag == tar.TypeSymlink {
				link = path.Join(path.Dir(entry), h.Linkname)
				break
			}
			magic := make([]byte, 4)
			n, _ := io.ReadFull(tr, magic)
			rc.Close()
			gz := n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b
			zst := n >= 4 && bytes.Equal(magic, []byte{0x28, 0xb5, 0x2f, 0xfd})
			return !gz && !zst, nil
		}
		rc.Close()
		if !found {
			return false, fmt.Errorf("layer %s not found in the tarball", entry)
		}
		entry = link
	}
	return false, fmt.Errorf("layer %s: too many symlinks", entry)
}

func openLayout(dir string, opt OpenOptions) (*Image, error) {
	lp, err := layout.FromPath(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: not an OCI image layout (no index.json)", dir)
	}
	idx, err := lp.ImageIndex()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	img, tag, err := selectFromIndex(idx, opt, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	uncompressed := false
	if ls, err := img.Layers(); err == nil && len(ls) > 0 {
		if mt, err := ls[0].MediaType(); err == nil {
			uncompressed = !strings.Contains(string(mt), "gzip") && !strings.Contains(string(mt), "zstd")
		}
	}
	return &Image{Image: img, Source: FromLayout, Reference: dir, Tag: tag, storedUncompressed: uncompressed}, nil
}

// refAnnotations name an image in an index (OCI standard, then containerd's full name).
var refAnnotations = []string{"io.containerd.image.name", "org.opencontainers.image.ref.name"}

func selectFromIndex(idx v1.ImageIndex, opt OpenOptions, depth int) (v1.Image, string, error) {
	if depth > 4 {
		return nil, "", errors.New("image indexes nested too deep")
	}
	im, err := idx.IndexManifest()
	if err != nil {
		return nil, "", err
	}
	var cands []v1.Descriptor
	tagOf := func(d v1.Descriptor) string {
		for _, k := range refAnnotations {
			if v := d.Annotations[k]; v != "" {
				return v
			}
		}
		return ""
	}
	if opt.Tag != "" && depth == 0 {
		for _, d := range im.Manifests {
			if tagMatches(tagOf(d), opt.Tag) {
				cands = append(cands, d)
			}
		}
		if len(cands) == 0 {
			var all []string
			for _, d := range im.Manifests {
				if t := tagOf(d); t != "" {
					all = append(all, t)
				}
			}
			return nil, "", fmt.Errorf("no image tagged %s (tags: %s)", opt.Tag, strings.Join(all, ", "))
		}
	} else {
		cands = im.Manifests
	}
	// Skip attestation manifests (BuildKit provenance/SBOM: platform unknown/unknown).
	var usable []v1.Descriptor
	for _, d := range cands {
		if d.Annotations["vnd.docker.reference.type"] == "attestation-manifest" {
			continue
		}
		if d.Platform != nil && d.Platform.OS == "unknown" {
			continue
		}
		usable = append(usable, d)
	}
	if len(usable) == 0 {
		return nil, "", errors.New("the index lists no image")
	}
	chosen := usable[0]
	want := opt.Platform
	if want == "" {
		want = runtime.GOOS + "/" + runtime.GOARCH
	}
	matched := false
	for _, d := range usable {
		if d.Platform != nil && platformMatches(*d.Platform, want) {
			chosen, matched = d, true
			break
		}
	}
	if opt.Platform != "" && !matched && len(usable) > 1 {
		return nil, "", fmt.Errorf("no image for platform %s", opt.Platform)
	}
	tag := tagOf(chosen)
	if tag == "" && depth == 0 {
		tag = opt.Tag
	}
	if chosen.MediaType.IsIndex() {
		child, err := idx.ImageIndex(chosen.Digest)
		if err != nil {
			return nil, "", err
		}
		img, t, err := selectFromIndex(child, OpenOptions{Platform: opt.Platform}, depth+1)
		if tag == "" {
			tag = t
		}
		return img, tag, err
	}
	img, err := idx.Image(chosen.Digest)
	return img, tag, err
}

func tagMatches(have, want string) bool {
	if have == "" {
		return false
	}
	if have == want {
		return true
	}
	// the OCI ref.name annotation is often just the tag ("1.0"); containerd's is a full name
	if !strings.ContainsAny(have, "/:") {
		if i := strings.LastIndex(want, ":"); i >= 0 && want[i+1:] == have {
			return true
		}
	}
	a, err1 := name.NewTag(have)
	b, err2 := name.NewTag(want)
	return err1 == nil && err2 == nil && a.Name() == b.Name()
}

func platformMatches(p v1.Platform, want string) bool {
	parts := strings.Split(want, "/")
	if len(parts) < 2 || p.OS != parts[0] || p.Architecture != parts[1] {
		return false
	}
	return len(parts) < 3 || p.Variant == parts[2]
}

func openDaemon(ref name.Reference, target string, opt OpenOptions) (*Image, error) {
	eng, err := engine.ForImages(engine.Options{})
	if err != nil {
		return nil, fmt.Errorf("%s: no such file, and %w", target, err)
	}
	// A repository name without a tag means :latest (`docker save` of a bare repository name
	// would save every tag of it); an image ID (or its prefix) goes to docker as it is.
	arg := target
	tag, isTag := ref.(name.Tag)
	isTag = isTag && !imageID.MatchString(target)
	if isTag && !strings.HasSuffix(target, ":"+tag.TagStr()) {
		arg += ":" + tag.TagStr()
	}
	saved, err := eng.SaveFile(opt.Context, arg)
	if err != nil {
		eng.Cleanup()
		if errors.Is(err, engine.ErrNoEngine) {
			return nil, fmt.Errorf("%s: no such file, and reading it from the Docker engine: %w", target, err)
		}
		if engine.NoSuchImage(err) {
			return nil, fmt.Errorf("%s: %w in the Docker engine (and no such file)", target, ErrNotFound)
		}
		return nil, fmt.Errorf("%s: %w", target, err)
	}
	sel := opt
	if isTag {
		sel.Tag = tag.Name()
	}
	opener := func() (io.ReadCloser, error) { return os.Open(saved) }
	im, err := imageFromTarball(opener, target, FromDaemon, sel, eng.Cleanup)
	if err != nil {
		eng.Cleanup()
		return nil, err
	}
	im.Tag = ""
	if isTag {
		im.Tag = tag.String()
	}
	return im, nil
}

// imageID is what docker takes for an image ID: its hexadecimal digest or a prefix of it (12
// digits, as `docker images` prints), with or without "sha256:".
var imageID = lazyre.New(`^(sha256:)?[0-9a-f]{12,64}$`)
