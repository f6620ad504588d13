package security

import (
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// DownloadWithoutChecksum is DO314 (download-without-checksum).
	DownloadWithoutChecksum = &rule.Rule{
		ID:       "DO314",
		Name:     "download-without-checksum",
		Family:   rule.Security,
		Severity: rule.Warning,
		Doc: rule.Doc{
			What: "Finds a curl or wget download in a RUN that is then extracted, installed or run " +
				"(`curl ... | tar -xz`, `curl -o x.tgz URL && tar -xzf x.tgz`, `wget URL/app && chmod +x " +
				"app`, `dpkg -i x.deb`, `sh install.sh`, `mv x /usr/local/bin/`) when nothing in that " +
				"RUN, nor in a later RUN of the stage naming the file, checks it: no `sha256sum`/" +
				"`sha512sum`/`shasum`/`md5sum`, `gpg --verify`, `gpgv`, `cosign verify`, `minisign`, " +
				"`openssl dgst`. Downloads piped into a shell are DO304's; downloads that are only " +
				"read (signatures, checksum lists, keys) are not reported.",
			Why: "The build trusts whatever the server returns that day: a compromised release page, " +
				"a hijacked domain or a changed artifact under the same URL goes into the image " +
				"unnoticed, and a truncated download may still extract. Comparing against a checksum " +
				"written in the Dockerfile (or a signature checked against a pinned key) makes the " +
				"build fail instead, and documents exactly which artifact the image holds. The " +
				"official Docker images verify every download this way.",
			Example: "RUN curl -fsSL https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 -o /usr/local/bin/gosu \\\n" +
				"    && chmod +x /usr/local/bin/gosu",
			UseInstead: "ARG GOSU_SHA256=bbc4136d03ab138b1ad66fa4fc051bafc6cc7ffae632b069a53657279a450de3\n" +
				"RUN curl -fsSL https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 -o /usr/local/bin/gosu \\\n" +
				"    && echo \"${GOSU_SHA256}  /usr/local/bin/gosu\" | sha256sum -c - \\\n" +
				"    && chmod +x /usr/local/bin/gosu\n" +
				"# or: ADD --checksum=sha256:... <url> <dest>",
			References: []string{
				"CIS Docker Benchmark v1.6.0, 4.12 Ensure all signed artifacts are validated",
				"https://docs.docker.com/reference/dockerfile/#add---checksum",
				"https://github.com/docker-library/official-images#image-build (downloads are verified by checksum or signature)",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
				if in.Script != nil {
					checkDownloadChecksum(p, in)
				}
			})
		},
	}
)

// verifiers are programs that check a file's content against a checksum or signature.
var verifiers = map[string]bool{
	"sha1sum": true, "sha224sum": true, "sha256sum": true, "sha384sum": true, "sha512sum": true,
	"md5sum": true, "shasum": true, "b2sum": true, "cksum": true, "gpgv": true, "gpgv2": true,
	"cosign": true, "minisign": true, "signify": true, "slsa-verifier": true, "sha256": true,
}

// extractors read an archive from standard input.
var extractors = map[string]bool{
	"tar": true, "bsdtar": true, "unzip": true, "gunzip": true, "gzip": true, "xz": true, "unxz": true,
	"bzip2": true, "bunzip2": true, "zstd": true, "unzstd": true, "cpio": true, "busybox": true,
}

func checkDownloadChecksum(p *rule.Pass, in *dockerfile.Instruction) {
	if verifiesIn(in, "") {
		return
	}
	cmds := in.Script.Commands
	for i, dl := range cmds {
		if dl.Name != "curl" && dl.Name != "wget" {
			continue
		}
		url := downloadURL(dl)
		if url == "" {
			continue
		}
		if secDownloadsToStdout(dl) {
			if dl.Pipeline == 0 {
				continue
			}
			for _, c := range cmds[i+1:] {
				if c.Pipeline == dl.Pipeline && c.PipeIndex > dl.PipeIndex && extractors[c.Name] {
					p.ReportCommand(in, dl, dl.Name+" download"+secURLNote(dl)+" is piped into "+c.Name+
						" with no checksum or signature check: verify it (sha256sum -c, gpg --verify) or use ADD --checksum")
					break
				}
			}
			continue
		}
		file := downloadFile(dl, url)
		if file == "" || file == "-" {
			continue
		}
		for _, c := range cmds[i+1:] {
			use := fileUse(c, file)
			if use == "" {
				continue
			}
			if laterVerifies(p, in, file) {
				break
			}
			p.ReportCommand(in, dl, dl.Name+" download"+secURLNote(dl)+" is "+use+" with no checksum or signature "+
				"check: verify it (sha256sum -c, gpg --verify) or use ADD --checksum")
			break
		}
	}
}

