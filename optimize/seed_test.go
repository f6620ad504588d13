package optimize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The seed report's Dockerfile (testdata/realworld/seed-fastapi): its four faults are
// repaired, each with its change, and lint finds none of them in the output.
func TestSeedFixture(t *testing.T) {
	dir := copyContext(t, filepath.Join("..", "testdata", "realworld", "seed-fastapi"))
	res, _, _ := run(t, dir)
	gdir := filepath.Join("testdata", "golden", "seed-fastapi")
	os.MkdirAll(gdir, 0o755)
	golden(t, filepath.Join(gdir, "Dockerfile.optimized"), res.Dockerfile)
	golden(t, filepath.Join(gdir, "dockerignore"), []byte(res.Ignore.Text()))
	checkInvariants(t, dir, res, false)
	for _, id := range []string{"DO402", "DO111", "DO506", "DO509"} {
		if changeFor(res, id) == nil {
			t.Errorf("no change resolves %s", id)
		}
		if leftAfter(res, id) {
			t.Errorf("%s is left in the output: %v", id, res.LeftAfter)
		}
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "--http httptools was removed") {
		t.Errorf("notes: %v", res.Notes)
	}
}
