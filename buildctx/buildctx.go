// Package buildctx scans a build context: its files and sizes, its .dockerignore (matched with
// github.com/moby/patternmatcher, as BuildKit does) and the dependency manifests that tell
// which ecosystem the service uses.
package buildctx

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"

	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// MaxEntries bounds the scan of a context (files and directories); past it the scan stops and
// Context.Truncated is set.
const MaxEntries = 200000

// Entry is one file or directory of the context.
type Entry struct {
	// Path is slash-separated and relative to the context root.
	Path  string
	Size  int64 // bytes; 0 for directories
	IsDir bool
}

// Context is a scanned build context.
type Context struct {
	// Dir is the context's root directory.
	Dir string
	// Entries are every file and directory found, sorted by path.
	Entries []Entry
	// Truncated is true when the scan stopped at MaxEntries.
	Truncated bool
	// DockerignorePath is the ignore file in use (relative), "" if none.
	DockerignorePath string
	// IgnorePatterns are its patterns as read.
	IgnorePatterns []string
	matcher        *patternmatcher.PatternMatcher
	index          map[string]int
	// shared holds what is computed from the entries alone, once per walk: every Context of
	// the same walk (a Cache's, WithIgnore's copies) shares it.
	shared *sharedFacts
}

// WithIgnore returns a copy of the context that uses patterns (a .dockerignore's lines, read
// as BuildKit reads them) instead of its own ignore file; path names them in the copy's
// DockerignorePath. The entries are shared. It returns an error for an invalid pattern.
func (c *Context) WithIgnore(path string, patterns []string) (*Context, error) {
	m, err := NewMatcher(patterns)
	if err != nil {
		return nil, err
	}
	cp := *c
	cp.DockerignorePath, cp.IgnorePatterns, cp.matcher = path, patterns, m
	if len(patterns) == 0 {
		cp.matcher = nil
	}
	return &cp, nil
}

// IgnoreFileError is a .dockerignore that cannot be used.
type IgnoreFileError struct {
	File string
	Line int
	Msg  string
}

