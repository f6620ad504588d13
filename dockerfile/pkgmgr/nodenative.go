package pkgmgr

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Facts about Node packages that are built or chosen for one platform when they are
// installed, read from the lockfile: the packages that run an install script (node-gyp
// builds among them) and those that declare the operating systems or CPUs they run on
// (prebuilt binaries published as optional packages, such as @esbuild/linux-x64). An install
// of such a package on one platform does not give the files another platform needs.

// NpmLockSource documents package-lock.json's "packages" section (lockfileVersion 2 and 3):
// each entry's path under node_modules, its dev flag (only a devDependency) and
// hasInstallScript (a preinstall, install or postinstall script).
var NpmLockSource = Source{URL: "https://docs.npmjs.com/cli/v10/configuring-npm/package-lock-json#packages", Version: "npm 10"}

// NpmPlatformSource documents the os and cpu fields npm copies from a package's package.json
// into its lockfile entry: npm installs the package only on a matching platform.
var NpmPlatformSource = Source{URL: "https://docs.npmjs.com/cli/v10/configuring-npm/package-json#cpu", Version: "npm 10"}

// NodeGypDefaultSource documents that a package with a binding.gyp and no install script of
// its own gets `node-gyp rebuild` as its install script (so its lockfile entry has
// hasInstallScript).
var NodeGypDefaultSource = Source{URL: "https://docs.npmjs.com/cli/v10/using-npm/scripts#npm-install", Version: "npm 10"}

// NativeModule is a package of a lockfile that an install builds or chooses for the platform
// it runs on.
type NativeModule struct {
	// Name is the package's name ("bcrypt", "@esbuild/linux-x64"); "" for the project
	// itself (the lockfile's root entry).
	Name string
	// Why says what makes it platform-specific: "install script", "cpu x64", "os darwin".
	Why string
	// Dev: only a devDependency (an install with --omit=dev leaves it out).
	Dev bool
}

// String is the module as a report names it: "bcrypt (install script)".
func (m NativeModule) String() string {
	name := m.Name
	if name == "" {
		name = "the project itself"
	}
	return name + " (" + m.Why + ")"
}

// npmLockEntry is what dockopt reads of an entry of package-lock.json's "packages".
type npmLockEntry struct {
	Dev              bool            `json:"dev"`
	Link             bool            `json:"link"`
	HasInstallScript bool            `json:"hasInstallScript"`
	OS               json.RawMessage `json:"os"`
	CPU              json.RawMessage `json:"cpu"`
}

// NpmNativeModules reads a package-lock.json (or npm-shrinkwrap.json): the packages of its
// "packages" section with an install script or os/cpu fields, sorted by name. ok is false
// when the file has no "packages" section (lockfileVersion 1, which records neither fact);
// err when it is not JSON.
func NpmNativeModules(lock []byte) (mods []NativeModule, ok bool, err error) {
	var doc struct {
		Packages map[string]npmLockEntry `json:"packages"`
	}
	if err := json.Unmarshal(lock, &doc); err != nil {
		return nil, false, fmt.Errorf("package-lock.json: %w", err)
	}
	if doc.Packages == nil {
		return nil, false, nil
	}
	for key, e := range doc.Packages {
		if e.Link {
			continue // a workspace link: its target is an entry of its own
		}
		var why []string
		if e.HasInstallScript {
			why = append(why, "install script")
		}
		if v := platformList(e.OS); v != "" {
			why = append(why, "os "+v)
		}
		if v := platformList(e.CPU); v != "" {
			why = append(why, "cpu "+v)
		}
		if len(why) == 0 {
			continue
		}
		name := key
		if i := strings.LastIndex(key, "node_modules/"); i >= 0 {
			name = key[i+len("node_modules/"):]
		}
		mods = append(mods, NativeModule{Name: name, Why: strings.Join(why, ", "), Dev: e.Dev})
	}
	return sortNative(mods), true, nil
}

