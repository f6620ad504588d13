package imagescan

import (
	"archive/tar"
	"bytes"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/internal/lazyre"
)

// peekBytes is how much of a candidate file is read to decide whether it holds a secret.
// The bytes are only matched, never kept or printed.
const peekBytes = 8192

// maxPeekSize: larger files are not read (keys and credential files are small).
const maxPeekSize = 1 << 20

var (
	// a PEM private key header followed by a line break (real or escaped, as in a JSON
	// service-account key): a header quoted as data (ImageMagick's mime.xml) is not a key
	privateKeyRe = lazyre.New(`-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----(\r?\n|(\\r)?\\n)`)
	npmTokenRe   = lazyre.New(`(?m)(_authToken|_auth|_password)\s*=\s*[^$\s"'{]`)
	dockerAuthRe = lazyre.New(`"auth"\s*:\s*"[^"]+"`)
	passwordRe   = lazyre.New(`(?im)^\s*(password|passwd)\s*[=:]?\s*\S|\bpassword\s+\S`)
)

// secretSkipDirs are path components below which files are third-party code, tests or
// docs: keys there are fixtures (Go's crypto/tls testdata, node modules' test certs...).
var secretSkipDirs = map[string]bool{
	"test": true, "tests": true, "testdata": true, "testing": true, "fixtures": true, "fixture": true,
	"__tests__": true, "spec": true, "specs": true, "example": true, "examples": true, "doc": true,
	"docs": true, "node_modules": true, "site-packages": true, "dist-packages": true, "vendor": true,
}

// sourceExts are files whose text may quote a PEM header as data (code, docs).
var sourceExts = map[string]bool{
	".go": true, ".py": true, ".pyc": true, ".js": true, ".mjs": true, ".cjs": true, ".ts": true,
	".rb": true, ".java": true, ".c": true, ".h": true, ".cc": true, ".cpp": true, ".rs": true,
	".php": true, ".pl": true, ".pm": true, ".sh": true, ".md": true, ".rst": true, ".html": true,
	".htm": true, ".map": true,
}

var sshKeyNames = map[string]bool{
	"id_rsa": true, "id_dsa": true, "id_ecdsa": true, "id_ed25519": true, "id_ecdsa_sk": true, "id_ed25519_sk": true,
}

func secretPathSkipped(p string) bool {
	if strings.HasPrefix(p, "usr/share/") || strings.HasPrefix(p, "proc/") || strings.HasPrefix(p, "sys/") {
		return true
	}
	for _, part := range strings.Split(p, "/") {
		if secretSkipDirs[part] {
			return true
		}
	}
	return strings.Contains(p, "go/pkg/mod/")
}

// wantPeek says whether the first bytes of the regular file p are needed to classify it.
func wantPeek(p string, size int64) bool {
	if size <= 0 || size > maxPeekSize || secretPathSkipped(p) {
		return false
	}
	return !sourceExts[path.Ext(p)]
}

// secretKind classifies a regular file by name and, when peek is not nil, its first bytes.
// It returns "" for a file that does not look like a secret.
func secretKind(p string, size int64, peek []byte) string {
	if size <= 0 || secretPathSkipped(p) {
		return ""
	}
	base := path.Base(p)
	ext := path.Ext(base)
	switch {
	case sshKeyNames[base]:
		if privateKeyRe.Match(peek) {
			return "ssh-private-key"
		}
		return ""
	case base == ".env" || strings.HasPrefix(base, ".env.") && !isEnvTemplate(base):
		return "dotenv"
	case base == ".git-credentials":
		return "git-credentials"
	case base == ".netrc" || base == "_netrc":
		if passwordRe.Match(peek) {
			return "netrc"
		}
	case base == ".npmrc":
		if npmTokenRe.Match(peek) {
			return "npm-token"
		}
	case base == ".pypirc":
		if passwordRe.Match(peek) {
			return "pypi-credentials"
		}
	case strings.HasSuffix(p, ".aws/credentials"):
		if bytes.Contains(bytes.ToLower(peek), []byte("aws_secret_access_key")) {
			return "aws-credentials"
		}
	case strings.HasSuffix(p, ".docker/config.json"):
		if dockerAuthRe.Match(peek) {
			return "docker-credentials"
		}
	case base == ".pgpass":
		return "pgpass"
	case ext == ".p12" || ext == ".pfx" || ext == ".jks" || ext == ".keystore":
		return "keystore"
	}
	if peek != nil && !sourceExts[ext] && privateKeyRe.Match(peek) {
		return "private-key"
	}
	return ""
}

