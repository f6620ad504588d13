package imagescan

import (
	"archive/tar"
	"context"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// ScanOptions tune Scan.
type ScanOptions struct {
	// Context cancels a long scan; nil means context.Background().
	Context context.Context
	// NoCompressedEstimate skips gzipping layers that are stored uncompressed (their
	// CompressedSizeBytes is then 0 and Report.CompressedSizeEstimated false).
	NoCompressedEstimate bool
}

// Scan reads every layer of img once and returns the report.
func Scan(img *Image, opt ScanOptions) (*Report, error) {
	ctx := opt.Context
	if ctx == nil {
		ctx = context.Background()
	}
	rep := &Report{Source: img.Source, Reference: img.Reference, Tag: img.Tag}
	raw, err := img.RawConfigFile()
	if err != nil {
		return nil, fmt.Errorf("reading the image config: %w", err)
	}
	var cfg v1.ConfigFile
	if err := json.Unmarshal(raw, &cfg); err != nil {
		return nil, fmt.Errorf("parsing the image config: %w", err)
	}
	if id, err := img.ConfigName(); err == nil {
		rep.ImageID = id.String()
	}
	rep.OS, rep.Architecture, rep.Variant, rep.Created = cfg.OS, cfg.Architecture, cfg.Variant, cfg.Created.Time
	fillConfig(rep, &cfg)

	layers, err := img.Layers()
	if err != nil {
		return nil, fmt.Errorf("listing layers: %w", err)
	}
	hist, matched := matchHistory(cfg.History, len(layers))
	rep.HistoryMatched = matched

	st := newState()
	estimate := img.storedUncompressed && !opt.NoCompressedEstimate
	rep.CompressedSizeEstimated = estimate

	// Layers are read (decompressed, tar headers parsed, sizes measured) in parallel, then
	// applied in order: only applying needs the layers below.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var diffIDs []v1.Hash
	if len(cfg.RootFS.DiffIDs) == len(layers) {
		diffIDs = cfg.RootFS.DiffIDs
	}
	reads := startReads(ctx, layers, diffIDs, estimate)
	for i, l := range layers {
		rd := reads.next(i)
		if rd.err != nil {
			return nil, fmt.Errorf("layer %d: %w", i, rd.err)
		}
		lr := Layer{Index: i}
		if i < len(hist) {
			lr.Instruction, lr.CreatedBy, lr.Comment = hist[i].instruction, hist[i].createdBy, hist[i].comment
			rep.ArgSecrets = append(rep.ArgSecrets, hist[i].argSecrets...)
		}
		describeLayer(&lr, l, rd, img.storedUncompressed, estimate)
		st.applyLayer(rd, &lr)
		rep.UncompressedSizeBytes += lr.UncompressedSizeBytes
		rep.CompressedSizeBytes += lr.CompressedSizeBytes
		rep.ContentSizeBytes += lr.ContentSizeBytes
		rep.Layers = append(rep.Layers, lr)
	}
	rep.Wasted = st.wasted
	sort.SliceStable(rep.Wasted, func(a, b int) bool { return rep.Wasted[a].SizeBytes > rep.Wasted[b].SizeBytes })
	for _, w := range rep.Wasted {
		rep.WastedBytes += w.SizeBytes
	}
	rep.Efficiency = 1
	if rep.ContentSizeBytes > 0 {
		rep.Efficiency = 1 - float64(rep.WastedBytes)/float64(rep.ContentSizeBytes)
	}
	analyzeFinal(rep, st)
	rep.emptyLists()
	return rep, nil
}

// describeLayer fills a layer's digests, media type and sizes. The compressed size is the one
// estimator of dockopt (inspect and measure alike): the blob's size when the layer is stored
// compressed, else the gzip estimate made while reading it.
func describeLayer(lr *Layer, l v1.Layer, rd *layerRead, storedUncompressed, estimate bool) {
	if d, err := l.DiffID(); err == nil {
		lr.DiffID = d.String()
	}
	if mt, err := l.MediaType(); err == nil {
		lr.MediaType = string(mt)
	}
	if estimate {
		lr.CompressedSizeBytes = rd.compressedBytes
	} else if !storedUncompressed {
		// stored compressed: digest and size come from the manifest, no computing
		if d, err := l.Digest(); err == nil {
			lr.Digest = d.String()
		}
		if sz, err := l.Size(); err == nil {
			lr.CompressedSizeBytes = sz
		}
	}
	lr.UncompressedSizeBytes, lr.ContentSizeBytes = rd.uncompressedBytes, rd.contentBytes
}

// emptyLists makes every list of the report non-nil, so that JSON has [] rather than null.
func (r *Report) emptyLists() {
	if r.Wasted == nil {
		r.Wasted = []WastedFile{}
	}
	if r.Caches == nil {
		r.Caches = []Cache{}
	}
	if r.BuildTools == nil {
		r.BuildTools = []BuildTool{}
	}
	if r.SetuidFiles == nil {
		r.SetuidFiles = []SpecialFile{}
	}
	if r.WorldWritable == nil {
		r.WorldWritable = []SpecialFile{}
	}
	if r.SecretFiles == nil {
		r.SecretFiles = []SecretFile{}
	}
	if r.EnvSecrets == nil {
		r.EnvSecrets = []EnvSecret{}
	}
	if r.ArgSecrets == nil {
		r.ArgSecrets = []ArgSecret{}
	}
}

func fillConfig(rep *Report, cfg *v1.ConfigFile) {
	c := cfg.Config
	rep.Config = Config{User: c.User, Entrypoint: c.Entrypoint, Cmd: c.Cmd, WorkingDir: c.WorkingDir}
	for p := range c.ExposedPorts {
		rep.Config.ExposedPorts = append(rep.Config.ExposedPorts, p)
	}
	sort.Strings(rep.Config.ExposedPorts)
	if c.Healthcheck != nil && len(c.Healthcheck.Test) > 0 && c.Healthcheck.Test[0] != "NONE" {
		rep.Config.Healthcheck = c.Healthcheck.Test
	}
	rep.NoHealthcheck = rep.Config.Healthcheck == nil
	rep.RunsAsRoot = dockerfile.RunsAsRoot(c.User)
	for _, kv := range c.Env {
		k, v, _ := strings.Cut(kv, "=")
		rep.Config.EnvNames = append(rep.Config.EnvNames, k)
		if reason := envSecretReason(k, v); reason != "" {
			rep.EnvSecrets = append(rep.EnvSecrets, EnvSecret{Name: k, Reason: reason})
		}
	}
}

// node is a path in the merged filesystem.
type node struct {
	name     string
	parent   *node
	children map[string]*node
	dir      bool
	typ      byte
	mode     int64
	size     int64
	uid, gid int
	// layer added this version; -1 for directories no layer listed (implied parents)
	layer  int
	secret string
	// content is the file's bytes in its layer's blob, shared by a regular file and the hard
	// links to it in the same layer; nil for empty files, directories and symlinks.
	content *fileBytes
}

// fileBytes is a regular file's bytes in one layer blob and how many visible paths (the file
// and its hard links) still reach them: they are wasted only when none does.
type fileBytes struct {
	size int64
	refs int
}

func (n *node) path() string {
	if n.parent == nil {
		return "/"
	}
	var parts []string
	for m := n; m.parent != nil; m = m.parent {
		parts = append(parts, m.name)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return "/" + strings.Join(parts, "/")
}

func isRegular(t byte) bool { return t == tar.TypeReg || t == tar.TypeRegA || t == tar.TypeGNUSparse }

type state struct {
	root    *node
	wasted  []WastedFile
	secrets []SecretFile // secrets hidden by a later layer
}

func newState() *state {
	return &state{root: &node{dir: true, children: map[string]*node{}, layer: -1}}
}

func (s *state) lookup(p string) *node {
	n := s.root
	if p == "" {
		return n
	}
	for _, part := range strings.Split(p, "/") {
		if n.children == nil {
			return nil
		}
		n = n.children[part]
		if n == nil {
			return nil
		}
	}
	return n
}

// hide removes n (and everything below it) from the filesystem on behalf of layer li,
// recording each hidden file copy as wasted. It returns the number of non-directory paths
// and the regular-file bytes hidden.
func (s *state) hide(n *node, li int, deleted bool, lr *Layer, record bool) {
	var walk func(m *node)
	walk = func(m *node) {
		if m.dir {
			for _, c := range sortedChildren(m) {
				walk(c)
			}
			return
		}
		if c := m.content; c != nil {
			// the bytes are wasted once the last path to them (file or hard link) is hidden
			if c.refs--; c.refs == 0 {
				s.wasted = append(s.wasted, WastedFile{Path: m.path(), SizeBytes: c.size, Layer: m.layer, HiddenByLayer: li, Deleted: deleted})
				lr.HiddenBytes += c.size
			}
		}
		if m.secret != "" {
			s.secrets = append(s.secrets, SecretFile{Path: m.path(), Kind: m.secret, Layer: m.layer, RemovedInLayer: li})
		}
		if record {
			lr.FilesRemoved++
			lr.Changes = append(lr.Changes, FileChange{Path: m.path(), Kind: Removed, SizeBytes: m.size})
		}
	}
	walk(n)
	if n.parent != nil {
		delete(n.parent.children, n.name)
	}
}

func sortedChildren(n *node) []*node {
	out := make([]*node, 0, len(n.children))
	for _, c := range n.children {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// entry is one tar header of a layer, kept until the layer's whiteouts are applied.
type entry struct {
	path     string
	typ      byte
	mode     int64
	size     int64
	uid, gid int
	secret   string
	// link is a hard link's target path (the layer holds the bytes under that path).
	link string
}

// applyLayer applies a read layer to the filesystem: first its opaque markers and
// whiteouts (they hide what the layers below hold), then its entries in order.
func (s *state) applyLayer(rd *layerRead, lr *Layer) {
	li := lr.Index
	for _, d := range rd.opaques {
		if n := s.lookup(d); n != nil && n.dir {
			for _, c := range sortedChildren(n) {
				s.hide(c, li, true, lr, true)
			}
		}
	}
	for _, p := range rd.whiteouts {
		if n := s.lookup(p); n != nil && n != s.root {
			s.hide(n, li, true, lr, true)
		}
	}
	for _, e := range rd.entries {
		s.apply(e, lr)
	}
}

// cleanPath turns a tar name into a slash path without leading "/" or "./" ("" for root).
func cleanPath(name string) string {
	p := path.Clean("/" + name)
	return strings.TrimPrefix(p, "/")
}

// apply adds one entry of layer lr to the filesystem.
func (s *state) apply(e entry, lr *Layer) {
	li := lr.Index
	dir, base := path.Split(e.path)
	dir = strings.TrimSuffix(dir, "/")
	parent := s.root
	if dir != "" {
		for _, part := range strings.Split(dir, "/") {
			c := parent.children[part]
			if c != nil && !c.dir {
				// a lower file where this layer needs a directory: the file is replaced
				s.hide(c, li, false, lr, true)
				c = nil
			}
			if c == nil {
				c = &node{name: part, parent: parent, dir: true, children: map[string]*node{}, layer: li, typ: tar.TypeDir, mode: 0o755}
				parent.children[part] = c
			}
			parent = c
		}
	}
	isDir := e.typ == tar.TypeDir
	kind := Added
	if old := parent.children[base]; old != nil {
		if old.dir && isDir {
			// the same directory listed again (every layer lists the parents it writes
			// into): only its metadata changes
			old.mode, old.uid, old.gid, old.typ = e.mode, e.uid, e.gid, e.typ
			if old.layer < 0 {
				old.layer = li
			}
			return
		}
		if old.dir {
			// a directory replaced by a file: everything below it is removed
			s.hide(old, li, true, lr, true)
		} else {
			s.hide(old, li, false, lr, false)
			kind = Changed
		}
	}
	n := &node{name: base, parent: parent, dir: isDir, typ: e.typ, mode: e.mode, size: e.size, uid: e.uid, gid: e.gid, layer: li, secret: e.secret}
	switch {
	case isRegular(e.typ) && e.size > 0:
		n.content = &fileBytes{size: e.size, refs: 1}
	case e.typ == tar.TypeLink:
		// a hard link shares the bytes its target holds in this same layer
		if t := s.lookup(e.link); t != nil && t.layer == li && t.content != nil {
			n.content = t.content
			n.content.refs++
		}
	}
	if isDir {
		n.children = map[string]*node{}
		parent.children[base] = n
		return
	}
	parent.children[base] = n
	if kind == Added {
		lr.FilesAdded++
	} else {
		lr.FilesChanged++
	}
	lr.Changes = append(lr.Changes, FileChange{Path: "/" + e.path, Kind: kind, SizeBytes: e.size})
}
