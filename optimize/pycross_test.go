package optimize

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

const pyDockerfile = "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 5000\nCMD [\"python\", \"app.py\"]\n"

func pyFiles(dockerfile string) map[string]string {
	return map[string]string{"requirements.txt": "flask==2.2.2\n", "app.py": "print(1)\n", "Dockerfile": dockerfile}
}

// With --platform the Python recipe's builder runs on $BUILDPLATFORM and asks pip for the
// target's wheels into --target; the runtime copies that directory and names it in
// PYTHONPATH and PATH. Without --platform the output keeps its virtualenv and no platform.
func TestCrossBuildPython(t *testing.T) {
	res := optimizeFiles(t, pyFiles(pyDockerfile), twoPlatforms)
	golden(t, filepath.Join("testdata", "golden", "python-pip-platforms", "Dockerfile.optimized"), res.Dockerfile)
	out := string(res.Dockerfile)
	mustContain(t, out, "FROM --platform=$BUILDPLATFORM python:3.11 AS builder\nARG TARGETARCH\n",
		"python -m pip install --target /opt/deps --python-version 3.11 --implementation cp --only-binary=:all: $tags -r requirements.txt",
		"FROM python:3.11-slim AS runtime\n", "PYTHONPATH=/opt/deps", "PATH=/opt/deps/bin:$PATH", "COPY --from=builder /opt/deps /opt/deps\n")
	if strings.Contains(out, "/opt/venv") {
		t.Errorf("cross output still makes a virtualenv:\n%s", out)
	}
	// every sentence of the report is true of this output: there is no virtualenv to speak of
	for _, ch := range res.Changes {
		if strings.Contains(ch.Why+ch.After, "virtualenv") {
			t.Errorf("change %q speaks of a virtualenv the cross output does not have: %s", ch.Title, ch.Why)
		}
	}
	pl := stagePlatforms(t, res.Dockerfile)
	if pl["builder"] != "$BUILDPLATFORM" || pl["runtime"] != "" {
		t.Errorf("stage platforms %v", pl)
	}
	ch := changeTitled(res, "Python dependencies installed on $BUILDPLATFORM for linux/amd64, linux/arm64")
	if ch == nil || !strings.Contains(ch.Why, pkgmgr.PipCrossInstall.Source.URL) || !strings.Contains(ch.Why, "No matching distribution found") {
		t.Errorf("change %+v", ch)
	}
	if hasNote(res, "not cross-compiled") {
		t.Errorf("notes %q", res.Notes)
	}

	again := optimizeFiles(t, pyFiles(out), twoPlatforms)
	if !hasNote(again, "stage builder already builds on $BUILDPLATFORM (FROM on line 3): its cross build for linux/amd64, linux/arm64 is kept as written") || hasNote(again, "not cross-compiled") {
		t.Errorf("optimized again: notes %q", again.Notes)
	}

	plain := optimizeFiles(t, pyFiles(pyDockerfile), Options{})
	p := string(plain.Dockerfile)
	if strings.Contains(p, "BUILDPLATFORM") || strings.Contains(p, "TARGETARCH") || strings.Contains(p, "--target") ||
		!strings.Contains(p, "RUN python -m venv /opt/venv \\\n && /opt/venv/bin/python -m pip uninstall --yes setuptools\n") || !strings.Contains(p, "COPY --from=builder /opt/venv /opt/venv\n") {
		t.Errorf("without --platform the output changed:\n%s", p)
	}
	if changeTitled(plain, "Python dependencies installed on") != nil {
		t.Errorf("without --platform: changes %+v", plain.Changes)
	}
}

// What keeps the install on each target platform's image is said: no Python version in the
// tag, build packages (wheels compiled from source), a project installed from its own source,
// a platform without wheel tags.
func TestCrossBuildPythonDeclined(t *testing.T) {
	for name, tc := range map[string]struct {
		files map[string]string
		opt   Options
		note  string
	}{
		"no version": {pyFiles(strings.Replace(pyDockerfile, "python:3.11", "python:3", 1)), twoPlatforms,
			"the base image python:3 names no Python version"},
		"build packages": {pyFiles(strings.Replace(pyDockerfile, "COPY . .\n", "RUN apt-get update && apt-get install -y gcc libpq-dev && rm -rf /var/lib/apt/lists/*\nCOPY . .\n", 1)), twoPlatforms,
			"the original installs build packages (gcc, libpq-dev) to compile wheels from source"},
		"project": {map[string]string{"pyproject.toml": "[project]\nname = \"x\"\nversion = \"1\"\ndependencies = [\"flask\"]\n", "app.py": "print(1)\n",
			"Dockerfile": "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install .\nEXPOSE 5000\nCMD [\"python\", \"app.py\"]\n"}, twoPlatforms,
			"a project is installed from its own source"},
		"local package": {map[string]string{"requirements.txt": "flask==2.2.2\n./libs/util\n", "libs/util/setup.py": "x", "app.py": "print(1)\n", "Dockerfile": pyDockerfile}, twoPlatforms,
			"a project is installed from its own source"},
		"arm v7": {pyFiles(pyDockerfile), Options{Platforms: []string{"linux/amd64", "linux/arm/v7"}},
			"dockopt has no wheel platform tags for linux/arm/v7"},
	} {
		t.Run(name, func(t *testing.T) {
			res := optimizeFiles(t, tc.files, tc.opt)
			list := strings.Join(tc.opt.Platforms, ", ")
			if !hasNote(res, "not cross-compiled for "+list+": "+tc.note) {
				t.Errorf("notes %q", res.Notes)
			}
			if strings.Contains(string(res.Dockerfile), "BUILDPLATFORM") {
				t.Errorf("output on $BUILDPLATFORM:\n%s", res.Dockerfile)
			}
		})
	}
}

