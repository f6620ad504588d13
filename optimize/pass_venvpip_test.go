package optimize

import (
	"strings"
	"testing"
)

func TestVenvPip(t *testing.T) {
	const builder = "FROM python:3.11-slim AS builder\nRUN python -m venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n\n"
	cases := map[string]struct {
		runtime string
		want    bool
	}{
		"venv copied":              {"FROM python:3.11-slim\nCOPY --from=builder /opt/venv /opt/venv\nCOPY . /app\nUSER 10001\nCMD [\"python\", \"/app/main.py\"]\n", true},
		"runtime runs pip":         {"FROM python:3.11-slim\nCOPY --from=builder /opt/venv /opt/venv\nRUN pip install gunicorn\nUSER 10001\nCMD [\"gunicorn\", \"main:app\"]\n", false},
		"command names pip":        {"FROM python:3.11-slim\nCOPY --from=builder /opt/venv /opt/venv\nUSER 10001\nCMD [\"sh\", \"-c\", \"pip list && python main.py\"]\n", false},
		"a dev stage runs pip":     {"FROM builder AS dev\nRUN pip install watchdog\n\nFROM python:3.11-slim\nCOPY --from=builder /opt/venv /opt/venv\nUSER 10001\nCMD [\"python\", \"main.py\"]\n", false},
		"another directory copied": {"FROM python:3.11-slim\nCOPY --from=builder /usr/local /usr/local\nUSER 10001\nCMD [\"python\", \"main.py\"]\n", false},
	}
	for name, c := range cases {
		dir := writeContext(t, map[string]string{"Dockerfile": builder + c.runtime, "requirements.txt": "flask\n", "main.py": "print(1)\n"})
		res, _, err := optimizeDir(t, dir, "Dockerfile", Options{NoCacheMounts: true}) // the pass, not the build stages' cache mounts
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Contains(string(res.Dockerfile), "RUN pip install -r requirements.txt \\\n    && /opt/venv/bin/python -m pip uninstall --yes pip\n")
		if got != c.want {
			t.Errorf("%s: pip uninstalled = %v, want %v:\n%s", name, got, c.want, res.Dockerfile)
		}
	}
}
