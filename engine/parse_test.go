package engine

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	cases := map[string]int64{
		"512B": 512, "10.5MB": 10500000, "1.5kB": 1500, "3KiB": 3072, "12.34MiB": 12939428,
		"1GiB": 1 << 30, "2GB": 2e9, " 7.66GiB ": 8224862372, "0B": 0,
	}
	for in, want := range cases {
		got, err := ParseSize(in)
		if err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "MB", "12XB", "1.2.3MB"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q): no error", bad)
		}
	}
}

func TestParseMemUsage(t *testing.T) {
	got, err := ParseMemUsage("12.5MiB / 7.66GiB\n")
	if err != nil || got != 13107200 {
		t.Fatalf("got %d, %v", got, err)
	}
}

func TestParsePortOutput(t *testing.T) {
	got, err := ParsePortOutput("[::1]:49154\n127.0.0.1:49153\n")
	if err != nil || got != 49153 {
		t.Fatalf("got %d, %v", got, err)
	}
	if _, err := ParsePortOutput(""); err == nil {
		t.Fatal("empty output: no error")
	}
}

func TestParseBuildxInspect(t *testing.T) {
	text := `Name:          remote-kube
Driver:        kubernetes
Last Activity: 2024-01-01 10:00:00 +0000 UTC

Nodes:
Name:      remote-kube0
Endpoint:  kubernetes:///remote-kube
Status:    running
Buildkit:  v0.12.5
Platforms: linux/amd64
`
	n, d, v := ParseBuildxInspect(text)
	if n != "remote-kube" || d != "kubernetes" || v != "v0.12.5" {
		t.Fatalf("got %q %q %q", n, d, v)
	}
	_, _, v = ParseBuildxInspect("Name: default\nDriver: docker\nNodes:\nName: default\nBuildKit version: 0.16.0\n")
	if v != "0.16.0" {
		t.Fatalf("BuildKit version: got %q", v)
	}
}

