package optimize

import (
	"strings"
	"testing"
)

// The port a server command names: uvicorn/gunicorn options, and Django's runserver addrport
// (after the options that take a value).
func TestPortFromCommand(t *testing.T) {
	for cmd, want := range map[string]int{
		"uvicorn app:app --host 0.0.0.0 --port 8001":                    8001,
		"gunicorn -b 0.0.0.0:9000 app:app":                              9000,
		"python manage.py runserver 0.0.0.0:8000":                       8000,
		"python /app/manage.py runserver 8080":                          8080,
		"python manage.py runserver --settings prod.settings [::]:8002": 8002,
		"python manage.py runserver --noreload -v 2 127.0.0.1:8003":     8003,
		"python manage.py runserver":                                    0,
		"python manage.py migrate 8000":                                 0,
		"python runserver 8000":                                         0,
		"node server.js":                                                0,
	} {
		if got := portFromCommand(strings.Fields(cmd)); got != want {
			t.Errorf("portFromCommand(%q) = %d, want %d", cmd, got, want)
		}
	}
}

// A compose service's port is the service's port when the Dockerfile EXPOSEs none and its
// command names none, with a note saying so; an EXPOSE wins over it.
func TestPortHints(t *testing.T) {
	files := map[string]string{
		"requirements.txt": "flask\n",
		"app.py":           "from flask import Flask\napp = Flask(__name__)\n",
		"Dockerfile":       "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
	}
	res, _, err := optimizeDir(t, writeContext(t, files), "Dockerfile", Options{PortHints: []int{5005, 6000}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Port != 5005 {
		t.Errorf("port %d, want 5005:\n%s", res.Port, res.Dockerfile)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "port 5005 is from the compose service") {
		t.Errorf("no note on the port's source: %q", res.Notes)
	}
	files["Dockerfile"] = strings.Replace(files["Dockerfile"], "CMD", "EXPOSE 7000\nCMD", 1)
	res, _, err = optimizeDir(t, writeContext(t, files), "Dockerfile", Options{PortHints: []int{5005}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Port != 7000 || strings.Contains(string(res.Dockerfile), "EXPOSE 5005") || strings.Contains(strings.Join(res.Notes, "\n"), "from the compose service") {
		t.Errorf("EXPOSE 7000 should win: port %d, notes %q\n%s", res.Port, res.Notes, res.Dockerfile)
	}
}

// A recipe EXPOSEs a compose port but probes no HEALTHCHECK on it (nothing in the Dockerfile
// says the program listens there); the same service with EXPOSE gets its HEALTHCHECK.
func TestPortHintNoHealthcheck(t *testing.T) {
	files := map[string]string{
		"package.json":      `{"name":"x","version":"1.0.0","main":"server.js","dependencies":{"express":"^4.19.2"}}`,
		"package-lock.json": `{"name":"x","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{"":{"name":"x","version":"1.0.0","dependencies":{"express":"^4.19.2"}}}}`,
		"server.js":         "const app = require('express')();\napp.get('/health', (req, res) => res.send('ok'));\napp.listen(3000);\n",
		"Dockerfile":        "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n",
	}
	res, _, err := optimizeDir(t, writeContext(t, files), "Dockerfile", Options{PortHints: []int{3000}, PortHintsFrom: `compose service "web"`})
	if err != nil {
		t.Fatal(err)
	}
	out := string(res.Dockerfile)
	if res.Ecosystem != "node" || !strings.Contains(out, "\nEXPOSE 3000\n") || strings.Contains(out, "HEALTHCHECK") || res.Port != 3000 {
		t.Errorf("%s: want EXPOSE 3000 and no HEALTHCHECK:\n%s", res.Ecosystem, out)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), `port 3000 is from compose service "web"`) {
		t.Errorf("notes %q", res.Notes)
	}
	files["Dockerfile"] = strings.Replace(files["Dockerfile"], "CMD", "EXPOSE 3000\nCMD", 1)
	res, _, err = optimizeDir(t, writeContext(t, files), "Dockerfile", Options{PortHints: []int{3000}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Dockerfile), "HEALTHCHECK") {
		t.Errorf("EXPOSE 3000 in the Dockerfile: want a HEALTHCHECK:\n%s", res.Dockerfile)
	}
}
