package reliability

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/servercmd"
)

var (
	// MissingHealthcheck is DO401 (missing-healthcheck).
	MissingHealthcheck = &rule.Rule{
		ID:          "DO401",
		Name:        "missing-healthcheck",
		Family:      rule.Reliability,
		Severity:    rule.Info,
		OptIn:       true,
		Equivalents: []string{"cis:4.6", "hadolint:DL3057", "dockle:CIS-DI-0006", "trivy:AVD-DS-0026"},
		Doc: rule.Doc{
			What: "Finds a service image without a HEALTHCHECK: the final stage EXPOSEs a port, or its " +
				"CMD/ENTRYPOINT starts a server (uvicorn, gunicorn, flask run, manage.py runserver, " +
				"node server.js, nginx, httpd, java -jar, rails server, puma, php-fpm...), and neither it " +
				"nor the stages it is built FROM declare a HEALTHCHECK. `HEALTHCHECK NONE` is a " +
				"deliberate choice and is not reported. hadolint's DL3057 reports every final image " +
				"without one; DO401 only images that run a service (a batch job or a CLI has nothing " +
				"to probe).",
			Why: "Without a health check Docker (and Compose, Swarm, ECS) only knows whether the process " +
				"runs, not whether it answers: a deadlocked or half-started service stays \"up\", " +
				"`depends_on: condition: service_healthy` cannot work, and rolling updates proceed " +
				"onto broken containers. Kubernetes ignores HEALTHCHECK (it uses probes), which is " +
				"why this is only informational. A base image may already define one; dockopt " +
				"cannot see that.",
			Example: "FROM python:3.12-slim\nCOPY . /app\nEXPOSE 8000\n" +
				"CMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\"]",
			UseInstead: "FROM python:3.12-slim\nCOPY . /app\nEXPOSE 8000\n" +
				"HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \\\n" +
				"  CMD [\"python\", \"-c\", \"import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health').status != 200)\"]\n" +
				"CMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\"]",
			OffByDefault: "hadolint's DL3057 (HEALTHCHECK missing) is off by default too (severity \"ignore\"). " +
				"Whether an image should carry a HEALTHCHECK depends on where it runs: Kubernetes ignores " +
				"it and uses probes, and the official images ship none on purpose, because the right " +
				"check depends on the deployment. On real Dockerfiles nearly every finding was of that " +
				"kind (docs/precision.md). Turn it on for images run by Docker, Compose, Swarm or ECS; " +
				"CIS 4.6 (the CIS section of `optimize`, `measure` and `inspect`) always runs it.",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#healthcheck",
				"CIS Docker Benchmark 1.6.0, 4.6 Ensure that HEALTHCHECK instructions have been added to container images",
				"https://avd.aquasec.com/misconfig/ds026",
			},
		},
		Check: checkMissingHealthcheck,
	}

	// HealthcheckToolMissing is DO402 (healthcheck-tool-missing).
	HealthcheckToolMissing = &rule.Rule{
		ID:       "DO402",
		Name:     "healthcheck-tool-missing",
		Family:   rule.Reliability,
		Severity: rule.Error,
		Doc: rule.Doc{
			What: "Finds a HEALTHCHECK that calls curl or wget in an image that does not have it: the " +
				"base image is known to lack the program (python:*-slim, node:*-slim, ruby:*-slim, " +
				"debian, ubuntu, gcr.io/distroless/*, scratch; curl in alpine, busybox and the *-alpine " +
				"language images, whose busybox has only wget) and no RUN, COPY or ADD of the stage " +
				"(or the stages it is built FROM) mentions it. A shell-form HEALTHCHECK on an image " +
				"without /bin/sh (distroless, scratch) is reported too. Bases not in dockopt's table " +
				"are never reported.",
			Why: "The check fails with \"executable file not found\" (or sh: curl: not found) on every " +
				"run, so the container turns unhealthy right after its start period even though the " +
				"service works, and orchestrators that act on health restart it in a loop.",
			Example: "FROM python:3.12-slim\nEXPOSE 8000\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1",
			UseInstead: "FROM python:3.12-slim\nEXPOSE 8000\n" +
				"HEALTHCHECK CMD [\"python\", \"-c\", \"import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')\"]",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#healthcheck",
				"https://github.com/docker-library/python (slim Dockerfiles: runtime packages ca-certificates, netbase, tzdata)",
				"https://github.com/nodejs/docker-node (slim Dockerfiles purge curl and wget)",
				"https://github.com/GoogleContainerTools/distroless",
			},
		},
		Check: checkHealthcheckTool,
	}
)

func checkMissingHealthcheck(p *rule.Pass) {
	f := p.File
	final := f.FinalStage()
	if final == nil {
		return
	}
	chain := f.StageChain(final)
	var expose, lastCmd, lastEntry *dockerfile.Instruction
	for i := len(chain) - 1; i >= 0; i-- { // oldest stage first, so later ones win
		for _, in := range chain[i].Instructions {
			switch in.Cmd {
			case "healthcheck":
				return
			case "expose":
				if expose == nil {
					expose = in
				}
			case "cmd":
				lastCmd = in
			case "entrypoint":
				lastEntry = in
			}
		}
	}
	if expose != nil {
		ports := strings.Join(expose.Args, " ")
		p.Report(final.From, fmt.Sprintf("the final stage exposes %s (line %d) but has no HEALTHCHECK", ports, expose.StartLine))
		return
	}
	for _, in := range []*dockerfile.Instruction{lastEntry, lastCmd} {
		if in == nil {
			continue
		}
		for _, cl := range servercmd.InstrCommandLines(f, in) {
			if name, ok := relRunsServer(cl); ok {
				p.Report(final.From, fmt.Sprintf("the final stage runs %s (line %d) but has no HEALTHCHECK", name, in.StartLine))
				return
			}
		}
	}
}

