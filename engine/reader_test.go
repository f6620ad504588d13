package engine

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestUnreachable(t *testing.T) {
	exit1 := exec.Command("sh", "-c", "exit 1").Run() // an *exec.ExitError, as a failed docker command has
	failed := func(stderr string) *CommandError {
		return &CommandError{Args: []string{"save", "app:1"}, ExitCode: 1, Stderr: stderr, Err: exit1}
	}
	for _, stderr := range []string{
		"Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?",
		"error during connect: Get \"http://host:2375/v1.41/images/get\": dial tcp: lookup host: no such host",
		"permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock",
		"unable to resolve docker endpoint: context \"nope\": context not found",
	} {
		if err := Unreachable(failed(stderr)); !errors.Is(err, ErrNoEngine) {
			t.Errorf("%q: not ErrNoEngine: %v", stderr, err)
		}
	}
	missing := failed("Error response from daemon: reference does not exist")
	if err := Unreachable(missing); errors.Is(err, ErrNoEngine) || err != error(missing) {
		t.Errorf("a missing image became %v", err)
	}
	notRun := exec.Command(filepath.Join(t.TempDir(), "docker")).Run()
	if err := Unreachable(&CommandError{Args: []string{"save"}, ExitCode: -1, Err: notRun}); !errors.Is(err, ErrNoEngine) {
		t.Errorf("a CLI that does not run: %v", err)
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

func TestNoSuchImage(t *testing.T) {
	exit1 := exec.Command("sh", "-c", "exit 1").Run()
	for stderr, want := range map[string]bool{
		"Error response from daemon: reference does not exist":             true,
		"Error response from daemon: No such image: app:1":                 true,
		"Error: app:1: image not known":                                    true,
		"Error response from daemon: image \"app:1\": not found":           true,
		"Error response from daemon: <html><p>File not found.</p></html>":  false,
		"Cannot connect to the Docker daemon at unix:///x.sock. Is it on?": false,
	} {
		ce := &CommandError{Args: []string{"save", "app:1"}, ExitCode: 1, Stderr: stderr, Err: exit1}
		if got := NoSuchImage(ce); got != want {
			t.Errorf("%q: %v, want %v", stderr, got, want)
		}
	}
}
