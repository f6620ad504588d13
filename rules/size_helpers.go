package rules

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
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

// stageChain returns a stage and the stages it is built FROM, the stage itself first.
func stageChain(f *dockerfile.File, st *dockerfile.Stage) []*dockerfile.Stage {
	var out []*dockerfile.Stage
	seen := map[*dockerfile.Stage]bool{}
	for ; st != nil && !seen[st]; st = f.BaseStage(st) {
		seen[st] = true
		out = append(out, st)
	}
	return out
}

// rootImage returns the external image a stage is ultimately built from (after ARG
// substitution), "" when unresolvable.
func rootImage(f *dockerfile.File, st *dockerfile.Stage) string {
	ch := stageChain(f, st)
	if len(ch) == 0 {
		return ""
	}
	return ch[len(ch)-1].BaseImage
}

// mountTargets returns the targets of the RUN's --mount flags of the given types (cache,
// tmpfs, bind, secret...). A mount without a type is a bind mount.
func mountTargets(in *dockerfile.Instruction, types ...string) []string {
	var out []string
	for _, m := range in.FlagValues("mount") {
		typ, target := "bind", ""
		for _, kv := range strings.Split(m, ",") {
			k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
			v = strings.Trim(v, `"'`)
			switch strings.ToLower(k) {
			case "type":
				typ = strings.ToLower(v)
			case "target", "dst", "destination":
				target = v
			}
		}
		if target == "" {
			continue
		}
		for _, t := range types {
			if typ == t {
				out = append(out, path.Clean(target))
			}
		}
	}
	return out
}

