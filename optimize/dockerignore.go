package optimize

import (
	"path"
	"sort"
	"strings"

	"github.com/moby/patternmatcher"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
)

// ignoreCandidate is a .dockerignore pattern dockopt proposes, with the reason it is proposed.
type ignoreCandidate struct {
	Pattern string
	Why     string
	// Paths are context entries (top-level names or file globs) whose presence triggers it; an
	// always-on candidate has none.
	Paths []string
}

// ignoreCandidates are grouped as the report shows them. Patterns use .dockerignore syntax
// (moby/patternmatcher: `**` matches any number of directories, and a pattern without it
// matches at the top of the context only). Secrets, caches, logs and other files that are
// junk wherever they are match at any depth; directory names that may also be source
// (build, dist, test, docs...) match at the top only.
var ignoreCandidates = []ignoreCandidate{
	{".git", "version control history", []string{".git"}},
	{".hg", "version control history", []string{".hg"}},
	{".svn", "version control history", []string{".svn"}},
	{".gitignore", "version control metadata", []string{".gitignore"}},
	{".gitattributes", "version control metadata", []string{".gitattributes"}},
	{"**/__pycache__", "Python bytecode caches", []string{"__pycache__"}},
	{"**/*.py[cod]", "Python bytecode", []string{"*.pyc", "*.pyo"}},
	{"**/.pytest_cache", "test caches", []string{".pytest_cache"}},
	{"**/.mypy_cache", "type checker caches", []string{".mypy_cache"}},
	{"**/.ruff_cache", "linter caches", []string{".ruff_cache"}},
	{".tox", "test environments", []string{".tox"}},
	{"**/.coverage", "coverage data", []string{".coverage"}},
	{"**/coverage.out", "coverage data", []string{"coverage.out"}},
	{"**/*.coverprofile", "coverage data", []string{"*.coverprofile"}},
	{"htmlcov", "coverage reports", []string{"htmlcov"}},
	{"coverage", "coverage reports", []string{"coverage"}},
	{".nyc_output", "coverage data", []string{".nyc_output"}},
	{".venv", "local virtualenv (the image builds its own)", []string{".venv"}},
	{"venv", "local virtualenv (the image builds its own)", []string{"venv"}},
	{"env", "local virtualenv (the image builds its own)", []string{"env/bin/activate"}},
	{"**/node_modules", "local dependencies (the image installs its own)", []string{"node_modules"}},
	{".npm", "npm cache", []string{".npm"}},
	{".yarn/cache", "yarn cache", []string{".yarn/cache"}},
	{"dist", "local build output (the image builds its own)", []string{"dist"}},
	{"build", "local build output (the image builds its own)", []string{"build"}},
	{"target", "local build output (the image builds its own)", []string{"target"}},
	{"**/*.egg-info", "packaging metadata", []string{"*.egg-info"}},
	{".idea", "IDE settings", []string{".idea"}},
	{".vscode", "IDE settings", []string{".vscode"}},
	{"**/*.swp", "editor swap files", []string{"*.swp"}},
	{"**/*.log", "logs", []string{"*.log"}},
	{"**/npm-debug.log*", "logs", []string{"npm-debug.log"}},
	{"**/.DS_Store", "OS junk", []string{".DS_Store"}},
	{"**/Thumbs.db", "OS junk", []string{"Thumbs.db"}},
	{"tests", "tests are not needed at run time", []string{"tests"}},
	{"test", "tests are not needed at run time", []string{"test"}},
	{"docs", "documentation is not needed at run time", []string{"docs"}},
	{"notes", "notes are not needed at run time", []string{"notes"}},
	{".github", "CI configuration", []string{".github"}},
	{".gitlab-ci.yml", "CI configuration", []string{".gitlab-ci.yml"}},
	{".circleci", "CI configuration", []string{".circleci"}},
	{"docker-compose*.yml", "compose files", []string{"docker-compose.yml", "docker-compose.yaml"}},
	{"Dockerfile*", "the Dockerfiles themselves", nil},
	{".dockerignore*", "the ignore files themselves", nil},
	{"dockopt-report.*", "dockopt's reports", nil},
	{"**/.env", "secrets: environment files", []string{".env"}},
	{"**/.env.*", "secrets: environment files", []string{".env.*"}},
	{"**/*.pem", "secrets: keys and certificates", []string{"*.pem"}},
	{"**/*.key", "secrets: private keys", []string{"*.key"}},
	{"**/id_rsa*", "secrets: SSH keys", []string{"id_rsa"}},
	{"**/id_ed25519*", "secrets: SSH keys", []string{"id_ed25519"}},
	{"**/.npmrc", "secrets: registry credentials", []string{".npmrc"}},
	{"**/.pypirc", "secrets: registry credentials", []string{".pypirc"}},
	{"**/.netrc", "secrets: credentials", []string{".netrc"}},
	{"**/.git-credentials", "secrets: credentials", []string{".git-credentials"}},
	{"**/.aws", "secrets: cloud credentials", []string{".aws"}},
	{"**/.ssh", "secrets: SSH keys", []string{".ssh"}},
	{"**/.docker", "secrets: registry credentials", []string{".docker"}},
}

