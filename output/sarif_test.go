package output

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/dockopt/dockopt/imagescan"
	"github.com/dockopt/dockopt/rule"
)

// The source has a non-ASCII comment before the fixed line, so byte and code-point
// offsets differ.
const sarifSrc = "# café ☕\nFROM debian:12\nRUN apt-get install -y curl\n"

func sarifFixture() *Result {
	apt := &rule.Rule{ID: "DO101", Name: "apt-no-install-recommends", Family: rule.Size, Severity: rule.Warning,
		Equivalents: []string{"hadolint:DL3015"}, Fix: rule.SafeFix,
		Doc: rule.Doc{What: "apt-get install without --no-install-recommends.", Why: "Recommended packages add size.",
			Example: "RUN apt-get install -y curl", UseInstead: "RUN apt-get install -y --no-install-recommends curl",
			FixNotes: "Inserts the flag.", References: []string{"https://github.com/hadolint/hadolint/wiki/DL3015"}}}
	tag := &rule.Rule{ID: "DO701", Name: "image-not-pinned", Family: rule.Reliability, Severity: rule.Info,
		Doc: rule.Doc{What: "A base image without a digest.", Why: "Tags move.", Example: "FROM debian:12",
			UseInstead: "FROM debian:12@sha256:...", References: []string{"https://docs.docker.com/reference/dockerfile/#from"}}}
	runLine := strings.Index(sarifSrc, "RUN")
	insertAt := strings.Index(sarifSrc, "install") + len("install")
	return &Result{
		Findings: []rule.Finding{
			{Rule: tag, File: "app/Dockerfile", Line: 2, Column: 1, EndLine: 2, EndColumn: 15, Message: "base image debian:12 is not pinned by digest", Severity: rule.Info},
			{Rule: apt, File: "app/Dockerfile", Line: 3, Column: 5, EndLine: 3, EndColumn: 28, Severity: rule.Error,
				Message: "apt-get install without --no-install-recommends",
				Fix: &rule.Fix{Description: "add --no-install-recommends", Safety: rule.SafeFix, Edits: []rule.TextEdit{
					{Start: insertAt, End: insertAt, New: " --no-install-recommends"},
					{Start: runLine, End: runLine + 3, New: "RUN"},
				}}},
		},
		Errors: []FileError{
			{File: "broken/Dockerfile", Line: 4, Column: 2, Message: "unknown instruction: FORM"},
			{File: "missing/Dockerfile", Message: "open missing/Dockerfile: no such file or directory"},
		},
		Sources: map[string][]byte{"app/Dockerfile": []byte(sarifSrc)},
	}
}

func writeSARIFBytes(t *testing.T, res *Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", res, Options{Version: "1.2.3"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// validate checks the document against the SARIF 2.1.0 JSON schema that go-sarif embeds
// (the OASIS errata01 schema). Validate checks the parsed report; the round trip below
// makes sure that parsing dropped nothing, so the bytes themselves are what was validated.
func validate(t *testing.T, out []byte) *sarif.Report {
	t.Helper()
	rep, err := sarif.FromBytes(out, sarif.WithStrictValidation())
	if err != nil {
		t.Fatalf("not SARIF JSON: %v", err)
	}
	if err := rep.Validate(); err != nil {
		t.Fatalf("invalid against the SARIF 2.1.0 schema: %v\n%s", err, out)
	}
	var again bytes.Buffer
	if err := rep.PrettyWrite(&again); err != nil {
		t.Fatal(err)
	}
	var a, b any
	json.Unmarshal(out, &a)
	json.Unmarshal(again.Bytes(), &b)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("round trip changed the document:\n%s\n---\n%s", out, again.Bytes())
	}
	return rep
}

func TestSARIFValidAndRoundTrip(t *testing.T) {
	validate(t, writeSARIFBytes(t, sarifFixture()))
	validate(t, writeSARIFBytes(t, &Result{}))
}

// applyReplacements applies SARIF replacements (code-point offsets) to a text.
func applyReplacements(src string, reps []any) string {
	type edit struct {
		off, n int
		ins    string
	}
	var es []edit
	for _, r := range reps {
		m := r.(map[string]any)
		d := m["deletedRegion"].(map[string]any)
		e := edit{off: int(d["charOffset"].(float64)), n: int(d["charLength"].(float64))}
		if ic, ok := m["insertedContent"].(map[string]any); ok {
			e.ins = ic["text"].(string)
		}
		es = append(es, e)
	}
	sort.Slice(es, func(i, j int) bool { return es[i].off > es[j].off })
	rs := []rune(src)
	for _, e := range es {
		rs = append(rs[:e.off], append([]rune(e.ins), rs[e.off+e.n:]...)...)
	}
	return string(rs)
}

