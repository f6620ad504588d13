package optimize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
)

// splitPM optimizes a one-stage Python service and returns the output, its parse and the
// result, after checking that optimizing the output again changes nothing.
func splitPM(t *testing.T, files map[string]string) (string, *dockerfile.File, *Result) {
	t.Helper()
	dir := writeContext(t, files)
	res, out, err := optimizeDir(t, dir, "Dockerfile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := string(res.Dockerfile)
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), res.Dockerfile, 0o644); err != nil {
		t.Fatal(err)
	}
	again, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Dockerfile) != text {
		t.Errorf("not idempotent:\n%s\nagain:\n%s", text, again.Dockerfile)
	}
	return text, out, res
}

func wantLines(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("output lacks %q:\n%s", w, text)
		}
	}
}

// poetry installed with pip, then `poetry install` with virtualenvs.create false: poetry goes
// to the build's system site-packages, the dependencies to /opt/venv (VIRTUAL_ENV), only the
// main group; the runtime is python slim with the venv and the code, and runs uvicorn
// without `poetry run` (poetry is not there).
func TestSplitPoetry(t *testing.T) {
	df := "FROM python:3.11\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN pip install poetry==1.3.2\nRUN poetry config virtualenvs.create false && poetry install --no-root\nCOPY . .\nEXPOSE 8000\nCMD [\"poetry\", \"run\", \"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n"
	text, out, res := splitPM(t, map[string]string{"Dockerfile": df, "pyproject.toml": "[tool.poetry]\nname = \"x\"\n", "poetry.lock": "\n", "app/main.py": "\n"})
	wantLines(t, text,
		"RUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install poetry==1.3.2\nRUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv POETRY_VIRTUALENVS_CREATE=false\nENV PATH=/opt/venv/bin:$PATH\n",
		"poetry install --only main --no-root",
		"FROM python:3.11-slim AS runtime\nENV PATH=/opt/venv/bin:$PATH\nWORKDIR /app\nCOPY --from=runtime-build /opt/venv /opt/venv\nCOPY --from=runtime-build /app /app\n",
		"CMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]",
	)
	rt := out.StageByName("runtime")
	if rt == nil || strings.Contains(text[strings.Index(text, "FROM python:3.11-slim"):], "poetry") {
		t.Errorf("poetry is in the runtime stage:\n%s", text)
	}
	if u := out.UserEnd(rt); dockerfile.RunsAsRoot(u) {
		t.Errorf("runtime ends as %q", u)
	}
	if len(res.Notes) > 0 && strings.Contains(strings.Join(res.Notes, "\n"), "minor version") {
		t.Errorf("python:3.11 names its minor version, yet: %q", res.Notes)
	}
}

// `pip install poetry && poetry install` in one RUN: the venv and poetry's settings come
// before that RUN, PATH only after it (pip must not install poetry into the venv); a poetry
// pinned before 1.2 gets no `--only main` (it has no such option); the venv loses pip only
// after poetry's install.
func TestSplitPoetryOneRun(t *testing.T) {
	df := "FROM python:3.10\nWORKDIR /srv\nCOPY . .\nRUN pip install poetry==1.1.15 && poetry install --no-interaction\nCMD poetry run gunicorn -b 0.0.0.0:8000 'app:create_app()'\n"
	text, _, _ := splitPM(t, map[string]string{"Dockerfile": df, "pyproject.toml": "\n", "poetry.lock": "\n", "app.py": "\n"})
	wantLines(t, text,
		"RUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv POETRY_VIRTUALENVS_CREATE=false\nRUN --mount=type=cache,target=/root/.cache/pip \\\n    --mount=type=cache,target=/root/.cache/pypoetry \\\n    pip install poetry==1.1.15 && poetry install --no-interaction \\\n    && /opt/venv/bin/python -m pip uninstall --yes pip\nENV PATH=/opt/venv/bin:$PATH\n",
		"CMD gunicorn -b 0.0.0.0:8000 'app:create_app()'",
		"FROM python:3.10-slim AS runtime",
	)
}

