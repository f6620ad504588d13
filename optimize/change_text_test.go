package optimize

import (
	"strings"
	"testing"
)

// A change's Before is the original's text and its After the output's, read before the pass
// rewrote the file (the manifests pass used to read the old offsets in the new text), and a
// stage the split names is not quoted with that name as if the original had it.
func TestChangeTextIsTheOriginal(t *testing.T) {
	df := "FROM golang:1.26 AS base\nRUN true\n\nFROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"index.js\"]\n"
	res := optimizeFiles(t, map[string]string{"Dockerfile": df, "package.json": `{"name":"x","dependencies":{"express":"4"}}`,
		"package-lock.json": `{"name":"x","lockfileVersion":3,"packages":{}}`, "index.js": "require('express')\n"}, Options{})
	var manifests, split *Change
	for i, c := range res.Changes {
		switch {
		case strings.Contains(c.Before, "npm ci"):
			manifests = &res.Changes[i]
		case strings.HasPrefix(c.Title, "The build runs in its own stage"):
			split = &res.Changes[i]
		}
	}
	if manifests == nil {
		t.Fatalf("no manifests change: %+v", res.Changes)
	}
	// After quotes the file written, the cache mount a later pass added included (syncAfter)
	if manifests.Before != "COPY . .\nRUN npm ci" || !strings.Contains(string(res.Dockerfile), manifests.After) ||
		manifests.After != "COPY package.json package-lock.json ./\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci --prefer-offline\nCOPY . ." {
		t.Errorf("manifests change:\nBefore %q\nAfter  %q", manifests.Before, manifests.After)
	}
	if split == nil {
		t.Fatalf("no split change: %+v", res.Changes)
	}
	if split.Before != "FROM node:20" || strings.Contains(split.Why, "keeps its name") {
		t.Errorf("split change quotes a name the original did not have: Before %q, Why %q", split.Before, split.Why)
	}
}
