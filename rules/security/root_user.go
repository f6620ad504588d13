package security

import (
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// RootUser is DO301 (root-user).
	RootUser = &rule.Rule{
		ID:          "DO301",
		Name:        "root-user",
		Family:      rule.Security,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3002", "cis:4.1", "dockle:CIS-DI-0001", "trivy:AVD-DS-0002"},
		Doc: rule.Doc{
			What: "Finds a final stage that runs as root: it has no `USER` instruction (nor inherits " +
				"one from the earlier stage it is built `FROM`), or its last `USER` is `root`, `0`, " +
				"`root:root` or `0:0`. Builder stages may run as root: only the image that ships " +
				"matters. A `USER ${VAR}` whose value cannot be resolved counts as non-root. Base " +
				"images known to set a non-root user (distroless and Chainguard `nonroot` tags, " +
				"`nginx-unprivileged`, Bitnami, Elastic, Jenkins, Grafana, Prometheus) are not reported without a " +
				"`USER`, nor are official database and broker images (postgres, mysql, mariadb, mongo, redis, " +
				"rabbitmq...) whose entrypoint drops root itself, unless the final stage replaces the ENTRYPOINT; " +
				"nor is an image that installs gosu or su-exec and has an ENTRYPOINT, the pattern of those " +
				"official images themselves (the entrypoint script starts as root to prepare volumes, then " +
				"runs the server through gosu as its own user), nor an image whose command is a web server " +
				"that starts as root only to bind its ports and runs its workers as the unprivileged user " +
				"of its configuration (php-fpm, Apache through `apache2-foreground`/`httpd-foreground`, " +
				"nginx; an ENTRYPOINT that is not an entrypoint script decides instead), nor a base image without a USER: no CMD or " +
				"ENTRYPOINT of its own, an ONBUILD template, a language image whose command is the bare " +
				"interpreter or a shell (`CMD [\"python3\"]`, `[\"node\"]`, `[\"bash\"]`) or the official " +
				"php image (it copies in the `docker-php-ext-*` helpers), where the user " +
				"is the business of the image built FROM it (a last `USER root` is reported there too). Windows stages " +
				"(`ContainerUser`/`ContainerAdministrator`) are out of scope. It is a superset of hadolint's " +
				"DL3002, which reports only a last `USER` that is root: DO301 also reports a final stage " +
				"with no `USER` at all.",
			Why: "A process running as root in the container is root on the host's kernel: a " +
				"container escape or a writable host mount then gives full control of the host, and " +
				"the process can modify every file of the image at run time. Most official base " +
				"images (debian, ubuntu, alpine, python, node...) run as root unless told otherwise.",
			Example: "FROM python:3.12-slim\nCOPY . /app\nCMD [\"python\", \"/app/main.py\"]",
			UseInstead: "FROM python:3.12-slim\nRUN useradd --system --uid 10001 --no-log-init app\n" +
				"COPY --chown=app . /app\nUSER 10001\nCMD [\"python\", \"/app/main.py\"]",
			References: []string{
				"https://docs.docker.com/build/building/best-practices/#user",
				"https://docs.docker.com/reference/dockerfile/#user",
				"CIS Docker Benchmark v1.6.0, 4.1 Ensure that a user for the container has been created",
				"https://github.com/hadolint/hadolint/wiki/DL3002",
				"https://avd.aquasec.com/misconfig/ds002",
			},
		},
		Check: checkRootUser,
	}
)

func checkRootUser(p *rule.Pass) {
	f := p.File
	final := f.FinalStage()
	if final == nil || ruleutil.WindowsStage(f, final) {
		return
	}
	// the last USER of the final stage, or of the stages it is built FROM
	for st := final; st != nil; st = f.BaseStage(st) {
		for i := len(st.Instructions) - 1; i >= 0; i-- {
			in := st.Instructions[i]
			if in.Cmd != "user" {
				continue
			}
			user := secUserOf(in)
			val, ok := f.Expand(in, user)
			if !ok || !dockerfile.IsRootUser(val) {
				return // non-root, or not known: not reported
			}
			if st == final {
				p.Report(in, "the final stage runs as root: its last USER is "+val)
			} else {
				p.Report(final.From, "the final stage runs as root: it inherits USER "+val+" from stage "+secStageLabel(st))
			}
			return
		}
		if f.BaseStage(st) == nil {
			if st.BaseImage == "" || secNonRootBase(st.BaseImage) {
				return
			}
			if secStepsDownBase(st.BaseImage) && !secHasInstruction(final, "entrypoint") {
				return
			}
			if secEntrypointStepsDown(f, final) || secServerDropsRoot(f) || !ruleutil.RunsApplication(f) {
				return
			}
			p.Report(final.From, "the final stage runs as root: no USER instruction sets a non-root user")
			return
		}
	}
}