// The project in a subdirectory (COPY ./app /app; pyproject.toml and poetry.lock under app/,
// none at the context's root), poetry installed and run in one RUN between useradd and apt-get
// (jvrmaia/flask-docker-example, testdata/realworld/flask-whoami): the `poetry install` in
// the RUN says it is a poetry build, so pip's recipe does not rewrite it (it kept poetry and
// its install in the runtime stage); the split puts the dependencies in /opt/venv and leaves
// poetry, apt-get and useradd in the build stage.
func TestSplitPoetrySubdirOneRun(t *testing.T) {
	df := `FROM python:3.11
COPY ./app /app
WORKDIR /app
RUN useradd -r app \
    && chown -R app /app \
    && apt-get update -y \
    && pip3 install poetry==1.3.2 \
    && poetry config virtualenvs.create false \
    && poetry install \
    && rm -rf /var/lib/apt/lists/*
ENV VERSION=0.1.1
USER app
ENTRYPOINT ["gunicorn"]
CMD ["--bind", "0.0.0.0:5000", "whoami:APP"]
`
	text, out, res := splitPM(t, map[string]string{"Dockerfile": df, "app/pyproject.toml": "[tool.poetry]\nname = \"x\"\n", "app/poetry.lock": "\n", "app/whoami.py": "\n"})
	if !strings.Contains(res.EcosystemWhy, "`poetry install` in RUN") {
		t.Errorf("ecosystem %s (%s), want pip's recipe declined for poetry install", res.Ecosystem, res.EcosystemWhy)
	}
	wantLines(t, text,
		"RUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv POETRY_VIRTUALENVS_CREATE=false\nRUN --mount=type=cache,target=/root/.cache/pip \\\n    --mount=type=cache,target=/root/.cache/pypoetry \\\n    useradd -r app",
		"poetry install --only main \\\n",
		"FROM python:3.11-slim AS runtime\nENV PATH=/opt/venv/bin:$PATH\nWORKDIR /app\nCOPY --from=runtime-build /opt/venv /opt/venv\nCOPY --from=runtime-build /app /app\n",
		"ENTRYPOINT [\"gunicorn\"]\nCMD [\"--bind\", \"0.0.0.0:5000\", \"whoami:APP\"]",
	)
	runtime := text[strings.Index(text, "AS runtime\n"):]
	for _, gone := range []string{"poetry", "apt-get", "pip3 install"} {
		if strings.Contains(runtime, gone) {
			t.Errorf("%s is in the runtime stage:\n%s", gone, text)
		}
	}
	if u := out.UserEnd(out.StageByName("runtime")); dockerfile.RunsAsRoot(u) {
		t.Errorf("runtime ends as %q", u)
	}
}

// uv copied from its image: uv sync fills /opt/venv itself (UV_PROJECT_ENVIRONMENT, the
// image's Python, bytecode compiled), without the dev group, with uv's cache in a cache
// mount; uv stays in the build stage and the runtime runs the program without `uv run`.
func TestSplitUV(t *testing.T) {
	df := "FROM python:3.12-bookworm\nCOPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /uvx /bin/\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-install-project\nCOPY . .\nRUN uv sync --frozen\nCMD [\"uv\", \"run\", \"--no-sync\", \"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\"]\n"
	text, _, _ := splitPM(t, map[string]string{"Dockerfile": df, "pyproject.toml": "[project]\nname = \"x\"\n", "uv.lock": "\n", "app.py": "\n"})
	wantLines(t, text,
		"FROM python:3.12-bookworm AS runtime-build\nENV UV_PROJECT_ENVIRONMENT=/opt/venv UV_PYTHON_DOWNLOADS=never UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy\nENV PATH=/opt/venv/bin:$PATH\n",
		"RUN --mount=type=cache,target=/root/.cache/uv uv sync --no-dev --frozen --no-install-project\n",
		"RUN --mount=type=cache,target=/root/.cache/uv uv sync --no-dev --frozen\n",
		"FROM python:3.12-slim-bookworm AS runtime\nENV PATH=/opt/venv/bin:$PATH\nWORKDIR /app\nCOPY --from=runtime-build /opt/venv /opt/venv\nCOPY --from=runtime-build /app /app\n",
		"CMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\"]",
	)
	if strings.Contains(text, "python -m venv") || strings.Contains(text[strings.Index(text, "AS runtime\n"):], "/bin/uv") {
		t.Errorf("uv makes its own venv and stays in the build:\n%s", text)
	}
}

