package imagescan

import (
	"fmt"
	"strings"

	"github.com/docker/go-units"

	"github.com/dockopt/dockopt/rule"
)

// The image checks are the IMG rules: rule values of the same model as the Dockerfile rules
// (rule.Rule with Target rule.ImageTarget and no Check), so that `dockopt rules`,
// docs/rules.md and the configuration know them. Their logic is Report.Issues. IDs are
// stable (IMG0xx) and never reused.

var (
	// CheckWastedBytes is IMG001 (wasted-bytes).
	CheckWastedBytes = &rule.Rule{
		ID: "IMG001", Name: "wasted-bytes", Family: rule.Size, Severity: rule.Warning, Target: rule.ImageTarget,
		Doc: rule.Doc{
			What: "A layer overwrites or deletes files that an earlier layer added (at least 1 MiB of them).",
			Why: "The hidden copies are still downloaded and stored with every pull: deleting in a later " +
				"layer never makes an image smaller, and `chown -R`/`chmod -R` over copied files duplicates them.",
			Example:    "RUN curl -fsSLo /tmp/src.tar.gz https://example.com/src.tar.gz && tar -xzf /tmp/src.tar.gz -C /opt\nRUN rm /tmp/src.tar.gz",
			UseInstead: "RUN curl -fsSLo /tmp/src.tar.gz https://example.com/src.tar.gz && tar -xzf /tmp/src.tar.gz -C /opt \\\n    && rm /tmp/src.tar.gz",
			References: []string{"https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers",
				"https://github.com/wagoodman/dive#basic-features"},
		},
	}
	// CheckPackageCache is IMG002 (package-cache).
	CheckPackageCache = &rule.Rule{
		ID: "IMG002", Name: "package-cache", Family: rule.Size, Severity: rule.Warning, Target: rule.ImageTarget,
		Equivalents: []string{"dockle:DKL-DI-0005", "dockle:DKL-DI-0004"},
		Doc: rule.Doc{
			What: "Package manager or build caches are left in the final image (apt lists and archives, apk, " +
				"dnf/yum, pip, uv, poetry, npm, yarn, pnpm, Go, cargo and composer caches, __pycache__).",
			Why: "Caches are only needed while installing; left behind they add megabytes to every pull. " +
				"Remove them in the RUN that made them, or use a BuildKit cache mount.",
			Example:    "RUN apt-get update && apt-get install -y --no-install-recommends curl",
			UseInstead: "RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*",
			References: []string{"https://docs.docker.com/build/building/best-practices/#apt-get",
				"https://docs.docker.com/build/cache/optimize/#use-cache-mounts"},
		},
	}
	// CheckBuildTools is IMG003 (build-tools).
	CheckBuildTools = &rule.Rule{
		ID: "IMG003", Name: "build-tools", Family: rule.Size, Severity: rule.Warning, Target: rule.ImageTarget,
		Equivalents: []string{"cis:4.3"},
		Doc: rule.Doc{
			What: "Compilers or build tools (gcc, g++, make, cmake, go, rustc, javac...) are present in the final image.",
			Why: "They are only needed to build; at run time they add size and give an attacker a toolchain. " +
				"Build in a separate stage and copy only the artifacts.",
			Example:    "FROM golang:1.22\nCOPY . /src\nRUN cd /src && go build -o /app .\nCMD [\"/app\"]",
			UseInstead: "FROM golang:1.22 AS build\nCOPY . /src\nRUN cd /src && CGO_ENABLED=0 go build -o /app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nCMD [\"/app\"]",
			References: []string{"https://docs.docker.com/build/building/multi-stage/",
				"CIS Docker Benchmark v1.6.0, 4.3 Ensure that unnecessary packages are not installed in the container"},
		},
	}
	// CheckSetuidFile is IMG004 (setuid-file).
	CheckSetuidFile = &rule.Rule{
		ID: "IMG004", Name: "setuid-file", Family: rule.Security, Severity: rule.Info, Target: rule.ImageTarget,
		Equivalents: []string{"cis:4.8", "dockle:CIS-DI-0008"},
		Doc: rule.Doc{
			What: "Files with the setuid or setgid bit.",
			Why: "A setuid/setgid program runs with its owner's or group's privileges and is a classic privilege " +
				"escalation path; remove the bits from programs the service does not need (CIS Docker Benchmark 4.8).",
			Example:    "FROM debian:bookworm-slim",
			UseInstead: "FROM debian:bookworm-slim\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +",
			References: []string{"CIS Docker Benchmark v1.6.0, 4.8 Ensure setuid and setgid permissions are removed"},
		},
	}
	// CheckWorldWritableFile is IMG005 (world-writable-file).
	CheckWorldWritableFile = &rule.Rule{
		ID: "IMG005", Name: "world-writable-file", Family: rule.Security, Severity: rule.Warning, Target: rule.ImageTarget,
		Doc: rule.Doc{
			What:       "Files, or directories without the sticky bit, that every user may write.",
			Why:        "Any process in the container, whatever its user, can replace or alter them.",
			Example:    "RUN mkdir /app/data && chmod 777 /app/data",
			UseInstead: "RUN mkdir /app/data && chown app:app /app/data",
			References: []string{"https://man7.org/linux/man-pages/man2/chmod.2.html (S_IWOTH, S_ISVTX)"},
		},
	}
	// CheckSecretFile is IMG006 (secret-file).
	CheckSecretFile = &rule.Rule{
		ID: "IMG006", Name: "secret-file", Family: rule.Security, Severity: rule.Error, Target: rule.ImageTarget,
		Equivalents: []string{"cis:4.10", "dockle:CIS-DI-0010"},
		Doc: rule.Doc{
			What: "Files that look like secrets: private keys, .env files, credential files (.git-credentials, " +
				".npmrc with a token, .aws/credentials, .docker/config.json with auths...), also when a later layer deleted them.",
			Why: "Anyone who can pull the image can read them; a file deleted in a later layer is still in the " +
				"earlier layer's blob. Use build secrets (RUN --mount=type=secret) and .dockerignore.",
			Example:    "COPY .npmrc /app/.npmrc\nRUN npm ci && rm /app/.npmrc",
			UseInstead: "RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci",
			References: []string{"https://docs.docker.com/build/building/secrets/",
				"CIS Docker Benchmark v1.6.0, 4.10 Ensure secrets are not stored in Dockerfiles"},
		},
	}
	// CheckRunsAsRoot is IMG007 (runs-as-root).
	CheckRunsAsRoot = &rule.Rule{
		ID: "IMG007", Name: "runs-as-root", Family: rule.Security, Severity: rule.Warning, Target: rule.ImageTarget,
		Equivalents: []string{"cis:4.1", "dockle:CIS-DI-0001"},
		Doc: rule.Doc{
			What: "The image's user is root (USER unset, root or 0).",
			Why: "A process running as root in the container is root on the host if it escapes; run as an " +
				"unprivileged user (CIS Docker Benchmark 4.1).",
			Example:    "FROM python:3.12-slim\nCOPY . /app\nCMD [\"python\", \"/app/main.py\"]",
			UseInstead: "FROM python:3.12-slim\nRUN useradd --system --uid 10001 app\nCOPY . /app\nUSER 10001\nCMD [\"python\", \"/app/main.py\"]",
			References: []string{"https://docs.docker.com/reference/dockerfile/#user",
				"CIS Docker Benchmark v1.6.0, 4.1 Ensure that a user for the container has been created"},
		},
	}
	// CheckNoHealthcheck is IMG008 (no-healthcheck).
	CheckNoHealthcheck = &rule.Rule{
		ID: "IMG008", Name: "no-healthcheck", Family: rule.Reliability, Severity: rule.Info, Target: rule.ImageTarget,
		Equivalents: []string{"cis:4.6", "dockle:CIS-DI-0006"},
		Doc: rule.Doc{
			What:       "The image has no HEALTHCHECK (or disables it with NONE).",
			Why:        "Without it the engine cannot tell a hung service from a healthy one (CIS Docker Benchmark 4.6).",
			Example:    "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/",
			UseInstead: "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1",
			References: []string{"https://docs.docker.com/reference/dockerfile/#healthcheck",
				"CIS Docker Benchmark v1.6.0, 4.6 Ensure that HEALTHCHECK instructions have been added to container images"},
		},
	}
	// CheckSecretInEnv is IMG009 (secret-in-env).
	CheckSecretInEnv = &rule.Rule{
		ID: "IMG009", Name: "secret-in-env", Family: rule.Security, Severity: rule.Error, Target: rule.ImageTarget,
		Equivalents: []string{"cis:4.10", "dockle:CIS-DI-0010", "buildkit:SecretsUsedInArgOrEnv"},
		Doc: rule.Doc{
			What: "ENV entries of the image config whose name or value looks like a secret (values are never shown).",
			Why: "ENV values are stored in the image config: `docker inspect` shows them to anyone who can pull " +
				"the image, and every container inherits them.",
			Example:    "ENV API_TOKEN=s3cr3t",
			UseInstead: "# pass the token at run time: docker run -e API_TOKEN ...\nENV API_TOKEN_FILE=/run/secrets/api_token",
			References: []string{"https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
				"CIS Docker Benchmark v1.6.0, 4.10 Ensure secrets are not stored in Dockerfiles"},
		},
	}
	// CheckSecretInBuildArg is IMG010 (secret-in-build-arg).
	CheckSecretInBuildArg = &rule.Rule{
		ID: "IMG010", Name: "secret-in-build-arg", Family: rule.Security, Severity: rule.Error, Target: rule.ImageTarget,
		Equivalents: []string{"cis:4.10", "buildkit:SecretsUsedInArgOrEnv"},
		Doc: rule.Doc{
			What: "Build arguments recorded in the image history (the ARGs a RUN saw) whose name or value looks like " +
				"a secret (values are never shown, and are redacted in the layers' created_by).",
			Why: "A RUN's history entry keeps the values of the build arguments it could see: `docker history " +
				"--no-trunc` shows them to anyone who can pull the image. Pass secrets with `RUN --mount=type=secret` instead.",
			Example:    "ARG NPM_TOKEN\nRUN npm ci",
			UseInstead: "RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci",
			References: []string{"https://docs.docker.com/build/building/secrets/",
				"https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/"},
		},
	}
)

