package security

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// TlsVerificationDisabled is DO306 (tls-verification-disabled).
	TlsVerificationDisabled = &rule.Rule{
		ID:          "DO306",
		Name:        "tls-verification-disabled",
		Family:      rule.Security,
		Severity:    rule.Warning,
		Equivalents: []string{"cis:4.11"},
		Doc: rule.Doc{
			What: "Finds TLS certificate verification turned off: `curl -k`/`--insecure`, " +
				"`wget --no-check-certificate`, `pip --trusted-host` (and `PIP_TRUSTED_HOST`, " +
				"`pip config set global.trusted-host`), `uv --allow-insecure-host`, npm/yarn/pnpm " +
				"`strict-ssl false` (command or config line), `git config http.sslVerify false` " +
				"(or `git -c http.sslVerify=false`), `GIT_SSL_NO_VERIFY`, " +
				"`NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `GOINSECURE`, " +
				"`conda config --set ssl_verify false`, `--insecure-skip-tls-verify` (helm, kubectl), " +
				"composer `disable-tls true`/`secure-http false`, apt " +
				"`Acquire::https::Verify-Peer/Verify-Host false` and yum/dnf `sslverify=0`. " +
				"Environment settings count in ENV, ARG defaults, `export` and command prefixes. " +
				"Unsigned packages (`apk --allow-untrusted`, `--nogpgcheck`...) are DO307.",
			Why: "Without certificate verification anyone on the network path (a compromised proxy, " +
				"a hostile Wi-Fi, a poisoned DNS answer in CI) can serve their own packages and " +
				"scripts, which then run as root in the build and ship in the image. A corporate " +
				"TLS-intercepting proxy is better handled by adding its CA certificate to the image " +
				"(`update-ca-certificates`) or mounting it as a build secret.",
			Example: "RUN curl -k https://example.com/tool.tgz | tar -xz\n" +
				"RUN pip install --trusted-host pypi.org --trusted-host files.pythonhosted.org -r requirements.txt\n" +
				"ENV NODE_TLS_REJECT_UNAUTHORIZED=0",
			UseInstead: "COPY corp-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates\n" +
				"RUN curl -fsSL https://example.com/tool.tgz | tar -xz\n" +
				"RUN pip install --cert /etc/ssl/certs/ca-certificates.crt -r requirements.txt",
			References: []string{
				"https://curl.se/docs/manpage.html#-k",
				"CIS Docker Benchmark v1.6.0, 4.11 Ensure only verified packages are installed",
				"https://www.gnu.org/software/wget/manual/wget.html#HTTPS-_0028SSL_002fTLS_0029-Options",
				"https://pip.pypa.io/en/stable/cli/pip/#cmdoption-trusted-host",
				"https://docs.npmjs.com/cli/v10/using-npm/config#strict-ssl",
				"https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslVerify",
				"https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue",
				"https://peps.python.org/pep-0493/",
				"https://go.dev/ref/mod#environment-variables",
				"https://docs.docker.com/engine/network/ca-certs/",
			},
		},
		Check: checkTLSVerification,
	}
)

// secTLSConfigLines are settings written into configuration files (or passed as options)
// that turn verification off, matched in the RUN's shell code and heredoc bodies.
var secTLSConfigLines = []struct {
	re  *lazyre.Regexp
	msg string
}{
	{lazyre.New(`(?i)\bstrict-ssl\s*[=\s]\s*["']?false\b`), "strict-ssl false turns off npm's TLS certificate verification"},
	{lazyre.New(`\benableStrictSsl\s*[:\s]\s*["']?false\b`), "enableStrictSsl false turns off Yarn's TLS certificate verification"},
	{lazyre.New(`(?i)\bhttp\.(\S+\.)?sslVerify\s*[=\s]\s*["']?(false|no|off|0)\b`), "http.sslVerify false turns off Git's TLS certificate verification"},
	{lazyre.New(`(?i)\bAcquire::https::(\S+::)?Verify-(Peer|Host)\s*[=\s]\s*["']?(false|no|0)\b`), "Acquire::https::Verify-Peer/Host false turns off apt's TLS certificate verification"},
	{lazyre.New(`(?im)(^|[^\w.]|\\[nt])sslverify\s*=\s*(0|false|no)\b`), "sslverify=0/false turns off TLS certificate verification (yum/dnf repository or Git configuration)"},
	{lazyre.New(`(?i)\bssl_verify\s*[:\s]\s*(false|no|0)\b`), "ssl_verify false turns off conda's TLS certificate verification"},
	{lazyre.New(`\bdisable-tls\s+["']?true\b`), "composer disable-tls true downloads packages without TLS"},
	{lazyre.New(`\bsecure-http\s+["']?false\b`), "composer secure-http false allows package downloads over plain HTTP"},
	{lazyre.New(`\bglobal\.trusted-host\b`), "pip's trusted-host setting turns off TLS certificate verification for its hosts"},
}

