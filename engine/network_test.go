package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeDocker is a docker CLI that logs its arguments, one call a line, answers `docker
// version` as a 20.10 CLI, and fails `docker compose version` when compose is false.
func fakeDocker(t *testing.T, compose bool) (cli, log string) {
	t.Helper()
	dir := t.TempDir()
	log = filepath.Join(dir, "calls")
	noCompose := ""
	if !compose {
		noCompose = "[ \"$1 $2\" = 'compose version' ] && { echo \"docker: 'compose' is not a docker command.\" >&2; exit 1; }\n"
	}
	script := "#!/bin/sh\necho \"$*\" >> " + log + "\n" + noCompose +
		"case \"$1\" in\nversion) echo '20.10.24 20.10.24' ;;\ncompose) [ \"$2\" = version ] && echo 2.29.1 ;;\nrun) echo 0123abcd ;;\nbuildx) exit 1 ;;\nesac\nexit 0\n"
	cli = filepath.Join(dir, "docker")
	if err := os.WriteFile(cli, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return cli, log
}

func calls(t *testing.T, log string) []string {
	data, _ := os.ReadFile(log)
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if !strings.HasPrefix(l, "version") && !strings.HasPrefix(l, "buildx") {
			out = append(out, l)
		}
	}
	return out
}

// Cleanup removes what the dependencies were started with: containers first, then the
// compose project (its containers, networks, volumes and the images compose built), then the
// networks, even when their creation was interrupted (Ctrl-C), and once only.
func TestCleanupRemovesDependencies(t *testing.T) {
	cli, log := fakeDocker(t, true)
	e, err := New(context.Background(), Options{Docker: cli})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if v, err := e.ComposeVersion(ctx); err != nil || v != "2.29.1" {
		t.Fatalf("compose version %q, %v", v, err)
	}
	if err := e.CreateNetwork(ctx, "m-deps"); err != nil {
		t.Fatal(err)
	}
	p := ComposeProject{Name: "m", File: "/p/compose.yaml"}
	if err := e.ComposeUp(ctx, p, []string{"redis", "db"}); err != nil {
		t.Fatal(err)
	}
	if err := e.ConnectNetwork(ctx, "m-deps", "id1", []string{"redis"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Run(ctx, RunOptions{Image: "img", Name: "m-original-1", Network: "m-deps"}); err != nil {
		t.Fatal(err)
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	_ = e.CreateNetwork(canceled, "m-other")
	if err := e.Cleanup(); err != nil {
		t.Fatal(err)
	}
	if err := e.Cleanup(); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"compose version --short",
		"network create --label org.dockopt.measure=true m-deps",
		"compose --project-name m --file /p/compose.yaml up --detach --wait --quiet-pull --no-color redis db",
		"network connect --alias redis m-deps id1",
		"run -d --name m-original-1 --network m-deps img",
		"rm -f -v m-original-1",
		"compose --project-name m --file /p/compose.yaml down --volumes --remove-orphans --rmi local",
		"network rm m-deps",
		"network rm m-other",
	}
	if got := calls(t, log); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// without the plugin, ComposeVersion fails
	cli, _ = fakeDocker(t, false)
	e, err = New(ctx, Options{Docker: cli})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := e.ComposeVersion(ctx); err == nil {
		t.Errorf("compose version %q without the plugin", v)
	}
}
