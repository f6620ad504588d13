// Package compose reads the files that say how a project's images are built: Compose files
// (compose.yaml, docker-compose.yml..., read with compose-go, the Compose specification's own
// library) and Bake files (docker-bake.hcl, docker-bake.json, read with HCL, the library
// buildx's bake parser uses). Each image build becomes a Build: who declares it (service or
// target), its context, Dockerfile, stage target and build args. Errors name the file and, where
// known, the line and column (errors.go).
package compose

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"
	yamlv4 "go.yaml.in/yaml/v4"
	"gopkg.in/yaml.v3"
)

// Build is one image build declared by a compose service or a bake target.
type Build struct {
	// Kind is "compose service" or "bake target".
	Kind string
	// Name is the service's or the target's name.
	Name string
	// File is the compose or bake file that declares it; Line the line of the service or
	// target in it (0 when unknown).
	File string
	Line int
	// Context is the build context directory (absolute); Dockerfile the Dockerfile's path
	// (absolute).
	Context, Dockerfile string
	// Target is the stage built ("" for the last stage).
	Target string
	// Args are the build args the file sets (a value-less compose arg is left out).
	Args map[string]string
	// Ports are the container ports of a compose service's ports: entries, then of its expose:
	// entries (TCP only; a range's first port, as compose-go lists a ports: range port by
	// port), in the order written, once each; nil for a bake target and a service that
	// publishes and exposes none.
	Ports []int
	// Environment is a compose service's environment: entries, sorted: NAME=VALUE, or NAME alone
	// for an entry without a value (docker takes it from the environment it runs in).
	// EnvFiles are its env_file: paths (absolute), except optional ones that are not there,
	// which compose skips too.
	Environment []string
	EnvFiles    []string
	// Healthcheck is a compose service's healthcheck test as compose writes it: ["CMD", arg...]
	// or ["CMD-SHELL", "command"]; nil when it sets none or disables the image's.
	Healthcheck []string
}

// Unbuilt is a compose service that has no build dockopt can use: Why says what it has
// instead (an image, a remote context, an inline Dockerfile).
type Unbuilt struct {
	Name string
	Line int
	Why  string
	// HasBuild is true for a build: dockopt cannot use (remote context, inline Dockerfile).
	HasBuild bool
}

// Project is a compose file read: the builds of its services, and the services without one.
type Project struct {
	File    string
	Builds  []Build
	Unbuilt []Unbuilt
}

// Service returns the build of the service name, or nil.
func (p *Project) Service(name string) *Build {
	for i := range p.Builds {
		if p.Builds[i].Name == name {
			return &p.Builds[i]
		}
	}
	return nil
}

// Via says who builds the Dockerfile, e.g. `compose service "api" (compose.yaml)`.
func (b Build) Via() string {
	return fmt.Sprintf("%s %q (%s)", b.Kind, b.Name, filepath.Base(b.File))
}

// ComposeNames and BakeNames are the file names looked for in a directory, in the order the
// tools themselves prefer them.
var (
	ComposeNames = []string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"}
	BakeNames    = []string{"docker-bake.json", "docker-bake.hcl"}
)

// FindCompose returns the compose file of dir that Docker Compose would read ("" when there is
// none).
func FindCompose(dir string) string {
	for _, n := range ComposeNames {
		if st, err := os.Stat(filepath.Join(dir, n)); err == nil && st.Mode().IsRegular() {
			return filepath.Join(dir, n)
		}
	}
	return ""
}

// Find returns the compose and bake files of dir (not of its subdirectories): the first
// compose file Docker Compose would read, and every bake file.
func Find(dir string) []string {
	var out []string
	if f := FindCompose(dir); f != "" {
		out = append(out, f)
	}
	for _, n := range BakeNames {
		if st, err := os.Stat(filepath.Join(dir, n)); err == nil && st.Mode().IsRegular() {
			out = append(out, filepath.Join(dir, n))
		}
	}
	return out
}

// IsBuildFile reports whether a file name is a compose or bake file: one of the names Find
// looks for, or a name no Dockerfile has, as a compose or bake file named on the command line
// often has (docker-compose.prod.yml, compose.override.yaml, docker-bake.override.hcl,
// docker-bake.ci.json).
func IsBuildFile(name string) bool {
	base := filepath.Base(name)
	for _, n := range append(append([]string{}, ComposeNames...), BakeNames...) {
		if base == n {
			return true
		}
	}
	lower := strings.ToLower(base)
	switch filepath.Ext(lower) {
	case ".yml", ".yaml", ".hcl":
		return true
	case ".json":
		return strings.HasPrefix(lower, "docker-bake")
	}
	return false
}

// Load reads a compose or bake file (by its name: .hcl and docker-bake.json are bake files).
func Load(path string) ([]Build, error) {
	base := filepath.Base(path)
	if strings.HasSuffix(base, ".hcl") || strings.HasPrefix(base, "docker-bake") {
		return LoadBake(path)
	}
	return LoadCompose(path)
}

// LoadCompose reads a compose file with compose-go (see LoadComposeProject) and returns its
// builds.
func LoadCompose(path string) ([]Build, error) {
	p, err := LoadComposeProject(path)
	if err != nil {
		return nil, err
	}
	return p.Builds, nil
}

