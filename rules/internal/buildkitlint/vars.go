package buildkitlint

import (
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
)

// What UndefinedVar (DO011) needs to know about variables, shared with the BuildKit oracle
// test that documents where dockopt deviates from BuildKit.

// HasUnguardedRef reports whether text uses $name or ${name} without a default or alternative
// value (${name:-x}, ${name-x}, ${name:+x}, ${name+x}, ${name:?x}, ${name?x}); uses nested in
// such a guard (${name:+$name:}) count as guarded. When name is not found at all it returns
// true (BuildKit saw a use we cannot locate).
func HasUnguardedRef(text, name string) bool {
	found := false
	for i := 0; i < len(text); i++ {
		if text[i] != '$' {
			continue
		}
		rest := text[i+1:]
		if strings.HasPrefix(rest, "{"+name) {
			after := rest[1+len(name):]
			if after == "" || isIdentByte(after[0]) {
				continue
			}
			found = true
			if strings.HasPrefix(after, "}") {
				return true
			}
			a := strings.TrimPrefix(after, ":")
			if a == "" || !strings.ContainsRune("-+?", rune(a[0])) {
				return true // ${name#...}, ${name%...}, ${name/...}: the value is used
			}
			// skip the guarded expression, nested braces included
			depth := 0
			for j := i + 1; j < len(text); j++ {
				if text[j] == '{' {
					depth++
				} else if text[j] == '}' {
					depth--
					if depth == 0 {
						i = j
						break
					}
				}
			}
			continue
		}
		if strings.HasPrefix(rest, name) && (len(rest) == len(name) || !isIdentByte(rest[len(name)])) {
			return true
		}
	}
	return !found
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// Declarations maps each name an ARG or ENV declares to the instructions declaring it.
func Declarations(f *dockerfile.File) map[string][]*dockerfile.Instruction {
	out := map[string][]*dockerfile.Instruction{}
	for _, in := range f.Instructions {
		switch c := in.Command.(type) {
		case *instructions.ArgCommand:
			for _, kv := range c.Args {
				out[kv.Key] = append(out[kv.Key], in)
			}
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				out[kv.Key] = append(out[kv.Key], in)
			}
		}
	}
	return out
}

// DeclaredElsewhere reports whether one of decls makes a use in `in` a likely mistake rather
// than a variable of the base image: an ARG anywhere else in the file (before FROM, in another
// stage, later in this stage), or an ENV later in the same stage.
func DeclaredElsewhere(decls []*dockerfile.Instruction, in *dockerfile.Instruction) bool {
	for _, d := range decls {
		if d == in {
			continue
		}
		if d.Cmd == "arg" {
			return true
		}
		if d.Stage == in.Stage && d.StartLine > in.StartLine {
			return true
		}
	}
	return false
}

