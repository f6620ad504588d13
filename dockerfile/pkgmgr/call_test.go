package pkgmgr

import (
	"slices"
	"strings"
	"testing"
)

func parseLine(t *testing.T, line string) *Call {
	t.Helper()
	f := strings.Fields(line)
	return Parse(f[0], f[1:])
}

// Every spelling of a pip install is the same call.
func TestPipInstallSpellings(t *testing.T) {
	for _, line := range []string{
		"pip install --no-cache-dir flask==3.0.3",
		"pip3 install --no-cache-dir flask==3.0.3",
		"pip3.12 install --no-cache-dir flask==3.0.3",
		"/usr/local/bin/pip3.12 install --no-cache-dir flask==3.0.3",
		"python -m pip install --no-cache-dir flask==3.0.3",
		"python3 -m pip install --no-cache-dir flask==3.0.3",
		"python3.12 -m pip install --no-cache-dir flask==3.0.3",
		"python3 -I -m pip install --no-cache-dir flask==3.0.3",
		"pip install --no-cache flask==3.0.3",
		"pip install --no-cache-d flask==3.0.3",
		"pip --no-cache-dir install flask==3.0.3",
	} {
		c := parseLine(t, line)
		if c == nil || c.Manager.ID != "pip" || c.Sub != "install" || c.Action != Install {
			t.Errorf("%s: got %+v", line, c)
			continue
		}
		if !c.Has("--no-cache-dir") || !c.CacheDisabled() {
			t.Errorf("%s: cache not seen as disabled: %+v", line, c.Options)
		}
		pk := c.Packages()
		if len(pk) != 1 || pk[0].Name != "flask" || !pk[0].Pinned || pk[0].Version != "==3.0.3" {
			t.Errorf("%s: packages %+v", line, pk)
		}
	}
}

func TestUvPipInstall(t *testing.T) {
	c := parseLine(t, "uv pip install --system --no-cache requests")
	if c == nil || c.Manager.ID != "uv" || c.Sub != "pip install" || c.Action != Install {
		t.Fatalf("got %+v", c)
	}
	if pk := c.Packages(); len(pk) != 1 || pk[0].Name != "requests" || pk[0].Pinned {
		t.Errorf("packages %+v", pk)
	}
	if !c.CacheDisabled() {
		t.Errorf("uv --no-cache not seen")
	}
	if c := parseLine(t, "python -m uv pip install x"); c == nil || c.Sub != "pip install" {
		t.Errorf("python -m uv: %+v", c)
	}
}

func TestNotAManager(t *testing.T) {
	for _, line := range []string{"python app.py", "python -m http.server", "pipe x", "echo pip install x", "corepack enable", "python -c pass"} {
		if c := parseLine(t, line); c != nil {
			t.Errorf("%s: parsed as %s %q", line, c.Manager.ID, c.Sub)
		}
	}
}

func TestAbbreviationsAreManagerSpecific(t *testing.T) {
	// pip resolves a unique prefix; an ambiguous one stays as written
	if c := parseLine(t, "pip install --no-c x"); c.Has("--no-cache-dir") {
		t.Errorf("--no-c is ambiguous for pip (--no-cache-dir, --no-color, --no-compile...)")
	}
	if c := parseLine(t, "pip install --ind https://example.org/simple x"); len(c.Operands) != 1 || c.Operands[0] != "x" {
		t.Errorf("--ind should take a value as --index-url: %+v", c)
	}
	// apk has no prefix rule
	if c := parseLine(t, "apk add --no-cach x"); c.CacheDisabled() {
		t.Errorf("apk does not expand abbreviations")
	}
}

