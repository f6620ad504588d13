package style

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// The label-schema rules (DO603-DO611) check LABELs against the schema of the configuration
// (`label-schema:` and `strict-labels:` in .dockopt.yaml or .hadolint.yaml, with hadolint's
// meaning: https://github.com/hadolint/hadolint#linting-labels). Without a schema they check
// nothing; a schema turns them on.

const schemaOffByDefault = "It checks labels against a schema only you can give: it runs when the " +
	"configuration has a `label-schema:` (hadolint's key, read from .dockopt.yaml or .hadolint.yaml), " +
	"and checks nothing without one."

// schemaConfigExample is the configuration of the examples, as a Dockerfile comment.
const schemaConfigExample = "# .dockopt.yaml: label-schema: {org.opencontainers.image.version: semver,\n" +
	"#   org.opencontainers.image.source: url, org.opencontainers.image.licenses: spdx}"

// labelValue is one key=value of a LABEL (or ONBUILD LABEL) instruction.
type labelValue struct {
	in  *dockerfile.Instruction
	key string
	// value is the value with quotes removed and variables expanded; known is false when a
	// variable could not be resolved (an ARG without a default, or ONBUILD, where the child
	// build expands it): its format cannot be checked.
	value string
	known bool
}

// labelValues returns the labels the file sets, in file order. Variables in ONBUILD LABELs are
// the child build's: those values are unknown.
func labelValues(f *dockerfile.File) []labelValue {
	var out []labelValue
	for _, in := range f.Instructions {
		lc, ok := in.Command.(*instructions.LabelCommand)
		onbuild := in.OnBuild != nil
		if onbuild {
			lc, ok = in.OnBuild.Command.(*instructions.LabelCommand)
		}
		if !ok {
			continue
		}
		for _, kv := range lc.Labels {
			key, kok := f.Expand(in, kv.Key)
			if !kok {
				key = kv.Key
			}
			lv := labelValue{in: in, key: key}
			if !onbuild || !strings.Contains(kv.Value, "$") {
				lv.value, lv.known = f.Expand(in, kv.Value)
			}
			out = append(out, lv)
		}
	}
	return out
}

func schemaRule(id, name string, sev rule.Severity, hadolint string, doc rule.Doc, check func(p *rule.Pass)) *rule.Rule {
	doc.OffByDefault = schemaOffByDefault
	doc.References = append(doc.References, "https://github.com/hadolint/hadolint#linting-labels",
		"https://github.com/hadolint/hadolint/wiki/"+hadolint)
	return &rule.Rule{ID: id, Name: name, Family: rule.Style_, Severity: sev, OptIn: true,
		Equivalents: []string{"hadolint:" + hadolint}, Doc: doc, Check: check}
}

