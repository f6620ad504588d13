package enginetest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/dockopt/dockopt/internal/testenv"
)

// StartBuildkitd starts the buildkitd named by DOCKOPT_TEST_BUILDKITD as a process of its own
// on a Unix socket (its OCI worker on the overlayfs snapshotter where the kernel has it, else
// native, which copies every layer and is much slower for large base images), with config (a buildkitd.toml's text; "" for none), and stops it when the
// test ends. It returns the socket's address (unix://...), for `docker buildx create --driver
// remote`. Without the variable it skips the test, or fails it in CI (.ci/run builds
// buildkitd at the version of github.com/moby/buildkit in go.mod); it skips when not root,
// which buildkitd needs here (no rootless setup).
func StartBuildkitd(t testing.TB, config string) string {
	t.Helper()
	bin := os.Getenv("DOCKOPT_TEST_BUILDKITD")
	if bin == "" {
		testenv.SkipUnlessCI(t, "DOCKOPT_TEST_BUILDKITD does not name a buildkitd binary (.ci/run builds one)")
	}
	if os.Geteuid() != 0 {
		t.Skip("skipped: buildkitd needs root here")
	}
	// A short directory: the socket path must fit in sun_path (108 bytes).
	root, err := os.MkdirTemp("", "dockopt-bk-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	sock := filepath.Join(root, "buildkitd.sock")
	logPath := filepath.Join(root, "buildkitd.log")
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--root", filepath.Join(root, "state"), "--addr", "unix://" + sock,
		"--oci-worker-snapshotter", "auto", "--containerd-worker", "false"}
	if config != "" {
		cfg := filepath.Join(root, "buildkitd.toml")
		if err := os.WriteFile(cfg, []byte(config), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--config", cfg)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		logf.Close()
		if t.Failed() {
			log, _ := os.ReadFile(logPath)
			t.Logf("buildkitd's log:\n%s", tailBytes(log, 4000))
		}
	})
	for i := 0; ; i++ {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		if i == 300 {
			log, _ := os.ReadFile(logPath)
			t.Fatalf("buildkitd did not listen on %s within 30 s; its log:\n%s", sock, log)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return "unix://" + sock
}

func tailBytes(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
