package pkgmgr

import (
	"slices"
	"testing"
)

func TestRuntimeLibs(t *testing.T) {
	if libs, ok := RuntimeLibs("libpq-dev"); !ok || !slices.Equal(libs, []string{"libpq5"}) {
		t.Errorf("libpq-dev: %v %v", libs, ok)
	}
	if libs, ok := RuntimeLibs("python3-dev"); !ok || libs != nil {
		t.Errorf("python3-dev's runtime is the interpreter's: %v %v", libs, ok)
	}
	if _, ok := RuntimeLibs("libnosuch-dev"); ok {
		t.Error("an unknown -dev package must say so")
	}
	for dev := range runtimeLibs() {
		if !IsDevPackage(dev) && dev != "libgomp1" {
			t.Errorf("%s is in the table but IsDevPackage says it is no -dev package", dev)
		}
	}
}
