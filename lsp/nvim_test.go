package lsp

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockopt/dockopt/internal/testenv"
)

// serveEnv makes the test binary itself the language server (TestMain), so the Neovim test
// needs no separate build of dockopt.
const serveEnv = "DOCKOPT_LSP_TEST_SERVE"

func TestMain(m *testing.M) {
	if os.Getenv(serveEnv) == "1" {
		_ = New(Options{}).Serve(context.Background(), stdioStream{})
		os.Exit(0)
	}
	os.Exit(m.Run())
}

type stdioStream struct{}

func (stdioStream) Read(p []byte) (int, error)  { return os.Stdin.Read(p) }
func (stdioStream) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
func (stdioStream) Close() error                { return nil }

// TestNeovim runs Debian's Neovim (>= 0.7, its built-in LSP client) headless against the
// server: it opens a Dockerfile, receives the diagnostics, applies the DO101 quick fix, then
// "fix all safe", and writes the file, whose text must be what `dockopt fix` writes. It skips
// when nvim is not installed, except in CI (CI=true), where .ci/run installs it.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		testenv.SkipUnlessCI(t, "nvim is not installed (apt-get install neovim; .ci/run installs it): the real-client test is skipped")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	original := "FROM debian:bookworm as build\nENV LANG C.UTF-8\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\nRUN cd /app && make\n"
	file := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(file, []byte(original), 0o644); err != nil {
		t.Fatal(err)
	}
	want := fixOutput(t, dir, original)
	server, _ := json.Marshal([]string{self, "-test.run=^$"})
	logFile := filepath.Join(t.TempDir(), "nvim.log")
	initLua, _ := filepath.Abs("testdata/nvim-init.lua")

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-n", "-u", initLua)
	cmd.Dir = dir
	home := t.TempDir() // no user configuration, shada or state of the machine's user
	cmd.Env = append(os.Environ(), serveEnv+"=1", "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home, "XDG_STATE_HOME="+home,
		"DOCKOPT_NVIM_SERVER="+string(server), "DOCKOPT_NVIM_FILE="+file, "DOCKOPT_NVIM_LOG="+logFile)
	out, err := cmd.CombinedOutput()
	steps, _ := os.ReadFile(logFile)
	t.Logf("nvim steps:\n%s", steps)
	if err != nil {
		t.Fatalf("nvim: %v\n%s", err, out)
	}
	for _, s := range []string{"diagnostic DO101 3", "diagnostic DO002 1", "applied DO101 apt-no-install-recommends", "applied Fix all safe", "written"} {
		if !strings.Contains(string(steps), s) {
			t.Errorf("nvim steps lack %q", s)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("the file Neovim wrote:\n%s\nwant (dockopt fix):\n%s", got, want)
	}
}