// The shell the builder runs sets $tags to exactly pkgmgr.ManylinuxTags for each target
// architecture, and stops for one it was not written for.
func TestPipTagScript(t *testing.T) {
	pc := &pyCross{version: "3.11", glibc: 36, archs: []string{"amd64", "arm64"},
		byArch: map[string]pkgmgr.WheelArch{"amd64": {Arch: "x86_64", FirstGlibc: 5}, "arm64": {Arch: "aarch64", FirstGlibc: 17}}}
	script := strings.ReplaceAll(strings.Join(pc.tagScript("--platform "), " \\\n"), " \\\n", " ") + ` printf '%s\n' $tags`
	for arch, wa := range pc.byArch {
		cmd := exec.Command("sh", "-c", script)
		cmd.Env = []string{"TARGETARCH=" + arch, "PATH=/usr/bin:/bin"}
		got, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", arch, err)
		}
		var want []string
		for _, tag := range pkgmgr.ManylinuxTags(wa, 36) {
			want = append(want, "--platform", tag)
		}
		if strings.Join(strings.Fields(string(got)), " ") != strings.Join(want, " ") {
			t.Errorf("%s: tags\n%s\nwant\n%s", arch, got, strings.Join(want, " "))
		}
	}
	cmd := exec.Command("sh", "-c", script)
	cmd.Env = []string{"TARGETARCH=riscv64", "PATH=/usr/bin:/bin"}
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "no wheel platform tags for riscv64") {
		t.Errorf("riscv64: %v %s", err, out)
	}
}

const pySplitDF = "FROM python:3.11 AS base\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD [\"gunicorn\", \"app:app\", \"-b\", \"0.0.0.0:8000\"]\n\nFROM debian:12-slim AS other\nRUN echo hi\n"

// The split of a python stage whose RUNs are only pip installs: its build goes on
// $BUILDPLATFORM with a pip configuration file (PIP_CONFIG_FILE) that makes every pip install
// of the stage a --target install of the target's wheels; the runtime copies /opt/deps.
func TestCrossBuildPythonSplit(t *testing.T) {
	opt := Options{Platforms: twoPlatforms.Platforms, Target: "base"}
	files := map[string]string{"requirements.txt": "gunicorn==20.1.0\n", "app.py": "x = 1\n", "Dockerfile": pySplitDF}
	res := optimizeFiles(t, files, opt)
	golden(t, filepath.Join("testdata", "golden", "python-split-platforms", "Dockerfile.optimized"), res.Dockerfile)
	out := string(res.Dockerfile)
	mustContain(t, out, "FROM --platform=$BUILDPLATFORM python:3.11 AS base-build\nARG TARGETARCH\n",
		`printf '[install]\ntarget = /opt/deps\npython-version = 3.11\nimplementation = cp\nonly-binary = :all:\nplatform =%s\n' "$tags" > /etc/pip-target.conf`,
		"ENV PIP_CONFIG_FILE=/etc/pip-target.conf\n", "FROM python:3.11-slim AS base\nENV PYTHONPATH=/opt/deps PATH=/opt/deps/bin:$PATH\n",
		"COPY --from=base-build /opt/deps /opt/deps\n")
	if strings.Contains(out, "/opt/venv") {
		t.Errorf("a virtualenv is still made:\n%s", out)
	}
	pl := stagePlatforms(t, res.Dockerfile)
	if pl["base-build"] != "$BUILDPLATFORM" || pl["base"] != "" || pl["other"] != "" {
		t.Errorf("stage platforms %v", pl)
	}
	ch := changeTitled(res, "Python dependencies installed on $BUILDPLATFORM for linux/amd64, linux/arm64")
	if ch == nil || !strings.Contains(ch.Why, "PIP_CONFIG_FILE") || !strings.Contains(ch.Why, pkgmgr.PipCrossInstall.Source.URL) {
		t.Errorf("change %+v", ch)
	}
	if hasNote(res, "not cross-compiled") {
		t.Errorf("notes %q", res.Notes)
	}
	plain := optimizeFiles(t, files, Options{Target: "base"})
	if p := string(plain.Dockerfile); strings.Contains(p, "BUILDPLATFORM") || strings.Contains(p, "PIP_CONFIG_FILE") || !strings.Contains(p, "RUN python -m venv /opt/venv\n") {
		t.Errorf("without --platform the split changed:\n%s", p)
	}
	for name, tc := range map[string]struct{ df, note string }{
		"other program": {strings.Replace(pySplitDF, "COPY . .\n", "COPY . .\nRUN python manage.py collectstatic --noinput\n", 1),
			"line 6 runs python, which would run on the builder's platform"},
		"own venv": {strings.Replace(pySplitDF, "WORKDIR /app\n", "RUN python -m venv /venv\nENV PATH=/venv/bin:$PATH\nWORKDIR /app\n", 1),
			"it installs into its own virtualenv (/venv)"},
		"no version": {strings.Replace(pySplitDF, "python:3.11", "python:3", 1),
			"the base image python:3 names no Python version"},
	} {
		t.Run(name, func(t *testing.T) {
			res := optimizeFiles(t, map[string]string{"requirements.txt": "gunicorn==20.1.0\n", "app.py": "x = 1\n", "manage.py": "x = 1\n", "Dockerfile": tc.df}, opt)
			if !hasNote(res, "not cross-compiled for linux/amd64, linux/arm64: "+tc.note) || strings.Contains(string(res.Dockerfile), "BUILDPLATFORM") {
				t.Errorf("notes %q\n%s", res.Notes, res.Dockerfile)
			}
		})
	}
}
