package optimize

import (
	"encoding/json"
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// nodePackage is what a package.json says (https://docs.npmjs.com/cli/v10/configuring-npm/package-json),
// and where it is.
type nodePackage struct {
	// File is its path in the build context; Dir the image directory it sits in.
	File, Dir    string
	Main         string            `json:"main"`
	Scripts      map[string]string `json:"scripts"`
	Dependencies map[string]string `json:"dependencies"`
	DevDeps      map[string]string `json:"devDependencies"`
	// PackageManager is the "packageManager" field ("pnpm@10.23.0+sha512...";
	// pkgmgr.PackageManagerField reads it).
	PackageManager string `json:"packageManager"`
}

// parsePackage reads package.json's text; nil when it is not a JSON object.
func parsePackage(data []byte) *nodePackage {
	var pkg nodePackage
	if err := json.Unmarshal(data, &pkg); err != nil {
		return nil
	}
	return &pkg
}

// packageScripts returns package.json's "scripts".
func packageScripts(data []byte) map[string]string {
	if pkg := parsePackage(data); pkg != nil {
		return pkg.Scripts
	}
	return nil
}

// stagePackage is the package.json in stage st's working directory, read from the build
// context file that the stage's COPY instructions put there; nil when there is none.
func stagePackage(f *dockerfile.File, ctx *buildctx.Context, st *dockerfile.Stage) *nodePackage {
	wd := f.WorkdirEnd(st)
	if wd == "" {
		wd = "/"
	}
	file, ok := contextFileAt(f, ctx, st, path.Join(wd, "package.json"))
	if !ok {
		return nil
	}
	data, err := readContextFile(ctx, file)
	if err != nil {
		return nil
	}
	pkg := parsePackage(data)
	if pkg != nil {
		pkg.File, pkg.Dir = file, wd
	}
	return pkg
}

// devOnly returns the first of the packages that is a devDependency and not a dependency,
// "" when none is.
func (pkg *nodePackage) devOnly(names []string) string {
	for _, n := range names {
		if _, dep := pkg.Dependencies[n]; dep {
			return ""
		}
	}
	for _, n := range names {
		if _, dev := pkg.DevDeps[n]; dev {
			return n
		}
	}
	return ""
}

// scriptName returns the package.json script a command line runs through npm, yarn or pnpm
// (`npm run dev`, `npm start`, `yarn dev`, `pnpm run build`), and the manager's program;
// "" when it runs none.
func (pkg *nodePackage) scriptName(words []string) (script, manager string) {
	idx, _ := pkgmgr.ProgramIndex(words)
	if idx < 0 || pkg == nil {
		return "", ""
	}
	manager = pkgmgr.ProgramBase(words[idx])
	m := pkgmgr.ForProgram(manager)
	if m == nil || m.Ecosystem != "node" {
		return "", ""
	}
	call := pkgmgr.Parse(manager, words[idx+1:])
	switch {
	case call == nil:
		return "", ""
	case call.Sub == "run" && len(call.Operands) > 0:
		script = call.Operands[0]
	case call.Sub == "start" || call.Sub == "test":
		script = call.Sub
	case call.Subcommand == nil && call.Sub != "" && m.ID != "npm":
		script = call.Sub // yarn dev, pnpm dev
	}
	if _, ok := pkg.Scripts[script]; !ok {
		return "", ""
	}
	return script, manager
}

// scriptCommands splits a package.json script into its simple commands' words (words that
// hold expansions are kept as written); nil when it does not parse as shell.
func scriptCommands(script string) [][]string {
	file, err := syntax.NewParser().Parse(strings.NewReader(script), "")
	if err != nil {
		return nil
	}
	var out [][]string
	syntax.Walk(file, func(n syntax.Node) bool {
		ce, ok := n.(*syntax.CallExpr)
		if !ok || len(ce.Args) == 0 {
			return true
		}
		var words []string
		for _, a := range ce.Assigns {
			if a.Value != nil {
				words = append(words, a.Name.Value+"="+wordText(script, a.Value))
			}
		}
		for _, w := range ce.Args {
			words = append(words, wordText(script, w))
		}
		out = append(out, words)
		return true
	})
	return out
}

// wordText is a shell word's value with quotes removed, or its source text when it holds
// expansions.
func wordText(src string, w *syntax.Word) string {
	var b strings.Builder
	for _, part := range w.Parts {
		switch x := part.(type) {
		case *syntax.Lit:
			b.WriteString(x.Value)
		case *syntax.SglQuoted:
			b.WriteString(x.Value)
		case *syntax.DblQuoted:
			if len(x.Parts) == 1 {
				if l, ok := x.Parts[0].(*syntax.Lit); ok {
					b.WriteString(l.Value)
					continue
				}
			}
			return src[w.Pos().Offset():w.End().Offset()]
		default:
			return src[w.Pos().Offset():w.End().Offset()]
		}
	}
	return b.String()
}

// devDeps is package.json's devDependencies (none for a nil package).
func (pkg *nodePackage) devDeps() map[string]string {
	if pkg == nil {
		return nil
	}
	return pkg.DevDeps
}
