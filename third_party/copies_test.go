// Package thirdparty_test checks the patched dependency copies of this directory (README.md).
package thirdparty_test

import (
	_ "crypto/sha512" // go-digest offers the algorithms linked in
	"encoding/json"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"
	"github.com/distribution/reference"
	"github.com/github/go-spdx/v2/spdxexp"
	digest "github.com/opencontainers/go-digest"
	"github.com/xeipuuv/gojsonschema"
	"golang.org/x/mod/modfile"
)

// markers end every line a copy changes: a regular expression compiled, or a table built,
// on first use instead of while the package initialises.
var markers = []string{"// dockopt: compiled on first use", "// dockopt: built on first use",
	"// dockopt: copied package", "// dockopt: no stack traces"}

// copies are the directories of this one, the module each replaces and the release copied.
var copies = []struct{ dir, module, version string }{
	{"reference", "github.com/distribution/reference", "v0.6.0"},
	{"go-digest", "github.com/opencontainers/go-digest", "v1.0.0"},
	{"gojsonschema", "github.com/xeipuuv/gojsonschema", "v1.2.0"},
	{"go-spdx", "github.com/github/go-spdx/v2", "v2.8.0"},
}

func TestGoModReplacesEachCopy(t *testing.T) {
	data, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range copies {
		required := ""
		for _, r := range mf.Require {
			if r.Mod.Path == c.module {
				required = r.Mod.Version
			}
		}
		if required != c.version {
			t.Errorf("go.mod requires %s %q; the copy in third_party/%s is of %s", c.module, required, c.dir, c.version)
		}
		replaced := ""
		for _, r := range mf.Replace {
			if r.Old.Path == c.module {
				replaced = r.New.Path
			}
		}
		if replaced != "./third_party/"+c.dir {
			t.Errorf("go.mod replaces %s by %q, want ./third_party/%s", c.module, replaced, c.dir)
		}
	}
}

// Each Go file of a copy is upstream's (formatted) but for lines that carry a marker; no
// file is added and only test files are left out. Indentation is not compared: a table moved
// into a function that builds it on first use is indented one level more, line for line.
func TestCopiesDifferOnlyInMarkedLines(t *testing.T) {
	if testing.Short() {
		t.Skip("fetches the upstream releases with go mod download")
	}
	for _, c := range copies {
		t.Run(c.dir, func(t *testing.T) {
			upstream := download(t, c.module+"@"+c.version)
			seen := map[string]bool{}
			err := filepath.WalkDir(upstream, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
					return err
				}
				rel, _ := filepath.Rel(upstream, p)
				seen[rel] = true
				want, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				if f, err := format.Source(want); err == nil {
					want = f
				}
				got, err := os.ReadFile(filepath.Join(c.dir, rel))
				if err != nil {
					t.Errorf("%s: missing from the copy: %v", rel, err)
					return nil
				}
				checkMarked(t, rel, unindent(string(want)), unindent(string(got)), nil)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			filepath.WalkDir(c.dir, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
					if rel, _ := filepath.Rel(c.dir, p); !seen[rel] {
						t.Errorf("%s: not in upstream %s", p, c.version)
					}
				}
				return nil
			})
		})
	}
}

// checkMarked fails for a line of got that is not in want and has no marker, and for a change
// that only removes upstream lines, unless removable accepts each of them.
func checkMarked(t *testing.T, name, want, got string, removable func(line string) bool) {
	t.Helper()
	d, err := udiff.ToUnifiedDiff("upstream/"+name, "copy/"+name, want, udiff.Lines(want, got), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range d.Hunks {
		added := 0
		for _, l := range h.Lines {
			if l.Kind == udiff.Insert {
				added++
				if !marked(l.Content) {
					t.Errorf("%s:%d: changed from upstream without the marker: %q", name, h.ToLine, strings.TrimSpace(l.Content))
				}
			}
		}
		if added == 0 {
			for _, l := range h.Lines {
				if l.Kind == udiff.Delete && (removable == nil || !removable(l.Content)) {
					t.Errorf("%s:%d: upstream lines removed: %q", name, h.FromLine, strings.TrimSpace(l.Content))
				}
			}
		}
	}
}

func marked(line string) bool {
	for _, m := range markers {
		if strings.HasSuffix(strings.TrimRight(line, "\r\n"), m) {
			return true
		}
	}
	return false
}

// unindent drops the leading white space of every line.
func unindent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimLeft(l, " \t")
	}
	return strings.Join(lines, "\n")
}

