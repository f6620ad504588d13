package size

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// packageExts are downloaded files that are installed and then deleted.
var packageExts = []string{".deb", ".rpm", ".apk", ".whl"}

var (
	// AddRemoteArchive is DO114 (add-remote-archive).
	AddRemoteArchive = &rule.Rule{
		ID:       "DO114",
		Name:     "add-remote-archive",
		Family:   rule.Size,
		Severity: rule.Warning,
		Doc: rule.Doc{
			What: "Finds ADD of a URL that names an archive (.tar.gz, .tgz, .zip, .tar.xz...) or an " +
				"package to install (.deb, .rpm, .apk, .whl), in a stage whose layers end up in the " +
				"final image. ADD with `--unpack` is not reported.",
			Why: "ADD stores a downloaded file as is: it does not extract remote archives (only local " +
				"ones). The archive or package therefore stays in ADD's layer even when a later RUN " +
				"extracts or installs it and deletes it, so the image carries it twice, packed and " +
				"unpacked. Downloading, unpacking and deleting in one RUN (or in a build stage) " +
				"leaves only the result. Verifying the download is a separate concern (DO311, " +
				"`ADD --checksum`).",
			Example: "ADD https://example.com/tool-1.2.tar.gz /tmp/\n" +
				"RUN tar -xzf /tmp/tool-1.2.tar.gz -C /opt && rm /tmp/tool-1.2.tar.gz",
			UseInstead: "RUN curl -fsSL https://example.com/tool-1.2.tar.gz -o /tmp/tool.tgz \\\n" +
				" && echo \"<sha256>  /tmp/tool.tgz\" | sha256sum -c - \\\n" +
				" && tar -xzf /tmp/tool.tgz -C /opt && rm /tmp/tool.tgz\n\n" +
				"# or download in a build stage and COPY --from only the extracted files",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#add",
				"https://docs.docker.com/build/building/best-practices/#add-or-copy",
			},
		},
		Check: func(p *rule.Pass) {
			eachAdd(p, func(in *dockerfile.Instruction) {
				if !inImage(p, in) {
					return
				}
				if v, ok := in.Flag("unpack"); ok && v != "false" {
					return
				}
				srcs, ok := addSources(p.File, in)
				if !ok {
					return
				}
				for _, s := range srcs {
					l := strings.ToLower(s)
					if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") || strings.HasSuffix(l, ".git") {
						continue
					}
					kind := ""
					if hasArchiveExt(s) {
						kind = "archive"
					} else {
						u := l
						if i := strings.IndexAny(u, "?#"); i >= 0 {
							u = u[:i]
						}
						for _, e := range packageExts {
							if strings.HasSuffix(u, strings.ToLower(e)) {
								kind = "package"
							}
						}
					}
					if kind == "" {
						continue
					}
					p.Report(in, "ADD stores the downloaded "+kind+" "+s+" in its layer as is (remote archives are not extracted): "+
						"it stays in the image even if a later RUN unpacks and deletes it; download, unpack and delete in one RUN")
					return
				}
			})
		},
	}
)
