package security

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// SecretsUsedInArgOrEnv is DO016 (secrets-used-in-arg-or-env).
	SecretsUsedInArgOrEnv = &rule.Rule{
		ID:          "DO016",
		Name:        "secrets-used-in-arg-or-env",
		Family:      rule.Security,
		Severity:    rule.Warning,
		Equivalents: []string{"buildkit:SecretsUsedInArgOrEnv", "hadolint:DL3064", "dockle:CIS-DI-0010", "trivy:AVD-DS-0031", "cis:4.10"},
		Doc: rule.Doc{
			What: "Finds secrets passed through `ARG` or `ENV`. dockopt implements this check itself, with " +
				"fewer false positives than BuildKit's (which flags every name containing `key`, `token`, " +
				"`auth`..., such as the public `GPG_KEY` of the official python images). It reports:\n" +
				"- a value that looks like a real credential, whatever the variable's name: an AWS access key " +
				"ID (`AKIA...`), a private key (`-----BEGIN ... PRIVATE KEY-----`), GitHub/GitLab/Slack/Stripe/" +
				"Google/npm/Hugging Face tokens, or a URL with a password (`postgres://user:pass@db`);\n" +
				"- an `ENV` whose name says it holds a secret (password, passwd, passphrase, secret, token, " +
				"credentials, api key, private/access/secret/client/app key, `*_AUTH`, `*_PASS`) and that sets " +
				"a non-empty literal value, or that copies a build argument into the image " +
				"(`ENV NPM_TOKEN=$NPM_TOKEN`) in a stage the final image is built from;\n" +
				"- an `ARG` with such a name and a non-empty default value written in the Dockerfile;\n" +
				"- an `ARG` with such a name and no default, declared in a stage the final image is built " +
				"from and followed by a `RUN` in that stage or a stage built from it (BuildKit then records " +
				"the value passed with `--build-arg` in the history entry of the RUN). In a builder stage " +
				"that the final image does not inherit, a value-less `ARG TOKEN` is not reported: it never " +
				"reaches the shipped image.\n" +
				"Names that only describe a secret are not reported: `*_FILE`, `*_PATH`, `*_DIR`, " +
				"`*_VERSION`, `*_URL`/`*_HOST` (unless the value holds a password), `*_TYPE`, `*_NAME`, " +
				"`*_ENABLED`..., `SSH_AUTH_SOCK`, names with `PUBLIC`, GPG/PGP key IDs (`GPG_KEY`, " +
				"`PGP_KEY_IDS`), durations and limits (`*_TTL`, `*_SECONDS`, `*_LENGTH`...); nor are empty " +
				"values, booleans, references to other variables in an ARG default, and values that are file paths " +
				"(`GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json`).\n" +
				"hadolint's DL3064 (2.15) is the same check by name only: it reports every ARG or ENV whose " +
				"name contains password, secret, token, private, username, api_key or client_key, or is one " +
				"of a list of known names (AWS_SECRET_ACCESS_KEY, GITHUB_TOKEN...), with or without a value. " +
				"dockopt reports a subset of those (a value-less ARG in a builder stage, `*_FILE` names and " +
				"`USERNAME` are not secrets in the image); `# hadolint ignore=DL3064` suppresses this rule.",
			Why: "ARG and ENV values are stored in the image: ENV in its configuration (`docker inspect`), " +
				"build arguments in the history of every RUN that follows them (`docker history`), and both " +
				"in build provenance. Anyone who can pull the image can read them, long after the secret was " +
				"meant to be used once during the build. Values written in the Dockerfile are also in source " +
				"control.",
			Example: "ARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN\nRUN npm ci",
			UseInstead: "RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n" +
				"# build with: docker build --secret id=npm_token,env=NPM_TOKEN .",
			References: []string{
				buildkitlint.DocURL("secrets-used-in-arg-or-env"),
				"https://docs.docker.com/build/building/secrets/",
				"CIS Docker Benchmark 4.10: Ensure secrets are not stored in Dockerfiles",
				"https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md",
			},
		},
		Check: checkSecretsInArgEnv,
	}
)

