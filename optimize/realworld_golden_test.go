package optimize

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// rwEntry is what this test reads of a real-world manifest (testdata/realworld/*/
// dockopt-test.yaml; e2e/realworld/realworld_test.go reads all of it).
type rwEntry struct {
	Name       string            `yaml:"name"`
	Context    string            `yaml:"context"`
	Dockerfile string            `yaml:"dockerfile"`
	Target     string            `yaml:"target"`
	BuildArgs  map[string]string `yaml:"build_args"`
}

// The planner's output on every real-world service, at the stage compose builds, is kept as
// a golden file (testdata/golden/realworld/<entry>.Dockerfile; go test ./optimize -update
// rewrites them, then review the diff), and optimizing it again changes nothing. The engine
// suite (e2e/realworld/realworld_test.go) builds and runs these outputs; this test shows each pass's
// effect on real multi-stage files in review.
func TestRealWorldGoldens(t *testing.T) {
	root := "../testdata/realworld"
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, d.Name(), "dockopt-test.yaml"))
		if err != nil {
			continue
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for {
			var e rwEntry
			if err := dec.Decode(&e); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", d.Name(), err)
			}
			name := d.Name()
			if e.Name != "" {
				name += "-" + e.Name
			}
			if e.Dockerfile == "" {
				e.Dockerfile = "Dockerfile"
			}
			n++
			t.Run(name, func(t *testing.T) {
				ctx := copyContext(t, filepath.Join(root, d.Name(), e.Context))
				opt := Options{Target: e.Target, BuildArgs: e.BuildArgs}
				res, _, err := optimizeDir(t, ctx, e.Dockerfile, opt)
				if err != nil {
					t.Fatal(err)
				}
				golden(t, filepath.Join("testdata", "golden", "realworld", name+".Dockerfile"), res.Dockerfile)
				if err := os.WriteFile(filepath.Join(ctx, e.Dockerfile), res.Dockerfile, 0o644); err != nil {
					t.Fatal(err)
				}
				again, _, err := optimizeDir(t, ctx, e.Dockerfile, opt)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(again.Dockerfile, res.Dockerfile) {
					t.Errorf("optimizing the output again changes it:\n%s", again.Dockerfile)
				}
				for _, c := range res.Changes {
					if strings.TrimSpace(c.Title) == "" || c.Title != strings.TrimSpace(c.Title) {
						t.Errorf("change title %q", c.Title)
					}
				}
			})
		}
	}
	if n < 12 {
		t.Errorf("%d real-world entries, want at least 12", n)
	}
}
