package measure

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// twoSides is a measurement of two contexts with the given files, on a fake builder.
func twoSides(t *testing.T, files map[string]map[string]string) (*measurement, *fakeBuilder) {
	t.Helper()
	root := t.TempDir()
	res := &Result{}
	m := &measurement{ctx: context.Background(), opt: withDefaults(Options{Touch: "app.py"}), res: res, repo: "r"}
	for _, name := range []string{"original", "optimized"} {
		dir := filepath.Join(root, name)
		ctxFiles := map[string]string{}
		for k, v := range files[name] {
			ctxFiles["context/"+k] = v
		}
		write(t, dir, ctxFiles)
		img := &res.Original
		if name == "optimized" {
			img = &res.Optimized
		}
		m.sides = append(m.sides, &side{name: name, dockerfile: name + "/Dockerfile", dir: dir, ctxDir: filepath.Join(dir, "context"), tag: "r:" + name, img: img})
	}
	fb := &fakeBuilder{}
	m.bld = fb
	return m, fb
}

// After the code-only rebuilds, the dependency file pkgmgr names is changed Options.Runs
// times in both contexts and both images rebuilt, alternating; the spread is of those builds.
func TestDependencyRebuilds(t *testing.T) {
	ctx := map[string]string{"app.py": "print(1)\n", "requirements.txt": "flask\n"}
	m, fb := twoSides(t, map[string]map[string]string{"original": ctx, "optimized": ctx})
	for _, step := range []func() error{m.timedColdBuilds, m.rebuilds, m.depRebuilds} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	if m.res.DepTouchedFile != "requirements.txt" {
		t.Fatalf("dependency file %q, want requirements.txt", m.res.DepTouchedFile)
	}
	// 6 cold, 2 warm, 6 code-only, then 6 after the dependency change: builds 15 to 20
	if len(fb.builds) != 20 {
		t.Fatalf("%d builds: %v", len(fb.builds), fb.builds)
	}
	for _, b := range fb.builds[14:] {
		if !strings.HasSuffix(b, "-touched nocache=false") {
			t.Errorf("dependency-change build %q: want a warm rebuild", b)
		}
	}
	if s := m.res.Original.DepRebuild; s == nil || *s != (Spread{Min: 15, Median: 17, Max: 19, Runs: 3, Unit: "seconds"}) || m.res.Original.DepRebuildSeconds != 17 {
		t.Errorf("original dependency-change rebuild: %+v", s)
	}
	if s := m.res.Optimized.DepRebuild; s == nil || s.Median != 18 {
		t.Errorf("optimized dependency-change rebuild: %+v", s)
	}
	for _, side := range m.sides {
		data, err := os.ReadFile(filepath.Join(side.ctxDir, "requirements.txt"))
		if err != nil || !strings.HasPrefix(string(data), "flask\n") || strings.Count(string(data), "\n") != 4 {
			t.Errorf("%s requirements.txt after the changes: %q (%v)", side.name, data, err)
		}
	}
	for _, n := range m.res.Notes {
		if strings.Contains(n, "ran no package install") {
			t.Errorf("unexpected note: %s", n)
		}
	}
	figs := Figures(&m.res.Original, &m.res.Optimized)
	found := false
	for _, f := range figs {
		if f.Key == "dep_rebuild_seconds" {
			found = f.Original == 17 && f.Optimized == 18 && f.OriginalSpread != nil
		}
	}
	if !found {
		t.Errorf("no dep_rebuild_seconds figure of 17 and 18 in %+v", figs)
	}
}

// A build that runs no install after the change gets a note: its time shows no reinstall.
func TestDependencyRebuildsWithoutAnInstall(t *testing.T) {
	ctx := map[string]string{"app.py": "print(1)\n", "requirements.txt": "flask\n"}
	m, fb := twoSides(t, map[string]map[string]string{"original": ctx, "optimized": ctx})
	fb.noInstall = true
	for _, step := range []func() error{m.timedColdBuilds, m.rebuilds, m.depRebuilds} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	notes := strings.Join(m.res.Notes, "\n")
	for _, side := range []string{"original", "optimized"} {
		if !strings.Contains(notes, "the change to requirements.txt ran no package install again in the "+side+" build") {
			t.Errorf("no note for the %s build: %q", side, m.res.Notes)
		}
	}
}

