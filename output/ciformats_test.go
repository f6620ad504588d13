package output

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"
)

// ciFixture is sarifFixture plus a file with no finding.
func ciFixture() *Result {
	res := sarifFixture()
	res.Sources["clean/Dockerfile"] = []byte("FROM scratch\n")
	return res
}

func write(t *testing.T, format string, res *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, res, Options{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// xmlElem is a parsed XML element.
type xmlElem struct {
	name     string
	attrs    map[string]string
	children []*xmlElem
	text     string
}

func parseXML(t *testing.T, data []byte) *xmlElem {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*xmlElem
	var root *xmlElem
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, data)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			e := &xmlElem{name: tk.Name.Local, attrs: map[string]string{}}
			for _, a := range tk.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, e)
			} else {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tk)
			}
		}
	}
	return root
}

// junitSchema is the JUnit XML schema CI systems validate against (Jenkins xunit-plugin's
// junit-10.xsd, the Ant/Surefire format): per element, its allowed children, its attributes
// and the required ones.
var junitSchema = map[string]struct{ children, attrs, required []string }{
	"testsuites": {[]string{"testsuite"}, []string{"name", "time", "tests", "failures", "errors"}, nil},
	"testsuite": {[]string{"testsuite", "properties", "testcase", "system-out", "system-err"},
		[]string{"name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id", "package", "file", "log", "url"},
		[]string{"name", "tests", "failures", "errors"}},
	"testcase": {[]string{"skipped", "error", "failure", "rerunFailure", "rerunError", "flakyFailure", "flakyError", "system-out", "system-err"},
		[]string{"name", "time", "classname", "group"}, []string{"name"}},
	"failure":    {nil, []string{"type", "message"}, nil},
	"error":      {nil, []string{"type", "message"}, nil},
	"skipped":    {nil, []string{"type", "message"}, nil},
	"properties": {[]string{"property"}, nil, nil},
	"property":   {nil, []string{"name", "value"}, []string{"name", "value"}},
	"system-out": {nil, nil, nil},
	"system-err": {nil, nil, nil},
}

// surefireTime is the schema's SUREFIRE_TIME pattern for time attributes.
var surefireTime = regexp.MustCompile(`^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$`)

func validateJUnit(t *testing.T, e *xmlElem, path string) {
	t.Helper()
	s, ok := junitSchema[e.name]
	if !ok {
		t.Errorf("%s: element <%s> is not in the schema", path, e.name)
		return
	}
	for a, v := range e.attrs {
		if !slices.Contains(s.attrs, a) {
			t.Errorf("%s: attribute %s not allowed on <%s>", path, a, e.name)
		}
		if a == "time" && !surefireTime.MatchString(v) {
			t.Errorf("%s: time %q does not match SUREFIRE_TIME", path, v)
		}
	}
	for _, r := range s.required {
		if _, ok := e.attrs[r]; !ok {
			t.Errorf("%s: <%s> lacks the required attribute %s", path, e.name, r)
		}
	}
	for i, c := range e.children {
		if !slices.Contains(s.children, c.name) {
			t.Errorf("%s: <%s> may not contain <%s>", path, e.name, c.name)
		}
		validateJUnit(t, c, path+"/"+c.name+"["+strconv.Itoa(i)+"]")
	}
}

