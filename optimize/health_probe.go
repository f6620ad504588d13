package optimize

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// httpProbe is the HTTP request a curl or wget health check makes, and how it judges the
// answer: what a probe written with another program must do the same way.
type httpProbe struct {
	tool string
	url  []urlPart
	// fail: an answer with status 400 or more fails the check (curl -f/--fail, always with
	// wget); without it any HTTP answer passes (plain curl).
	fail bool
	// head: a HEAD request (curl -I, wget --spider).
	head bool
	// insecure: no TLS certificate check (curl -k, wget --no-check-certificate).
	insecure bool
	// timeout in seconds (curl -m/--max-time, wget -T/--timeout), 0 when none is given:
	// then only the HEALTHCHECK's --timeout bounds the check.
	timeout float64
}

// urlPart is a literal piece of a URL, or an environment variable the shell expanded
// ($PORT, ${PORT}, ${PORT:-8000}, ${PORT-8000}).
type urlPart struct {
	lit, env, def string
	// hasDef: a default is given; emptyDef: it also replaces an empty value (":-").
	hasDef, emptyDef bool
}

// curlFlags and wgetFlags are the options a probe may use, with what they mean for the
// request; "value" options take an argument. Sources: curl(1) (curl 7.88, Debian bookworm)
// and wget(1) (GNU Wget 1.21). Anything else (headers, data, methods, proxies,
// authentication) makes the check one dockopt does not rewrite.
var curlFlags = map[string]string{
	"-f": "fail", "--fail": "fail", "--fail-with-body": "fail", "-s": "", "--silent": "",
	"-S": "", "--show-error": "", "-L": "", "--location": "", "-k": "insecure", "--insecure": "insecure",
	"-q": "", "-v": "", "--verbose": "", "-I": "head", "--head": "head", "--no-progress-meter": "",
	"-o": "value", "--output": "value", "-m": "timeout", "--max-time": "timeout",
	"--connect-timeout": "value", "--retry": "value", "--retry-delay": "value",
	"--retry-max-time": "value", "-w": "value", "--write-out": "value", "--url": "url",
	"-X": "method", "--request": "method",
	"-4": "", "-6": "", "--ipv4": "", "--ipv6": "",
}

var wgetFlags = map[string]string{
	"-q": "", "--quiet": "", "-nv": "", "--no-verbose": "", "-O": "value", "--output-document": "value",
	"--spider": "head", "-T": "timeout", "--timeout": "timeout", "-t": "value", "--tries": "value",
	"--no-check-certificate": "insecure", "-S": "", "--server-response": "", "-4": "", "-6": "",
	"--inet4-only": "", "--inet6-only": "",
}

// parseHTTPProbe reads a curl or wget command line (words as the shell would pass them) into
// the request it makes; ok is false for any option it does not know or more than one URL.
func parseHTTPProbe(words [][]urlPart) (httpProbe, bool) {
	if len(words) < 2 {
		return httpProbe{}, false
	}
	prog, ok := literal(words[0])
	if !ok {
		return httpProbe{}, false
	}
	h := httpProbe{tool: path.Base(prog)}
	flags := curlFlags
	switch h.tool {
	case "curl":
	case "wget":
		flags, h.fail = wgetFlags, true
	default:
		return httpProbe{}, false
	}
	for i := 1; i < len(words); i++ {
		w, isLit := literal(words[i])
		if !isLit || !strings.HasPrefix(w, "-") || w == "-" {
			if h.url != nil {
				return httpProbe{}, false
			}
			h.url = words[i]
			continue
		}
		for _, o := range splitFlags(w, flags) {
			meaning, known := flags[o.name]
			if !known {
				return httpProbe{}, false
			}
			if takesValue(meaning) {
				if !o.hasValue {
					if i+1 >= len(words) {
						return httpProbe{}, false
					}
					i++
					o.value, o.hasValue = literal(words[i])
					if !o.hasValue {
						return httpProbe{}, false
					}
				}
			}
			if !h.apply(meaning, o.value) {
				return httpProbe{}, false
			}
		}
	}
	if h.url == nil {
		return httpProbe{}, false
	}
	if first := h.url[0]; first.env == "" && !strings.Contains(first.lit, "://") {
		// curl and wget take a URL without a scheme as http://
		h.url = append([]urlPart{{lit: "http://"}}, h.url...)
	}
	return h, true
}

