package imagescan

import "testing"

// The cache kinds come from pkgmgr's data (TestCacheOf covers the kinds earlier versions
// knew): the caches added with it are found too.
func TestCacheKindsFromPkgmgr(t *testing.T) {
	for _, tc := range []struct{ path, kind, root string }{
		{"etc/apk/cache/APKINDEX.tar.gz", "apk-cache", "/etc/apk/cache"},
		{"var/cache/dnf/x.solv", "dnf-cache", "/var/cache/dnf"},
		{"var/cache/libdnf5/fedora/repomd.xml", "dnf5-cache", "/var/cache/libdnf5"},
		{"var/cache/yum/x", "yum-cache", "/var/cache/yum"},
		{"home/app/.cache/pip/http/x", "pip-cache", "/home/app/.cache/pip"},
		{"root/.local/share/pnpm/store/v3/x", "pnpm-store", "/root/.local/share/pnpm/store"},
		{"usr/local/cargo/registry/cache/x.crate", "cargo-registry", "/usr/local/cargo/registry"},
		{"root/.cache/uv/wheels/x", "uv-cache", "/root/.cache/uv"},
		{"usr/lib/python3/dist-packages/pip/x.py", "", ""},
	} {
		kind, root := cacheOf(tc.path)
		if kind != tc.kind || root != tc.root {
			t.Errorf("%s: got %s %s, want %s %s", tc.path, kind, root, tc.kind, tc.root)
		}
	}
}
