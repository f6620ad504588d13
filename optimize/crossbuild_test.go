package optimize

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

var twoPlatforms = Options{Platforms: []string{"linux/amd64", "linux/arm64"}}

// stagePlatforms parses text with BuildKit's own parser and returns each stage's --platform
// flag by stage name.
func stagePlatforms(t *testing.T, text []byte) map[string]string {
	t.Helper()
	ast, err := parser.Parse(bytes.NewReader(text))
	if err != nil {
		t.Fatalf("BuildKit does not parse the output: %v\n%s", err, text)
	}
	stages, _, err := instructions.Parse(ast.AST, nil)
	if err != nil {
		t.Fatalf("BuildKit does not parse the output's instructions: %v\n%s", err, text)
	}
	out := map[string]string{}
	for _, s := range stages {
		out[s.Name] = s.Platform
	}
	return out
}

// A static front-end's build writes files that are the same for every platform: with
// --platform its build stage runs on $BUILDPLATFORM and the runtime (nginx, or node slim
// with serve installed there) stays on the target platform; without --platform nothing
// changes.
func TestCrossBuildStaticFrontend(t *testing.T) {
	preview := map[string]string{
		"Dockerfile": "FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\nEXPOSE 4173\nCMD [\"npm\", \"run\", \"preview\", \"--\", \"--host\", \"0.0.0.0\"]\n",
		"package.json": `{"scripts": {"build": "tsc && vite build", "preview": "vite preview"},
			"devDependencies": {"vite": "^5.0.0", "typescript": "^5.0.0"}}`,
		"package-lock.json": "{}",
		"vite.config.ts":    "export default {}\n",
	}
	serveDir := copyContext(t, "../testdata/realworld/santuy-frontend")
	serveFiles := map[string]string{}
	filepath.WalkDir(serveDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(serveDir, p)
			data, _ := os.ReadFile(p)
			serveFiles[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	for name, tc := range map[string]struct {
		files          map[string]string
		build, runtime string
	}{
		"vite-preview-platforms":    {preview, "FROM --platform=$BUILDPLATFORM node:20 AS runtime-build\n", "FROM nginx:1.22 AS runtime\n"},
		"santuy-frontend-platforms": {serveFiles, "FROM --platform=$BUILDPLATFORM node:20 AS runtime-build\n", "FROM node:20-slim AS runtime\n"},
	} {
		t.Run(name, func(t *testing.T) {
			res := optimizeFiles(t, tc.files, twoPlatforms)
			golden(t, filepath.Join("testdata", "golden", name, "Dockerfile.optimized"), res.Dockerfile)
			mustContain(t, string(res.Dockerfile), tc.build, tc.runtime)
			pl := stagePlatforms(t, res.Dockerfile)
			if pl["runtime-build"] != "$BUILDPLATFORM" || pl["runtime"] != "" {
				t.Errorf("stage platforms %v", pl)
			}
			ch := changeTitled(res, "Build on $BUILDPLATFORM for linux/amd64, linux/arm64")
			if ch == nil || !strings.Contains(ch.Why, multiPlatformSource) || !strings.Contains(ch.Why, "static files") {
				t.Errorf("change %+v", ch)
			}
			if hasNote(res, "not cross-compiled") {
				t.Errorf("notes %q", res.Notes)
			}
			plain := optimizeFiles(t, tc.files, Options{})
			mustNotContain(t, string(plain.Dockerfile), "BUILDPLATFORM")
		})
	}

	// a stage built FROM the build's stage would move with it: the build stays, and says why
	multi := map[string]string{}
	for k, v := range preview {
		multi[k] = v
	}
	multi["Dockerfile"] = "FROM node:20 AS base\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\n\nFROM base AS test\nCOPY . .\nRUN npm test\n\nFROM base\nCOPY . .\nRUN npm run build\nEXPOSE 4173\nCMD [\"npm\", \"run\", \"preview\"]\n"
	res := optimizeFiles(t, multi, twoPlatforms)
	mustNotContain(t, string(res.Dockerfile), "BUILDPLATFORM")
	if !hasNote(res, "not cross-compiled for linux/amd64, linux/arm64: stage 2's build writes platform-independent files, but stage test is built FROM stage base") {
		t.Errorf("notes %q", res.Notes)
	}
}
