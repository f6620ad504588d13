package imagescan

import (
	"fmt"
	"strings"

	"github.com/docker/go-units"
)

// Check describes one kind of image finding. IDs are stable (IMG0xx) and never reused.
type Check struct {
	ID   string
	Name string
	// Severity is the default: error, warning or info.
	Severity string
	// What it finds and Why it matters, one or two sentences each.
	What, Why string
	// Equivalents are the same check in other tools, as "tool:ID".
	Equivalents []string
	References  []string
}

// Checks lists every image check, in ID order.
var Checks = []Check{
	{
		ID: "IMG001", Name: "wasted-bytes", Severity: "warning",
		What: "A layer overwrites or deletes files that an earlier layer added (at least 1 MiB of them).",
		Why: "The hidden copies are still downloaded and stored with every pull: deleting in a later " +
			"layer never makes an image smaller, and `chown -R`/`chmod -R` over copied files duplicates them.",
		References: []string{"https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers",
			"https://github.com/wagoodman/dive#basic-features"},
	},
	{
		ID: "IMG002", Name: "package-cache", Severity: "warning",
		What: "Package manager or build caches are left in the final image (apt lists and archives, apk, " +
			"dnf/yum, pip, uv, poetry, npm, yarn, pnpm, Go, cargo and composer caches, __pycache__).",
		Why: "Caches are only needed while installing; left behind they add megabytes to every pull. " +
			"Remove them in the RUN that made them, or use a BuildKit cache mount.",
		Equivalents: []string{"dockle:DKL-DI-0005", "dockle:DKL-DI-0004"},
		References: []string{"https://docs.docker.com/build/building/best-practices/#apt-get",
			"https://docs.docker.com/build/cache/optimize/#use-cache-mounts"},
	},
	{
		ID: "IMG003", Name: "build-tools", Severity: "warning",
		What: "Compilers or build tools (gcc, g++, make, cmake, go, rustc, javac...) are present in the final image.",
		Why: "They are only needed to build; at run time they add size and give an attacker a toolchain. " +
			"Build in a separate stage and copy only the artifacts.",
		References: []string{"https://docs.docker.com/build/building/multi-stage/"},
	},
	{
		ID: "IMG004", Name: "setuid-file", Severity: "info",
		What: "Files with the setuid or setgid bit.",
		Why: "A setuid/setgid program runs with its owner's or group's privileges and is a classic privilege " +
			"escalation path; remove the bits from programs the service does not need (CIS Docker Benchmark 4.8).",
		Equivalents: []string{"cis:4.8", "dockle:CIS-DI-0008"},
		References:  []string{"CIS Docker Benchmark v1.6.0, 4.8 Ensure setuid and setgid permissions are removed"},
	},
	{
		ID: "IMG005", Name: "world-writable-file", Severity: "warning",
		What:       "Files, or directories without the sticky bit, that every user may write.",
		Why:        "Any process in the container, whatever its user, can replace or alter them.",
		References: []string{"https://man7.org/linux/man-pages/man2/chmod.2.html (S_IWOTH, S_ISVTX)"},
	},
	{
		ID: "IMG006", Name: "secret-file", Severity: "error",
		What: "Files that look like secrets: private keys, .env files, credential files (.git-credentials, " +
			".npmrc with a token, .aws/credentials, .docker/config.json with auths...), also when a later layer deleted them.",
		Why: "Anyone who can pull the image can read them; a file deleted in a later layer is still in the " +
			"earlier layer's blob. Use build secrets (RUN --mount=type=secret) and .dockerignore.",
		Equivalents: []string{"cis:4.10", "dockle:CIS-DI-0010"},
		References: []string{"https://docs.docker.com/build/building/secrets/",
			"CIS Docker Benchmark v1.6.0, 4.10 Ensure secrets are not stored in Dockerfiles"},
	},
	{
		ID: "IMG007", Name: "runs-as-root", Severity: "warning",
		What: "The image's user is root (USER unset, root or 0).",
		Why: "A process running as root in the container is root on the host if it escapes; run as an " +
			"unprivileged user (CIS Docker Benchmark 4.1).",
		Equivalents: []string{"cis:4.1", "dockle:CIS-DI-0001"},
		References: []string{"https://docs.docker.com/reference/dockerfile/#user",
			"CIS Docker Benchmark v1.6.0, 4.1 Ensure that a user for the container has been created"},
	},
	{
		ID: "IMG008", Name: "no-healthcheck", Severity: "info",
		What:        "The image has no HEALTHCHECK (or disables it with NONE).",
		Why:         "Without it the engine cannot tell a hung service from a healthy one (CIS Docker Benchmark 4.6).",
		Equivalents: []string{"cis:4.6", "dockle:CIS-DI-0006"},
		References: []string{"https://docs.docker.com/reference/dockerfile/#healthcheck",
			"CIS Docker Benchmark v1.6.0, 4.6 Ensure that HEALTHCHECK instructions have been added to container images"},
	},
	{
		ID: "IMG009", Name: "secret-in-env", Severity: "error",
		What: "ENV entries of the image config whose name or value looks like a secret (values are never shown).",
		Why: "ENV values are stored in the image config: `docker inspect` shows them to anyone who can pull " +
			"the image, and every container inherits them.",
		Equivalents: []string{"cis:4.10", "dockle:CIS-DI-0010", "buildkit:SecretsUsedInArgOrEnv"},
		References: []string{"https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
			"CIS Docker Benchmark v1.6.0, 4.10 Ensure secrets are not stored in Dockerfiles"},
	},
	{
		ID: "IMG010", Name: "secret-in-build-arg", Severity: "error",
		What: "Build arguments recorded in the image history (the ARGs a RUN saw) whose name or value looks like " +
			"a secret (values are never shown, and are redacted in the layers' created_by).",
		Why: "A RUN's history entry keeps the values of the build arguments it could see: `docker history " +
			"--no-trunc` shows them to anyone who can pull the image. Pass secrets with `RUN --mount=type=secret` instead.",
		Equivalents: []string{"cis:4.10", "buildkit:SecretsUsedInArgOrEnv"},
		References: []string{"https://docs.docker.com/build/building/secrets/",
			"https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/"},
	},
}

