package dockerfile

import (
	"errors"
	"maps"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// ARG and ENV values and their expansion: the one expander of variables (File.Expand for
// an instruction, File.ExpandGlobal for a FROM line).

// globalVars returns the values of the global ARGs (those before the first FROM): the build
// arg when one is given, else the default with the earlier global ARGs expanded.
func (f *File) globalVars() mapEnv {
	global := mapEnv{}
	for _, a := range f.GlobalArgs {
		if a.Cmd == "arg" {
			f.applyVars(a, global, global, nil) // no default and no build arg: no value
		}
	}
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

func expand(esc rune, word string, env shell.EnvGetter) (string, error) {
	res, err := shell.NewLex(esc).ProcessWordWithMatches(word, env)
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
// redeclared, defaults, build args) and ENV. Values that cannot be resolved are absent.
//
// The map is computed once per instruction and shared: callers must not modify it.
func (f *File) Vars(in *Instruction) map[string]string {
	if v, ok := f.varsCache[in]; ok {
		return v
	}
	v := f.computeVars(in)
	if f.varsCache == nil {
		f.varsCache = map[*Instruction]map[string]string{}
	}
	f.varsCache[in] = v
	return v
}

func (f *File) computeVars(in *Instruction) map[string]string {
	env := mapEnv{}
	global := f.globalVars()
	if in.Stage == nil || in.Cmd == "from" {
		return global // FROM sees only global ARGs
	}
	// ENV is inherited from the stages this one is built FROM (ARG values are not)
	chain := f.StageChain(in.Stage)[1:]
	for i := len(chain) - 1; i >= 0; i-- {
		benv := maps.Clone(env)
		for _, x := range chain[i].Instructions {
			f.applyVars(x, benv, global, env)
		}
	}
	for _, x := range in.Stage.Instructions {
		if x == in {
			break
		}
		f.applyVars(x, env, global, nil)
	}
	return env
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
