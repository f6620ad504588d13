package optimize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An nginx stage (awesome-compose react-nginx's last stage) runs as nginx: the user
// directive goes, the pid file moves to /tmp, nginx owns what it writes; idempotent.
func TestNginxRunsAsItsUser(t *testing.T) {
	df := "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM nginx:1.22\nCOPY --from=build /app/.nginx/nginx.conf /etc/nginx/conf.d/default.conf\nWORKDIR /usr/share/nginx/html\nRUN rm -rf ./*\nCOPY --from=build /app/build .\nENTRYPOINT [\"nginx\", \"-g\", \"daemon off;\"]\n"
	dir := writeContext(t, map[string]string{"Dockerfile": df, "package.json": "{}", "package-lock.json": "{}"})
	res, out, err := optimizeDir(t, dir, "Dockerfile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := string(res.Dockerfile)
	for _, want := range []string{"sed -i -e '/^user /d' -e 's,^pid .*,pid /tmp/nginx.pid;,' /etc/nginx/nginx.conf", "chown -R nginx:nginx \"$d\"", "\nUSER nginx\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if u := out.UserEnd(out.FinalStage()); u != "nginx" {
		t.Errorf("final stage ends as %q", u)
	}
	if strings.Contains(strings.Join(res.Notes, "\n"), "no USER added") {
		t.Errorf("note says no user was added: %q", res.Notes)
	}
	os.WriteFile(filepath.Join(dir, "Dockerfile"), res.Dockerfile, 0o644)
	again, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Dockerfile) != text {
		t.Errorf("not idempotent:\n%s", again.Dockerfile)
	}
}

// An nginx image that runs another program, or a stage already non-root, is left alone.
func TestNginxKept(t *testing.T) {
	for name, df := range map[string]string{
		"other program": "FROM nginx:1.22\nCOPY . /srv\nCMD [\"/srv/run.sh\"]\n",
		"non-root":      "FROM nginx:1.22\nCOPY site /usr/share/nginx/html\nUSER 101\n",
	} {
		dir := writeContext(t, map[string]string{"Dockerfile": df, "site/index.html": "x", "run.sh": "x"})
		res, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(res.Dockerfile), "pid /tmp/nginx.pid") {
			t.Errorf("%s: changed:\n%s", name, res.Dockerfile)
		}
	}
}
