package size

import (
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// Helpers shared by the size (DO1xx) and cache (DO2xx) rules.

// imageStages returns the stages whose layers end up in the image `docker build` produces
// without --target: the final stage and the stages it is built FROM, transitively. Layers of
// other stages never reach the image (only what COPY --from takes from them).
func imageStages(p *rule.Pass) map[*dockerfile.Stage]bool {
	return p.Memo("size.imageStages", func() any {
		out := map[*dockerfile.Stage]bool{}
		for st := p.File.FinalStage(); st != nil && !out[st]; st = p.File.BaseStage(st) {
			out[st] = true
		}
		return out
	}).(map[*dockerfile.Stage]bool)
}

// inImage reports whether an instruction's layer ends up in the final image.
func inImage(p *rule.Pass, in *dockerfile.Instruction) bool {
	return in.Stage != nil && imageStages(p)[in.Stage]
}

// discardMounted reports whether a path is on a cache or tmpfs mount of the RUN (or below
// one), so that what the RUN writes there never reaches the layer.
func discardMounted(in *dockerfile.Instruction, paths ...string) bool {
	targets := ruleutil.MountTargets(in, "cache", "tmpfs")
	for _, p := range paths {
		if pathUnder(p, targets...) {
			return true
		}
	}
	return false
}

// pathUnder reports whether p equals one of dirs or lies below it.
func pathUnder(p string, dirs ...string) bool {
	p = path.Clean(p)
	for _, d := range dirs {
		d = path.Clean(d)
		if p == d || d == "/" || strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}

// cleanGlob turns an rm argument into the path it removes: a trailing "/*", "/" or "/."
// means the directory's contents, which for our purposes is the directory.
func cleanGlob(a string) string {
	for _, suf := range []string{"/*", "/.*", "/", "/."} {
		for strings.HasSuffix(a, suf) && len(a) > len(suf) {
			a = strings.TrimSuffix(a, suf)
		}
	}
	return a
}

// rmTargets returns the paths an `rm` command removes (flags skipped), or nil for another
// command. `find DIR ... -delete` counts as removing DIR's contents.
func rmTargets(c *dockerfile.Command) []string {
	switch c.Name {
	case "rm":
		return c.Positional()
	case "find":
		if c.HasFlag("-delete") || hasArgSeq(c.Args, "-exec", "rm") {
			var out []string
			for _, a := range c.Args {
				if strings.HasPrefix(a, "-") || a == "!" || a == "(" {
					break
				}
				out = append(out, a)
			}
			return out
		}
	}
	return nil
}

func hasArgSeq(args []string, seq ...string) bool {
	for i := 0; i+len(seq) <= len(args); i++ {
		ok := true
		for j, s := range seq {
			if args[i+j] != s {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// expandBraces expands one level of shell brace lists: /var/lib/{apt,dpkg} → two paths.
func expandBraces(a string) []string {
	i := strings.IndexByte(a, '{')
	j := strings.IndexByte(a, '}')
	if i < 0 || j < i || !strings.Contains(a[i:j], ",") {
		return []string{a}
	}
	var out []string
	for _, alt := range strings.Split(a[i+1:j], ",") {
		out = append(out, expandBraces(a[:i]+alt+a[j+1:])...)
	}
	return out
}

// removesUnder reports whether a command removes a path equal to or containing one of dirs
// (e.g. `rm -rf /var/lib/apt/lists/*` for /var/lib/apt/lists).
func removesUnder(c *dockerfile.Command, dirs ...string) bool {
	for _, t := range rmTargets(c) {
		for _, e := range expandBraces(t) {
			e = cleanGlob(e)
			if !strings.HasPrefix(e, "/") {
				continue
			}
			for _, d := range dirs {
				// removing the directory, a parent, or (with a glob) its contents
				if pathUnder(d, e) || pathUnder(e, d) && strings.ContainsAny(t, "*") && path.Dir(e) == d {
					return true
				}
			}
		}
	}
	return false
}

// cmdIndex returns the position of c in the script's commands.
func cmdIndex(s *dockerfile.Script, c *dockerfile.Command) int {
	for i, x := range s.Commands {
		if x == c {
			return i
		}
	}
	return -1
}

// outsideHeredocs drops edits that fall inside a heredoc body of in: the fix engine keeps
// heredoc bodies byte-identical, so such a fix would never apply.
func outsideHeredocs(in *dockerfile.Instruction, edits []rule.TextEdit) []rule.TextEdit {
	for _, h := range in.Heredocs {
		if h.ContentOffset < 0 {
			continue
		}
		for _, e := range edits {
			if e.End >= h.ContentOffset && e.Start <= in.EndOffset {
				return nil
			}
		}
	}
	return edits
}

// sudoPrefix returns "sudo " when the command was run through sudo.
func sudoPrefix(c *dockerfile.Command) string {
	for _, w := range c.Wrappers {
		if w == "sudo" {
			return "sudo "
		}
	}
	return ""
}

// lastCommand returns the last command of the script for which match is true.
func lastCommand(s *dockerfile.Script, match func(*dockerfile.Command) bool) *dockerfile.Command {
	var last *dockerfile.Command
	for _, c := range s.Commands {
		if match(c) {
			last = c
		}
	}
	return last
}

// matching returns the first command of the script that satisfies match and the position of
// the last one (nil and -1 for none): the install a finding names, and where its cleanup must
// come after.
func matching(s *dockerfile.Script, match func(*dockerfile.Command) bool) (first *dockerfile.Command, last int) {
	last = -1
	for i, c := range s.Commands {
		if match(c) {
			last = i
			if first == nil {
				first = c
			}
		}
	}
	return first, last
}

// isURL reports whether a COPY/ADD source is a remote URL or git reference.
func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") ||
		strings.HasPrefix(l, "git@") || strings.HasPrefix(l, "git://") || strings.HasPrefix(l, "ssh://")
}

// archiveExts are the file endings of archives ADD extracts (tar with identity, gzip, bzip2
// or xz compression) and of other archives users download to unpack.
var archiveExts = []string{".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz",
	".tar.zst", ".tzst", ".tar.lz", ".tar.lzma", ".gz", ".bz2", ".xz", ".zst", ".zip", ".7z"}

// hasArchiveExt reports whether a path or URL names an archive.
func hasArchiveExt(s string) bool {
	l := strings.ToLower(s)
	if i := strings.IndexAny(l, "?#"); i >= 0 && isURL(l) {
		l = l[:i]
	}
	for _, e := range archiveExts {
		if strings.HasSuffix(l, e) {
			return true
		}
	}
	return false
}

// addExtracts reports whether ADD unpacks a local file of that name: a tar archive, plain or
// compressed (gzip, bzip2, xz, zstd...). ADD never extracts zip or 7z archives: it copies them.
// Source: https://docs.docker.com/reference/dockerfile/#adding-local-tar-archives
func addExtracts(s string) bool {
	l := strings.ToLower(s)
	return hasArchiveExt(l) && !strings.HasSuffix(l, ".zip") && !strings.HasSuffix(l, ".7z")
}

// splitImage returns an image's repository as people write it, lower-case ("python",
// "bitnami/redis", "gcr.io/distroless/static"), and its tag ("latest" when none). ok is
// false for an empty or unresolved reference and for scratch.
func splitImage(ref string) (repo, tag string, ok bool) {
	if ref == "" || strings.Contains(ref, "$") || strings.EqualFold(ref, "scratch") {
		return "", "", false
	}
	r := dockerfile.ParseImageRef(ref)
	repo, tag = strings.ToLower(r.Familiar()), r.Tag
	if tag == "" {
		tag = "latest"
	}
	return repo, tag, repo != ""
}

// expandPath resolves ARG/ENV references in a shell word (quotes already removed) and makes
// it absolute against cwd; "" when a variable is unknown (e.g. set by the script itself).
func expandPath(f *dockerfile.File, in *dockerfile.Instruction, cwd, w string) string {
	if strings.Contains(w, "$") {
		v, ok := f.Expand(in, w)
		if !ok || strings.Contains(v, "$") {
			return ""
		}
		w = v
	}
	return ruleutil.AbsPath(cwd, w)
}
