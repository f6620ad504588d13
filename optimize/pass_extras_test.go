package optimize

import (
	"strings"
	"testing"
)

// --http httptools and --loop uvloop without the packages installed: both go (uvicorn's auto
// default picks them when they are installed), each with a change and a note.
func TestExtrasPassRemovesMissingImplementations(t *testing.T) {
	res := optimizeFiles(t, map[string]string{
		"requirements.txt": "fastapi==0.92.0\nuvicorn==0.17.6\n",
		"main.py":          "from fastapi import FastAPI\napp = FastAPI()\n",
		"Dockerfile": "FROM python:3.11-slim AS build\nRUN python -m venv /opt/venv\nCOPY requirements.txt .\nRUN /opt/venv/bin/pip install --no-cache-dir -r requirements.txt\n\n" +
			"FROM python:3.11-slim\nCOPY --from=build /opt/venv /opt/venv\nWORKDIR /app\nCOPY . .\nUSER 10001\n" +
			"CMD [\"/opt/venv/bin/uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\", \"--loop\", \"uvloop\", \"--http\", \"httptools\", \"--port\", \"8000\"]\n",
	}, Options{})
	if want := `CMD ["/opt/venv/bin/uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]`; !strings.Contains(string(res.Dockerfile), want) {
		t.Errorf("want %s in\n%s", want, res.Dockerfile)
	}
	var titles []string
	for _, c := range res.Changes {
		if len(c.Rules) == 1 && c.Rules[0] == "DO509" {
			titles = append(titles, c.Title)
		}
	}
	if strings.Join(titles, "|") != "uvicorn starts without --loop uvloop, whose package nothing installs|uvicorn starts without --http httptools, whose package nothing installs" {
		t.Errorf("changes: %q", titles)
	}
	notes := strings.Join(res.Notes, "\n")
	if !strings.Contains(notes, "--http httptools was removed from the uvicorn command: uvicorn --http httptools needs the httptools package") || !strings.Contains(notes, "--loop uvloop was removed") {
		t.Errorf("notes: %s", notes)
	}
	if leftAfter(res, "DO509") {
		t.Errorf("DO509 left: %v", res.LeftAfter)
	}
}

// Installed (through uvicorn[standard]), or an option whose removal would change what the
// server does (--ws websockets), or no Python manifest to judge by: nothing changes.
func TestExtrasPassKeeps(t *testing.T) {
	df := "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER 10001\n"
	for name, c := range map[string]struct{ req, cmd string }{
		"standard extra": {"uvicorn[standard]==0.17.6\n", `CMD ["uvicorn", "main:app", "--http", "httptools"]`},
		"websockets":     {"uvicorn==0.17.6\n", `CMD ["uvicorn", "main:app", "--ws", "websockets"]`},
	} {
		t.Run(name, func(t *testing.T) {
			res := optimizeFiles(t, map[string]string{"requirements.txt": c.req, "main.py": "app = None\n", "Dockerfile": df + c.cmd + "\n"}, Options{})
			if !strings.Contains(string(res.Dockerfile), c.cmd) || changeFor(res, "DO509") != nil {
				t.Errorf("changed:\n%s", res.Dockerfile)
			}
		})
	}
	res := optimizeFiles(t, map[string]string{"main.py": "app = None\n", "Dockerfile": "FROM python:3.11-slim\nCOPY main.py .\nUSER 10001\nCMD [\"uvicorn\", \"main:app\", \"--http\", \"httptools\"]\n"}, Options{})
	if changeFor(res, "DO509") != nil {
		t.Errorf("no manifest, yet changed:\n%s", res.Dockerfile)
	}
}