// UV_NO_DEV set in the Dockerfile already leaves the dev group out: no --no-dev is added.
func TestSplitUVNoDevEnv(t *testing.T) {
	df := "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /bin/\nENV UV_NO_DEV=1\nWORKDIR /app\nCOPY . .\nRUN uv sync --locked\nCMD [\"uv\", \"run\", \"app.py\"]\n"
	text, _, _ := splitPM(t, map[string]string{"Dockerfile": df, "pyproject.toml": "\n", "uv.lock": "\n", "app.py": "\n"})
	wantLines(t, text, "uv sync --locked\n", "CMD [\"app.py\"]")
	if strings.Contains(text, "--no-dev") {
		t.Errorf("--no-dev added under UV_NO_DEV:\n%s", text)
	}
}

// pipenv: `pipenv install --deploy` uses the activated virtualenv (VIRTUAL_ENV), which
// leaves the development packages out by itself; `pipenv run` goes from the command.
func TestSplitPipenv(t *testing.T) {
	df := "FROM python:3.11\nRUN pip install pipenv\nWORKDIR /app\nCOPY Pipfile Pipfile.lock ./\nRUN pipenv install --deploy --ignore-pipfile\nCOPY . .\nCMD [\"pipenv\", \"run\", \"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]\n"
	text, _, _ := splitPM(t, map[string]string{"Dockerfile": df, "Pipfile": "\n", "Pipfile.lock": "{}\n", "app.py": "\n"})
	wantLines(t, text,
		"RUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install pipenv\nRUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv\nENV PATH=/opt/venv/bin:$PATH\n",
		"RUN --mount=type=cache,target=/root/.cache/pipenv \\\n    pipenv install --deploy --ignore-pipfile",
		"CMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]",
	)
}

// A python tag without a minor version: the split is made, and a note says that the two
// stages' Pythons cannot be guaranteed the same.
func TestSplitPythonVersionNote(t *testing.T) {
	for tag, note := range map[string]bool{"3": true, "latest": true, "bookworm": true, "3.12": false, "3.12.4-bookworm": false} {
		df := "FROM python:" + tag + "\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"
		dir := writeContext(t, map[string]string{"Dockerfile": df, "requirements.txt": "flask\n", "app.py": "\n"})
		res, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Contains(strings.Join(res.Notes, "\n"), "cannot guarantee they hold the same Python")
		if got != note {
			t.Errorf("python:%s: note = %v, want %v: %q\n%s", tag, got, note, res.Notes, res.Dockerfile)
		}
	}
}

// --cache-mounts=false: uv's installs are left without a cache mount.
func TestSplitUVWithoutCacheMounts(t *testing.T) {
	df := "FROM python:3.12-bookworm\nCOPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /uvx /bin/\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-install-project\nCOPY . .\nRUN uv sync --frozen\nCMD [\"uv\", \"run\", \"--no-sync\", \"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\"]\n"
	dir := writeContext(t, map[string]string{"Dockerfile": df, "pyproject.toml": "[project]\nname = \"x\"\n", "uv.lock": "\n", "app.py": "\n"})
	res, _, err := optimizeDir(t, dir, "Dockerfile", Options{NoCacheMounts: true})
	if err != nil {
		t.Fatal(err)
	}
	text := string(res.Dockerfile)
	wantLines(t, text, "RUN uv sync --no-dev --frozen --no-install-project\n", "RUN uv sync --no-dev --frozen\n")
	if strings.Contains(text, "--mount") {
		t.Errorf("a cache mount with NoCacheMounts:\n%s", text)
	}
}
