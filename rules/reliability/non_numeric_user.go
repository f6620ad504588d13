package reliability

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// NonNumericUser is DO409 (non-numeric-user).
	NonNumericUser = &rule.Rule{
		ID:          "DO409",
		Name:        "non-numeric-user",
		Family:      rule.Reliability,
		Severity:    rule.Info,
		OptIn:       true,
		Equivalents: []string{"hadolint:DL3066"},
		Doc: rule.Doc{
			What: "Finds the `USER` the image runs as (the last one of the final stage or the stages it " +
				"is built FROM) when it names the user (`USER app`) instead of a numeric UID (`USER " +
				"10001`, `USER 10001:10001`). Root is DO301's; a user from a variable and Windows stages " +
				"are not checked. Compared with hadolint's DL3066: it reports every USER of every stage " +
				"(only the final image's matters, so dockopt reports that one), `USER root` too (DO301 " +
				"says more there), and a user from a variable unless the variable is an ARG of the file " +
				"(dockopt never guesses a variable's value at run time).",
			Why: "Kubernetes' `runAsNonRoot: true` cannot check a user name: the kubelet refuses to start " +
				"the container (\"image has non-numeric user (app), cannot verify user is non-root\") " +
				"unless the pod also sets `runAsUser`. A numeric UID also means the same thing on the " +
				"host and in volumes, whatever /etc/passwd the image has. Informational: it matters where " +
				"the image runs under such a policy.",
			Example:    "RUN useradd --system --uid 10001 app\nUSER app",
			UseInstead: "RUN useradd --system --uid 10001 app\nUSER 10001",
			OffByDefault: "It matters only where the image runs under Kubernetes' `runAsNonRoot` without " +
				"`runAsUser` (or another policy that checks the UID); desktop and command-line images run " +
				"with `docker run` never meet it, and on real Dockerfiles many findings were of that kind " +
				"(docs/precision.md). hadolint's DL3066 runs by default (info); turn this rule on for " +
				"images deployed to such clusters.",
			References: []string{
				"https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
				"https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/kuberuntime/security_context_others.go",
				"https://github.com/hadolint/hadolint/wiki/DL3066",
			},
		},
		Check: func(p *rule.Pass) {
			f := p.File
			final := f.FinalStage()
			if final == nil || ruleutil.WindowsStage(f, final) {
				return
			}
			var last *dockerfile.Instruction
			for _, st := range f.StageChain(final) {
				for _, in := range st.Instructions {
					if in.Cmd == "user" && len(in.Args) > 0 {
						last = in
					}
				}
				if last != nil {
					break // the stage nearest the final one decides
				}
			}
			if last == nil || strings.Contains(last.Args[0], "$") {
				return
			}
			user, _, _ := strings.Cut(last.Args[0], ":")
			if user == "" || user == "root" || strings.Trim(user, "0123456789") == "" {
				return
			}
			p.Report(last, fmt.Sprintf("USER %s is a name, not a numeric UID: Kubernetes runAsNonRoot cannot verify it; use the UID", user))
		},
	}
)