func checkSecretsInArgEnv(p *rule.Pass) {
	f := p.File
	shipped := shippedStages(f)
	for _, in := range f.Instructions {
		switch c := in.Command.(type) {
		case *instructions.ArgCommand:
			for _, kv := range c.Args {
				if kv.Value == nil {
					if in.Stage == nil || !shipped[in.Stage] || !secretName(kv.Key) {
						continue
					}
					if run := runAfter(f, in); run != nil {
						p.Report(in, fmt.Sprintf("ARG %s is recorded in the image history by the RUN on line %d; pass the secret with RUN --mount=type=secret", kv.Key, run.StartLine))
					}
					continue
				}
				val := buildkitlint.Unquote(*kv.Value)
				if what := secretValueKind(val); what != "" {
					p.Report(in, fmt.Sprintf("ARG %s defaults to what looks like %s", kv.Key, what))
				} else if secretName(kv.Key) && !strings.Contains(val, "$") && literalSecretValue(val) {
					p.Report(in, fmt.Sprintf("ARG %s writes a secret default value in the Dockerfile; pass the secret with RUN --mount=type=secret", kv.Key))
				}
			}
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				val := buildkitlint.Unquote(kv.Value)
				if what := secretValueKind(val); what != "" {
					p.Report(in, fmt.Sprintf("ENV %s holds what looks like %s", kv.Key, what))
					continue
				}
				if !secretName(kv.Key) {
					continue
				}
				if strings.Contains(val, "$") {
					if arg := referencedArg(f, in, val); arg != "" && in.Stage != nil && shipped[in.Stage] {
						p.Report(in, fmt.Sprintf("ENV %s copies build argument $%s into the image configuration, where docker inspect shows it", kv.Key, arg))
					}
					continue
				}
				if literalSecretValue(val) {
					p.Report(in, fmt.Sprintf("ENV %s stores a secret in the image configuration, where docker inspect shows it", kv.Key))
				}
			}
		}
	}
}

// shippedStages returns the final stage and the stages of this file it is built FROM.
func shippedStages(f *dockerfile.File) map[*dockerfile.Stage]bool {
	out := map[*dockerfile.Stage]bool{}
	for st := f.FinalStage(); st != nil && !out[st]; st = f.BaseStage(st) {
		out[st] = true
	}
	return out
}

// runAfter returns the first RUN after in, in its stage or in a stage of the file built FROM
// it (directly or not): BuildKit writes the stage's build arguments, inherited ones included,
// into the history entry of every RUN.
func runAfter(f *dockerfile.File, in *dockerfile.Instruction) *dockerfile.Instruction {
	after := false
	for _, x := range in.Stage.Instructions {
		if x == in {
			after = true
		} else if after && x.Cmd == "run" {
			return x
		}
	}
	for _, st := range f.Stages {
		if st.Index <= in.Stage.Index || !builtFrom(f, st, in.Stage) {
			continue
		}
		for _, x := range st.Instructions {
			if x.Cmd == "run" {
				return x
			}
		}
	}
	return nil
}

// builtFrom reports whether stage st is built FROM base, directly or through other stages.
func builtFrom(f *dockerfile.File, st, base *dockerfile.Stage) bool {
	for i := 0; i < len(f.Stages) && st != nil; i++ {
		st = f.BaseStage(st)
		if st == base {
			return true
		}
	}
	return false
}

