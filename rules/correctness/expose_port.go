package correctness

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/rule"
)

var (
	// InvalidExposePort is DO503 (invalid-expose-port).
	InvalidExposePort = &rule.Rule{
		ID:          "DO503",
		Name:        "invalid-expose-port",
		Family:      rule.Correctness,
		Severity:    rule.Error,
		Equivalents: []string{"hadolint:DL3011", "trivy:AVD-DS-0008"},
		Doc: rule.Doc{
			What: "Finds EXPOSE ports outside 0-65535, ranges whose start is above their end, " +
				"words that are not port numbers, and protocols other than tcp, udp and sctp. " +
				"Variables are checked after ARG/ENV substitution and skipped when their value is " +
				"unknown; `host:port` forms are left to BuildKit's ExposeInvalidFormat (DO022) and " +
				"protocol casing to ExposeProtoCasing (DO021).",
			Why: "TCP and UDP ports are 16-bit numbers; the engine rejects the image configuration " +
				"(\"invalid containerPort\", \"invalid range\", \"invalid proto\") when the container " +
				"is created or the port published, long after the build passed.",
			Example:    "EXPOSE 80800 9000-8000 53/dns",
			UseInstead: "EXPOSE 8080 8000-9000 53/udp",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#expose",
				"https://github.com/hadolint/hadolint/wiki/DL3011",
			},
		},
		Check: func(p *rule.Pass) {
			for _, in := range p.File.Instructions {
				if in.Cmd != "expose" {
					continue
				}
				for _, word := range in.Args {
					v := word
					if strings.ContainsAny(v, "$\"'") {
						// variables expanded and quotes removed, as BuildKit reads the word
						ev, ok := p.File.Expand(in, v)
						if !ok {
							continue
						}
						v = ev
					}
					for _, port := range strings.Fields(v) {
						if msg := relBadPort(port); msg != "" {
							p.Report(in, fmt.Sprintf("EXPOSE %s: %s", port, msg))
						}
					}
				}
			}
		},
	}
)

// relBadPort says what is wrong with an EXPOSE word, "" when it is valid (or not this rule's).
func relBadPort(w string) string {
	port, proto, hasProto := strings.Cut(w, "/")
	if strings.Contains(port, ":") {
		return "" // host:port forms are BuildKit's ExposeInvalidFormat
	}
	if hasProto {
		switch strings.ToLower(proto) {
		case "tcp", "udp", "sctp":
		default:
			return fmt.Sprintf("unknown protocol %q (tcp, udp or sctp)", proto)
		}
	}
	lo, hi, isRange := strings.Cut(port, "-")
	a, errA := strconv.Atoi(lo)
	if errA != nil || lo == "" || strings.HasPrefix(lo, "+") {
		return fmt.Sprintf("%q is not a port number or range", port)
	}
	if a > 65535 {
		return fmt.Sprintf("port %d is outside 0-65535", a)
	}
	if !isRange {
		return ""
	}
	b, errB := strconv.Atoi(hi)
	if errB != nil || hi == "" || strings.HasPrefix(hi, "+") {
		return fmt.Sprintf("%q is not a port number or range", port)
	}
	if b > 65535 {
		return fmt.Sprintf("port %d is outside 0-65535", b)
	}
	if a > b {
		return fmt.Sprintf("the range starts at %d, above its end %d", a, b)
	}
	return ""
}
