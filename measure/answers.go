package measure

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dockopt/dockopt/engine"
)

// The placeholders that replace what is a container's own in its answers before they are
// compared (MaskOwn).
const (
	ownID       = "<container ID>"
	ownHostname = "<container hostname>"
	ownIP       = "<container IP>"
)

// MaskOwn replaces in s what is the container's own: its full ID and the short form of it
// (the first 12 hex digits) with "<container ID>", its hostname with "<container hostname>",
// each of its IP addresses with "<container IP>". Only whole occurrences of those exact
// strings are replaced (not one inside a longer word, number or address: 172.17.0.2 in
// 172.17.0.23 stays); nothing else is masked (no timestamps, no random values). A nil id
// masks nothing.
func MaskOwn(s string, id *engine.Identity) string {
	if id == nil {
		return s
	}
	type sub struct{ own, as string }
	subs := []sub{{id.ID, ownID}, {id.Hostname, ownHostname}}
	if len(id.ID) > 12 {
		subs = append(subs, sub{id.ID[:12], ownID})
	}
	ips := append([]string{}, id.IPs...)
	sort.Slice(ips, func(i, j int) bool { return len(ips[i]) > len(ips[j]) })
	for _, ip := range ips {
		subs = append(subs, sub{ip, ownIP})
	}
	for _, x := range subs {
		if x.own != "" {
			s = replaceWhole(s, x.own, x.as)
		}
	}
	return s
}

// replaceWhole replaces the whole occurrences of old in s with repl: those whose neighbours
// are not letters, digits or _, nor a '.' joined to one (a longer IPv4 address or host
// name), nor, when old is an IPv6 address, a ':' joined to one (a longer IPv6 address).
func replaceWhole(s, old, repl string) string {
	joiners := "."
	if strings.Contains(old, ":") {
		joiners = ".:"
	}
	var b strings.Builder
	for i := 0; ; {
		j := strings.Index(s[i:], old)
		if j < 0 {
			b.WriteString(s[i:])
			return b.String()
		}
		start, end := i+j, i+j+len(old)
		if bounded(s, start-1, -1, joiners) && bounded(s, end, +1, joiners) {
			b.WriteString(s[i:start])
			b.WriteString(repl)
		} else {
			b.WriteString(s[i:end])
		}
		i = end
	}
}

// bounded says whether s[k] (the neighbour of a match, dir the side away from it) ends a
// word: out of s, or not a letter, digit or _, nor one of joiners followed by one.
func bounded(s string, k, dir int, joiners string) bool {
	if k < 0 || k >= len(s) {
		return true
	}
	if isWordByte(s[k]) {
		return false
	}
	if strings.IndexByte(joiners, s[k]) >= 0 {
		n := k + dir
		return n < 0 || n >= len(s) || !isWordByte(s[n])
	}
	return true
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// comparedBody is an answer's body as it is compared: JSON decoded and re-encoded with its
// object keys sorted, two spaces of indentation per level (one value per line) and numbers
// kept as written; anything else as it is, with trailing white space trimmed. Then what is
// the answering container's own is masked (MaskOwn). isJSON says which it was.
func comparedBody(p ProbeResult) (text string, isJSON bool) {
	body := []byte(p.Body)
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err == nil && !dec.More() {
		var out bytes.Buffer
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err == nil {
			return MaskOwn(strings.TrimRight(out.String(), "\n"), p.Container), true
		}
	}
	return MaskOwn(strings.TrimRight(p.Body, " \t\r\n"), p.Container), false
}

// shownBody is an answer's body for a check's detail: NormalizeBody's form, with the
// container's own hostname, ID and IPs masked.
func shownBody(p ProbeResult) string { return MaskOwn(NormalizeBody([]byte(p.Body)), p.Container) }

// bodyDiff compares the bodies of answers a and b as comparedBody forms them; "" when they are
// the same, else where they first differ: "at line N (...): «a's line» NAMEA, «b's line»
// NAMEB", each line clipped to about 200 characters around the first differing character.
func bodyDiff(a, b ProbeResult, nameA, nameB string) string {
	ta, ja := comparedBody(a)
	tb, jb := comparedBody(b)
	if ta == tb {
		return ""
	}
	la, lb := strings.Split(ta, "\n"), strings.Split(tb, "\n")
	n := 0
	for n < len(la) && n < len(lb) && la[n] == lb[n] {
		n++
	}
	where := fmt.Sprintf("at line %d", n+1)
	if ja && jb {
		where += " (of the JSON re-indented, keys sorted)"
	}
	col := 0
	if n < len(la) && n < len(lb) {
		col = commonPrefix(la[n], lb[n])
	}
	return fmt.Sprintf("%s: %s %s, %s %s", where, lineAt(la, n, col), nameA, lineAt(lb, n, col), nameB)
}

// lineAt is line n of lines around byte col, in «», or that there is no such line.
func lineAt(lines []string, n, col int) string {
	if n >= len(lines) {
		return fmt.Sprintf("(no line %d: the body has %d)", n+1, len(lines))
	}
	return "«" + around(lines[n], col, 200) + "»"
}

// commonPrefix is the length in bytes of the longest common prefix of a and b, ending on a
// character boundary.
func commonPrefix(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	for i > 0 && i < len(a) && !utf8.RuneStart(a[i]) {
		i--
	}
	return i
}

// around clips s to about width bytes around byte col (a quarter of them before it), on
// character boundaries, with "…" where it was cut.
func around(s string, col, width int) string {
	if len(s) <= width {
		return s
	}
	start := max(0, col-width/4)
	end := min(len(s), start+width)
	start = max(0, end-width)
	for start > 0 && !utf8.RuneStart(s[start]) {
		start--
	}
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end++
	}
	out := s[start:end]
	if start > 0 {
		out = "…" + out
	}
	if end < len(s) {
		out += "…"
	}
	return out
}
