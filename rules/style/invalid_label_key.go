package style

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/rule"
)

var (
	// InvalidLabelKey is DO602 (invalid-label-key).
	InvalidLabelKey = &rule.Rule{
		ID:          "DO602",
		Name:        "invalid-label-key",
		Family:      rule.Style_,
		Severity:    rule.Style,
		Equivalents: []string{"hadolint:DL3048"},
		Doc: rule.Doc{
			What: "Finds a LABEL key that does not follow Docker's label key format: it must start with a " +
				"lower-case letter, end with a lower-case letter or digit, hold only lower-case letters, " +
				"digits, `.` and `-`, have no `..` or `--`, and not use the namespaces Docker reserves " +
				"(`com.docker.`, `io.docker.`, `org.dockerproject.`). ONBUILD LABEL is checked too. " +
				"Keys built from variables are not checked: BuildKit expands them, so the key is known " +
				"only at build time (hadolint's DL3048 reads `LABEL a$b=1` literally and reports the `$`).",
			Why: "Tools that read labels (registries, scanners, orchestrators) expect reverse-DNS keys " +
				"such as `org.opencontainers.image.source`; a key like `Maintainer` or `my_label` is " +
				"accepted by Docker but will not match what they look for, and the reserved namespaces " +
				"belong to Docker itself.",
			Example:    "LABEL Maintainer=\"ops@example.com\" build_date=\"2024-06-01\"",
			UseInstead: "LABEL org.opencontainers.image.authors=\"ops@example.com\" org.opencontainers.image.created=\"2024-06-01\"",
			References: []string{
				"https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations",
				"https://github.com/hadolint/hadolint/wiki/DL3048",
			},
		},
		Check: func(p *rule.Pass) {
			for _, in := range p.File.Instructions {
				lc, ok := in.Command.(*instructions.LabelCommand)
				if in.OnBuild != nil {
					// ONBUILD LABEL: the child image gets the label (hadolint checks it too)
					lc, ok = in.OnBuild.Command.(*instructions.LabelCommand)
				}
				if !ok {
					continue
				}
				for _, kv := range lc.Labels {
					if strings.Contains(kv.Key, "$") {
						continue
					}
					key := kv.Key
					if in.OnBuild == nil {
						if key, ok = p.File.Expand(in, kv.Key); !ok {
							continue
						}
					}
					if why := labelKeyProblem(key); why != "" {
						p.Report(in, fmt.Sprintf("label key %q %s: use lower-case reverse-DNS keys (org.opencontainers.image.*)", key, why))
					}
				}
			}
		},
	}
)

// labelKeyProblem says what is wrong with a label key, "" when nothing is.
func labelKeyProblem(k string) string {
	lower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	switch {
	case k == "":
		return "is empty"
	case !lower(k[0]):
		return "does not start with a lower-case letter"
	case !lower(k[len(k)-1]) && !digit(k[len(k)-1]):
		return "does not end with a lower-case letter or digit"
	case strings.Contains(k, "..") || strings.Contains(k, "--"):
		return "has consecutive separators"
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; !lower(c) && !digit(c) && c != '.' && c != '-' {
			return fmt.Sprintf("holds %q", string(c))
		}
	}
	for _, ns := range []string{"com.docker.", "io.docker.", "org.dockerproject."} {
		if strings.HasPrefix(k, ns) {
			return "uses the reserved namespace " + ns
		}
	}
	return ""
}
