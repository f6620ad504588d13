package bkparser

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	upstream "github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dockopt/dockopt/internal/testenv"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/parser"
)

// edgeCases are inputs around the changed line-continuation test: escape tokens with
// trailing blanks, escaped escape tokens, a lone token, the backtick escape, CR LF endings,
// a byte order mark, empty and comment lines inside continuations, heredocs, and errors.
var edgeCases = []string{
	"FROM alpine\nRUN echo a \\\n  b\n",
	"FROM alpine\nRUN echo a \\  \t\n  b\n",
	"FROM alpine\nRUN echo a\\\\\nRUN echo b\n",
	"FROM alpine\nRUN echo a \\\\\\\nRUN echo b\n",
	"FROM alpine\nRUN echo a \\\n\\\n  b\n",
	"FROM alpine\nRUN echo a \\\n\n\n  b\n",
	"FROM alpine\nRUN echo a \\\n# comment \\\n  b\n",
	"FROM alpine\nRUN echo a \\\n   \t\n  b\n",
	"FROM alpine\nRUN echo a \\",
	"FROM alpine\nRUN \\\n",
	"FROM alpine\r\nRUN echo a \\\r\n  b\r\n",
	"\ufeffFROM alpine\nRUN echo a\n",
	"# escape=`\nFROM windows\nRUN echo a `\n  b\nRUN echo c \\\nRUN echo d ``\nRUN e\n",
	"# escape=`\nFROM windows\nRUN echo a `  \n `\n  b\n",
	"# escape=x\nFROM alpine\n",
	"# syntax=docker/dockerfile:1\n# escape=\\\nFROM alpine\nRUN a \\\n b\n",
	"FROM alpine\nRUN <<EOF\necho a \\\necho b\nEOF\n",
	"FROM alpine\nRUN <<-EOF cat\n\techo a\n\tEOF\nRUN b\n",
	"FROM alpine\nCOPY <<A <<B /dst/\na\nA\nb \\\nB\n",
	"FROM alpine\nRUN <<EOF\nnot terminated\n",
	"FROM alpine\nONBUILD RUN <<EOF\nx\nEOF\n",
	"FROM alpine\nENV A=1 \\\n    B=2\nLABEL a=b \\\n  c=d\n",
	"FROM alpine\nHEALTHCHECK --interval=5s \\\n  CMD curl -f http://x/ || exit 1\n",
	"FROM alpine\nEXPOSE 80 \\\n 443/tcp\n",
	"FROM alpine\nCMD [\"a\", \\\n \"b\"]\n",
	"# just a comment\n",
	"\\\n",
	"FROM alpine\nRUN a" + strings.Repeat("b", 70000) + "\n",
	"FROM alpine\nNOTANINSTRUCTION x \\\n y\n",
	"FROM alpine\nRUN --mount=type=cache,target=/root/.cache \\\n  --network=none \\\n  pip install x\n",
	"FROM alpine\nRUN echo \u00e9\\\n  b\nRUN \u00e9 \\ \u00e9\n",
}

// copiedFrom is the BuildKit version the files were copied from.
const copiedFrom = "v0.34.2"

// TestCopiedVersion: go.mod's BuildKit is the version copied; after an upgrade the files must
// be copied again (see the package comment).
func TestCopiedVersion(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", "github.com/moby/buildkit").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	if v := strings.TrimSpace(string(out)); v != copiedFrom {
		t.Errorf("go.mod requires BuildKit %s, the parser was copied from %s: copy parser.go, line_parsers.go and split_command.go again and re-apply the CHANGED lines", v, copiedFrom)
	}
}

