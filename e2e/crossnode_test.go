package e2e

import (
	"archive/tar"
	"bufio"
	"context"
	"debug/elf"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/dockopt/dockopt/e2e/e2eutil"
	"github.com/dockopt/dockopt/engine/enginetest"
	"github.com/dockopt/dockopt/imagescan"
)

// TestCrossBuildNodeProdDeps: `dockopt optimize --platform linux/amd64,linux/arm64` on an
// Express service whose package-lock.json names no production module with an install script
// or os/cpu fields (node-api's lockfile, without the TypeScript build), then its optimized
// Dockerfile built for both platforms in one build through the vendored BuildKit's buildkitd
// (a buildx remote builder, as TestCrossBuild). No emulation is installed here: the arm64
// image builds only because its one RUN (`npm ci --omit=dev`, the prod-deps stage) runs on
// $BUILDPLATFORM and the arm64 runtime stage copies its node_modules without running
// anything. Each image's config must say its platform, the runtime's node must be an ELF of
// that platform (the runtime stayed on the target), express must be in /app/node_modules,
// and the build log must show one run of the install for both platforms.
//
// No arm64 node image exists here, so the test makes a stand-in of node:20-slim for
// linux/arm64: Debian bookworm's arm64 packages with nodejs (Debian's node 18, not node 20),
// unpacked by `debootstrap --foreign` and `dpkg-deb -x` (extract only: nothing of it runs on this machine), a
// node user as the real image has, labelled org.dockopt.standin. It is pushed with the
// engine's node:20-slim (amd64) as one multi-platform node:20-slim to the test's registry,
// which buildkitd uses as docker.io's mirror; node:20 (for the $BUILDPLATFORM stage) is
// pushed as it is. The stand-in's root file system is kept in the cache directory .ci/run
// uses (dockopt-ci), so only the first run downloads it.
func TestCrossBuildNodeProdDeps(t *testing.T) {
	if testing.Short() {
		e2eutil.Need(t, "-short")
	}
	if runtime.GOARCH != "amd64" {
		e2eutil.Need(t, "a linux/amd64 machine (the arm64 stand-in is what this machine cannot run; this one is %s)", runtime.GOARCH)
	}
	if dl, ok := t.Deadline(); ok && time.Until(dl) < 15*time.Minute {
		e2eutil.Need(t, "the test timeout leaves %s; this test needs 15 minutes", time.Until(dl).Round(time.Second))
	}
	enginetest.WithBuildx(t)
	eng := enginetest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	e2eutil.NeedImages(ctx, t, eng, "node:20", "node:20-slim")
	rootfs := nodeArm64RootFS(t)

	host := serveBaseImage(ctx, t, "node:20")
	pushNodeSlimIndex(ctx, t, host, rootfs)
	builder := remoteBuilder(ctx, t, eng, "dockopt-crossnode", host)
	info, err := eng.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	run := func(bin string, args ...string) string {
		t.Helper()
		out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, tail(string(out), 40))
		}
		return string(out)
	}

	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bin := e2eutil.BuildCLI(t, root)
	ctxDir := expressContext(t, root)
	out := filepath.Join(t.TempDir(), "out")
	run(bin, "optimize", ctxDir, "--out", out, "--platform", "linux/amd64,linux/arm64")
	df := filepath.Join(out, "Dockerfile.optimized")
	text, err := os.ReadFile(df)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "FROM --platform=$BUILDPLATFORM node:20 AS prod-deps\n") || !strings.Contains(string(text), "\nFROM node:20-slim AS runtime\n") {
		t.Fatalf("the optimized Dockerfile does not install on $BUILDPLATFORM for a runtime on the target:\n%s", text)
	}
	if ig, err := os.ReadFile(filepath.Join(out, ".dockerignore")); err == nil {
		os.WriteFile(filepath.Join(ctxDir, ".dockerignore"), ig, 0o644)
	}

	layout := filepath.Join(t.TempDir(), "image")
	args := []string{"buildx", "build", "--builder", builder, "--platform", "linux/amd64,linux/arm64", "-f", df,
		"--output", "type=oci,tar=false,dest=" + layout, "--progress", "plain"}
	if v, ok := e2eutil.RegistryBuildArgs()["NPM_CONFIG_REGISTRY"]; ok {
		args = append(args, "--build-arg", "NPM_CONFIG_REGISTRY="+v)
	}
	t0 := time.Now()
	logText := run(info.CLI, append(args, ctxDir)...)
	t.Logf("built linux/amd64 and linux/arm64 through buildkitd in %s; the end of its log:\n%s", time.Since(t0).Round(time.Second), tail(logText, 10))
	// plain progress names a step "#N [stage i/n] RUN ...", once or again when its output
	// resumes: the distinct step numbers are the runs
	installs := map[string]string{}
	for _, l := range strings.Split(logText, "\n") {
		if n, rest, ok := strings.Cut(l, " "); ok && strings.HasPrefix(n, "#") && strings.Contains(rest, "] RUN ") && strings.Contains(rest, "npm ci --omit=dev") {
			installs[n] = rest
		}
	}
	if len(installs) != 1 {
		t.Errorf("the build log shows %d runs of `npm ci --omit=dev` (%v), want 1: the prod-deps stage on $BUILDPLATFORM serves both platforms", len(installs), installs)
	}

	want := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}
	for _, arch := range []string{"amd64", "arm64"} {
		plat := "linux/" + arch
		img, err := imagescan.Open(layout, imagescan.OpenOptions{Context: ctx, Platform: plat})
		if err != nil {
			t.Fatal(err)
		}
		cf, err := img.ConfigFile()
		if err != nil {
			img.Close()
			t.Fatal(err)
		}
		if cf.OS != "linux" || cf.Architecture != arch {
			t.Errorf("image config for %s: %s/%s", plat, cf.OS, cf.Architecture)
		}
		nodeBin := "usr/local/bin/node"
		if arch == "arm64" {
			nodeBin = "usr/bin/node" // the stand-in's Debian nodejs
		}
		machine, err := elfMachine(img, nodeBin)
		if err != nil || machine != want[arch] {
			t.Errorf("%s's /%s: %v, %v; want an ELF for %s", plat, nodeBin, machine, err, arch)
		}
		size, err := imageFileSize(img, "app/node_modules/express/package.json")
		if err != nil || size == 0 {
			t.Errorf("%s: /app/node_modules/express/package.json: %d bytes, %v", plat, size, err)
		}
		t.Logf("%s: image config %s/%s, /%s is an ELF for %v, express installed", plat, cf.OS, cf.Architecture, nodeBin, machine)
		img.Close()
	}
}

