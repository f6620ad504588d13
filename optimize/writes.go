package optimize

import (
	"path"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
)

// writeCallRe finds calls that create or write a file or directory named by a string literal,
// in JavaScript/TypeScript (fs.mkdir*, fs.writeFile*, fs.appendFile*, fs.createWriteStream,
// fs.openSync), Python (open(..., "w"/"a"/"x"), os.makedirs, os.mkdir, Path(...).mkdir,
// logging.FileHandler, sqlite3.connect) and Go (os.Create, os.Mkdir*, os.WriteFile,
// os.OpenFile). The second group is the path as written.
var writeCallRe = lazyre.New(`(?:mkdirSync|mkdir|writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|openSync|makedirs|FileHandler|RotatingFileHandler|sqlite3\.connect|os\.Create|os\.MkdirAll|os\.Mkdir|os\.WriteFile|os\.OpenFile)\(\s*(?:path\.(?:join|resolve)\(\s*(?:__dirname|process\.cwd\(\))\s*,\s*)?["'` + "`" + `]([^"'` + "`" + `\s]{1,200})["'` + "`" + `]`)

// openWriteRe finds Python's open("path", "w"/"a"/"x"...).
var openWriteRe = lazyre.New(`\bopen\(\s*["']([^"'\s]{1,200})["']\s*,\s*["'][^"']*[wax]`)

// dbFileRe finds a database file named by a string literal (SQLite's usual extensions: Django's
// default settings name BASE_DIR / 'db.sqlite3'): SQLite writes the file and its journal
// next to it, so the directory must be writable.
var dbFileRe = lazyre.New(`["']([\w./-]{0,200}\.(?:sqlite3?|db))["']`)

// sqliteURLRe finds an SQLAlchemy/Django-style relative SQLite URL: sqlite:///name.db.
var sqliteURLRe = lazyre.New(`sqlite:///([^/"'\s][^"'\s]{0,200})["']`)

// writeCallNameRe and openWriteNameRe are writeCallRe and openWriteRe with a name in place of
// the string literal (a directory call may wrap it in os.path.dirname, path.dirname or
// filepath.Dir): `DATA_FILE = "data/timers.yaml"` ... `os.makedirs(os.path.dirname(DATA_FILE))`,
// `open(DATA_FILE, "w")` (lonk42/The-Waiting-Timer). The name is resolved by stringConsts.
var (
	writeCallNameRe = lazyre.New(`(?:mkdirSync|mkdir|writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|openSync|makedirs|FileHandler|RotatingFileHandler|sqlite3\.connect|os\.Create|os\.MkdirAll|os\.Mkdir|os\.WriteFile|os\.OpenFile)\(\s*(?:(?:os\.path\.dirname|path\.dirname|filepath\.Dir)\(\s*)?([A-Za-z_]\w*)\s*[,)]`)
	openWriteNameRe = lazyre.New(`\bopen\(\s*([A-Za-z_]\w*)\s*,\s*["'][^"']*[wax]`)
)

// stringConstRe finds a line that gives a name a string literal: Python's `NAME = "x"` (with
// or without a type annotation), JavaScript's `const|let|var NAME = 'x'`, Go's `const NAME =
// "x"` and `NAME := "x"`.
var stringConstRe = lazyre.New(`(?m)^[ \t]*(?:export[ \t]+)?(?:(?:const|let|var)[ \t]+)?([A-Za-z_]\w*)[ \t]*(?::[ \t]*[\w.\[\]]+[ \t]*)?(?::=|=)[ \t]*["'` + "`" + `]([^"'` + "`" + `\s]{1,200})["'` + "`" + `][ \t]*;?[ \t]*(?:(?:#|//).*)?$`)

// stringConsts returns the string literals each name is given in src (stringConstRe).
func stringConsts(src string) map[string][]string {
	out := map[string][]string{}
	for _, m := range stringConstRe.FindAllStringSubmatch(src, -1) {
		out[m[1]] = append(out[m[1]], m[2])
	}
	return out
}

