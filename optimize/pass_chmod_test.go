package optimize

import (
	"strings"
	"testing"
)

// The seed's pattern: chmod -R after COPY --chown into the WORKDIR. The mode moves into the
// COPY; the RUN goes, since WORKDIR made the directory with mode 755 already.
func TestChmodPassWorkdir(t *testing.T) {
	res := optimizeFiles(t, map[string]string{
		"main.py": "print('hi')\n",
		"Dockerfile": "FROM python:3.12-slim\nRUN useradd -r app\nWORKDIR /app\nCOPY --chown=app:app . .\nRUN chmod -R 755 /app\n" +
			"USER app\nCMD [\"python\", \"main.py\"]\n",
	}, Options{})
	out := string(res.Dockerfile)
	if !strings.Contains(out, "COPY --chmod=755 --chown=app:app . .\nUSER app\n") || strings.Contains(out, "chmod 755") {
		t.Errorf("want the mode in the COPY and no RUN:\n%s", out)
	}
	c := changeFor(res, "DO111")
	if c == nil || !strings.Contains(c.Why, "the RUN is dropped") || c.Before != "COPY --chown=app:app . .\nRUN chmod -R 755 /app" || c.After != "COPY --chmod=755 --chown=app:app . ." {
		t.Errorf("change: %+v", c)
	}
	if leftAfter(res, "DO111") || res.User != "app" {
		t.Errorf("left %v, user %q", res.LeftAfter, res.User)
	}
}

// In a multi-stage file, the stage that ships (--target) gets the fold; another stage keeps
// its RUN. A directory no WORKDIR made loses the RUN whole.
func TestChmodPassTarget(t *testing.T) {
	res := optimizeFiles(t, map[string]string{
		"src/app.py": "print('hi')\n",
		"Dockerfile": "FROM python:3.12-slim AS app\nRUN useradd -r app\nCOPY src/ /srv/app/\nRUN chown -R app:app /srv/app\nUSER app\nCMD [\"python\", \"/srv/app/app.py\"]\n\n" +
			"FROM python:3.12-slim AS other\nCOPY src/ /x/\nRUN chown -R nobody /x\n",
	}, Options{Target: "app"})
	out := string(res.Dockerfile)
	if !strings.Contains(out, "COPY --chown=app:app src/ /srv/app/\nUSER app\n") || strings.Contains(out, "chown -R app:app") {
		t.Errorf("the target's chown -R was not folded:\n%s", out)
	}
	if !strings.Contains(out, "COPY src/ /x/\nRUN chown -R nobody /x\n") {
		t.Errorf("the other stage changed:\n%s", out)
	}
	if c := changeFor(res, "DO111"); c == nil || strings.Contains(c.Why, "still sets") || strings.Contains(c.Why, "dropped") {
		t.Errorf("change: %+v", c)
	}
}

// A mode other than WORKDIR's own 755: the directory keeps its own chmod, without -R, and
// the report says so.
func TestChmodPassKeepsDirectoryMode(t *testing.T) {
	res := optimizeFiles(t, map[string]string{
		"main.py": "print('hi')\n",
		"Dockerfile": "FROM python:3.12-slim\nRUN useradd -r app\nWORKDIR /app\nCOPY --chown=app:app . .\nRUN chmod -R 775 /app\n" +
			"USER app\nCMD [\"python\", \"main.py\"]\n",
	}, Options{})
	out := string(res.Dockerfile)
	if !strings.Contains(out, "COPY --chmod=775 --chown=app:app . .\nRUN chmod 775 /app\n") {
		t.Errorf("want the mode in the COPY and the directory's own chmod:\n%s", out)
	}
	if c := changeFor(res, "DO111"); c == nil || !strings.Contains(c.Why, "a RUN still sets its own mode, without -R") || !strings.HasSuffix(c.After, "RUN chmod 775 /app") {
		t.Errorf("change: %+v", c)
	}
}

// What DO111 cannot fold exactly stays: a symbolic mode, a RUN that does more.
func TestChmodPassLeavesWhatItCannotFold(t *testing.T) {
	for name, run := range map[string]string{
		"symbolic mode": "RUN chmod -R u+x /app",
		"more commands": "RUN chown -R app /app && echo done",
	} {
		t.Run(name, func(t *testing.T) {
			res := optimizeFiles(t, map[string]string{
				"main.py":    "print('hi')\n",
				"Dockerfile": "FROM python:3.12-slim\nRUN useradd -r app\nWORKDIR /app\nCOPY . .\n" + run + "\nUSER app\nCMD [\"python\", \"main.py\"]\n",
			}, Options{})
			if !strings.Contains(string(res.Dockerfile), run+"\n") || changeFor(res, "DO111") != nil {
				t.Errorf("%q changed:\n%s", run, res.Dockerfile)
			}
		})
	}
}

// A file that creates its user and chowns the app to it, but never switches to it: once the
// chown is folded into the COPY, the user pass runs the service as that user, instead of
// creating a second user named app (which would clash: useradd -r app made the group app).
func TestUserPassUsesTheCreatedUser(t *testing.T) {
	res := optimizeFiles(t, map[string]string{
		"app.py":     "open('out.txt', 'w').write('x')\n",
		"Dockerfile": "FROM python:3.12-slim\nRUN useradd -r app\nWORKDIR /app\nCOPY . .\nRUN chown -R app:app /app\nCMD [\"python\", \"app.py\"]\n",
	}, Options{})
	out := string(res.Dockerfile)
	if strings.Contains(out, "groupadd") || strings.Count(out, "useradd") != 1 || !strings.Contains(out, "\nUSER app\n") {
		t.Errorf("want USER app and no second user:\n%s", out)
	}
	if !strings.Contains(out, "COPY --chown=app:app . .") || res.User != "app" {
		t.Errorf("user %q:\n%s", res.User, out)
	}
	// a UID given to useradd is the USER (numeric, as DO409 asks)
	res = optimizeFiles(t, map[string]string{
		"app.py":     "print('hi')\n",
		"Dockerfile": "FROM python:3.12-slim\nRUN groupadd -g 1500 svc && useradd -u 1500 -g svc svc\nCOPY --chown=svc:svc app.py /srv/\nCMD [\"python\", \"/srv/app.py\"]\n",
	}, Options{})
	if !strings.Contains(string(res.Dockerfile), "\nUSER 1500\n") {
		t.Errorf("want USER 1500:\n%s", res.Dockerfile)
	}
	// a user made for something else (a dev container's), given no files, is not the service's
	res = optimizeFiles(t, map[string]string{
		"app.py":     "print('hi')\n",
		"Dockerfile": "FROM python:3.12-slim\nRUN useradd -s /bin/bash -m vscode\nCOPY app.py /srv/\nCMD [\"python\", \"/srv/app.py\"]\n",
	}, Options{})
	if !strings.Contains(string(res.Dockerfile), "\nUSER 10001:10001\n") {
		t.Errorf("want the pass's own user:\n%s", res.Dockerfile)
	}
}
