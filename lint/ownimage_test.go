package lint

import (
	"path/filepath"
	"testing"
)

// The repository's own Dockerfile (dockopt's image) has nothing left to fix: lint with its
// build context (the repository) reports nothing. (cmd/dockopt's TestOwnDockerfileOptimizesToItself
// checks that optimize changes nothing in it.)
func TestOwnDockerfileLintsClean(t *testing.T) {
	path := filepath.Join("..", "Dockerfile")
	res := RunFiles([]string{path}, FilesOptions{})
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	for _, f := range res[0].Findings {
		t.Errorf("%s:%d: %s %s: %s", f.File, f.Line, f.Rule.ID, f.Rule.Name, f.Message)
	}
}