// imageEnv lists variables that common official images set in their configuration (from
// their Dockerfiles in github.com/docker-library and the Microsoft .NET images), by repository.
// It is used only to *not* report a variable, so listing too much is harmless.
var imageEnv = map[string][]string{
	"python":          {"PYTHON_VERSION", "PYTHON_SHA256", "PYTHON_PIP_VERSION", "PYTHON_SETUPTOOLS_VERSION", "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256", "GPG_KEY"},
	"pypy":            {"PYPY_VERSION"},
	"node":            {"NODE_VERSION", "YARN_VERSION"},
	"golang":          {"GOLANG_VERSION", "GOPATH", "GOTOOLCHAIN"},
	"rust":            {"RUSTUP_HOME", "CARGO_HOME", "RUST_VERSION"},
	"ruby":            {"RUBY_VERSION", "RUBY_MAJOR", "RUBY_DOWNLOAD_SHA256", "RUBY_DOWNLOAD_URL", "GEM_HOME", "BUNDLE_SILENCE_ROOT_WARNING", "BUNDLE_APP_CONFIG"},
	"php":             {"PHPIZE_DEPS", "PHP_INI_DIR", "PHP_CFLAGS", "PHP_CPPFLAGS", "PHP_LDFLAGS", "GPG_KEYS", "PHP_VERSION", "PHP_URL", "PHP_ASC_URL", "PHP_SHA256", "APACHE_CONFDIR", "APACHE_ENVVARS"},
	"nginx":           {"NGINX_VERSION", "NJS_VERSION", "NJS_RELEASE", "PKG_RELEASE", "DYNPKG_RELEASE"},
	"httpd":           {"HTTPD_PREFIX", "HTTPD_VERSION", "HTTPD_SHA256", "HTTPD_PATCHES"},
	"tomcat":          {"CATALINA_HOME", "TOMCAT_NATIVE_LIBDIR", "LD_LIBRARY_PATH", "GPG_KEYS", "TOMCAT_MAJOR", "TOMCAT_VERSION", "TOMCAT_SHA512"},
	"maven":           {"MAVEN_HOME", "MAVEN_CONFIG"},
	"gradle":          {"GRADLE_HOME", "GRADLE_VERSION"},
	"postgres":        {"PG_MAJOR", "PG_VERSION", "PGDATA"},
	"mysql":           {"MYSQL_MAJOR", "MYSQL_VERSION", "MYSQL_SHELL_VERSION"},
	"mariadb":         {"MARIADB_MAJOR", "MARIADB_VERSION"},
	"redis":           {"REDIS_VERSION", "REDIS_DOWNLOAD_URL", "REDIS_DOWNLOAD_SHA"},
	"mongo":           {"MONGO_MAJOR", "MONGO_VERSION", "MONGO_PACKAGE", "MONGO_REPO", "JSYAML_VERSION"},
	"docker":          {"DOCKER_VERSION", "DOCKER_BUILDX_VERSION", "DOCKER_COMPOSE_VERSION", "DOCKER_TLS_CERTDIR"},
	"elixir":          {"ELIXIR_VERSION", "OTP_VERSION", "REBAR3_VERSION"},
	"erlang":          {"OTP_VERSION", "REBAR3_VERSION"},
	"haproxy":         {"HAPROXY_VERSION", "HAPROXY_URL", "HAPROXY_SHA256"},
	"dotnet":          {"DOTNET_VERSION", "ASPNET_VERSION", "DOTNET_SDK_VERSION", "APP_UID", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "DOTNET_RUNNING_IN_CONTAINER", "DOTNET_USE_POLLING_FILE_WATCHER", "NUGET_XMLDOC_MODE", "POWERSHELL_DISTRIBUTION_CHANNEL", "DOTNET_GENERATE_ASPNET_CERTIFICATE", "DOTNET_NOLOGO"},
	"openjdk":         {"JAVA_HOME", "JAVA_VERSION"},
	"eclipse-temurin": {"JAVA_HOME", "JAVA_VERSION"},
	"amazoncorretto":  {"JAVA_HOME"},
}

// commonImageEnv are set by many base images.
var commonImageEnv = map[string]bool{
	"LANG": true, "LANGUAGE": true, "LC_ALL": true, "TZ": true, "GOSU_VERSION": true, "GPG_KEY": true,
	"GPG_KEYS": true, "JAVA_HOME": true, "JAVA_VERSION": true, "HOME": false,
}

// MayComeFromImage reports whether an external base image plausibly defines name: a variable
// set by many images, one listed for the image's repository, or one prefixed with the
// repository's name (NODE_VERSION in node, GRAFANA_VERSION in grafana/grafana). An image
// that cannot be resolved offline may define anything.
func MayComeFromImage(image, name string) bool {
	if image == "" {
		return true
	}
	if commonImageEnv[name] {
		return true
	}
	repo := strings.ToLower(dockerfile.ParseImageRef(image).Name)
	for r, names := range imageEnv {
		if repo == r || strings.HasSuffix(repo, "/"+r) || strings.Contains(repo, "/"+r+"/") {
			for _, n := range names {
				if n == name {
					return true
				}
			}
		}
	}
	last := repo[strings.LastIndex(repo, "/")+1:]
	prefix := strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(last)) + "_"
	return len(prefix) > 2 && strings.HasPrefix(name, prefix)
}
