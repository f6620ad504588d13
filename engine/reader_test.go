package engine

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestUnreachable(t *testing.T) {
	down := &CommandError{Args: []string{"save"}, ExitCode: 1, Stderr: "Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?", Err: errors.New("exit status 1")}
	if err := Unreachable(down); !errors.Is(err, ErrNoEngine) {
		t.Errorf("%v: not ErrNoEngine", err)
	}
	remote := &CommandError{Args: []string{"save"}, ExitCode: 1, Stderr: "error during connect: Get \"http://host:2375/v1.41/images/get\": dial tcp: lookup host: no such host", Err: errors.New("exit status 1")}
	if err := Unreachable(remote); !errors.Is(err, ErrNoEngine) {
		t.Errorf("%v: not ErrNoEngine", err)
	}
	missing := &CommandError{Args: []string{"save"}, ExitCode: 1, Stderr: "Error response from daemon: reference does not exist", Err: errors.New("exit status 1")}
	if err := Unreachable(missing); errors.Is(err, ErrNoEngine) || err != error(missing) {
		t.Errorf("a missing image became %v", err)
	}
	plain := errors.New("other")
	if Unreachable(plain) != plain {
		t.Error("a non-command error was changed")
	}
}

func TestForImages(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PATH", dir)
	if _, err := ForImages(Options{}); !errors.Is(err, ErrNoEngine) {
		t.Errorf("no docker on PATH: %v", err)
	}
	cli := filepath.Join(dir, "docker")
	if err := os.WriteFile(cli, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	e, err := ForImages(Options{})
	if err != nil || e.docker != cli {
		t.Errorf("ForImages = %v, %v; want the docker on PATH", e, err)
	}
	if e, err := ForImages(Options{Docker: "/opt/docker"}); err != nil || e.docker != "/opt/docker" {
		t.Errorf("Options.Docker not used: %v, %v", e, err)
	}
}
