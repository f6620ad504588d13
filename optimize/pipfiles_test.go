package optimize

import (
	"strings"
	"testing"
)

// The runtime stage does not copy a requirements file on its own (lonk42/The-Waiting-Timer:
// COPY requirements.txt /tmp/requirements.txt, one redundant layer), in the Python recipe and
// in the split of a multi-stage file; it does when what runs there names the file.
func TestRequirementsStayInTheBuilder(t *testing.T) {
	for _, tc := range []struct {
		name, dockerfile, target string
		source                   string
		keep                     bool
	}{
		{name: "recipe", dockerfile: "FROM python:3.11\nCOPY requirements.txt /tmp/requirements.txt\nRUN pip install -r /tmp/requirements.txt gunicorn\nCOPY app /app\nWORKDIR /app\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:5000\", \"app:app\"]\n"},
		{name: "recipe, CMD reads it", dockerfile: "FROM python:3.11\nCOPY requirements.txt /tmp/requirements.txt\nRUN pip install -r /tmp/requirements.txt gunicorn\nCOPY app /app\nWORKDIR /app\nCMD [\"sh\", \"-c\", \"cat /tmp/requirements.txt && gunicorn app:app\"]\n", keep: true},
		{name: "recipe, the code reads it", dockerfile: "FROM python:3.11\nCOPY requirements.txt /tmp/requirements.txt\nRUN pip install -r /tmp/requirements.txt gunicorn\nCOPY app /app\nWORKDIR /app\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:5000\", \"app:app\"]\n", source: "VERSIONS = open('/tmp/requirements.txt').read()\n", keep: true},
		{name: "split", target: "app", dockerfile: "FROM python:3.11 AS app\nCOPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\nWORKDIR /app\nCOPY app .\nCMD [\"python\", \"app.py\"]\n\nFROM app AS dev\nRUN pip install pytest\n"},
		{name: "split, CMD reads it", target: "app", dockerfile: "FROM python:3.11 AS app\nCOPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\nWORKDIR /app\nCOPY app .\nCMD [\"sh\", \"-c\", \"pip freeze -r /tmp/requirements.txt; python app.py\"]\n\nFROM app AS dev\nRUN pip install pytest\n", keep: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"Dockerfile": tc.dockerfile, "requirements.txt": "flask\n", "app/app.py": "from flask import Flask\napp = Flask(__name__)\n"}
			if tc.source != "" {
				files["app/versions.py"] = tc.source
			}
			res := optimizeFiles(t, files, Options{Target: tc.target})
			out := string(res.Dockerfile)
			i := strings.LastIndex(out, "\nFROM python:3.11-slim AS ")
			if i < 0 {
				t.Fatalf("no runtime stage on python:3.11-slim:\n%s", out)
			}
			runtime := out[i:]
			if j := strings.Index(runtime[1:], "\nFROM "); j >= 0 {
				runtime = runtime[:j+1]
			}
			if got := strings.Contains(runtime, "requirements.txt"); got != tc.keep {
				t.Errorf("runtime stage copies requirements.txt: %v, want %v:\n%s", got, tc.keep, out)
			}
			if !strings.Contains(out, "pip install -r") {
				t.Errorf("no pip install -r in the build:\n%s", out)
			}
		})
	}
}
