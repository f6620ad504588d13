package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockopt/dockopt/compose"
)

// BuildRequest is what the command line says about the build to optimize or measure.
type BuildRequest struct {
	// Dir is DIR: a build context, or a directory whose compose file names the contexts.
	Dir string
	// File is -f: the Dockerfile relative to the build context; Original is --original: the
	// Dockerfile's path. "" when not given (then the compose service's, or Dir/Dockerfile).
	File, Original string
	// Target is --target and Service --service ("" when not given).
	Target, Service string
	// BuildArgs are --build-arg values; they win over a compose service's build args.
	BuildArgs map[string]string
}

// explicitFile is the Dockerfile the command line names in the build context ctxDir ("" for
// none).
func (r BuildRequest) explicitFile(ctxDir string) string {
	switch {
	case r.Original != "":
		return r.Original
	case r.File != "":
		return filepath.Join(ctxDir, r.File)
	}
	return ""
}

// Build is one build resolved from the command line and DIR's compose file: a Dockerfile in
// its build context, the stage it builds and the build args.
type Build struct {
	// Dir is the build context, Path the Dockerfile and Name its path relative to Dir ("" when
	// it is outside).
	Dir, Path, Name string
	// Target is the stage built ("" for the last one); TargetVia says who chose it: "--target",
	// or the compose service (`compose service "web" (compose.yaml:3) build.target`).
	Target, TargetVia string
	BuildArgs         map[string]string
	// Service is the compose service that builds it (nil for none).
	Service *compose.Build
	// ByFile is true when the command line named the Dockerfile (-f, --original): the outputs
	// then have the names of a Dockerfile without compose (see Outputs).
	ByFile bool
	// SharedContext is true when another service of the compose file builds in the same
	// context: without --out, the outputs carry the service's name. Siblings are the outputs
	// those services write into it (left out of the build contexts measure copies).
	SharedContext bool
	Siblings      []Outputs
	// Notes say where the target came from, for the output and the report.
	Notes []string
}

// Label names the build in messages: the service, else the Dockerfile.
func (b *Build) Label() string {
	if b.Service != nil {
		return fmt.Sprintf("service %s", b.Service.Name)
	}
	return b.Path
}

// Outputs are the names of the files optimize writes for b, and measure reads: with --out
// (out != ""), OUT/<service>/ for a compose service (OUT itself for a Dockerfile named with
// -f, or without compose); without, the build context, with the service's name in every name
// when another service builds in the same context (Dockerfile.web.optimized).
func (b *Build) Outputs(out string) Outputs {
	o := Outputs{Dir: b.Dir, Dockerfile: filepath.Base(b.Path)}
	compose := b.Service != nil && !b.ByFile
	switch {
	case out != "" && compose:
		o.Dir = filepath.Join(out, b.Service.Name)
	case out != "":
		o.Dir = out
	case compose && b.SharedContext:
		o.Tag = b.Service.Name
	}
	return o
}

// serviceError is an input error about a compose service, naming the compose file and the
// service's line.
func serviceError(s *compose.Build, format string, args ...any) error {
	return Inputf("%s: service %q: %s", fileLine(s.File, s.Line), s.Name, fmt.Sprintf(format, args...))
}

func fileLine(file string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}

// Resolution is what ResolveBuilds found: the builds, and notes on what it left out.
type Resolution struct {
	Builds []*Build
	Notes  []string
}

