package rules

import (
	"path"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

func init() {
	rule.Register(&rule.Rule{
		ID:           "DO302",
		Name:         "copy-secret-files",
		Family:       rule.Security,
		Severity:     rule.Error,
		Equivalents:  []string{"cis:4.10", "dockle:CIS-DI-0010"},
		NeedsContext: true,
		Doc: rule.Doc{
			What: "Finds COPY/ADD from the build context whose sources take in files that are likely " +
				"secrets, present in the context and not excluded by `.dockerignore` (nor by " +
				"`COPY --exclude`): `.env`, `.env.*` and `.envrc` (not `.env.example`/`.sample`/" +
				"`.template`/`.dist`, nor `.env.development`/`.production`/`.test` next to a " +
				"package.json, which JavaScript frameworks commit on purpose), SSH private keys " +
				"(`id_rsa`, `id_ed25519`...), `*.pem` and `*.key` that are not certificates or GPG " +
				"keys by name, `*.p12`/`*.pfx`/`*.jks`/`*.keystore`, `.npmrc`, `.pypirc`, `.netrc`, " +
				"`.git-credentials`, `.pgpass`, `.htpasswd`, `.docker/config.json`, " +
				"`.aws/credentials`, `.kube/config`, `.ssh/` private files, `credentials.json`, " +
				"`client_secret*.json` and service-account JSON keys. Files under node_modules, vendor, " +
				"virtualenvs and test fixture directories are ignored. `COPY . .` counts. The message " +
				"names the files, never their contents. Needs the build context.",
			Why: "Whatever COPY takes in is stored in a layer of the image (and of the build cache) " +
				"for good: deleting it in a later RUN does not remove it, and anyone who can pull the " +
				"image, or read a pushed cache, can extract it with `docker save`. Credentials used at " +
				"build time belong in a secret mount; those used at run time in the runtime's secrets.",
			Example:    "# the context holds .env and .npmrc with a token, and no .dockerignore\nCOPY . /app\nRUN npm ci",
			UseInstead: "# .dockerignore: .env\n#               .npmrc\nCOPY . /app\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
			References: []string{
				"https://docs.docker.com/build/building/secrets/",
				"https://docs.docker.com/build/concepts/context/#dockerignore-files",
				"CIS Docker Benchmark v1.6.0, 4.10 Ensure secrets are not stored in Dockerfiles",
				"https://github.com/goodwithtech/dockle#cis-di-0010-do-not-store-secrets-in-dockerfiles",
			},
		},
		Check: checkCopySecretFiles,
	})
}

func checkCopySecretFiles(p *rule.Pass) {
	if p.Context == nil {
		return
	}
	for _, in := range p.File.Instructions {
		for _, x := range []*dockerfile.Instruction{in, in.OnBuild} {
			if x != nil {
				checkCopySecrets(p, x)
			}
		}
	}
}

func checkCopySecrets(p *rule.Pass, in *dockerfile.Instruction) {
	var sources, excludes []string
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		if c.From != "" {
			return
		}
		sources, excludes = c.SourcePaths, c.ExcludePatterns
	case *instructions.AddCommand:
		sources, excludes = c.SourcePaths, c.ExcludePatterns
	default:
		return
	}
	ctx := p.Context
	var found []string
	seen := map[string]bool{}
	for _, raw := range sources {
		src, ok := p.File.Expand(in, raw)
		if !ok || strings.Contains(src, "://") || strings.HasPrefix(src, "git@") {
			continue
		}
		for _, f := range ctx.Glob(src) {
			if seen[f] || !secSecretFile(ctx, f) || ctx.Ignored(f) || secExcluded(f, excludes) {
				continue
			}
			if e, ok := ctx.Entry(f); ok && e.IsDir {
				continue
			}
			seen[f] = true
			found = append(found, f)
		}
	}
	if len(found) == 0 {
		return
	}
	list := found
	more := ""
	if len(list) > 5 {
		more = " and " + strconv.Itoa(len(list)-5) + " more"
		list = list[:5]
	}
	p.Report(in, strings.ToUpper(in.Cmd)+" takes likely secrets from the build context into the image: "+
		strings.Join(list, ", ")+more+" (exclude them in .dockerignore; use RUN --mount=type=secret at build time)")
}