func TestSARIFStructure(t *testing.T) {
	out := writeSARIFBytes(t, sarifFixture())
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	get := func(v any, path ...any) any {
		for _, p := range path {
			switch k := p.(type) {
			case string:
				m, ok := v.(map[string]any)
				if !ok {
					t.Fatalf("%v: not an object at %q", path, k)
				}
				v = m[k]
			case int:
				a, ok := v.([]any)
				if !ok || k >= len(a) {
					t.Fatalf("%v: no element %d", path, k)
				}
				v = a[k]
			}
		}
		return v
	}
	if doc["version"] != "2.1.0" || !strings.Contains(doc["$schema"].(string), "sarif-schema-2.1.0.json") {
		t.Errorf("version %v schema %v", doc["version"], doc["$schema"])
	}
	run := get(doc, "runs", 0)
	if get(run, "tool", "driver", "name") != "dockopt" || get(run, "tool", "driver", "version") != "1.2.3" {
		t.Errorf("driver: %v", get(run, "tool", "driver"))
	}
	if get(run, "columnKind") != "unicodeCodePoints" {
		t.Errorf("columnKind %v", get(run, "columnKind"))
	}
	rules := get(run, "tool", "driver", "rules").([]any)
	ids := map[string]int{}
	for i, r := range rules {
		ids[get(r, "id").(string)] = i
	}
	apt := rules[ids["DO101"]]
	for path, want := range map[string]any{
		"name": "apt-no-install-recommends", "helpUri": "https://github.com/dockopt/dockopt/blob/main/docs/rules.md#do101-apt-no-install-recommends",
	} {
		if got := get(apt, path); got != want {
			t.Errorf("rule DO101 %s = %v, want %v", path, got, want)
		}
	}
	if get(apt, "shortDescription", "text") != "apt-get install without --no-install-recommends." ||
		get(apt, "fullDescription", "text") != "Recommended packages add size." ||
		get(apt, "defaultConfiguration", "level") != "warning" ||
		get(rules[ids["DO701"]], "defaultConfiguration", "level") != "note" {
		t.Errorf("rule DO101 descriptions/levels: %v", apt)
	}
	if h := get(apt, "help", "text").(string); !strings.Contains(h, "Use instead:") || !strings.Contains(h, "hadolint:DL3015") {
		t.Errorf("help text: %q", h)
	}
	if h := get(apt, "help", "markdown").(string); !strings.Contains(h, "```dockerfile\nRUN apt-get install -y --no-install-recommends curl\n```") {
		t.Errorf("help markdown: %q", h)
	}

	results := get(run, "results").([]any)
	if len(results) != 2 {
		t.Fatalf("%d results, want 2", len(results))
	}
	for _, r := range results {
		id := get(r, "ruleId").(string)
		if idx := int(get(r, "ruleIndex").(float64)); get(rules[idx], "id") != id {
			t.Errorf("result %s: ruleIndex %d points to %v", id, idx, get(rules[idx], "id"))
		}
	}
	r := results[1]
	if get(r, "level") != "error" || get(r, "message", "text") != "apt-get install without --no-install-recommends" {
		t.Errorf("result level/message: %v %v", get(r, "level"), get(r, "message"))
	}
	pl := get(r, "locations", 0, "physicalLocation")
	if get(pl, "artifactLocation", "uri") != "app/Dockerfile" || get(pl, "artifactLocation", "uriBaseId") != "%SRCROOT%" {
		t.Errorf("artifact location: %v", get(pl, "artifactLocation"))
	}
	for k, want := range map[string]float64{"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 28} {
		if got := get(pl, "region", k); got != want {
			t.Errorf("region %s = %v, want %v", k, got, want)
		}
	}
	// line 1 has multi-byte characters but line 2 starts after them: columns are per line
	if got := get(results[0], "locations", 0, "physicalLocation", "region", "endColumn"); got != 15.0 {
		t.Errorf("DO701 endColumn %v", got)
	}
	fix := get(r, "fixes", 0)
	if get(fix, "description", "text") != "add --no-install-recommends" {
		t.Errorf("fix description: %v", get(fix, "description"))
	}
	change := get(fix, "artifactChanges", 0)
	if get(change, "artifactLocation", "uri") != "app/Dockerfile" {
		t.Errorf("fix artifact: %v", get(change, "artifactLocation"))
	}
	reps := get(change, "replacements").([]any)
	if len(reps) != 2 {
		t.Fatalf("%d replacements, want 2", len(reps))
	}
	// "# café ☕\n" is 9 code points and 12 bytes: the RUN keyword starts at char 24, byte 27
	if off, boff := get(reps[0], "deletedRegion", "charOffset"), get(reps[0], "deletedRegion", "byteOffset"); off != 24.0 || boff != 27.0 {
		t.Errorf("first replacement offsets: char %v byte %v, want 24 27", off, boff)
	}
	want := "# café ☕\nFROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n"
	if got := applyReplacements(sarifSrc, reps); got != want {
		t.Errorf("applying the SARIF fix gives %q, want %q", got, want)
	}

	inv := get(run, "invocations", 0)
	if get(inv, "executionSuccessful") != false {
		t.Error("executionSuccessful should be false with file errors")
	}
	notes := get(inv, "toolExecutionNotifications").([]any)
	if len(notes) != 2 {
		t.Fatalf("%d notifications, want 2", len(notes))
	}
	n := notes[0]
	if get(n, "level") != "error" || get(n, "descriptor", "id") != ParseErrorID || get(n, "message", "text") != "unknown instruction: FORM" ||
		get(n, "locations", 0, "physicalLocation", "artifactLocation", "uri") != "broken/Dockerfile" ||
		get(n, "locations", 0, "physicalLocation", "region", "startLine") != 4.0 {
		t.Errorf("notification: %v", n)
	}
	if get(run, "tool", "driver", "notifications", 0, "id") != ParseErrorID {
		t.Error("the parse-error notification descriptor is missing")
	}
}