// CheckByID returns the check with that ID or name, or nil.
func CheckByID(id string) *Check {
	for i := range Checks {
		if strings.EqualFold(Checks[i].ID, id) || strings.EqualFold(Checks[i].Name, id) {
			return &Checks[i]
		}
	}
	return nil
}

// Issue is one finding of a check, flattened for output. Path is the file in the image
// ("" for findings about the whole image); Layer the layer it concerns (-1 for none).
type Issue struct {
	Check    *Check
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
	add := func(id, msg, p string, layer int, sev string) {
		c := CheckByID(id)
		if sev == "" {
			sev = c.Severity
		}
		out = append(out, Issue{Check: c, Severity: sev, Message: msg, Path: p, Layer: layer})
	}
	for _, l := range r.Layers {
		if l.HiddenBytes >= WastedReportBytes {
			what := l.Instruction
			if what == "" {
				what = "unknown instruction"
			}
			add("IMG001", fmt.Sprintf("layer %d (%s) overwrites or deletes %s of files added by earlier layers",
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
		add("IMG002", fmt.Sprintf("%s left in the image: %s in %d files (%s)", c.Kind, units.BytesSize(float64(c.SizeBytes)), c.FileCount, where), c.Paths[0], -1, sev)
	}
	for _, t := range r.BuildTools {
		add("IMG003", fmt.Sprintf("build tool %s present: %s", t.Name, strings.Join(t.Paths, ", ")), t.Paths[0], -1, "")
	}
	for _, f := range r.SetuidFiles {
		bits := []string{}
		if f.Mode&0o4000 != 0 {
			bits = append(bits, "setuid")
		}
		if f.Mode&0o2000 != 0 {
			bits = append(bits, "setgid")
		}
		add("IMG004", fmt.Sprintf("%s file %s (mode %04o, uid %d)", strings.Join(bits, "+"), f.Path, f.Mode, f.UID), f.Path, f.Layer, "")
	}
	for _, f := range r.WorldWritable {
		what := "file"
		if f.IsDir {
			what = "directory without the sticky bit"
		}
		add("IMG005", fmt.Sprintf("world-writable %s %s (mode %04o)", what, f.Path, f.Mode), f.Path, f.Layer, "")
	}
	for _, s := range r.SecretFiles {
		msg := fmt.Sprintf("%s file %s added by layer %d", s.Kind, s.Path, s.Layer)
		if s.RemovedInLayer >= 0 {
			msg += fmt.Sprintf(", removed by layer %d but still in layer %d's blob", s.RemovedInLayer, s.Layer)
		}
		add("IMG006", msg, s.Path, s.Layer, "")
	}
	if r.RunsAsRoot {
		u := r.Config.User
		if u == "" {
			u = "unset"
		}
		add("IMG007", fmt.Sprintf("the image runs as root (User %s)", u), "", -1, "")
	}
	if r.NoHealthcheck {
		add("IMG008", "the image has no HEALTHCHECK", "", -1, "")
	}
	for _, e := range r.EnvSecrets {
		why := "its name"
		if e.Reason != "name" {
			why = "its value looks like " + strings.ReplaceAll(e.Reason, "-", " ")
		}
		add("IMG009", fmt.Sprintf("ENV %s looks like a secret (%s; value redacted)", e.Name, why), "", -1, "")
	}
	for _, a := range r.ArgSecrets {
		why := "its name says so"
		if a.Reason != "name" {
			why = "its value looks like " + strings.ReplaceAll(a.Reason, "-", " ")
		}
		add("IMG010", fmt.Sprintf("build argument %s, recorded in the history of layer %d, looks like a secret (%s; value redacted)", a.Name, a.Layer, why), "", a.Layer, "")
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