func TestSubcommandsAndAliases(t *testing.T) {
	for _, tc := range []struct{ line, id, sub string }{
		{"apt-get -qqy install curl", "apt", "install"},
		{"apt-get -o Dpkg::Options::=--force-confold dist-upgrade", "apt", "dist-upgrade"},
		{"apt autoremove", "apt", "autoremove"},
		{"dnf upgrade-minimal -y", "dnf", "upgrade-minimal"},
		{"dnf up-min -y", "dnf", "upgrade-minimal"},
		{"dnf5 rei -y bash", "dnf5", "reinstall"},
		{"yum --setopt=tsflags=nodocs -y install httpd", "yum", "install"},
		{"microdnf --nodocs install -y tar", "microdnf", "install"},
		{"dnf group install -y 'Development Tools'", "dnf", "group install"},
		{"zypper --non-interactive in curl", "zypper", "install"},
		{"zypper cc -a", "zypper", "clean"},
		{"npm i -g typescript", "npm", "install"},
		{"npm isntall x", "npm", "install"},
		{"npm cache clean --force", "npm", "cache clean"},
		{"npm clean-install", "npm", "ci"},
		{"yarn global add pm2", "yarn", "global add"},
		{"yarn workspaces focus --production", "yarn", "workspaces focus"},
		{"corepack pnpm install --frozen-lockfile", "pnpm", "install"},
		{"corepack yarn@4.5.0 install", "yarn", "install"},
		{"pnpm i --prod", "pnpm", "install"},
		{"go mod download", "go", "mod download"},
		{"go install -ldflags=-s ./cmd/x", "go", "install"},
		{"gem i rails -v 7.2.1", "gem", "install"},
		{"cargo b --release", "cargo", "build"},
		{"composer.phar install --no-dev", "composer", "install"},
		{"uv sync --frozen --no-dev", "uv", "sync"},
		{"poetry install --only main --no-root", "poetry", "install"},
		{"pipenv install --deploy --system", "pipenv", "install"},
		{"pipx install black==24.8.0", "pipx", "install"},
		{"python3 -m pipx install black", "pipx", "install"},
		{"apk cache clean", "apk", "cache clean"},
		{"pip cache purge", "pip", "cache purge"},
	} {
		c := parseLine(t, tc.line)
		if c == nil || c.Manager.ID != tc.id || c.Sub != tc.sub {
			t.Errorf("%s: got %+v, want %s %q", tc.line, c, tc.id, tc.sub)
		}
	}
}

func TestYarnAloneInstalls(t *testing.T) {
	if c := parseLine(t, "yarn --frozen-lockfile"); c.Action != Install || c.Sub != "" {
		t.Errorf("got %+v", c)
	}
	if c := parseLine(t, "yarn build"); c.Action != Other || c.Sub != "build" {
		t.Errorf("got %+v", c)
	}
}

func TestOptions(t *testing.T) {
	c := parseLine(t, "apt-get install -qqy --no-install-recommends -t bookworm-backports curl=7.88 wget")
	if !c.Has("-y") || !c.Has("--yes") || !c.Has("--assume-yes") {
		t.Errorf("-qqy should give --yes: %+v", c.Options)
	}
	if v, _ := c.Value("-t", "--target-release"); v != "bookworm-backports" {
		t.Errorf("-t value %q", v)
	}
	if got := c.Operands; !slices.Equal(got, []string{"curl=7.88", "wget"}) {
		t.Errorf("operands %v", got)
	}
	pk := c.Packages()
	if !pk[0].Pinned || pk[0].Name != "curl" || pk[1].Pinned {
		t.Errorf("packages %+v", pk)
	}
	c = parseLine(t, "pip install -rrequirements.txt -r dev.txt --requirement=x.txt")
	if got := c.Values("-r"); !slices.Equal(got, []string{"requirements.txt", "dev.txt", "x.txt"}) {
		t.Errorf("requirements %v", got)
	}
	if c := parseLine(t, "npm install -g pm2"); !c.Has("--global") {
		t.Errorf("-g is --global")
	}
	if c := parseLine(t, "PIP_NO_CACHE_DIR=1 pip install x"); c != nil {
		t.Errorf("assignments are not the program name")
	}
}