func TestArtifactURI(t *testing.T) {
	for in, want := range map[string][2]string{
		"Dockerfile":                     {"Dockerfile", "%SRCROOT%"},
		"./svc/Dockerfile":               {"svc/Dockerfile", "%SRCROOT%"},
		"dir with space/Dockerfile":      {"dir%20with%20space/Dockerfile", "%SRCROOT%"},
		"/nonexistent-root/x/Dockerfile": {"file:///nonexistent-root/x/Dockerfile", ""},
	} {
		loc := artifactURI(in)
		base := ""
		if loc.URIBaseID != nil {
			base = *loc.URIBaseID
		}
		if *loc.URI != want[0] || base != want[1] {
			t.Errorf("artifactURI(%q) = %q base %q, want %v", in, *loc.URI, base, want)
		}
	}
}

func TestImageSARIF(t *testing.T) {
	img := &imagescan.Report{
		Source: imagescan.FromTarball, Reference: "image.tar", Tag: "app:1", ImageID: "sha256:abc",
		Layers:      []imagescan.Layer{{Index: 0, Instruction: "COPY . /app"}, {Index: 1, Instruction: "RUN chown -R app /app", HiddenBytes: 3 << 20}},
		Caches:      []imagescan.Cache{{Kind: "apt-lists", SizeBytes: 500, FileCount: 2, Paths: []string{"/var/lib/apt/lists"}, PathCount: 1}},
		BuildTools:  []imagescan.BuildTool{{Name: "gcc", Paths: []string{"/usr/bin/gcc"}}},
		SetuidFiles: []imagescan.SpecialFile{{Path: "/usr/bin/passwd", Mode: 0o4755}},
		SecretFiles: []imagescan.SecretFile{{Path: "/root/.ssh/id_rsa", Kind: "ssh-private-key", Layer: 1, RemovedInLayer: -1}},
		EnvSecrets:  []imagescan.EnvSecret{{Name: "DB_PASSWORD", Reason: "name"}},
		RunsAsRoot:  true, NoHealthcheck: true, Efficiency: 0.5,
	}
	var buf bytes.Buffer
	if err := WriteImageSARIF(&buf, img, Options{Version: "1.2.3"}); err != nil {
		t.Fatal(err)
	}
	rep := validate(t, buf.Bytes())
	run := rep.Runs[0]
	if len(run.Tool.Driver.Rules) != len(imagescan.Checks) {
		t.Errorf("%d rules, want %d", len(run.Tool.Driver.Rules), len(imagescan.Checks))
	}
	got := map[string]int{}
	for _, r := range run.Results {
		got[*r.RuleID]++
		if *run.Tool.Driver.Rules[r.RuleIndex].ID != *r.RuleID {
			t.Errorf("ruleIndex mismatch for %s", *r.RuleID)
		}
	}
	want := map[string]int{"IMG001": 1, "IMG002": 1, "IMG003": 1, "IMG004": 1, "IMG006": 1, "IMG007": 1, "IMG008": 1, "IMG009": 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("results per rule %v, want %v", got, want)
	}
	var secret *sarif.Result
	for _, r := range run.Results {
		if *r.RuleID == "IMG006" {
			secret = r
		}
	}
	loc := secret.Locations[0].PhysicalLocation.ArtifactLocation
	if *loc.URI != "root/.ssh/id_rsa" || *loc.URIBaseID != "IMAGEROOT" || secret.Level != "error" {
		t.Errorf("secret result location %s base %s level %s", *loc.URI, *loc.URIBaseID, secret.Level)
	}
}
