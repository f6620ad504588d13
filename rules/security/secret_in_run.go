package security

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// SecretInRunCommand is DO313 (secret-in-run-command).
	SecretInRunCommand = &rule.Rule{
		ID:          "DO313",
		Name:        "secret-in-run-command",
		Family:      rule.Security,
		Severity:    rule.Warning,
		Equivalents: []string{"cis:4.10"},
		Doc: rule.Doc{
			What: "Finds a literal password or token written on a RUN command line: `mysql -pSECRET` " +
				"(and mysqladmin, mysqldump, mariadb), `--password=...`, `--passwd`, `--token`, " +
				"`--api-key`, `--client-secret` and the like with a literal value, `curl -u user:pass`, " +
				"wget `--password`/`--http-password`, `sshpass -p`, `docker login -p`, `htpasswd -b`, " +
				"`aws configure set aws_secret_access_key ...`, credentials inside a URL " +
				"(`https://user:pass@host`), npm `_authToken=...`, and secret-named variables set to " +
				"a literal for a command (`GITHUB_TOKEN=ghp_... ./deploy`, `export DB_PASSWORD=...`). " +
				"Values taken from variables, command substitutions or secret mounts are not " +
				"reported, nor `mysql -p` alone (it prompts). The message never repeats the value.",
			Why: "A RUN's command line is stored in the image's history (`docker history " +
				"--no-trunc`) and in the build cache, so a credential written there is readable by " +
				"anyone who can pull the image, even when the command deleted every file it made.",
			Example: "RUN curl -u deploy:s3cr3t -fsSLo /tmp/app.tgz https://artifacts.example.com/app.tgz",
			UseInstead: "RUN --mount=type=secret,id=netrc,target=/root/.netrc \\\n" +
				"    curl --netrc -fsSLo /tmp/app.tgz https://artifacts.example.com/app.tgz",
			References: []string{
				"https://docs.docker.com/build/building/secrets/",
				"https://docs.docker.com/reference/cli/docker/image/history/",
				"CIS Docker Benchmark v1.6.0, 4.10 Ensure secrets are not stored in Dockerfiles",
			},
		},
		Check: checkSecretInRun,
	}
)

var (
	// secURLCredRe matches a URL whose user info has a password.
	secURLCredRe = lazyre.New(`[a-zA-Z][a-zA-Z0-9+.-]*://[^/@\s:'"]+:([^/@\s'"]+)@[^\s'"]`)
	// secNpmAuthRe matches an npm registry token setting with a literal value.
	secNpmAuthRe = lazyre.New(`:_auth(Token)?["']?(\s*=\s*|\s+)["']?([^\s"'$\\]+)`)
	// secGenericSecretFlags take a secret as their value in most programs.
	secGenericSecretFlags = []string{"--password", "--passwd", "--token", "--api-key", "--apikey", "--access-token",
		"--auth-token", "--client-secret", "--secret-key", "--secret-access-key"}
)

func checkSecretInRun(p *rule.Pass) {
	ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
		if in.Script == nil {
			return
		}
		reported := map[int]bool{}
		for _, c := range in.Script.Commands {
			if what := secLiteralSecret(c); what != "" && !reported[c.StartOffset()] {
				reported[c.StartOffset()] = true
				p.ReportCommand(in, c, what+": a literal credential on the command line stays in the image history")
			}
		}
		for _, s := range secRunSettingsOf(p, in) {
			if secSecretName(s.Name) && s.Value != "" && secLiteral(s.Value) && !reported[s.Offset] {
				reported[s.Offset] = true
				p.ReportRange(s.Offset, s.Offset+len(s.Name), "RUN sets "+s.Name+
					" to a literal value: a credential on the command line stays in the image history")
			}
		}
		for _, m := range secScanRunMatches(p, in, secNpmAuthRe.Regexp()) {
			if !reported[m.Offset] {
				reported[m.Offset] = true
				p.ReportRange(m.Offset, m.Offset+len(m.Groups[0]), "RUN writes a literal npm _authToken: "+
					"a credential on the command line stays in the image history")
			}
		}
	})
}

// secLiteralSecret describes the literal credential a command is given, or returns "".
func secLiteralSecret(c *dockerfile.Command) string {
	if msg, known := secProgramSecret(c); msg != "" || known {
		return msg
	}
	return secGenericSecret(c)
}

// secLit reports whether an option's value is a literal credential (not empty, not "-" for
// standard input, not a variable).
func secLit(v string) bool { return v != "" && v != "-" && secLiteral(v) }

