// Package output writes lint findings and errors in the formats users script against:
// text (default), json, sarif (2.1.0), github (workflow annotation commands), checkstyle,
// junit (JUnit XML) and codeclimate (the CodeClimate issues GitLab's Code Quality reads).
package output

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// FileError is a file that could not be linted (parse error, unreadable...).
type FileError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// Result is everything one lint run produced.
type Result struct {
	Findings []rule.Finding
	Errors   []FileError
	// Sources maps file names to their bytes, for excerpts in text output.
	Sources map[string][]byte
}

// Formats lists the accepted --format values.
var Formats = []string{"text", "json", "sarif", "github", "checkstyle", "junit", "codeclimate"}

// Options tune the writers.
type Options struct {
	// Color turns on ANSI colours in text output (only when writing to a terminal).
	Color bool
	// NoExcerpt leaves out the source excerpt in text output.
	NoExcerpt bool
	// Version is dockopt's version, written into SARIF.
	Version string
}

// Write writes res in the named format. It returns an error for an unknown format.
func Write(w io.Writer, format string, res *Result, opt Options) error {
	switch format {
	case "", "text":
		return writeText(w, res, opt)
	case "json":
		return writeJSON(w, res)
	case "sarif":
		return writeSARIF(w, res, opt)
	case "github":
		return writeGitHub(w, res)
	case "checkstyle":
		return writeCheckstyle(w, res)
	case "junit":
		return writeJUnit(w, res)
	case "codeclimate":
		return writeCodeClimate(w, res)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var sevColor = map[rule.Severity]string{rule.Error: "\x1b[31m", rule.Warning: "\x1b[33m", rule.Info: "\x1b[36m", rule.Style: "\x1b[35m"}

func writeText(w io.Writer, res *Result, opt Options) error {
	bw := bufio.NewWriter(w)
	w = bw
	// each file's line index is built once: a finding's excerpt is then a slice, not a split
	// of the whole source (which made text output quadratic in the file's size)
	indexes := map[string]*lineIndex{}
	for _, e := range res.Errors {
		fmt.Fprintf(w, "%s: error: %s\n", dockerfile.Pos{File: e.File, Line: e.Line, Column: e.Column}, e.Message)
	}
	for _, f := range res.Findings {
		sev := f.Severity.String()
		id := f.Rule.ID + " " + f.Rule.Name
		if opt.Color {
			sev = sevColor[f.Severity] + sev + ansiReset
			id = ansiBold + id + ansiReset
		}
		fixable := ""
		if f.Fix != nil {
			fixable = " [fixable]"
		}
		fmt.Fprintf(w, "%s %s %s: %s%s\n", dockerfile.Pos{File: f.File, Line: f.Line, Column: f.Column}, sev, id, f.Message, fixable)
		if !opt.NoExcerpt {
			if src, ok := res.Sources[f.File]; ok {
				idx, ok := indexes[f.File]
				if !ok {
					idx = newLineIndex(src)
					indexes[f.File] = idx
				}
				if line := idx.line(f.Line); line != "" {
					prefix := fmt.Sprintf("  %4d | ", f.Line)
					if opt.Color {
						fmt.Fprintf(w, "%s%s%s%s\n", ansiDim, prefix, ansiReset, line)
					} else {
						fmt.Fprintf(w, "%s%s\n", prefix, line)
					}
				}
			}
		}
	}
	return bw.Flush()
}

// line returns line n (1-based) of the source without its line ending, cut to 200 bytes (on a rune
// boundary); "" when there is no such line.
func (li *lineIndex) line(n int) string {
	if n < 1 || n > len(li.starts) {
		return ""
	}
	end := len(li.src)
	if n < len(li.starts) {
		end = li.starts[n] - 1
	}
	l := strings.TrimRight(string(li.src[li.starts[n-1]:end]), "\r")
	if n == 1 {
		l = strings.TrimPrefix(l, "\ufeff") // the byte order mark is not shown
	}
	if len(l) > 200 {
		cut := 200
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		l = l[:cut] + "…"
	}
	return l
}

// JSONFinding is the json format's finding: a contract others script against.
type JSONFinding struct {
	Rule        string   `json:"rule"`
	Name        string   `json:"name"`
	Severity    string   `json:"severity"`
	Family      string   `json:"family"`
	File        string   `json:"file"`
	Line        int      `json:"line"`
	Column      int      `json:"column"`
	EndLine     int      `json:"end_line"`
	EndColumn   int      `json:"end_column"`
	Message     string   `json:"message"`
	Equivalents []string `json:"equivalents"`
	Fixable     bool     `json:"fixable"`
}

// JSONResult is the json format's document.
type JSONResult struct {
	Findings []JSONFinding `json:"findings"`
	Errors   []FileError   `json:"errors"`
}

// ToJSON converts a result to the json format's document.
func ToJSON(res *Result) JSONResult {
	out := JSONResult{Findings: []JSONFinding{}, Errors: res.Errors}
	if out.Errors == nil {
		out.Errors = []FileError{}
	}
	for _, f := range res.Findings {
		eq := f.Rule.Equivalents
		if eq == nil {
			eq = []string{}
		}
		out.Findings = append(out.Findings, JSONFinding{
			Rule: f.Rule.ID, Name: f.Rule.Name, Severity: f.Severity.String(), Family: string(f.Rule.Family),
			File: f.File, Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
			Message: f.Message, Equivalents: eq, Fixable: f.Fix != nil,
		})
	}
	return out
}

func writeJSON(w io.Writer, res *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(ToJSON(res))
}

// github workflow commands: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions
func writeGitHub(w io.Writer, res *Result) error {
	level := map[rule.Severity]string{rule.Error: "error", rule.Warning: "warning", rule.Info: "notice", rule.Style: "notice"}
	for _, e := range res.Errors {
		fmt.Fprintf(w, "::error file=%s,line=%d,title=parse error::%s\n", ghProp(e.File), max(e.Line, 1), ghMsg(e.Message))
	}
	for _, f := range res.Findings {
		fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			level[f.Severity], ghProp(f.File), f.Line, f.Column, f.EndLine, f.EndColumn,
			ghProp(f.Rule.ID+" "+f.Rule.Name), ghMsg(f.Message))
	}
	return nil
}

func ghMsg(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

type csError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

type csFile struct {
	Name   string    `xml:"name,attr"`
	Errors []csError `xml:"error"`
}

type csRoot struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []csFile `xml:"file"`
}

// checkstyle XML, the format hadolint and many CI tools read.
func writeCheckstyle(w io.Writer, res *Result) error {
	files := newByFile(func(n string) *csFile { return &csFile{Name: n} })
	sev := map[rule.Severity]string{rule.Error: "error", rule.Warning: "warning", rule.Info: "info", rule.Style: "info"}
	for _, e := range res.Errors {
		f := files.get(e.File)
		f.Errors = append(f.Errors, csError{Line: e.Line, Column: e.Column, Severity: "error", Message: e.Message, Source: "dockopt.parse"})
	}
	for _, fd := range res.Findings {
		f := files.get(fd.File)
		f.Errors = append(f.Errors, csError{Line: fd.Line, Column: fd.Column, Severity: sev[fd.Severity],
			Message: fd.Message, Source: "dockopt." + fd.Rule.ID})
	}
	root := csRoot{Version: "4.3"}
	files.each(func(_ string, f *csFile) { root.Files = append(root.Files, *f) })
	return writeXML(w, root)
}
