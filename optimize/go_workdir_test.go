package optimize

import (
	"strings"
	"testing"
)

// sberFiles is the shape of chelnik/sberCloudServer: main.go names "/config.yaml", another
// package joins it to os.Getwd(), a third opens it; the image held the whole context in
// WORKDIR /app.
func sberFiles() map[string]string {
	return map[string]string{
		"go.mod": "module example.com/sber\n\ngo 1.26\n",
		"main.go": "package main\n\nimport (\n\t\"example.com/sber/config\"\n\t\"example.com/sber/utils\"\n)\n\n" +
			"const nameConfig string = \"/config.yaml\"\n\nfunc main() {\n\tif err := config.Load(utils.TakeCurrentDirectory() + nameConfig); err != nil {\n\t\tpanic(err)\n\t}\n}\n",
		"utils/common.go":      "package utils\n\nimport \"os\"\n\nfunc TakeCurrentDirectory() string {\n\tpwd, _ := os.Getwd()\n\treturn pwd\n}\n",
		"config/config.go":     "package config\n\nimport \"os\"\n\nfunc Load(p string) error {\n\t_, err := os.ReadFile(p)\n\treturn err\n}\n",
		"config.yaml":          "port: 8080\n",
		"templates/index.html": "<h1>x</h1>",
		"docker-compose.yaml":  "services: {}\n",
		".env":                 "POSTGRES_PASSWORD=x\n",
		"Dockerfile":           "FROM golang:1.26\nRUN mkdir /app\nADD . /app\nWORKDIR /app\nRUN CGO_ENABLED=0 GOOS=linux go build -o main .\nCMD [\"/app/main\"]\n",
	}
}

// A literal with a leading slash that the program joins to its working directory names the
// context file: it is copied under the original WORKDIR, which the runtime keeps; the data
// files no literal names are listed in a note (compose files and secrets are not).
func TestGoWorkdirJoinedFile(t *testing.T) {
	res := optimizeFiles(t, sberFiles(), Options{})
	out := string(res.Dockerfile)
	if !strings.Contains(out, "COPY --from=build /out/app /app/main\nWORKDIR /app\nCOPY --from=build /src/config.yaml ./config.yaml\nUSER ") {
		t.Errorf("config.yaml not under WORKDIR /app:\n%s", out)
	}
	if ch := changeTitled(res, "Files the program reads at run time"); ch == nil || !strings.Contains(ch.Why, "config.yaml") {
		t.Errorf("change %+v", ch)
	}
	note := ""
	for _, n := range res.Notes {
		if strings.HasPrefix(n, "the original image held the whole build context in /app") {
			note = n
		}
	}
	if !strings.Contains(note, "templates/index.html") || strings.Contains(note, "config.yaml") || strings.Contains(note, "compose") || strings.Contains(note, ".env") {
		t.Errorf("note %q (notes %q)", note, res.Notes)
	}
}

// Without os.Getwd the same literal is an absolute path of the image, not a context file;
// with os.Getwd and no file named, the WORKDIR is still kept; a COPY of only some files leaves
// no note about the others.
func TestGoWorkdirWithoutFiles(t *testing.T) {
	files := sberFiles()
	files["utils/common.go"] = "package utils\n\nfunc TakeCurrentDirectory() string { return \"\" }\n"
	res := optimizeFiles(t, files, Options{})
	if out := string(res.Dockerfile); strings.Contains(out, "config.yaml") || strings.Contains(out, "WORKDIR /app") {
		t.Errorf("without os.Getwd:\n%s", out)
	}
	files = sberFiles()
	files["main.go"] = strings.Replace(files["main.go"], "\"/config.yaml\"", "\"/settings.yaml\"", 1)
	res = optimizeFiles(t, files, Options{})
	out := string(res.Dockerfile)
	if !strings.Contains(out, "WORKDIR /app\nUSER ") || changeTitled(res, "The original working directory is kept") == nil {
		t.Errorf("os.Getwd, no file named:\n%s", out)
	}
	if !hasNote(res, "the original image held the whole build context in /app") {
		t.Errorf("notes %q", res.Notes)
	}
	files["Dockerfile"] = strings.Replace(files["Dockerfile"], "ADD . /app", "ADD go.mod main.go /app/\nADD utils /app/utils\nADD config /app/config", 1)
	if res = optimizeFiles(t, files, Options{}); hasNote(res, "the original image held") {
		t.Errorf("partial copy: notes %q", res.Notes)
	}
}

// When the binary lands at /app (a relative -o, no absolute command), the note about the data
// files names the working directory the recipe would use (/srv), not a path under the binary
// (a trial on l0s0s/prometheus-practise suggested /app/<file> with the binary at /app).
func TestGoUnnamedDataNoteAvoidsTheBinary(t *testing.T) {
	files := sberFiles()
	files["Dockerfile"] = "FROM golang:1.26\nWORKDIR /app\nCOPY . .\nRUN go build -o main .\nCMD [\"./main\"]\n"
	res := optimizeFiles(t, files, Options{})
	if !strings.Contains(string(res.Dockerfile), "COPY --from=build /out/app /app\n") {
		t.Fatalf("binary not at /app:\n%s", res.Dockerfile)
	}
	for _, n := range res.Notes {
		if strings.HasPrefix(n, "the original image held") && (!strings.Contains(n, "`WORKDIR /srv` and `COPY --from=build /src/<file> /srv/<file>`") || strings.Contains(n, " /app/<file>")) {
			t.Errorf("note %q", n)
		}
	}
	if !hasNote(res, "the original image held the whole build context in /app") {
		t.Errorf("notes %q", res.Notes)
	}
}
