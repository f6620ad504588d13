package dockerfile

import (
	"errors"
	"maps"
	"strings"
	"sync"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// ARG and ENV values and their expansion: the one expander of variables (File.Expand for
// an instruction, File.ExpandGlobal for a FROM line).

// globalVars returns the values of the global ARGs (those before the first FROM): the build
// arg when one is given, else the default with the earlier global ARGs expanded. The map is
// computed once (at the first FROM every global ARG is known) and shared.
func (f *File) globalVars() mapEnv {
	if f.global != nil {
		return f.global
	}
	global := mapEnv{}
	for _, a := range f.GlobalArgs {
		if a.Cmd == "arg" {
			f.applyVars(a, global, global, nil) // no default and no build arg: no value
		}
	}
	f.global = global
	return global
}

// ExpandGlobal expands ${VAR} in a word of a FROM line (the image or --platform) with the
// global ARGs, as BuildKit does; ok is false, and the result "", when a variable has no value.
// (Expand on a FROM instruction sees the same values.)
func (f *File) ExpandGlobal(word string) (string, bool) {
	if !strings.Contains(word, "$") {
		return word, true
	}
	v, err := expand(f.EscapeToken, word, f.globalVars())
	if err != nil {
		return "", false
	}
	return v, true
}

type mapEnv map[string]string

func (m mapEnv) Get(k string) (string, bool) { v, ok := m[k]; return v, ok }
func (m mapEnv) Keys() []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

var errUnresolved = errors.New("unresolved variable")

// lexers reuse BuildKit's word processors (each holds a text/scanner.Scanner with its
// buffer), one pool per escape token; a Lex is not safe for concurrent use.
var lexers = map[rune]*sync.Pool{
	'\\': {New: func() any { return shell.NewLex('\\') }},
	'`':  {New: func() any { return shell.NewLex('`') }},
}

func expand(esc rune, word string, env shell.EnvGetter) (string, error) {
	pool := lexers[esc]
	if pool == nil { // not a valid escape token: BuildKit's parser allows only these two
		pool = &sync.Pool{New: func() any { return shell.NewLex(esc) }}
	}
	lex := pool.Get().(*shell.Lex)
	res, err := lex.ProcessWordWithMatches(word, env)
	pool.Put(lex)
	if err != nil {
		return "", err
	}
	if len(res.Unmatched) > 0 {
		return "", errUnresolved
	}
	return res.Result, nil
}

// Vars returns the ARG and ENV values in effect just before instruction in: ENV inherited
// from the stages its stage is built FROM, then the stage's own ARGs (global ARGs
// redeclared, defaults, build args) and ENV. Values that cannot be resolved are absent. (An
// ONBUILD's instruction sees the values at the end of its stage.)
//
// The map is computed once per instruction and shared (instructions between two ARG or ENV
// instructions share one): callers must not modify it.
func (f *File) Vars(in *Instruction) map[string]string {
	if v, ok := f.varsCache[in]; ok {
		return v
	}
	if in.Stage == nil || in.Cmd == "from" {
		return f.globalVars() // FROM sees only global ARGs
	}
	f.stageVars(in.Stage)
	if v, ok := f.varsCache[in]; ok {
		return v
	}
	return f.stageEndVars[in.Stage] // an ONBUILD's instruction, not in the stage's list
}

// stageVars computes, in one pass over st, the values before each of its instructions
// (Vars), the values at its end, and the ENV a stage built FROM it inherits.
func (f *File) stageVars(st *Stage) {
	if _, done := f.inheritedEnv[st]; done {
		return
	}
	if f.varsCache == nil {
		f.varsCache = map[*Instruction]map[string]string{}
		f.inheritedEnv = map[*Stage]mapEnv{}
		f.stageEndVars = map[*Stage]map[string]string{}
	}
	f.inheritedEnv[st] = nil // a cycle (impossible: a stage is built FROM an earlier one) ends here
	global := f.globalVars()
	inherited := mapEnv{} // the ENV of the stages st is built FROM
	if base := f.BaseStage(st); base != nil {
		f.stageVars(base)
		inherited = f.inheritedEnv[base]
	}
	env := inherited
	passOn := maps.Clone(inherited) // what a stage built FROM st inherits
	for _, x := range st.Instructions {
		if x.Cmd != "from" {
			f.varsCache[x] = env
		}
		if x.Cmd == "arg" || x.Cmd == "env" {
			env = maps.Clone(env)
			f.applyVars(x, env, global, passOn)
		}
	}
	f.stageEndVars[st] = env
	f.inheritedEnv[st] = passOn
}

// applyVars applies an ARG or ENV instruction to vars: an ARG takes its build arg, else its
// default, else the global ARG's value; an ENV value is also set in inherited (the ENV a
// later stage built FROM this one sees) when that is not nil.
func (f *File) applyVars(x *Instruction, vars, global, inherited mapEnv) {
	switch c := x.Command.(type) {
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			if v, ok := f.BuildArgs[kv.Key]; ok {
				vars[kv.Key] = v
			} else if kv.Value != nil {
				if ev, err := expand(f.EscapeToken, *kv.Value, vars); err == nil {
					vars[kv.Key] = ev
				}
			} else if gv, ok := global[kv.Key]; ok {
				vars[kv.Key] = gv
			}
		}
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			if ev, err := expand(f.EscapeToken, kv.Value, vars); err == nil {
				vars[kv.Key] = ev
				if inherited != nil {
					inherited[kv.Key] = ev
				}
			}
		}
	}
}

// Expand resolves ${VAR} references in word with the values in effect before instruction in,
// and removes quotes as BuildKit's word processing does (`"/usr/local/bin/x"` is
// /usr/local/bin/x). ok is false when a variable has no known value.
func (f *File) Expand(in *Instruction, word string) (string, bool) {
	if !strings.ContainsAny(word, "$\"'") {
		return word, true
	}
	v, err := expand(f.EscapeToken, word, mapEnv(f.Vars(in)))
	return v, err == nil
}
