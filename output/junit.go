package output

import (
	"encoding/xml"
	"fmt"
	"io"
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
	suites := newByFile(func(file string) *junitSuite { return &junitSuite{Name: file, Time: "0"} })
	for file := range res.Sources {
		suites.get(file)
	}
	for _, e := range res.Errors {
		s := suites.get(e.File)
		loc := e.File
		if e.Line > 0 {
			loc += ":" + strconv.Itoa(e.Line)
		}
		s.Cases = append(s.Cases, junitCase{Name: "parse", Classname: e.File,
			Error: &junitFailure{Type: "error", Message: e.Message, Text: loc + ": " + e.Message}})
		s.Errors++
	}
	for _, f := range res.Findings {
		s := suites.get(f.File)
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
	suites.each(func(n string, s *junitSuite) {
		if len(s.Cases) == 0 {
			s.Cases = []junitCase{{Name: "dockopt lint", Classname: n}}
		}
		s.Tests = len(s.Cases)
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Errors += s.Errors
		root.Suites = append(root.Suites, *s)
	})
	return writeXML(w, root)
}