// ResolveBuilds finds the builds the command line asks for. Without a compose file in Dir:
// Dir's Dockerfile (or -f, --original), at --target. With one: --service names one service;
// a Dockerfile named with -f or --original is built as the compose services that build it in
// Dir build it (several: --target or --service picks one); otherwise every service with a
// local build: whose Dockerfile is there. Explicit flags win over the compose file's values.
// Every failure is an *InputError naming the file and, where known, the line.
func ResolveBuilds(r BuildRequest) (*Resolution, error) {
	if err := checkContextDir(r.Dir); err != nil {
		return nil, err
	}
	file := compose.FindCompose(r.Dir)
	if file == "" {
		if r.Service != "" {
			return nil, Inputf("--service %s: %s has no compose file (%s)", r.Service, r.Dir, strings.Join(compose.ComposeNames, ", "))
		}
		return &Resolution{Builds: []*Build{plainBuild(r)}}, nil
	}
	proj, err := compose.LoadComposeProject(file)
	if err != nil {
		return nil, AsInput(err)
	}
	for i := range proj.Builds {
		// the paths as DIR was named, as the user's own paths are printed
		s := &proj.Builds[i]
		s.Context, s.Dockerfile = underDir(r.Dir, s.Context), underDir(r.Dir, s.Dockerfile)
	}
	switch {
	case r.Service != "":
		s, err := namedService(proj, r.Service)
		if err != nil {
			return nil, err
		}
		return &Resolution{Builds: []*Build{serviceBuild(proj, s, r)}}, nil
	case r.explicitFile(r.Dir) != "":
		b, err := byFile(proj, r)
		if err != nil {
			return nil, err
		}
		return &Resolution{Builds: []*Build{b}}, nil
	}
	return everyService(proj, r)
}

// plainBuild is Dir's Dockerfile (or the one named) without compose.
func plainBuild(r BuildRequest) *Build {
	path := r.explicitFile(r.Dir)
	if path == "" {
		path = filepath.Join(r.Dir, "Dockerfile")
	}
	b := &Build{Dir: r.Dir, Path: path, Target: r.Target, BuildArgs: r.BuildArgs, ByFile: true}
	b.Name = relName(r.Dir, path)
	if r.Target != "" {
		b.TargetVia = "--target"
	}
	return b
}

// relName is path relative to dir, "" when it is outside.
func relName(dir, path string) string {
	rel, err := filepath.Rel(absPath(dir), absPath(path))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return rel
}

