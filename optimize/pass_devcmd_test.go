package optimize

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
)

// devCase is one optimize run for the development-command pass: a real-world context,
// optionally with its Dockerfile (or another file) rewritten.
type devCase struct {
	name, dir, df, target string
	buildArgs             map[string]string
	// edit rewrites files of the copied context: path -> (old, new); old "" writes new.
	edit map[string][2]string
	// wantEntry and wantCmd are the output's ENTRYPOINT and CMD in the target stage (nil
	// entry: as in the original).
	wantEntry, wantCmd []string
	// wantText and notText must (not) appear in the output; wantNote in a note, wantChange
	// in a Change's title.
	wantText, notText, wantNote, wantChange []string
}

// mongoStage is the first stage of ac-react-express-mongodb's backend Dockerfile (npm ci,
// CMD npm run dev), standing alone: the Node recipe rewrites it.
const mongoStage = "WORKDIR /usr/src/app\nCOPY package.json /usr/src/app/package.json\nCOPY package-lock.json /usr/src/app/package-lock.json\nRUN npm ci\nCOPY . /usr/src/app\nEXPOSE 3000\n"

var devCases = []devCase{
	{name: "compose target development keeps npm run dev", dir: "ac-react-express-mongodb/backend", target: "development",
		wantCmd: []string{"npm", "run", "dev"}, notText: []string{"--omit=dev"},
		wantNote: []string{"development stage by its name", "nodemon server.js", "for production, run `node server.js`"}},
	{name: "last stage dev-envs keeps npm run dev", dir: "ac-react-express-mongodb/backend",
		wantCmd: []string{"npm", "run", "dev"}, wantNote: []string{"stage dev-envs, is a development stage"}},
	{name: "single stage: the recipe prunes, the command switches to the start script", dir: "ac-react-express-mongodb/backend",
		edit:    map[string][2]string{"Dockerfile": {"", "FROM node:20-slim\n" + mongoStage + `CMD [ "npm", "run", "dev" ]` + "\n"}},
		wantCmd: []string{"node", "server.js"}, wantText: []string{"npm ci --omit=dev"},
		wantChange: []string{"The container starts with `node server.js`, not nodemon"}},
	{name: "single development stage: the recipe's pruning is undone", dir: "ac-react-express-mongodb/backend", target: "development",
		edit:    map[string][2]string{"Dockerfile": {"", "FROM node:20-slim AS development\n" + mongoStage + `CMD [ "npm", "run", "dev" ]` + "\n"}},
		wantCmd: []string{"npm", "run", "dev"}, notText: []string{"--omit=dev", "production dependencies only"},
		wantChange: []string{"devDependencies stay installed, because the command runs nodemon"}},
	{name: "npm start running nodemon becomes node on the file it runs", dir: "ac-react-express-mongodb/backend",
		edit: map[string][2]string{
			"Dockerfile":   {"", "FROM node:20-slim\n" + mongoStage + "CMD npm start\n"},
			"package.json": {`"start": "node server.js"`, `"start": "nodemon server.js"`}},
		wantCmd: []string{"node", "server.js"}, wantText: []string{"npm ci --omit=dev"}},
	{name: "a start script whose file is not in the image falls back to the file nodemon runs", dir: "ac-react-express-mongodb/backend",
		edit: map[string][2]string{
			"Dockerfile":   {"", "FROM node:20-slim\n" + mongoStage + `CMD [ "npm", "run", "dev" ]` + "\n"},
			"package.json": {`"start": "node server.js"`, `"start": "node dist/server.js"`}},
		wantCmd: []string{"node", "server.js"}, wantText: []string{"npm ci --omit=dev"}},
	{name: "a dev server inside shell code is kept with its devDependencies", dir: "ac-react-express-mongodb/backend",
		edit:    map[string][2]string{"Dockerfile": {"", "FROM node:20-slim\n" + mongoStage + "CMD sleep 1 && npm run dev\n"}},
		wantCmd: []string{"/bin/sh", "-c", "sleep 1 && npm run dev"}, notText: []string{"--omit=dev"},
		wantNote: []string{"shell code"}, wantChange: []string{"devDependencies stay installed"}},
	{name: "NODE_ENV=production before npm ci: devDependencies included again", dir: "ac-react-express-mongodb/backend", target: "development",
		edit:    map[string][2]string{"Dockerfile": {"FROM node:20-slim AS development\n", "FROM node:20-slim AS development\nENV NODE_ENV=production\n"}},
		wantCmd: []string{"npm", "run", "dev"}, wantText: []string{"RUN npm ci --include=dev\n"},
		wantChange: []string{"devDependencies stay installed, because the command runs nodemon"}},
	{name: "todo-app client-dev keeps Vite's dev server, names final", dir: "todo-app", target: "client-dev",
		wantCmd: []string{"yarn", "dev"}, wantNote: []string{"vite --host=0.0.0.0", "stage final is the file's production stage"}},
	{name: "todo-app backend-dev keeps nodemon", dir: "todo-app", target: "backend-dev",
		wantCmd: []string{"yarn", "dev"}, wantNote: []string{"nodemon src/index.js", "--target final"}},
	{name: "todo-app final prunes and needs no devDependency", dir: "todo-app",
		wantCmd: []string{"node", "src/index.js"}, wantText: []string{"yarn install --production --frozen-lockfile"}},
	{name: "NODE_ENV=development by build arg", dir: "ac-react-express-mysql/backend", target: "development",
		buildArgs: map[string]string{"NODE_ENV": "development"},
		wantCmd:   []string{"node", "src/index.js"}, wantNote: []string{"NODE_ENV=development in stage development"}},
	{name: "django runserver without gunicorn is kept", dir: "ac-django/app", target: "builder",
		wantEntry: []string{"python3"}, wantCmd: []string{"manage.py", "runserver", "0.0.0.0:8000"},
		wantNote: []string{"Django's development server", "`gunicorn --bind 0.0.0.0:8000 example.wsgi` would serve the app"}},
	{name: "django runserver with gunicorn installed", dir: "ac-django/app", target: "builder",
		edit:      map[string][2]string{"requirements.txt": {"python-dotenv==0.21.0", "python-dotenv==0.21.0\ngunicorn==22.0.0"}},
		wantEntry: []string{"python3"}, wantCmd: []string{"-m", "gunicorn", "--bind", "0.0.0.0:8000", "example.wsgi"}},
	{name: "flask run --debug without gunicorn loses --debug", dir: "ac-flask/app", target: "builder",
		edit:       map[string][2]string{"Dockerfile": {`ENTRYPOINT ["python3"]` + "\n" + `CMD ["app.py"]`, "ENV FLASK_DEBUG=1\n" + `CMD ["flask", "--app", "app", "run", "--host", "0.0.0.0", "--port", "8000", "--debug"]`}},
		wantCmd:    []string{"flask", "--app", "app", "run", "--host", "0.0.0.0", "--port", "8000"},
		wantNote:   []string{"FLASK_DEBUG=1 in stage builder"},
		notText:    []string{"--debug"},
		wantChange: []string{"The container starts with"}},
	{name: "flask run with gunicorn installed", dir: "ac-flask/app", target: "builder",
		edit: map[string][2]string{
			"Dockerfile":       {`ENTRYPOINT ["python3"]` + "\n" + `CMD ["app.py"]`, `CMD ["flask", "run", "--host=0.0.0.0", "--port=8000"]`},
			"requirements.txt": {"flask", "flask\ngunicorn"}},
		wantCmd: []string{"gunicorn", "--bind", "0.0.0.0:8000", "app:app"}},
	{name: "uvicorn --reload is dropped", dir: "seed-fastapi",
		edit:    map[string][2]string{"Dockerfile": {`"--port", "9000", \`, `"--port", "9000", "--reload", \`}},
		notText: []string{"--reload"}, wantChange: []string{"The container starts with"}},
	{name: "poetry development stage keeps uvicorn --reload, names production", dir: "poetry-fastapi", df: "docker/Dockerfile", target: "development",
		wantCmd: []string{"poetry", "run", "uvicorn", "app.main:app", "--host=0.0.0.0", "--port=8000", "--reload"}, wantNote: []string{"stage production is the file's production stage"}},
	{name: "fastapi dev becomes fastapi run", dir: "uv-fastapi",
		wantCmd: []string{"uv", "run", "fastapi", "run", "--host", "0.0.0.0", "src/uv_docker_example"}},
}

func TestDevCommands(t *testing.T) {
	for _, c := range devCases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyContext(t, "../testdata/realworld/"+c.dir)
			for file, e := range c.edit {
				full := filepath.Join(dir, file)
				old, _ := os.ReadFile(full)
				text := e[1]
				if e[0] != "" {
					if !strings.Contains(string(old), e[0]) {
						t.Fatalf("%s does not hold %q", file, e[0])
					}
					text = strings.Replace(string(old), e[0], e[1], 1)
				}
				if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			df := c.df
			if df == "" {
				df = "Dockerfile"
			}
			opt := Options{Target: c.target, BuildArgs: c.buildArgs}
			res, out, err := optimizeDir(t, dir, df, opt)
			if err != nil {
				t.Fatal(err)
			}
			checkDevOutput(t, c, res, out)
			noPrunedNeeds(t, dir, df, res, opt)
			// idempotent: optimizing the output changes nothing
			if err := os.WriteFile(filepath.Join(dir, df), res.Dockerfile, 0o644); err != nil {
				t.Fatal(err)
			}
			again, _, err := optimizeDir(t, dir, df, opt)
			if err != nil {
				t.Fatal(err)
			}
			if string(again.Dockerfile) != string(res.Dockerfile) {
				t.Errorf("a second optimize changed the output:\n%s\n---\n%s", res.Dockerfile, again.Dockerfile)
			}
		})
	}
}

func checkDevOutput(t *testing.T, c devCase, res *Result, out *dockerfile.File) {
	t.Helper()
	st, err := targetStage(out, c.target)
	if err != nil {
		t.Fatal(err)
	}
	sc := runOf(out, st)
	var entry []string
	if sc.entry != nil {
		entry, _ = instrWords(sc.entry)
	}
	cmd, _ := instrWords(sc.cmd)
	if c.wantCmd != nil && !slices.Equal(cmd, c.wantCmd) {
		t.Errorf("CMD = %q, want %q\n%s", cmd, c.wantCmd, res.Dockerfile)
	}
	if c.wantEntry != nil && !slices.Equal(entry, c.wantEntry) {
		t.Errorf("ENTRYPOINT = %q, want %q\n%s", entry, c.wantEntry, res.Dockerfile)
	}
	text := string(res.Dockerfile)
	for _, w := range c.wantText {
		if !strings.Contains(text, w) {
			t.Errorf("the output lacks %q\n%s", w, text)
		}
	}
	for _, w := range c.notText {
		if strings.Contains(text, w) {
			t.Errorf("the output still holds %q\n%s", w, text)
		}
	}
	notes := strings.Join(res.Notes, "\n")
	for _, w := range c.wantNote {
		if !strings.Contains(notes, w) {
			t.Errorf("no note says %q:\n%s", w, notes)
		}
	}
	var titles []string
	for _, ch := range res.Changes {
		titles = append(titles, ch.Title)
	}
	for _, w := range c.wantChange {
		if !strings.Contains(strings.Join(titles, "\n"), w) {
			t.Errorf("no change titled %q: %q", w, titles)
		}
	}
}

// noPrunedNeeds checks the invariant: the command of the stage that ships runs no program
// that only a devDependency provides while an install of that stage leaves them out.
func noPrunedNeeds(t *testing.T, dir, df string, res *Result, opt Options) {
	t.Helper()
	ctx, err := buildctx.Scan(dir, df)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlan(df, string(res.Dockerfile), ctx, &analysis{}, opt, &Result{})
	if err != nil {
		t.Fatal(err)
	}
	st := p.stage()
	sc := runOf(p.f, st)
	needs := neededDevDeps(stagePackage(p.f, ctx, st), sc.words)
	if prunes := devPrunes(p, st); len(needs) > 0 && len(prunes) > 0 {
		t.Errorf("`%s` needs %v, which line %d leaves out\n%s", commandText(sc.words), needs, prunes[0].in.StartLine, res.Dockerfile)
	}
}

func TestIsDevStageName(t *testing.T) {
	for name, want := range map[string]bool{
		"dev": true, "development": true, "dev-envs": true, "backend-dev": true, "client_dev": true, "develop": true,
		"builder": false, "final": false, "production": false, "devtools": false, "": false, "runtime": false,
	} {
		if got := isDevStageName(name); got != want {
			t.Errorf("isDevStageName(%q) = %v, want %v", name, got, want)
		}
	}
}

// The image files of todo-app's stages come from the context paths their COPY instructions
// name, through COPY --from and the stages they are built FROM.
func TestContextFileAt(t *testing.T) {
	dir := "../testdata/realworld/todo-app"
	src, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := dockerfile.Parse("Dockerfile", src, dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := buildctx.Scan(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ stage, image, want string }{
		{"client-dev", "/usr/local/app/package.json", "client/package.json"},
		{"client-dev", "/usr/local/app/src/main.jsx", "client/src/main.jsx"},
		{"backend-dev", "/usr/local/app/package.json", "backend/package.json"},
		{"final", "/usr/local/app/package.json", "backend/package.json"}, // COPY --from=test, built FROM backend-dev
		{"final", "/usr/local/app/src/index.js", "backend/src/index.js"},
		{"final", "/usr/local/app/src/static/index.html", ""}, // built by client-build's RUN
		{"base", "/usr/local/app/package.json", ""},
	} {
		got, ok := contextFileAt(f, ctx, f.StageByName(c.stage), c.image)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("%s %s: %q %v, want %q", c.stage, c.image, got, ok, c.want)
		}
	}
}

func TestScriptCommands(t *testing.T) {
	got := scriptCommands(`cross-env NODE_ENV=development nodemon --exec "ts-node src/a.ts" && npm run lint; echo $HOME`)
	want := [][]string{
		{"cross-env", "NODE_ENV=development", "nodemon", "--exec", "ts-node src/a.ts"},
		{"npm", "run", "lint"},
		{"echo", "$HOME"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("command %d: %q, want %q", i, got[i], want[i])
		}
	}
}
