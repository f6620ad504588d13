package optimize

import (
	"strings"
	"testing"

	"github.com/dockopt/dockopt/lint"
)

// pipSpellings are the ways a Dockerfile runs `pip install --no-cache-dir`: pkgmgr reads
// them all as the same call.
var pipSpellings = []string{"pip install --no-cache-dir", "pip3 install --no-cache-dir",
	"pip3.12 install --no-cache-dir", "python -m pip install --no-cache-dir",
	"python3 -m pip install --no-cache-dir", "python3.12 -m pip install --no-cache-dir",
	"pip install --no-cache", "pip --no-cache-dir install", "PIP_NO_CACHE_DIR=1 pip3.12 install"}

// The optimizer and the rules agree on every spelling: the Python recipe takes the
// requirements file, DO104 (pip cache) sees the cache turned off, DO702 (pip pinning) sees
// the unpinned package.
func TestPipSpellingsAgree(t *testing.T) {
	for _, install := range pipSpellings {
		dir := writeContext(t, map[string]string{
			"requirements.txt": "flask==3.0.3\n", "app.py": "app = None\n",
			"Dockerfile": "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN " + install +
				" -r requirements.txt gunicorn\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
		})
		res, f, ctx := run(t, dir)
		if res.Ecosystem != "python" {
			t.Errorf("%s: optimizer: ecosystem %s (%s)", install, res.Ecosystem, res.EcosystemWhy)
		} else if want := "COPY requirements.txt ./\n"; !strings.Contains(string(res.Dockerfile), want) {
			t.Errorf("%s: optimizer: want %q in:\n%s", install, want, res.Dockerfile)
		}
		found := map[string]string{}
		for _, fd := range lint.Run(f, ctx, lint.Options{}) {
			found[fd.Rule.ID] = fd.Message
		}
		if msg, ok := found["DO104"]; ok {
			t.Errorf("%s: DO104 does not see the cache turned off: %s", install, msg)
		}
		if msg := found["DO702"]; !strings.Contains(msg, "gunicorn") {
			t.Errorf("%s: DO702 does not see the unpinned gunicorn: %q", install, msg)
		}
	}
}

// uv pip install is uv's: pinned like pip (DO702), but it has its own cache (no DO104), and
// the pip recipe does not take it.
func TestUvPipIsNotPip(t *testing.T) {
	dir := writeContext(t, map[string]string{
		"requirements.txt": "flask==3.0.3\n", "app.py": "app = None\n",
		"Dockerfile": "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN uv pip install --system -r requirements.txt gunicorn\nCMD [\"python\", \"app.py\"]\n",
	})
	res, f, ctx := run(t, dir)
	if res.Ecosystem == "python" {
		t.Errorf("uv pip install taken by the pip recipe")
	}
	found := map[string]string{}
	for _, fd := range lint.Run(f, ctx, lint.Options{}) {
		found[fd.Rule.ID] = fd.Message
	}
	if _, ok := found["DO104"]; ok {
		t.Errorf("DO104 on uv pip install")
	}
	if !strings.Contains(found["DO702"], "gunicorn") {
		t.Errorf("DO702 misses uv pip install gunicorn: %q", found["DO702"])
	}
}
