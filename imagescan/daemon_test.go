package imagescan

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/internal/testenv"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/daemon"
	"github.com/moby/moby/client"
)

// dockerAPI returns a Docker API client, or skips the test when no engine answers. In CI
// (CI=true) a missing engine fails the test instead: CI must run it.
func dockerAPI(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(client.FromEnv)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, err = c.Ping(ctx, client.PingOptions{NegotiateAPIVersion: true})
		if err != nil {
			c.Close()
		}
	}
	if err != nil {
		testenv.SkipUnlessCI(t, "no Docker engine: %v", err)
	}
	return c
}

func TestDaemonImage(t *testing.T) {
	c := dockerAPI(t)
	defer c.Close()
	img := testImage(t)
	tag, err := name.NewTag(fmt.Sprintf("dockopt-imagescan-test:%d", time.Now().UnixNano()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := daemon.Write(tag, img, daemon.WithClient(c)); err != nil {
		t.Fatalf("docker load: %v", err)
	}
	t.Cleanup(func() {
		if _, err := c.ImageRemove(context.Background(), tag.String(), client.ImageRemoveOptions{Force: true, PruneChildren: true}); err != nil {
			t.Logf("removing %s: %v", tag, err)
		}
	})

	im, err := Open(tag.String(), OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Scan(im, ScanOptions{})
	saved := im.closeFn != nil
	if cerr := im.Close(); cerr != nil {
		t.Errorf("close: %v", cerr)
	}
	if err != nil {
		t.Fatal(err)
	}
	if !saved {
		t.Error("a daemon image should own a temporary save to remove")
	}
	if rep.Source != FromDaemon || rep.Tag != tag.String() {
		t.Errorf("source %s tag %q", rep.Source, rep.Tag)
	}
	want := scanPath(t, writeTarball(t, img, "dockopt-test/app:1"), OpenOptions{})
	if rep.WastedBytes != 2120 || rep.ContentSizeBytes != 4416 || rep.ImageID != want.ImageID {
		t.Errorf("daemon: wasted %d content %d id %s; want 2120 4416 %s", rep.WastedBytes, rep.ContentSizeBytes, rep.ImageID, want.ImageID)
	}
	for i := range want.Layers {
		g, w := rep.Layers[i], want.Layers[i]
		if g.DiffID != w.DiffID || g.Instruction != w.Instruction || g.HiddenBytes != w.HiddenBytes ||
			g.UncompressedSizeBytes != w.UncompressedSizeBytes || g.FilesAdded != w.FilesAdded {
			t.Errorf("layer %d differs: %+v vs %+v", i, g, w)
		}
	}
	for _, pair := range [][2]any{{rep.SecretFiles, want.SecretFiles}, {rep.SetuidFiles, want.SetuidFiles}, {rep.Caches, want.Caches}, {rep.EnvSecrets, want.EnvSecrets}} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("daemon finding differs:\n got %+v\nwant %+v", pair[0], pair[1])
		}
	}

	// by image ID, full and as `docker images` prints it: docker save takes it as it is
	for _, id := range []string{rep.ImageID, strings.TrimPrefix(rep.ImageID, "sha256:")[:12]} {
		im, err := Open(id, OpenOptions{})
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		byID, err := Scan(im, ScanOptions{})
		im.Close()
		if err != nil || byID.ImageID != rep.ImageID || byID.Tag != "" {
			t.Errorf("%s: id %s tag %q, %v", id, byID.ImageID, byID.Tag, err)
		}
	}
	if _, err := Open("dockopt-imagescan-test:no-such-tag", OpenOptions{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing daemon image: %v", err)
	}
}
