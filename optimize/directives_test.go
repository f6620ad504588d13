package optimize

import (
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
)

// A recipe keeps the original's parser directives first: `# syntax=` (its heredocs need that
// frontend) and `# check=`. A file with another escape character is not rewritten by a recipe.
func TestRecipeKeepsDirectives(t *testing.T) {
	df := "# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nFROM python:3.11\nWORKDIR /app\nCOPY . .\n" +
		"RUN pip install -r requirements.txt\nCOPY <<EOF /app/settings.py\nX = 1\nEOF\nCMD [\"python\", \"app.py\"]\n"
	res := optimizeFiles(t, map[string]string{"Dockerfile": df, "requirements.txt": "flask\n", "app.py": "print(1)\n"}, Options{})
	out := string(res.Dockerfile)
	if res.Ecosystem != "python" {
		t.Fatalf("ecosystem %q (%s)", res.Ecosystem, res.EcosystemWhy)
	}
	if !strings.HasPrefix(out, "# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\n") {
		t.Errorf("the directives are not the first lines:\n%s", out)
	}
	if _, err := dockerfile.Parse("Dockerfile", res.Dockerfile, dockerfile.Options{}); err != nil {
		t.Errorf("the output does not parse: %v", err)
	}

	esc := "# escape=`\nFROM python:3.11\nCOPY . /app\nRUN pip install `\n  flask\nCMD [\"python\", \"/app/app.py\"]\n"
	res = optimizeFiles(t, map[string]string{"Dockerfile": esc, "app.py": "print(1)\n"}, Options{})
	if res.Ecosystem != "generic" || !strings.Contains(res.EcosystemWhy, "escape character") {
		t.Errorf("escape=`: ecosystem %q (%s), want generic", res.Ecosystem, res.EcosystemWhy)
	}
	if !strings.HasPrefix(string(res.Dockerfile), "# escape=`\n") {
		t.Errorf("escape directive lost:\n%s", res.Dockerfile)
	}
	if f, err := dockerfile.Parse("Dockerfile", res.Dockerfile, dockerfile.Options{}); err != nil || f.EscapeToken != '`' {
		t.Errorf("the output does not parse with its escape character: %v", err)
	}
}

// A CMD meant as an exec-form array that is not valid JSON (DO510) is not rewritten into a
// `/bin/sh -c` array that hides the mistake: the recipes step aside, the CMD stays as written,
// and a note says to fix it by hand (learn-dockerizing-restapi's `CMD [ "node", "index.js" ]x`).
func TestBrokenCommandKeptAsWritten(t *testing.T) {
	df := "FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nEXPOSE 3000\nCMD [ \"node\", \"index.js\" ]x\n"
	res := optimizeFiles(t, map[string]string{"Dockerfile": df, "package.json": `{"name":"x","dependencies":{"express":"^5.1.0"}}`,
		"package-lock.json": `{"name":"x","lockfileVersion":3,"packages":{}}`, "index.js": "require('express')\n"}, Options{})
	if res.Ecosystem != "generic" || !strings.Contains(res.EcosystemWhy, "DO510") {
		t.Errorf("ecosystem %q (%s): want generic, naming DO510", res.Ecosystem, res.EcosystemWhy)
	}
	if !strings.Contains(string(res.Dockerfile), "CMD [ \"node\", \"index.js\" ]x\n") || strings.Contains(string(res.Dockerfile), "/bin/sh") {
		t.Errorf("the CMD is not kept as written:\n%s", res.Dockerfile)
	}
	for _, c := range res.Changes {
		if strings.Contains(c.Title, "exec form") {
			t.Errorf("a change claims the CMD was put in exec form: %+v", c)
		}
	}
}

// With a backtick as the escape character (# escape=), the split's own continuation lines use it too, so a stage with
// -dev packages is split (it was left whole, silently: its rewrite did not parse).
func TestSplitWithBacktickEscape(t *testing.T) {
	df := "# escape=`\nFROM python:3.11\nWORKDIR /app\nRUN apt-get update && apt-get install -y libpq-dev gcc `\n    && rm -rf /var/lib/apt/lists/*\n" +
		"COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n"
	res := optimizeFiles(t, map[string]string{"Dockerfile": df, "requirements.txt": "flask\n", "app.py": "print(1)\n"}, Options{})
	out := string(res.Dockerfile)
	if !strings.Contains(out, "FROM python:3.11-slim AS runtime") || !strings.Contains(out, "apt-get update `\n && apt-get install -y --no-install-recommends libpq5\n") {
		t.Errorf("not split with backtick continuations:\n%s\nnotes: %q", out, res.Notes)
	}
	if f, err := dockerfile.Parse("Dockerfile", res.Dockerfile, dockerfile.Options{}); err != nil || f.EscapeToken != '`' {
		t.Errorf("the output does not parse with its escape character: %v", err)
	}
}
