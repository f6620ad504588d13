package optimize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
)

// runWith optimizes dir's Dockerfile with opt.
func runWith(t *testing.T, dir string, opt Options) *Result {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := dockerfile.Parse("Dockerfile", src, dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := buildctx.Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Optimize(f, ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestExamplesDistroless pins `--runtime distroless` for each example (the libraries come
// from libpqImages, a made-up closure of libpq) and checks what the rewrite promises: the
// distroless base, no RUN in the stage that ships, exec-form commands, user 65532, and that
// optimizing the output again changes nothing.
func TestExamplesDistroless(t *testing.T) {
	for _, ex := range []struct{ name, base string }{
		{"forecastin-api", "gcr.io/distroless/python3-debian12:nonroot"},
		{"node-api", "gcr.io/distroless/nodejs20-debian12:nonroot"},
		{"go-api", "gcr.io/distroless/static-debian12:nonroot"},
	} {
		t.Run(ex.name, func(t *testing.T) {
			dir := copyContext(t, filepath.Join("..", "examples", ex.name))
			opt := Options{Runtime: RuntimeDistroless, Images: libpqImages(t)}
			res := runWith(t, dir, opt)
			golden(t, filepath.Join("testdata", "golden", ex.name, "Dockerfile.distroless"), res.Dockerfile)
			f, err := dockerfile.Parse("Dockerfile", res.Dockerfile, dockerfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			st := f.FinalStage()
			if st.BaseName != ex.base {
				t.Errorf("runs on %s, want %s (notes: %v)", st.BaseName, ex.base, res.Notes)
			}
			for _, in := range st.Instructions {
				switch {
				case in.Cmd == "run":
					t.Errorf("line %d: a RUN in the distroless stage: %s", in.StartLine, in.Original)
				case (in.Cmd == "cmd" || in.Cmd == "entrypoint") && !in.JSON:
					t.Errorf("line %d: shell form: %s", in.StartLine, in.Original)
				case in.Cmd == "user" && in.Args[0] != "65532:65532":
					t.Errorf("line %d: USER %s, want 65532:65532", in.StartLine, in.Args[0])
				}
			}
			if !strings.HasPrefix(res.User, "65532:65532") {
				t.Errorf("report's user %q", res.User)
			}
			// the report speaks of the image the file runs on, not the one it replaced
			// (a new-user trial: "Static binary on scratch" over a distroless FROM)
			for _, c := range res.Changes {
				if strings.HasSuffix(c.Title, " on scratch") || strings.HasSuffix(c.Title, "-slim") {
					t.Errorf("change %q names the image --runtime distroless replaced", c.Title)
				}
			}
			for _, n := range res.Notes {
				if strings.Contains(n, "the runtime image is FROM scratch") {
					t.Errorf("note names the image --runtime distroless replaced: %s", n)
				}
			}
			if test := res.HealthTest(); len(test) == 0 || test[0] == "node" || test[0] == "curl" {
				t.Errorf("HEALTHCHECK %v: want one the image can run", test)
			}
			again := t.TempDir()
			copyDir(t, dir, again)
			os.WriteFile(filepath.Join(again, "Dockerfile"), res.Dockerfile, 0o644)
			if res2 := runWith(t, again, opt); string(res2.Dockerfile) != string(res.Dockerfile) {
				t.Errorf("optimizing the output again changes it:\n%s", res2.Dockerfile)
			}
		})
	}
}

// TestDistrolessKeepsSlim: what cannot be made to work without a shell or the libraries stays
// on the slim image, and a note says why.
func TestDistrolessKeepsSlim(t *testing.T) {
	write := func(t *testing.T, dockerfile string) string {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(dockerfile), 0o644)
		os.WriteFile(filepath.Join(dir, "server.js"), []byte("require('http').createServer().listen(3000)\n"), 0o644)
		return dir
	}
	for _, tc := range []struct {
		name, dir string
		opt       Options
		want      string
	}{
		{"libraries without an engine", copyContext(t, filepath.Join("..", "examples", "forecastin-api")), Options{Runtime: RuntimeDistroless},
			"it installs libpq5 with apt; dockopt finds those libraries"},
		{"a library the builder lacks", copyContext(t, filepath.Join("..", "examples", "forecastin-api")), Options{Runtime: RuntimeDistroless, Images: fakeImages{"python:3.11": {}, "gcr.io/distroless/python3-debian12:nonroot": {}}},
			"the package libpq5 is not installed in python:3.11"},
		{"a CMD that needs a shell", write(t, "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci\n\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=build /app /app\nUSER node\nCMD node server.js > /tmp/log\n"), Options{Runtime: RuntimeDistroless},
			"needs a shell, which the image does not have"},
		{"npm start", write(t, "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD [\"npm\", \"start\"]\n"), Options{Runtime: RuntimeDistroless},
			"runs npm, which the distroless Node.js image does not have"},
		{"another Python", write(t, "FROM python:3.12 AS build\nRUN python -m venv /opt/venv\n\nFROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\nUSER 10001\nCMD [\"/opt/venv/bin/python\", \"-m\", \"http.server\"]\n"), Options{Runtime: RuntimeDistroless},
			"it runs Python 3.12, and gcr.io/distroless/python3-debian12 has Python 3.11"},
		{"scratch for Node", copyContext(t, filepath.Join("..", "examples", "node-api")), Options{Runtime: RuntimeScratch},
			"--runtime scratch: stage runtime stays on node:20-slim"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := runWith(t, tc.dir, tc.opt)
			if strings.Contains(string(res.Dockerfile), "gcr.io/distroless/") {
				t.Errorf("moved to distroless:\n%s", res.Dockerfile)
			}
			if !strings.Contains(strings.Join(res.Notes, "\n"), tc.want) {
				t.Errorf("notes %q\nwant one saying %q", res.Notes, tc.want)
			}
			slim := runWith(t, tc.dir, Options{})
			if string(slim.Dockerfile) != string(res.Dockerfile) {
				t.Errorf("the output differs from --runtime slim's:\n%s", res.Dockerfile)
			}
		})
	}
}

// TestRuntimeScratchForStaticGo: a static Go binary already ships on scratch; --runtime
// scratch changes nothing and says nothing.
func TestRuntimeScratchForStaticGo(t *testing.T) {
	dir := copyContext(t, filepath.Join("..", "examples", "go-api"))
	res, slim := runWith(t, dir, Options{Runtime: RuntimeScratch}), runWith(t, dir, Options{})
	if string(res.Dockerfile) != string(slim.Dockerfile) || strings.Contains(strings.Join(res.Notes, " "), "--runtime") {
		t.Errorf("--runtime scratch changed the Go output or noted something: %v\n%s", res.Notes, res.Dockerfile)
	}
	if _, err := Optimize(&dockerfile.File{}, nil, Options{Runtime: "alpine"}); err == nil || !strings.Contains(err.Error(), `unknown runtime "alpine"`) {
		t.Errorf("--runtime alpine: %v", err)
	}
}

// TestDistrolessUncommentedScratch: an unnamed scratch stage with no comment above its FROM
// (go-httpbin's) moves to distroless static: the comment inserted where the FROM starts and
// the FROM's replacement are two edits at one offset, which must not be taken for a conflict.
func TestDistrolessUncommentedScratch(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"Dockerfile": "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM scratch\nUSER 65532:65532\nCOPY --from=build /out/app /bin/\nEXPOSE 8080\nCMD [\"/bin/app\"]\n",
		"go.mod":     "module example.com/app\n\ngo 1.26\n",
		"main.go":    "package main\n\nfunc main() {}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := runWith(t, dir, Options{Runtime: RuntimeDistroless})
	out := string(res.Dockerfile)
	if !strings.Contains(out, "# stage 1 runs on the distroless image: no shell, no package manager, the nonroot user (65532).\nFROM gcr.io/distroless/static-debian12:nonroot\n") {
		t.Errorf("not moved to distroless static (notes %v):\n%s", res.Notes, out)
	}
	for _, n := range res.Notes {
		if strings.Contains(n, "--runtime distroless") {
			t.Errorf("note: %s", n)
		}
	}
}
