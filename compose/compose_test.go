package compose

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func abs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestLoadComposeAndBakeFixture(t *testing.T) {
	dir := "testdata/project"
	if got := Find(dir); !reflect.DeepEqual(got, []string{filepath.Join(dir, "compose.yaml"), filepath.Join(dir, "docker-bake.hcl")}) {
		t.Errorf("Find: %v", got)
	}
	api := Build{Context: abs(t, dir+"/api"), Dockerfile: abs(t, dir+"/api/Dockerfile"), Target: "prod", Args: map[string]string{"PY": "3.11"}}
	web := Build{Context: abs(t, dir), Dockerfile: abs(t, dir+"/web/Dockerfile.web"), Args: map[string]string{}}
	for file, kind := range map[string]string{"compose.yaml": "compose service", "docker-bake.hcl": "bake target"} {
		path := filepath.Join(dir, file)
		bs, err := Load(path)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if len(bs) != 2 {
			t.Fatalf("%s: %d builds, want 2 (db has no build:): %+v", file, len(bs), bs)
		}
		for i, want := range []Build{api, web} {
			want.Kind, want.File, want.Name = kind, path, []string{"api", "web"}[i]
			got := bs[i]
			if got.Line == 0 {
				t.Errorf("%s %s: no line", file, got.Name)
			}
			got.Line = 0
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s:\n got %+v\nwant %+v", file, got, want)
			}
		}
		if v := bs[0].Via(); v != kind+` "api" (`+file+`)` {
			t.Errorf("Via: %s", v)
		}
	}
}

func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBakeInheritsVariablesAndJSON(t *testing.T) {
	t.Setenv("TAG_STAGE", "runtime")
	p := write(t, "docker-bake.hcl", `
variable "TAG_STAGE" { default = "dev" }
target "base" {
  context = "svc"
  dockerfile = "docker/Dockerfile"
}
target "app" {
  inherits = ["base"]
  target = TAG_STAGE
}
target "remote" { context = "https://github.com/x/y.git" }
`)
	bs, err := LoadBake(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0].Name != "app" || bs[0].Target != "runtime" || bs[0].Dockerfile != filepath.Join(filepath.Dir(p), "svc/docker/Dockerfile") {
		t.Errorf("builds: %+v", bs)
	}
	j := write(t, "docker-bake.json", `{"target": {"api": {"context": "api", "target": "prod"}}}`)
	bs, err = Load(j)
	if err != nil || len(bs) != 1 || bs[0].Target != "prod" || bs[0].Line != 1 || bs[0].Context != filepath.Join(filepath.Dir(j), "api") {
		t.Errorf("json: %+v %v", bs, err)
	}
}

// Errors name file:line:col: a missing bracket or quote where it was opened (the YAML parser
// stops lines later), other YAML errors where the parser stopped, a schema error at its key,
// HCL and JSON errors where the diagnostic starts.
func TestMalformedFilesNameTheLine(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"compose.yaml", "services:\n  api:\n    build: ./api\n   bad: x\n", ":4:4: yaml: did not find expected key (while parsing a block mapping at line 2, column 3)"},
		{"compose.yaml", "services:\n  api:\n    build: ./api\n    ports: [\"80:80\"\n    environment:\n      A: b\n", ":4:12: yaml: the flow sequence '[' that starts here has no closing ']' (or lacks a ','): the parser stopped at line 5, column 5"},
		{"compose.yaml", "services:\n  api:\n    build: {context: ./api\n  db:\n    image: postgres\n", ":3:12: yaml: the flow mapping '{' that starts here has no closing '}'"},
		{"compose.yaml", "services:\n  api:\n    command: \"run\n", ":3:14: yaml: the quoted string that starts here is not closed"},
		{"compose.yaml", "services:\n  api:\n    build:\n      contxt: ./api\n", ":3:5: services.api.build "},
		{"docker-compose.yml", "services: [\n", ":2:1: yaml: did not find expected node content"},
		{"docker-bake.hcl", "target \"api\" {\n  context = \n}\n", ":2:13: "},
		{"docker-bake.hcl", "target \"api\" {\n  context = \"a\"\n  target = nope\n}\n", ":3:12: Unknown variable"},
		{"docker-bake.hcl", "target \"a\" {\n  inherits = [\"zz\"]\n}\n", ":2:3: target a inherits zz, which is not a target"},
		{"docker-bake.json", "{\"target\": {\"api\": \n", ":2:1: "},
	} {
		p := write(t, c.name, c.text)
		_, err := Load(p)
		if err == nil || !strings.HasPrefix(err.Error(), p+c.want) {
			t.Errorf("%s %q: %v, want %q", c.name, c.text, err, c.want)
		}
	}
}

// A compose or bake file named on the command line often has another name than the ones a
// directory is searched for; none of them is a Dockerfile.
func TestIsBuildFile(t *testing.T) {
	for name, want := range map[string]bool{
		"compose.yaml": true, "dir/docker-compose.yml": true, "docker-compose.prod.yml": true,
		"compose.override.yaml": true, "docker-bake.hcl": true, "docker-bake.override.hcl": true,
		"ci.hcl": true, "docker-bake.ci.json": true,
		"Dockerfile": false, "api.Dockerfile": false, "Dockerfile.prod": false, "package.json": false,
	} {
		if got := IsBuildFile(name); got != want {
			t.Errorf("IsBuildFile(%q) = %v, want %v", name, got, want)
		}
	}
}