func (e *IgnoreFileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Scan reads the build context rooted at dir. dockerfileName (relative to dir, may be "")
// selects a `<Dockerfile>.dockerignore` when one exists, as BuildKit does; otherwise
// `.dockerignore` is used. It returns an *IgnoreFileError for an ignore file with invalid
// patterns, and the os error when dir cannot be read. A Cache shares the work between the
// Dockerfiles of one directory.
func Scan(dir, dockerfileName string) (*Context, error) {
	return new(Cache).Context(dir, dockerfileName)
}

// walk lists the files and directories under dir (the context without its ignore file).
func walk(dir string) (*Context, error) {
	c := &Context{Dir: dir, index: map[string]int{}, shared: &sharedFacts{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // unreadable entries are skipped, as the engine would fail on them later
		}
		if p == dir {
			return nil
		}
		if len(c.Entries) >= MaxEntries {
			c.Truncated = true
			return fs.SkipAll
		}
		rel, _ := filepath.Rel(dir, p)
		e := Entry{Path: filepath.ToSlash(rel), IsDir: d.IsDir()}
		if !d.IsDir() {
			if info, err := d.Info(); err == nil {
				e.Size = info.Size()
			}
		}
		c.Entries = append(c.Entries, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(c.Entries, func(i, j int) bool { return c.Entries[i].Path < c.Entries[j].Path })
	for i, e := range c.Entries {
		c.index[e.Path] = i
	}
	return c, nil
}

// ignoreCandidates are the ignore files BuildKit looks for, in order: `<Dockerfile>.dockerignore`
// (next to the Dockerfile, also when it is outside the context: dockerfileName is then
// absolute) and `.dockerignore`. Each is the name relative to dir (or absolute) and its path.
func ignoreCandidates(dir, dockerfileName string) (names, paths []string) {
	if dockerfileName != "" {
		names = append(names, filepath.ToSlash(dockerfileName)+".dockerignore")
	}
	names = append(names, ".dockerignore")
	for _, cand := range names {
		full := filepath.Join(dir, filepath.FromSlash(cand))
		if filepath.IsAbs(filepath.FromSlash(cand)) {
			full = filepath.FromSlash(cand) // a Dockerfile outside the context: next to it
		}
		paths = append(paths, full)
	}
	return names, paths
}

// ReadIgnoreFile reads the patterns of the .dockerignore-format file at path, as BuildKit
// reads them; a missing file has none. An unreadable file or an invalid pattern is an
// *IgnoreFileError.
func ReadIgnoreFile(path string) ([]string, error) {
	pats, _, err := readIgnore(path)
	return pats, err
}

// readIgnore reads the patterns of the ignore file at full; found is false when there is none.
func readIgnore(full string) (pats []string, found bool, err error) {
	st, err := os.Stat(full)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err == nil && !st.Mode().IsRegular() {
		// a FIFO or a device: opening it would wait for a writer, or read for ever
		return nil, true, &IgnoreFileError{File: full, Msg: "not a regular file"}
	}
	fh, err := os.Open(full)
	if err != nil {
		return nil, true, &IgnoreFileError{File: full, Msg: err.Error()}
	}
	pats, err = ignorefile.ReadAll(fh)
	fh.Close()
	if err != nil {
		return nil, true, &IgnoreFileError{File: full, Msg: err.Error()}
	}
	if _, err := NewMatcher(pats); err != nil {
		return nil, true, &IgnoreFileError{File: full, Line: badPatternLine(full, pats), Msg: err.Error()}
	}
	return pats, true, nil
}

// NewMatcher compiles .dockerignore patterns and checks each one, so that an invalid pattern
// is reported when read rather than when first matched.
func NewMatcher(patterns []string) (*patternmatcher.PatternMatcher, error) {
	m, err := patternmatcher.New(patterns)
	if err != nil {
		return nil, err
	}
	if _, err := m.MatchesOrParentMatches("probe"); err != nil {
		return nil, err
	}
	for _, p := range patterns {
		if _, err := patternmatcher.Matches("x", []string{p}); err != nil {
			return nil, fmt.Errorf("invalid pattern %q: %v", p, err)
		}
	}
	return m, nil
}

func badPatternLine(file string, pats []string) int {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0
	}
	for _, p := range pats {
		if _, err := patternmatcher.Matches("x", []string{p}); err != nil {
			raw := strings.TrimPrefix(p, "!")
			for i, l := range strings.Split(string(data), "\n") {
				if strings.Contains(l, raw) {
					return i + 1
				}
			}
		}
	}
	return 0
}

// HasDockerignore reports whether the context has an ignore file.
func (c *Context) HasDockerignore() bool { return c.DockerignorePath != "" }

// Exists reports whether a relative path (file or directory) is in the context.
func (c *Context) Exists(rel string) bool {
	_, ok := c.index[clean(rel)]
	return ok
}

// Entry returns the entry for a relative path.
func (c *Context) Entry(rel string) (Entry, bool) {
	i, ok := c.index[clean(rel)]
	if !ok {
		return Entry{}, false
	}
	return c.Entries[i], true
}

// Children returns the entries directly in a directory of the context (rel "." or "" for the
// root), in path order; none for a path that is not a scanned directory.
func (c *Context) Children(rel string) []Entry {
	dir := clean(rel)
	prefix := dir + "/"
	if dir == "." {
		prefix = ""
	} else if e, ok := c.Entry(dir); !ok || !e.IsDir {
		return nil
	}
	var out []Entry
	for _, e := range c.below(prefix) {
		if !strings.Contains(e.Path[len(prefix):], "/") {
			out = append(out, e)
		}
	}
	return out
}

// below returns the entries whose path starts with prefix (a directory's path and "/", or ""
// for all): in the sorted Entries they are contiguous from the first path >= prefix.
func (c *Context) below(prefix string) []Entry {
	i := sort.Search(len(c.Entries), func(i int) bool { return c.Entries[i].Path >= prefix })
	j := i
	for j < len(c.Entries) && strings.HasPrefix(c.Entries[j].Path, prefix) {
		j++
	}
	return c.Entries[i:j]
}

// Ignored reports whether .dockerignore excludes a relative path (or one of its parents).
func (c *Context) Ignored(rel string) bool {
	if c.matcher == nil {
		return false
	}
	ok, err := c.matcher.MatchesOrParentMatches(clean(rel))
	return err == nil && ok
}

// CopyExcludes reports whether one of a COPY/ADD's --exclude patterns leaves out a context
// path: the pattern matches the path or one of its parents, or, for a pattern without a
// slash, the base name of one of them at any depth. That last reading is wider than
// BuildKit's (which matches patterns from the source's root): rules asking here err
// towards "excluded", so they never report a file that --exclude may leave out.
func CopyExcludes(rel string, patterns []string) bool {
	rel = clean(rel)
	for _, pat := range patterns {
		pat = strings.TrimPrefix(path.Clean("/"+pat), "/")
		for q := rel; q != "." && q != "/" && q != ""; q = path.Dir(q) {
			if ok, _ := path.Match(pat, q); ok {
				return true
			}
			if ok, _ := path.Match(pat, path.Base(q)); ok && !strings.Contains(pat, "/") {
				return true
			}
		}
	}
	return false
}

// Glob returns the context paths that match a COPY/ADD source pattern (filepath.Match syntax,
// relative to the root), including files below a matched directory.
func (c *Context) Glob(pattern string) []string {
	pattern = clean(pattern)
	if pattern == "." || pattern == "" {
		out := make([]string, 0, len(c.Entries))
		for _, e := range c.Entries {
			out = append(out, e.Path)
		}
		return out
	}
	if !strings.ContainsAny(pattern, `*?[\`) {
		// a plain path: itself and what is below it, found in the sorted entries (the same
		// answer as the loop below, without matching every entry of a large context)
		var out []string
		if _, ok := c.index[pattern]; ok {
			out = append(out, pattern)
		}
		for _, e := range c.below(pattern + "/") {
			out = append(out, e.Path)
		}
		return out
	}
	var out []string
	for _, e := range c.Entries {
		if ok, _ := filepath.Match(pattern, e.Path); ok {
			out = append(out, e.Path)
			continue
		}
		// below a matched directory
		if i := strings.Index(e.Path, "/"); i > 0 {
			parts := strings.Split(e.Path, "/")
			for k := 1; k < len(parts); k++ {
				if ok, _ := filepath.Match(pattern, strings.Join(parts[:k], "/")); ok {
					out = append(out, e.Path)
					break
				}
			}
		}
	}
	return out
}

// SizeBytes sums the sizes of the files under rel ("" or "." for the whole context);
// ignored reports whether to count files .dockerignore excludes.
func (c *Context) SizeBytes(rel string, countIgnored bool) (files int, bytes int64) {
	rel = clean(rel)
	for _, e := range c.Entries {
		if e.IsDir {
			continue
		}
		if rel != "." && rel != "" && e.Path != rel && !strings.HasPrefix(e.Path, rel+"/") {
			continue
		}
		if !countIgnored && c.Ignored(e.Path) {
			continue
		}
		files++
		bytes += e.Size
	}
	return
}

func clean(p string) string {
	p = filepath.ToSlash(filepath.Clean("/" + filepath.FromSlash(p)))
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return "."
	}
	return p
}

// Manifests names the dependency manifests and lockfiles the rules and recipes look for, by
// ecosystem: those of the package managers (dockerfile/pkgmgr, where each has its source),
// and Java's build files (Maven, Gradle), which pkgmgr does not cover. The table is built on
// first use (not at start-up: it asks pkgmgr's registry) and shared: callers do not modify it.
var Manifests = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{"java": {"pom.xml", "build.gradle", "build.gradle.kts"}}
	for _, m := range pkgmgr.Managers() {
		for _, n := range append(append([]string{}, m.Manifests...), m.Lockfiles...) {
			if !strings.Contains(n, "*") && !slices.Contains(out[m.Ecosystem], n) {
				out[m.Ecosystem] = append(out[m.Ecosystem], n)
			}
		}
	}
	return out
})

// Lockfiles returns the node lockfiles that make `npm ci` (or the yarn/pnpm equivalent)
// possible, in pkgmgr's order.
var Lockfiles = sync.OnceValue(func() []string { return pkgmgr.Lockfiles("node") })

// FoundManifests returns the manifests at the context root (and requirements*.txt files).
func (c *Context) FoundManifests() []string {
	var out []string
	for _, names := range Manifests() {
		for _, n := range names {
			if c.Exists(n) {
				out = append(out, n)
			}
		}
	}
	for _, e := range c.Entries {
		if !strings.Contains(e.Path, "/") && strings.HasPrefix(e.Path, "requirements") && strings.HasSuffix(e.Path, ".txt") && e.Path != "requirements.txt" {
			out = append(out, e.Path)
		}
	}
	sort.Strings(out)
	return out
}

// HasAny reports whether any of the named root-level files exists.
func (c *Context) HasAny(names ...string) bool {
	for _, n := range names {
		if c.Exists(n) {
			return true
		}
	}
	return false
}