// discardMounted reports whether a path is on a cache or tmpfs mount of the RUN (or below
// one), so that what the RUN writes there never reaches the layer.
func discardMounted(in *dockerfile.Instruction, paths ...string) bool {
	targets := mountTargets(in, "cache", "tmpfs")
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

// subcommand returns a package manager command's first positional argument.
func pmSubcommand(c *dockerfile.Command) string {
	switch c.Name {
	case "apt-get", "apt", "aptitude":
		return c.Subcommand(aptValueFlags...)
	case "apk":
		return c.Subcommand(apkValueFlags...)
	case "yum", "dnf", "microdnf", "dnf5", "tdnf":
		return c.Subcommand(yumValueFlags...)
	case "zypper":
		return c.Subcommand(zypperValueFlags...)
	}
	return c.Subcommand()
}

var (
	apkValueFlags    = []string{"-X", "--repository", "-p", "--root", "--arch", "--keys-dir", "--repositories-file", "--cache-dir", "-t", "--virtual", "--cache-max-age", "--timeout"}
	yumValueFlags    = []string{"-c", "--config", "--installroot", "--releasever", "--setopt", "--enablerepo", "--disablerepo", "-x", "--exclude", "-d", "--debuglevel", "-e", "--errorlevel", "--repo", "--repoid", "--rpmverbosity", "--disableplugin", "--enableplugin", "--forcearch", "--downloaddir", "--destdir", "--color"}
	zypperValueFlags = []string{"-R", "--root", "-D", "--reposd-dir", "-C", "--cache-dir", "--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir", "-c", "--config", "-r", "--repo", "-t", "--type"}
)

// isAptInstall reports whether a command is apt-get/apt install (or another subcommand that
// downloads packages).
func isAptInstall(c *dockerfile.Command) bool {
	if !c.Is("apt-get", "apt", "aptitude") {
		return false
	}
	switch pmSubcommand(c) {
	case "install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "reinstall", "source":
		return true
	}
	return false
}

// isAptUpdate reports whether a command is apt-get/apt update.
func isAptUpdate(c *dockerfile.Command) bool {
	return c.Is("apt-get", "apt", "aptitude") && pmSubcommand(c) == "update"
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

// appendAfter returns an edit that appends text (e.g. " && rm -rf /var/lib/apt/lists/*")
// right after the top-level shell statement (an and-or list such as `a && b || c`) that
// contains command c, so that it runs once the statement is done. It returns nil when no
// safe position exists: the statement runs in the background, holds a heredoc, or its end
// is not in the file.
func appendAfter(c *dockerfile.Command, text string) []rule.TextEdit {
	if c.Part == nil || c.Part.File == nil {
		return nil
	}
	var top *syntax.Stmt
	for _, st := range c.Part.File.Stmts {
		if st.Pos().Offset() <= c.Call.Pos().Offset() && c.Call.End().Offset() <= st.End().Offset() {
			top = st
			break
		}
	}
	if top == nil || top.Background || top.Coprocess || top.Disown {
		return nil
	}
	if _, ok := top.Cmd.(*syntax.FuncDecl); ok {
		return nil
	}
	hasHeredoc := false
	syntax.Walk(top, func(n syntax.Node) bool {
		if r, ok := n.(*syntax.Redirect); ok && r.Hdoc != nil {
			hasHeredoc = true
		}
		return !hasHeredoc
	})
	if hasHeredoc {
		return nil
	}
	end := stmtEnd(top)
	idx := int(end) - 1
	if idx < 0 || idx >= len(c.Part.Offsets) || c.Part.Offsets[idx] < 0 {
		return nil
	}
	off := c.Part.Offsets[idx] + 1
	return []rule.TextEdit{{Start: off, End: off, New: text}}
}

// stmtEnd is the offset just past a statement's command and redirections, without a
// trailing `;` or `&`.
func stmtEnd(st *syntax.Stmt) uint {
	end := st.Cmd.End().Offset()
	for _, r := range st.Redirs {
		if e := r.End().Offset(); e > end {
			end = e
		}
	}
	return end
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

// absPath resolves p against the working directory wd; "" when it cannot.
func absPath(wd, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	if strings.HasPrefix(p, "~") || strings.Contains(p, "$") || wd == "" {
		return ""
	}
	return path.Join(wd, p)
}

// copyInfo describes a COPY or ADD instruction.
type copyInfo struct {
	Sources []string
	// Dest is the destination as an absolute path, "" when unresolvable.
	Dest string
	// DestDir is true when Dest is a directory (trailing slash, several sources, or ".").
	DestDir bool
	// From is the --from value, "" for the build context.
	From string
}

// copyOf returns what a COPY or ADD copies, or false for another instruction or heredoc
// sources.
func copyOf(f *dockerfile.File, in *dockerfile.Instruction) (copyInfo, bool) {
	if (in.Cmd != "copy" && in.Cmd != "add") || len(in.Args) < 2 || len(in.Heredocs) > 0 {
		return copyInfo{}, false
	}
	ci := copyInfo{}
	ci.From, _ = in.Flag("from")
	for _, s := range in.Args[:len(in.Args)-1] {
		if v, ok := f.Expand(in, s); ok {
			ci.Sources = append(ci.Sources, v)
		} else {
			ci.Sources = append(ci.Sources, s)
		}
	}
	dest, ok := f.Expand(in, in.Args[len(in.Args)-1])
	if !ok {
		return ci, true
	}
	ci.DestDir = strings.HasSuffix(dest, "/") || dest == "." || len(ci.Sources) > 1
	ci.Dest = absPath(f.WorkdirAt(in), dest)
	return ci, true
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

// commandText returns a command's source text (for messages), or its name.
func commandText(c *dockerfile.Command) string {
	if c.Part == nil {
		return c.Name
	}
	s, e := int(c.Call.Pos().Offset()), int(c.Call.End().Offset())
	if s < 0 || e > len(c.Part.Source) || s >= e {
		return c.Name
	}
	t := strings.Join(strings.Fields(strings.ReplaceAll(c.Part.Source[s:e], "\\\n", " ")), " ")
	if len(t) > 60 {
		t = t[:57] + "..."
	}
	return t
}

// isPip reports whether a command runs pip (pip, pip3, pip3.11, python -m pip) and returns
// the arguments after "pip".
func pipArgs(c *dockerfile.Command) ([]string, bool) {
	n := c.Name
	if n == "pip" || strings.HasPrefix(n, "pip3") || strings.HasPrefix(n, "pip2") {
		return c.Args, true
	}
	if strings.HasPrefix(n, "python") {
		for i, a := range c.Args {
			if a == "-m" && i+1 < len(c.Args) && (c.Args[i+1] == "pip" || strings.HasPrefix(c.Args[i+1], "pip3")) {
				return c.Args[i+2:], true
			}
			if !strings.HasPrefix(a, "-") {
				return nil, false
			}
		}
	}
	return nil, false
}

// pipSubcommand returns pip's subcommand (install, download...).
func pipSubcommand(args []string) string {
	skip := false
	for _, a := range args {
		if skip {
			skip = false
			continue
		}
		switch a {
		case "--python", "--log", "--proxy", "--retries", "--timeout", "--exists-action",
			"--trusted-host", "--cert", "--client-cert", "--cache-dir", "--use-feature",
			"--use-deprecated", "--keyring-provider", "--progress-bar":
			skip = true
			continue
		}
		if strings.HasPrefix(a, "-") {
			continue
		}
		return a
	}
	return ""
}

// splitImage splits an image reference into its repository (Docker Hub's "docker.io/" and
// "library/" prefixes removed: "python", "bitnami/redis", "gcr.io/distroless/static") and tag
// ("latest" when none; the digest is dropped). ok is false for an empty or unresolved reference
// and for scratch.
func splitImage(ref string) (repo, tag string, ok bool) {
	if ref == "" || strings.Contains(ref, "$") || strings.EqualFold(ref, "scratch") {
		return "", "", false
	}
	if i := strings.IndexByte(ref, '@'); i >= 0 {
		ref = ref[:i]
	}
	tag = "latest"
	if i := strings.LastIndexByte(ref, ':'); i > strings.LastIndexByte(ref, '/') {
		ref, tag = ref[:i], ref[i+1:]
	}
	ref = strings.ToLower(ref)
	for _, pre := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/"} {
		ref = strings.TrimPrefix(ref, pre)
	}
	ref = strings.TrimPrefix(ref, "library/")
	return ref, tag, ref != ""
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
	return absPath(cwd, w)
}
