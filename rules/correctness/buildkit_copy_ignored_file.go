package correctness

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/patternmatcher"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// CopyIgnoredFile is DO019 (copy-ignored-file).
	CopyIgnoredFile = &rule.Rule{
		ID:           "DO019",
		Name:         "copy-ignored-file",
		Family:       rule.Correctness,
		Severity:     rule.Error,
		Equivalents:  []string{"buildkit:CopyIgnoredFile"},
		NeedsContext: true,
		Doc: rule.Doc{
			What: "Finds `COPY` and `ADD` sources from the build context that `.dockerignore` (or " +
				"`<Dockerfile>.dockerignore`) excludes. BuildKit only runs this check when a build client " +
				"sends it the ignore file, so dockopt implements it itself on the scanned context, with " +
				"BuildKit's pattern semantics (github.com/moby/patternmatcher), exclusions (`!pattern`) " +
				"included: a directory is not reported when a re-included file below it is still sent, a " +
				"wildcard source only when every file it matches is excluded, and `COPY . .` only when the " +
				"ignore file excludes the whole context. Sources read from a stage or image (`--from`), " +
				"URLs, heredocs and sources with variables that cannot be resolved are not checked.",
			Why: "Excluded files are not sent to the builder, so the instruction fails with \"not found\", " +
				"or, for a wildcard, silently copies less than intended. Usually either the ignore pattern " +
				"is too broad or the file should not be copied at all.",
			Example:    "# .dockerignore: *.md\nCOPY README.md /app/",
			UseInstead: "# .dockerignore: *.md and !README.md\nCOPY README.md /app/",
			References: []string{
				buildkitlint.DocURL("copy-ignored-file"),
				"https://docs.docker.com/build/concepts/context/#dockerignore-files",
			},
		},
		Check: func(p *rule.Pass) {
			ctx := p.Context
			if ctx == nil || !ctx.HasDockerignore() {
				return
			}
			for _, in := range p.File.Instructions {
				var srcs []string
				kw := strings.ToUpper(in.Cmd)
				switch c := in.Command.(type) {
				case *instructions.CopyCommand:
					if c.From != "" {
						continue
					}
					srcs = c.SourcePaths
				case *instructions.AddCommand:
					srcs = c.SourcePaths
				default:
					continue
				}
				for _, src := range srcs {
					if msg := ignoredSource(p.File, in, ctx, src); msg != "" {
						p.Report(in, fmt.Sprintf("%s source %s", kw, msg))
					}
				}
			}
		},
	}
)

// ignoredSource returns why .dockerignore excludes a COPY/ADD source ("" when it does not).
func ignoredSource(f *dockerfile.File, in *dockerfile.Instruction, ctx *buildctx.Context, src string) string {
	if strings.Contains(src, "://") || strings.HasPrefix(src, "git@") || strings.Contains(src, `\`) {
		return ""
	}
	s, ok := f.Expand(in, src)
	if !ok || s == "" || strings.Contains(s, "$") {
		return ""
	}
	rel := strings.TrimPrefix(path.Clean("/"+s), "/")
	if rel == "" || rel == "." {
		files, excluded := 0, 0
		for _, e := range ctx.Entries {
			if e.IsDir {
				continue
			}
			files++
			if ctx.Ignored(e.Path) {
				excluded++
			}
		}
		if files > 0 && files == excluded {
			return fmt.Sprintf("%q copies nothing: .dockerignore excludes every file of the context", src)
		}
		return ""
	}
	if strings.ContainsAny(rel, "*?[") {
		matched, excluded := 0, 0
		for _, m := range ctx.Glob(rel) {
			if e, ok := ctx.Entry(m); ok && e.IsDir {
				continue
			}
			matched++
			if ctx.Ignored(m) {
				excluded++
			}
		}
		if matched > 0 && matched == excluded {
			return fmt.Sprintf("%q matches only files that .dockerignore excludes%s", src, ignorePatternNote(ctx, rel))
		}
		return ""
	}
	if !ctx.Ignored(rel) {
		return ""
	}
	// a directory still sends the files an exclusion pattern re-includes
	for _, e := range ctx.Entries {
		if !e.IsDir && strings.HasPrefix(e.Path, rel+"/") && !ctx.Ignored(e.Path) {
			return ""
		}
	}
	return fmt.Sprintf("%q is excluded by .dockerignore%s", src, ignorePatternNote(ctx, rel))
}

// ignorePatternNote names the last ignore pattern that excludes rel (or the first file of a
// wildcard), as ` (pattern "x")`.
func ignorePatternNote(ctx *buildctx.Context, rel string) string {
	probe := rel
	if strings.ContainsAny(rel, "*?[") {
		ms := ctx.Glob(rel)
		if len(ms) == 0 {
			return ""
		}
		probe = ms[0]
	}
	last := ""
	for _, pat := range ctx.IgnorePatterns {
		if strings.HasPrefix(pat, "!") {
			continue
		}
		m, err := patternmatcher.New([]string{pat})
		if err != nil {
			continue
		}
		if ok, err := m.MatchesOrParentMatches(probe); err == nil && ok {
			last = pat
		}
	}
	if last == "" {
		return ""
	}
	return fmt.Sprintf(" (pattern %q)", last)
}