// TestSameAsBuildKit: the copy gives what BuildKit's parser.Parse gives (AST, escape token,
// warnings, errors with their locations) on the edge cases, BuildKit's own parser test files,
// dockopt's rule test files and the shared corpus. The types are those of third_party's copy
// of the parser package and BuildKit's own, so results are compared as JSON (every field is
// exported).
func TestSameAsBuildKit(t *testing.T) {
	inputs := map[string][]byte{}
	for i, s := range edgeCases {
		inputs[fmt.Sprintf("edge case %d", i)] = []byte(s)
	}
	if out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/moby/buildkit").Output(); err == nil {
		dir := filepath.Join(strings.TrimSpace(string(out)), "frontend", "dockerfile", "parser")
		n := addFiles(t, inputs, filepath.Join(dir, "testfiles"), filepath.Join(dir, "testfiles-negative"))
		if n < 30 {
			t.Errorf("%d of BuildKit's parser test files found under %s", n, dir)
		}
	} else {
		t.Logf("BuildKit's test files not compared: go list: %v", err)
	}
	if n := addFiles(t, inputs, "../../../rules/testdata"); n < 100 {
		t.Errorf("%d rule test files found", n)
	}
	n := addFiles(t, inputs, "../../../../shared/corpus")
	t.Logf("corpus: %d files", n)
	if n == 0 && testenv.InCI() {
		t.Error("no corpus files under ../shared/corpus: CI must compare them")
	}
	for name, src := range inputs {
		want, wantErr := upstream.Parse(bytes.NewReader(src))
		got, gotErr := Parse(bytes.NewReader(src))
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || asJSON(t, locations(gotErr)) != asJSON(t, upstreamLocations(wantErr)) {
			t.Errorf("%s: error %v %v, BuildKit's %v %v", name, gotErr, locations(gotErr), wantErr, upstreamLocations(wantErr))
			continue
		}
		if asJSON(t, got) != asJSON(t, want) {
			t.Errorf("%s: the result differs from BuildKit's:\n%s\nBuildKit's:\n%s", name, dump(got), upstreamDump(want))
		}
	}
}

// addFiles adds the Dockerfiles under the directories (files named *Dockerfile*, or any file
// of a directory named testfiles*); it returns how many.
func addFiles(t *testing.T, inputs map[string][]byte, dirs ...string) int {
	n := 0
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if !strings.Contains(d.Name(), "Dockerfile") && !strings.Contains(path, "testfiles") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			inputs[path] = src
			n++
			return nil
		})
	}
	return n
}

func locations(err error) [][]parser.Range {
	var le *parser.LocationError
	if err == nil || !errors.As(err, &le) {
		return nil
	}
	return le.Locations
}

func upstreamLocations(err error) [][]upstream.Range {
	var le *upstream.LocationError
	if err == nil || !errors.As(err, &le) {
		return nil
	}
	return le.Locations
}

func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func dump(r *parser.Result) string {
	if r == nil {
		return "<nil>"
	}
	return fmt.Sprintf("escape %q warnings %+v\n%s", r.EscapeToken, r.Warnings, r.AST.Dump())
}

func upstreamDump(r *upstream.Result) string {
	if r == nil {
		return "<nil>"
	}
	return fmt.Sprintf("escape %q warnings %+v\n%s", r.EscapeToken, r.Warnings, r.AST.Dump())
}

// TestWhitespaceSplitter: the splitter gives regexp's Split for `[\t\v\f\r ]+` on every string
// of up to five characters from a small alphabet, for n = -1, 0, 1, 2, 3.
func TestWhitespaceSplitter(t *testing.T) {
	re := regexp.MustCompile(`[\t\v\f\r ]+`)
	alphabet := []string{"a", " ", "\t", "\v", "\f", "\r", "\n", "é", "="}
	var inputs []string
	var grow func(s string)
	grow = func(s string) {
		inputs = append(inputs, s)
		if len([]rune(s)) < 5 {
			for _, c := range alphabet {
				grow(s + c)
			}
		}
	}
	grow("")
	for _, s := range inputs {
		for _, n := range []int{-1, 0, 1, 2, 3} {
			if got, want := reWhitespace.Split(s, n), re.Split(s, n); !reflect.DeepEqual(got, want) {
				t.Fatalf("Split(%q, %d) = %q, regexp's %q", s, n, got, want)
			}
		}
	}
	t.Logf("%d strings", len(inputs))
}
