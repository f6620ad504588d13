package buildctx

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestScanIgnoreAndGlob(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"app/main.py", "app/__pycache__/m.pyc", ".git/HEAD", "requirements.txt", "README.md"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte("12345"), 0o644)
	}
	os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte(".git\n**/__pycache__\n!README.md\n"), 0o644)
	c, err := Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if !c.Ignored(".git/HEAD") || !c.Ignored("app/__pycache__/m.pyc") || c.Ignored("app/main.py") || c.Ignored("README.md") {
		t.Error("ignore matching wrong")
	}
	if got := c.Glob("app"); len(got) != 4 { // the directory, its subdirectory and two files
		t.Errorf("Glob(app) = %v", got)
	}
	if got := c.Glob("*.txt"); len(got) != 1 || got[0] != "requirements.txt" {
		t.Errorf("Glob(*.txt) = %v", got)
	}
	files, size := c.SizeBytes(".", false)
	if files != 4 || size != 46 { // main.py, requirements.txt, README.md, .dockerignore (31 bytes)
		t.Errorf("SizeBytes = %d files %d bytes, want 4 and 46", files, size)
	}
	if m := c.FoundManifests(); len(m) != 1 || m[0] != "requirements.txt" {
		t.Errorf("manifests = %v", m)
	}
}

func TestDockerfileSpecificIgnoreWins(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte("a\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "api.Dockerfile.dockerignore"), []byte("b\n"), 0o644)
	c, err := Scan(dir, "api.Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if c.DockerignorePath != "api.Dockerfile.dockerignore" || !c.Ignored("b") || c.Ignored("a") {
		t.Errorf("used %s", c.DockerignorePath)
	}
}

func TestInvalidIgnorePatternNamesFileAndLine(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte("ok\n[\n"), 0o644)
	_, err := Scan(dir, "Dockerfile")
	var ie *IgnoreFileError
	if !errors.As(err, &ie) || ie.Line != 2 || filepath.Base(ie.File) != ".dockerignore" {
		t.Fatalf("want an IgnoreFileError on line 2, got %v", err)
	}
	if _, err := Scan(filepath.Join(dir, "missing"), "Dockerfile"); err == nil {
		t.Error("a missing directory must be an error")
	}
}

// A Cache walks a directory once for all its Dockerfiles, reads each ignore file once, and
// gives each Dockerfile the context Scan gives it (its own <Dockerfile>.dockerignore first).
func TestCacheWalksOncePerDirectory(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"app/main.py", "requirements.txt", "a", "b"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o644)
	}
	os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte("a\n!app\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "api.Dockerfile.dockerignore"), []byte("b\n"), 0o644)
	names := []string{"Dockerfile", "api.Dockerfile", "web.Dockerfile", "Dockerfile.prod", "", "api.Dockerfile"}
	var cache Cache
	for _, n := range names {
		got, err := cache.Context(dir, n)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Scan(dir, n)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Entries, want.Entries) || got.DockerignorePath != want.DockerignorePath ||
			!reflect.DeepEqual(got.IgnorePatterns, want.IgnorePatterns) || got.Dir != want.Dir || got.Truncated != want.Truncated {
			t.Errorf("%q: cached context %+v, Scan gives %+v", n, got, want)
		}
		for _, p := range []string{"a", "b", "app/main.py", "requirements.txt"} {
			if got.Ignored(p) != want.Ignored(p) {
				t.Errorf("%q: Ignored(%s) = %v, Scan says %v", n, p, got.Ignored(p), want.Ignored(p))
			}
		}
	}
	if w := cache.Walks(); w != 1 {
		t.Errorf("%d walks of one directory for %d Dockerfiles, want 1", w, len(names))
	}
	// Dockerfile.dockerignore, web.Dockerfile.dockerignore, Dockerfile.prod.dockerignore (none
	// of which exists), api.Dockerfile.dockerignore and .dockerignore
	if len(cache.ignores) != 5 {
		t.Errorf("%d ignore files looked up, want 5", len(cache.ignores))
	}
	if _, err := cache.Context(filepath.Join(dir, "app"), "Dockerfile"); err != nil || cache.Walks() != 2 {
		t.Errorf("another directory: %v, %d walks", err, cache.Walks())
	}
	// errors are kept too: an invalid ignore file, a missing directory
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, ".dockerignore"), []byte("ok\n[\n"), 0o644)
	for range 2 {
		var ie *IgnoreFileError
		if _, err := cache.Context(bad, "Dockerfile"); !errors.As(err, &ie) || ie.Line != 2 {
			t.Errorf("invalid ignore file: %v", err)
		}
		if _, err := cache.Context(filepath.Join(dir, "missing"), "Dockerfile"); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("missing directory: %v", err)
		}
	}
}

