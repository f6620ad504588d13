package output

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
)

// JUnit XML, the test report CI systems read (Jenkins, GitLab's artifacts:reports:junit,
// Azure Pipelines...). Each Dockerfile is a <testsuite>; each finding a failed <testcase>
// (classname the file, name the rule and line), each file error an <error>; a file with
// neither has one passing testcase, so that it shows as checked.

type junitFailure struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Error     *junitFailure `xml:"error,omitempty"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitRoot struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

func writeJUnit(w io.Writer, res *Result) error {
	suites := map[string]*junitSuite{}
	get := func(file string) *junitSuite {
		if s, ok := suites[file]; ok {
			return s
		}
		s := &junitSuite{Name: file, Time: "0"}
		suites[file] = s
		return s
	}
	for file := range res.Sources {
		get(file)
	}
	for _, e := range res.Errors {
		s := get(e.File)
		loc := e.File
		if e.Line > 0 {
			loc += ":" + strconv.Itoa(e.Line)
		}
		s.Cases = append(s.Cases, junitCase{Name: "parse", Classname: e.File,
			Error: &junitFailure{Type: "error", Message: e.Message, Text: loc + ": " + e.Message}})
		s.Errors++
	}
	for _, f := range res.Findings {
		s := get(f.File)
		text := fmt.Sprintf("%s:%d:%d %s %s %s: %s", f.File, f.Line, f.Column, f.Severity, f.Rule.ID, f.Rule.Name, f.Message)
		if f.Fix != nil {
			text += " [fixable]"
		}
		s.Cases = append(s.Cases, junitCase{
			Name:      fmt.Sprintf("%s %s (line %d)", f.Rule.ID, f.Rule.Name, f.Line),
			Classname: f.File,
			Failure:   &junitFailure{Type: f.Severity.String(), Message: f.Message, Text: text},
		})
		s.Failures++
	}
	root := junitRoot{Name: "dockopt lint"}
	names := make([]string, 0, len(suites))
	for n := range suites {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s := suites[n]
		if len(s.Cases) == 0 {
			s.Cases = []junitCase{{Name: "dockopt lint", Classname: n}}
		}
		s.Tests = len(s.Cases)
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Errors += s.Errors
		root.Suites = append(root.Suites, *s)
	}
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
