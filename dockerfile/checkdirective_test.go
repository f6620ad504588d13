package dockerfile

import "testing"

func TestCheckDirective(t *testing.T) {
	for src, want := range map[string]map[string]bool{
		"# check=skip=UndefinedVar,StageNameCasing\nFROM alpine\n": {"UndefinedVar": true, "StageNameCasing": true, "FromAsCasing": false},
		"# check=skip=all;error=true\nFROM alpine\n":               {"UndefinedVar": true},
		"# check=skip=undefinedvar\nFROM alpine\n":                 {"UndefinedVar": false}, // BuildKit's names are case-sensitive
		"# check=skip=UndefinedVar;bogus=1\nFROM alpine\n":         {"UndefinedVar": false}, // BuildKit cannot read it
		"FROM alpine\n": {"UndefinedVar": false},
	} {
		f, err := Parse("Dockerfile", []byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for name, w := range want {
			if got := f.SkipsCheck(name); got != w {
				t.Errorf("%q: SkipsCheck(%s) = %v, want %v", src, name, got, w)
			}
		}
	}
}

// The BUILDKIT_DOCKERFILE_CHECK build argument replaces the directive, as in BuildKit's
// frontend (dockerfile_check_test.go: a Dockerfile with check=error=true built with
// BUILDKIT_DOCKERFILE_CHECK=skip=all reports nothing and does not fail).
func TestCheckBuildArgReplacesDirective(t *testing.T) {
	src := []byte("# check=error=true\nFROM alpine\n")
	f, err := Parse("Dockerfile", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !f.ErrorOnCheck() || f.SkipsCheck("UndefinedVar") {
		t.Fatalf("directive alone: ErrorOnCheck=%v SkipsCheck=%v, want true false", f.ErrorOnCheck(), f.SkipsCheck("UndefinedVar"))
	}
	f, err = Parse("Dockerfile", src, Options{BuildArgs: map[string]string{CheckBuildArg: "skip=all"}})
	if err != nil {
		t.Fatal(err)
	}
	if f.ErrorOnCheck() || !f.SkipsCheck("UndefinedVar") {
		t.Fatalf("with the build arg: ErrorOnCheck=%v SkipsCheck=%v, want false true", f.ErrorOnCheck(), f.SkipsCheck("UndefinedVar"))
	}
}