// No dependency file in both contexts: no figure, and a note says why.
func TestDependencyRebuildsWithoutAFile(t *testing.T) {
	m, fb := twoSides(t, map[string]map[string]string{
		"original":  {"app.py": "print(1)\n"},
		"optimized": {"app.py": "print(1)\n", "requirements.txt": "flask\n"},
	})
	for _, step := range []func() error{m.timedColdBuilds, m.rebuilds, m.depRebuilds} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	if len(fb.builds) != 14 || m.res.DepTouchedFile != "" || m.res.Optimized.DepRebuild != nil {
		t.Errorf("%d builds, file %q, spread %v: want no dependency-change rebuild", len(fb.builds), m.res.DepTouchedFile, m.res.Optimized.DepRebuild)
	}
	if !strings.Contains(strings.Join(m.res.Notes, "\n"), "rebuild after a dependency change not measured") {
		t.Errorf("notes %q", m.res.Notes)
	}
	for _, f := range Figures(&m.res.Original, &m.res.Optimized) {
		if f.Key == "dep_rebuild_seconds" {
			t.Errorf("figure %+v without a measurement", f)
		}
	}
}

// --no-dep-rebuild: the code-only rebuilds are measured, the dependency-change ones are not,
// and a note says so.
func TestNoDependencyRebuild(t *testing.T) {
	m, fb := twoSides(t, map[string]map[string]string{
		"original":  {"app.py": "print(1)\n", "requirements.txt": "flask\n"},
		"optimized": {"app.py": "print(1)\n", "requirements.txt": "flask\n"},
	})
	m.opt.NoDepRebuild = true
	for _, step := range []func() error{m.timedColdBuilds, m.rebuilds, m.depRebuilds} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	if m.res.Optimized.RebuildSeconds <= 0 || m.res.DepTouchedFile != "" || m.res.Optimized.DepRebuild != nil || len(fb.builds) != 14 {
		t.Errorf("%d builds, rebuild %.1fs, dependency file %q, spread %v: want the code-only rebuilds only",
			len(fb.builds), m.res.Optimized.RebuildSeconds, m.res.DepTouchedFile, m.res.Optimized.DepRebuild)
	}
	if !strings.Contains(strings.Join(m.res.Notes, "\n"), "rebuild after a dependency change not measured (--no-dep-rebuild)") {
		t.Errorf("notes %q", m.res.Notes)
	}
}

// The dependency file comes from pkgmgr's lockfiles and manifests: the lockfile before the
// manifest, only a file every context has.
func TestChooseDependencyFile(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"a/package.json": "{}", "a/package-lock.json": "{}", "b/package.json": "{}", "b/package-lock.json": "{}",
		"c/package.json": "{}", "d/src/main.py": ""})
	for _, c := range []struct {
		dirs []string
		want string
	}{
		{[]string{"a", "b"}, "package-lock.json"},
		{[]string{"a", "c"}, "package.json"},
		{[]string{"a", "d"}, ""},
	} {
		var ctxs []string
		for _, d := range c.dirs {
			ctxs = append(ctxs, filepath.Join(root, d))
		}
		if got := ChooseDependencyFile(ctxs...); got != c.want {
			t.Errorf("%v: %q, want %q", c.dirs, got, c.want)
		}
	}
}

// A dependency file is changed without changing what it says, and never twice the same way:
// JSON stays valid JSON with the same value, requirements.txt gets a comment line.
func TestTouchDependencyFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"package-lock.json": `{"lockfileVersion": 3}`, "requirements.txt": "flask\n"})
	seen := map[string]bool{}
	for i, now := range []time.Time{time.Unix(0, 1), time.Unix(0, 2), time.Unix(1700000000, 5)} {
		for _, rel := range []string{"package-lock.json", "requirements.txt"} {
			if err := touchDependencyFile(dir, rel, now); err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(filepath.Join(dir, rel))
			if seen[string(data)] {
				t.Errorf("%s after change %d: the same bytes as before", rel, i+1)
			}
			seen[string(data)] = true
		}
		var v map[string]any
		data, _ := os.ReadFile(filepath.Join(dir, "package-lock.json"))
		if err := json.Unmarshal(data, &v); err != nil || v["lockfileVersion"] != 3.0 {
			t.Errorf("package-lock.json after change %d: %v %v: %q", i+1, v, err, data)
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "requirements.txt"))
	if lines := strings.Split(strings.TrimSpace(string(data)), "\n"); lines[0] != "flask" || len(lines) != 4 || !strings.HasPrefix(lines[3], "# dockopt measure: dependency change ") {
		t.Errorf("requirements.txt: %q", data)
	}
}
