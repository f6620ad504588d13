package pkgmgr

import (
	"fmt"
	"strings"
	"testing"
)

// The lockfile's install scripts and os/cpu fields name the packages an install builds or
// chooses per platform; a devDependency is marked; a v1 lockfile says nothing.
func TestNpmNativeModules(t *testing.T) {
	lock := `{"lockfileVersion": 3, "packages": {
		"": {"name": "app", "dependencies": {"bcrypt": "^5.1.1"}},
		"node_modules/bcrypt": {"version": "5.1.1", "hasInstallScript": true},
		"node_modules/express": {"version": "4.21.0"},
		"node_modules/@esbuild/linux-x64": {"version": "0.21.5", "dev": true, "optional": true, "os": ["linux"], "cpu": ["x64"]},
		"node_modules/vite/node_modules/fsevents": {"version": "2.3.3", "dev": true, "optional": true, "hasInstallScript": true, "os": ["darwin"]},
		"node_modules/a/node_modules/bcrypt": {"version": "5.0.0", "dev": true, "hasInstallScript": true},
		"node_modules/ws": {"link": true, "hasInstallScript": true}
	}}`
	mods, ok, err := NpmNativeModules([]byte(lock))
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	var got []string
	for _, m := range mods {
		s := m.String()
		if m.Dev {
			s += " dev"
		}
		got = append(got, s)
	}
	want := "@esbuild/linux-x64 (os linux, cpu x64) dev|bcrypt (install script)|fsevents (install script, os darwin) dev"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, "|"), want)
	}
	if prod := ProdNative(mods); len(prod) != 1 || prod[0].Name != "bcrypt" {
		t.Errorf("prod %v", prod)
	}

	if mods, ok, err := NpmNativeModules([]byte(`{"lockfileVersion": 1, "dependencies": {"bcrypt": {"version": "5.1.1"}}}`)); ok || err != nil || mods != nil {
		t.Errorf("v1: %v %v %v", mods, ok, err)
	}
	if _, _, err := NpmNativeModules([]byte(`{`)); err == nil {
		t.Error("no error for a broken lockfile")
	}
	if mods, ok, _ := NpmNativeModules([]byte(`{"lockfileVersion": 3, "packages": {"": {}, "node_modules/ms": {"version": "2.1.3"}}}`)); !ok || len(mods) != 0 {
		t.Errorf("pure: %v %v", mods, ok)
	}
}

// pnpm-lock.yaml: 6.0 records requiresBuild and dev, 9.0 only os/cpu; other versions are not
// read.
func TestPnpmNativeModules(t *testing.T) {
	v6 := "lockfileVersion: '6.0'\npackages:\n" +
		"  /bcrypt@5.1.1:\n    resolution: {integrity: sha512-x}\n    requiresBuild: true\n    dev: false\n" +
		"  /@esbuild/linux-x64@0.21.5:\n    resolution: {integrity: sha512-y}\n    cpu: [x64]\n    os: [linux]\n    requiresBuild: true\n    dev: true\n    optional: true\n" +
		"  /react-dom@18.2.0(react@18.2.0):\n    resolution: {integrity: sha512-z}\n    dev: false\n"
	mods, version, scripts, err := PnpmNativeModules([]byte(v6))
	if err != nil || version != "6" || !scripts {
		t.Fatal(version, scripts, err)
	}
	var got []string
	for _, m := range mods {
		got = append(got, fmt.Sprintf("%s dev=%v", m, m.Dev))
	}
	if want := "@esbuild/linux-x64 (install script, os linux, cpu x64) dev=true|bcrypt (install script) dev=false"; strings.Join(got, "|") != want {
		t.Errorf("6.0: got %q, want %q", strings.Join(got, "|"), want)
	}

	v9 := "lockfileVersion: '9.0'\nsettings:\n  autoInstallPeers: true\npackages:\n" +
		"  '@biomejs/cli-linux-x64@2.3.11':\n    resolution: {integrity: sha512-a}\n    engines: {node: '>=14.21.3'}\n    cpu: [x64]\n    os: [linux]\n" +
		"  bcrypt@5.1.1:\n    resolution: {integrity: sha512-b}\n"
	mods, version, scripts, err = PnpmNativeModules([]byte(v9))
	if err != nil || version != "9" || scripts || len(mods) != 1 || mods[0].String() != "@biomejs/cli-linux-x64 (os linux, cpu x64)" {
		t.Errorf("9.0: %v %q %v %v", mods, version, scripts, err)
	}
	if _, version, _, err := PnpmNativeModules([]byte("lockfileVersion: 5.4\npackages: {}\n")); version != "" || err != nil {
		t.Errorf("5.4: %q %v", version, err)
	}
	if _, _, _, err := PnpmNativeModules([]byte("packages: [\n")); err == nil {
		t.Error("no error for broken YAML")
	}
}