// sortNative sorts modules by name and names a package nested at several paths once (as a
// production one when any is).
func sortNative(mods []NativeModule) []NativeModule {
	sort.Slice(mods, func(i, j int) bool {
		if mods[i].Name != mods[j].Name {
			return mods[i].Name < mods[j].Name
		}
		if mods[i].Why != mods[j].Why {
			return mods[i].Why < mods[j].Why
		}
		return !mods[i].Dev && mods[j].Dev
	})
	out := mods[:0]
	for _, m := range mods {
		if n := len(out); n > 0 && out[n-1].Name == m.Name && out[n-1].Why == m.Why {
			continue
		}
		out = append(out, m)
	}
	return out
}

// platformList is an os or cpu field (a list of strings, or one string) as "x64" or
// "x64/arm64"; "" when absent or empty.
func platformList(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var list []string
	if json.Unmarshal(raw, &list) != nil {
		var one string
		if json.Unmarshal(raw, &one) != nil {
			return ""
		}
		list = []string{one}
	}
	return strings.Join(list, "/")
}

// ProdNative are the modules an install of the production dependencies installs (not Dev).
func ProdNative(mods []NativeModule) []NativeModule {
	var out []NativeModule
	for _, m := range mods {
		if !m.Dev {
			out = append(out, m)
		}
	}
	return out
}

// PnpmLockSources document pnpm-lock.yaml's packages section: in lockfile 6.0 each entry has
// requiresBuild (lifecycle scripts, or a native module to build), dev, os and cpu; lockfile
// 9.0 keeps os and cpu but records neither install scripts nor dev.
var PnpmLockSources = map[string]Source{
	"6": {URL: "https://github.com/pnpm/spec/blob/master/lockfile/6.0.md", Version: "pnpm 8 (lockfile 6.0)"},
	"9": {URL: "https://github.com/pnpm/spec/blob/master/lockfile/9.0.md", Version: "pnpm 9-10 (lockfile 9.0)"},
}

// pnpmLockEntry is what dockopt reads of an entry of pnpm-lock.yaml's "packages".
type pnpmLockEntry struct {
	RequiresBuild bool     `yaml:"requiresBuild"`
	Dev           *bool    `yaml:"dev"`
	OS            []string `yaml:"os"`
	CPU           []string `yaml:"cpu"`
}

// PnpmNativeModules reads a pnpm-lock.yaml of lockfile 6.x or 9.x: its packages with
// requiresBuild (6.x) or os/cpu fields, sorted by name. version is the lockfile's major
// version ("6", "9"; "" when it is another, and nothing is read); scripts says whether the
// lockfile records install scripts (6.x does, 9.x does not); err when it is not YAML.
func PnpmNativeModules(lock []byte) (mods []NativeModule, version string, scripts bool, err error) {
	var doc struct {
		LockfileVersion string                   `yaml:"lockfileVersion"`
		Packages        map[string]pnpmLockEntry `yaml:"packages"`
	}
	if err := yaml.Unmarshal(lock, &doc); err != nil {
		return nil, "", false, fmt.Errorf("pnpm-lock.yaml: %w", err)
	}
	version, _, _ = strings.Cut(doc.LockfileVersion, ".")
	if _, ok := PnpmLockSources[version]; !ok {
		return nil, "", false, nil
	}
	for key, e := range doc.Packages {
		var why []string
		if e.RequiresBuild {
			why = append(why, "install script")
		}
		if len(e.OS) > 0 {
			why = append(why, "os "+strings.Join(e.OS, "/"))
		}
		if len(e.CPU) > 0 {
			why = append(why, "cpu "+strings.Join(e.CPU, "/"))
		}
		if len(why) == 0 {
			continue
		}
		mods = append(mods, NativeModule{Name: pnpmPackageName(key), Why: strings.Join(why, ", "), Dev: e.Dev != nil && *e.Dev})
	}
	return sortNative(mods), version, version == "6", nil
}

// pnpmPackageName is the package name of a packages key: "/@esbuild/linux-x64@0.21.5"
// (6.x), "@esbuild/linux-x64@0.21.5" (9.x), with a peer suffix "(react@18.2.0)" or not.
func pnpmPackageName(key string) string {
	key = strings.TrimPrefix(key, "/")
	if i := strings.Index(key, "("); i > 0 {
		key = key[:i]
	}
	if i := strings.LastIndex(key, "@"); i > 0 {
		key = key[:i]
	}
	return key
}
