package optimize

import (
	"strings"
	"testing"
)

// The generic non-root pass gives the user exactly the paths its source writes under the
// working directory, found through a name the path is given (lonk42/The-Waiting-Timer:
// DATA_FILE = "data/timers.yaml", os.makedirs(os.path.dirname(DATA_FILE)), open(DATA_FILE,
// "w"); it failed as uid 10001): the directory, and the file when a COPY puts it in the
// image as root. The rest of the copied code stays root-owned, and a note says so, naming the
// working directory.
func TestUserOwnsWhatTheSourceWrites(t *testing.T) {
	app := "import os, yaml\nDATA_FILE = \"data/timers.yaml\"\n\ndef save(state):\n    os.makedirs(os.path.dirname(DATA_FILE), exist_ok=True)\n    with open(DATA_FILE, \"w\") as f:\n        yaml.safe_dump(state, f)\n\ndef load():\n    with open(DATA_FILE, \"r\") as f:\n        return yaml.safe_load(f)\n"
	dockerfile := "FROM python:3.11-slim\nCOPY app /app\nWORKDIR /app\nCMD [\"python\", \"app.py\"]\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		chown string
		owns  string
	}{
		{"directory", map[string]string{"Dockerfile": dockerfile, "app/app.py": app, "app/data/.gitkeep": ""}, "chown 10001:10001 /app/data\n", "/app/data"},
		{"file in the image", map[string]string{"Dockerfile": dockerfile, "app/app.py": app, "app/data/timers.yaml": "timers: []\n"}, "chown 10001:10001 /app/data /app/data/timers.yaml\n", "/app/data, /app/data/timers.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeContext(t, tc.files)
			res, _, _ := run(t, dir)
			out := string(res.Dockerfile)
			if res.Ecosystem != "generic" {
				t.Fatalf("ecosystem %q, want the generic path:\n%s", res.Ecosystem, out)
			}
			for _, want := range []string{"&& mkdir -p /app/data \\\n", "&& " + tc.chown + "USER 10001:10001\n"} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if strings.Contains(out, "--chown") || strings.Contains(out, "chown -R") {
				t.Errorf("the code is given to the user:\n%s", out)
			}
			note := rootNote(res.Notes)
			for _, want := range []string{"stay owned by root", "user 10001:10001 can read them but not write them", "nor create files in the working directory /app", "(it owns " + tc.owns + ", made writable for it)", "writes elsewhere under /app"} {
				if !strings.Contains(note, want) {
					t.Errorf("note lacks %q: %q", want, note)
				}
			}
		})
	}
}

// With no write found, nothing is chowned, and the note says the working directory is not
// writable; with every COPY --chown to a user, no note (nothing is root-owned).
func TestRootOwnedCodeNote(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"Dockerfile": "FROM python:3.11-slim\nWORKDIR /srv/app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
		"app.py":     "print('hello')\n",
	})
	res, _, _ := run(t, dir)
	out := string(res.Dockerfile)
	if strings.Contains(out, "chown") || !strings.Contains(out, "USER 10001:10001") {
		t.Fatalf("want a USER and no chown:\n%s", out)
	}
	note := rootNote(res.Notes)
	for _, want := range []string{"nor create files in the working directory /srv/app.", "must be given a writable path"} {
		if !strings.Contains(note, want) {
			t.Errorf("note lacks %q: %q", want, note)
		}
	}
	if strings.Contains(note, "(it owns") || strings.Contains(note, "elsewhere") {
		t.Errorf("note names owned paths the output does not make: %q", note)
	}

	// no WORKDIR, or one a base image may give to a user: nothing said about it
	for _, df := range []string{"FROM python:3.11-slim\nCOPY app.py /app.py\nCMD [\"python\", \"/app.py\"]\n", "FROM python:3.11-slim\nWORKDIR /home/svc\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\n"} {
		dir = writeContext(t, map[string]string{"Dockerfile": df, "app.py": "print('hello')\n"})
		res, _, _ = run(t, dir)
		note = rootNote(res.Notes)
		if !strings.Contains(note, "user 10001:10001 can read them but not write them.") || strings.Contains(note, "working directory") {
			t.Errorf("%q: note %q", df, note)
		}
	}

	dir = writeContext(t, map[string]string{
		"Dockerfile": "FROM python:3.11-slim\nRUN useradd --uid 1234 svc\nWORKDIR /srv/app\nCOPY --chown=svc . .\nCMD [\"python\", \"app.py\"]\n",
		"app.py":     "print('hello')\n",
	})
	res, _, _ = run(t, dir)
	if !strings.Contains(string(res.Dockerfile), "USER 1234") {
		t.Fatalf("want USER 1234:\n%s", res.Dockerfile)
	}
	if note := rootNote(res.Notes); note != "" {
		t.Errorf("a root-owned note with every copy given to svc: %q", note)
	}
}

func rootNote(notes []string) string {
	for _, n := range notes {
		if strings.Contains(n, "owned by root") {
			return n
		}
	}
	return ""
}

// The note names the user the image finally runs as: --runtime distroless moves the stage
// that ships onto the distroless image and its user 65532 after the user pass added 10001.
func TestRootOwnedNoteAfterDistroless(t *testing.T) {
	res := optimizeFiles(t, map[string]string{
		"Dockerfile":       "FROM python:3.11 AS app\nCOPY requirements.txt /tmp/requirements.txt\nRUN pip install -r /tmp/requirements.txt\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n\nFROM app AS dev\nRUN pip install pytest\n",
		"requirements.txt": "flask\n",
		"app.py":           "print('hello')\n",
	}, Options{Target: "app", Runtime: RuntimeDistroless})
	out := string(res.Dockerfile)
	if !strings.Contains(out, "USER 65532:65532") {
		t.Fatalf("not moved to distroless:\n%s", out)
	}
	note := rootNote(res.Notes)
	if !strings.Contains(note, "user 65532:65532 can read them") || strings.Contains(note, "10001") {
		t.Errorf("note %q, want one about user 65532:65532:\n%s", note, out)
	}
}