// secExcluded reports whether a context path matches one of COPY's --exclude patterns.
func secExcluded(p string, patterns []string) bool {
	for _, pat := range patterns {
		pat = strings.TrimPrefix(path.Clean("/"+pat), "/")
		for q := p; q != "." && q != "/" && q != ""; q = path.Dir(q) {
			if ok, _ := path.Match(pat, q); ok {
				return true
			}
			if ok, _ := path.Match(pat, path.Base(q)); ok && !strings.Contains(pat, "/") {
				return true
			}
		}
	}
	return false
}

// secSkipDirs are directories whose files are third-party code or test fixtures: keys there
// are sample data.
var secSkipDirs = map[string]bool{
	"node_modules": true, "vendor": true, ".venv": true, "venv": true, "site-packages": true,
	".git": true, "test": true, "tests": true, "testdata": true, "fixtures": true,
	"__fixtures__": true, "spec": true, "examples": true,
}

// secSecretFile reports whether a context path names a likely secret.
func secSecretFile(ctx *buildctx.Context, p string) bool {
	parts := strings.Split(p, "/")
	for _, d := range parts[:len(parts)-1] {
		if secSkipDirs[strings.ToLower(d)] {
			return false
		}
	}
	base := strings.ToLower(parts[len(parts)-1])
	dir := ""
	if len(parts) > 1 {
		dir = strings.ToLower(parts[len(parts)-2])
	}
	if secTemplateName(base) {
		return false
	}
	switch base {
	case ".env", ".envrc", ".npmrc", ".pypirc", ".netrc", "_netrc", ".git-credentials", ".pgpass",
		".htpasswd", ".boto", ".s3cfg", "credentials.json", "application_default_credentials.json",
		"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk":
		return true
	}
	switch {
	case strings.HasPrefix(base, ".env."):
		switch strings.TrimPrefix(base, ".env.") {
		case "development", "production", "test", "staging":
			// committed on purpose by Next.js, Vite, CRA...: only .env*.local holds secrets
			return !ctx.Exists(path.Join(path.Dir(p), "package.json"))
		}
		return true
	case dir == ".docker" && base == "config.json",
		dir == ".aws" && base == "credentials",
		dir == ".kube" && base == "config":
		return true
	case dir == ".ssh":
		return base != "known_hosts" && base != "config" && base != "authorized_keys" && !strings.HasSuffix(base, ".pub")
	case strings.HasSuffix(base, ".pem"):
		return !secCertName(strings.TrimSuffix(base, ".pem"))
	case strings.HasSuffix(base, ".key"):
		n := strings.TrimSuffix(base, ".key")
		return !secContainsAny(n, "gpg", "pgp", "release", "signing", "archive", "repo", "apt", "yum", "pub")
	case strings.HasSuffix(base, ".p12"), strings.HasSuffix(base, ".pfx"), strings.HasSuffix(base, ".jks"),
		strings.HasSuffix(base, ".keystore"):
		return true
	case strings.HasSuffix(base, ".json"):
		return strings.HasPrefix(base, "client_secret") ||
			secContainsAny(base, "service-account", "service_account", "serviceaccount")
	}
	return false
}

// secTemplateName reports whether a file name marks a template or example.
func secTemplateName(base string) bool {
	return secContainsAny(base, "example", "sample", "template", ".dist", ".tpl", "dummy", ".defaults")
}

// secCertName reports whether a .pem/.key file name (without extension) suggests a public
// certificate rather than a private key.
func secCertName(n string) bool {
	if n == "ca" || strings.HasPrefix(n, "ca-") || strings.HasPrefix(n, "ca_") || strings.HasSuffix(n, "-ca") ||
		strings.HasSuffix(n, "_ca") || strings.HasSuffix(n, ".ca") {
		return true
	}
	return secContainsAny(n, "cert", "chain", "bundle", "pub", "crt", "root")
}

func secContainsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