var (
	// LabelMissing is DO603 (label-missing).
	LabelMissing = schemaRule("DO603", "label-missing", rule.Info, "DL3049", rule.Doc{
		What: "Finds a stage that lacks a label of the configured `label-schema`: no LABEL of the stage, nor of the " +
			"stage it is built FROM, sets it. Stages that only feed others are not reported: a stage named by a " +
			"later `COPY --from`, and the stage a stage that sets the label is built FROM. As in hadolint's " +
			"DL3049, each stage is checked, the finding is on its FROM. Deviation: an ONBUILD LABEL does not count " +
			"(it labels the child image, not this one), where hadolint counts it.",
		Why: "Labels are how registries, scanners and deployment tools find an image's version, source and owner " +
			"(the OCI `org.opencontainers.image.*` annotations); a team that agrees on a schema wants each image to " +
			"carry it.",
		Example:    schemaConfigExample + "\nFROM alpine:3.20\nCOPY app /app",
		UseInstead: "FROM alpine:3.20\nLABEL org.opencontainers.image.version=\"1.4.2\" \\\n      org.opencontainers.image.source=\"https://github.com/acme/app\" \\\n      org.opencontainers.image.licenses=\"MIT\"\nCOPY app /app",
	}, checkLabelMissing)

	// LabelNotInSchema is DO604 (label-not-in-schema).
	LabelNotInSchema = schemaRule("DO604", "label-not-in-schema", rule.Info, "DL3050", rule.Doc{
		What: "With `strict-labels: true` in the configuration, finds a LABEL (or ONBUILD LABEL) that sets a key " +
			"the `label-schema` does not list; with no schema, every label. Without `strict-labels` it reports nothing.",
		Why: "Some teams allow only an agreed set of labels: to keep internal details out of published images, and " +
			"so that label readers see one vocabulary.",
		Example:    "# .dockopt.yaml: strict-labels: true, label-schema: {org.opencontainers.image.version: semver}\nFROM alpine:3.20\nLABEL org.opencontainers.image.version=\"1.0.0\" internal.build-host=\"ci-7\"",
		UseInstead: "FROM alpine:3.20\nLABEL org.opencontainers.image.version=\"1.0.0\"",
	}, checkLabelNotInSchema)

	// LabelEmpty is DO605 (label-empty).
	LabelEmpty = schemaRule("DO605", "label-empty", rule.Warning, "DL3051", rule.Doc{
		What: "Finds a LABEL that sets a key of the `label-schema` to an empty value (after expanding variables; a " +
			"value from an ARG without a default is not known and not reported).",
		Why: "An empty required label defeats the schema: tools that read it get nothing, and the check that the " +
			"label is present passes anyway.",
		Example:    schemaConfigExample + "\nFROM alpine:3.20\nLABEL org.opencontainers.image.version=\"\"",
		UseInstead: "FROM alpine:3.20\nARG VERSION=1.4.2\nLABEL org.opencontainers.image.version=\"$VERSION\"",
	}, checkLabelEmpty)

	// LabelNotURL is DO606 (label-not-url).
	LabelNotURL = formatRule("DO606", "label-not-url", "DL3052", FormatURL,
		"an absolute URI (RFC 3986: a scheme, then the rest, such as `https://github.com/acme/app`)",
		"https://www.rfc-editor.org/rfc/rfc3986", "www.acme.example/app", "https://www.acme.example/app")

	// LabelNotRFC3339 is DO607 (label-not-rfc3339).
	LabelNotRFC3339 = formatRule("DO607", "label-not-rfc3339", "DL3053", FormatRFC3339,
		"an RFC 3339 date and time (`2024-06-01T12:00:00Z`, `2021-03-10T10:26:33.56+01:00`)",
		"https://www.rfc-editor.org/rfc/rfc3339", "2024-06-01", "2024-06-01T12:00:00Z")

	// LabelNotSPDX is DO608 (label-not-spdx).
	LabelNotSPDX = formatRule("DO608", "label-not-spdx", "DL3054", FormatSPDX,
		"an SPDX license identifier or expression (`MIT`, `Apache-2.0 OR MIT`), checked against the SPDX "+
			"License List carried by github.com/github/go-spdx. Deviation: hadolint's DL3054 accepts a single "+
			"identifier only; the OCI `org.opencontainers.image.licenses` annotation is an SPDX expression, so "+
			"expressions are accepted here",
		"https://spdx.org/licenses/", "Apache 2", "Apache-2.0")

	// LabelNotGitHash is DO609 (label-not-git-hash).
	LabelNotGitHash = formatRule("DO609", "label-not-git-hash", "DL3055", FormatHash,
		"a git commit hash: 7 (short) or 40 lower-case hexadecimal digits, as hadolint's DL3055 accepts",
		"https://git-scm.com/book/en/v2/Git-Tools-Revision-Selection", "main", "43c572f1272b6b3171dd1db9e41b7027128ce080")

	// LabelNotSemver is DO610 (label-not-semver).
	LabelNotSemver = formatRule("DO610", "label-not-semver", "DL3056", FormatSemver,
		"a semantic version (Semantic Versioning 2.0.0: `1.4.2`, `2.0.1-rc1`, `1.0.0+build.5`; not `v1.4.2` "+
			"or `1.4`), checked with the regular expression semver.org gives",
		"https://semver.org/", "v1.4", "1.4.0")

	// LabelNotEmail is DO611 (label-not-email).
	LabelNotEmail = formatRule("DO611", "label-not-email", "DL3058", FormatEmail,
		"an email address (RFC 5322 addr-spec: `ops@example.com`; not `Ops <ops@example.com>`), read with Go's net/mail",
		"https://www.rfc-editor.org/rfc/rfc5322#section-3.4.1", "ops at example.com", "ops@example.com")
)