// A service's ports (container side, TCP), environment, env files and healthcheck come with
// its build; services without a build dockopt can use are listed with the reason and line.
func TestComposeServiceRuntime(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "app.env"), []byte("A=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "compose.yaml")
	text := `services:
  api:
    build: .
    ports: ["8080:3000", "127.0.0.1:9229:9229", "5353:53/udp", "3000"]
    expose: ["7000", "9229", "8000/tcp", "8001-8003", "5000/udp"]
    environment:
      PORT: "3000"
      TOKEN:
    env_file:
      - app.env
      - path: missing.env
        required: false
    healthcheck:
      test: curl -f http://localhost:3000/health
  quiet:
    build: .
    healthcheck:
      disable: true
  db:
    image: postgres:16
  remote:
    build: https://github.com/x/y.git
`
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	proj, err := LoadComposeProject(p)
	if err != nil {
		t.Fatal(err)
	}
	api := proj.Service("api")
	if api == nil || proj.Service("db") != nil {
		t.Fatalf("builds %+v", proj.Builds)
	}
	if !reflect.DeepEqual(api.Ports, []int{3000, 9229, 7000, 8000, 8001}) {
		t.Errorf("ports %v, want [3000 9229 7000 8000 8001] (TCP container ports of ports: then expose:, once each)", api.Ports)
	}
	if !reflect.DeepEqual(api.Environment, []string{"PORT=3000", "TOKEN"}) {
		t.Errorf("environment %v", api.Environment)
	}
	if !reflect.DeepEqual(api.EnvFiles, []string{filepath.Join(abs(t, dir), "app.env")}) {
		t.Errorf("env files %v", api.EnvFiles)
	}
	if !reflect.DeepEqual(api.Healthcheck, []string{"CMD-SHELL", "curl -f http://localhost:3000/health"}) {
		t.Errorf("healthcheck %q", api.Healthcheck)
	}
	if q := proj.Service("quiet"); q == nil || q.Healthcheck != nil {
		t.Errorf("quiet: %+v", q)
	}
	if len(proj.Unbuilt) != 2 || proj.Unbuilt[0].Name != "db" || proj.Unbuilt[0].Line != 19 ||
		!strings.Contains(proj.Unbuilt[0].Why, "postgres:16") || proj.Unbuilt[0].HasBuild || !strings.Contains(proj.Unbuilt[1].Why, "remote") || !proj.Unbuilt[1].HasBuild {
		t.Errorf("unbuilt %+v", proj.Unbuilt)
	}
}

// ServiceDependencies follows depends_on through the dependencies' own, lists each service
// once after the ones it depends on, keeps the strictest condition and reads what compose
// creates the container from.
func TestServiceDependencies(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "redis.env"), []byte("A=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "compose.yaml")
	if err := os.WriteFile(path, []byte(`services:
  web:
    build: .
    depends_on:
      redis:
        condition: service_started
      worker:
        condition: service_started
  worker:
    image: worker:1
    depends_on:
      redis:
        condition: service_healthy
      db:
        condition: service_healthy
  redis:
    image: redis:7
    command: ["redis-server", "--save", ""]
    env_file: [redis.env, {path: optional.env, required: false}]
    environment:
      MODE: cache
    healthcheck:
      test: redis-cli ping
      interval: 5s
      retries: 3
    volumes:
      - ./checks:/checks:ro
      - data:/data
  db:
    image: postgres:15
    healthcheck:
      test: ["CMD", "pg_isready"]
volumes:
  data:
`), 0o644); err != nil {
		t.Fatal(err)
	}
	deps, err := ServiceDependencies(path, "web")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range deps {
		names = append(names, d.Name+":"+d.Condition)
	}
	if got := strings.Join(names, " "); got != "redis:service_healthy db:service_healthy worker:service_started" {
		t.Fatalf("order and conditions: %s", got)
	}
	r := deps[0]
	want := Dependency{Name: "redis", File: path, Line: r.Line, Condition: "service_healthy", Image: "redis:7",
		Command: []string{"redis-server", "--save", ""}, Environment: []string{"MODE=cache"}, EnvFiles: []string{filepath.Join(dir, "redis.env")},
		Healthcheck: &Healthcheck{Test: []string{"CMD-SHELL", "redis-cli ping"}, Interval: 5 * time.Second, Retries: 3},
		Volumes:     []Volume{{Type: "bind", Source: filepath.Join(dir, "checks"), Target: "/checks", ReadOnly: true}, {Type: "volume", Source: "data", Target: "/data"}}}
	if r.Line != 16 || !reflect.DeepEqual(r, want) {
		t.Errorf("redis:\n got %#v %#v\nwant %#v %#v", r, r.Healthcheck, want, want.Healthcheck)
	}
	if deps, err := ServiceDependencies(path, "redis"); err != nil || len(deps) != 0 {
		t.Errorf("redis depends on nothing: %v %v", deps, err)
	}
	for _, c := range []struct{ text, service, want string }{
		{"services:\n  a:\n    image: x\n", "b", `no service "b"`},
		{"services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: y\n    depends_on: [a]\n", "a", "cycle"},
	} {
		p := write(t, "compose.yaml", c.text)
		if _, err := ServiceDependencies(p, c.service); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.text, err, c.want)
		}
	}
}

// The project's .env file interpolates the compose file, as docker compose reads it.
func TestDotEnvInterpolates(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		".env":         "PYTAG=3.11-slim\nSTAGE=prod\n",
		"compose.yaml": "services:\n  api:\n    build:\n      context: .\n      target: ${STAGE}\n      args:\n        PYTAG: ${PYTAG}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	builds, err := Load(filepath.Join(dir, "compose.yaml"))
	if err != nil || len(builds) != 1 {
		t.Fatalf("Load: %v %v", builds, err)
	}
	if b := builds[0]; b.Args["PYTAG"] != "3.11-slim" || b.Target != "prod" {
		t.Errorf("args %v, target %q: want PYTAG=3.11-slim from .env, target prod", b.Args, b.Target)
	}
}
