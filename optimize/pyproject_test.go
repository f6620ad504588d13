package optimize

import (
	"strings"
	"testing"
)

// A pyproject-only project (PEP 621 dependencies, no requirements file, no lock): on Python
// 3.11+ the dependencies are installed from pyproject.toml before the code, the project after
// it; with dynamic dependencies, or Python 3.10, the project is installed with the code and a
// note says why.
func TestPyprojectOnly(t *testing.T) {
	static := "[project]\nname = \"svc\"\nversion = \"0.1.0\"\ndependencies = [\n  \"flask==2.2.2\",\n]\n"
	dynamic := "[project]\nname = \"svc\"\ndynamic = [\"version\", \"dependencies\"]\n"
	for name, c := range map[string]struct {
		tag, pyproject string
		first          bool
	}{
		"static 3.11":  {"3.11", static, true},
		"static 3.10":  {"3.10", static, false},
		"dynamic 3.12": {"3.12", dynamic, false},
	} {
		df := "FROM python:" + c.tag + "\nWORKDIR /app\nCOPY . .\nRUN pip install .\nCMD [\"python\", \"-m\", \"svc\"]\n"
		text, _, res := splitPM(t, map[string]string{"Dockerfile": df, "pyproject.toml": c.pyproject, "svc/__main__.py": "\n"})
		first := strings.Contains(text, "COPY pyproject.toml ./\nRUN --mount=type=cache,target=/root/.cache/pip \\\n    python -c \"import tomllib;") &&
			strings.Contains(text, "pip install -r /tmp/requirements.txt\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install --no-deps .")
		if first != c.first {
			t.Errorf("%s: dependencies first = %v, want %v:\n%s", name, first, c.first, text)
		}
		noted := strings.Contains(strings.Join(res.Notes, "\n"), "installed with the code")
		if noted == c.first {
			t.Errorf("%s: note = %v: %q", name, noted, res.Notes)
		}
	}
}