func TestJUnitValidAgainstSchema(t *testing.T) {
	for _, res := range []*Result{ciFixture(), {}} {
		out := write(t, "junit", res)
		root := parseXML(t, out)
		if root == nil || root.name != "testsuites" {
			t.Fatalf("root element: %+v", root)
		}
		validateJUnit(t, root, "testsuites")
		// the counts agree with the test cases
		total, failures, errors := 0, 0, 0
		for _, s := range root.children {
			n, f, e := 0, 0, 0
			for _, c := range s.children {
				n++
				for _, k := range c.children {
					f += btoi(k.name == "failure")
					e += btoi(k.name == "error")
				}
			}
			if s.attrs["tests"] != strconv.Itoa(n) || s.attrs["failures"] != strconv.Itoa(f) || s.attrs["errors"] != strconv.Itoa(e) {
				t.Errorf("suite %s: counts %v, cases %d/%d/%d", s.attrs["name"], s.attrs, n, f, e)
			}
			total, failures, errors = total+n, failures+f, errors+e
		}
		if root.attrs["tests"] != strconv.Itoa(total) || root.attrs["failures"] != strconv.Itoa(failures) || root.attrs["errors"] != strconv.Itoa(errors) {
			t.Errorf("testsuites counts %v, cases %d/%d/%d", root.attrs, total, failures, errors)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestJUnitContent(t *testing.T) {
	out := string(write(t, "junit", ciFixture()))
	for _, want := range []string{
		`<testsuite name="app/Dockerfile" tests="2" failures="2" errors="0"`,
		`<testcase name="DO101 apt-no-install-recommends (line 3)" classname="app/Dockerfile">`,
		`<failure type="error" message="apt-get install without --no-install-recommends">app/Dockerfile:3:5 error DO101`,
		`<testsuite name="broken/Dockerfile" tests="1" failures="0" errors="1"`,
		`<error type="error" message="unknown instruction: FORM">broken/Dockerfile:4: unknown instruction: FORM</error>`,
		`<testsuite name="clean/Dockerfile" tests="1" failures="0" errors="0" skipped="0" time="0">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("junit output lacks %s:\n%s", want, out)
		}
	}
}

func validateCodeClimate(t *testing.T, doc []byte) {
	t.Helper()
	schema, err := os.ReadFile("testdata/codeclimate.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewBytesLoader(doc))
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	if !r.Valid() {
		t.Errorf("invalid Code Quality report: %v\n%s", r.Errors(), doc)
	}
}

func TestCodeClimateValidAgainstSchema(t *testing.T) {
	// GitLab's documented minimal report passes the schema (it is not stricter than GitLab)
	validateCodeClimate(t, []byte(`[{"description": "'x' is assigned a value but never used.", "check_name": "no-unused-vars",
		"fingerprint": "7815696ecbf1c96e6894b779456d330e", "severity": "minor", "location": {"path": "lib/index.js", "lines": {"begin": 42}}}]`))
	validateCodeClimate(t, write(t, "codeclimate", ciFixture()))
	empty := write(t, "codeclimate", &Result{})
	validateCodeClimate(t, empty)
	if strings.TrimSpace(string(empty)) != "[]" {
		t.Errorf("no findings: %s, want []", empty)
	}
}

func TestCodeClimateContent(t *testing.T) {
	res := ciFixture()
	var issues []CodeClimateIssue
	if err := json.Unmarshal(write(t, "codeclimate", res), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != 4 {
		t.Fatalf("%d issues, want 4 (2 errors, 2 findings): %+v", len(issues), issues)
	}
	apt := issues[3]
	if apt.CheckName != "DO101" || apt.Severity != "critical" || apt.Location.Path != "app/Dockerfile" ||
		apt.Location.Lines.Begin != 3 || apt.Categories[0] != "Performance" || !strings.Contains(apt.Description, "[fixable") {
		t.Errorf("DO101 issue: %+v", apt)
	}
	// fingerprints are unique, and do not change when lines are added above the finding
	fps := map[string]bool{}
	for _, i := range issues {
		if fps[i.Fingerprint] {
			t.Errorf("duplicate fingerprint %s", i.Fingerprint)
		}
		fps[i.Fingerprint] = true
	}
	moved := ciFixture()
	moved.Sources["app/Dockerfile"] = []byte("# a new comment\n" + sarifSrc)
	for i := range moved.Findings {
		moved.Findings[i].Line++
		moved.Findings[i].EndLine++
	}
	var again []CodeClimateIssue
	json.Unmarshal(write(t, "codeclimate", moved), &again)
	if again[3].Fingerprint != apt.Fingerprint {
		t.Errorf("fingerprint changed when the finding moved down a line")
	}
}