// underDir writes the absolute path p under dir as dir is written, when p is inside it.
func underDir(dir, p string) string {
	if absPath(p) == absPath(dir) {
		return dir
	}
	if rel := relName(dir, p); rel != "" {
		return filepath.Join(dir, rel)
	}
	return p
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// namedService is the service --service names, or an error that says why it cannot be built.
func namedService(proj *compose.Project, name string) (*compose.Build, error) {
	if s := proj.Service(name); s != nil {
		return s, nil
	}
	for _, u := range proj.Unbuilt {
		if u.Name == name {
			return nil, Inputf("%s: --service %s: %s: nothing to build", fileLine(proj.File, u.Line), name, u.Why)
		}
	}
	var names []string
	for _, b := range proj.Builds {
		names = append(names, b.Name)
	}
	have := "it has no service with a build: section"
	if len(names) > 0 {
		have = "its services with a build are " + strings.Join(names, ", ")
	}
	return nil, Inputf("%s: --service %s: no such service (%s)", proj.File, name, have)
}

// serviceBuild is the build of compose service s, with the command line's values winning.
func serviceBuild(proj *compose.Project, s *compose.Build, r BuildRequest) *Build {
	b := &Build{Dir: s.Context, Path: s.Dockerfile, Target: s.Target, Service: s, BuildArgs: map[string]string{}}
	if p := r.explicitFile(s.Context); p != "" {
		b.Path, b.ByFile = p, true
	}
	b.Name = relName(b.Dir, b.Path)
	for k, v := range s.Args {
		b.BuildArgs[k] = v
	}
	for k, v := range r.BuildArgs {
		b.BuildArgs[k] = v
	}
	via := fmt.Sprintf("compose service %q (%s)", s.Name, fileLine(s.File, s.Line))
	switch {
	case r.Target != "":
		b.Target, b.TargetVia = r.Target, "--target"
	case s.Target != "":
		b.TargetVia = via + " build.target"
		b.Notes = append(b.Notes, fmt.Sprintf("%s builds stage %q of %s (build.target): that stage is the one optimized and measured, not the last one", via, s.Target, b.Path))
	}
	for _, o := range proj.Builds {
		if o.Name != s.Name && samePath(o.Context, s.Context) {
			b.SharedContext = true
			b.Siblings = append(b.Siblings, Outputs{Dir: s.Context, Dockerfile: filepath.Base(o.Dockerfile), Tag: o.Name})
		}
	}
	return b
}

func samePath(a, b string) bool { return absPath(a) == absPath(b) }

// byFile resolves a Dockerfile named on the command line: as the compose service that builds
// it in Dir builds it, or as it is when none does. Several: the one that builds --target;
// without --target, an error naming them.
func byFile(proj *compose.Project, r BuildRequest) (*Build, error) {
	path := r.explicitFile(r.Dir)
	var match []*compose.Build
	for i := range proj.Builds {
		s := &proj.Builds[i]
		if samePath(s.Context, r.Dir) && samePath(s.Dockerfile, path) {
			match = append(match, s)
		}
	}
	if len(match) > 1 && r.Target != "" {
		var same []*compose.Build
		for _, s := range match {
			if strings.EqualFold(s.Target, r.Target) {
				same = append(same, s)
			}
		}
		if len(same) != 1 {
			return plainBuild(r), nil // --target says the stage; no one service says the args
		}
		match = same
	}
	switch len(match) {
	case 0:
		return plainBuild(r), nil
	case 1:
		return serviceBuild(proj, match[0], r), nil
	}
	var which []string
	for _, s := range match {
		which = append(which, fmt.Sprintf("%s (line %d) builds stage %q", s.Name, s.Line, s.Target))
	}
	return nil, Inputf("%s: several services build %s: %s; pick one with --service NAME or --target STAGE", proj.File, path, strings.Join(which, ", "))
}

// everyService resolves DIR alone: every service of the compose file with a local build.
// One whose Dockerfile is not there is left out with a note (its sources may live elsewhere),
// unless none is left. A compose file that builds nothing leaves DIR's Dockerfile.
func everyService(proj *compose.Project, r BuildRequest) (*Resolution, error) {
	if len(proj.Builds) == 0 {
		b := plainBuild(r)
		return &Resolution{Builds: []*Build{b}, Notes: []string{fmt.Sprintf("%s has no service with a local build: section: %s is the Dockerfile", proj.File, b.Path)}}, nil
	}
	if r.Target != "" && len(proj.Builds) > 1 {
		return nil, Inputf("--target %s: %s builds several services (%s): name the one to build at that stage with --service NAME", r.Target, proj.File, serviceNames(proj.Builds))
	}
	res := &Resolution{}
	var missing []string
	for i := range proj.Builds {
		s := &proj.Builds[i]
		if st, err := os.Stat(s.Dockerfile); err != nil || !st.Mode().IsRegular() {
			missing = append(missing, fmt.Sprintf("%s (line %d): %s", s.Name, s.Line, s.Dockerfile))
			continue
		}
		res.Builds = append(res.Builds, serviceBuild(proj, s, r))
	}
	if len(res.Builds) == 0 {
		return nil, Inputf("%s: no service's Dockerfile is there: %s (name a Dockerfile of %s with -f)", proj.File, strings.Join(missing, "; "), r.Dir)
	}
	for _, m := range missing {
		res.Notes = append(res.Notes, fmt.Sprintf("%s: service %s left out: its Dockerfile is not there", proj.File, m))
	}
	for _, u := range proj.Unbuilt {
		if u.HasBuild {
			res.Notes = append(res.Notes, fmt.Sprintf("%s: service %s left out: %s", fileLine(proj.File, u.Line), u.Name, u.Why))
		}
	}
	return res, nil
}

func serviceNames(bs []compose.Build) string {
	var names []string
	for _, b := range bs {
		names = append(names, b.Name)
	}
	return strings.Join(names, ", ")
}
