package imagescan

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/klauspost/compress/gzip"
)

// tf is one tar entry of a test layer.
type tf struct {
	name string
	typ  byte
	mode int64
	body string
	link string
}

func file(name string, size int, mode int64) tf {
	return tf{name: name, typ: tar.TypeReg, mode: mode, body: strings.Repeat("x", size)}
}
func content(name, body string, mode int64) tf {
	return tf{name: name, typ: tar.TypeReg, mode: mode, body: body}
}
func dir(name string, mode int64) tf { return tf{name: name, typ: tar.TypeDir, mode: mode} }
func symlink(name, target string) tf {
	return tf{name: name, typ: tar.TypeSymlink, mode: 0o777, link: target}
}
func whiteout(name string) tf { return file(name, 0, 0o644) }

// fakeKey is a PEM private key header and footer around a fake body, padded to n bytes.
func fakeKey(kind string, n int) string {
	s := "-----BEGIN " + kind + "PRIVATE KEY-----\nZmFrZS1rZXktZm9yLWRvY2tvcHQtdGVzdHMtb25seQ==\n-----END " + kind + "PRIVATE KEY-----\n"
	return s + strings.Repeat("\n", n-len(s))
}

func tarBytes(t *testing.T, files ...tf) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	when := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, f := range files {
		h := &tar.Header{Name: f.name, Typeflag: f.typ, Mode: f.mode, Size: int64(len(f.body)), Linkname: f.link, ModTime: when}
		if f.typ != tar.TypeReg {
			h.Size = 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			if _, err := tw.Write([]byte(f.body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func layerOf(t *testing.T, files ...tf) v1.Layer {
	t.Helper()
	l, err := tarball.LayerFromReader(bytes.NewReader(tarBytes(t, files...)))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// buildImage stacks the layers and sets the config (history, env, user).
func buildImage(t *testing.T, cfg func(*v1.ConfigFile), layers ...v1.Layer) v1.Image {
	t.Helper()
	img, err := mutate.AppendLayers(empty.Image, layers...)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", "amd64"
	cf.History = nil
	if cfg != nil {
		cfg(cf)
	}
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// testImage is the fixture the exact-count tests use. Sizes (regular files):
//
//	layer 0: etc/app.conf 100, app/data.bin 1000, app/old.log 300, apt list 500 (+ lock 0),
//	         usr/bin/gcc-12 200 (+ gcc symlink), cc1 150, opt/cache/a.txt 50,
//	         opt/cache/sub/b.txt 70, a test fixture key 200                    = 2570
//	layer 1: app/data.bin 400 (hides 1000), whiteout app/old.log (hides 300),
//	         opaque opt/cache (hides 50+70) + opt/cache/new.txt 10, usr/bin/passwd 64
//	         (setuid), usr/bin/wall 32 (setgid), srv/shared.txt 20 (0666), srv/drop/
//	         (0777 dir), tmp/ (1777), root/.ssh/id_rsa 200                       = 726
//	layer 2: app/data.bin 50 (hides 400), app/.env 30, tmp/key.pem 200,
//	         root/.cache/pip/http/ab/cd 700, app/__pycache__/m.cpython-311.pyc 40 = 1020
//	layer 3: whiteout tmp/key.pem (hides 200), etc/app.conf 100 (hides 100)    = 100
//
// Content 4416, wasted 1000+300+120+400+200+100 = 2120.
func testImage(t *testing.T) v1.Image {
	l0 := layerOf(t,
		dir("etc/", 0o755), file("etc/app.conf", 100, 0o644),
		dir("app/", 0o755), file("app/data.bin", 1000, 0o644), file("app/old.log", 300, 0o644),
		dir("var/lib/apt/lists/", 0o755), file("var/lib/apt/lists/lock", 0, 0o640),
		file("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages", 500, 0o644),
		dir("usr/bin/", 0o755), file("usr/bin/gcc-12", 200, 0o755), symlink("usr/bin/gcc", "gcc-12"),
		file("usr/lib/gcc/x86_64-linux-gnu/12/cc1", 150, 0o755),
		dir("opt/cache/", 0o755), file("opt/cache/a.txt", 50, 0o644), dir("opt/cache/sub/", 0o755),
		file("opt/cache/sub/b.txt", 70, 0o644),
		content("usr/lib/python3/dist-packages/pkg/tests/key.pem", fakeKey("RSA ", 200), 0o644),
	)
	l1 := layerOf(t,
		dir("app/", 0o755), file("app/data.bin", 400, 0o644), whiteout("app/.wh.old.log"),
		dir("opt/cache/", 0o755), whiteout("opt/cache/.wh..wh..opq"), file("opt/cache/new.txt", 10, 0o644),
		file("usr/bin/passwd", 64, 0o4755), file("usr/bin/wall", 32, 0o2755),
		dir("srv/", 0o755), file("srv/shared.txt", 20, 0o666), dir("srv/drop/", 0o777),
		dir("tmp/", 0o1777),
		dir("root/.ssh/", 0o700), content("root/.ssh/id_rsa", fakeKey("OPENSSH ", 200), 0o600),
	)
	l2 := layerOf(t,
		file("app/data.bin", 50, 0o644), content("app/.env", "DB_PASSWORD=not-a-real-one-xx\n", 0o644),
		content("tmp/key.pem", fakeKey("", 200), 0o644),
		file("root/.cache/pip/http/ab/cd", 700, 0o644),
		file("app/__pycache__/m.cpython-311.pyc", 40, 0o644),
	)
	l3 := layerOf(t, whiteout("tmp/.wh.key.pem"), file("etc/app.conf", 100, 0o600))
	return buildImage(t, func(cf *v1.ConfigFile) {
		cf.History = []v1.History{
			{CreatedBy: "/bin/sh -c #(nop) ADD file:abc in / "},
			{CreatedBy: "/bin/sh -c #(nop)  ENV A=1", EmptyLayer: true},
			{CreatedBy: "RUN /bin/sh -c apt-get update # buildkit", Comment: "buildkit.dockerfile.v0"},
			{CreatedBy: "WORKDIR /app", EmptyLayer: true},
			{CreatedBy: "COPY . /app # buildkit", Comment: "buildkit.dockerfile.v0"},
			{CreatedBy: "RUN |3 V=2 NPM_TOKEN=npm_supersecret42 GH=ghp_0123456789abcdefghijABCDEFGHIJ0123456789 /bin/sh -c rm /tmp/key.pem # buildkit"},
			{CreatedBy: `/bin/sh -c #(nop)  CMD ["app"]`, EmptyLayer: true},
		}
		cf.Config.Env = []string{
			"PATH=/usr/local/bin:/usr/bin", "DB_PASSWORD=s3cr3t-value", "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
			"AWS_KEY=AKIAIOSFODNN7EXAMPLE", "SSH_AUTH_SOCK=/tmp/agent.sock", "PASSWORD_FILE=/run/secrets/pw",
			"API_TOKEN=", "NPM_TOKEN=${NPM_TOKEN}", "DATABASE_URL=postgres://app:pw123@db:5432/app",
			"PUBLIC_API_KEY=pk_live_abc", "AUTH_ENABLED=true",
		}
		cf.Config.Cmd = []string{"app"}
	}, l0, l1, l2, l3)
}

func writeTarball(t *testing.T, img v1.Image, tag string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "image.tar")
	ref, err := name.NewTag(tag)
	if err != nil {
		t.Fatal(err)
	}
	if err := tarball.WriteToFile(p, ref, img); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeLayout(t *testing.T, img v1.Image, refName string) string {
	t.Helper()
	d := filepath.Join(t.TempDir(), "layout")
	lp, err := layout.Write(d, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	var opts []layout.Option
	if refName != "" {
		opts = append(opts, layout.WithAnnotations(map[string]string{"org.opencontainers.image.ref.name": refName}))
	}
	if err := lp.AppendImage(img, opts...); err != nil {
		t.Fatal(err)
	}
	return d
}

func scanPath(t *testing.T, p string, opt OpenOptions) *Report {
	t.Helper()
	im, err := Open(p, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer im.Close()
	rep, err := Scan(im, ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestScanExactCounts(t *testing.T) {
	rep := scanPath(t, writeTarball(t, testImage(t), "dockopt-test/app:1"), OpenOptions{})

	if rep.Source != FromTarball || rep.Tag != "dockopt-test/app:1" {
		t.Errorf("source %s tag %q", rep.Source, rep.Tag)
	}
	if rep.ContentSizeBytes != 4416 {
		t.Errorf("ContentSizeBytes = %d, want 4416", rep.ContentSizeBytes)
	}
	if rep.WastedBytes != 2120 {
		t.Errorf("WastedBytes = %d, want 2120", rep.WastedBytes)
	}
	if want := 1 - 2120.0/4416.0; math.Abs(rep.Efficiency-want) > 1e-12 {
		t.Errorf("Efficiency = %v, want %v", rep.Efficiency, want)
	}
	if !rep.HistoryMatched {
		t.Error("history should match the 4 layers")
	}
	wantLayers := []struct {
		instr                   string
		content, hidden         int64
		added, changed, removed int
	}{
		{"ADD file:abc in /", 2570, 0, 11, 0, 0},
		{"RUN apt-get update", 726, 1420, 5, 1, 3},
		{"COPY . /app", 1020, 400, 4, 1, 0},
		{"RUN rm /tmp/key.pem", 100, 300, 0, 1, 1},
	}
	if len(rep.Layers) != len(wantLayers) {
		t.Fatalf("%d layers, want %d", len(rep.Layers), len(wantLayers))
	}
	for i, w := range wantLayers {
		l := rep.Layers[i]
		if l.Instruction != w.instr || l.ContentSizeBytes != w.content || l.HiddenBytes != w.hidden ||
			l.FilesAdded != w.added || l.FilesChanged != w.changed || l.FilesRemoved != w.removed {
			t.Errorf("layer %d = %q content %d hidden %d +%d ~%d -%d, want %+v", i, l.Instruction,
				l.ContentSizeBytes, l.HiddenBytes, l.FilesAdded, l.FilesChanged, l.FilesRemoved, w)
		}
		if l.CompressedSizeBytes <= 0 || l.UncompressedSizeBytes <= 0 || !strings.HasPrefix(l.Digest, "sha256:") {
			t.Errorf("layer %d sizes: compressed %d uncompressed %d digest %q", i, l.CompressedSizeBytes, l.UncompressedSizeBytes, l.Digest)
		}
		// an uncompressed tar stream is 512-byte blocks
		if l.UncompressedSizeBytes%512 != 0 {
			t.Errorf("layer %d uncompressed size %d is not a tar stream length", i, l.UncompressedSizeBytes)
		}
	}
	if rep.Layers[1].Comment != "buildkit.dockerfile.v0" {
		t.Errorf("layer 1 comment %q", rep.Layers[1].Comment)
	}
	wantChanges1 := []FileChange{
		{"/app/old.log", Removed, 300}, {"/opt/cache/a.txt", Removed, 50}, {"/opt/cache/sub/b.txt", Removed, 70},
		{"/app/data.bin", Changed, 400}, {"/opt/cache/new.txt", Added, 10}, {"/usr/bin/passwd", Added, 64},
		{"/usr/bin/wall", Added, 32}, {"/srv/shared.txt", Added, 20}, {"/root/.ssh/id_rsa", Added, 200},
	}
	// the opaque directory is applied before whiteouts, so its removals come first
	sortChanges := func(cs []FileChange) []FileChange {
		out := append([]FileChange(nil), cs...)
		for i := range out {
			for j := i + 1; j < len(out); j++ {
				if out[j].Path < out[i].Path {
					out[i], out[j] = out[j], out[i]
				}
			}
		}
		return out
	}
	if got := sortChanges(rep.Layers[1].Changes); !reflect.DeepEqual(got, sortChanges(wantChanges1)) {
		t.Errorf("layer 1 changes:\n got %v\nwant %v", got, sortChanges(wantChanges1))
	}

	wantWasted := []WastedFile{
		{"/app/data.bin", 1000, 0, 1, false},
		{"/app/data.bin", 400, 1, 2, false},
		{"/app/old.log", 300, 0, 1, true},
		{"/tmp/key.pem", 200, 2, 3, true},
		{"/etc/app.conf", 100, 0, 3, false},
		{"/opt/cache/sub/b.txt", 70, 0, 1, true},
		{"/opt/cache/a.txt", 50, 0, 1, true},
	}
	if !reflect.DeepEqual(rep.Wasted, wantWasted) {
		t.Errorf("wasted:\n got %+v\nwant %+v", rep.Wasted, wantWasted)
	}

	wantCaches := []Cache{
		{Kind: "pip-cache", SizeBytes: 700, FileCount: 1, Paths: []string{"/root/.cache/pip"}, PathCount: 1},
		{Kind: "apt-lists", SizeBytes: 500, FileCount: 2, Paths: []string{"/var/lib/apt/lists"}, PathCount: 1},
		{Kind: "pycache", SizeBytes: 40, FileCount: 1, Paths: []string{"/app/__pycache__"}, PathCount: 1},
	}
	if !reflect.DeepEqual(rep.Caches, wantCaches) {
		t.Errorf("caches:\n got %+v\nwant %+v", rep.Caches, wantCaches)
	}
	wantTools := []BuildTool{{Name: "gcc", Paths: []string{"/usr/bin/gcc", "/usr/bin/gcc-12", "/usr/lib/gcc/x86_64-linux-gnu/12/cc1"}}}
	if !reflect.DeepEqual(rep.BuildTools, wantTools) {
		t.Errorf("build tools: %+v", rep.BuildTools)
	}
	wantSetuid := []SpecialFile{{Path: "/usr/bin/passwd", Mode: 0o4755, Layer: 1}, {Path: "/usr/bin/wall", Mode: 0o2755, Layer: 1}}
	if !reflect.DeepEqual(rep.SetuidFiles, wantSetuid) {
		t.Errorf("setuid: %+v", rep.SetuidFiles)
	}
	wantWW := []SpecialFile{{Path: "/srv/drop", Mode: 0o777, Layer: 1, IsDir: true}, {Path: "/srv/shared.txt", Mode: 0o666, Layer: 1}}
	if !reflect.DeepEqual(rep.WorldWritable, wantWW) {
		t.Errorf("world-writable: %+v", rep.WorldWritable)
	}
	wantSecrets := []SecretFile{
		{Path: "/app/.env", Kind: "dotenv", Layer: 2, RemovedInLayer: -1},
		{Path: "/root/.ssh/id_rsa", Kind: "ssh-private-key", Layer: 1, RemovedInLayer: -1},
		{Path: "/tmp/key.pem", Kind: "private-key", Layer: 2, RemovedInLayer: 3},
	}
	if !reflect.DeepEqual(rep.SecretFiles, wantSecrets) {
		t.Errorf("secret files:\n got %+v\nwant %+v", rep.SecretFiles, wantSecrets)
	}
	wantEnv := []EnvSecret{{"DB_PASSWORD", "name"}, {"AWS_KEY", "aws-access-key"}, {"DATABASE_URL", "url-credentials"}}
	if !reflect.DeepEqual(rep.EnvSecrets, wantEnv) {
		t.Errorf("env secrets: %+v", rep.EnvSecrets)
	}
	wantArgs := []ArgSecret{{"NPM_TOKEN", "name", 3}, {"GH", "github-token", 3}}
	if !reflect.DeepEqual(rep.ArgSecrets, wantArgs) {
		t.Errorf("build arg secrets: %+v, want %+v", rep.ArgSecrets, wantArgs)
	}
	if got, want := rep.Layers[3].CreatedBy, "RUN |3 V=2 NPM_TOKEN=<redacted> GH=<redacted> /bin/sh -c rm /tmp/key.pem # buildkit"; got != want {
		t.Errorf("created_by %q, want %q", got, want)
	}
	if !rep.RunsAsRoot || !rep.NoHealthcheck {
		t.Errorf("root %v no-healthcheck %v", rep.RunsAsRoot, rep.NoHealthcheck)
	}

	// the report never carries a secret's value or a file's content
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"s3cr3t-value", "AKIAIOSFODNN7EXAMPLE", "pw123", "not-a-real-one", "ZmFrZS1rZXk", "PRIVATE KEY", "supersecret42", "ghp_0123"} {
		if bytes.Contains(js, []byte(leak)) {
			t.Errorf("the report leaks %q", leak)
		}
	}
	issues := rep.Issues()
	seen := map[string]int{}
	for _, is := range issues {
		seen[is.Check.ID]++
		for _, leak := range []string{"s3cr3t", "AKIA", "pw123"} {
			if strings.Contains(is.Message, leak) {
				t.Errorf("issue message leaks %q: %s", leak, is.Message)
			}
		}
	}
	wantSeen := map[string]int{"IMG002": 3, "IMG003": 1, "IMG004": 2, "IMG005": 2, "IMG006": 3, "IMG007": 1, "IMG008": 1, "IMG009": 3, "IMG010": 2}
	if !reflect.DeepEqual(seen, wantSeen) {
		t.Errorf("issues per check = %v, want %v", seen, wantSeen)
	}
}

// TestWastedWorkedExample is the example of the package doc.
func TestWastedWorkedExample(t *testing.T) {
	img := buildImage(t, nil,
		layerOf(t, dir("app/", 0o755), file("app/data.bin", 100, 0o644), file("app/tmp.log", 40, 0o644)),
		layerOf(t, file("app/data.bin", 30, 0o644)),
		layerOf(t, whiteout("app/.wh.tmp.log")),
	)
	rep := scanPath(t, writeTarball(t, img, "example:1"), OpenOptions{})
	if rep.WastedBytes != 140 || rep.ContentSizeBytes != 170 {
		t.Fatalf("wasted %d content %d, want 140 170", rep.WastedBytes, rep.ContentSizeBytes)
	}
	if want := 1 - 140.0/170.0; math.Abs(rep.Efficiency-want) > 1e-12 {
		t.Errorf("efficiency %v, want %v", rep.Efficiency, want)
	}
	if rep.HistoryMatched {
		t.Error("no history: HistoryMatched should be false")
	}
}

// TestReplaceKinds covers a directory replaced by a file, a file replaced by a directory,
// a whited-out directory and an overwrite within the same layer.
func TestReplaceKinds(t *testing.T) {
	img := buildImage(t, nil,
		layerOf(t, file("a/x", 10, 0o644), file("a/y", 20, 0o644), file("b", 5, 0o644), file("c/z", 7, 0o644)),
		layerOf(t, file("a", 3, 0o644), file("b/inner", 4, 0o644), whiteout(".wh.c"), file("d", 8, 0o644), file("d", 9, 0o644)),
	)
	rep := scanPath(t, writeTarball(t, img, "replace:1"), OpenOptions{})
	// hidden: a/x 10 + a/y 20 (dir → file), b 5 (file → dir), c/z 7 (whiteout), d 8 (same layer)
	if rep.WastedBytes != 50 {
		t.Errorf("wasted %d, want 50: %+v", rep.WastedBytes, rep.Wasted)
	}
	l := rep.Layers[1]
	if l.FilesRemoved != 4 || l.FilesAdded != 3 || l.FilesChanged != 1 {
		t.Errorf("layer 1 +%d ~%d -%d, want +3 ~1 -4: %+v", l.FilesAdded, l.FilesChanged, l.FilesRemoved, l.Changes)
	}
}

func TestTarballAndLayoutAgree(t *testing.T) {
	img := testImage(t)
	fromTar := scanPath(t, writeTarball(t, img, "dockopt-test/app:1"), OpenOptions{})
	fromLayout := scanPath(t, writeLayout(t, img, "dockopt-test/app:1"), OpenOptions{})
	if fromLayout.Source != FromLayout {
		t.Errorf("layout source %s", fromLayout.Source)
	}
	for _, r := range []*Report{fromTar, fromLayout} {
		r.Source, r.Reference = "", ""
	}
	if !reflect.DeepEqual(fromTar, fromLayout) {
		a, _ := json.MarshalIndent(fromTar, "", " ")
		b, _ := json.MarshalIndent(fromLayout, "", " ")
		t.Errorf("tarball and layout reports differ:\n%s\n---\n%s", a, b)
	}
}

func TestMultiImageTarballAndLayout(t *testing.T) {
	a := buildImage(t, nil, layerOf(t, file("a", 10, 0o644)))
	b := buildImage(t, nil, layerOf(t, file("b", 20, 0o644)), layerOf(t, file("b", 5, 0o644)))
	ta, _ := name.NewTag("multi/a:1")
	tb, _ := name.NewTag("multi/b:1")
	p := filepath.Join(t.TempDir(), "multi.tar")
	if err := tarball.MultiWriteToFile(p, map[name.Tag]v1.Image{ta: a, tb: b}); err != nil {
		t.Fatal(err)
	}
	rep := scanPath(t, p, OpenOptions{Tag: "multi/b:1"})
	if rep.ContentSizeBytes != 25 || rep.WastedBytes != 20 || rep.Tag != "multi/b:1" {
		t.Errorf("by tag: content %d wasted %d tag %q", rep.ContentSizeBytes, rep.WastedBytes, rep.Tag)
	}
	first := scanPath(t, p, OpenOptions{})
	if first.Tag == "" {
		t.Error("first image: no tag recorded")
	}
	if _, err := Open(p, OpenOptions{Tag: "multi/c:1"}); err == nil || !strings.Contains(err.Error(), "no image tagged") {
		t.Errorf("unknown tag: %v", err)
	}

	d := filepath.Join(t.TempDir(), "layout")
	lp, err := layout.Write(d, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	for tag, img := range map[string]v1.Image{"1.0": a, "2.0": b} {
		if err := lp.AppendImage(img, layout.WithAnnotations(map[string]string{"org.opencontainers.image.ref.name": tag})); err != nil {
			t.Fatal(err)
		}
	}
	rep = scanPath(t, d, OpenOptions{Tag: "multi/app:2.0"})
	if rep.ContentSizeBytes != 25 {
		t.Errorf("layout by tag: content %d, want 25", rep.ContentSizeBytes)
	}
}

// TestUncompressedTarball reads a docker save tarball whose layers are plain tar (what a
// classic Docker store saves): compressed sizes are then estimated.
func TestUncompressedTarball(t *testing.T) {
	img := testImage(t)
	want := scanPath(t, writeTarball(t, img, "dockopt-test/app:1"), OpenOptions{})

	p := filepath.Join(t.TempDir(), "save.tar")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	tw := tar.NewWriter(f)
	put := func(name string, b []byte) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(b)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write(b)
	}
	raw, _ := img.RawConfigFile()
	put("config.json", raw)
	ls, _ := img.Layers()
	var names []string
	for i, l := range ls {
		rc, err := l.Uncompressed()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		n := filepath.Join("l"+string(rune('0'+i)), "layer.tar")
		put(n, buf.Bytes())
		names = append(names, n)
	}
	m, _ := json.Marshal([]map[string]any{{"Config": "config.json", "RepoTags": []string{"dockopt-test/app:1"}, "Layers": names}})
	put("manifest.json", m)
	tw.Close()
	f.Close()

	got := scanPath(t, p, OpenOptions{})
	if !got.CompressedSizeEstimated || got.CompressedSizeBytes <= 0 {
		t.Errorf("estimated %v compressed %d", got.CompressedSizeEstimated, got.CompressedSizeBytes)
	}
	if got.WastedBytes != want.WastedBytes || got.ContentSizeBytes != want.ContentSizeBytes ||
		got.UncompressedSizeBytes != want.UncompressedSizeBytes || got.ImageID != want.ImageID {
		t.Errorf("plain tarball: wasted %d content %d uncompressed %d id %s; want %d %d %d %s", got.WastedBytes,
			got.ContentSizeBytes, got.UncompressedSizeBytes, got.ImageID, want.WastedBytes, want.ContentSizeBytes,
			want.UncompressedSizeBytes, want.ImageID)
	}
	for i := range got.Layers {
		if got.Layers[i].DiffID != want.Layers[i].DiffID {
			t.Errorf("layer %d diff id %s, want %s", i, got.Layers[i].DiffID, want.Layers[i].DiffID)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	gz := filepath.Join(t.TempDir(), "x.tar.gz")
	os.WriteFile(gz, []byte{0x1f, 0x8b, 8, 0}, 0o644)
	if _, err := Open(gz, OpenOptions{}); err == nil || !strings.Contains(err.Error(), "gzip") {
		t.Errorf("gzip tarball: %v", err)
	}
	junk := filepath.Join(t.TempDir(), "junk.tar")
	os.WriteFile(junk, []byte("not a tar"), 0o644)
	if _, err := Open(junk, OpenOptions{}); err == nil {
		t.Error("junk tarball: no error")
	}
	if _, err := Open(t.TempDir(), OpenOptions{}); err == nil || !strings.Contains(err.Error(), "OCI image layout") {
		t.Errorf("empty dir: %v", err)
	}
	if _, err := Open("./no/such/file.tar", OpenOptions{}); err == nil {
		t.Error("missing file: no error")
	}
}

func TestInstruction(t *testing.T) {
	for in, want := range map[string]string{
		`/bin/sh -c #(nop)  CMD ["app"]`:                            `CMD ["app"]`,
		`/bin/sh -c #(nop) ADD file:abc in / `:                      `ADD file:abc in /`,
		`/bin/sh -c apt-get update && apt-get install -y curl`:      `RUN apt-get update && apt-get install -y curl`,
		`|2 A=1 B=2 /bin/sh -c make`:                                `RUN make`,
		`RUN /bin/sh -c pip install -r requirements.txt # buildkit`: `RUN pip install -r requirements.txt`,
		`RUN |1 PY=3.11 /bin/sh -c echo $PY # buildkit`:             `RUN echo $PY`,
		`COPY . /app # buildkit`:                                    `COPY . /app`,
		`RUN ["go", "build"] # buildkit`:                            `RUN ["go", "build"]`,
		`WORKDIR /app`:                                              `WORKDIR /app`,
		``:                                                          ``,
	} {
		if got := Instruction(in); got != want {
			t.Errorf("Instruction(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatchHistory(t *testing.T) {
	h := []v1.History{{CreatedBy: "A"}, {CreatedBy: "ENV x", EmptyLayer: true}, {CreatedBy: "B"}, {CreatedBy: "C"}}
	got, ok := matchHistory(h, 3)
	if !ok || len(got) != 3 || got[1].instruction != "B" {
		t.Errorf("matched: %v %+v", ok, got)
	}
	got, ok = matchHistory(h, 2)
	if ok || len(got) != 2 {
		t.Errorf("more history than layers: %v %+v", ok, got)
	}
}

func TestEnvSecretReason(t *testing.T) {
	for _, c := range []struct{ name, value, want string }{
		{"DB_PASSWORD", "x1", "name"},
		{"POSTGRES_PASSWORD_FILE", "/run/secrets/pg", ""},
		{"SSH_AUTH_SOCK", "/tmp/s", ""},
		{"GPG_KEY", "A035C8C19219BA821ECEA86B64E628F8D684696D", ""},
		{"PYTHON_VERSION", "3.11.9", ""},
		{"GITHUB_TOKEN", "", ""},
		{"NPM_TOKEN", "${NPM_TOKEN}", ""},
		{"API_KEY", "abc", "name"},
		{"STRIPE_SECRET_KEY", "sk_live_x", "name"},
		{"AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "aws-access-key"},
		{"PUBLIC_KEY", "ssh-ed25519 AAAA", ""},
		{"JWT_SECRET", "changeme", "name"},
		{"AUTH_ENABLED", "true", ""},
		{"REDIS_URL", "redis://:pw@redis:6379", ""},
		{"DATABASE_URL", "postgres://u:p@h/db", "url-credentials"},
		{"TOKEN_TTL", "3600", ""},
	} {
		if got := envSecretReason(c.name, c.value); got != c.want {
			t.Errorf("envSecretReason(%s) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestSecretKind(t *testing.T) {
	key := []byte(fakeKey("RSA ", 150))
	for _, c := range []struct {
		path string
		peek []byte
		want string
	}{
		{"app/server.key", key, "private-key"},
		{"app/config/creds.json", []byte(`{"private_key": "-----BEGIN PRIVATE KEY-----\nabc"}`), "private-key"},
		{"usr/local/go/src/crypto/tls/testdata/key.pem", key, ""},
		{"app/node_modules/x/key.pem", key, ""},
		{"app/gen.go", key, ""},
		{"app/.env", nil, "dotenv"},
		{"app/.env.production", nil, "dotenv"},
		{"app/.env.example", nil, ""},
		{"root/.npmrc", []byte("//registry.npmjs.org/:_authToken=npm_abc\n"), "npm-token"},
		{"root/.npmrc", []byte("//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n"), ""},
		{"root/.docker/config.json", []byte(`{"auths":{"r":{"auth":"dXNlcjpwdw=="}}}`), "docker-credentials"},
		{"root/.docker/config.json", []byte(`{"credsStore":"desktop"}`), ""},
		{"root/.aws/credentials", []byte("[default]\naws_secret_access_key = x\n"), "aws-credentials"},
		{"root/.netrc", []byte("machine h login u password p\n"), "netrc"},
		{"root/.git-credentials", nil, "git-credentials"},
		{"home/u/.ssh/id_ed25519", key, "ssh-private-key"},
		{"home/u/.ssh/id_ed25519.pub", []byte("ssh-ed25519 AAAA"), ""},
		{"app/keystore.p12", nil, "keystore"},
		{"etc/ssl/certs/ca.pem", []byte("-----BEGIN CERTIFICATE-----\n"), ""},
		{"etc/ImageMagick-6/mime.xml", []byte(`<mime magic="-----BEGIN PGP PRIVATE KEY BLOCK-----" priority="50" />`), ""},
	} {
		if got := secretKind(c.path, 100, c.peek); got != c.want {
			t.Errorf("secretKind(%s) = %q, want %q", c.path, got, c.want)
		}
	}
}

func TestBuildToolOf(t *testing.T) {
	for p, want := range map[string]string{
		"usr/bin/gcc": "gcc", "usr/bin/x86_64-linux-gnu-gcc-12": "gcc", "usr/bin/g++-12": "g++", "usr/bin/cc": "gcc",
		"usr/bin/make": "make", "usr/bin/cmake": "cmake", "usr/local/go/bin/go": "go", "usr/local/cargo/bin/rustc": "rustc",
		"usr/lib/jvm/java-17-openjdk-amd64/bin/javac": "javac", "usr/libexec/gcc/x86_64-alpine-linux-musl/12/cc1plus": "g++",
		"usr/bin/clang-16": "clang", "usr/bin/python3": "", "usr/share/doc/gcc": "", "app/node_modules/.bin/make": "",
		"usr/bin/gcc-ar-12": "", "usr/lib/go-1.19/bin/go": "go", "app/go": "", "usr/bin/gccgo": "",
	} {
		if got := buildToolOf(p); got != want {
			t.Errorf("buildToolOf(%s) = %q, want %q", p, got, want)
		}
	}
}

func TestCacheOf(t *testing.T) {
	for p, want := range map[string][2]string{
		"var/lib/apt/lists/x_Packages":              {"apt-lists", "/var/lib/apt/lists"},
		"var/cache/apt/archives/curl_8.deb":         {"apt-cache", "/var/cache/apt"},
		"var/cache/apk/APKINDEX.tar.gz":             {"apk-cache", "/var/cache/apk"},
		"home/app/.cache/pip/wheels/x.whl":          {"pip-cache", "/home/app/.cache/pip"},
		"root/.npm/_cacache/index-v5/x":             {"npm-cache", "/root/.npm"},
		"usr/local/share/.cache/yarn/v6/x":          {"yarn-cache", "/usr/local/share/.cache/yarn"},
		"root/.cache/go-build/ab/cd":                {"go-build-cache", "/root/.cache/go-build"},
		"go/pkg/mod/github.com/x@v1/y.go":           {"go-mod-cache", "/go/pkg/mod"},
		"usr/lib/python3.11/__pycache__/os.pyc":     {"pycache", "/usr/lib/python3.11/__pycache__"},
		"usr/local/go/pkg/tool/linux_amd64/compile": {"", ""},
		"app/main.py": {"", ""},
	} {
		k, r := cacheOf(p)
		if k != want[0] || r != want[1] {
			t.Errorf("cacheOf(%s) = %q %q, want %v", p, k, r, want)
		}
	}
}

// TestLayoutNestedIndex reads a BuildKit-style layout: index.json → a multi-platform index
// with an attestation manifest (platform unknown/unknown).
func TestLayoutNestedIndex(t *testing.T) {
	amd := buildImage(t, nil, layerOf(t, file("amd", 10, 0o644)))
	arm := buildImage(t, func(cf *v1.ConfigFile) { cf.Architecture = "arm64" }, layerOf(t, file("arm", 20, 0o644)))
	att := buildImage(t, nil, layerOf(t, file("sbom.json", 30, 0o644)))
	idx := mutate.AppendManifests(empty.Index,
		mutate.IndexAddendum{Add: att, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "unknown", Architecture: "unknown"},
			Annotations: map[string]string{"vnd.docker.reference.type": "attestation-manifest"}}},
		mutate.IndexAddendum{Add: arm, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: "arm64"}}},
		mutate.IndexAddendum{Add: amd, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: "amd64"}}},
	)
	d := filepath.Join(t.TempDir(), "layout")
	lp, err := layout.Write(d, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	if err := lp.AppendIndex(idx, layout.WithAnnotations(map[string]string{"io.containerd.image.name": "docker.io/library/app:1"})); err != nil {
		t.Fatal(err)
	}
	if rep := scanPath(t, d, OpenOptions{Platform: "linux/arm64"}); rep.ContentSizeBytes != 20 || rep.Tag != "docker.io/library/app:1" {
		t.Errorf("arm64: content %d tag %q", rep.ContentSizeBytes, rep.Tag)
	}
	if rep := scanPath(t, d, OpenOptions{Platform: "linux/amd64", Tag: "app:1"}); rep.ContentSizeBytes != 10 {
		t.Errorf("amd64 by tag: content %d", rep.ContentSizeBytes)
	}
	if _, err := Open(d, OpenOptions{Platform: "linux/s390x"}); err == nil {
		t.Error("missing platform: no error")
	}
	// a single-image tarball of another platform is refused too, not read silently
	if _, err := Open(writeTarball(t, amd, "dockopt-test/amd:1"), OpenOptions{Platform: "linux/arm64"}); err == nil || !strings.Contains(err.Error(), "the image is linux/amd64") {
		t.Errorf("tarball of another platform: %v", err)
	}
}

// A clean image's JSON report has empty lists, not null.
func TestReportJSONEmptyLists(t *testing.T) {
	img := buildImage(t, func(cf *v1.ConfigFile) { cf.Config.User = "1000" }, layerOf(t, file("app/main", 10, 0o755)))
	rep := scanPath(t, writeTarball(t, img, "dockopt-test/clean:1"), OpenOptions{})
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	json.Unmarshal(js, &doc)
	for _, k := range []string{"wasted", "caches", "build_tools", "setuid_files", "world_writable", "secret_files", "env_secrets", "build_arg_secrets"} {
		if l, ok := doc[k].([]any); !ok || len(l) != 0 {
			t.Errorf("%s = %v, want []", k, doc[k])
		}
	}
}

// --tag picks within a tarball or layout; with an engine image it is refused, not ignored.
func TestTagWithEngineImage(t *testing.T) {
	if _, err := Open("dockopt-test/none:1", OpenOptions{Tag: "other:2"}); err == nil || !strings.Contains(err.Error(), "--tag picks an image in a tarball or OCI layout") {
		t.Errorf("got %v", err)
	}
}

// A hard link keeps its target's bytes reachable: deleting the file a link points to wastes
// nothing while the link is visible; deleting the link too wastes the bytes once.
func TestHardLinkWaste(t *testing.T) {
	link := tf{name: "h2", typ: tar.TypeLink, mode: 0o644, link: "h"}
	l0 := layerOf(t, file("h", 1000, 0o644), link, file("other", 10, 0o644))
	l1 := layerOf(t, whiteout(".wh.h"))
	rep := scanPath(t, writeTarball(t, buildImage(t, nil, l0, l1), "dockopt-test/hardlink:1"), OpenOptions{})
	if rep.WastedBytes != 0 || len(rep.Wasted) != 0 {
		t.Errorf("the link still reaches the bytes: wasted %d %+v, want 0", rep.WastedBytes, rep.Wasted)
	}
	l2 := layerOf(t, whiteout(".wh.h2"))
	rep = scanPath(t, writeTarball(t, buildImage(t, nil, l0, l1, l2), "dockopt-test/hardlink:2"), OpenOptions{})
	want := []WastedFile{{Path: "/h2", SizeBytes: 1000, Layer: 0, HiddenByLayer: 2, Deleted: true}}
	if rep.WastedBytes != 1000 || !reflect.DeepEqual(rep.Wasted, want) {
		t.Errorf("both paths deleted: wasted %d %+v, want %+v", rep.WastedBytes, rep.Wasted, want)
	}
}

// A layer blob that no longer matches the config's diff ID (altered after the build) is an
// error naming the layer, not an analysis of other content.
func TestTamperedLayerRefused(t *testing.T) {
	l := layerOf(t, file("app/data.bin", 1000, 0o644))
	img := buildImage(t, nil, l)
	d := filepath.Join(t.TempDir(), "layout")
	lp, err := layout.Write(d, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	if err := lp.AppendImage(img); err != nil {
		t.Fatal(err)
	}
	dg, err := l.Digest()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(tarBytes(t, file("app/data.bin", 10, 0o644)))
	zw.Close()
	if err := os.WriteFile(filepath.Join(d, "blobs", "sha256", dg.Hex), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	im, err := Open(d, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer im.Close()
	rep, err := Scan(im, ScanOptions{})
	if err == nil || !strings.Contains(err.Error(), "does not match the image config's diff ID") {
		t.Errorf("tampered layer: %v (report %v)", err, rep != nil)
	}
}

func TestLabel(t *testing.T) {
	cases := []struct{ createdBy, comment, want string }{
		{"RUN /bin/sh -c pip install -r requirements.txt # buildkit", "buildkit.dockerfile.v0", "RUN pip install -r requirements.txt"},
		{"RUN |1 GOPROXY=https://proxy.example/go /bin/sh -c go mod download # buildkit", "", "RUN go mod download"},
		{"RUN |2 A=1 B=2 /app -x # buildkit", "", "RUN /app -x"},
		{"COPY . . # buildkit", "", "COPY . ."},
		{"/bin/sh -c #(nop) COPY dir:0123 in /app ", "", "COPY dir:0123 in /app"},
		{"/bin/sh -c apt-get update &&   apt-get install \\\n  -y gcc", "", "RUN apt-get update && apt-get install -y gcc"},
		{"", "Imported from -", "(Imported from -)"},
		{"", "", "(no history)"},
		{"WORKDIR /app", "", "WORKDIR /app"},
	}
	for _, c := range cases {
		if got := Label(c.createdBy, c.comment); got != c.want {
			t.Errorf("Label(%q, %q) = %q, want %q", c.createdBy, c.comment, got, c.want)
		}
	}
}