// secProgramSecret describes a credential passed in a program's own option (mysql -pPASS,
// curl -u user:pass...); known is true when the program's options were decided alone, with
// no generic check after them.
func secProgramSecret(c *dockerfile.Command) (msg string, known bool) {
	switch c.Name {
	case "mysql", "mysqladmin", "mysqldump", "mysqlimport", "mysqlshow", "mysqlcheck", "mariadb",
		"mariadb-admin", "mariadb-dump":
		for _, a := range c.Args {
			if strings.HasPrefix(a, "-p") && !strings.HasPrefix(a, "--") && secLit(a[2:]) {
				return c.Name + " -p passes a password", true
			}
			if strings.HasPrefix(a, "--password=") && secLit(strings.TrimPrefix(a, "--password=")) {
				return c.Name + " --password passes a password", true
			}
		}
		return "", true
	case "psql", "pg_dump", "pg_dumpall", "pg_restore", "createdb", "createuser", "dropdb", "dropuser",
		"vacuumdb", "reindexdb", "clusterdb", "pg_isready", "useradd", "usermod", "adduser":
		// PostgreSQL's --password only forces a prompt; useradd's is the hash /etc/shadow holds anyway
		return "", true
	case "redis-cli":
		if v, ok := c.FlagValue("-a", "--pass"); ok && secLit(v) {
			return "redis-cli -a passes a password", true
		}
	case "mongo", "mongosh":
		if v, ok := c.FlagValue("-p"); ok && secLit(v) && !strings.HasPrefix(v, "-") {
			return c.Name + " -p passes a password", true
		}
	case "curl":
		v, ok := c.FlagValue("--user")
		if !ok {
			v, ok = secShortOpt(c.Args, 'u', curlValueShorts)
		}
		if ok && secLit(v) {
			if _, pass, has := strings.Cut(v, ":"); has && pass != "" {
				return "curl -u passes a user and password", true
			}
		}
	case "wget":
		for _, f := range []string{"--password", "--http-password", "--ftp-password", "--proxy-password"} {
			if v, ok := c.FlagValue(f); ok && secLit(v) {
				return "wget " + f + " passes a password", true
			}
		}
	case "sshpass":
		if v, ok := c.FlagValue("-p"); ok && secLit(v) {
			return "sshpass -p passes a password", true
		}
		for _, a := range c.Args {
			if strings.HasPrefix(a, "-p") && len(a) > 2 && secLit(a[2:]) {
				return "sshpass -p passes a password", true
			}
		}
	case "docker", "podman", "buildah", "skopeo", "helm", "oras", "crane":
		if c.Subcommand("-u", "--username", "-p", "--password") == "login" || c.Name == "helm" {
			if v, ok := c.FlagValue("-p"); ok && secLit(v) {
				return c.Name + " login -p passes a password", true
			}
		}
	case "htpasswd":
		for _, a := range c.Args {
			if len(a) > 1 && a[0] == '-' && a[1] != '-' && strings.ContainsRune(a, 'b') {
				if pos := c.Positional(); len(pos) >= 3 && secLit(pos[len(pos)-1]) {
					return "htpasswd -b passes a password", true
				}
			}
		}
	case "aws":
		pos := c.Positional()
		if len(pos) >= 4 && pos[0] == "configure" && pos[1] == "set" {
			switch strings.ToLower(pos[2]) {
			case "aws_secret_access_key", "aws_session_token":
				if secLit(pos[3]) {
					return "aws configure set " + pos[2] + " passes a secret", true
				}
			}
		}
	}
	return "", false
}

// secGenericSecret describes a credential in an option every program names alike
// (--password, --token...) or in a URL's user information.
func secGenericSecret(c *dockerfile.Command) string {
	longFlags := false // every generic secret flag is a --long one
	for _, a := range c.Args {
		if strings.HasPrefix(a, "--") {
			longFlags = true
			break
		}
	}
	for _, f := range secGenericSecretFlags {
		if !longFlags {
			break
		}
		if v, ok := c.FlagValue(f); ok && secLit(v) && !strings.HasPrefix(v, "-") {
			return c.Name + " " + f + " passes a secret"
		}
	}
	for _, a := range c.Args {
		if !strings.Contains(a, "://") || !strings.Contains(a, "@") {
			continue // every match of secURLCredRe holds "://" and "@"
		}
		if m := secURLCredRe.FindStringSubmatch(a); m != nil && secLit(m[1]) {
			return c.Name + " gets a URL with a password in it"
		}
	}
	return ""
}

// secSecretName reports whether an environment variable name holds a secret: it ends with
// PASSWORD, PASSWD, PASS, TOKEN, SECRET, SECRET_KEY, API_KEY, APIKEY or PRIVATE_KEY.
func secSecretName(name string) bool {
	n := strings.ToUpper(name)
	for _, suf := range []string{"PASSWORD", "PASSWD", "_PASS", "TOKEN", "SECRET", "SECRET_KEY", "API_KEY", "APIKEY", "PRIVATE_KEY", "SECRET_ACCESS_KEY"} {
		if strings.HasSuffix(n, suf) {
			return true
		}
	}
	return false
}