func (h *httpProbe) apply(meaning, value string) bool {
	switch meaning {
	case "fail":
		h.fail = true
	case "head":
		h.head = true
	case "insecure":
		h.insecure = true
	case "method":
		switch value {
		case "GET":
		case "HEAD":
			h.head = true
		default:
			return false
		}
	case "timeout":
		secs, err := strconv.ParseFloat(value, 64)
		if err != nil || secs <= 0 {
			return false
		}
		h.timeout = secs
	case "url":
		if h.url != nil {
			return false
		}
		h.url = []urlPart{{lit: value}}
	}
	return true
}

func takesValue(meaning string) bool {
	return meaning == "value" || meaning == "timeout" || meaning == "url" || meaning == "method"
}

type flagWord struct {
	name, value string
	hasValue    bool
}

// splitFlags splits an option word: "--max-time=5", "-fsS" (three flags), "-qO-" (-q, then
// -O with the value "-"), "-m5".
func splitFlags(w string, flags map[string]string) []flagWord {
	if strings.HasPrefix(w, "--") {
		if n, v, ok := strings.Cut(w, "="); ok {
			return []flagWord{{name: n, value: v, hasValue: true}}
		}
		return []flagWord{{name: w}}
	}
	if _, ok := flags[w]; ok {
		return []flagWord{{name: w}}
	}
	var out []flagWord
	for i := 1; i < len(w); i++ {
		name := "-" + w[i:i+1]
		m := flags[name]
		if takesValue(m) && i+1 < len(w) {
			return append(out, flagWord{name: name, value: w[i+1:], hasValue: true})
		}
		out = append(out, flagWord{name: name})
	}
	return out
}

// literal returns a word without variables as a string.
func literal(w []urlPart) (string, bool) {
	var b strings.Builder
	for _, p := range w {
		if p.env != "" {
			return "", false
		}
		b.WriteString(p.lit)
	}
	return b.String(), true
}

// https reports whether the URL is https (false when a variable starts it: unknown).
func (h httpProbe) https() (is, known bool) {
	if len(h.url) == 0 || h.url[0].env != "" {
		return false, false
	}
	return strings.HasPrefix(strings.ToLower(h.url[0].lit), "https://"), true
}

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
				out = append(out, urlPart{lit: unescapeShell(x.Value)})
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

