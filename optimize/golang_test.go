package optimize

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
)

func changeTitled(res *Result, prefix string) *Change {
	for i := range res.Changes {
		if strings.HasPrefix(res.Changes[i].Title, prefix) {
			return &res.Changes[i]
		}
	}
	return nil
}

const goMain = "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n"

// What makes a Go program need cgo: its own file importing "C" (for linux: a file excluded by
// its build constraint does not count), a module pkgmgr lists (go.mod, or only the package
// that needs it for gopacket/pcap), or the original's own CGO_ENABLED=1. Each is built with
// CGO_ENABLED=1 onto the slim image of its C library; the rest stays static on scratch.
func TestGoCgoDetection(t *testing.T) {
	df := "FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /server .\nCMD [\"/server\"]\n"
	cgoFile := "package main\n\n// #include <stdlib.h>\nimport \"C\"\n\nfunc init() { C.free(nil) }\n"
	cases := map[string]struct {
		files   map[string]string
		cgo     bool
		runtime string
		reason  string
	}{
		"import C":                  {files: map[string]string{"main.go": goMain, "alloc.go": cgoFile}, cgo: true, runtime: "debian:bookworm-slim", reason: `alloc.go imports "C"`},
		"import C for windows only": {files: map[string]string{"main.go": goMain, "alloc_windows.go": cgoFile}, runtime: "scratch"},
		"import C behind a tag":     {files: map[string]string{"main.go": goMain, "alloc.go": "//go:build sqlite\n\n" + cgoFile}, runtime: "scratch"},
		"go-sqlite3 in go.mod": {files: map[string]string{"main.go": goMain, "go.mod": "module x\n\ngo 1.26\n\nrequire github.com/mattn/go-sqlite3 v1.14.24 // indirect\n"},
			cgo: true, runtime: "debian:bookworm-slim", reason: "go.mod requires github.com/mattn/go-sqlite3, which compiles SQLite's C source"},
		"gopacket without pcap": {files: map[string]string{"main.go": "package main\n\nimport _ \"github.com/google/gopacket/layers\"\n\nfunc main() {}\n",
			"go.mod": "module x\n\ngo 1.26\n\nrequire github.com/google/gopacket v1.1.19\n"}, runtime: "scratch"},
		"gopacket pcap": {files: map[string]string{"main.go": "package main\n\nimport _ \"github.com/google/gopacket/pcap\"\n\nfunc main() {}\n",
			"go.mod": "module x\n\ngo 1.26\n\nrequire github.com/google/gopacket v1.1.19\n"}, cgo: true, runtime: "debian:bookworm-slim", reason: "the program imports github.com/google/gopacket/pcap"},
		"CGO_ENABLED=1 in the original": {files: map[string]string{"main.go": goMain,
			"Dockerfile": strings.Replace(df, "RUN go build", "ENV CGO_ENABLED=1\nRUN go build", 1)}, cgo: true, runtime: "debian:bookworm-slim", reason: "the original builds with CGO_ENABLED=1"},
		"import C in a file .dockerignore leaves out": {files: map[string]string{"main.go": goMain, "alloc.go": cgoFile, ".dockerignore": "alloc.go\n"}, runtime: "scratch"},
		"alpine": {files: map[string]string{"main.go": goMain, "alloc.go": cgoFile, "Dockerfile": strings.Replace(df, "golang:1.26", "golang:1.26-alpine3.22", 1)},
			cgo: true, runtime: "alpine:3.22", reason: `alloc.go imports "C"`},
		"bullseye": {files: map[string]string{"main.go": goMain, "alloc.go": cgoFile, "Dockerfile": strings.Replace(df, "golang:1.26", "golang:1.26-bullseye", 1)},
			cgo: true, runtime: "debian:bullseye-slim", reason: `alloc.go imports "C"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			files := map[string]string{"go.mod": "module x\n\ngo 1.26\n", "Dockerfile": df}
			for k, v := range c.files {
				files[k] = v
			}
			res := optimizeFiles(t, files, Options{})
			out := string(res.Dockerfile)
			if res.Ecosystem != "go" || !strings.Contains(out, "\nFROM "+c.runtime+" AS runtime\n") {
				t.Fatalf("%s: want runtime %s:\n%s", res.Ecosystem, c.runtime, out)
			}
			wantEnv := map[bool]string{true: "CGO_ENABLED=1 go build", false: "CGO_ENABLED=0 go build"}[c.cgo]
			if !strings.Contains(out, wantEnv) {
				t.Errorf("want %q:\n%s", wantEnv, out)
			}
			ch := changeTitled(res, "cgo binary on ")
			if c.cgo != (ch != nil) || c.cgo && !strings.Contains(ch.Why, c.reason) {
				t.Errorf("cgo change %+v, want reason %q", ch, c.reason)
			}
			if !c.cgo && changeTitled(res, "Static binary on scratch") == nil {
				t.Errorf("no static-binary change: %+v", res.Changes)
			}
		})
	}
}

// A golang tag without a Debian release follows the image's default release: a cgo build is
// pinned to the bookworm variant, whose glibc debian:bookworm-slim has; a tag that names its
// release or libc keeps it and gets the runtime of that release.
func TestGoLibcRuntime(t *testing.T) {
	for tag, want := range map[string][3]string{
		"1.26":             {"debian:bookworm-slim", "1.26-bookworm"},
		"":                 {"debian:bookworm-slim", "bookworm"},
		"latest":           {"debian:bookworm-slim", "bookworm"},
		"${GO_VERSION}":    {"debian:bookworm-slim", "${GO_VERSION}-bookworm"},
		"1.26-bookworm":    {"debian:bookworm-slim", ""},
		"1.26.8-trixie":    {"debian:trixie-slim", ""},
		"1.22-bullseye":    {"debian:bullseye-slim", ""},
		"1.26-alpine3.22":  {"alpine:3.22", ""},
		"1.26-alpine":      {"alpine", ""},
		"alpine3.21":       {"alpine:3.21", ""},
		"1.26-bookworm@sh": {"debian:bookworm-slim", ""},
	} {
		base, pinned, why := goLibcRuntime(tag)
		if base != want[0] || pinned != want[1] || why == "" {
			t.Errorf("goLibcRuntime(%q) = %q, %q, %q; want %q, %q", tag, base, pinned, why, want[0], want[1])
		}
	}
}

// With platforms, a static build runs on $BUILDPLATFORM and compiles for each target; the
// result is pinned as a golden file, parses, and settles. A cgo build is not cross-compiled
// and says why; a Python service says it builds on each platform's image.
func TestGoPlatforms(t *testing.T) {
	opt := Options{Platforms: []string{"linux/amd64", "linux/arm64"}}
	dir := copyContext(t, filepath.Join("..", "examples", "go-api"))
	res, _, err := optimizeDir(t, dir, "Dockerfile", opt)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "golden", "go-api-platforms", "Dockerfile.optimized"), res.Dockerfile)
	out := string(res.Dockerfile)
	for _, want := range []string{"FROM --platform=$BUILDPLATFORM golang:1.26 AS build\n", "\nARG TARGETOS TARGETARCH\n",
		"CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build", "\nFROM scratch AS runtime\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if changeTitled(res, "Cross-compiled for linux/amd64, linux/arm64") == nil {
		t.Errorf("no cross-compile change: %+v", res.Changes)
	}
	again, _, err := optimizeDir(t, writeBack(t, dir, res.Dockerfile), "Dockerfile", opt)
	if err != nil || string(again.Dockerfile) != out {
		t.Errorf("optimizing the output again changes it (%v):\n%s", err, again.Dockerfile)
	}

	cgo := optimizeFiles(t, map[string]string{"main.go": goMain, "go.mod": "module x\n\ngo 1.26\n\nrequire github.com/mattn/go-sqlite3 v1.14.24\n",
		"Dockerfile": "FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /server .\nCMD [\"/server\"]\n"}, opt)
	if strings.Contains(string(cgo.Dockerfile), "BUILDPLATFORM") || !hasNote(cgo, "not cross-compiled for linux/amd64, linux/arm64: the program needs cgo (go.mod requires github.com/mattn/go-sqlite3") {
		t.Errorf("cgo with platforms: notes %q\n%s", cgo.Notes, cgo.Dockerfile)
	}
	py := optimizeFiles(t, map[string]string{"requirements.txt": "flask\n", "app.py": "print(1)\n",
		"Dockerfile": "FROM python:3\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"}, opt)
	if !hasNote(py, "not cross-compiled for linux/amd64, linux/arm64: the base image python:3 names no Python version") {
		t.Errorf("python with platforms: notes %q", py.Notes)
	}
	plain := optimizeFiles(t, map[string]string{"requirements.txt": "flask\n", "app.py": "print(1)\n",
		"Dockerfile": "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"}, Options{})
	if hasNote(plain, "cross-compiled") {
		t.Errorf("without platforms: notes %q", plain.Notes)
	}
}

func hasNote(res *Result, prefix string) bool {
	for _, n := range res.Notes {
		if strings.HasPrefix(n, prefix) {
			return true
		}
	}
	return false
}

// writeBack writes the optimized Dockerfile over the context's Dockerfile and returns dir.
func writeBack(t *testing.T, dir string, df []byte) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), df, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The module and build caches are cache mounts where the build stage's environment puts
// them (GOMODCACHE, GOPATH, GOCACHE), else at pkgmgr's defaults.
func TestGoCacheMounts(t *testing.T) {
	for env, want := range map[string][2]string{
		"":                                    {"/go/pkg/mod", "/root/.cache/go-build"},
		"ENV GOPATH=/gopath\n":                {"/gopath/pkg/mod", "/root/.cache/go-build"},
		"ENV GOPATH=/a:/b GOCACHE=/cache\n":   {"/a/pkg/mod", "/cache"},
		"ENV GOMODCACHE=/mods GOPATH=/gp\n":   {"/mods", "/root/.cache/go-build"},
		"ARG GOCACHE=/argcache\n":             {"/go/pkg/mod", "/argcache"},
		"ENV GOCACHE=relative GOPATH=rel/x\n": {"/go/pkg/mod", "/root/.cache/go-build"},
	} {
		res := optimizeFiles(t, map[string]string{"main.go": goMain, "go.mod": "module x\n\ngo 1.26\n",
			"Dockerfile": "FROM golang:1.26\n" + env + "WORKDIR /src\nCOPY . .\nRUN go build -o /server .\nCMD [\"/server\"]\n"}, Options{})
		out := string(res.Dockerfile)
		mod, build := "--mount=type=cache,target="+want[0], "--mount=type=cache,target="+want[1]
		if !strings.Contains(out, "RUN "+mod+" \\\n    go mod download") || !strings.Contains(out, "RUN "+mod+" \\\n    "+build+" \\\n    CGO_ENABLED=0 go build") {
			t.Errorf("env %q: want %s and %s:\n%s", env, mod, build, out)
		}
		f, err := dockerfile.Parse("Dockerfile", res.Dockerfile, dockerfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		mounts := 0
		for _, in := range f.Instructions {
			if fl, ok := in.Flag("mount"); ok && strings.HasPrefix(fl, "type=cache") {
				mounts++
			}
		}
		if mounts != 2 {
			t.Errorf("env %q: %d RUNs with a cache mount, want 2", env, mounts)
		}
	}
}

// //go:embed compiles files into the binary, and a literal that names a package directory is
// not data: neither is copied into the runtime image, by the recipe or by a split.
func TestGoEmbedNotCopied(t *testing.T) {
	files := map[string]string{
		"go.mod": "module example.com/s\n\ngo 1.26\n",
		"main.go": "package main\n\nimport (\n\t\"embed\"\n\t\"net/http\"\n\t\"os\"\n)\n\n//go:embed web\nvar web embed.FS\n\n" +
			"func main() {\n\tos.ReadFile(\"web/static/app.css\")\n\tos.ReadDir(\"internal/handlers\")\n\tos.ReadFile(\"data/seed.json\")\n\thttp.ListenAndServe(\":8080\", nil)\n}\n",
		"web/index.html": "<h1>x</h1>", "web/static/app.css": "h1{}", "internal/handlers/h.go": "package handlers\n", "data/seed.json": "[]",
		"Dockerfile": "FROM golang:1.26\nWORKDIR /srv\nCOPY . .\nRUN go build -o /srv/server .\nCMD [\"/srv/server\"]\n",
	}
	res := optimizeFiles(t, files, Options{})
	ctx, err := buildctx.Scan(writeContext(t, files), "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	refs := sourceReferences(ctx)
	if strings.Join(refs.Read, ",") != "data/seed.json" || strings.Join(refs.Embedded, ",") != "web" {
		t.Errorf("references: read %q, embedded %q", refs.Read, refs.Embedded)
	}
	out := string(res.Dockerfile)
	if !strings.Contains(out, "COPY --from=build /src/data/seed.json ./data/seed.json") || strings.Contains(out, "/src/web") || strings.Contains(out, "handlers") {
		t.Errorf("runtime copies:\n%s", out)
	}
	// the same program in a two-stage file whose final stage runs on golang: the split copies
	// the binary and data/seed.json only
	files["Dockerfile"] = "FROM golang:1.26 AS base\nWORKDIR /srv\n\nFROM base AS app\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /srv/server .\nCMD [\"/srv/server\"]\n"
	split := optimizeFiles(t, files, Options{})
	out = string(split.Dockerfile)
	if !strings.Contains(out, "COPY --from=app-build /srv/data/seed.json /srv/data/seed.json") || strings.Contains(out, "/srv/web") || strings.Contains(out, "handlers") {
		t.Errorf("split copies:\n%s", out)
	}
}

// A split golang stage whose build does not disable cgo: the runtime is the slim image of the
// build's C library, with CA certificates; a tag without a Debian release is pinned to
// bookworm, and the reason names what needs cgo.
func TestSplitGoCgo(t *testing.T) {
	files := map[string]string{"main.go": goMain, "go.mod": "module x\n\ngo 1.26\n\nrequire github.com/mattn/go-sqlite3 v1.14.24\n",
		"Dockerfile": "FROM golang:1.26 AS base\nWORKDIR /src\n\nFROM base AS app\nCOPY . .\nRUN go build -o /src/server .\nCMD [\"/src/server\"]\n"}
	res := optimizeFiles(t, files, Options{})
	out := string(res.Dockerfile)
	for _, want := range []string{"FROM golang:1.26-bookworm AS base\n", "FROM debian:bookworm-slim AS app\n",
		"COPY --from=app-build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	ch := changeTitled(res, "The build runs in its own stage")
	if ch == nil || !strings.Contains(ch.Why, "The program needs cgo (go.mod requires github.com/mattn/go-sqlite3") {
		t.Errorf("split change %+v", ch)
	}
	files["Dockerfile"] = strings.Replace(files["Dockerfile"], "golang:1.26 AS", "golang:1.26-trixie AS", 1)
	out = string(optimizeFiles(t, files, Options{}).Dockerfile)
	if !strings.Contains(out, "FROM golang:1.26-trixie AS base\n") || !strings.Contains(out, "FROM debian:trixie-slim AS app\n") {
		t.Errorf("trixie:\n%s", out)
	}
}

// A Go service without a probe flag gets no HEALTHCHECK, but the report still knows its port,
// so the migration snippet publishes it (a new-user trial: `docker run` without -p).
func TestGoRecipePortWithoutHealthcheck(t *testing.T) {
	res := optimizeFiles(t, map[string]string{
		"Dockerfile": "FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nEXPOSE 8080\nCMD [\"/app\"]\n",
		"go.mod":     "module example.com/a\n\ngo 1.26\n",
		"main.go":    "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n",
	}, Options{})
	if res.Healthcheck != "" {
		t.Fatalf("a HEALTHCHECK without a probe flag: %s", res.Healthcheck)
	}
	if res.Port != 8080 {
		t.Errorf("report's port %d, want 8080", res.Port)
	}
}

// A Go source that listens on another port than the Dockerfile EXPOSEs gets a note naming
// both (a new-user trial: EXPOSE 8080, ListenAndServe(":8000"), and measure waited 2 minutes).
func TestGoPortMismatchNote(t *testing.T) {
	files := map[string]string{
		"Dockerfile": "FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nEXPOSE 8080\nCMD [\"/app\"]\n",
		"go.mod":     "module example.com/a\n\ngo 1.26\n",
		"main.go":    "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8000\", nil) }\n",
	}
	noted := func(res *Result) bool {
		for _, n := range res.Notes {
			if strings.Contains(n, "EXPOSEs 8080, but main.go listens on :8000") {
				return true
			}
		}
		return false
	}
	if res := optimizeFiles(t, files, Options{}); !noted(res) {
		t.Errorf("no note on the port: %q", res.Notes)
	}
	files["main.go"] = "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n"
	if res := optimizeFiles(t, files, Options{}); noted(res) {
		t.Errorf("a note on the port the source does listen on: %q", res.Notes)
	}
}

// A golang stage that builds with make and copies the programs into a PATH directory, and
// whose ENTRYPOINT names one without a slash (cloudflare/cfssl: `make all && cp bin/*
// /usr/bin/`, ENTRYPOINT ["cfssl"]), is split: only that program, looked up in PATH, goes to
// the runtime, which keeps cgo's C library (go.mod requires go-sqlite3). A cp with no build
// before it in its RUN, or a name no PATH directory gets, is not taken for the program.
func TestGoProgramInstalledByMake(t *testing.T) {
	files := map[string]string{"main.go": goMain, "go.mod": "module x\n\ngo 1.26\n\nrequire github.com/mattn/go-sqlite3 v1.14.22\n",
		"Makefile":   "all: bin/cfssl bin/cfssljson\nbin/%:\n\tgo build -o $@ ./cmd/$(@F)\n",
		"Dockerfile": "FROM golang:1.26\nWORKDIR /workdir\nCOPY . /workdir\nRUN make clean && make all && cp bin/* /usr/bin/\nEXPOSE 8888\nENTRYPOINT [\"cfssl\"]\nCMD [\"serve\", \"-port\", \"8888\"]\n"}
	res := optimizeFiles(t, files, Options{})
	out := string(res.Dockerfile)
	for _, want := range []string{"FROM debian:bookworm-slim AS runtime\n", "COPY --from=runtime-build /usr/bin/cfssl /usr/bin/cfssl\n",
		"ENTRYPOINT [\"cfssl\"]\nCMD [\"serve\", \"-port\", \"8888\"]\n", "USER 10001:10001\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "/workdir/cfssl") || strings.Contains(out, "cfssljson") {
		t.Errorf("copies more than the program:\n%s", out)
	}
	ch := changeTitled(res, "The build runs in its own stage")
	if ch == nil || !strings.Contains(ch.Why, "The program needs cgo (go.mod requires github.com/mattn/go-sqlite3") {
		t.Errorf("split change %+v", ch)
	}
	if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, "runs /usr/bin/cfssl, which line 4 builds with make") }) {
		t.Errorf("notes %q", res.Notes)
	}
	// the report names the stack the split moved, not "no Go build recognised"
	if !strings.HasPrefix(res.EcosystemWhy, "a Go project: ") {
		t.Errorf("ecosystem why %q", res.EcosystemWhy)
	}
	for name, df := range map[string]string{
		"cp without a build": "FROM golang:1.26\nWORKDIR /workdir\nCOPY . /workdir\nRUN cp bin/* /usr/bin/\nENTRYPOINT [\"cfssl\"]\n",
		"not in PATH":        "FROM golang:1.26\nWORKDIR /workdir\nCOPY . /workdir\nRUN make all && cp bin/* /opt/tools/\nENTRYPOINT [\"cfssl\"]\n",
	} {
		files["Dockerfile"] = df
		res := optimizeFiles(t, files, Options{})
		if changeTitled(res, "The build runs in its own stage") != nil {
			t.Errorf("%s: split:\n%s", name, res.Dockerfile)
		}
		if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, "runs /workdir/cfssl, which no `go build -o`") }) {
			t.Errorf("%s: notes %q", name, res.Notes)
		}
	}
}

// An ENTRYPOINT that names the program without a slash runs what PATH finds, not a file in
// the working directory: `go build -o /usr/local/bin/app` then ENTRYPOINT ["app"] is split.
func TestGoProgramFoundInPath(t *testing.T) {
	files := map[string]string{"main.go": goMain, "go.mod": "module x\n\ngo 1.26\n",
		"Dockerfile": "FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /usr/local/bin/app .\nENTRYPOINT [\"app\"]\n"}
	out := string(optimizeFiles(t, files, Options{}).Dockerfile)
	if !strings.Contains(out, "/usr/local/bin/app") || strings.Contains(out, "/src/app") || !strings.Contains(out, "\nFROM scratch") {
		t.Errorf("not split onto scratch with the binary found in PATH:\n%s", out)
	}
}

func TestCopiedProgram(t *testing.T) {
	path := []string{"/usr/local/bin", "/usr/bin"}
	for _, c := range []struct {
		args       []string
		prog, want string
		dirs       []string
	}{
		{[]string{"bin/*", "/usr/bin/"}, "cfssl", "/usr/bin/cfssl", path},
		{[]string{"-v", "bin/cfssl", "bin/mkbundle", "/usr/local/bin"}, "cfssl", "/usr/local/bin/cfssl", path},
		{[]string{"bin/other", "/usr/bin/"}, "cfssl", "", path},
		{[]string{"bin/*", "/opt/bin"}, "cfssl", "", path},
		{[]string{"bin/cfssl"}, "cfssl", "", path},
		{[]string{"build/server", "/app/server"}, "/app/server", "/app/server", nil},
		{[]string{"build/server", "/app/"}, "/app/server", "/app/server", nil},
		{[]string{"build/*", "/app/server"}, "/app/server", "", nil},
		{[]string{"server", "out"}, "/w/out/server", "/w/out/server", nil},
	} {
		if got := copiedProgram(c.args, "/w", c.prog, c.dirs); got != c.want {
			t.Errorf("copiedProgram(%q, %q) = %q, want %q", c.args, c.prog, got, c.want)
		}
	}
}

// go/build reads the context through buildctx: a FIFO named *.go (which a read from disk
// would wait on for ever) is no file, and a cgo file in a subdirectory is still found.
func TestGoPackagesReadThroughBuildContext(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"go.mod":       "module x\n\ngo 1.26\n",
		"Dockerfile":   "FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /server .\nCMD [\"/server\"]\n",
		"main.go":      goMain,
		"sub/alloc.go": "package sub\n\n// #include <stdlib.h>\nimport \"C\"\n\nfunc Free() { C.free(nil) }\n",
	})
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.go"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan *Result, 1)
	go func() {
		res, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
		if err != nil {
			t.Error(err)
		}
		done <- res
	}()
	select {
	case res := <-done:
		if res == nil {
			return
		}
		if ch := changeTitled(res, "cgo binary on "); ch == nil || !strings.Contains(ch.Why, `sub/alloc.go imports "C"`) {
			t.Errorf("cgo change %+v, want sub/alloc.go's import", ch)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("optimize blocked on a FIFO named pipe.go")
	}
}

// A Go file over buildctx's size limit is not read: the package's other files still are, and
// the report names the file instead of saying that no file imports "C".
func TestGoFileTooLargeToRead(t *testing.T) {
	big := "package main\n\n// " + strings.Repeat("x", buildctx.MaxFileBytes) + "\n\nimport \"C\"\n\nvar _ = C.int(0)\n"
	res := optimizeFiles(t, map[string]string{
		"go.mod":     "module x\n\ngo 1.26\n",
		"Dockerfile": "FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /server .\nCMD [\"/server\"]\n",
		"main.go":    goMain,
		"big.go":     big,
		"sub/a.go":   "package sub\n\n// #include <stdlib.h>\nimport \"C\"\n\nfunc Free() { C.free(nil) }\n",
	}, Options{})
	if ch := changeTitled(res, "cgo binary on "); ch == nil || !strings.Contains(ch.Why, `sub/a.go imports "C"`) {
		t.Errorf("cgo change %+v: sub/a.go should still be read", ch)
	}
	res = optimizeFiles(t, map[string]string{
		"go.mod":     "module x\n\ngo 1.26\n",
		"Dockerfile": "FROM golang:1.26\nWORKDIR /src\nCOPY . .\nRUN go build -o /server .\nCMD [\"/server\"]\n",
		"main.go":    goMain,
		"big.go":     big,
	}, Options{})
	ch := changeTitled(res, "Static binary on scratch")
	if ch == nil || strings.Contains(ch.Why, `no file imports "C"`) || !strings.Contains(ch.Why, "not read: big.go") {
		t.Errorf("static change %+v: it must name big.go as not read", ch)
	}
}
