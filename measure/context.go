package measure

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"

	"github.com/dockopt/dockopt/buildctx"
)

// readIgnore reads .dockerignore patterns from a file ("" or a missing file: none).
func readIgnore(path string) (data []byte, pats []string, err error) {
	if path == "" {
		return nil, nil, nil
	}
	data, err = os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	pats, err = ignorefile.ReadAll(bytes.NewReader(data))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", path, err)
	}
	return data, pats, nil
}

// contextStats is what a copied context holds.
type contextStats struct {
	Files int
	Bytes int64
}

// copyContext copies the build context src into dst (which must not exist), leaving out what
// the .dockerignore patterns exclude (BuildKit would not send it) and the files leaveOut
// names (dockopt's own outputs: see Options.LeaveOut), and writes ignoreData as dst/.dockerignore (nothing when nil; any
// .dockerignore of src is not copied). Regular files, directories and symlinks are copied;
// other file types are skipped. It counts the files and bytes the engine will be sent (the
// .dockerignore included when its own patterns do not exclude it).
func copyContext(src, dst string, pats []string, ignoreData []byte, leaveOut map[string]bool) (contextStats, error) {
	var st contextStats
	var pm *patternmatcher.PatternMatcher
	if len(pats) > 0 {
		var err error
		if pm, err = buildctx.NewMatcher(pats); err != nil {
			return st, err
		}
	}
	ignored := func(rel string) bool {
		if pm == nil {
			return false
		}
		ok, err := pm.MatchesOrParentMatches(rel)
		return err == nil && ok
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return st, err
	}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "." {
			return nil
		}
		slash := filepath.ToSlash(rel)
		if slash == ".dockerignore" || leaveOut[slash] && !d.IsDir() {
			return nil
		}
		if ignored(slash) {
			if d.IsDir() && !pm.Exclusions() {
				return fs.SkipDir
			}
			return nil
		}
		return copyEntry(p, filepath.Join(dst, rel), d, &st)
	})
	if err != nil {
		return st, err
	}
	if ignoreData != nil {
		if err := os.WriteFile(filepath.Join(dst, ".dockerignore"), ignoreData, 0o644); err != nil {
			return st, err
		}
		// The file is written for BuildKit to read, but it is part of the context sent only
		// when its own patterns do not exclude it (the generated one excludes itself).
		if !ignored(".dockerignore") {
			st.Files++
			st.Bytes += int64(len(ignoreData))
		}
	}
	return st, nil
}

// copyEntry copies one directory, symlink or regular file to target and counts what the
// engine will be sent; other file types are skipped.
func copyEntry(p, target string, d fs.DirEntry, st *contextStats) error {
	info, err := d.Info()
	if err != nil {
		return err
	}
	switch {
	case d.IsDir():
		return os.MkdirAll(target, info.Mode().Perm()|0o700)
	case d.Type()&fs.ModeSymlink != 0:
		link, err := os.Readlink(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		st.Files++
		return os.Symlink(link, target)
	case d.Type().IsRegular():
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := copyFile(p, target, info.Mode().Perm()); err != nil {
			return err
		}
		st.Files++
		st.Bytes += info.Size()
	}
	return nil
}

func copyFile(src, dst string, perm fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm|0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Chmod(dst, perm)
}

// commentPrefix is the line comment of a source file's language ("" when unknown).
func commentPrefix(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".py", ".rb", ".pl", ".r", ".ex", ".exs":
		return "#"
	case ".go", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".java", ".kt", ".scala",
		".rs", ".cs", ".c", ".h", ".cc", ".cpp", ".swift", ".dart":
		return "//"
	}
	return ""
}

// skipDirs are never searched for a file to touch: dependencies, outputs, caches, tests.
var skipDirs = map[string]bool{
	"node_modules": true, "vendor": true, "dist": true, "build": true, "target": true, "out": true,
	"bin": true, "obj": true, "coverage": true, "test": true, "tests": true, "__tests__": true,
	"spec": true, "testdata": true, "__pycache__": true, "venv": true, "docs": true, "examples": true,
	"migrations": true,
}

// preferredStems are the usual entry points, touched first.
var preferredStems = map[string]bool{
	"main": true, "app": true, "server": true, "index": true, "__main__": true, "application": true,
	"asgi": true, "wsgi": true, "api": true,
}

func testLike(name string) bool {
	l := strings.ToLower(name)
	return strings.HasSuffix(l, "_test.go") || strings.HasPrefix(l, "test_") || strings.Contains(l, ".test.") ||
		strings.Contains(l, ".spec.") || strings.HasSuffix(strings.TrimSuffix(l, filepath.Ext(l)), "_test") ||
		strings.HasSuffix(l, ".d.ts") || l == "conftest.py" || l == "setup.py"
}

// ChooseTouchFile picks the application source file whose change stands for "a code-only
// change": a source file (by extension, with a known line-comment syntax) present in every
// given context, outside dependency, output, test and hidden directories, not a test itself;
// entry points (main, app, server, index, ...) first, then the shallowest, then by name. It
// returns a slash-separated relative path, or "" when there is none.
func ChooseTouchFile(contexts ...string) string {
	if len(contexts) == 0 {
		return ""
	}
	type cand struct {
		rel   string
		pref  int
		depth int
	}
	var cands []cand
	root := contexts[0]
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		if rel == "." {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if strings.HasPrefix(name, ".") || skipDirs[strings.ToLower(name)] {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || strings.HasPrefix(name, ".") || commentPrefix(name) == "" || testLike(name) {
			return nil
		}
		for _, other := range contexts[1:] {
			if st, err := os.Lstat(filepath.Join(other, rel)); err != nil || !st.Mode().IsRegular() {
				return nil
			}
		}
		pref := 1
		if preferredStems[strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))] {
			pref = 0
		}
		cands = append(cands, cand{filepath.ToSlash(rel), pref, strings.Count(filepath.ToSlash(rel), "/")})
		return nil
	})
	if len(cands) == 0 {
		return ""
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.pref != b.pref {
			return a.pref < b.pref
		}
		if a.depth != b.depth {
			return a.depth < b.depth
		}
		return a.rel < b.rel
	})
	return cands[0].rel
}

// touchFile makes a code-only change to a file in a context copy: it appends one comment line
// (so the content, and BuildKit's checksum of it, changes; behaviour does not), or a blank
// line to a file whose comment syntax is not known (a file named with --touch).
func touchFile(ctxDir, rel string, now time.Time) error {
	return appendToFile(ctxDir, rel, func() string {
		if prefix := commentPrefix(rel); prefix != "" {
			return fmt.Sprintf("%s dockopt measure: code-only change %d\n", prefix, now.UnixNano())
		}
		return "\n"
	})
}

// appendToFile appends what tail returns to a file in a context copy, after a final newline
// if the file lacks one.
func appendToFile(ctxDir, rel string, tail func() string) error {
	p := filepath.Join(ctxDir, filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	if err != nil {
		return fmt.Errorf("%s is not in the build context (or .dockerignore excludes it): %v", rel, err)
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		data = append(data, '\n')
	}
	data = append(data, tail()...)
	// a new file, not a write in place: the copy may share nothing with the user's file, but
	// a rename never reaches through a hard link
	tmp := p + ".dockopt-tmp"
	info, err := os.Stat(p)
	if err != nil {
		return err
	}
	if err := os.WriteFile(tmp, data, info.Mode().Perm()); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}
