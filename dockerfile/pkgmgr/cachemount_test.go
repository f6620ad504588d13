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
		{"yarn", nil, []string{"--mount=type=cache,target=/usr/local/share/.cache/yarn"}},
		{"pnpm", nil, []string{"--mount=type=cache,target=/root/.local/share/pnpm/store"}},
		{"apk", nil, nil},
	} {
		got, _ := ByID(c.id).MountFlags(c.vars)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %v: %q, want %q", c.id, c.vars, got, c.want)
		}
	}
}
