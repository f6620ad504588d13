package optimize

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rules"
)

// The recipe's venv on Python before 3.12 loses the setuptools `python -m venv` seeds, unless
// the code imports pkg_resources or pip builds without isolation; 3.12 seeds none. pip is
// still uninstalled after the last install.
func TestRecipeVenvSetuptools(t *testing.T) {
	const uninstall = "RUN python -m venv /opt/venv \\\n && /opt/venv/bin/python -m pip uninstall --yes setuptools\n"
	files := map[string]string{"requirements.txt": "flask\n", "app.py": "print(1)\n",
		"Dockerfile": "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"}
	out := string(optimizeFiles(t, files, Options{}).Dockerfile)
	if !strings.Contains(out, uninstall) || !strings.Contains(out, "&& /opt/venv/bin/python -m pip uninstall --yes pip\n") {
		t.Errorf("3.11:\n%s", out)
	}
	for name, change := range map[string]func(map[string]string){
		"3.12": func(m map[string]string) {
			m["Dockerfile"] = strings.Replace(m["Dockerfile"], "python:3.11", "python:3.12", 1)
		},
		"code uses pkg_resources": func(m map[string]string) { m["app.py"] = "import pkg_resources\n" },
		"no build isolation": func(m map[string]string) {
			m["Dockerfile"] = strings.Replace(m["Dockerfile"], "pip install -r", "pip install --no-build-isolation -r", 1)
		},
	} {
		m := map[string]string{}
		for k, v := range files {
			m[k] = v
		}
		change(m)
		out := string(optimizeFiles(t, m, Options{}).Dockerfile)
		if strings.Contains(out, "uninstall --yes setuptools") || !strings.Contains(out, "RUN python -m venv /opt/venv\n") {
			t.Errorf("%s: setuptools uninstalled:\n%s", name, out)
		}
	}
}

// A shell script that names pip but that the .dockerignore leaves out of the build (infra/,
// as in moahmed90/amiphonics) does not keep pip in the venv that ships.
func TestVenvPipIgnoredScript(t *testing.T) {
	files := map[string]string{"requirements.txt": "flask\n", "app.py": "print(1)\n",
		"infra/user_data.sh": "#!/bin/sh\npip install awscli\n",
		"Dockerfile":         "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"}
	if out := string(optimizeFiles(t, files, Options{}).Dockerfile); strings.Contains(out, "uninstall --yes pip") {
		t.Errorf("the script is in the context: pip must stay:\n%s", out)
	}
	files[".dockerignore"] = "infra/\n"
	if out := string(optimizeFiles(t, files, Options{}).Dockerfile); !strings.Contains(out, "uninstall --yes pip") {
		t.Errorf("the script is ignored: pip must go:\n%s", out)
	}
}

// A change names only the rules that fired on the original (or opt-in rules the default lint
// does not run): the Python recipe's split lists DO107-DO109 only where they fired.
func TestChangesNameFiredRules(t *testing.T) {
	files := map[string]string{"requirements.txt": "flask\n", "app.py": "print(1)\n",
		"Dockerfile": "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"}
	dir := writeContext(t, files)
	f, err := dockerfile.Parse("Dockerfile", []byte(files["Dockerfile"]), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := buildctx.Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Optimize(f, ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fired, optIn := map[string]bool{}, map[string]bool{}
	for _, fd := range lint.Run(f, ctx, lint.Options{}) {
		fired[fd.Rule.ID] = true
	}
	for _, r := range rules.All() {
		optIn[r.ID] = r.OptIn
	}
	named := 0
	for _, c := range res.Changes {
		for _, id := range c.Rules {
			named++
			if !fired[id] && !optIn[id] {
				t.Errorf("change %q names %s, which did not fire on the original (fired: %v)", c.Title, id, fired)
			}
		}
	}
	ms := changeTitled(res, "Multi-stage build")
	if named == 0 || ms == nil || slices.Contains(ms.Rules, "DO109") != fired["DO109"] {
		t.Errorf("fired %v, changes %+v", fired, res.Changes)
	}
}
