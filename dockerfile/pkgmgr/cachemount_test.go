package pkgmgr

import (
	"slices"
	"testing"
)

// The cache mount facts: apt's two caches locked with the docker-clean removal, the caches
// moved by their variables, none for a cache the variables turn off or without a Mount.
func TestMountFlags(t *testing.T) {
	flags, setup := ByID("apt").MountFlags(nil)
	if want := []string{"--mount=type=cache,target=/var/lib/apt,sharing=locked", "--mount=type=cache,target=/var/cache/apt,sharing=locked"}; !slices.Equal(flags, want) {
		t.Errorf("apt: %q, want %q", flags, want)
	}
	if want := []string{"rm -f /etc/apt/apt.conf.d/docker-clean"}; !slices.Equal(setup, want) {
		t.Errorf("apt setup: %q, want %q", setup, want)
	}
	for _, c := range []struct {
		id   string
		vars map[string]string
		want []string
	}{
		{"pip", nil, []string{"--mount=type=cache,target=/root/.cache/pip"}},
		{"pip", map[string]string{"PIP_CACHE_DIR": "/cache/pip"}, []string{"--mount=type=cache,target=/cache/pip"}},
		{"pip", map[string]string{"PIP_CACHE_DIR": "relative"}, []string{"--mount=type=cache,target=/root/.cache/pip"}},
		{"pip", map[string]string{"PIP_NO_CACHE_DIR": "1"}, nil},
		{"npm", map[string]string{"npm_config_cache": "/tmp/npm"}, []string{"--mount=type=cache,target=/tmp/npm"}},
		{"yarn", nil, []string{"--mount=type=cache,target=/usr/local/share/.cache/yarn", "--mount=type=cache,target=/root/.yarn/berry/cache"}},
		{"yarn", map[string]string{"YARN_CACHE_FOLDER": "/y"}, []string{"--mount=type=cache,target=/y"}},
		{"yarn", map[string]string{"YARN_GLOBAL_FOLDER": "/g/"}, []string{"--mount=type=cache,target=/usr/local/share/.cache/yarn", "--mount=type=cache,target=/g/cache"}},
		{"poetry", nil, []string{"--mount=type=cache,target=/root/.cache/pypoetry"}},
		{"poetry", map[string]string{"POETRY_CACHE_DIR": "/pc"}, []string{"--mount=type=cache,target=/pc"}},
		{"pipenv", nil, []string{"--mount=type=cache,target=/root/.cache/pipenv"}},
		{"cargo", nil, []string{"--mount=type=cache,target=/usr/local/cargo/registry"}},
		{"cargo", map[string]string{"CARGO_HOME": "/opt/cargo"}, []string{"--mount=type=cache,target=/opt/cargo/registry"}},
		{"pnpm", nil, []string{"--mount=type=cache,target=/root/.local/share/pnpm/store"}},
		{"apk", nil, nil},
	} {
		got, _ := ByID(c.id).MountFlags(c.vars)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %v: %q, want %q", c.id, c.vars, got, c.want)
		}
	}
}

// pnpm's store on a mount is named with --store-dir, where the mount is: pnpm keeps one store
// per drive and would otherwise make one beside the project.
func TestMountOptions(t *testing.T) {
	if got, want := ByID("pnpm").MountOptions(nil), []string{"--store-dir=/root/.local/share/pnpm/store"}; !slices.Equal(got, want) {
		t.Errorf("pnpm: %q, want %q", got, want)
	}
	if got, want := ByID("pnpm").MountOptions(map[string]string{"PNPM_STORE_DIR": "/pnpm/store"}), []string{"--store-dir=/pnpm/store"}; !slices.Equal(got, want) {
		t.Errorf("pnpm with PNPM_STORE_DIR: %q, want %q", got, want)
	}
	if got := ByID("poetry").MountOptions(nil); len(got) > 0 {
		t.Errorf("poetry: %q, want none", got)
	}
}
