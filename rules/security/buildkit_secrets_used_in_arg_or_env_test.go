package security

import "testing"

func TestSecretName(t *testing.T) {
	secret := []string{"PASSWORD", "DB_PASSWORD", "dbPassword", "MYSQL_ROOT_PASSWD", "GITHUB_TOKEN",
		"NPM_TOKEN", "API_KEY", "apiKey", "OPENAI_API_KEY", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
		"SECRET_KEY_BASE", "CLIENT_SECRET", "PRIVATE_KEY", "SSH_PRIVATE_KEY", "APP_KEY", "LICENSE_KEY",
		"DB_PASS", "BASIC_AUTH", "NPM_AUTH", "GCP_CREDENTIALS", "GPG_PASSPHRASE", "GPG_PRIVATE_KEY",
		"REFRESH_TOKEN", "JWT_SECRET", "ENCRYPTION_KEY", "api-key"}
	notSecret := []string{"GPG_KEY", "GPG_KEYS", "RABBITMQ_PGP_KEY_ID", "OPENSSL_PGP_KEY_IDS", "SSH_AUTH_SOCK",
		"PASSWORD_FILE", "MYSQL_PASSWORD_FILE", "SECRETS_DIR", "TOKEN_TYPE", "AUTH_URL", "OS_AUTH_URL",
		"NODE_VERSION", "KEY", "KEYSERVER", "PUBLIC_KEY", "SSH_PUBLIC_KEY", "ENABLE_AUTH", "NO_AUTH",
		"TOKENIZERS_PARALLELISM", "PASSTHROUGH", "BYPASS", "PWD", "DB_PASSWORD_LENGTH", "SECRET_NAME",
		"SESSION_TTL_SECONDS", "TOKEN_EXPIRY_DAYS", "AUTH_DOMAIN", "MONKEY", "KEYCLOAK_URL", "AUTH_PROVIDER",
		"JWT_ALGORITHM", "CREDENTIAL_HELPER", "DJANGO_SECRET_KEY_FILE"}
	for _, n := range secret {
		if !secretName(n) {
			t.Errorf("secretName(%q) = false, want true", n)
		}
	}
	for _, n := range notSecret {
		if secretName(n) {
			t.Errorf("secretName(%q) = true, want false", n)
		}
	}
}

func TestSecretValueKind(t *testing.T) {
	kinds := map[string]string{
		"AKIAIOSFODNN7EXAMPLE":                     "an AWS access key ID",
		"-----BEGIN RSA PRIVATE KEY-----\nMIIE":    "a private key",
		"-----BEGIN PGP PRIVATE KEY BLOCK-----":    "a private key",
		"ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789": "a GitHub token",
		"postgres://app:s3cret@db:5432/app":        "a URL with a password",
		"https://user:${PASSWORD}@host/":           "",
		"https://example.com:8443/path@v1":         "",
		"A035C8C19219BA821ECEA86B64E628F8D684696D": "",
		"-----BEGIN PUBLIC KEY-----":               "",
		"git+ssh://git@github.com/org/repo.git":    "",
	}
	for v, want := range kinds {
		if got := secretValueKind(v); got != want {
			t.Errorf("secretValueKind(%q) = %q, want %q", v, got, want)
		}
	}
}
