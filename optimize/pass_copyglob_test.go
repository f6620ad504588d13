package optimize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// go-httpbin (real-world suite): `dist/go-httpbin*` also copies the test binary that
// `make buildtests` writes; the scratch image runs only /bin/go-httpbin.
func TestCopyGlobNarrowedToProgram(t *testing.T) {
	dir := copyContext(t, "../testdata/realworld/go-httpbin")
	res, out, err := optimizeDir(t, dir, "Dockerfile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := string(res.Dockerfile)
	if !strings.Contains(text, "COPY --from=build /go/src/github.com/mccutchen/go-httpbin/dist/go-httpbin /bin/") {
		t.Errorf("COPY not narrowed:\n%s", text)
	}
	if strings.Contains(text, "go-httpbin*") {
		t.Errorf("the glob is still there:\n%s", text)
	}
	if out.UserEnd(out.FinalStage()) != "65532:65532" {
		t.Errorf("user changed: %q", out.UserEnd(out.FinalStage()))
	}
	os.WriteFile(filepath.Join(dir, "Dockerfile"), res.Dockerfile, 0o644)
	again, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Dockerfile) != text {
		t.Errorf("not idempotent:\n%s", again.Dockerfile)
	}
}

// A glob into an image with a shell, or one whose program's name does not match, is kept.
func TestCopyGlobKept(t *testing.T) {
	for name, df := range map[string]string{
		"shell base": "FROM golang:1.26 AS b\nRUN true\nFROM debian:12-slim\nCOPY --from=b /out/app* /bin/\nCMD [\"/bin/app\"]\n",
		"other name": "FROM golang:1.26 AS b\nRUN true\nFROM scratch\nCOPY --from=b /out/tool* /bin/\nCMD [\"/bin/app\"]\n",
		"shell form": "FROM golang:1.26 AS b\nRUN true\nFROM scratch\nCOPY --from=b /out/app* /bin/\nCMD /bin/app --x $HOME\n",
		"other dest": "FROM golang:1.26 AS b\nRUN true\nFROM scratch\nCOPY --from=b /out/app* /usr/bin/\nCMD [\"/bin/app\"]\n",
	} {
		dir := writeContext(t, map[string]string{"Dockerfile": df})
		res, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(res.Dockerfile), "*") {
			t.Errorf("%s: glob narrowed:\n%s", name, res.Dockerfile)
		}
	}
}