// download fetches a module release into the module cache and returns its directory.
func download(t *testing.T, modVersion string) string {
	t.Helper()
	cmd := exec.Command("go", "mod", "download", "-json", modVersion)
	cmd.Dir = t.TempDir() // outside this module: its replace directives do not apply
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GO111MODULE=on")
	out, err := cmd.Output()
	var m struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &m); err != nil || jerr != nil || m.Dir == "" {
		t.Fatalf("go mod download %s: %v %s %s", modVersion, err, m.Error, out)
	}
	return m.Dir
}

// The copies behave as upstream: the outcomes below are upstream's own (its tests' cases).
func TestReferenceParses(t *testing.T) {
	for in, want := range map[string]string{
		"ubuntu":                "docker.io/library/ubuntu",
		"python:3.12-slim":      "docker.io/library/python:3.12-slim",
		"ghcr.io/owner/app:1.2": "ghcr.io/owner/app:1.2",
		"localhost:5000/app@sha256:" + strings.Repeat("a", 64): "localhost:5000/app@sha256:" + strings.Repeat("a", 64),
		"[2001:db8::1]:5000/app:v1":                            "[2001:db8::1]:5000/app:v1",
	} {
		ref, err := reference.ParseNormalizedNamed(in)
		if err != nil || ref.String() != want {
			t.Errorf("ParseNormalizedNamed(%q) = %v, %v; want %s", in, ref, err, want)
		}
	}
	for _, bad := range []string{"library/UPPER", "app:", "app@sha256:abc", "a/b:" + strings.Repeat("t", 129), ""} {
		if ref, err := reference.ParseNormalizedNamed(bad); err == nil {
			t.Errorf("ParseNormalizedNamed(%q) = %v, want an error", bad, ref)
		}
	}
	id := strings.Repeat("0123456789abcdef", 4)
	if ref, err := reference.ParseAnyReference(id); err != nil || ref.String() != "sha256:"+id {
		t.Errorf("ParseAnyReference(ID) = %v, %v", ref, err)
	}
}

func TestDigestValidates(t *testing.T) {
	good := digest.Digest("sha256:" + strings.Repeat("ab", 32))
	if err := good.Validate(); err != nil {
		t.Errorf("%s: %v", good, err)
	}
	for _, bad := range []string{"sha256:" + strings.Repeat("ab", 31), "sha256:" + strings.Repeat("AB", 32), "sha256", "md5:" + strings.Repeat("a", 32)} {
		if err := digest.Digest(bad).Validate(); err == nil {
			t.Errorf("%s validated", bad)
		}
	}
	if _, err := digest.Parse("sha512:" + strings.Repeat("c", 128)); err != nil {
		t.Error(err)
	}
}

func TestJSONSchemaFormats(t *testing.T) {
	schema := gojsonschema.NewStringLoader(`{"type":"object","properties":{
		"host":{"type":"string","format":"hostname"},
		"id":{"type":"string","format":"uuid"},
		"ptr":{"type":"string","format":"json-pointer"},
		"rel":{"type":"string","format":"relative-json-pointer"},
		"tpl":{"type":"string","format":"uri-template"}}}`)
	for doc, valid := range map[string]bool{
		`{"host":"db.example.internal","id":"123e4567-e89b-12d3-a456-426614174000","ptr":"/a/b~1c","rel":"1/a","tpl":"http://x/{id}"}`: true,
		`{"host":"-bad-.example"}`: false,
		`{"id":"123e4567"}`:        false,
		`{"ptr":"a/b"}`:            false,
		`{"rel":"01"}`:             false,
		`{"tpl":"http://x/{id"}`:   false,
		`{"host":"` + strings.Repeat("a", 64) + `.example"}`: false,
	} {
		res, err := gojsonschema.Validate(schema, gojsonschema.NewStringLoader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if res.Valid() != valid {
			t.Errorf("%s: valid = %v, want %v (%v)", doc, res.Valid(), valid, res.Errors())
		}
	}
}

func TestSPDXValidates(t *testing.T) {
	for _, c := range []struct {
		expr  string
		valid bool
	}{
		{"MIT", true},
		{"apache-2.0", true},
		{"Apache-2.0 OR MIT", true},
		{"GPL-2.0-or-later WITH Classpath-exception-2.0", true},
		{"GPL-2.0+", true},  // a deprecated ID
		{"LGPL-2.1", true},  // deprecated, still valid
		{"Apache 2", false}, // not an ID
		{"MIT AND", false},  // incomplete expression
		{"NOT-A-LICENSE", false},
		{"MIT WITH Classpath-exception-2.0-nope", false},
	} {
		if ok, _ := spdxexp.ValidateLicenses([]string{c.expr}); ok != c.valid {
			t.Errorf("ValidateLicenses(%q) = %v, want %v", c.expr, ok, c.valid)
		}
	}
}
