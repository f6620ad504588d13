package pkgmgr

import (
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
)

func TestChainCalls(t *testing.T) {
	src := "FROM python:3.11 AS base\nRUN apt-get update && apt-get install -y gcc\nFROM base AS app\nRUN echo hi && pip install flask\nFROM node:20 AS other\nRUN npm ci\n"
	f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for sc := range ChainCalls(f, f.StageByName("app")) {
		got = append(got, sc.Manager.ID+" "+sc.Sub+" @"+sc.In.Cmd)
	}
	want := []string{"pip install @run", "apt update @run", "apt install @run"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("call %d: %q, want %q", i, got[i], want[i])
		}
	}
	n := 0
	for range ChainCalls(f, f.StageByName("app")) {
		n++
		break
	}
	if n != 1 {
		t.Error("stopping early did not stop")
	}
}
