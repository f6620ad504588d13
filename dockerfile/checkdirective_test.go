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
