package dockerfile

import (
	"strings"
	"testing"
)

func TestExecForm(t *testing.T) {
	for line, want := range map[string]string{
		"uvicorn main:app --port 80": "uvicorn|main:app|--port|80",
		"exec node server.js":        "node|server.js",
		"GREETING=hi printenv":       "",
		". venv/bin/activate":        "",
		"source x && y":              "",
		"cd /app":                    "",
		"echo $HOME":                 "",
		"python -c 'print(1)'":       "",
		"exec":                       "",
		"":                           "",
	} {
		args, ok := ExecForm(line)
		if got := strings.Join(args, "|"); got != want || ok != (want != "") {
			t.Errorf("ExecForm(%q) = %q, %v; want %q", line, got, ok, want)
		}
	}
}
