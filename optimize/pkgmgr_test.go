package optimize

import (
	"strings"
	"testing"
)

// Every spelling of a pip install is the Python recipe's (pkgmgr reads them all the same way).
func TestPipSpellings(t *testing.T) {
	for _, install := range []string{"pip install", "pip3 install", "pip3.12 install", "python -m pip install",
		"python3 -m pip install", "python3.12 -m pip install", "pip install --no-cache"} {
		dir := writeContext(t, map[string]string{
			"requirements.txt": "flask==3.0.3\n", "app.py": "app = None\n",
			"Dockerfile": "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN " + install + " -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
		})
		res, _, _ := run(t, dir)
		if res.Ecosystem != "python" {
			t.Errorf("%s: ecosystem %s (%s)", install, res.Ecosystem, res.EcosystemWhy)
			continue
		}
		if want := "COPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\n"; !strings.Contains(string(res.Dockerfile), want) {
			t.Errorf("%s: want %q in:\n%s", install, want, res.Dockerfile)
		}
	}
}
