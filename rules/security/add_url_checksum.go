package security

import (
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/dfgitutil"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

var (
	// AddUrlWithoutChecksum is DO310 (add-url-without-checksum).
	AddUrlWithoutChecksum = &rule.Rule{
		ID:       "DO310",
		Name:     "add-url-without-checksum",
		Family:   rule.Security,
		Severity: rule.Warning,
		Doc: rule.Doc{
			What: "Finds `ADD <http(s) URL>` without `--checksum=sha256:...`, and `ADD <Git URL>` " +
				"that pins no commit: no `--checksum=<commit>`, no `?checksum=`/`?commit=` in the " +
				"URL, and a `#ref` that is a branch or tag rather than a full commit SHA.",
			Why: "Without a checksum the build trusts whatever the server returns on that day: a " +
				"compromised or changed download, a moved tag or a force-pushed branch silently " +
				"changes the image. `--checksum` (Dockerfile syntax 1.6+) makes BuildKit verify the " +
				"content, and lets it cache the download because the source is then immutable.",
			Example: "ADD https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 /usr/local/bin/gosu\n" +
				"ADD https://github.com/moby/buildkit.git#v0.26.2 /src",
			UseInstead: "ADD --checksum=sha256:bbc4136d03ab138b1ad66fa4fc051bafc6cc7ffae632b069a53657279a450de3 " +
				"https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 /usr/local/bin/gosu\n" +
				"ADD --checksum=be1f38e https://github.com/moby/buildkit.git#v0.26.2 /src",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#add---checksum",
				"https://docs.docker.com/build/building/best-practices/#add-or-copy",
				"CIS Docker Benchmark v1.6.0, 4.12 Ensure all signed artifacts are validated",
			},
		},
		Check: func(p *rule.Pass) {
			for _, in := range p.File.Instructions {
				checkAddChecksum(p, in)
				if in.OnBuild != nil {
					checkAddChecksum(p, in.OnBuild)
				}
			}
		},
	}
)

func checkAddChecksum(p *rule.Pass, in *dockerfile.Instruction) {
	ac, ok := in.Command.(*instructions.AddCommand)
	if !ok {
		return
	}
	hasChecksum := ac.Checksum != ""
	for _, raw := range ac.SourcePaths {
		src, ok := p.File.Expand(in, raw)
		if !ok {
			src = raw
		}
		if ref, _, err := dfgitutil.ParseGitRef(src); err == nil && !ref.IndistinguishableFromLocal {
			if hasChecksum || ref.Checksum != "" || secIsCommitSHA(ref.Ref) {
				continue
			}
			at := "its default branch"
			if ref.Ref != "" {
				at = ref.Ref
			}
			p.Report(in, "ADD clones "+ref.Remote+" at "+at+" without pinning a commit (add --checksum=<commit SHA>)")
			continue
		}
		lower := strings.ToLower(src)
		if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
			continue
		}
		if hasChecksum {
			continue
		}
		msg := "ADD downloads " + src + " without --checksum: its content is not verified"
		if strings.HasPrefix(lower, "http://") {
			msg += ", and it comes over plain HTTP"
		}
		p.Report(in, msg)
	}
}

// secIsCommitSHA reports whether a Git ref is a full SHA-1 or SHA-256 commit hash.
func secIsCommitSHA(ref string) bool {
	if len(ref) != 40 && len(ref) != 64 {
		return false
	}
	for _, c := range ref {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