func isEnvTemplate(base string) bool {
	for _, s := range []string{"example", "sample", "template", "dist", "defaults", "default", "schema", "tmpl", "tpl", "test", "ci"} {
		if strings.HasSuffix(base, "."+s) {
			return true
		}
	}
	return false
}

var (
	secretNameTokens = map[string]bool{
		"PASSWORD": true, "PASSWD": true, "SECRET": true, "SECRETS": true, "TOKEN": true,
		"APIKEY": true, "APITOKEN": true, "CREDENTIAL": true, "CREDENTIALS": true, "AUTH": true,
		"PASSPHRASE": true,
	}
	// a name ending in one of these names the place or shape of a secret, not the secret
	notSecretSuffix = map[string]bool{
		"FILE": true, "PATH": true, "DIR": true, "VERSION": true, "SOCK": true, "SOCKET": true,
		"URL": true, "URI": true, "HOST": true, "PORT": true, "ENDPOINT": true, "ENABLED": true,
		"DISABLED": true, "TYPE": true, "MODE": true, "METHOD": true, "HEADER": true, "NAME": true,
		"USER": true, "USERNAME": true, "ID": true, "ISSUER": true, "AUDIENCE": true, "TTL": true,
		"TIMEOUT": true, "EXPIRY": true, "EXPIRES": true, "LENGTH": true, "SIZE": true, "ALGORITHM": true,
		"PROVIDER": true, "REGION": true, "SCOPE": true, "SCOPES": true,
	}
	notSecretValues = map[string]bool{
		"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "none": true,
		"null": true, "enabled": true, "disabled": true, "0": true, "1": true,
	}
	secretValueRes = []struct {
		reason string
		re     *lazyre.Regexp
	}{
		{"aws-access-key", lazyre.New(`\b(AKIA|ASIA)[0-9A-Z]{16}\b`)},
		{"github-token", lazyre.New(`\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}`)},
		{"gitlab-token", lazyre.New(`\bglpat-[0-9A-Za-z_-]{20,}`)},
		{"slack-token", lazyre.New(`\bxox[abprs]-[0-9A-Za-z-]{10,}`)},
		{"private-key", privateKeyRe},
		{"url-credentials", lazyre.New(`[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]+:[^/\s@$]+@`)},
	}
)

// envSecretReason says why an ENV entry looks like a secret ("" when it does not). Empty
// values, variable references and booleans are not secrets; names ending in _FILE, _PATH,
// _VERSION, _URL... name where or what a secret is, not the secret (SSH_AUTH_SOCK,
// PASSWORD_FILE); names with PUBLIC are public (BuildKit's SecretsUsedInArgOrEnv allows
// them too).
func envSecretReason(name, value string) string {
	v := strings.TrimSpace(value)
	if v == "" || strings.HasPrefix(v, "$") || notSecretValues[strings.ToLower(v)] {
		return ""
	}
	for _, r := range secretValueRes {
		if r.re.MatchString(v) {
			return r.reason
		}
	}
	tokens := strings.FieldsFunc(strings.ToUpper(name), func(r rune) bool { return r == '_' || r == '-' || r == '.' })
	if len(tokens) == 0 || notSecretSuffix[tokens[len(tokens)-1]] {
		return ""
	}
	for i, t := range tokens {
		if t == "PUBLIC" {
			return ""
		}
		if secretNameTokens[t] {
			return "name"
		}
		if i > 0 && t == "KEY" {
			switch tokens[i-1] {
			case "API", "ACCESS", "PRIVATE", "SECRET", "ENCRYPTION", "SIGNING", "MASTER", "LICENSE":
				return "name"
			}
		}
	}
	return ""
}