func unescapeShell(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
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

// pythonProbe is the probe as Python code run by py (urllib.request of the standard
// library): the same request, judged the same way.
func pythonProbe(py string, h httpProbe) []string {
	imports := []string{"urllib.request"}
	url, env := pyURL(h.url)
	if env {
		imports = append([]string{"os"}, imports...)
	}
	target := url
	if h.head {
		target = "urllib.request.Request(" + url + ", method='HEAD')"
	}
	args := target
	if h.timeout > 0 {
		args += ", timeout=" + strconv.FormatFloat(h.timeout, 'f', -1, 64)
	}
	if h.insecure {
		imports = append(imports, "ssl")
		args += ", context=ssl._create_unverified_context()"
	}
	var code string
	if h.fail {
		code = fmt.Sprintf("import sys, %s; sys.exit(0 if urllib.request.urlopen(%s).status < 400 else 1)", strings.Join(imports, ", "), args)
	} else {
		// any HTTP answer passes, as with curl without -f: only no answer fails
		code = fmt.Sprintf("import urllib.error, %s\ntry: urllib.request.urlopen(%s)\nexcept urllib.error.HTTPError: pass", strings.Join(imports, ", "), args)
	}
	return []string{py, "-c", code}
}

func pyURL(parts []urlPart) (expr string, env bool) {
	var terms []string
	for _, p := range parts {
		switch {
		case p.env == "":
			terms = append(terms, quoteSingle(p.lit))
		case p.emptyDef:
			terms = append(terms, fmt.Sprintf("(os.environ.get(%s) or %s)", quoteSingle(p.env), quoteSingle(p.def)))
		default:
			terms = append(terms, fmt.Sprintf("os.environ.get(%s, %s)", quoteSingle(p.env), quoteSingle(p.def)))
		}
		env = env || p.env != ""
	}
	return mergeLiterals(terms), env
}

// nodeProbe is the probe as JavaScript run by node (its http/https module); ok is false when
// the URL's scheme is not known before run time. localhost becomes 127.0.0.1: Node before 20
// tries only the first address localhost resolves to, which may be ::1.
func nodeProbe(node string, h httpProbe) ([]string, bool) {
	isHTTPS, known := h.https()
	if !known {
		return nil, false
	}
	mod := "http"
	if isHTTPS {
		mod = "https"
	}
	url := jsURL(h.url)
	var opts []string
	if h.head {
		opts = append(opts, "method: 'HEAD'")
	}
	if h.insecure {
		opts = append(opts, "rejectUnauthorized: false")
	}
	onTimeout := ""
	if h.timeout > 0 {
		opts = append(opts, "timeout: "+strconv.FormatFloat(h.timeout*1000, 'f', 0, 64))
		onTimeout = ".on('timeout', () => process.exit(1))"
	}
	judge := "() => process.exit(0)"
	if h.fail {
		judge = "r => process.exit(r.statusCode < 400 ? 0 : 1)"
	}
	var code string
	if len(opts) == 0 {
		code = fmt.Sprintf("require('%s').get(%s, %s).on('error', () => process.exit(1))", mod, url, judge)
	} else {
		code = fmt.Sprintf("require('%s').request(%s, {%s}, %s).on('error', () => process.exit(1))%s.end()", mod, url, strings.Join(opts, ", "), judge, onTimeout)
	}
	return []string{node, "-e", code}, true
}

func jsURL(parts []urlPart) string {
	var terms []string
	for i, p := range parts {
		switch {
		case p.env == "":
			lit := p.lit
			if i == 0 {
				lit = loopbackIPv4(lit)
			}
			terms = append(terms, quoteSingle(lit))
		case p.emptyDef:
			terms = append(terms, fmt.Sprintf("(process.env.%s || %s)", p.env, quoteSingle(p.def)))
		case p.hasDef:
			terms = append(terms, fmt.Sprintf("(process.env.%s ?? %s)", p.env, quoteSingle(p.def)))
		default:
			terms = append(terms, fmt.Sprintf("(process.env.%s || '')", p.env))
		}
	}
	return mergeLiterals(terms)
}

// loopbackIPv4 replaces the host localhost at the start of a URL with 127.0.0.1.
func loopbackIPv4(lit string) string {
	scheme, rest, ok := strings.Cut(lit, "://")
	if !ok {
		return lit
	}
	host := rest
	if i := strings.IndexAny(rest, ":/?#"); i >= 0 {
		host = rest[:i]
	}
	if strings.EqualFold(host, "localhost") {
		return scheme + "://127.0.0.1" + rest[len(host):]
	}
	return lit
}

// mergeLiterals joins expression terms with +, adjacent quoted literals merged.
func mergeLiterals(terms []string) string {
	var out []string
	for _, t := range terms {
		if n := len(out); n > 0 && strings.HasPrefix(t, "'") && strings.HasSuffix(out[n-1], "'") && strings.HasPrefix(out[n-1], "'") {
			out[n-1] = out[n-1][:len(out[n-1])-1] + t[1:]
			continue
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return "''"
	}
	return strings.Join(out, " + ")
}

// quoteSingle writes s as a single-quoted Python/JavaScript string literal.
func quoteSingle(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}
