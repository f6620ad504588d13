package optimize

import (
	"slices"
	"testing"
)

func TestSplitPackages(t *testing.T) {
	build, runtime, unknown := splitPackages([]string{"gcc", "libpq-dev=15.*", "libmariadb-dev-compat", "curl", "libnosuch-dev"})
	if want := []string{"gcc", "libpq-dev=15.*", "libmariadb-dev-compat", "curl", "libnosuch-dev"}; !slices.Equal(build, want) {
		t.Errorf("build = %v, want %v", build, want)
	}
	// a -dev-compat package is a -dev package: its library goes to the runtime, not itself
	// (it depends on libmariadb-dev, the headers)
	if want := []string{"libpq5", "libmariadb3", "curl"}; !slices.Equal(runtime, want) {
		t.Errorf("runtime = %v, want %v", runtime, want)
	}
	if want := []string{"libnosuch-dev"}; !slices.Equal(unknown, want) {
		t.Errorf("unknown = %v, want %v", unknown, want)
	}
}