// LoadComposeProject reads a compose file with compose-go: interpolation from the environment
// and the directory's .env, every profile, paths resolved. Services without build:, or whose
// build context is remote (a Git URL) or whose Dockerfile is inline, are listed as Unbuilt.
func LoadComposeProject(path string) (*Project, error) {
	project, data, err := loadModel(path)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	out := &Project{File: path}
	for name, svc := range project.Services {
		line := yamlLine(data, "services", name)
		bc := svc.Build
		switch {
		case bc == nil:
			why := "it has no build: section"
			if svc.Image != "" {
				why = "it runs the image " + svc.Image + " and has no build: section"
			}
			out.Unbuilt = append(out.Unbuilt, Unbuilt{Name: name, Line: line, Why: why})
			continue
		case bc.DockerfileInline != "":
			out.Unbuilt = append(out.Unbuilt, Unbuilt{Name: name, Line: line, Why: "its Dockerfile is inline (build.dockerfile_inline)", HasBuild: true})
			continue
		case isRemote(bc.Context):
			out.Unbuilt = append(out.Unbuilt, Unbuilt{Name: name, Line: line, Why: "its build context is remote (" + bc.Context + ")", HasBuild: true})
			continue
		}
		ctxDir := bc.Context
		if ctxDir == "" {
			ctxDir = filepath.Dir(abs)
		}
		df := bc.Dockerfile
		if df == "" {
			df = "Dockerfile"
		}
		if !filepath.IsAbs(df) {
			df = filepath.Join(ctxDir, df)
		}
		args := map[string]string{}
		for k, v := range bc.Args {
			if v != nil {
				args[k] = *v
			}
		}
		b := Build{Kind: "compose service", Name: name, File: path, Line: line,
			Context: ctxDir, Dockerfile: filepath.Clean(df), Target: bc.Target, Args: args}
		serviceRuntime(&b, svc)
		out.Builds = append(out.Builds, b)
	}
	sort.Slice(out.Builds, func(i, j int) bool { return out.Builds[i].Name < out.Builds[j].Name })
	sort.Slice(out.Unbuilt, func(i, j int) bool { return out.Unbuilt[i].Name < out.Unbuilt[j].Name })
	return out, nil
}

// loadModel reads a compose file into compose-go's model: YAML syntax checked first, then
// interpolation from the environment and the directory's .env, every profile, paths resolved.
// It returns the file's text too, for the lines of services.
func loadModel(path string) (*types.Project, []byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, &Error{File: path, Msg: describe(err)}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, nil, &Error{File: path, Msg: err.Error()}
	}
	// YAML syntax first, with go.yaml.in/yaml/v4, whose errors name the line where the text
	// goes wrong (yaml.v3 and the older YAML library of compose-go name the mapping's first)
	var doc yamlv4.Node
	if err := yamlv4.Unmarshal(data, &doc); err != nil {
		return nil, nil, yamlSyntaxError(path, data, err)
	}
	logFormat.Do(func() { logrus.SetFormatter(composeLog{}) })
	// the project's .env file interpolates the compose file, as docker compose does
	opts, err := cli.NewProjectOptions([]string{abs}, cli.WithWorkingDirectory(filepath.Dir(abs)),
		cli.WithOsEnv, cli.WithEnvFiles(), cli.WithDotEnv, cli.WithProfiles([]string{"*"}), cli.WithResolvedPaths(true),
		cli.WithName("dockopt"), cli.WithoutEnvironmentResolution)
	if err != nil {
		return nil, nil, composeError(path, data, err)
	}
	project, err := opts.LoadProject(context.Background())
	if err != nil {
		return nil, nil, composeError(path, data, err)
	}
	return project, data, nil
}

// logFormat installs composeLog once.
var logFormat sync.Once

// composeLog prints compose-go's warnings (a variable that is not set, an obsolete key) as
// dockopt prints its own: "dockopt: warning: compose: ...".
type composeLog struct{}

func (composeLog) Format(e *logrus.Entry) ([]byte, error) {
	return []byte("dockopt: " + e.Level.String() + ": compose: " + e.Message + "\n"), nil
}

// serviceRuntime copies what the service runs with into b: ports, environment, healthcheck.
func serviceRuntime(b *Build, svc types.ServiceConfig) {
	for _, p := range svc.Ports {
		if (p.Protocol == "" || p.Protocol == "tcp") && p.Target > 0 && !slices.Contains(b.Ports, int(p.Target)) {
			b.Ports = append(b.Ports, int(p.Target))
		}
	}
	for _, e := range svc.Expose { // "8000", "8000/tcp", "8000-8010" (its first); not "53/udp"
		port, proto, _ := strings.Cut(e, "/")
		port, _, _ = strings.Cut(port, "-")
		n, err := strconv.Atoi(port)
		if err == nil && n > 0 && n < 65536 && (proto == "" || proto == "tcp") && !slices.Contains(b.Ports, n) {
			b.Ports = append(b.Ports, n)
		}
	}
	b.Environment, b.EnvFiles = environment(svc)
	if hc := svc.HealthCheck; hc != nil && !hc.Disable && len(hc.Test) > 1 && (hc.Test[0] == "CMD" || hc.Test[0] == "CMD-SHELL") {
		b.Healthcheck = append([]string(nil), hc.Test...)
	}
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func isRemote(ctx string) bool {
	for _, p := range []string{"http://", "https://", "git://", "git@", "github.com/", "ssh://"} {
		if strings.HasPrefix(ctx, p) {
			return true
		}
	}
	return strings.Contains(ctx, ".git#")
}

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// yamlLine returns the line of the deepest key of path found in the YAML document (0 when the
// first key is not there).
func yamlLine(data []byte, path ...string) int {
	line, _ := yamlPos(data, path...)
	return line
}

// yamlPos returns the line and column of the deepest key of path found in the YAML document
// (0, 0 when the first key is not there).
func yamlPos(data []byte, path ...string) (line, col int) {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return 0, 0
	}
	n := doc.Content[0]
	for _, key := range path {
		if n.Kind != yaml.MappingNode {
			break
		}
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				line, col, n, found = n.Content[i].Line, n.Content[i].Column, n.Content[i+1], true
				break
			}
		}
		if !found {
			break
		}
	}
	return line, col
}