// cacheRule finds a cache directory in a path: either a fixed prefix, or a marker found
// anywhere (a home directory's .cache/pip).
type cacheRule struct {
	kind   string
	prefix string // fixed: the path starts with it
	marker string // anywhere: "/" + path contains it
}

// cacheRules are the package managers' caches (pkgmgr's data: a cache with a marker is found
// under any home directory or prefix, one without at its fixed place), then Python's bytecode
// cache, which belongs to the interpreter. They are made on first use, not at start-up.
var cacheRules = sync.OnceValue(func() []cacheRule {
	var out []cacheRule
	seen := map[cacheRule]bool{}
	for _, c := range pkgmgr.Caches() {
		r := cacheRule{kind: c.Kind}
		if c.Marker != "" {
			r.marker = c.Marker + "/"
		} else {
			r.prefix = strings.TrimPrefix(c.Dir, "/") + "/"
		}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return append(out, cacheRule{kind: "pycache", marker: "/__pycache__/"})
})

// cacheOf returns the cache kind and directory a file path (no leading slash) is in.
func cacheOf(p string) (kind, root string) {
	slashed := "/" + p
	for _, r := range cacheRules() {
		if r.prefix != "" {
			if strings.HasPrefix(p, r.prefix) {
				return r.kind, "/" + strings.TrimSuffix(r.prefix, "/")
			}
			continue
		}
		if i := strings.Index(slashed, r.marker); i >= 0 {
			return r.kind, slashed[:i+len(r.marker)-1]
		}
	}
	return "", ""
}

var (
	// compilers, with an optional target triplet prefix and version suffix:
	// gcc, gcc-12, x86_64-linux-gnu-gcc-12, g++, c++, cc, clang-16, gfortran
	compilerRe = lazyre.New(`^(?:[a-z0-9_]+-(?:[a-z0-9_]+-)*linux-[a-z0-9_]+-)?(gcc|g\+\+|c\+\+|cc|clang|clang\+\+|gfortran)(?:-[0-9]+(?:\.[0-9]+)*)?$`)
	toolNames  = map[string]string{
		"make": "make", "gmake": "make", "cmake": "cmake", "ninja": "ninja", "rustc": "rustc",
		"cargo": "cargo", "javac": "javac",
	}
	compilerGroup = map[string]string{"gcc": "gcc", "cc": "gcc", "g++": "g++", "c++": "g++", "clang": "clang", "clang++": "clang", "gfortran": "gfortran"}
)

// buildToolOf names the build tool a file path (no leading slash) is, or "".
func buildToolOf(p string) string {
	dir, base := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	// the compilers proper, which the gcc/g++ drivers run
	if base == "cc1" || base == "cc1plus" {
		if strings.HasPrefix(dir, "usr/lib/gcc/") || strings.HasPrefix(dir, "usr/libexec/gcc/") || strings.HasPrefix(dir, "usr/local/libexec/gcc/") {
			if base == "cc1" {
				return "gcc"
			}
			return "g++"
		}
		return ""
	}
	if !(dir == "bin" || dir == "sbin" || strings.HasSuffix(dir, "/bin") || strings.HasSuffix(dir, "/sbin")) {
		return ""
	}
	if strings.Contains(dir, "node_modules") {
		return ""
	}
	if m := compilerRe.FindStringSubmatch(base); m != nil {
		return compilerGroup[m[1]]
	}
	if t := toolNames[base]; t != "" {
		return t
	}
	if base == "go" && (strings.HasSuffix(dir, "go/bin") || dir == "usr/bin" || dir == "usr/local/bin" || strings.HasPrefix(dir, "usr/lib/go")) {
		return "go"
	}
	return ""
}

// analyzeFinal walks the final filesystem for caches, build tools, special permissions and
// secrets.
func analyzeFinal(rep *Report, st *state) {
	caches := map[string]*Cache{}
	cacheRoots := map[string]map[string]bool{}
	tools := map[string]*BuildTool{}
	var secrets []SecretFile
	var walk func(n *node)
	walk = func(n *node) {
		for _, c := range sortedChildren(n) {
			p := strings.TrimPrefix(c.path(), "/")
			// /dev, /proc and /sys are replaced by the runtime's mounts: what an image
			// ships there (device nodes saved as files) is never seen
			pseudo := p == "dev" || p == "proc" || p == "sys" || strings.HasPrefix(p, "dev/") || strings.HasPrefix(p, "proc/") || strings.HasPrefix(p, "sys/")
			if c.dir {
				if c.mode&0o002 != 0 && c.mode&0o1000 == 0 && !pseudo {
					rep.WorldWritable = append(rep.WorldWritable, SpecialFile{Path: "/" + p, Mode: c.mode & 0o7777, UID: c.uid, GID: c.gid, Layer: c.layer, IsDir: true})
				}
				walk(c)
				continue
			}
			if isRegular(c.typ) {
				if kind, root := cacheOf(p); kind != "" {
					ca := caches[kind]
					if ca == nil {
						ca = &Cache{Kind: kind}
						caches[kind] = ca
						cacheRoots[kind] = map[string]bool{}
					}
					ca.SizeBytes += c.size
					ca.FileCount++
					cacheRoots[kind][root] = true
				}
				if c.mode&0o6000 != 0 {
					rep.SetuidFiles = append(rep.SetuidFiles, SpecialFile{Path: "/" + p, Mode: c.mode & 0o7777, UID: c.uid, GID: c.gid, Layer: c.layer})
				}
				if c.mode&0o002 != 0 && !pseudo {
					rep.WorldWritable = append(rep.WorldWritable, SpecialFile{Path: "/" + p, Mode: c.mode & 0o7777, UID: c.uid, GID: c.gid, Layer: c.layer})
				}
				if c.secret != "" {
					secrets = append(secrets, SecretFile{Path: "/" + p, Kind: c.secret, Layer: c.layer, RemovedInLayer: -1})
				}
			}
			if isRegular(c.typ) || c.typ == tar.TypeSymlink || c.typ == tar.TypeLink {
				if t := buildToolOf(p); t != "" {
					bt := tools[t]
					if bt == nil {
						bt = &BuildTool{Name: t}
						tools[t] = bt
					}
					bt.Paths = append(bt.Paths, "/"+p)
				}
			}
		}
	}
	walk(st.root)

	for kind, ca := range caches {
		if ca.SizeBytes == 0 {
			continue
		}
		roots := make([]string, 0, len(cacheRoots[kind]))
		for r := range cacheRoots[kind] {
			roots = append(roots, r)
		}
		sort.Strings(roots)
		ca.PathCount = len(roots)
		if len(roots) > MaxListedPaths {
			roots = roots[:MaxListedPaths]
		}
		ca.Paths = roots
		rep.Caches = append(rep.Caches, *ca)
	}
	sort.Slice(rep.Caches, func(i, j int) bool { return rep.Caches[i].SizeBytes > rep.Caches[j].SizeBytes })
	for _, bt := range tools {
		rep.BuildTools = append(rep.BuildTools, *bt)
	}
	sort.Slice(rep.BuildTools, func(i, j int) bool { return rep.BuildTools[i].Name < rep.BuildTools[j].Name })
	secrets = append(secrets, st.secrets...)
	sort.SliceStable(secrets, func(i, j int) bool {
		if secrets[i].Path != secrets[j].Path {
			return secrets[i].Path < secrets[j].Path
		}
		return secrets[i].Layer < secrets[j].Layer
	})
	rep.SecretFiles = secrets
}
