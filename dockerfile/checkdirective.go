package dockerfile

import (
	"slices"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/linter"
)

// CheckBuildArg is the build argument that replaces the `# check=` directive
// (`--build-arg BUILDKIT_DOCKERFILE_CHECK=skip=all`), as BuildKit's frontend reads it.
const CheckBuildArg = "BUILDKIT_DOCKERFILE_CHECK"

// CheckDirective returns the file's `# check=` parser directive read as BuildKit reads it
// (linter.ParseLintOptions: skip=A,B or skip=all, experimental=..., error=true, separated by
// ";"). A BUILDKIT_DOCKERFILE_CHECK build argument replaces the directive, as in BuildKit
// (frontend/dockerui: the argument's config is used and the directive is not read). ok is
// false when there is neither; err is BuildKit's when it cannot read it (BuildKit then lints
// nothing). The one parser of the directive: lint and the BuildKit checks ask it.
func (f *File) CheckDirective() (cfg *linter.Config, ok bool, err error) {
	v, ok := f.BuildArgs[CheckBuildArg]
	if !ok {
		v, ok = f.Directive("check")
	}
	if !ok {
		return nil, false, nil
	}
	cfg, err = linter.ParseLintOptions(v)
	return cfg, true, err
}

// SkipsCheck reports whether the `# check=` directive disables BuildKit's check name
// (skip=all, or the name as BuildKit spells it, e.g. StageNameCasing).
func (f *File) SkipsCheck(name string) bool {
	cfg, ok, err := f.CheckDirective()
	if !ok || err != nil {
		return false
	}
	if cfg.SkipAll {
		return true
	}
	for _, s := range cfg.SkipRules {
		if s == name {
			return true
		}
	}
	return false
}

// ErrorOnCheck reports whether the check configuration (`# check=error=true`) makes a build
// fail on any BuildKit check violation, as `docker build` then does.
func (f *File) ErrorOnCheck() bool {
	cfg, ok, err := f.CheckDirective()
	return ok && err == nil && cfg.ReturnAsError
}

// EnablesExperimentalCheck reports whether the `# check=` directive turns on BuildKit's
// experimental check name (experimental=all, or the name, e.g. InvalidDefinitionDescription),
// which BuildKit runs only when asked.
func (f *File) EnablesExperimentalCheck(name string) bool {
	cfg, ok, err := f.CheckDirective()
	if !ok || err != nil {
		return false
	}
	return cfg.ExperimentalAll || slices.Contains(cfg.ExperimentalRules, name)
}
