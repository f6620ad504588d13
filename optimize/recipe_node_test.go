package optimize

import (
	"strings"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
)

const (
	nodeRunsPackage = `{"name":"x","version":"1.0.0","scripts":{"start":"node server.js"},"dependencies":{"express":"^4.18.2"}}`
	nodeRunsLock    = `{"name":"x","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{"":{"name":"x","version":"1.0.0","dependencies":{"express":"^4.18.2"}}}}`
	nodeRunsServer  = "const app = require('express')();\napp.get('/health', (q, r) => r.send('ok'));\napp.listen(3000);\n"
	nodeRunsWrite   = `RUN mkdir -p /app/uploads && node -e "require('fs').writeFileSync('version.txt', '1')"`
)

// nodeOutput returns the runtime (final) stage's COPY instructions of the optimized
// Dockerfile, as "--from=STAGE SRC DEST" (STAGE empty for the build context), and the
// instructions' text of the stage named name.
func nodeOutput(t *testing.T, out []byte, name string) (copies []string, stage []string) {
	t.Helper()
	f, err := dockerfile.Parse("Dockerfile.optimized", out, dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range f.FinalStage().Instructions {
		if in.Cmd == "copy" {
			from, _ := in.Flag("from")
			copies = append(copies, "--from="+from+" "+strings.Join(in.Args, " "))
		}
	}
	for _, st := range f.Stages {
		if st.Name == name {
			for _, in := range st.Instructions {
				stage = append(stage, text(f, in))
			}
		}
	}
	return copies, stage
}

func changeWhy(res *Result, title string) string {
	for _, c := range res.Changes {
		if c.Title == title {
			return c.Why
		}
	}
	return ""
}

// A RUN after `COPY . .` writes into the working directory (a directory, a file): the build
// stage runs it and the runtime stage copies that directory from the build stage, so what it
// wrote is in the image; the report says so and says nothing of a build output.
func TestNodeRunAfterCodeReachesImage(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"package.json":      nodeRunsPackage,
		"package-lock.json": nodeRunsLock,
		"server.js":         nodeRunsServer,
		"Dockerfile":        "FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n" + nodeRunsWrite + "\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n",
	})
	res, _, _ := run(t, dir)
	if res.Ecosystem != "node" {
		t.Fatalf("ecosystem %s (%s)", res.Ecosystem, res.EcosystemWhy)
	}
	copies, build := nodeOutput(t, res.Dockerfile, "build")
	if strings.Join(copies, "\n") != "--from=build /app /app" {
		t.Errorf("the runtime must take /app (uploads/, version.txt) from the build stage, and only that; copies:\n%s\n%s", strings.Join(copies, "\n"), res.Dockerfile)
	}
	at := -1
	for i, l := range build {
		if l == nodeRunsWrite {
			at = i
		}
	}
	if at < 0 || at+1 >= len(build) || build[at+1] != "RUN npm prune --omit=dev" {
		t.Errorf("the build stage must run the RUN, then prune:\n%s", strings.Join(build, "\n"))
	}
	if strings.Contains(string(res.Dockerfile), "AS prod-deps") || strings.Contains(string(res.Dockerfile), "built app") {
		t.Errorf("no prod-deps stage (unused) and no built app (nothing is built):\n%s", res.Dockerfile)
	}
	why := changeWhy(res, titleNoDevDependencies)
	if strings.Contains(why, "only the build output") || strings.Contains(why, "--omit=dev` (its own cached stage)") || !strings.Contains(why, "npm prune --omit=dev") {
		t.Errorf("the devDependencies change says what does not happen: %s", why)
	}
	if why := changeWhy(res, "Multi-stage build on the slim image"); strings.Contains(why, "built app") || !strings.Contains(why, "working directory") {
		t.Errorf("the multi-stage change: %s", why)
	}
	note := strings.Join(res.Notes, "\n")
	if !strings.Contains(note, "the RUN on line 6 (`RUN mkdir -p /app/uploads") || !strings.Contains(note, "what the build stage's RUN steps (line 6) write outside /app does not reach the image") {
		t.Errorf("the note must name line 6 and what is not carried:\n%s", note)
	}
	carried := strings.Join(res.Carried, "\n")
	if !strings.Contains(carried, "line 6 ") || !strings.Contains(carried, "build stage, after `COPY . .` (the runtime stage copies /app from it)") {
		t.Errorf("carried: %s", carried)
	}
	checkInvariants(t, dir, res, false)
}

// With a build script and an output directory, a RUN after the code still may write beside
// the output (a generated client, a directory): the runtime takes the whole directory.
func TestNodeRunAfterBuildReachesImage(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"package.json":      `{"name":"x","version":"1.0.0","main":"dist/server.js","scripts":{"build":"tsc","start":"node dist/server.js"},"dependencies":{"express":"^4.18.2"},"devDependencies":{"typescript":"^5.0.0"}}`,
		"package-lock.json": nodeRunsLock,
		"src/server.ts":     nodeRunsServer,
		"Dockerfile":        "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n" + nodeRunsWrite + "\nEXPOSE 3000\nCMD [\"node\", \"dist/server.js\"]\n",
	})
	res, _, _ := run(t, dir)
	copies, _ := nodeOutput(t, res.Dockerfile, "build")
	if strings.Join(copies, "\n") != "--from=build /app /app" {
		t.Errorf("copies:\n%s\n%s", strings.Join(copies, "\n"), res.Dockerfile)
	}
	if note := strings.Join(res.Notes, "\n"); !strings.Contains(note, "instead of only the build output dist and node_modules from the prod-deps stage") {
		t.Errorf("notes:\n%s", note)
	}
	if why := changeWhy(res, titleNoDevDependencies); strings.Contains(why, "only the build output") {
		t.Errorf("the devDependencies change: %s", why)
	}
}

