package servercmd

import (
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// Call is one application server started by a CMD or ENTRYPOINT.
type Call struct {
	// Kind is "uvicorn", "gunicorn", "flask" (flask run) or "django" (manage.py runserver).
	Kind string
	// Spec is the option table (uvicorn and gunicorn only).
	Spec *serverSpec
	// Prog is the word naming the server (the module word of `python -m uvicorn`).
	Prog Arg
	// Args are the words after the program (after `run`/`runserver` for flask/django),
	// including those a CMD adds to an exec-form ENTRYPOINT.
	Args []Arg
	// Stage is the stage whose instruction starts the server.
	Stage *dockerfile.Stage
	// Open is true for an exec-form ENTRYPOINT without a CMD in its stage: more arguments
	// may follow (from a later stage's CMD or `docker run`), so absent options prove nothing.
	Open bool
}

// option is one option of a server call, as parsed against the server's table.
type CallOption struct {
	Arg Arg
	// Name is the option as written, without "=value".
	Name string
	// Opt is the known option it names (nil when unknown or ambiguous).
	Opt *serverOption
	// Ambiguous lists the options an ambiguous prefix matches.
	Ambiguous []string
	// Value is the option's argument and HasValue whether there is one.
	Value    Arg
	HasValue bool
}

// CallsOf returns the servers started by the file's CMD and ENTRYPOINT instructions,
// computed once per pass.
func CallsOf(p *rule.Pass) []Call {
	return p.Memo("rel.serverCalls", func() any { return findServerCalls(p.File) }).([]Call)
}

func findServerCalls(f *dockerfile.File) []Call {
	var out []Call
	for _, st := range f.Stages {
		var entry, cmd *dockerfile.Instruction
		for _, in := range st.Instructions {
			switch in.Cmd {
			case "entrypoint":
				entry = in
			case "cmd":
				cmd = in
			}
		}
		done := map[*dockerfile.Instruction]bool{}
		// an exec-form ENTRYPOINT that starts a server takes the CMD's words as arguments
		if entry != nil && entry.JSON {
			if calls := serverCallsIn(f, st, entry); len(calls) == 1 {
				c := calls[0]
				if cmd != nil && cmd.JSON {
					c.Args = append(c.Args, JSONArgs(f, cmd)...)
					done[cmd] = true
				} else if cmd == nil {
					c.Open = true
				}
				out = append(out, c)
				done[entry] = true
			}
		}
		for _, in := range st.Instructions {
			if (in.Cmd == "cmd" || in.Cmd == "entrypoint") && !done[in] {
				out = append(out, serverCallsIn(f, st, in)...)
			}
		}
	}
	return out
}

// serverCallsIn returns the servers one instruction starts.
func serverCallsIn(f *dockerfile.File, st *dockerfile.Stage, in *dockerfile.Instruction) []Call {
	var out []Call
	for _, cl := range InstrCommandLines(f, in) {
		idx, module := ProgramIndex(cl.Args)
		if idx < 0 || idx >= len(cl.Args) {
			continue
		}
		prog := cl.Args[idx]
		name := Base(prog.Value)
		rest := cl.Args[idx+1:]
		switch {
		case serverSpecs()[name] != nil:
			out = append(out, Call{Kind: name, Spec: serverSpecs()[name], Prog: prog, Args: rest, Stage: st})
		case name == "flask":
			// flask [--app X] run [options]
			for i, a := range rest {
				if a.Value == "run" {
					out = append(out, Call{Kind: "flask", Prog: prog, Args: rest[i+1:], Stage: st})
					break
				}
				if !strings.HasPrefix(a.Value, "-") && (i == 0 || !strings.HasPrefix(rest[i-1].Value, "--app") && rest[i-1].Value != "-A" && rest[i-1].Value != "-e" && rest[i-1].Value != "--env-file") {
					break
				}
			}
		case !module && (name == "manage.py" || name == "django-admin"):
			for i, a := range rest {
				if a.Value == "runserver" {
					out = append(out, Call{Kind: "django", Prog: prog, Args: rest[i+1:], Stage: st})
					break
				}
				if !strings.HasPrefix(a.Value, "-") {
					break
				}
			}
		}
	}
	return out
}

// Options parses a uvicorn/gunicorn call's words against the server's table. Words that hold
// expansions are skipped: their value is unknown.
func (c Call) Options() []CallOption {
	if c.Spec == nil {
		return nil
	}
	var out []CallOption
	for i := 0; i < len(c.Args); i++ {
		a := c.Args[i]
		v := a.Value
		if !a.Literal || strings.HasPrefix(v, "$") {
			continue
		}
		if v == "--" {
			break
		}
		if !strings.HasPrefix(v, "-") || v == "-" || relIsNumber(v) {
			continue
		}
		o := CallOption{Arg: a, Name: v}
		if strings.HasPrefix(v, "--") {
			if n, val, ok := strings.Cut(v, "="); ok {
				o.Name = n
				o.HasValue = true
				o.Value = Arg{Value: val, Literal: true, In: a.In, Start: -1, End: -1, ValueStart: -1}
				if a.ValueStart >= 0 {
					o.Value.ValueStart = a.ValueStart + len(n) + 1
				}
			}
			o.Opt, o.Ambiguous = c.Spec.lookup(o.Name)
		} else if c.Spec.Prefix {
			// argparse: -bVALUE or -b VALUE
			if so := c.Spec.shortOption(v); so != nil {
				o.Name = v[:2]
				o.Opt = so
				if so.Value && len(v) > 2 {
					o.HasValue = true
					o.Value = Arg{Value: v[2:], Literal: true, In: a.In, Start: -1, End: -1, ValueStart: -1}
				}
			}
		} else {
			// click: exact names only; "-w4" is "-w" with a value attached
			if len(v) > 2 && v[1] != '-' {
				o.Name = v[:2]
				o.HasValue = true
				o.Value = Arg{Value: v[2:], Literal: true, In: a.In, Start: -1, End: -1, ValueStart: -1}
			}
			o.Opt, _ = c.Spec.lookup(o.Name)
		}
		takes := o.Opt != nil && o.Opt.Value
		if o.Opt == nil {
			if eq, ok := c.Spec.Equivalent[o.Name]; ok {
				if known, _ := c.Spec.lookup(eq); known != nil {
					takes = known.Value
				}
			}
		}
		if takes && !o.HasValue && i+1 < len(c.Args) {
			i++
			o.Value = c.Args[i]
			o.HasValue = true
		}
		out = append(out, o)
	}
	return out
}

func relIsNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}

// report reports a finding on a word, or on its instruction when its position is unknown.
func ReportArg(p *rule.Pass, a Arg, msg string, opts ...rule.Option) {
	if a.Start >= 0 && a.End > a.Start {
		p.ReportRange(a.Start, a.End, msg, opts...)
		return
	}
	p.Report(a.In, msg, opts...)
}

// EnvSet reports whether an ENV or ARG of the stage or the stages it is built FROM sets
// name.
func EnvSet(f *dockerfile.File, st *dockerfile.Stage, name string) bool {
	for _, s := range f.StageChain(st) {
		for _, in := range s.Instructions {
			switch c := in.Command.(type) {
			case *instructions.EnvCommand:
				for _, kv := range c.Env {
					if kv.Key == name {
						return true
					}
				}
			case *instructions.ArgCommand:
				for _, kv := range c.Args {
					if kv.Key == name && kv.Value != nil {
						return true
					}
				}
			}
		}
	}
	return false
}
