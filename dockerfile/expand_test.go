package dockerfile

import "testing"

func TestExpandGlobal(t *testing.T) {
	src := "ARG REG=ghcr.io\nARG PY=3.12\nARG IMG=${REG}/py\nFROM ${IMG}:${PY}-slim AS base\nARG PY\nENV V=${PY}\nRUN true\n"
	f, err := Parse("Dockerfile", []byte(src), Options{BuildArgs: map[string]string{"PY": "3.11"}})
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := f.ExpandGlobal("${IMG}:${PY}-slim"); !ok || v != "ghcr.io/py:3.11-slim" {
		t.Errorf("ExpandGlobal = %q, %v", v, ok)
	}
	if v, ok := f.ExpandGlobal("${NOPE}"); ok || v != "" {
		t.Errorf("ExpandGlobal(unknown) = %q, %v", v, ok)
	}
	if f.Stages[0].BaseImage != "ghcr.io/py:3.11-slim" {
		t.Errorf("BaseImage = %q", f.Stages[0].BaseImage)
	}
	run := f.Stages[0].Instructions[len(f.Stages[0].Instructions)-1]
	if v, ok := f.Expand(run, "$V"); !ok || v != "3.11" {
		t.Errorf("Expand($V) before RUN = %q, %v", v, ok)
	}
}
