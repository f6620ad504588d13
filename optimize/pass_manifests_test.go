package optimize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestManifestsBeforeCode(t *testing.T) {
	files := map[string]string{
		"package.json": `{"name":"x","scripts":{"start":"node index.js"}}`, "package-lock.json": "{}", "index.js": "\n",
		"requirements.txt": "flask\n", "go.mod": "module x\n", "go.sum": "\n", "main.go": "package main\n",
	}
	cases := map[string]struct{ df, want string }{
		"npm in a build stage": {
			"FROM node:20-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci\n\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=build /app /app\nUSER node\nCMD [\"node\", \"index.js\"]\n",
			"COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n"},
		"pip with chown": {
			"FROM python:3.11-slim AS app\nWORKDIR /srv\nCOPY --chown=1000:1000 . /srv\nRUN pip install --no-cache-dir -r requirements.txt\nUSER 1000\nCMD [\"python\", \"-m\", \"flask\", \"run\"]\n\nFROM app AS dev\n",
			"COPY --chown=1000:1000 requirements.txt /srv/\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY --chown=1000:1000 . /srv\n"},
		"go mod download": {
			"FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM scratch\nCOPY --from=build /out/app /app\nUSER 65532\nCMD [\"/app\"]\n",
			"COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n"},
	}
	for name, c := range cases {
		files["Dockerfile"] = c.df
		dir := writeContext(t, files)
		res, _, err := optimizeDir(t, dir, "Dockerfile", Options{NoCacheMounts: true}) // the pass, not the build stages' cache mounts
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(res.Dockerfile), c.want) {
			t.Errorf("%s: want\n%s\nin:\n%s", name, c.want, res.Dockerfile)
		}
		os.WriteFile(filepath.Join(dir, "Dockerfile"), res.Dockerfile, 0o644)
		again, _, err := optimizeDir(t, dir, "Dockerfile", Options{NoCacheMounts: true})
		if err != nil {
			t.Fatal(err)
		}
		if string(again.Dockerfile) != string(res.Dockerfile) {
			t.Errorf("%s: not idempotent:\n%s", name, again.Dockerfile)
		}
	}
}

// An install that also builds, or runs in another directory, keeps the original order.
func TestManifestsKept(t *testing.T) {
	for name, df := range map[string]string{
		"install and build": "FROM node:20-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:20-slim\nCOPY --from=build /app /app\nUSER node\nCMD [\"node\", \"/app/index.js\"]\n",
		"other directory":   "FROM node:20-slim AS build\nWORKDIR /app\nCOPY . /src\nRUN npm ci\n\nFROM node:20-slim\nCOPY --from=build /app /app\nUSER node\nCMD [\"node\", \"/app/index.js\"]\n",
		"npm install pkg":   "FROM node:20-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm install express\n\nFROM node:20-slim\nCOPY --from=build /app /app\nUSER node\nCMD [\"node\", \"/app/index.js\"]\n",
	} {
		dir := writeContext(t, map[string]string{"Dockerfile": df, "package.json": "{}", "package-lock.json": "{}", "index.js": "\n"})
		res, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(res.Dockerfile), "COPY package.json") {
			t.Errorf("%s: reordered:\n%s", name, res.Dockerfile)
		}
	}
}
