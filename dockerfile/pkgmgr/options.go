package pkgmgr

import "strings"

// canonical returns an option's canonical name: an alias replaced, and, for managers that
// accept abbreviations, a unique prefix of a known long option expanded.
func (m *Manager) canonical(opt string) string {
	if a, ok := m.OptionAliases[opt]; ok {
		return a
	}
	if !m.LongPrefixes || !strings.HasPrefix(opt, "--") || m.known(opt) {
		return opt
	}
	match := ""
	for _, list := range [][]string{m.LongOptions, m.ValueOptions} {
		for _, o := range list {
			if strings.HasPrefix(o, "--") && strings.HasPrefix(o, opt) && o != match {
				if match != "" {
					return opt // ambiguous: the manager refuses it, so does dockopt
				}
				match = o
			}
		}
	}
	if match == "" {
		return opt
	}
	if a, ok := m.OptionAliases[match]; ok {
		return a
	}
	return match
}

// known reports whether opt is spelled out in the manager's data.
func (m *Manager) known(opt string) bool {
	return contains(m.LongOptions, opt) || contains(m.ValueOptions, opt)
}

// takesValue reports whether an option (by canonical name, or as written) takes a value.
func (m *Manager) takesValue(name, written string) bool {
	return contains(m.ValueOptions, name) || contains(m.ValueOptions, written)
}

// Canonical returns the canonical name of an option of this manager (see Option.Name).
func (m *Manager) Canonical(opt string) string { return m.canonical(opt) }

// Has reports whether the call was given one of the options (named in any spelling the
// manager accepts: "--no-cache-dir" finds pip's --no-cache, "-g" finds npm's --global).
func (c *Call) Has(opts ...string) bool {
	_, ok := c.option(opts)
	return ok
}

// Value returns the value of the first of the options given with one.
func (c *Call) Value(opts ...string) (string, bool) {
	o, ok := c.option(opts)
	if !ok || !o.HasValue {
		return "", false
	}
	return o.Value, true
}

// Values returns the values of every occurrence of the options, in order.
func (c *Call) Values(opts ...string) []string {
	var out []string
	for _, o := range c.Options {
		if o.HasValue && c.matches(o, opts) {
			out = append(out, o.Value)
		}
	}
	return out
}

func (c *Call) option(opts []string) (Option, bool) {
	for _, o := range c.Options {
		if c.matches(o, opts) {
			return o, true
		}
	}
	return Option{}, false
}

func (c *Call) matches(o Option, opts []string) bool {
	for _, want := range opts {
		if o.Name == want || o.Written == want || o.Name == c.Manager.canonical(want) {
			return true
		}
	}
	return false
}

// Packages returns the call's package arguments read with the pinning syntax of its
// subcommand (or manager); nil when its operands are not packages.
func (c *Call) Packages() []Package {
	if c.Subcommand == nil || !c.Subcommand.Packages {
		return nil
	}
	syn := c.Subcommand.Pin
	if syn == NoPin {
		syn = c.Manager.Pin
	}
	out := make([]Package, 0, len(c.Operands))
	for _, a := range c.Operands {
		out = append(out, ParsePackage(syn, a))
	}
	return out
}

// CacheDisabled reports whether the call itself turns the manager's cache off, by an
// option (pip --no-cache-dir, apk --no-cache, uv --no-cache) or a VAR=value prefix
// (PIP_NO_CACHE_DIR=1 pip install ...). Settings made elsewhere (ENV, config files) are the
// caller's to check, with CacheEnv.
func (c *Call) CacheDisabled() bool {
	for _, ca := range c.Manager.Caches {
		if c.Has(ca.DisableOptions...) {
			return true
		}
		for _, e := range ca.DisableEnv {
			for _, a := range c.Assigns {
				if strings.HasPrefix(a, e+"=") {
					return true
				}
			}
		}
	}
	return false
}

// CacheEnv returns the environment variables that turn the manager's caches off.
func (m *Manager) CacheEnv() []string {
	var out []string
	for _, ca := range m.Caches {
		out = append(out, ca.DisableEnv...)
	}
	return out
}

// Is reports whether the call runs one of the managers (by ID).
func (c *Call) Is(ids ...string) bool { return contains(ids, c.Manager.ID) }

// InsecureOption returns the first option of the call that turns TLS checks (tls) or
// package signature checks (!tls) off.
func (c *Call) InsecureOption(tls bool) (Insecure, bool) {
	for _, in := range c.Manager.Insecure {
		if in.TLS == tls && c.Has(in.Option) {
			return in, true
		}
	}
	return Insecure{}, false
}
