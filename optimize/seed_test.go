package optimize

import (
	"path/filepath"
	"strings"
	"testing"
)

// The seed report's Dockerfile (testdata/realworld/seed-fastapi; its output is a golden of
// TestRealWorldGoldens): its four faults are repaired, each with its change, and lint finds
// none of them in the output.
func TestSeedFixture(t *testing.T) {
	dir := copyContext(t, filepath.Join("..", "testdata", "realworld", "seed-fastapi"))
	res, _, _ := run(t, dir)
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