// goIgnoreCandidates apply when the context is a Go module (go.mod at its top): there `bin`
// is the conventional place of locally built binaries, which the image builds itself (in
// other ecosystems bin/ often holds scripts the app runs, so it is not proposed there).
var goIgnoreCandidates = []ignoreCandidate{
	{"bin", "local build output (the image builds its own)", []string{"bin"}},
}

// IgnoreLine is one line of the generated .dockerignore, with the reason for it.
type IgnoreLine struct {
	Pattern string
	Why     string
	// Kept is true for a line that came from the user's own .dockerignore.
	Kept bool
}

// IgnorePlan is the generated .dockerignore and the context size it leads to.
type IgnorePlan struct {
	Lines []IgnoreLine
	// Skipped are candidates left out because the Dockerfile copies what they would exclude.
	Skipped []IgnoreLine
	// Files and bytes sent to the engine before (with the current ignore file, if any) and
	// after (with the generated one).
	FilesBefore, FilesAfter int
	BytesBefore, BytesAfter int64
}

// Text renders the plan as a .dockerignore file.
func (p *IgnorePlan) Text() string {
	var b strings.Builder
	b.WriteString("# Generated by dockopt optimize: each pattern below keeps something out of the build\n")
	b.WriteString("# context that the image does not need (or must not contain). Your own lines come first.\n")
	lastWhy := ""
	for _, l := range p.Lines {
		if l.Kept {
			b.WriteString(l.Pattern + "\n")
			continue
		}
		if l.Why != lastWhy {
			b.WriteString("\n# " + l.Why + "\n")
			lastWhy = l.Why
		}
		b.WriteString(l.Pattern + "\n")
	}
	return b.String()
}

// Merge returns the user's ignore file text unchanged, followed by the patterns dockopt adds
// (none: the text is returned as it is, so optimizing twice changes nothing). With no user
// file it is Text().
func (p *IgnorePlan) Merge(userText string) string {
	if strings.TrimSpace(userText) == "" {
		return p.Text()
	}
	var b strings.Builder
	b.WriteString(userText)
	if !strings.HasSuffix(userText, "\n") {
		b.WriteString("\n")
	}
	added := false
	lastWhy := ""
	for _, l := range p.Lines {
		if l.Kept {
			continue
		}
		if !added {
			b.WriteString("\n# Added by dockopt optimize: each pattern keeps something out of the build context\n# that the image does not need (or must not contain).\n")
			added = true
		}
		if l.Why != lastWhy {
			b.WriteString("# " + l.Why + "\n")
			lastWhy = l.Why
		}
		b.WriteString(l.Pattern + "\n")
	}
	if !added {
		return userText
	}
	return b.String()
}

// planDockerignore proposes a .dockerignore for ctx: the user's existing patterns first, then
// each candidate whose trigger exists in the context, unless the Dockerfile COPYs or ADDs a
// path the pattern would exclude (checked with moby/patternmatcher, as BuildKit does).
// copied are the context paths the Dockerfile names explicitly (not `.`).
func planDockerignore(ctx *buildctx.Context, copied []string, keepPaths []string) *IgnorePlan {
	plan := &IgnorePlan{}
	var pats []string
	for _, p := range ctx.IgnorePatterns {
		plan.Lines = append(plan.Lines, IgnoreLine{Pattern: p, Kept: true})
		pats = append(pats, p)
	}
	have := map[string]bool{}
	for _, p := range pats {
		have[p] = true
	}
	candidates := ignoreCandidates
	if ctx.Exists("go.mod") {
		candidates = append(append([]ignoreCandidate(nil), candidates...), goIgnoreCandidates...)
	}
	for _, c := range candidates {
		if have[c.Pattern] || !triggered(ctx, c) {
			continue
		}
		if excludesCopied(c.Pattern, append(copied, keepPaths...)) || excludesInside(ctx, c.Pattern, keepPaths) {
			plan.Skipped = append(plan.Skipped, IgnoreLine{Pattern: c.Pattern, Why: c.Why})
			continue
		}
		plan.Lines = append(plan.Lines, IgnoreLine{Pattern: c.Pattern, Why: c.Why})
		pats = append(pats, c.Pattern)
	}
	// Every other file that looks like a secret by the test DO302 uses, by its exact path,
	// so that the output passes dockopt's own rule.
	if m, err := patternmatcher.New(pats); err == nil {
		for _, e := range ctx.Entries {
			if e.IsDir || !buildctx.LikelySecret(ctx, e.Path) {
				continue
			}
			if ok, _ := m.MatchesOrParentMatches(e.Path); ok {
				continue
			}
			pattern := escapePattern(e.Path)
			if excludesCopied(pattern, append(copied, keepPaths...)) || excludesInside(ctx, pattern, keepPaths) {
				plan.Skipped = append(plan.Skipped, IgnoreLine{Pattern: pattern, Why: secretFileWhy})
				continue
			}
			plan.Lines = append(plan.Lines, IgnoreLine{Pattern: pattern, Why: secretFileWhy})
			pats = append(pats, pattern)
		}
	}
	plan.FilesBefore, plan.BytesBefore = ctx.SizeBytes(".", false)
	if m, err := patternmatcher.New(pats); err == nil {
		for _, e := range ctx.Entries {
			if e.IsDir {
				continue
			}
			if ok, _ := m.MatchesOrParentMatches(e.Path); ok {
				continue
			}
			plan.FilesAfter++
			plan.BytesAfter += e.Size
		}
	}
	return plan
}