// secUserOf returns the argument of a USER instruction as written.
func secUserOf(in *dockerfile.Instruction) string {
	if uc, ok := in.Command.(*instructions.UserCommand); ok {
		return uc.User
	}
	if len(in.Args) > 0 {
		return in.Args[0]
	}
	return ""
}

func secStageLabel(st *dockerfile.Stage) string {
	if st.Name != "" {
		return st.Name
	}
	return strconv.Itoa(st.Index)
}

// secNonRootBase reports whether a base image is known to run as a non-root user by default.
func secNonRootBase(image string) bool {
	r := dockerfile.ParseImageRef(image)
	tag := strings.ToLower(r.Tag)
	path := strings.ToLower(r.Path)
	if r.DockerHub() {
		path = strings.TrimPrefix(path, "library/")
	}
	switch {
	case strings.Contains(tag, "nonroot"):
		// gcr.io/distroless/*:nonroot, cgr.dev/chainguard/*:latest-nonroot...
		return true
	case r.Domain == "cgr.dev" && !strings.Contains(tag, "dev") && !strings.HasSuffix(path, "wolfi-base"):
		// Chainguard images run as nonroot (65532) except their -dev variants and wolfi-base
		return true
	case strings.HasSuffix(path, "nginx-unprivileged"):
		return true
	case r.Domain == "docker.elastic.co":
		// Elasticsearch, Kibana, Logstash run as uid 1000
		return true
	case r.Domain == "docker.io" && (path == "jenkins/jenkins" || path == "sonarqube" || path == "memcached" ||
		path == "grafana/grafana" || strings.HasPrefix(path, "prom/")):
		return true
	case strings.HasPrefix(path, "bitnami/") && path != "bitnami/minideb":
		// Bitnami's non-root containers run as 1001 (minideb is a root base OS image)
		return true
	}
	return false
}

// secStepsDownBase reports whether a base is an official image whose entrypoint starts the
// server as root and drops to its own user (gosu/su-exec): adding USER there breaks the
// entrypoint's volume setup, and the server does not run as root anyway.
func secStepsDownBase(image string) bool {
	r := dockerfile.ParseImageRef(image)
	if r.Domain != "docker.io" {
		return false
	}
	switch strings.TrimPrefix(r.Path, "library/") {
	case "postgres", "mysql", "mariadb", "percona", "mongo", "redis", "rabbitmq", "cassandra",
		"elasticsearch", "couchdb", "redmine", "ghost", "neo4j", "zookeeper", "solr":
		return true
	}
	return false
}

// stepDownTool finds gosu and su-exec, the tools official images' entrypoints use to drop root.
var stepDownTool = lazyre.New(`(^|[^A-Za-z0-9_.-])(gosu|su-exec)([^A-Za-z0-9_-]|$)`)

// secEntrypointStepsDown reports whether the final image has an ENTRYPOINT and installs gosu
// or su-exec (a RUN or COPY of the final stage or a stage it is built FROM names it): the
// entrypoint starts as root and drops to the service's user itself.
func secEntrypointStepsDown(f *dockerfile.File, final *dockerfile.Stage) bool {
	entrypoint, tool := false, false
	for _, st := range f.StageChain(final) {
		for _, in := range st.Instructions {
			switch in.Cmd {
			case "entrypoint":
				entrypoint = true
			case "run", "copy", "add":
				tool = tool || (strings.Contains(in.Original, "gosu") || strings.Contains(in.Original, "su-exec")) && stepDownTool.MatchString(in.Original)
			}
		}
	}
	return entrypoint && tool
}

// secServerDropsRoot reports whether the final image runs a web server whose master process
// starts as root only to bind its ports and open its logs, and runs the workers that serve
// requests as an unprivileged user of its own configuration: php-fpm (the pool's `user =
// www-data`), Apache (`User www-data`; the official httpd and php:*-apache images run it
// through httpd-foreground and apache2-foreground) and nginx (`user nginx;`). The official
// images of these servers ship that way, and a USER there stops the server from binding
// port 80 or switching its workers (nginx-unprivileged exists for that case).
func secServerDropsRoot(f *dockerfile.File) bool {
	switch prog := ruleutil.MainProgram(f); {
	case prog == "apache2-foreground", prog == "httpd-foreground", prog == "httpd", prog == "apache2",
		prog == "apache2ctl", prog == "apachectl", prog == "nginx":
		return true
	default:
		return secPHPFPM.MatchString(prog)
	}
}

// secPHPFPM matches php-fpm's program names: php-fpm, php-fpm8.2, php-fpm7.
var secPHPFPM = lazyre.New(`^php-fpm[0-9.]*$`)

// secHasInstruction reports whether a stage has an instruction of this kind.
func secHasInstruction(st *dockerfile.Stage, cmd string) bool {
	for _, in := range st.Instructions {
		if in.Cmd == cmd {
			return true
		}
	}
	return false
}