// Shared computes once per walk, for every Context of it; LikelySecret answers the same from
// its shared table as from the path alone.
func TestSharedOncePerWalk(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{".env", "app/.env.production", "app/package.json", "keys/id_rsa", "main.py", "tests/.env"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "api.Dockerfile.dockerignore"), []byte("keys\n"), 0o644)
	var cache Cache
	calls := 0
	for _, n := range []string{"Dockerfile", "api.Dockerfile", "web.Dockerfile"} {
		c, err := cache.Context(dir, n)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Shared("count", func() any { calls++; return len(c.Entries) }).(int); got != len(c.Entries) {
			t.Errorf("Shared = %d", got)
		}
		for _, e := range c.Entries {
			if LikelySecret(c, e.Path) != likelySecret(c, e.Path) {
				t.Errorf("LikelySecret(%s) differs from its shared table", e.Path)
			}
		}
	}
	if calls != 1 {
		t.Errorf("Shared computed %d times for 3 Dockerfiles of one directory, want 1", calls)
	}
	if !LikelySecret(&Context{}, "x/.env") {
		t.Error("a Context without a walk must still answer")
	}
}

// Glob of a plain path (found by binary search) answers as matching every entry does.
func TestGlobPlainPathMatchesTheScan(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a", "a-b/x", "a.txt", "a/x", "a/y/z", "ab/c", "src/app/main.go", "src/app.py", "src/apps/x", "z"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p+"_"), nil, 0o644) // a file beside each directory
		if filepath.Base(p) != "a" {
			os.WriteFile(filepath.Join(dir, p), nil, 0o644)
		}
	}
	c, err := Scan(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	slow := func(pattern string) []string { // the loop Glob runs for wildcards
		pattern = clean(pattern)
		var out []string
		for _, e := range c.Entries {
			if ok, _ := filepath.Match(pattern, e.Path); ok {
				out = append(out, e.Path)
				continue
			}
			parts := strings.Split(e.Path, "/")
			for k := 1; k < len(parts); k++ {
				if ok, _ := filepath.Match(pattern, strings.Join(parts[:k], "/")); ok {
					out = append(out, e.Path)
					break
				}
			}
		}
		return out
	}
	for _, p := range []string{"a", "a/", "./a", "/a", "a/y", "a/y/z", "a-b", "a.txt", "ab", "src", "src/app", "src/app/", "src/apps", "missing", "a/missing", "z", "a_"} {
		if got, want := c.Glob(p), slow(p); !reflect.DeepEqual(got, want) {
			t.Errorf("Glob(%q) = %q, want %q", p, got, want)
		}
	}
}

// Children lists a directory's own entries in path order, also where a sibling's name sorts
// inside the directory's subtree ("a-x" between "a" and "a/b").
func TestChildren(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a/b", "a/c/d", "a-x", "a0", "top"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o644)
	}
	c, err := Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	names := func(es []Entry) string {
		var out []string
		for _, e := range es {
			out = append(out, e.Path)
		}
		return strings.Join(out, " ")
	}
	for rel, want := range map[string]string{".": "a a-x a0 top", "": "a a-x a0 top", "a": "a/b a/c", "a/": "a/b a/c",
		"a/c": "a/c/d", "a/b": "", "missing": "", "../a": "a/b a/c"} {
		if got := names(c.Children(rel)); got != want {
			t.Errorf("Children(%q) = %q, want %q", rel, got, want)
		}
	}
}
