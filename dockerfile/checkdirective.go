package dockerfile

import "github.com/moby/buildkit/frontend/dockerfile/linter"

// CheckDirective returns the file's `# check=` parser directive read as BuildKit reads it
// (linter.ParseLintOptions: skip=A,B or skip=all, experimental=..., error=true, separated by
// ";"). ok is false when the file has none; err is BuildKit's when it cannot read it (BuildKit
// then lints nothing). The one parser of the directive: lint and the BuildKit checks ask it.
func (f *File) CheckDirective() (cfg *linter.Config, ok bool, err error) {
	v, ok := f.Directive("check")
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