// formatRule is a rule that checks the values of the schema's labels of one format.
func formatRule(id, name, hadolint, format, what, ref, bad, good string) *rule.Rule {
	doc := rule.Doc{
		What: "Finds a LABEL (or ONBUILD LABEL) that sets a label the `label-schema` gives the format `" + format +
			"` to a value that is not " + what + ". Values are read after quotes are removed and variables " +
			"expanded; a value that depends on an ARG without a default is not known and not reported (hadolint " +
			"reads it literally: its docs advise the `text` format for such labels). An empty value is " +
			"DO605's finding, not this rule's (hadolint reports it under both).",
		Why: "A label in the wrong format is ignored or misread by the tools that parse it (registries, SBOM and " +
			"license scanners, deployment tooling), silently.",
		Example:    "# .dockopt.yaml: label-schema: {com.acme.value: " + format + "}\nFROM alpine:3.20\nLABEL com.acme.value=\"" + bad + "\"",
		UseInstead: "FROM alpine:3.20\nLABEL com.acme.value=\"" + good + "\"",
		References: []string{ref},
	}
	return schemaRule(id, name, rule.Warning, hadolint, doc, func(p *rule.Pass) {
		for _, lv := range labelValues(p.File) {
			if lv.known && lv.value != "" && p.LabelSchema[lv.key] == format && !labelFormatOK(format, lv.value) {
				p.Report(lv.in, fmt.Sprintf("label %q is %q, not %s", lv.key, lv.value, formatNoun[format]))
			}
		}
	})
}

var formatNoun = map[string]string{FormatURL: "a URL", FormatRFC3339: "an RFC 3339 date-time",
	FormatSPDX: "an SPDX license expression", FormatHash: "a git commit hash", FormatSemver: "a semantic version",
	FormatEmail: "an email address"}

func checkLabelEmpty(p *rule.Pass) {
	for _, lv := range labelValues(p.File) {
		if _, inSchema := p.LabelSchema[lv.key]; inSchema && lv.known && lv.value == "" {
			p.Report(lv.in, fmt.Sprintf("label %q is empty", lv.key))
		}
	}
}

func checkLabelNotInSchema(p *rule.Pass) {
	if !p.StrictLabels {
		return
	}
	byIn := map[*dockerfile.Instruction][]string{}
	var order []*dockerfile.Instruction
	for _, lv := range labelValues(p.File) {
		if _, ok := p.LabelSchema[lv.key]; ok {
			continue
		}
		if byIn[lv.in] == nil {
			order = append(order, lv.in)
		}
		byIn[lv.in] = append(byIn[lv.in], lv.key)
	}
	for _, in := range order {
		p.Report(in, "label(s) not in the label-schema (strict-labels): "+strings.Join(byIn[in], ", "))
	}
}

func checkLabelMissing(p *rule.Pass) {
	if len(p.LabelSchema) == 0 {
		return
	}
	f := p.File
	sets := map[*dockerfile.Stage]map[string]bool{}
	for _, lv := range labelValues(f) {
		if lv.in.OnBuild != nil || lv.in.Stage == nil {
			continue
		}
		if sets[lv.in.Stage] == nil {
			sets[lv.in.Stage] = map[string]bool{}
		}
		sets[lv.in.Stage][lv.key] = true
	}
	feeds := copiedFromStages(f)
	keys := make([]string, 0, len(p.LabelSchema))
	for k := range p.LabelSchema {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		has := func(st *dockerfile.Stage) bool {
			for _, s := range f.StageChain(st) {
				if sets[s][key] {
					return true
				}
			}
			return false
		}
		for _, st := range f.Stages {
			if has(st) || feeds[st] || baseOfLabelled(f, st, sets, key) {
				continue
			}
			p.Report(st.From, fmt.Sprintf("label %q of the label-schema is missing from this stage", key))
		}
	}
}

// copiedFromStages returns the stages a COPY --from names: they feed others.
func copiedFromStages(f *dockerfile.File) map[*dockerfile.Stage]bool {
	out := map[*dockerfile.Stage]bool{}
	for _, in := range f.Instructions {
		if in.Cmd != "copy" {
			continue
		}
		if from, ok := in.Flag("from"); ok {
			if st := f.StageByName(from); st != nil && (in.Stage == nil || st.Index < in.Stage.Index) {
				out[st] = true
			}
		}
	}
	return out
}

// baseOfLabelled reports whether a stage is the base of a stage that sets the label itself.
func baseOfLabelled(f *dockerfile.File, st *dockerfile.Stage, sets map[*dockerfile.Stage]map[string]bool, key string) bool {
	for _, s := range f.Stages {
		if sets[s][key] && f.BaseStage(s) == st {
			return true
		}
	}
	return false
}
