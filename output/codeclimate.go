package output

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockopt/dockopt/rule"
)

// The CodeClimate issue format, as GitLab's Code Quality reads it (artifacts:reports:
// codequality): a JSON array of issues, each with description, check_name, fingerprint,
// severity and location.path + location.lines.begin, the fields GitLab requires; type,
// categories and content come from CodeClimate's own specification.

// CodeClimateIssue is one issue of the codeclimate format.
type CodeClimateIssue struct {
	Type        string              `json:"type"`
	CheckName   string              `json:"check_name"`
	Description string              `json:"description"`
	Content     *codeClimateContent `json:"content,omitempty"`
	Categories  []string            `json:"categories"`
	Location    codeClimateLocation `json:"location"`
	Severity    string              `json:"severity"`
	Fingerprint string              `json:"fingerprint"`
}

type codeClimateContent struct {
	Body string `json:"body"`
}

type codeClimateLocation struct {
	Path  string           `json:"path"`
	Lines codeClimateLines `json:"lines"`
}

type codeClimateLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// severity names of the format, per dockopt severity.
var codeClimateSeverity = map[rule.Severity]string{rule.Error: "critical", rule.Warning: "major", rule.Info: "minor", rule.Style: "info"}

// CodeClimate categories per rule family.
var codeClimateCategory = map[rule.Family]string{
	rule.Size: "Performance", rule.Cache: "Performance", rule.Security: "Security",
	rule.Reliability: "Bug Risk", rule.Correctness: "Bug Risk", rule.Style_: "Style",
}

// ccPath is a path as GitLab links it: relative (to the working directory, the checkout in
// CI), slash-separated, without "./".
func ccPath(p string) string {
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	p = filepath.ToSlash(p)
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	return p
}

// fingerprint identifies an issue across runs, so GitLab can tell new issues from fixed ones:
// the file, the rule, the text of the finding's line (not its number, which moves when lines
// are added above) and the occurrence of that triple in the file.
func fingerprint(seen map[string]int, parts ...string) string {
	key := strings.Join(parts, "\x00")
	n := seen[key]
	seen[key]++
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, n)))
	return hex.EncodeToString(sum[:16])
}

func writeCodeClimate(w io.Writer, res *Result) error {
	out := []CodeClimateIssue{}
	seen := map[string]int{}
	indexes := map[string]*lineIndex{}
	lineText := func(file string, n int) string {
		src, ok := res.Sources[file]
		if !ok {
			return ""
		}
		idx, ok := indexes[file]
		if !ok {
			idx = newLineIndex(src)
			indexes[file] = idx
		}
		return strings.TrimSpace(idx.line(n))
	}
	for _, e := range res.Errors {
		out = append(out, CodeClimateIssue{
			Type: "issue", CheckName: "dockopt/parse-error", Description: e.Message, Categories: []string{"Bug Risk"},
			Location: codeClimateLocation{Path: ccPath(e.File), Lines: codeClimateLines{Begin: max(e.Line, 1), End: max(e.Line, 1)}},
			Severity: "blocker", Fingerprint: fingerprint(seen, e.File, "parse-error", e.Message),
		})
	}
	for _, f := range res.Findings {
		desc := fmt.Sprintf("%s %s: %s", f.Rule.ID, f.Rule.Name, f.Message)
		if f.Fix != nil {
			desc += " [fixable: dockopt fix]"
		}
		var content *codeClimateContent
		if f.Rule.Doc.Why != "" {
			content = &codeClimateContent{Body: f.Rule.Doc.Why}
		}
		cat := codeClimateCategory[f.Rule.Family]
		if cat == "" {
			cat = "Bug Risk"
		}
		out = append(out, CodeClimateIssue{
			Type: "issue", CheckName: f.Rule.ID, Description: desc, Content: content, Categories: []string{cat},
			Location: codeClimateLocation{Path: ccPath(f.File), Lines: codeClimateLines{Begin: max(f.Line, 1), End: max(f.EndLine, f.Line, 1)}},
			Severity: codeClimateSeverity[f.Severity], Fingerprint: fingerprint(seen, f.File, f.Rule.ID, lineText(f.File, f.Line)),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
