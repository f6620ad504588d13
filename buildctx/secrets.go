package buildctx

import (
	"path"
	"strings"
)

// secSkipDirs are directories whose files are third-party code or test fixtures: keys there
// are sample data.
var secSkipDirs = map[string]bool{
	"node_modules": true, "vendor": true, ".venv": true, "venv": true, "site-packages": true,
	".git": true, "test": true, "tests": true, "testdata": true, "fixtures": true,
	"__fixtures__": true, "spec": true, "examples": true,
}

// LikelySecret reports whether the context path p (a file, slash-separated) names a likely
// secret by its name and place: environment files, registry and cloud credentials, private
// keys and keystores, SSH keys, service-account JSON, Terraform state, kubeconfigs, and the
// files of a secrets/ directory. Templates and examples (.env.example, *.sample...), public
// certificates, and files under dependency, test and fixture directories are not. Sources:
// the file names of CIS Docker Benchmark 4.10 and dockle CIS-DI-0010, and the credential
// files the tools named write (npm, pip, git, netrc, AWS, gcloud, Docker, kubectl, Vault).
// DO302 reports such files when COPY takes them; optimize's .dockerignore excludes them.
// The answers for the context's files are computed once per directory walk (Shared).
func LikelySecret(ctx *Context, p string) bool {
	if ctx != nil && ctx.shared != nil {
		if secret, ok := ctx.Shared("buildctx.likelySecrets", func() any {
			m := make(map[string]bool, len(ctx.Entries))
			for _, e := range ctx.Entries {
				if !e.IsDir {
					m[e.Path] = likelySecret(ctx, e.Path)
				}
			}
			return m
		}).(map[string]bool)[p]; ok {
			return secret
		}
	}
	return likelySecret(ctx, p)
}

func likelySecret(ctx *Context, p string) bool {
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
	if secTemplateName(base) || sourceCodeExt[path.Ext(base)] {
		return false // a template, or program source (internal/secrets/secrets.go is code)
	}
	inTemplates := false
	for _, d := range parts[:len(parts)-1] {
		if strings.EqualFold(d, "templates") {
			inTemplates = true // a Helm chart's templates/secrets.yaml renders values
		}
	}
	switch base {
	case "secrets.yaml", "secrets.yml", "secrets.json", "secrets.toml", "secrets.env":
		return !inTemplates
	}
	switch base {
	case ".env", ".envrc", ".npmrc", ".pypirc", ".netrc", "_netrc", ".git-credentials", ".pgpass",
		".htpasswd", ".boto", ".s3cfg", "credentials.json", "application_default_credentials.json",
		"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk",
		"terraform.tfstate", "terraform.tfstate.backup", "kubeconfig", ".vault-token":
		return true
	}
	if (dir == "secrets" || dir == ".secrets") && !inTemplates {
		return true // a secrets/ directory (as compose's file secrets are kept), source code aside
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

// sourceCodeExt are program source files: never a secret file by name or place.
var sourceCodeExt = map[string]bool{
	".go": true, ".py": true, ".js": true, ".mjs": true, ".cjs": true, ".ts": true, ".tsx": true, ".jsx": true,
	".rb": true, ".java": true, ".kt": true, ".rs": true, ".php": true, ".cs": true, ".c": true, ".h": true,
	".cpp": true, ".swift": true, ".scala": true, ".sh": true, ".tpl": true, ".tmpl": true,
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
