package pkgmgr

import (
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
)

func TestPackageManagerField(t *testing.T) {
	for in, want := range map[string][2]string{
		"pnpm@10.23.0+sha512.21c4e5698002ade9": {"pnpm", "10.23.0"},
		"yarn@4.5.3":                           {"yarn", "4.5.3"},
		"npm@10.9.2":                           {"npm", "10.9.2"},
		"pnpm@11.0.0-rc.1":                     {"pnpm", "11.0.0-rc.1"},
		"pnpm":                                 {},
		"pnpm@latest":                          {},
		"bun@1.1.0":                            {},
		"pip@24.0":                             {},
		"":                                     {},
	} {
		m, v, ok := PackageManagerField(in)
		if ok != (want[0] != "") {
			t.Errorf("%q: ok = %v", in, ok)
			continue
		}
		if ok && (m.ID != want[0] || v != want[1]) {
			t.Errorf("%q: %s %s, want %s %s", in, m.ID, v, want[0], want[1])
		}
	}
}

func TestGlobalManagerInstall(t *testing.T) {
	for line, want := range map[string][2]string{
		"npm install -g pnpm@10":         {"pnpm", "10"},
		"npm i --global yarn":            {"yarn", ""},
		"npm install -g pnpm@9 pnpm@9":   {"pnpm", "9"},
		"npm install -g pnpm typescript": {},
		"npm install pnpm":               {},
		"npm install -g typescript":      {},
		"pnpm add -g pnpm@10":            {"pnpm", "10"},
	} {
		f, err := dockerfile.Parse("Dockerfile", []byte("FROM node:20\nRUN "+line+"\n"), dockerfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		c := f.Instructions[1].Script.Commands[0]
		m, spec, ok := ParseCommand(c).GlobalManagerInstall()
		if ok != (want[0] != "") {
			t.Errorf("%q: ok = %v", line, ok)
			continue
		}
		if ok && (m.ID != want[0] || spec != want[1]) {
			t.Errorf("%q: %s %q, want %v", line, m.ID, spec, want)
		}
	}
}