// verifiesIn reports whether a RUN checks a checksum or signature (of a file whose base name
// is file, when file is not "").
func verifiesIn(in *dockerfile.Instruction, file string) bool {
	if in.Script == nil {
		return false
	}
	for _, c := range in.Script.Commands {
		v := verifiers[c.Name] || c.Name == "gpg" && (c.HasFlag("--verify") || c.HasFlag("--verify-files")) ||
			c.Name == "openssl" && len(c.Args) > 0 && (c.Args[0] == "dgst" || c.Args[0] == "sha256") ||
			c.Name == "rpm" && c.HasFlag("--checksig", "-K")
		if !v {
			continue
		}
		if file == "" {
			return true
		}
		for _, a := range c.Args {
			if baseName(a) == file {
				return true
			}
		}
	}
	return false
}

// laterVerifies reports whether a later RUN of the stage checks the file.
func laterVerifies(p *rule.Pass, in *dockerfile.Instruction, file string) bool {
	if in.Stage == nil {
		return false
	}
	after := false
	for _, x := range in.Stage.Instructions {
		if x == in {
			after = true
			continue
		}
		if after && x.Cmd == "run" && verifiesIn(x, file) {
			return true
		}
	}
	return false
}

// downloadURL returns the first URL argument of a curl/wget command, "" when none.
func downloadURL(c *dockerfile.Command) string {
	for _, a := range c.Args {
		if secURLRe.MatchString(strings.Trim(a, `"'`)) {
			return strings.Trim(a, `"'`)
		}
	}
	return ""
}

// downloadFile returns the base name of the file a curl/wget command writes, "" when unknown.
func downloadFile(c *dockerfile.Command, url string) string {
	if c.Name == "curl" {
		if v, ok := c.FlagValue("--output"); ok {
			return baseName(v)
		}
		if v, ok := secShortOpt(c.Args, 'o', curlValueShorts); ok {
			return baseName(v)
		}
		if _, ok := secShortOpt(c.Args, 'O', curlValueShorts); ok || c.HasFlag("--remote-name") {
			return baseName(strings.SplitN(strings.SplitN(url, "?", 2)[0], "#", 2)[0])
		}
		return ""
	}
	if v, ok := c.FlagValue("--output-document"); ok {
		return baseName(v)
	}
	if v, ok := secShortOpt(c.Args, 'O', wgetValueShorts); ok {
		return baseName(v)
	}
	return baseName(strings.SplitN(strings.SplitN(url, "?", 2)[0], "#", 2)[0])
}

// baseName is the last path element of a shell word, quotes removed; "" for an empty or
// directory-like word.
func baseName(w string) string {
	w = strings.Trim(w, `"'`)
	if w == "" || strings.HasSuffix(w, "/") {
		return ""
	}
	return path.Base(w)
}

// fileUse says how a command uses a downloaded file ("extracted by tar"), "" when it does not
// extract, install or run it.
func fileUse(c *dockerfile.Command, file string) string {
	if baseName(c.Name) == file {
		return "run"
	}
	idx := -1
	for i, a := range c.Args {
		if baseName(a) == file {
			idx = i
			break
		}
	}
	if idx < 0 {
		return ""
	}
	switch {
	case extractors[c.Name] || c.Name == "7z" || c.Name == "7za":
		return "extracted by " + c.Name
	case c.Is("dpkg", "rpm", "apt-get", "apt", "yum", "dnf", "microdnf", "zypper", "apk", "gdebi"):
		return "installed by " + c.Name
	case secShells[c.Name], c.Name == "source", c.Name == ".", c.Name == "java", pkgmgr.IsPython(c.Name), c.Name == "perl":
		return "run by " + c.Name
	case c.Name == "chmod" && idx > 0 && chmodExec(c.Args[:idx]):
		return "made executable"
	case c.Is("install"):
		return "installed"
	case c.Is("mv", "cp") && idx < len(c.Args)-1 && strings.Contains(c.Args[len(c.Args)-1], "bin"):
		return "installed into " + strings.Trim(c.Args[len(c.Args)-1], `"'`)
	}
	return ""
}

// chmodExec reports whether chmod's mode arguments make a file executable (+x, a+rx, 755).
func chmodExec(args []string) bool {
	for _, m := range args {
		if strings.HasPrefix(m, "-") && !strings.ContainsAny(m, "+=") {
			continue // an option such as -R
		}
		if strings.ContainsAny(m, "+=") && strings.Contains(m, "x") {
			return true
		}
		if len(m) >= 3 && strings.Trim(m, "01234567") == "" && strings.ContainsAny(m[len(m)-3:], "1357") {
			return true
		}
	}
	return false
}
