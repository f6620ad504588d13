package correctness

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// CopyMultipleSourcesNeedsSlash is DO502 (copy-multiple-sources-needs-slash).
	CopyMultipleSourcesNeedsSlash = &rule.Rule{
		ID:          "DO502",
		Name:        "copy-multiple-sources-needs-slash",
		Family:      rule.Correctness,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3021", "trivy:AVD-DS-0011"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds COPY or ADD with more than one source (files or heredocs) whose destination " +
				"does not end with `/` (`.` and `..` count as directories). Destinations with variables " +
				"are checked after ARG/ENV substitution and skipped when a value is unknown.",
			Why: "The Dockerfile reference requires a directory destination ending in `/` for several " +
				"sources. The legacy builder (and tools following the reference, such as kaniko) fail " +
				"with \"When using COPY with more than one source file, the destination must be a " +
				"directory and end with a /\"; BuildKit accepts it, but when the destination does not " +
				"exist yet it is created from the first source, so the result depends on the order and " +
				"on what earlier layers created. " +
				"Severity: a warning, where hadolint's DL3021 is an error: BuildKit builds it; the legacy " +
				"builder and kaniko fail.",
			Example:    "COPY package.json package-lock.json /app",
			UseInstead: "COPY package.json package-lock.json /app/",
			Fixed:      "A COPY of several sources ends its destination with /",
			FixNotes: "Appends `/` to the destination. Safe: a directory destination is what several " +
				"sources need, and an existing directory behaves the same with or without the slash.",
			References: []string{
				"https://docs.docker.com/reference/dockerfile/#copy (\"If multiple <src> resources are specified ... <dest> must be a directory, and it must end with a slash /\")",
				"https://github.com/hadolint/hadolint/wiki/DL3021",
			},
		},
		Check: func(p *rule.Pass) {
			for _, in := range p.File.Instructions {
				sd := ruleutil.SourcesAndDest(in)
				if sd == nil {
					continue
				}
				n := len(sd.SourcePaths) + len(sd.SourceContents)
				if n < 2 || relIsDirDest(sd.DestPath) {
					continue
				}
				dest := sd.DestPath
				if strings.Contains(dest, "$") {
					v, ok := p.File.Expand(in, dest)
					if !ok || relIsDirDest(v) {
						continue
					}
				}
				p.Report(in, fmt.Sprintf("%s of %d sources into %s: a destination for several sources must end with /", strings.ToUpper(in.Cmd), n, dest),
					rule.WithFix("append / to the destination", relDestSlashFix(p.File, in, dest)...))
			}
		},
	}
)

func relIsDirDest(d string) bool {
	return d == "" || strings.HasSuffix(d, "/") || strings.HasSuffix(d, `\`) || d == "." || d == ".." ||
		strings.HasSuffix(d, "/.") || strings.HasSuffix(d, "/..")
}

// relDestSlashFix inserts "/" after the destination, the last word of the instruction's
// command part.
func relDestSlashFix(f *dockerfile.File, in *dockerfile.Instruction, dest string) []rule.TextEdit {
	if strings.ContainsAny(dest, `"\`) {
		return nil
	}
	end := in.EndOffset
	if len(in.Heredocs) > 0 && in.Heredocs[0].ContentOffset > in.StartOffset {
		end = f.LineEndOffset(in.Heredocs[0].StartLine - 1)
	}
	text := string(f.Source[in.StartOffset:end])
	i := strings.LastIndex(text, dest)
	if i < 0 {
		return nil
	}
	// only closing quotes, brackets and white space may follow the destination
	if strings.Trim(text[i+len(dest):], " \t\r\n\"]") != "" {
		return nil
	}
	if in.JSON && (i == 0 || text[i-1] != '"') {
		return nil
	}
	off := in.StartOffset + i + len(dest)
	return []rule.TextEdit{{Start: off, End: off, New: "/"}}
}