func TestParseImageInspect(t *testing.T) {
	data := `{"Id":"sha256:abc","RepoTags":["x:1"],"RepoDigests":[],"Size":1234,"Os":"linux","Architecture":"amd64",
	"Config":{"User":"10001:10001","ExposedPorts":{"9000/tcp":{}},"Healthcheck":{"Test":["CMD","x"]},"Labels":{"a":"b"}},
	"RootFS":{"Type":"layers","Layers":["sha256:1","sha256:2"]}}`
	im, err := ParseImageInspect([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if im.ID != "sha256:abc" || im.SizeBytes != 1234 || im.User != "10001:10001" || !im.HasHealthcheck ||
		len(im.LayerDiffIDs) != 2 || len(im.ExposedPorts) != 1 || im.ExposedPorts[0] != "9000/tcp" || im.Labels["a"] != "b" {
		t.Fatalf("got %+v", im)
	}
	im, _ = ParseImageInspect([]byte(`{"Id":"x","Config":{"Healthcheck":{"Test":["NONE"]}}}`))
	if im.HasHealthcheck {
		t.Fatal("HEALTHCHECK NONE counted as a healthcheck")
	}
}

func TestBuildLog(t *testing.T) {
	var steps []string
	l := &buildLog{step: func(s string) { steps = append(steps, s) }}
	log := `#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 220B done
#1 DONE 0.0s
#5 [internal] load build context
#5 transferring context: 1.02MB 0.1s
#5 transferring context: 10.50MB 0.3s done
#5 DONE 0.3s
#6 [builder 2/4] WORKDIR /app
#6 CACHED
#7 [builder 3/4] RUN pip install -r requirements.txt
#7 0.512 ERROR: No matching distribution found for fastapi==9.9
#7 ERROR: process "/bin/sh -c pip install -r requirements.txt" did not complete successfully: exit code: 1
------
 > [builder 3/4] RUN pip install -r requirements.txt:
#7 0.512 ERROR: No matching distribution found for fastapi==9.9
------
ERROR: failed to solve: process "/bin/sh -c pip install -r requirements.txt" did not complete successfully: exit code: 1
`
	l.read(strings.NewReader(log))
	if got := l.contextBytes(); got != 10500000 {
		t.Errorf("context bytes %d", got)
	}
	if l.cached != 1 {
		t.Errorf("cached %d", l.cached)
	}
	if want := "[builder 3/4] RUN pip install -r requirements.txt"; l.failedStep() != want {
		t.Errorf("failed step %q", l.failedStep())
	}
	if len(steps) != 4 || steps[3] != "[builder 3/4] RUN pip install -r requirements.txt" {
		t.Errorf("steps %q", steps)
	}
	if tail := l.tail(2); len(tail) != 2 || !strings.HasPrefix(tail[1], "ERROR: failed to solve") {
		t.Errorf("tail %q", tail)
	}
	e := &BuildError{Tag: "t", Dockerfile: "Dockerfile", Step: l.failedStep(), Tail: l.tail(1), Err: errString("exit status 1")}
	if !strings.Contains(e.Error(), "at [builder 3/4] RUN pip install") || !strings.Contains(e.Error(), "  | ERROR: failed to solve") {
		t.Errorf("error text: %s", e.Error())
	}
	l2 := &buildLog{}
	l2.read(strings.NewReader("#1 [internal] load .dockerignore\n"))
	if l2.contextBytes() != -1 {
		t.Error("no transfer: want -1")
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func TestBuildArgsHideValuesInErrors(t *testing.T) {
	got := shortArgs([]string{"build", "--build-arg", "GOPROXY=https://secret.example", "-t", "x"})
	if strings.Contains(strings.Join(got, " "), "secret") {
		t.Fatalf("build-arg value in %q", got)
	}
}

// TestReadSave builds a docker-save tarball by hand: two layers (one listed twice, as Docker
// does for identical empty layers), an already-gzipped layer, the config with history.
func TestReadSave(t *testing.T) {
	layer1 := bytes.Repeat([]byte("a"), 100000) // compresses well
	layer2 := []byte(strings.Repeat("hello world\n", 10))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte("z"), 5000))
	zw.Close()
	cfg, _ := json.Marshal(map[string]any{
		"rootfs": map[string]any{"type": "layers", "diff_ids": []string{"sha256:1", "sha256:2", "sha256:2", "sha256:3"}},
		"history": []map[string]any{
			{"created_by": "/bin/sh -c #(nop) ADD file:x in / "},
			{"created_by": "WORKDIR /app", "comment": "buildkit.dockerfile.v0"},
			{"created_by": "ENV A=b", "empty_layer": true},
			{"created_by": "COPY . . # buildkit"},
			{"created_by": "WORKDIR /other"},
			{"created_by": "RUN /bin/sh -c make # buildkit"},
		},
	})
	manifest, _ := json.Marshal([]map[string]any{{
		"Config": "abc.json", "RepoTags": []string{"x:1"},
		"Layers": []string{"l1/layer.tar", "l2/layer.tar", "l2/layer.tar", "l3/layer.tar"},
	}})
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	add := func(name string, data []byte) {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg})
		tw.Write(data)
	}
	tw.WriteHeader(&tar.Header{Name: "l1/", Mode: 0o755, Typeflag: tar.TypeDir})
	add("l1/layer.tar", layer1)
	add("l2/layer.tar", layer2)
	add("l3/layer.tar", gz.Bytes())
	add("abc.json", cfg)
	add("manifest.json", manifest)
	tw.Close()

	s, err := ReadSave(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Layers) != 4 {
		t.Fatalf("layers: %d", len(s.Layers))
	}
	want := []string{"ADD file:x in /", "WORKDIR /app", "COPY . .", "WORKDIR /other"}
	for i, w := range want {
		if s.Layers[i].Instruction != w {
			t.Errorf("layer %d instruction %q, want %q", i, s.Layers[i].Instruction, w)
		}
	}
	if s.Layers[0].SizeBytes != 100000 || s.Layers[0].CompressedSizeBytes >= 1000 || s.Layers[0].CompressedSizeBytes <= 0 {
		t.Errorf("layer 0 sizes %+v", s.Layers[0])
	}
	if s.Layers[3].CompressedSizeBytes != int64(gz.Len()) || s.Layers[3].DiffID != "sha256:3" {
		t.Errorf("gzip layer %+v", s.Layers[3])
	}
	// l2 counted once
	wantSize := int64(len(layer1) + len(layer2) + gz.Len())
	if s.SizeBytes != wantSize {
		t.Errorf("SizeBytes %d, want %d", s.SizeBytes, wantSize)
	}
	wantC := s.Layers[0].CompressedSizeBytes + s.Layers[1].CompressedSizeBytes + s.Layers[3].CompressedSizeBytes
	if s.CompressedSizeBytes != wantC {
		t.Errorf("CompressedSizeBytes %d, want %d", s.CompressedSizeBytes, wantC)
	}
	if _, err := ReadSave(strings.NewReader("")); err == nil {
		t.Error("empty tar: no error")
	}
}

// TestGzipSizeMatchesOneStream compares the block-parallel gzip size with one gzip stream on
// mixed data (text, repetitive and random bytes; several MiB): within 1%.
func TestGzipSizeMatchesOneStream(t *testing.T) {
	var data bytes.Buffer
	rnd := uint32(1)
	for data.Len() < 5<<20 {
		fmt.Fprintf(&data, "line %d: the quick brown fox jumps over the lazy dog %d\n", data.Len(), data.Len()%97)
		for i := 0; i < 64; i++ {
			rnd = rnd*1664525 + 1013904223
			data.WriteByte(byte(rnd >> 24))
		}
	}
	var one bytes.Buffer
	zw := gzip.NewWriter(&one)
	zw.Write(data.Bytes())
	zw.Close()
	n, c, err := GzipSize(bytes.NewReader(data.Bytes()))
	if err != nil || n != int64(data.Len()) {
		t.Fatalf("n %d, err %v", n, err)
	}
	diff := float64(c-int64(one.Len())) / float64(one.Len())
	if diff < -0.01 || diff > 0.01 {
		t.Errorf("block gzip %d vs one stream %d: %.3f%%", c, one.Len(), diff*100)
	}
	t.Logf("block gzip %d vs one stream %d bytes (%+.3f%%)", c, one.Len(), diff*100)
	if _, c, err := GzipSize(bytes.NewReader(nil)); err != nil || c <= 0 {
		t.Errorf("empty input: %d, %v", c, err)
	}
}
