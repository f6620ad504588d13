package optimize

import (
	"fmt"
	"strconv"
	"strings"
)

// The probes written for a language runtime the image has: the same HTTP request, judged the
// same way, as Python or JavaScript code.

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