// expressContext is node-api's package.json and package-lock.json (express, and the
// devDependencies of its TypeScript build, which --omit=dev leaves out) with a plain
// JavaScript server and no build script, behind the single-stage Dockerfile a user writes.
func expressContext(t *testing.T, root string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "express")
	os.MkdirAll(dir, 0o755)
	lock, err := os.ReadFile(filepath.Join(root, "examples", "node-api", "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, "examples", "node-api", "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg map[string]any
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatal(err)
	}
	pkg["scripts"] = map[string]string{"start": "node server.js"}
	pkg["main"] = "server.js"
	data, _ = json.MarshalIndent(pkg, "", "  ")
	files := map[string]string{
		"package.json":      string(data),
		"package-lock.json": string(lock),
		"server.js":         "const express = require('express');\nconst app = express();\napp.get('/health', (req, res) => res.json({ ok: true, arch: process.arch }));\napp.listen(process.env.PORT || 3000);\n",
		"Dockerfile":        "FROM node:20\nWORKDIR /app\nCOPY . .\nARG NPM_CONFIG_REGISTRY\nRUN npm install\nEXPOSE 3000\nCMD [\"npm\", \"start\"]\n",
	}
	for n, v := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// nodeArm64RootFS returns a tar of the arm64 stand-in's root file system, made once with
// `debootstrap --foreign --arch=arm64 --variant=minbase --include=nodejs bookworm` from the
// Debian mirror apt uses here (skipped when debootstrap or the mirror is missing) and
// `dpkg-deb -x` of the packages the first stage only downloads, without the .deb files, with
// the node user (UID 1000) of the real node images.
func nodeArm64RootFS(t *testing.T) string {
	t.Helper()
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, _ := os.UserHomeDir()
		cache = filepath.Join(home, ".cache")
	}
	out := filepath.Join(cache, "dockopt-ci", "node20-slim-arm64-standin.tar")
	if _, err := os.Stat(out); err == nil {
		return out
	}
	deboot, err := exec.LookPath("debootstrap")
	if err != nil {
		t.Skip("skipped: the arm64 node stand-in is made with debootstrap, which is not installed (apt-get install debootstrap)")
	}
	mirror := aptMirror()
	if mirror == "" {
		t.Skip("skipped: no Debian mirror in apt's sources for debootstrap")
	}
	dir := filepath.Join(t.TempDir(), "root")
	t0 := time.Now()
	if b, err := exec.Command(deboot, "--foreign", "--arch=arm64", "--variant=minbase", "--include=nodejs", "bookworm", dir, mirror).CombinedOutput(); err != nil {
		t.Fatalf("debootstrap: %v\n%s", err, tail(string(b), 20))
	}
	// the first stage unpacks only the required packages: the others (nodejs and what it
	// needs) are unpacked from the .deb files it downloaded
	debs, _ := filepath.Glob(filepath.Join(dir, "var", "cache", "apt", "archives", "*.deb"))
	for _, d := range debs {
		if b, err := exec.Command("dpkg-deb", "-x", d, dir).CombinedOutput(); err != nil {
			t.Fatalf("dpkg-deb -x %s: %v\n%s", filepath.Base(d), err, b)
		}
	}
	for _, p := range []string{"var/cache/apt/archives", "debootstrap"} {
		os.RemoveAll(filepath.Join(dir, p))
	}
	passwd := "root:x:0:0:root:/root:/bin/bash\nnode:x:1000:1000::/home/node:/bin/bash\n"
	group := "root:x:0:\nnode:x:1000:\n"
	os.MkdirAll(filepath.Join(dir, "home", "node"), 0o755)
	os.Chown(filepath.Join(dir, "home", "node"), 1000, 1000)
	if os.WriteFile(filepath.Join(dir, "etc", "passwd"), []byte(passwd), 0o644) != nil || os.WriteFile(filepath.Join(dir, "etc", "group"), []byte(group), 0o644) != nil {
		t.Fatal("writing the stand-in's /etc/passwd and /etc/group")
	}
	os.MkdirAll(filepath.Dir(out), 0o755)
	if b, err := exec.Command("tar", "--numeric-owner", "-C", dir, "-cf", out+".tmp", ".").CombinedOutput(); err != nil {
		t.Fatalf("tar: %v\n%s", err, b)
	}
	if err := os.Rename(out+".tmp", out); err != nil {
		t.Fatal(err)
	}
	t.Logf("made the arm64 node stand-in's root file system with debootstrap --foreign in %s", time.Since(t0).Round(time.Second))
	return out
}