// writtenPaths returns the paths the service's source writes at run time, as written in the
// source (relative ones relative to the working directory): the literals of writeCallRe,
// openWriteRe, sqliteURLRe and dbFileRe, and those of the names writeCallNameRe and
// openWriteNameRe find (given in the same file), sorted, without URLs, device files and /tmp.
func writtenPaths(ctx *buildctx.Context, copied func(file string) bool) []string {
	seen := map[string]bool{}
	add := func(p string) {
		if strings.Contains(p, "://") || strings.Contains(p, "${") || strings.Contains(p, "%") {
			return
		}
		clean := path.Clean(p)
		if clean == "." || clean == "/" || strings.HasPrefix(clean, "/tmp") || strings.HasPrefix(clean, "/dev") || strings.HasPrefix(clean, "/proc") || strings.HasPrefix(clean, "..") {
			return
		}
		seen[clean] = true
	}
	eachSource(ctx, func(file string, data []byte) bool {
		if copied != nil && !copied(file) {
			return true
		}
		src := string(data)
		for _, re := range []*lazyre.Regexp{writeCallRe, openWriteRe, sqliteURLRe, dbFileRe} {
			for _, m := range re.FindAllStringSubmatch(src, -1) {
				add(m[1])
			}
		}
		var consts map[string][]string
		for _, re := range []*lazyre.Regexp{writeCallNameRe, openWriteNameRe} {
			for _, m := range re.FindAllStringSubmatch(src, -1) {
				if consts == nil {
					consts = stringConsts(src)
				}
				for _, v := range consts[m[1]] {
					add(v)
				}
			}
		}
		return true
	})
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// copiedInto returns a test of whether a build context file is copied into stage st's image
// by a COPY or ADD of the context in st or the stages it is built FROM (a source with a
// wildcard counts up to its directory), or copied FROM another stage that had it; every file
// when one copies the context root or a source cannot be resolved.
func copiedInto(f *dockerfile.File, st *dockerfile.Stage) func(string) bool {
	var prefixes []string
	var subs []func(string) bool
	for _, s := range f.StageChain(st) {
		for _, in := range s.Instructions {
			if in.Cmd != "copy" && in.Cmd != "add" || len(in.Args) < 2 {
				continue
			}
			if from, ok := in.Flag("from"); ok {
				// files copied from another stage: what that stage had from the context
				if src := f.StageByName(from); src != nil && src.Index < s.Index {
					sub := copiedInto(f, src)
					if sub == nil {
						return nil
					}
					subs = append(subs, sub)
				}
				continue
			}
			for _, a := range in.Args[:len(in.Args)-1] {
				v, ok := f.Expand(in, a)
				if !ok {
					return nil
				}
				if i := strings.IndexAny(v, "*?["); i >= 0 {
					v = path.Dir(v[:i] + "x")
				}
				v = path.Clean(strings.TrimPrefix(v, "/"))
				if v == "." {
					return nil
				}
				prefixes = append(prefixes, v)
			}
		}
	}
	return func(file string) bool {
		for _, p := range prefixes {
			if file == p || strings.HasPrefix(file, p+"/") {
				return true
			}
		}
		for _, sub := range subs {
			if sub(file) {
				return true
			}
		}
		return false
	}
}

// writableDirs turns written paths into the directories the non-root user must own, given
// the working directory: a relative path needs its directory under workdir (the workdir
// itself for a file directly in it); an absolute path its directory (itself when it has no
// file extension, as for a directory that mkdir creates, or when it ends in /). The result is sorted, without
// duplicates.
func writableDirs(written []string, workdir string) []string {
	seen := map[string]bool{}
	for _, p := range written {
		abs, ok := writtenAt(p, workdir)
		if !ok {
			continue
		}
		dir := abs
		if path.Ext(abs) != "" && !strings.HasSuffix(p, "/") {
			dir = path.Dir(abs)
		}
		if dir == "/" || dir == "" {
			continue
		}
		seen[dir] = true
	}
	out := make([]string, 0, len(seen))
	for d := range seen {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

// devToolWrites are the directories, relative to the project directory, that Node tools
// write when they start: Vite's pre-bundled dependencies (https://vite.dev/guide/dep-pre-bundling#file-system-cache)
// and the bundled config it writes next to vite.config.js (vite.config.js.timestamp-*.mjs,
// seen in todo-app's client: EACCES as the node user),
// Next.js's build output and cache (.next), Nuxt's (.nuxt), and Create React App's babel and
// eslint caches (node_modules/.cache).
var devToolWrites = map[string][]string{
	"vite":          {"node_modules/.vite", "."}, // and vite.config.js.timestamp-*.mjs next to its config
	"next":          {".next"},
	"nuxt":          {".nuxt"},
	"nuxi":          {".nuxt"},
	"react-scripts": {"node_modules/.cache"},
}

// scriptWrites returns the directories (relative to the working directory, ending in /) that
// the package.json script a command runs (`npm run dev`, `yarn dev`...) writes at start, from
// devToolWrites: the package.json is the one the stage's COPY instructions put in its working
// directory (stagePackage).
func scriptWrites(p *plan, st *dockerfile.Stage, cmd []string) []string {
	pkg := stagePackage(p.f, p.ctx, st)
	if pkg == nil {
		return nil
	}
	script, _ := pkg.scriptName(cmd)
	if script == "" {
		return nil
	}
	var out []string
	for _, words := range scriptCommands(pkg.Scripts[script]) {
		if len(words) == 0 {
			continue
		}
		for _, d := range devToolWrites[path.Base(words[0])] {
			out = append(out, d+"/")
		}
	}
	return out
}

// writtenAt is the absolute path of a path the service writes: a relative one is under
// workdir, and has no known place (false) without a working directory other than /.
func writtenAt(p, workdir string) (string, bool) {
	if strings.HasPrefix(p, "/") {
		return p, true
	}
	if workdir == "" || workdir == "/" {
		return "", false
	}
	return path.Join(workdir, p), true
}