// A RUN before the code is copied (after the manifests) cannot write into the code: the
// runtime keeps node_modules from prod-deps and the code from the context, and the report
// says that the build stage's work does not reach the image.
func TestNodeRunBeforeCodeKeepsSplit(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"package.json":      nodeRunsPackage,
		"package-lock.json": nodeRunsLock,
		"server.js":         nodeRunsServer,
		"Dockerfile":        "FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci && mv /app/node_modules /node_modules\nCOPY . .\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n",
	})
	res, _, _ := run(t, dir)
	copies, _ := nodeOutput(t, res.Dockerfile, "build")
	if strings.Join(copies, "\n") != "--from=prod-deps /app/node_modules ./node_modules\n--from= . ." {
		t.Errorf("copies:\n%s\n%s", strings.Join(copies, "\n"), res.Dockerfile)
	}
	if why := changeWhy(res, titleNoDevDependencies); strings.Contains(why, "only the build output") || !strings.Contains(why, "the code comes from the build context") {
		t.Errorf("the devDependencies change: %s", why)
	}
	if carried := strings.Join(res.Carried, "\n"); !strings.Contains(carried, "line 4 ") || !strings.Contains(carried, "the runtime stage copies nothing from it") {
		t.Errorf("carried: %s", carried)
	}
}

// The build script with its output directory and no other RUN: only the output is copied
// from the build stage, and the report says so.
func TestNodeBuildOutputOnly(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"package.json":      `{"name":"x","version":"1.0.0","main":"dist/server.js","scripts":{"build":"tsc","start":"node dist/server.js"},"dependencies":{"express":"^4.18.2"},"devDependencies":{"typescript":"^5.0.0"}}`,
		"package-lock.json": nodeRunsLock,
		"src/server.ts":     nodeRunsServer,
		"Dockerfile":        "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nEXPOSE 3000\nCMD [\"node\", \"dist/server.js\"]\n",
	})
	res, _, _ := run(t, dir)
	copies, _ := nodeOutput(t, res.Dockerfile, "build")
	if strings.Join(copies, "\n") != "--from=prod-deps /app/node_modules ./node_modules\n--from=build /app/dist ./dist\n--from= package.json ./" {
		t.Errorf("copies:\n%s\n%s", strings.Join(copies, "\n"), res.Dockerfile)
	}
	if why := changeWhy(res, titleNoDevDependencies); !strings.HasSuffix(why, ", and only the build output is copied from the build stage.") {
		t.Errorf("the devDependencies change: %s", why)
	}
}

func TestNodeManifestsOnly(t *testing.T) {
	dir := writeContext(t, map[string]string{"package.json": "{}", "package-lock.json": "{}", "server.js": "", "Dockerfile": "FROM node:20\n"})
	ctx, err := buildctx.Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		copy string
		want bool
	}{
		{"COPY package*.json ./", true},
		{"COPY package.json package-lock.json ./", true},
		{"COPY ./package.json yarn.lock ./", true},
		{"COPY . .", false},
		{"COPY package.json server.js ./", false},
		{"COPY *.js ./", false},
		{"COPY src ./src", false},
	} {
		f, err := dockerfile.Parse("Dockerfile", []byte("FROM node:20\n"+tc.copy+"\n"), dockerfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		in := f.FinalStage().Instructions[1]
		if got := nodeManifestsOnly(f, ctx, in); got != tc.want {
			t.Errorf("%s: manifests only %v, want %v", tc.copy, got, tc.want)
		}
	}
}

// The original's RUNs keep their order around the build script: a step before it (a
// generated client the build imports) runs before it.
func TestNodeRunsKeepOrderAroundBuild(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"package.json":      `{"name":"x","version":"1.0.0","main":"dist/server.js","scripts":{"build":"tsc","start":"node dist/server.js"},"dependencies":{"express":"^4.18.2"},"devDependencies":{"typescript":"^5.0.0"}}`,
		"package-lock.json": nodeRunsLock,
		"src/server.ts":     nodeRunsServer,
		"gen.js":            "require('fs').writeFileSync('src/gen.ts', 'export const v = 1')\n",
		"Dockerfile":        "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN node gen.js\nRUN npm run build\n" + nodeRunsWrite + "\nCMD [\"node\", \"dist/server.js\"]\n",
	})
	res, _, _ := run(t, dir)
	_, build := nodeOutput(t, res.Dockerfile, "build")
	want := []string{"FROM deps AS build", "COPY . .", "RUN node gen.js", "RUN npm run build", nodeRunsWrite, "RUN npm prune --omit=dev"}
	if strings.Join(build, "\n") != strings.Join(want, "\n") {
		t.Errorf("build stage:\n%s\nwant:\n%s", strings.Join(build, "\n"), strings.Join(want, "\n"))
	}
}