// aptMirror is the first Debian archive URI of apt's sources ("" none).
func aptMirror() string {
	files, _ := filepath.Glob("/etc/apt/sources.list.d/*.sources")
	files = append(files, "/etc/apt/sources.list")
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			switch {
			case len(fields) >= 2 && fields[0] == "URIs:" && strings.HasSuffix(fields[1], "/debian"):
				fh.Close()
				return fields[1]
			case len(fields) >= 3 && fields[0] == "deb" && strings.HasSuffix(fields[1], "/debian"):
				fh.Close()
				return fields[1]
			}
		}
		fh.Close()
	}
	return ""
}

// pushNodeSlimIndex pushes node:20-slim to the registry at host as a two-platform index: the
// engine's image for linux/amd64 and the stand-in made of rootfs for linux/arm64.
func pushNodeSlimIndex(ctx context.Context, t *testing.T, host, rootfs string) {
	t.Helper()
	amd, err := imagescan.Open("node:20-slim", imagescan.OpenOptions{Context: ctx})
	if err != nil {
		t.Fatal(err)
	}
	defer amd.Close()
	layer, err := tarball.LayerFromFile(rootfs)
	if err != nil {
		t.Fatal(err)
	}
	arm, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := arm.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", "arm64"
	cf.Config.Env = []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
	cf.Config.Cmd = []string{"node"}
	cf.Config.Labels = map[string]string{"org.dockopt.standin": "true", "org.dockopt.standin.for": "node:20-slim (linux/arm64)",
		"org.dockopt.standin.note": "test stand-in made by e2e/crossnode_test.go: Debian bookworm's arm64 packages with nodejs 18, unpacked by debootstrap --foreign, never run on this machine"}
	arm, err = mutate.ConfigFile(arm, cf)
	if err != nil {
		t.Fatal(err)
	}
	idx := mutate.IndexMediaType(empty.Index, types.OCIImageIndex)
	idx = mutate.AppendManifests(idx,
		mutate.IndexAddendum{Add: amd.Image, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: "amd64"}}},
		mutate.IndexAddendum{Add: arm, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: "arm64"}}})
	ref, err := name.ParseReference(host+"/library/node:20-slim", name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	if err := remote.WriteIndex(ref, idx, remote.WithContext(ctx)); err != nil {
		t.Fatalf("pushing node:20-slim (amd64 and the arm64 stand-in): %v", err)
	}
	t.Logf("pushed node:20-slim for linux/amd64 and the arm64 stand-in to %s in %s", host, time.Since(t0).Round(time.Second))
}

// imageFileSize is the size of the regular file at path (no leading slash) in the image's
// layers, the top layer first.
func imageFileSize(img *imagescan.Image, path string) (int64, error) {
	layers, err := img.Layers()
	if err != nil {
		return 0, err
	}
	for i := len(layers) - 1; i >= 0; i-- {
		rc, err := layers[i].Uncompressed()
		if err != nil {
			return 0, err
		}
		tr := tar.NewReader(rc)
		for {
			h, err := tr.Next()
			if err == io.EOF || err != nil {
				break
			}
			if strings.TrimPrefix(h.Name, "./") == path {
				rc.Close()
				return h.Size, nil
			}
		}
		rc.Close()
	}
	return 0, fmt.Errorf("%s is not in the image", path)
}
