package optimize

import (
	"strings"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
)

// The directories a stage's user must own come from the source the stage copies in: a
// Django settings file's SQLite database (relative to the working directory), a Node
// backend's absolute database path; a second service's source in the same context does not
// count.
func TestWrittenDirsOfCopiedSource(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"web/settings.py":   "DATABASES = {'default': {'NAME': os.path.join(BASE_DIR, 'db.sqlite3')}}\n",
		"api/store.js":      "const location = process.env.DB || '/etc/todos/todo.db';\n",
		"api/logs.js":       "fs.mkdirSync('logs', {recursive: true});\n",
		"web/static/app.js": "fetch('/api')\n",
	})
	src := "FROM python:3.11-slim AS web\nWORKDIR /app\nCOPY web/ .\n\nFROM node:20-slim AS api\nWORKDIR /srv\nCOPY api/ ./\n\nFROM api AS api2\n"
	f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := buildctx.Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for stage, want := range map[string]string{"web": "/app", "api": "/etc/todos /srv/logs", "api2": "/etc/todos /srv/logs"} {
		st := f.StageByName(stage)
		got := strings.Join(writableDirs(writtenPaths(ctx, copiedInto(f, st)), f.WorkdirEnd(st)), " ")
		if got != want {
			t.Errorf("%s: %q, want %q", stage, got, want)
		}
	}
}

// A path given a name in the same file counts when a write call uses the name (Python, a
// directory call around it, JavaScript, Go); a read does not.
func TestWrittenPathsThroughNames(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"app.py":    "DATA_FILE = \"data/timers.yaml\"\nCACHE: str = 'cache/x.json'  # comment\nos.makedirs(os.path.dirname(DATA_FILE), exist_ok=True)\nwith open(CACHE, 'a') as f: pass\n",
		"read.py":   "CONFIG = \"conf/settings.yaml\"\nwith open(CONFIG, \"r\") as f: pass\n",
		"server.js": "const LOG_DIR = 'logs';\nfs.mkdirSync(LOG_DIR, {recursive: true});\n",
		"main.go":   "const stateFile = \"/var/lib/svc/state.json\"\nfunc f() { os.WriteFile(stateFile, nil, 0o600) }\n",
	})
	ctx, err := buildctx.Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(writtenPaths(ctx, nil), " ")
	if want := "/var/lib/svc/state.json cache/x.json data/timers.yaml logs"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
