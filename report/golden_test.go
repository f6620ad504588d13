package report

import (
	"os"
	"testing"
)

// checkGolden compares got with the golden file (go test ./report -update rewrites it).
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("differs from %s (go test ./report -update rewrites it):\n%s", golden, got)
	}
}