// Checks lists every image rule, in ID order.
var Checks = []*rule.Rule{CheckWastedBytes, CheckPackageCache, CheckBuildTools, CheckSetuidFile, CheckWorldWritableFile, CheckSecretFile,
	CheckRunsAsRoot, CheckNoHealthcheck, CheckSecretInEnv, CheckSecretInBuildArg}

// Issue is one finding of a check, flattened for output. Severity is the effective severity
// (the rule's, or lower for a harmless case). Path is the file in the image ("" for findings
// about the whole image); Layer the layer it concerns (-1 for none).
type Issue struct {
	Check    *rule.Rule
	Severity string
	Message  string
	Path     string
	Layer    int
}

// WastedReportBytes is the least a layer must hide to be reported as an IMG001 issue.
const WastedReportBytes = 1 << 20

// Issues flattens the report's findings into issues, in check order.
func (r *Report) Issues() []Issue {
	var out []Issue
	add := func(c *rule.Rule, msg, p string, layer int, sev string) {
		if sev == "" {
			sev = c.Severity.String()
		}
		out = append(out, Issue{Check: c, Severity: sev, Message: msg, Path: p, Layer: layer})
	}
	for _, l := range r.Layers {
		if l.HiddenBytes >= WastedReportBytes {
			what := l.Instruction
			if what == "" {
				what = "unknown instruction"
			}
			add(CheckWastedBytes, fmt.Sprintf("layer %d (%s) overwrites or deletes %s of files added by earlier layers",
				l.Index, truncate(what, 80), units.BytesSize(float64(l.HiddenBytes))), "", l.Index, "")
		}
	}
	for _, c := range r.Caches {
		sev := ""
		if c.Kind == "pycache" {
			sev = "info"
		}
		where := strings.Join(c.Paths, ", ")
		if c.PathCount > len(c.Paths) {
			where = fmt.Sprintf("%s and %d more", strings.Join(c.Paths[:3], ", "), c.PathCount-3)
		}
		add(CheckPackageCache, fmt.Sprintf("%s left in the image: %s in %d files (%s)", c.Kind, units.BytesSize(float64(c.SizeBytes)), c.FileCount, where), c.Paths[0], -1, sev)
	}
	for _, t := range r.BuildTools {
		add(CheckBuildTools, fmt.Sprintf("build tool %s present: %s", t.Name, strings.Join(t.Paths, ", ")), t.Paths[0], -1, "")
	}
	for _, f := range r.SetuidFiles {
		bits := []string{}
		if f.Mode&0o4000 != 0 {
			bits = append(bits, "setuid")
		}
		if f.Mode&0o2000 != 0 {
			bits = append(bits, "setgid")
		}
		add(CheckSetuidFile, fmt.Sprintf("%s file %s (mode %04o, uid %d)", strings.Join(bits, "+"), f.Path, f.Mode, f.UID), f.Path, f.Layer, "")
	}
	for _, f := range r.WorldWritable {
		what := "file"
		if f.IsDir {
			what = "directory without the sticky bit"
		}
		add(CheckWorldWritableFile, fmt.Sprintf("world-writable %s %s (mode %04o)", what, f.Path, f.Mode), f.Path, f.Layer, "")
	}
	for _, s := range r.SecretFiles {
		msg := fmt.Sprintf("%s file %s added by layer %d", s.Kind, s.Path, s.Layer)
		if s.RemovedInLayer >= 0 {
			msg += fmt.Sprintf(", removed by layer %d but still in layer %d's blob", s.RemovedInLayer, s.Layer)
		}
		add(CheckSecretFile, msg, s.Path, s.Layer, "")
	}
	if r.RunsAsRoot {
		u := r.Config.User
		if u == "" {
			u = "unset"
		}
		add(CheckRunsAsRoot, fmt.Sprintf("the image runs as root (User %s)", u), "", -1, "")
	}
	if r.NoHealthcheck {
		add(CheckNoHealthcheck, "the image has no HEALTHCHECK", "", -1, "")
	}
	for _, e := range r.EnvSecrets {
		why := "its name"
		if e.Reason != "name" {
			why = "its value looks like " + strings.ReplaceAll(e.Reason, "-", " ")
		}
		add(CheckSecretInEnv, fmt.Sprintf("ENV %s looks like a secret (%s; value redacted)", e.Name, why), "", -1, "")
	}
	for _, a := range r.ArgSecrets {
		why := "its name says so"
		if a.Reason != "name" {
			why = "its value looks like " + strings.ReplaceAll(a.Reason, "-", " ")
		}
		add(CheckSecretInBuildArg, fmt.Sprintf("build argument %s, recorded in the history of layer %d, looks like a secret (%s; value redacted)", a.Name, a.Layer, why), "", a.Layer, "")
	}
	return out
}

func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
