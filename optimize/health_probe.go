package optimize

import (
	"path"
	"strconv"
	"strings"
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