// relRunsServer reports whether a command line starts a long-running network server.
func relRunsServer(cl servercmd.CmdLine) (string, bool) {
	idx, module := servercmd.ProgramIndex(cl.Args)
	if idx < 0 || idx >= len(cl.Args) {
		return "", false
	}
	name := servercmd.Base(cl.Args[idx].Value)
	rest := cl.Args[idx+1:]
	has := func(words ...string) bool {
		for _, a := range rest {
			for _, w := range words {
				if a.Value == w {
					return true
				}
			}
		}
		return false
	}
	switch name {
	case "uvicorn", "gunicorn", "hypercorn", "daphne", "waitress-serve", "granian", "nginx", "httpd",
		"httpd-foreground", "apache2-foreground", "caddy", "traefik", "haproxy", "envoy", "puma",
		"unicorn", "thin", "passenger", "pm2-runtime", "http-server", "catalina.sh", "uwsgi":
		return name, true
	case "apache2ctl", "apachectl":
		return name, has("FOREGROUND", "-DFOREGROUND")
	case "flask":
		return "flask run", has("run")
	case "manage.py", "django-admin":
		return name + " runserver", !module && has("runserver")
	case "rails":
		return "rails server", has("s", "server")
	case "php":
		return "php -S", has("-S")
	case "java":
		return "java -jar", has("-jar")
	case "npm", "yarn", "pnpm":
		return name + " start", len(rest) > 0 && (rest[0].Value == "start" || rest[0].Value == "run" && len(rest) > 1 && rest[1].Value == "start")
	case "node", "nodejs", "bun", "deno":
		for _, a := range rest {
			if strings.HasPrefix(a.Value, "-") {
				continue
			}
			base := strings.TrimSuffix(servercmd.Base(a.Value), ".js")
			base = strings.TrimSuffix(strings.TrimSuffix(base, ".mjs"), ".ts")
			switch base {
			case "server", "app", "index", "main", "www", "start", "serve":
				return name + " " + a.Value, true
			}
			break
		}
	}
	if strings.HasPrefix(name, "php-fpm") {
		return name, true
	}
	return "", false
}

func checkHealthcheckTool(p *rule.Pass) {
	f := p.File
	for _, st := range f.Stages {
		for _, in := range st.Instructions {
			if in.Cmd != "healthcheck" {
				continue
			}
			m := HealthcheckMissingTool(f, in, st)
			switch {
			case m == nil:
			case m.Shell:
				p.Report(in, fmt.Sprintf("shell-form HEALTHCHECK needs /bin/sh, which %s does not have (%s): use the exec form", m.Image, m.Says))
			default:
				p.Report(in, fmt.Sprintf("HEALTHCHECK runs %s, which %s does not have (%s) and no RUN, COPY or ADD of the stage adds it", m.Tool, m.Image, m.Says))
			}
		}
	}
}

// MissingHealthTool is what a HEALTHCHECK runs that the image it runs in lacks (DO402).
type MissingHealthTool struct {
	// Tool is the program the image lacks: "curl", "wget", or the shell of a shell-form
	// check ("/bin/sh", with Shell true).
	Tool  string
	Shell bool
	// Image is the external image the stage is built from; Says is what is known about it,
	// in a few words, and Source where that comes from.
	Image, Says, Source string
}

// HealthcheckMissingTool returns what HEALTHCHECK in lacks when it runs in the image of stage
// st (in's own stage, or a stage built FROM it, which inherits it): curl or wget that the
// root image is known to lack (relBaseFacts) and that no RUN, COPY or ADD of st or the stages
// it is built FROM mentions, or /bin/sh for a shell-form check on an image without a shell.
// It returns nil when nothing is known to be missing (HEALTHCHECK NONE, an unknown base).
func HealthcheckMissingTool(f *dockerfile.File, in *dockerfile.Instruction, st *dockerfile.Stage) *MissingHealthTool {
	hc, ok := in.Command.(*instructions.HealthCheckCommand)
	if !ok || hc.Health == nil || len(hc.Health.Test) < 2 || st == nil {
		return nil
	}
	root := f.RootImage(st)
	fact := relBaseFactFor(root)
	if fact == nil {
		return nil
	}
	miss := &MissingHealthTool{Image: root, Says: fact.Says, Source: fact.Source}
	test := hc.Health.Test
	var lines []servercmd.CmdLine
	switch test[0] {
	case "CMD-SHELL":
		if fact.NoShell {
			miss.Tool, miss.Shell = "/bin/sh", true
			return miss
		}
		lines = servercmd.ParseShell(in, test[1], dockerfile.RunMap(-1, len(test[1])))
	case "CMD":
		args := servercmd.JSONArgs(f, in)
		lines = append([]servercmd.CmdLine{{In: in, Args: args}}, servercmd.ShellC(f, in, args)...)
	}
	chain := f.StageChain(st)
	for _, cl := range lines {
		idx, _ := servercmd.ProgramIndex(cl.Args)
		if idx < 0 || idx >= len(cl.Args) {
			continue
		}
		tool := servercmd.Base(cl.Args[idx].Value)
		missing := (tool == "curl" && fact.NoCurl) || (tool == "wget" && fact.NoWget)
		if !missing && fact.NoShell && dockerfile.IsPOSIXShellName(tool) {
			missing = true
		}
		if !missing || relMentions(f, chain, tool) {
			continue
		}
		miss.Tool = tool
		return miss
	}
	return nil
}