func TestPins(t *testing.T) {
	for _, tc := range []struct {
		syn    PinSyntax
		arg    string
		name   string
		pinned bool
	}{
		{AptPin, "curl=7.88.1-10", "curl", true},
		{AptPin, "curl/bookworm-backports", "curl", true},
		{AptPin, "curl", "curl", false},
		{AptPin, "./x.deb", "./x.deb", true},
		{ApkPin, "curl~8", "curl", true},
		{ApkPin, "curl", "curl", false},
		{RpmPin, "httpd-2.4.57", "httpd", true},
		{RpmPin, "python3-devel", "python3-devel", false},
		{ZypperPin, "curl>=8", "curl", true},
		{PipPin, "Django[argon2]>=5,<6", "django", true},
		{PipPin, "flask", "flask", false},
		{PipPin, "git+https://github.com/x/y#egg=y", "y", false},
		{PipPin, "git+https://github.com/x/y.git@v1.2#egg=y", "y", true},
		{PipPin, "git+ssh://git@github.com/x/y.git", "git+ssh://git@github.com/x/y.git", false},
		{PipPin, "git+ssh://git@github.com/x/y.git@0a1b2c3", "git+ssh://git@github.com/x/y.git@0a1b2c3", true},
		{PipPin, "y @ git+https://github.com/x/y.git", "y", false},
		{PipPin, "y @ git+https://github.com/x/y.git@v1", "y", true},
		{PipPin, "git+https://github.com/x/y@${REF}", "git+https://github.com/x/y@${REF}", true},
		{PipPin, ".", ".", true},
		{PipPin, "$PKG", "$pkg", true},
		{NpmPin, "@types/node@20.1.0", "@types/node", true},
		{NpmPin, "@types/node", "@types/node", false},
		{NpmPin, "pm2@latest", "pm2", false},
		{NpmPin, "git+https://github.com/x/y.git", "git+https://github.com/x/y.git", false},
		{NpmPin, "git+https://github.com/x/y.git#abc123", "git+https://github.com/x/y.git#abc123", true},
		{GemPin, "bundler:2.5.18", "bundler", true},
		{GemPin, "bundler", "bundler", false},
		{GoPin, "golang.org/x/tools/gopls@v0.16.2", "golang.org/x/tools/gopls", true},
		{GoPin, "golang.org/x/tools/gopls@latest", "golang.org/x/tools/gopls", false},
		{GoPin, "./cmd/server", "./cmd/server", true},
		{GoPin, "make.go", "make.go", true},
		{GoPin, "github.com/x/tool.go", "github.com/x/tool.go", false},
		{CargoPin, "ripgrep@14.1.0", "ripgrep", true},
		{ComposerPin, "monolog/monolog:^3.0", "monolog/monolog", true},
	} {
		p := ParsePackage(tc.syn, tc.arg)
		if p.Name != tc.name || p.Pinned != tc.pinned {
			t.Errorf("%d %q: got name %q pinned %v, want %q %v", tc.syn, tc.arg, p.Name, p.Pinned, tc.name, tc.pinned)
		}
	}
}

// Every fact is sourced, and the data has no contradictions a consumer would trip on.
func TestDataIsSourced(t *testing.T) {
	programs := map[string]string{}
	for _, m := range Managers() {
		if m.Source.URL == "" || !strings.HasPrefix(m.Source.URL, "https://") {
			t.Errorf("%s: no source", m.ID)
		}
		for _, ca := range m.Caches {
			if ca.Source.URL == "" || ca.Kind == "" || !strings.HasPrefix(ca.Dir, "/") {
				t.Errorf("%s: cache %+v", m.ID, ca)
			}
		}
		for _, p := range m.Programs {
			if other, ok := programs[p]; ok {
				t.Errorf("program %s belongs to %s and %s", p, other, m.ID)
			}
			programs[p] = m.ID
		}
		for _, s := range m.Subcommands {
			if s.Name == "" {
				t.Errorf("%s: unnamed subcommand", m.ID)
			}
		}
	}
	for syn := AptPin; syn <= ComposerPin; syn++ {
		if PinSource[syn].URL == "" {
			t.Errorf("pin syntax %d has no source", syn)
		}
	}
}

func TestLockfiles(t *testing.T) {
	if got := Lockfiles("node"); !slices.Equal(got, []string{"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml"}) {
		t.Errorf("node lockfiles %v", got)
	}
	if got := Lockfiles("python"); !slices.Equal(got, []string{"poetry.lock", "uv.lock", "Pipfile.lock"}) {
		t.Errorf("python lockfiles %v", got)
	}
}

func TestInsecureOptions(t *testing.T) {
	for _, tc := range []struct {
		line, opt string
		tls       bool
	}{
		{"dnf install --no-gpgcheck -y x", "--nogpgcheck", false},
		{"apt-get install -y --allow-unauthenticated x", "--allow-unauthenticated", false},
		{"python3 -m pip install --trusted-host example.org x", "--trusted-host", true},
		{"pip install --trusted example.org x", "--trusted-host", true},
	} {
		in, ok := parseLine(t, tc.line).InsecureOption(tc.tls)
		if !ok || in.Option != tc.opt || in.Source.URL == "" {
			t.Errorf("%s: got %+v %v", tc.line, in, ok)
		}
	}
	if _, ok := parseLine(t, "apk add --no-cache x").InsecureOption(false); ok {
		t.Errorf("apk --no-cache is not insecure")
	}
}

// gem hands the arguments after -- to the gem's build: they are not gems.
func TestGemBuildFlags(t *testing.T) {
	c := parseLine(t, "gem install pg:1.5.9 -- --with-pg-config=/usr/bin/pg_config")
	if pk := c.Packages(); len(pk) != 1 || pk[0].Name != "pg" || !pk[0].Pinned {
		t.Errorf("packages %+v", pk)
	}
	if len(c.PassedThrough) != 1 {
		t.Errorf("passed through %v", c.PassedThrough)
	}
}
