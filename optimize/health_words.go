package optimize

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"mvdan.cc/sh/v3/syntax"
)

// A health check's command as the words of one program call, each word made of literal
// pieces and the environment variables the shell would expand.

// shellWords reads a health check's shell script: one command, optionally followed by
// `|| exit N` (N not 0) or `|| false`, with output sent nowhere else than /dev/null. It
// returns the command's words; ok is false for anything else (pipes, several commands,
// expansions other than plain variables).
func shellWords(script string) ([][]urlPart, bool) {
	file, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(script), "")
	if err != nil || len(file.Stmts) != 1 {
		return nil, false
	}
	st := file.Stmts[0]
	if bin, ok := st.Cmd.(*syntax.BinaryCmd); ok {
		if bin.Op != syntax.OrStmt || !failsAlways(bin.Y) {
			return nil, false
		}
		st = bin.X
	}
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || st.Negated || st.Background || len(call.Assigns) > 0 || !quietRedirects(st) {
		return nil, false
	}
	var out [][]urlPart
	for _, w := range call.Args {
		parts, ok := wordParts(w)
		if !ok {
			return nil, false
		}
		out = append(out, parts)
	}
	return out, true
}

// failsAlways reports whether a statement is `exit`, `exit N` with N other than 0, or
// `false`: after `||` it only turns a failed probe into a failed check.
func failsAlways(st *syntax.Stmt) bool {
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(st.Redirs) > 0 || len(call.Args) == 0 || len(call.Args) > 2 {
		return false
	}
	name := call.Args[0].Lit()
	if name == "false" {
		return len(call.Args) == 1
	}
	if name == "exit" && len(call.Args) == 1 {
		return true // exits with the probe's own (non-zero) status
	}
	if name != "exit" {
		return false
	}
	n := call.Args[1].Lit()
	return n != "" && n != "0" && strings.Trim(n, "0123456789") == ""
}

// quietRedirects reports whether a statement's redirections only discard output.
func quietRedirects(st *syntax.Stmt) bool {
	for _, r := range st.Redirs {
		switch r.Op {
		case syntax.RdrOut, syntax.AppOut, syntax.RdrAll, syntax.AppAll, syntax.DplOut:
		default:
			return false
		}
		if t := r.Word.Lit(); t != "/dev/null" && !(r.Op == syntax.DplOut && (t == "1" || t == "2")) {
			return false
		}
	}
	return true
}

// wordParts reads a shell word made of literals, quotes and plain parameter expansions.
func wordParts(w *syntax.Word) ([]urlPart, bool) {
	var out []urlPart
	var add func(parts []syntax.WordPart) bool
	add = func(parts []syntax.WordPart) bool {
		for _, part := range parts {
			switch x := part.(type) {
			case *syntax.Lit:
				out = append(out, urlPart{lit: dockerfile.UnescapeLit(x.Value)})
			case *syntax.SglQuoted:
				out = append(out, urlPart{lit: x.Value})
			case *syntax.DblQuoted:
				if !add(x.Parts) {
					return false
				}
			case *syntax.ParamExp:
				p, ok := paramPart(x)
				if !ok {
					return false
				}
				out = append(out, p)
			default:
				return false
			}
		}
		return true
	}
	return out, add(w.Parts)
}

func paramPart(x *syntax.ParamExp) (urlPart, bool) {
	if x.Excl || x.Length || x.Width || x.Index != nil || x.Slice != nil || x.Repl != nil || x.Names != 0 || x.Param == nil {
		return urlPart{}, false
	}
	if !envName(x.Param.Value) {
		return urlPart{}, false // $1, $@, $$...: not an environment variable
	}
	p := urlPart{env: x.Param.Value}
	if x.Exp == nil {
		return p, true
	}
	if x.Exp.Op != syntax.DefaultUnsetOrNull && x.Exp.Op != syntax.DefaultUnset {
		return urlPart{}, false
	}
	def := ""
	if x.Exp.Word != nil {
		parts, ok := wordParts(x.Exp.Word)
		if !ok {
			return urlPart{}, false
		}
		if def, ok = literal(parts); !ok {
			return urlPart{}, false
		}
	}
	p.def, p.hasDef, p.emptyDef = def, true, x.Exp.Op == syntax.DefaultUnsetOrNull
	return p, true
}

// envName reports whether s is a variable name ([A-Za-z_][A-Za-z0-9_]*).
func envName(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// execWords turns exec-form words into probe words: no shell expands them, so `$` is
// literal.
func execWords(args []string) [][]urlPart {
	out := make([][]urlPart, len(args))
	for i, a := range args {
		out[i] = []urlPart{{lit: a}}
	}
	return out
}
