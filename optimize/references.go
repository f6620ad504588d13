package optimize

import (
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/internal/lazyre"
)

// Limits of the source scan: files larger than maxRefFileBytes are skipped, and the scan
// stops after maxRefTotalBytes (a context with a vendored tree is not read whole).
const (
	maxRefFileBytes  = 1 << 20
	maxRefTotalBytes = 16 << 20
)

var (
	// a //go:embed directive and its patterns (https://pkg.go.dev/embed#hdr-Directives)
	goEmbedRe = lazyre.New(`(?m)^\s*//go:embed\s+(.+)$`)
	// a string literal in Go, Python or JavaScript/TypeScript source: "..." or '...' (or a
	// Go raw string), without white space, quotes or backslashes inside
	strLitRe = lazyre.New("[\"'`]([^\"'`\\s\\\\]{1,200})[\"'`]")
)

// refSourceExt are the source files scanned for paths they read.
var refSourceExt = map[string]bool{".go": true, ".py": true, ".js": true, ".mjs": true, ".cjs": true, ".ts": true}

// References are the build context paths the application's source names: the patterns of
// its //go:embed directives (compiled into the binary, so the build needs them), and the
// string literals that are relative paths of existing context files or directories, such as
// open("templates/index.html") or http.Dir("web/static") (read at run time, so the image
// needs them). Literals are taken relative to the context and to the source file's
// directory; absolute paths, URLs and routes ("/health") are not paths of the context.
type References struct {
	// Embedded are context paths named by //go:embed.
	Embedded []string
	// Read are other context paths named by string literals (not source files).
	Read []string
}

// All is every referenced path, sorted.
func (r References) All() []string {
	out := append(append([]string(nil), r.Embedded...), r.Read...)
	sort.Strings(out)
	return out
}

// sourceReferences scans the context's source files (test files excluded) for the paths
// they name. It reads at most maxRefTotalBytes.
func sourceReferences(ctx *buildctx.Context) References {
	var refs References
	if ctx == nil {
		return refs
	}
	embedded, read := map[string]bool{}, map[string]bool{}
	// a Go program that asks for its working directory joins paths to it
	// (os.Getwd() + "/config.yaml"): such a literal names the context file config.yaml
	getwd := goUsesWorkdir(ctx)
	eachSource(ctx, func(file string, data []byte) bool {
		dir := path.Dir(file)
		if path.Ext(file) == ".go" {
			for _, m := range goEmbedRe.FindAllStringSubmatch(string(data), -1) {
				for _, pat := range strings.Fields(m[1]) {
					pat = strings.Trim(strings.TrimPrefix(pat, "all:"), "\"`")
					if p := existingPrefix(ctx, path.Join(dir, pat)); p != "" {
						embedded[p] = true
					}
				}
			}
		}
		for _, m := range strLitRe.FindAllStringSubmatch(string(data), -1) {
			lit := m[1]
			if getwd && path.Ext(file) == ".go" {
				if p := workdirJoinedFile(ctx, lit); p != "" {
					read[p] = true
					continue
				}
			}
			if strings.HasPrefix(lit, "/") || strings.Contains(lit, "://") || strings.HasPrefix(lit, "..") {
				continue
			}
			// a bare word ("static") names a directory only when it is not a common word for
			// something else ("test" is an environment name as often as a directory)
			if !strings.ContainsAny(lit, "./*?[") && (ambiguousWords[strings.ToLower(lit)] || !isDir(ctx, lit)) {
				continue
			}
			for _, cand := range []string{lit, path.Join(dir, lit)} {
				if strings.ContainsAny(cand, "*?[") {
					cand = existingPrefix(ctx, cand) // filepath.Glob("migrations/*.sql") reads migrations/
				} else {
					cand = path.Clean(cand)
				}
				if cand == "." || cand == "" || !ctx.Exists(cand) || embedded[cand] {
					continue
				}
				if ent, ok := ctx.Entry(cand); ok && !ent.IsDir && refSourceExt[path.Ext(cand)] {
					continue // an import or module name that happens to be a file
				}
				if buildctx.LikelySecret(ctx, cand) {
					continue // godotenv.Load(".env"): a secret is never kept or copied for it
				}
				read[cand] = true
			}
		}
		return true
	})
	for p := range embedded {
		refs.Embedded = append(refs.Embedded, p)
	}
	for p := range read {
		// what //go:embed compiled into the binary, and Go package sources (a literal naming
		// a package directory), are never needed beside the binary
		if !underAny(p, embedded) && !holdsGoSource(ctx, p) {
			refs.Read = append(refs.Read, p)
		}
	}
	sort.Strings(refs.Embedded)
	sort.Strings(refs.Read)
	return refs
}

