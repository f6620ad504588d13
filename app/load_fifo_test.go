package app

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A FIFO named Dockerfile is an input error naming it, not a read that waits for a writer.
func TestLoadFIFODockerfile(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "Dockerfile"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := Load(dir, "Dockerfile", nil); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "a named pipe, not a Dockerfile") {
			t.Errorf("Load = %v, want an error: a named pipe", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Load blocked on a FIFO Dockerfile")
	}
}
