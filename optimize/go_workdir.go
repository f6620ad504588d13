package optimize

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/compose"
	"github.com/dockopt/dockopt/dockerfile"
)

// goUsesWorkdir reports whether the context's Go source asks for its working directory
// (os.Getwd, https://pkg.go.dev/os#Getwd): paths it joins to it are read from the
// directory the container starts in, the image's WORKDIR.
func goUsesWorkdir(ctx *buildctx.Context) bool {
	return sourceMentions(ctx, "os.Getwd()", ".go")
}

// workdirJoinedFile is the context file a Go literal with one leading slash names when the
// program joins it to its working directory (os.Getwd() + "/config.yaml", or
// filepath.Join(wd, "/config.yaml")): "config.yaml" when that file is in the context (not a
// directory, a source file or a likely secret), else "".
func workdirJoinedFile(ctx *buildctx.Context, lit string) string {
	rel, ok := strings.CutPrefix(lit, "/")
	if !ok || strings.HasPrefix(rel, "/") || rel == "" {
		return ""
	}
	rel = path.Clean(rel)
	if strings.HasPrefix(rel, "..") || refSourceExt[path.Ext(rel)] {
		return ""
	}
	e, found := ctx.Entry(rel)
	if !found || e.IsDir || buildctx.LikelySecret(ctx, rel) {
		return ""
	}
	return rel
}

// originalWorkdir is the last WORKDIR of the file's only stage, expanded ("" when it sets
// none or it does not expand to an absolute path).
func originalWorkdir(f *dockerfile.File) string {
	if len(f.Stages) != 1 {
		return ""
	}
	wd := ""
	for _, in := range f.Stages[0].Instructions {
		if in.Cmd == "workdir" && len(in.Args) > 0 {
			if v, ok := f.Expand(in, in.Args[0]); ok && strings.HasPrefix(v, "/") {
				wd = path.Clean(v)
			}
		}
	}
	return wd
}

// holdsContextIn reports whether the file's only stage copies the whole build context
// (COPY . or ADD . from the context) into dir.
func holdsContextIn(f *dockerfile.File, dir string) bool {
	if len(f.Stages) != 1 || dir == "" {
		return false
	}
	for _, in := range f.Stages[0].Instructions {
		if (in.Cmd == "copy" || in.Cmd == "add") && fromContextRoot(in) && copyDest(f, in) == dir {
			return true
		}
	}
	return false
}

// goDataExt are the extensions of data files a Go service commonly reads at run time:
// configuration, templates, SQL.
var goDataExt = map[string]bool{
	".yaml": true, ".yml": true, ".json": true, ".toml": true, ".env": true, ".ini": true,
	".conf": true, ".cfg": true, ".properties": true, ".html": true, ".tmpl": true,
	".gohtml": true, ".tpl": true, ".xml": true, ".csv": true, ".sql": true,
}

// goUnnamedData lists the context's data files (goDataExt) that the original image held in
// its working directory and that no literal of the source names: files the optimized
// .dockerignore leaves out, secrets, hidden paths and test trees are not listed.
func goUnnamedData(f *dockerfile.File, ctx *buildctx.Context, a *analysis) []string {
	wd := originalWorkdir(f)
	if ctx == nil || !holdsContextIn(f, wd) {
		return nil
	}
	named := map[string]bool{}
	for _, p := range a.refs.All() {
		named[p] = true
	}
	after := (&Result{Ignore: planDockerignore(ctx, f.Path, nil, a.keepPaths)}).OptimizedContext(ctx)
	var out []string
	for _, e := range ctx.Entries {
		if e.IsDir || !goDataExt[strings.ToLower(path.Ext(e.Path))] || underAny(e.Path, named) ||
			strings.HasPrefix(e.Path, ".") || strings.Contains(e.Path, "/.") || skipRefDir(e.Path) ||
			after.Ignored(e.Path) || buildctx.LikelySecret(ctx, e.Path) || buildFile(e.Path) {
			continue
		}
		out = append(out, e.Path)
	}
	return out
}

// goUnnamedDataNote says which data files the runtime image no longer holds ("" for none).
func goUnnamedDataNote(f *dockerfile.File, ctx *buildctx.Context, a *analysis, runtime, wd string) string {
	files := goUnnamedData(f, ctx, a)
	if len(files) == 0 {
		return ""
	}
	const most = 10
	list := strings.Join(files, ", ")
	if len(files) > most {
		list = fmt.Sprintf("%s and %d more", strings.Join(files[:most], ", "), len(files)-most)
	}
	return fmt.Sprintf("the original image held the whole build context in %s; the %s image holds only the binary and the files its source names. No literal of the source names %s: if the program reads them at run time, copy them into a working directory (`WORKDIR %s` and `COPY --from=build /src/<file> %s/<file>`)", originalWorkdir(f), runtime, list, wd, wd)
}

// buildFile reports whether a context path is a compose or bake file (compose.ComposeNames,
// compose.BakeNames), or a compose file's override or variant (docker-compose.prod.yml): the
// build's, not the program's.
func buildFile(p string) bool {
	base := path.Base(p)
	for _, n := range append(append([]string(nil), compose.ComposeNames...), compose.BakeNames...) {
		stem := strings.TrimSuffix(n, path.Ext(n))
		if base == n || strings.HasPrefix(base, stem+".") && (strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")) {
			return true
		}
	}
	return false
}