// underAny reports whether p is one of the paths in set or lies below one.
func underAny(p string, set map[string]bool) bool {
	for q := p; q != "." && q != "/" && q != ""; q = path.Dir(q) {
		if set[q] {
			return true
		}
	}
	return false
}

// holdsGoSource reports whether the context path p is a directory with Go files in it or
// below it.
func holdsGoSource(ctx *buildctx.Context, p string) bool {
	if !isDir(ctx, p) {
		return false
	}
	for _, e := range ctx.Entries {
		if !e.IsDir && strings.HasPrefix(e.Path, p+"/") && strings.HasSuffix(e.Path, ".go") {
			return true
		}
	}
	return false
}

// ambiguousWords are bare-word literals not taken for directories even when one of that name
// exists: environment names, and the names of directories that hold no run-time data.
var ambiguousWords = map[string]bool{
	"test": true, "tests": true, "testing": true, "dev": true, "development": true, "prod": true,
	"production": true, "staging": true, "docs": true, "doc": true, "build": true, "dist": true,
	"tmp": true, "temp": true, "log": true, "logs": true, "vendor": true, "node_modules": true,
	"env": true, "venv": true, "bin": true, "src": true, "lib": true, "scripts": true, "examples": true,
}

func isDir(ctx *buildctx.Context, p string) bool {
	e, ok := ctx.Entry(p)
	return ok && e.IsDir
}

// existingPrefix returns the longest leading part of a glob pattern path that exists in the
// context ("static/*.css" → "static"), "" when none does.
func existingPrefix(ctx *buildctx.Context, p string) string {
	p = path.Clean(p)
	if i := strings.IndexAny(p, "*?["); i >= 0 {
		p = path.Dir(p[:i] + "x")
	}
	for ; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		if ctx.Exists(p) {
			return p
		}
	}
	return ""
}

// isTestSource reports whether a source file is a test or tool configuration, not code the
// application runs (eslint.config.mjs names test/**, setup.py names docs).
func isTestSource(p string) bool {
	b := path.Base(p)
	switch b {
	case "setup.py", "conftest.py", "noxfile.py", "fabfile.py", "gulpfile.js", "Gruntfile.js", "Makefile.py":
		return true
	}
	return strings.HasSuffix(b, "_test.go") || strings.HasPrefix(b, "test_") || strings.HasSuffix(b, "_test.py") ||
		strings.Contains(b, ".test.") || strings.Contains(b, ".spec.") || strings.Contains(b, ".config.") ||
		strings.HasPrefix(b, ".")
}

// skipRefDir: dependency, build output and test trees are not the application's source.
func skipRefDir(p string) bool {
	for _, d := range strings.Split(path.Dir(p), "/") {
		switch d {
		case "node_modules", "vendor", ".venv", "venv", "site-packages", ".git", "dist", "build", "test", "tests", "testdata":
			return true
		}
	}
	return false
}

// sourceMentions reports whether a source file of the context with one of the extensions
// (test files, dependency and build trees excluded; at most maxRefTotalBytes read) contains
// text.
func sourceMentions(ctx *buildctx.Context, text string, exts ...string) bool {
	found := false
	eachSource(ctx, func(file string, data []byte) bool {
		found = slices.Contains(exts, path.Ext(file)) && strings.Contains(string(data), text)
		return !found
	})
	return found
}

// eachSource calls fn with each source file of the context (refSourceExt; test files, tool
// configurations, dependency and build trees left out; files over maxRefFileBytes skipped)
// and its content, until fn returns false or maxRefTotalBytes have been read.
func eachSource(ctx *buildctx.Context, fn func(file string, data []byte) bool) {
	if ctx == nil {
		return
	}
	total := 0
	for _, e := range ctx.Entries {
		if e.IsDir || !refSourceExt[path.Ext(e.Path)] || e.Size > maxRefFileBytes || isTestSource(e.Path) || skipRefDir(e.Path) {
			continue
		}
		if total += int(e.Size); total > maxRefTotalBytes {
			return
		}
		data, err := readContextFile(ctx, e.Path)
		if err != nil {
			continue
		}
		if !fn(e.Path, data) {
			return
		}
	}
}