// excludesInside reports whether pattern excludes a file inside one of the kept directories
// (`**/*.pem` and a `//go:embed certs` directory holding ca.pem).
func excludesInside(ctx *buildctx.Context, pattern string, keep []string) bool {
	m, err := patternmatcher.New([]string{pattern})
	if err != nil {
		return true
	}
	for _, k := range keep {
		if e, ok := ctx.Entry(k); !ok || !e.IsDir {
			continue
		}
		for _, e := range ctx.Entries {
			if !e.IsDir && strings.HasPrefix(e.Path, k+"/") {
				if ok, _ := m.MatchesOrParentMatches(e.Path); ok {
					return true
				}
			}
		}
	}
	return false
}

// secretFileWhy groups the exact-path lines for files that look like secrets.
const secretFileWhy = "secrets: files that look like credentials or keys (the test of DO302)"

// escapePattern makes a context path a .dockerignore pattern that matches only it: the
// pattern characters *, ?, [ and \ are escaped (moby/patternmatcher reads \ as an escape), a
// leading # or ! (a comment, a re-include) is escaped too, and white space at either end,
// which the ignore file reader trims, becomes ? (one character).
func escapePattern(p string) string {
	e := strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`).Replace(p)
	if strings.HasPrefix(e, "#") || strings.HasPrefix(e, "!") {
		e = `\` + e
	}
	trimmed := strings.TrimLeft(e, " \t")
	e = strings.Repeat("?", len(e)-len(trimmed)) + trimmed
	trimmed = strings.TrimRight(e, " \t")
	return trimmed + strings.Repeat("?", len(e)-len(trimmed))
}

func triggered(ctx *buildctx.Context, c ignoreCandidate) bool {
	if c.Paths == nil {
		return true
	}
	for _, p := range c.Paths {
		if strings.ContainsAny(p, "*?[") {
			for _, e := range ctx.Entries {
				if ok, _ := path.Match(p, path.Base(e.Path)); ok {
					return true
				}
			}
			continue
		}
		if ctx.Exists(p) {
			return true
		}
		// also below the root (e.g. app/__pycache__)
		for _, e := range ctx.Entries {
			if path.Base(e.Path) == path.Base(p) && !strings.Contains(p, "/") {
				return true
			}
		}
	}
	return false
}

// excludesCopied reports whether pattern would exclude a path the Dockerfile copies, or a
// parent/child of it.
func excludesCopied(pattern string, copied []string) bool {
	m, err := patternmatcher.New([]string{pattern})
	if err != nil {
		return true
	}
	for _, c := range copied {
		if ok, _ := m.MatchesOrParentMatches(c); ok {
			return true
		}
		// a pattern matching a file inside a copied directory
		prefix := strings.TrimSuffix(c, "/") + "/"
		base := strings.TrimPrefix(pattern, "**/")
		if strings.HasPrefix(base, prefix) {
			return true
		}
	}
	return false
}

// CopiedSources lists the build-context paths the Dockerfile's COPY/ADD instructions name
// (without --from), except "." and "./" which copy everything. Globs are expanded against
// the context.
func CopiedSources(f *dockerfile.File, ctx *buildctx.Context) []string {
	var out []string
	seen := map[string]bool{}
	for _, in := range f.Instructions {
		if in.Cmd != "copy" && in.Cmd != "add" {
			continue
		}
		if _, ok := in.Flag("from"); ok {
			continue
		}
		if len(in.Heredocs) > 0 {
			continue
		}
		args := in.Args
		if len(args) < 2 {
			continue
		}
		for _, src := range args[:len(args)-1] {
			if strings.Contains(src, "://") || strings.HasPrefix(src, "git@") {
				continue
			}
			s := strings.TrimPrefix(path.Clean("/"+src), "/")
			if s == "" || s == "." {
				continue
			}
			if v, ok := f.Expand(in, s); ok {
				s = v
			}
			if strings.ContainsAny(s, "*?[") && ctx != nil {
				for _, m := range ctx.Glob(s) {
					if !seen[m] {
						seen[m] = true
						out = append(out, m)
					}
				}
				continue
			}
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
}
