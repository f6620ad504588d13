package optimize

import (
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
)

// A file whose last line ends with the escape character (BuildKit ends the instruction at
// the end of the file) is optimized as if the line ended there: nothing dockopt writes
// after it is swallowed by it, and a note says so. Before, a node file ending with
// `RUN echo done \` came out with its runtime FROM inside that RUN.
func TestTrailingContinuation(t *testing.T) {
	for _, c := range []struct{ name, dockerfile string }{
		{"node", "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\nRUN echo done \\"},
		{"python", "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt \\\n"},
		{"backtick", "# escape=`\nFROM debian:12\nRUN echo a `\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"Dockerfile": c.dockerfile, "package.json": `{"name":"a","version":"1.0.0","dependencies":{"express":"4.18.2"}}`,
				"package-lock.json": `{"name":"a","lockfileVersion":3,"packages":{"":{"dependencies":{"express":"4.18.2"}}}}`, "server.js": "", "requirements.txt": "flask==2.2.2\n"}
			res := optimizeFiles(t, files, Options{})
			nf, err := dockerfile.Parse("Dockerfile.optimized", res.Dockerfile, dockerfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range nf.Stages {
				for _, in := range st.Instructions {
					if in.Cmd == "run" && strings.Contains(in.Original, "FROM ") {
						t.Errorf("a RUN swallowed a FROM:\n%s", res.Dockerfile)
					}
				}
			}
			noted := false
			for _, n := range res.Notes {
				noted = noted || strings.Contains(n, "the file's last, ends with")
			}
			if !noted {
				t.Errorf("no note on the trailing continuation: %q", res.Notes)
			}
		})
	}
	// a file that does not end so is left alone, and gets no note
	res := optimizeFiles(t, map[string]string{"Dockerfile": "FROM debian:12\nRUN echo a \\\\\n"}, Options{})
	for _, n := range res.Notes {
		if strings.Contains(n, "ends with") {
			t.Errorf("note on a line that ends with an escaped escape character: %s", n)
		}
	}
}
