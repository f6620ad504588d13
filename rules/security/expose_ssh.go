package security

import (
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/rule"
)

var (
	// ExposeSsh is DO311 (expose-ssh).
	ExposeSsh = &rule.Rule{
		ID:          "DO311",
		Name:        "expose-ssh",
		Family:      rule.Security,
		Severity:    rule.Warning,
		Equivalents: []string{"trivy:AVD-DS-0004"},
		Doc: rule.Doc{
			What: "Finds `EXPOSE 22` (also `22/tcp`, `22/udp`, or a variable whose value is 22).",
			Why: "Port 22 means an SSH server runs in the container: one more daemon with its own " +
				"keys and passwords to manage and patch, and a remote login path that bypasses the " +
				"container runtime's access control. Use `docker exec` / `kubectl exec` to get a " +
				"shell, and keep one service per container.",
			Example:    "RUN apt-get update && apt-get install -y openssh-server\nEXPOSE 22\nCMD [\"/usr/sbin/sshd\", \"-D\"]",
			UseInstead: "# no sshd in the image: docker exec -it <container> sh",
			References: []string{
				"https://avd.aquasec.com/misconfig/ds004",
				"CIS Docker Benchmark v1.6.0, 5.6 Ensure sshd is not run within containers",
				"https://docs.docker.com/reference/cli/docker/container/exec/",
			},
		},
		Check: func(p *rule.Pass) {
			for _, in := range p.File.Instructions {
				ec, ok := in.Command.(*instructions.ExposeCommand)
				if !ok {
					continue
				}
				for _, port := range ec.Ports {
					v, ok := p.File.Expand(in, port)
					if !ok {
						continue
					}
					for _, one := range strings.Fields(v) {
						num, _, _ := strings.Cut(one, "/")
						if i := strings.LastIndex(num, ":"); i >= 0 {
							num = num[i+1:]
						}
						if strings.TrimLeft(num, "0") == "22" {
							p.Report(in, "EXPOSE "+one+" publishes SSH: do not run sshd in a container")
						}
					}
				}
			}
		},
	}
)
