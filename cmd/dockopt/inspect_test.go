package main

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/engine/enginetest"
	"github.com/dockopt/dockopt/imagescan"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// inspectTarball writes a two-layer image: /app/big.bin 3000 bytes, overwritten by a
// 1000-byte copy (wasted 3000 of 4000 content bytes: efficiency 0.25), plus /usr/bin/make.
func inspectTarball(t *testing.T) string {
	t.Helper()
	layer := func(files map[string]int) v1.Layer {
		var buf bytes.Buffer
		tw := tar.NewWriter(&buf)
		for _, n := range []string{"app/big.bin", "usr/bin/make"} {
			size, ok := files[n]
			if !ok {
				continue
			}
			tw.WriteHeader(&tar.Header{Name: n, Typeflag: tar.TypeReg, Mode: 0o755, Size: int64(size)})
			tw.Write(bytes.Repeat([]byte("x"), size))
		}
		tw.Close()
		l, err := tarball.LayerFromReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	img, err := mutate.AppendLayers(empty.Image, layer(map[string]int{"app/big.bin": 3000}), layer(map[string]int{"app/big.bin": 1000, "usr/bin/make": 0}))
	if err != nil {
		t.Fatal(err)
	}
	cf, _ := img.ConfigFile()
	cf = cf.DeepCopy()
	cf.History = []v1.History{{CreatedBy: "COPY big.bin /app/ # buildkit"}, {CreatedBy: "RUN /bin/sh -c chmod -R 755 /app # buildkit"}}
	cf.Config.User = "app"
	cf.Config.Healthcheck = &v1.HealthConfig{Test: []string{"CMD", "/app/health"}}
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "img.tar")
	tag, _ := name.NewTag("inspect-test:1")
	if err := tarball.WriteToFile(p, tag, img); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestInspectTextAndGates(t *testing.T) {
	p := inspectTarball(t)
	out, errs, code := runCLI(t, "", "inspect", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"[tarball]", "2.93KiB of 3.906KiB file content", "efficiency 25.00%", "RUN chmod -R 755 /app",
		"IMG003 build-tools: build tool make present: /usr/bin/make", "2.93KiB  /app/big.bin (layer 0, overwritten by layer 1)"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	findings, cisPart, _ := strings.Cut(out, "\nCIS Docker Benchmark v1.6.0")
	if strings.Contains(findings, "IMG007") || strings.Contains(findings, "IMG008") {
		t.Errorf("user app and a HEALTHCHECK: no root or healthcheck finding expected:\n%s", out)
	}
	// the same checks' silence is the evidence of the CIS items they cover
	for _, want := range []string{
		"4.1   pass        Ensure that a user for the container has been created\n          IMG007 " + p + ": runs-as-root: no finding",
		"4.6   pass        Ensure that HEALTHCHECK instructions have been added to container images\n          IMG008 " + p + ": no-healthcheck: no finding",
		"4.8   pass", "4.7   not checked", "DO202 (apt-get-update-alone) checks the Dockerfile: none was given here",
		"5.5   not checked Ensure that privileged containers are not used\n          no hardening trial was run"} {
		if !strings.Contains(cisPart, want) {
			t.Errorf("CIS section lacks %q:\n%s", want, cisPart)
		}
	}

	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--max-wasted", "2999"}, 1, "--max-wasted: wasted 2.93KiB > 2999"},
		{[]string{"--max-wasted", "3000"}, 0, ""},
		{[]string{"--min-efficiency", "26%"}, 1, "efficiency 25.00% < 26.00%"},
		{[]string{"--min-efficiency", "0.25"}, 0, ""},
		{[]string{"--max-size", "1KiB"}, 1, "--max-size: uncompressed size"},
		{[]string{"--max-size", "1.2GiB", "--max-wasted", "3kB", "--min-efficiency", "20%"}, 0, ""},
		{[]string{"--max-size", "lots"}, 2, `--max-size: "lots" is not a size`},
		{[]string{"--min-efficiency", "120%"}, 2, "out of range"},
		{[]string{"--format", "yaml"}, 2, "unknown format"},
	} {
		_, errs, code := runCLI(t, "", append([]string{"inspect", p}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.msg) {
			t.Errorf("inspect %v: exit %d %q, want %d %q", c.args, code, errs, c.code, c.msg)
		}
	}
	if _, errs, code := runCLI(t, "", "inspect", filepath.Join(t.TempDir(), "missing.tar")); code != 2 {
		t.Errorf("missing tarball: exit %d %s", code, errs)
	}
}

func TestInspectJSON(t *testing.T) {
	p := inspectTarball(t)
	out, _, code := runCLI(t, "", "inspect", "--format", "json", "--max-wasted", "1kB", p)
	if code != 1 {
		t.Errorf("exit %d, want 1 (gate)", code)
	}
	var doc struct {
		Image struct {
			WastedBytes      int64   `json:"wasted_bytes"`
			ContentSizeBytes int64   `json:"content_size_bytes"`
			Efficiency       float64 `json:"efficiency"`
			Layers           []struct {
				Instruction string `json:"instruction"`
				Changes     []any  `json:"changes"`
			} `json:"layers"`
		} `json:"image"`
		Issues []struct{ Check, Name, Severity string } `json:"issues"`
		Gates  []struct {
			Flag string
			Pass bool
		} `json:"gates"`
		Pass bool `json:"pass"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if doc.Image.WastedBytes != 3000 || doc.Image.ContentSizeBytes != 4000 || doc.Image.Efficiency != 0.25 {
		t.Errorf("image figures: %+v", doc.Image)
	}
	if doc.Pass || len(doc.Gates) != 1 || doc.Gates[0].Flag != "--max-wasted" || doc.Gates[0].Pass {
		t.Errorf("gates: %+v pass %v", doc.Gates, doc.Pass)
	}
	if len(doc.Image.Layers) != 2 || doc.Image.Layers[1].Changes != nil || doc.Image.Layers[0].Instruction != "COPY big.bin /app/" {
		t.Errorf("layers (no --files: no changes): %+v", doc.Image.Layers)
	}
	if len(doc.Issues) != 1 || doc.Issues[0].Check != "IMG003" {
		t.Errorf("issues: %+v", doc.Issues)
	}
	out, _, _ = runCLI(t, "", "inspect", "--format", "json", "--files", p)
	if !strings.Contains(out, `"kind": "changed"`) {
		t.Errorf("--files: no changes listed")
	}
}

// setuidTarball writes a one-layer image, run as root without a HEALTHCHECK, whose layer holds
// a setuid /usr/bin/su and a .env file.
func setuidTarball(t *testing.T) string {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range []struct {
		name string
		mode int64
		body string
	}{{"usr/bin/su", 0o4755, "ELF"}, {"app/.env", 0o644, "DB_PASSWORD=x\n"}, {"app/run", 0o755, "#!/bin/sh\n"}} {
		tw.WriteHeader(&tar.Header{Name: f.name, Typeflag: tar.TypeReg, Mode: f.mode, Size: int64(len(f.body))})
		tw.Write([]byte(f.body))
	}
	tw.Close()
	l, err := tarball.LayerFromReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	img, err := mutate.AppendLayers(empty.Image, l)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "setuid.tar")
	tag, _ := name.NewTag("setuid-test:1")
	if err := tarball.WriteToFile(p, tag, img); err != nil {
		t.Fatal(err)
	}
	return p
}

// inspect's CIS verdicts rest on the image's own files and config: the setuid file fails
// 4.8 by name, the .env file 4.10, the root user 4.1.
func TestInspectCIS(t *testing.T) {
	p := setuidTarball(t)
	out, errs, code := runCLI(t, "", "inspect", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"4.8   fail        Ensure setuid and setgid permissions are removed\n          IMG004 /usr/bin/su (layer 0): setuid-file: setuid file /usr/bin/su (mode 4755, uid 0)",
		"4.10  fail", "IMG006 /app/.env (layer 0): secret-file: dotenv file /app/.env",
		"4.1   fail", "IMG007 " + p + ": runs-as-root: the image runs as root (User unset)",
		"4.6   fail"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runCLI(t, "", "inspect", "--format", "json", p)
	var doc struct {
		CIS struct {
			Benchmark string
			Items     []struct {
				ID, Verdict string
				Evidence    []struct{ Verdict, Source, Check, Where, Detail string }
			}
		} `json:"cis"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range doc.CIS.Items {
		if it.ID != "4.8" {
			continue
		}
		found = true
		if it.Verdict != "fail" || len(it.Evidence) != 1 || it.Evidence[0].Check != "IMG004" || it.Evidence[0].Where != "/usr/bin/su (layer 0)" ||
			it.Evidence[0].Source != "image" {
			t.Errorf("4.8: %+v", it)
		}
	}
	if !found || doc.CIS.Benchmark != "CIS Docker Benchmark v1.6.0" {
		t.Errorf("json cis: %+v", doc.CIS)
	}
}

func TestInspectSARIF(t *testing.T) {
	out, _, code := runCLI(t, "", "inspect", "--format", "sarif", inspectTarball(t))
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	rep, err := sarif.FromBytes([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Validate(); err != nil {
		t.Fatalf("invalid SARIF: %v", err)
	}
	if n := len(rep.Runs[0].Results); n != 1 || *rep.Runs[0].Results[0].RuleID != "IMG003" {
		t.Errorf("results: %d", n)
	}
}

func TestLintSARIF(t *testing.T) {
	dir := t.TempDir()
	df := write(t, dir, "Dockerfile", "FROM debian:bookworm\nRUN apt-get install -y curl\n")
	write(t, dir, "bad/Dockerfile", "FROM %%BASE%%\n")
	out, _, code := runCLI(t, "", "lint", "--format", "sarif", "--no-context", df, filepath.Join(dir, "bad/Dockerfile"))
	if code != 2 {
		t.Errorf("exit %d, want 2 (a file does not parse)", code)
	}
	rep, err := sarif.FromBytes([]byte(out))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if err := rep.Validate(); err != nil {
		t.Fatalf("invalid SARIF: %v", err)
	}
	run := rep.Runs[0]
	if len(run.Results) == 0 || len(run.Invocations[0].ToolExecutionNotifications) != 1 || *run.Invocations[0].ExecutionSuccessful {
		t.Errorf("results %d, notifications %d", len(run.Results), len(run.Invocations[0].ToolExecutionNotifications))
	}
}

func TestParseEfficiency(t *testing.T) {
	for in, want := range map[string]float64{"0.9": 0.9, "90%": 0.9, "100%": 1, "0": 0, " 75 % ": 0.75} {
		if got, err := imagescan.ParseEfficiency(in); err != nil || got != want {
			t.Errorf("parseEfficiency(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"90", "1.5", "-0.1", "x%", ""} {
		if _, err := imagescan.ParseEfficiency(bad); err == nil {
			t.Errorf("parseEfficiency(%q): no error", bad)
		}
	}
}

// writeProbe records, at its first write, the daemon-save tarballs left in dir.
type writeProbe struct {
	dir  string
	seen []string
	n    int
}

func (w *writeProbe) Write(p []byte) (int, error) {
	if w.n == 0 {
		w.seen, _ = filepath.Glob(filepath.Join(w.dir, "dockopt-save-*"))
	}
	w.n++
	return len(p), nil
}

// A daemon image is saved to a temporary tarball to be read; it is removed before any output
// is written, so `dockopt inspect IMAGE | head` (which ends the process with SIGPIPE) leaves
// nothing behind.
func TestInspectDaemonImageRemovesSaveBeforeOutput(t *testing.T) {
	e := enginetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	in, err := e.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(in.CLI, "load", "-i", inspectTarball(t)).CombinedOutput(); err != nil {
		t.Fatalf("docker load: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command(in.CLI, "rmi", "inspect-test:1").Run() })
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	w := &writeProbe{dir: tmp}
	if err := runInspect(ctx, &inspectOptions{format: "text", stdout: w, stderr: io.Discard}, "inspect-test:1"); err != nil {
		t.Fatal(err)
	}
	if w.n == 0 {
		t.Fatal("nothing written")
	}
	if len(w.seen) > 0 {
		t.Errorf("the saved tarball is still there while the output is written: %v", w.seen)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "dockopt-save-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// An image reference that no engine can be asked about exits 3 (no container engine), not 2.
func TestInspectNoEngineExits3(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PATH", dir)
	_, stderr, code := runCLI(t, "", "inspect", "example/app:1")
	if code != exitEngine || !strings.Contains(stderr, "no docker CLI on PATH") {
		t.Errorf("no docker CLI: exit %d, %q", code, stderr)
	}
	// a CLI that cannot reach its engine, in the docker CLI's words
	write(t, dir, "docker", "#!/bin/sh\necho 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2\nexit 1\n")
	if err := os.Chmod(filepath.Join(dir, "docker"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = runCLI(t, "", "inspect", "example/app:1")
	if code != exitEngine || !strings.Contains(stderr, "Cannot connect to the Docker daemon") {
		t.Errorf("engine down: exit %d, %q", code, stderr)
	}
}
