package pkgmgr

import (
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
)

// Call is one shell call of a package manager, read through the manager's data.
type Call struct {
	Manager *Manager
	// Program is the executable as written, base name ("pip3.12", "python3", "corepack").
	Program string
	// Sub is the subcommand, normalised to its canonical name ("install" for `npm i`,
	// "upgrade-minimal" for `dnf up-min`, "pip install" for `uv pip install`). For a
	// subcommand the data does not list it is the first positional argument as written;
	// "" when there is none.
	Sub string
	// Subcommand is the data of Sub, nil when the data does not list it.
	Subcommand *Subcommand
	// Action is what the call does (the manager's DefaultAction when there is no subcommand).
	Action Action
	// Args are the manager's own arguments: after "python -m pip", "corepack pnpm", "uv".
	Args []string
	// Options are the options given, in order, with canonical names.
	Options []Option
	// Positional are the arguments that are neither options nor option values, the
	// subcommand's words included.
	Positional []string
	// Operands are the positional arguments after the subcommand's words.
	Operands []string
	// Assigns are the VAR=value prefixes of the command.
	Assigns []string
	// PassedThrough are the arguments after "--" of a manager that hands them to another
	// program (gem install x -- --with-pg-config=...).
	PassedThrough []string
}

// Option is one option of a call.
type Option struct {
	// Name is the canonical name: an abbreviation expanded (pip's --no-cache is
	// --no-cache-dir), an alias replaced (npm's -g is --global).
	Name string
	// Written is the option as written, without an attached "=value".
	Written string
	// Value is the option's value when it takes one.
	Value    string
	HasValue bool
}

// ParseCommand reads a parsed shell command; nil when it does not run a package manager. The
// reading is made once per command and shared: callers must not modify it.
func ParseCommand(c *dockerfile.Command) *Call {
	if c == nil {
		return nil
	}
	return c.Memo(memoKey{}, func() any {
		call := Parse(c.Name, c.Args)
		if call != nil {
			call.Assigns = c.Assigns
		}
		return call
	}).(*Call)
}

// memoKey keys pkgmgr's reading in a command's memo.
type memoKey struct{}

// Parse reads a call of program name (a base name) with its arguments; nil when it does not
// run a package manager.
func Parse(name string, args []string) *Call {
	name = path.Base(name)
	m, margs := resolve(name, args)
	if m == nil {
		return nil
	}
	c := &Call{Manager: m, Program: name, Args: margs}
	c.scan()
	c.subcommand()
	return c
}

// resolve finds the manager a program runs and the manager's own arguments.
func resolve(name string, args []string) (*Manager, []string) {
	m := ForProgram(name)
	if m == nil {
		switch {
		case isPython(name):
			m, args = pythonModule(args)
		case reg().byVia[name] != nil && len(args) > 0:
			prog, _, _ := strings.Cut(args[0], "@") // corepack yarn@4.5.0 install
			m, args = reg().byVia[name][prog], args[1:]
		}
	}
	if m == nil {
		return nil, nil
	}
	return m, args
}

// pythonModule reads `python [interpreter options] -m MODULE args...`.
func pythonModule(args []string) (*Manager, []string) {
	for i, a := range args {
		if a == "-m" && i+1 < len(args) {
			byModule := reg().byModule
			m := byModule[args[i+1]]
			if m == nil {
				if mod, v, ok := strings.Cut(args[i+1], "3"); ok && byModule[mod] != nil && (v == "" || isVersion(v)) {
					m = byModule[mod] // python -m pip3
				}
			}
			if m == nil {
				return nil, nil
			}
			return m, args[i+2:]
		}
		if !strings.HasPrefix(a, "-") {
			return nil, nil // python script.py
		}
	}
	return nil, nil
}

// isPython reports whether a program is a Python interpreter: CPython's python, python3,
// python3.12, and PyPy's pypy, pypy3, pypy3.10 (https://doc.pypy.org/en/latest/install.html).
func isPython(name string) bool {
	for _, p := range []string{"python", "pypy"} {
		if v, ok := strings.CutPrefix(name, p); ok && strings.Trim(v, "0123456789.") == "" {
			return true
		}
	}
	return false
}

// scan splits the arguments into options (with their values) and positional arguments.
func (c *Call) scan() {
	for i := 0; i < len(c.Args); i++ {
		a := c.Args[i]
		switch {
		case a == "--" && c.Manager.PassThrough:
			c.PassedThrough = c.Args[i+1:]
			return
		case a == "--":
			c.Positional = append(c.Positional, c.Args[i+1:]...)
			return
		case strings.HasPrefix(a, "--"):
			i += c.long(a, i)
		case strings.HasPrefix(a, "-") && len(a) > 1:
			i += c.short(a, i)
		default:
			c.Positional = append(c.Positional, a)
		}
	}
}

// long reads a long option at Args[i]; it returns 1 when the next argument is its value.
func (c *Call) long(a string, i int) int {
	written, val, attached := strings.Cut(a, "=")
	o := Option{Name: c.Manager.canonical(written), Written: written, Value: val, HasValue: attached}
	if attached {
		c.Options = append(c.Options, o)
		return 0
	}
	return c.add(o, i)
}

// short reads a one-dash option at Args[i]; it returns 1 when the next argument is a value.
// Where the manager groups one-letter options (getopt, optparse), "-qqy" is -q -q -y and the
// first letter that takes a value takes the rest of the word, or the next argument
// ("-rreqs.txt", "-r reqs.txt").
func (c *Call) short(a string, i int) int {
	m := c.Manager
	if !m.GroupedShort || len(a) == 2 {
		return c.add(Option{Name: m.canonical(a), Written: a}, i)
	}
	for j := 1; j < len(a); j++ {
		f := "-" + a[j:j+1]
		o := Option{Name: m.canonical(f), Written: f}
		if m.takesValue(o.Name, f) && j+1 < len(a) {
			o.Value, o.HasValue = a[j+1:], true
			c.Options = append(c.Options, o)
			return 0
		}
		if j+1 == len(a) {
			return c.add(o, i)
		}
		c.Options = append(c.Options, o)
	}
	return 0
}

// add appends an option written without an attached value, taking the next argument as its
// value when it takes one.
func (c *Call) add(o Option, i int) int {
	if c.Manager.takesValue(o.Name, o.Written) && i+1 < len(c.Args) {
		o.Value, o.HasValue = c.Args[i+1], true
		c.Options = append(c.Options, o)
		return 1
	}
	c.Options = append(c.Options, o)
	return 0
}

// subcommand matches the first positional arguments against the manager's subcommands,
// the longest match winning.
func (c *Call) subcommand() {
	best, bestLen := (*Subcommand)(nil), 0
	for _, sw := range c.Manager.subWords {
		if len(sw.words) > bestLen && hasPrefixWords(c.Positional, sw.words) {
			best, bestLen = sw.sub, len(sw.words)
		}
	}
	switch {
	case best != nil:
		c.Subcommand, c.Sub, c.Action = best, best.Name, best.Action
		c.Operands = c.Positional[bestLen:]
	case len(c.Positional) > 0:
		c.Sub, c.Operands = c.Positional[0], c.Positional[1:]
	default:
		c.Action = c.Manager.DefaultAction
	}
}

func hasPrefixWords(xs, words []string) bool {
	if len(xs) < len(words) {
		return false
	}
	for i, w := range words {
		if xs[i] != w {
			return false
		}
	}
	return true
}

func isLetters(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return s != ""
}