var varRefRe = lazyre.New(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`)

// referencedArg returns the first variable of val that is an ARG declared in in's stage
// before in, "" when none is.
func referencedArg(f *dockerfile.File, in *dockerfile.Instruction, val string) string {
	if in.Stage == nil {
		return ""
	}
	args := map[string]bool{}
	for _, x := range in.Stage.Instructions {
		if x == in {
			break
		}
		if c, ok := x.Command.(*instructions.ArgCommand); ok {
			for _, kv := range c.Args {
				args[kv.Key] = true
			}
		}
	}
	for _, m := range varRefRe.FindAllStringSubmatch(val, -1) {
		if args[m[1]] {
			return m[1]
		}
	}
	return ""
}

// literalSecretValue reports whether a value written for a secret-named variable is a real
// value: not empty, not a boolean or placeholder word, not a file path.
func literalSecretValue(v string) bool {
	v = strings.TrimSpace(v)
	switch strings.ToLower(v) {
	case "", "true", "false", "yes", "no", "on", "off", "0", "1", "none", "null", "nil", "disabled", "enabled", `""`, "''":
		return false
	}
	if strings.HasPrefix(v, "/") || strings.HasPrefix(v, "./") || strings.HasPrefix(v, "~/") || buildkitlint.IsWindowsAbsPath(v) {
		return false
	}
	return true
}

// secretValuePatterns recognise credentials by their documented formats.
var secretValuePatterns = []struct {
	re   *lazyre.Regexp
	what string
	// any lists substrings one of which every match holds (checked first: the regexps are
	// slow next to strings.Contains)
	any []string
}{
	{lazyre.New(`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`), "an AWS access key ID", []string{"AKIA", "ASIA"}},
	{lazyre.New(`-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----`), "a private key", []string{"PRIVATE KEY"}},
	{lazyre.New(`\bgh[pousr]_[A-Za-z0-9]{36,}\b`), "a GitHub token", []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}},
	{lazyre.New(`\bgithub_pat_[A-Za-z0-9_]{22,}`), "a GitHub token", []string{"github_pat_"}},
	{lazyre.New(`\bglpat-[A-Za-z0-9_-]{20,}`), "a GitLab token", []string{"glpat-"}},
	{lazyre.New(`\bxox[abposr]-[A-Za-z0-9-]{10,}`), "a Slack token", []string{"xox"}},
	{lazyre.New(`\b[sr]k_live_[A-Za-z0-9]{24,}`), "a Stripe secret key", []string{"k_live_"}},
	{lazyre.New(`\bAIza[0-9A-Za-z_-]{35}\b`), "a Google API key", []string{"AIza"}},
	{lazyre.New(`\bnpm_[A-Za-z0-9]{36}\b`), "an npm token", []string{"npm_"}},
	{lazyre.New(`\bhf_[A-Za-z]{34}\b`), "a Hugging Face token", []string{"hf_"}},
	{lazyre.New(`[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@$]+:([^/\s@$]+)@`), "a URL with a password", []string{"://"}},
}

// secretValueKind names the kind of credential a value looks like, "" if none.
func secretValueKind(v string) string {
	if len(v) < 8 {
		return "" // the shortest match (a://b:c@d) is 8 bytes long
	}
	for _, sp := range secretValuePatterns {
		for _, lit := range sp.any {
			if strings.Contains(v, lit) {
				if sp.re.MatchString(v) {
					return sp.what
				}
				break
			}
		}
	}
	return ""
}

// Name tokens: a name is split on non-alphanumerics and camelCase humps, lower-cased.
var (
	secretWords = map[string]bool{"password": true, "passwd": true, "pword": true, "passphrase": true,
		"secret": true, "secrets": true, "token": true, "tokens": true, "apikey": true, "credential": true,
		"credentials": true, "creds": true, "privatekey": true, "accesskey": true, "secretkey": true}
	// secretLastWords are secret only as the name's last word (DB_PASS, BASIC_AUTH).
	secretLastWords = map[string]bool{"pass": true, "auth": true}
	// keyQualifiers make "key" secret when they precede it (API_KEY, PRIVATE_KEY).
	keyQualifiers = map[string]bool{"api": true, "private": true, "priv": true, "access": true, "secret": true,
		"encryption": true, "encrypt": true, "master": true, "signing": true, "ssh": true, "client": true,
		"app": true, "license": true, "licence": true, "auth": true, "service": true, "account": true,
		"session": true, "jwt": true, "hmac": true, "aes": true, "deploy": true, "registration": true}
	// metaSuffixes are last words naming something about a secret rather than the secret.
	metaSuffixes = map[string]bool{"file": true, "files": true, "path": true, "dir": true, "directory": true,
		"version": true, "url": true, "uri": true, "endpoint": true, "host": true, "hostname": true,
		"port": true, "type": true, "method": true, "mode": true, "enabled": true, "enable": true,
		"disabled": true, "required": true, "length": true, "ttl": true, "expiry": true, "expires": true,
		"expiration": true, "timeout": true, "name": true, "header": true, "field": true, "param": true,
		"prefix": true, "suffix": true, "location": true, "sock": true, "socket": true, "user": true,
		"username": true, "server": true, "algorithm": true, "alg": true, "scope": true, "scopes": true,
		"audience": true, "issuer": true, "interval": true, "count": true, "size": true, "min": true,
		"max": true, "policy": true, "provider": true, "kind": true, "format": true, "encoding": true,
		"helper": true, "cmd": true, "command": true, "domain": true, "realm": true, "id": false,
		"store": true, "backend": true, "source": true, "env": true, "seconds": true, "secs": true,
		"sec": true, "minutes": true, "mins": true, "hours": true, "days": true, "ms": true, "age": true,
		"lifetime": true, "limit": true, "retries": true, "attempts": true, "threshold": true,
		"duration": true, "pattern": true, "regex": true, "strategy": true, "class": true, "hint": true}
	// flagPrefixes are first words of switches (ENABLE_AUTH, NO_TOKEN).
	flagPrefixes = map[string]bool{"no": true, "skip": true, "disable": true, "disabled": true, "enable": true,
		"enabled": true, "use": true, "allow": true, "require": true, "with": true, "without": true, "is": true, "has": true}
)

// secretName reports whether a variable name says it holds a secret.
func secretName(name string) bool {
	ws := nameWords(name)
	if len(ws) == 0 {
		return false
	}
	last := ws[len(ws)-1]
	if metaSuffixes[last] || flagPrefixes[ws[0]] {
		return false
	}
	has := func(w string) bool {
		for _, x := range ws {
			if x == w {
				return true
			}
		}
		return false
	}
	if has("public") || has("pub") {
		return false
	}
	if (has("gpg") || has("pgp") || has("gnupg")) && !has("private") && !has("secret") && !has("passphrase") && !has("password") {
		return false // key IDs and fingerprints of public keys
	}
	if secretLastWords[last] {
		return true
	}
	for i, w := range ws {
		if secretWords[w] {
			return true
		}
		if (w == "key" || w == "keys") && i > 0 && keyQualifiers[ws[i-1]] {
			return true
		}
	}
	return false
}

// nameWords splits a variable name into lower-case words: API_KEY, apiKey and api-key all
// give [api key].
func nameWords(name string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		isUpper := r >= 'A' && r <= 'Z'
		isAlnum := isUpper || r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		if !isAlnum {
			flush()
			continue
		}
		if isUpper && i > 0 && rs[i-1] >= 'a' && rs[i-1] <= 'z' {
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return out
}
