package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/optimize"
	"github.com/dockopt/dockopt/rule"
	"gopkg.in/yaml.v3"
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

func sample() *Input {
	return &Input{Dir: "examples/api", DockerfileName: "Dockerfile", OutDockerfile: "out/Dockerfile.optimized", OutIgnore: "out/.dockerignore",
		Opt: &optimize.Result{
			Ecosystem: "python", EcosystemWhy: "requirements.txt",
			Changes:         []optimize.Change{{Title: "Multi-stage build", Why: "because", Rules: []string{"DO108"}, Before: "FROM python:3.11", After: "FROM python:3.11-slim"}, {Title: "node runs the app directly", Why: "PID 1", After: "CMD [\"node\", \"server.js\"]"}},
			User:            "10001:10001",
			Healthcheck:     "HEALTHCHECK CMD [\"python\", \"-c\", \"x\"]",
			HealthPath:      "/health",
			Port:            9000,
			BuildPackages:   []string{"gcc", "libpq-dev"},
			RuntimePackages: []string{"libpq5"},
			Ignore:          &optimize.IgnorePlan{FilesBefore: 10, BytesBefore: 2048, FilesAfter: 3, BytesAfter: 100, Lines: []optimize.IgnoreLine{{Pattern: ".git", Why: "version control history"}, {Pattern: ".env", Why: "secrets: environment files"}}},
			FindingsBefore:  map[rule.Family]int{rule.Size: 4, rule.Security: 2},
			FindingsAfter:   map[rule.Family]int{},
		}}
}

func TestMarkdownSections(t *testing.T) {
	var b bytes.Buffer
	if err := Markdown(&b, sample()); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{"## Overview", "## Optimizations", "Rules: DO108", "## Build and runtime dependencies", "`libpq5`", "## Security changes", "**10001:10001**", "## HEALTHCHECK", "## Migration", "docker run --rm -p 127.0.0.1:9000:9000", "healthcheck:\n      test: [\"CMD\",\"python\",\"-c\",\"x\"]", "## Validation", "## Metrics", "Not measured yet", "10 files, 2KiB before → 3 files, 100B after", "| size | 4 | 0 |",
		// --out: compose names the context and the written Dockerfile by its full path
		"      context: examples/api\n      dockerfile: /"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	for _, never := range []string{"%", "estimated"} {
		if strings.Contains(strings.Split(md, "## Metrics")[1], never) {
			t.Errorf("unmeasured metrics section contains %q", never)
		}
	}
	in := sample()
	in.MetricsMarkdown = "| image size | 1 GB | 100 MB |"
	b.Reset()
	Markdown(&b, in)
	if strings.Contains(b.String(), "Not measured yet") || !strings.Contains(b.String(), "| image size |") {
		t.Error("measured metrics not rendered")
	}
}

func TestJSON(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, sample()); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["ecosystem"] != "python" || doc["metrics"] != nil {
		t.Errorf("doc = %v", doc)
	}
	if ctx, ok := doc["context"].(map[string]any); !ok || ctx["bytes_after"].(float64) != 100 {
		t.Errorf("context = %v", doc["context"])
	}
	// changes use the same snake_case keys as the rest, and every list is present
	changes, _ := doc["changes"].([]any)
	if len(changes) == 0 {
		t.Fatal("no changes")
	}
	for _, c := range changes {
		m := c.(map[string]any)
		if _, ok := m["title"].(string); !ok {
			t.Errorf("change without title: %v", m)
		}
		if _, ok := m["rules"].([]any); !ok {
			t.Errorf("change rules = %v, want a list", m["rules"])
		}
	}
}

// The compose healthcheck is a YAML flow sequence that reads back as the same words, with no
// JSON HTML escapes (\u003e) in it.
func TestYAMLFlow(t *testing.T) {
	words := []string{"CMD", "node", "-e", `require('http').get('x', r => process.exit(r.statusCode < 400 ? 0 : 1))`, `a "quoted" & \ back`}
	s := yamlFlow(words)
	if strings.Contains(s, `\u00`) {
		t.Errorf("escaped: %s", s)
	}
	var got []string
	if err := yaml.Unmarshal([]byte("test: "+s), &struct {
		Test *[]string `yaml:"test"`
	}{&got}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "\x00") != strings.Join(words, "\x00") {
		t.Errorf("read back %q, want %q", got, words)
	}
}

// A build target: the migration builds that stage and the compose service names it; the
// measure command given is the one printed.
func TestMarkdownTarget(t *testing.T) {
	in := sample()
	in.Target = "app"
	in.MeasureCommand = "dockopt measure examples --service api --out out"
	var b bytes.Buffer
	if err := Markdown(&b, in); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{"docker build -f out/Dockerfile.optimized --target app -t ", "      target: app\n",
		"dockopt measure examples --service api --out out    # builds", "Not measured yet — run `dockopt measure examples --service api --out out`"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	b.Reset()
	if err := Markdown(&b, sample()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "--target") || strings.Contains(b.String(), "target:") {
		t.Error("no target, yet the report names one")
	}
}

func TestShellCommand(t *testing.T) {
	if got := ShellCommand("dockopt", "measure", "my dir", "--service", "web"); got != "dockopt measure 'my dir' --service web" {
		t.Errorf("got %s", got)
	}
}

// Printed commands quote what a shell would split or expand, and nothing else.
func TestShellQuoteWords(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "''",
		"api.Dockerfile":    "api.Dockerfile",
		"dir with space":    "'dir with space'",
		"it's":              `"it's"`,
		"$HOME/x":           "'$HOME/x'",
		"registry:5000/a@b": "registry:5000/a@b",
	} {
		got := shellQuote(in)
		if got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
		if got != in {
			// the quoted word must read back as the word
			f, err := syntax.NewParser().Parse(strings.NewReader("x "+got), "")
			if err != nil {
				t.Fatalf("%s does not parse: %v", got, err)
			}
			w := f.Stmts[0].Cmd.(*syntax.CallExpr).Args[1]
			if back, err := expand.Literal(nil, w); err != nil || back != in {
				t.Errorf("%s reads back as %q (%v)", got, back, err)
			}
		}
	}
}