// secTLSWords are lower-case words one of which every secTLSConfigLines expression needs
// (TestTLSConfigLinesNeedAWord checks it): a RUN whose parts hold none is not scanned with
// the nine expressions.
var secTLSWords = []string{"ssl", "acquire::", "tls", "secure-http", "trusted-host"}

// secTLSMayConfigure reports whether a part of in's script holds one of secTLSWords (or is not
// ASCII: a case-insensitive s or k also matches the long s and the Kelvin sign).
func secTLSMayConfigure(p *rule.Pass, in *dockerfile.Instruction) bool {
	for _, lp := range secLowerParts(p, in) {
		if !lp.ascii {
			return true
		}
		for _, w := range secTLSWords {
			if strings.Contains(lp.lower, w) {
				return true
			}
		}
	}
	return false
}

func checkTLSVerification(p *rule.Pass) {
	f := p.File
	for _, in := range f.Instructions {
		for _, x := range []*dockerfile.Instruction{in, in.OnBuild} {
			if x == nil {
				continue
			}
			for _, kv := range secEnvSettings(f, x, secTLSEnvName) {
				if msg := secInsecureEnv(kv[0], kv[1]); msg != "" {
					p.Report(x, strings.ToUpper(x.Cmd)+" "+msg)
				}
			}
		}
	}
	ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
		if in.Script == nil {
			return
		}
		report := secReportOnce(p, in)
		for _, c := range in.Script.Commands {
			if msg := secInsecureCommand(c); msg != "" {
				report(c.StartOffset(), c.EndOffset(), msg)
			}
		}
		for _, s := range secRunSettingsOf(p, in) {
			if msg := secInsecureEnv(s.Name, s.Value); msg != "" {
				report(s.Offset, s.Offset+len(s.Name), "RUN "+msg)
			}
		}
		if !secTLSMayConfigure(p, in) {
			return
		}
		for _, cl := range secTLSConfigLines {
			for _, off := range secScanRun(p, in, cl.re.Regexp()) {
				report(off, off+1, cl.msg)
			}
		}
	})
}

// secTLSEnv maps each environment variable that can turn TLS verification off to the test of
// its value (v is the value trimmed and lower-cased): the message, or "" when verification
// stays on.
var secTLSEnv = map[string]func(v, value string) string{
	// git checks only that the variable is set
	"GIT_SSL_NO_VERIFY": func(string, string) string {
		return "sets GIT_SSL_NO_VERIFY: Git skips TLS certificate verification"
	},
	"NODE_TLS_REJECT_UNAUTHORIZED": func(v, _ string) string {
		return ifStr(v == "0", "sets NODE_TLS_REJECT_UNAUTHORIZED=0: Node.js accepts any TLS certificate")
	},
	"PYTHONHTTPSVERIFY": func(v, _ string) string {
		return ifStr(v == "0", "sets PYTHONHTTPSVERIFY=0: Python's urllib accepts any TLS certificate")
	},
	"PIP_TRUSTED_HOST": func(v, value string) string {
		return ifStr(v != "", "sets PIP_TRUSTED_HOST: pip skips TLS certificate verification for "+value)
	},
	"NPM_CONFIG_STRICT_SSL": func(v, _ string) string {
		return ifStr(v == "false" || v == "0", "sets NPM_CONFIG_STRICT_SSL=false: npm accepts any TLS certificate")
	},
	"GOINSECURE": func(v, _ string) string {
		return ifStr(v != "", "sets GOINSECURE: Go fetches those modules without TLS verification")
	},
}

func ifStr(cond bool, s string) string {
	if cond {
		return s
	}
	return ""
}

// secTLSEnvName reports whether secInsecureEnv judges the variable name (in any case), so that
// other settings' values need not be expanded.
func secTLSEnvName(name string) bool {
	_, ok := secTLSEnv[strings.ToUpper(name)]
	return ok
}

// secInsecureEnv returns a message when an environment setting turns verification off.
func secInsecureEnv(name, value string) string {
	test, ok := secTLSEnv[strings.ToUpper(name)]
	if !ok {
		return ""
	}
	return test(strings.ToLower(strings.TrimSpace(value)), value)
}

// secInsecureCommand returns a message when a command turns TLS verification off.
func secInsecureCommand(c *dockerfile.Command) string {
	switch {
	case c.Name == "curl":
		if _, ok := secShortOpt(c.Args, 'k', curlValueShorts); ok || c.HasFlag("--insecure", "--proxy-insecure") {
			return "curl -k/--insecure turns off TLS certificate verification"
		}
	case c.Name == "wget":
		if c.HasFlag("--no-check-certificate") {
			return "wget --no-check-certificate turns off TLS certificate verification"
		}
	}
	if call, ok := ruleutil.PmOf(c); ok {
		if in, ok := call.InsecureOption(true); ok {
			return call.Manager.ID + " " + in.Option + " " + in.Effect
		}
	}
	for _, a := range c.Args {
		if a == "--insecure-skip-tls-verify" || a == "--insecure-skip-tls-verify=true" {
			return c.Name + " --insecure-skip-tls-verify turns off TLS certificate verification"
		}
	}
	return ""
}
