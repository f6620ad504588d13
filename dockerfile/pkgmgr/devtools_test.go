package pkgmgr

import (
	"reflect"
	"strings"
	"testing"
)

func TestFindDevTool(t *testing.T) {
	cases := []struct {
		cmd, tool string
		drop      []int
		operands  []string
	}{
		{"nodemon server.js", "nodemon", nil, []string{"server.js"}},
		{"nodemon --exec ts-node src/index.ts", "nodemon", nil, []string{"src/index.ts"}},
		{"npx nodemon --inspect=0.0.0.0:9229 src/index.js", "nodemon", nil, []string{"src/index.js"}},
		{"cross-env NODE_ENV=development nodemon app.js", "nodemon", nil, []string{"app.js"}},
		{"npm exec -- ts-node src/main.ts", "ts-node", nil, []string{"src/main.ts"}},
		{"node --watch --watch-path=src server.js", "node --watch", []int{1, 2}, []string{"server.js"}},
		{"vite --host=0.0.0.0", "vite", nil, nil},
		{"vite dev", "vite", nil, []string{"dev"}},
		{"next dev -p 3000", "next dev", nil, []string{"3000"}},
		{"react-scripts start", "react-scripts start", nil, nil},
		{"python manage.py runserver 0.0.0.0:8000", "manage.py runserver", nil, []string{"0.0.0.0:8000"}},
		{"python3 -m django runserver", "manage.py runserver", nil, nil},
		{"flask --app app run --host 0.0.0.0 --debug", "flask run", []int{6}, []string{"0.0.0.0"}},
		{"python -m flask run --reload --extra-files a.txt", "flask run", []int{4, 5, 6}, nil},
		{"poetry run uvicorn app.main:app --host=0.0.0.0 --reload", "uvicorn --reload", []int{5}, []string{"app.main:app"}},
		{"uvicorn app:app --reload --reload-dir src", "uvicorn --reload", []int{2, 3, 4}, []string{"app:app"}},
		{"gunicorn app:app --reload -b 0.0.0.0:80", "gunicorn --reload", []int{2}, []string{"app:app", "0.0.0.0:80"}},
		{"uv run fastapi dev --host 0.0.0.0 src/app", "fastapi dev", nil, []string{"0.0.0.0", "src/app"}},
	}
	for _, c := range cases {
		use := FindDevTool(strings.Fields(c.cmd))
		if use == nil {
			t.Errorf("%q: no development tool found, want %s", c.cmd, c.tool)
			continue
		}
		if use.Tool.Name != c.tool || !reflect.DeepEqual(use.Drop, c.drop) || !reflect.DeepEqual(use.Operands, c.operands) {
			t.Errorf("%q: got %s drop %v operands %q, want %s drop %v operands %q", c.cmd, use.Tool.Name, use.Drop, use.Operands, c.tool, c.drop, c.operands)
		}
	}
}

func TestNotADevTool(t *testing.T) {
	for _, cmd := range []string{
		"node server.js", "npm start", "npm run dev", "yarn dev", "vite build", "vite preview", "next start",
		"uvicorn app:app --host 0.0.0.0", "gunicorn app:app", "flask routes", "python manage.py migrate",
		"fastapi run src/app", "python app.py", "npm ci --omit=dev",
	} {
		if use := FindDevTool(strings.Fields(cmd)); use != nil {
			t.Errorf("%q: found %s, want none", cmd, use.Tool.Name)
		}
	}
}

func TestOmitsDev(t *testing.T) {
	cases := []struct {
		cmd, nodeEnv string
		args         []int
		env          string
	}{
		{"npm ci --omit=dev", "", []int{1}, ""},
		{"npm ci --omit dev", "", []int{1, 2}, ""},
		{"npm install --production", "", []int{1}, ""},
		{"npm prune --omit=dev", "", []int{1}, ""},
		{"yarn install --production --frozen-lockfile", "", []int{1}, ""},
		{"pnpm install --prod", "", []int{1}, ""},
		{"npm ci", "production", nil, "NODE_ENV=production"},
		{"yarn", "production", nil, "NODE_ENV=production"},
	}
	for _, c := range cases {
		w := strings.Fields(c.cmd)
		om := Parse(w[0], w[1:]).OmitsDev(c.nodeEnv)
		if om == nil {
			t.Errorf("%q (NODE_ENV=%q): not seen as omitting devDependencies", c.cmd, c.nodeEnv)
			continue
		}
		if !reflect.DeepEqual(om.Args, c.args) || om.Env != c.env {
			t.Errorf("%q: args %v env %q, want %v %q", c.cmd, om.Args, om.Env, c.args, c.env)
		}
	}
	for _, c := range []struct{ cmd, nodeEnv string }{
		{"npm ci", ""}, {"npm ci", "development"}, {"npm ci --include=dev", "production"},
		{"yarn install --production=false", "production"}, {"npm run build", "production"}, {"pip install x", "production"},
	} {
		w := strings.Fields(c.cmd)
		if call := Parse(w[0], w[1:]); call != nil && call.OmitsDev(c.nodeEnv) != nil {
			t.Errorf("%q (NODE_ENV=%q): seen as omitting devDependencies", c.cmd, c.nodeEnv)
		}
	}
}

// The launcher reading moved here from the server rules: the same answers.
func TestProgramIndex(t *testing.T) {
	cases := map[string]int{
		"uvicorn app:app":             0,
		"exec gosu app uvicorn x":     3,
		"env A=1 B=2 gunicorn x":      3,
		"python -m uvicorn x":         2,
		"python manage.py runserver":  1,
		"tini -- node server.js":      2,
		"npx --yes nodemon server.js": 2,
		"uv run --frozen fastapi dev": 3,
		"cross-env NODE_ENV=x node a": 2,
	}
	for cmd, want := range cases {
		if got, _ := ProgramIndex(strings.Fields(cmd)); got != want {
			t.Errorf("ProgramIndex(%q) = %d, want %d", cmd, got, want)
		}
	}
}

func TestNodeBinPackages(t *testing.T) {
	if got := NodeBinPackages("tsc"); !contains(got, "typescript") {
		t.Errorf("tsc: %v", got)
	}
	if got := NodeBinPackages("babel-node"); !contains(got, "@babel/node") {
		t.Errorf("babel-node: %v", got)
	}
	if got := NodeBinPackages("nodemon"); !reflect.DeepEqual(got, []string{"nodemon"}) {
		t.Errorf("nodemon: %v", got)
	}
}
