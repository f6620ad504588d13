package output

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/dockopt/dockopt/imagescan"
	"github.com/dockopt/dockopt/rule"
	registry "github.com/dockopt/dockopt/rules"
)

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), written
// with github.com/owenrumney/go-sarif/v3.
//
// Choices worth knowing when consuming it:
//   - One run; tool.driver.rules lists every registered rule (and any other rule a finding
//     names) with id, name, shortDescription (Doc.What), fullDescription (Doc.Why), help as
//     text and Markdown (the whole doc), helpUri (docs/rules.md#<id>-<name>), the default
//     level and, as properties, the family, fix safety and equivalent IDs of other tools.
//   - Columns count Unicode code points (run.columnKind "unicodeCodePoints"), as in every
//     dockopt output (dockerfile.File.Position); endColumn is exclusive, as in SARIF. File URIs are relative to the current directory (uriBaseId %SRCROOT%) when the
//     file is below it, else absolute file:// URIs.
//   - A finding's fix becomes a SARIF fix: one artifactChange whose replacements are the
//     fix's TextEdits, each a deletedRegion given by charOffset/charLength (code points, and
//     byteOffset/byteLength for byte-based consumers) and the insertedContent.
//   - Files that could not be linted (parse or read errors) are NOT results: they are
//     toolExecutionNotifications of the invocation (level error, descriptor "parse-error"
//     declared in tool.driver.notifications), and executionSuccessful is false. Code
//     scanning then shows them as tool errors instead of alerts that cannot be dismissed
//     against a rule.

const (
	sarifInfoURI = "https://github.com/dockopt/dockopt"
	sarifDocsURI = "https://github.com/dockopt/dockopt/blob/main/docs/rules.md"
	// ParseErrorID is the notification descriptor of files that could not be linted.
	ParseErrorID = "parse-error"
	srcRoot      = "%SRCROOT%"
	// imageChecksURI documents the image checks (their text lives in imagescan.Checks).
	imageChecksURI = "https://github.com/dockopt/dockopt/blob/main/imagescan/checks.go"
)

func ptr[T any](v T) *T { return &v }

// sarifLevel maps dockopt severities to SARIF levels.
func sarifLevel(s rule.Severity) string {
	switch s {
	case rule.Error:
		return sarif.LevelError
	case rule.Warning:
		return sarif.LevelWarning
	}
	return sarif.LevelNote
}

// RuleHelpURI is the documentation anchor of a rule in docs/rules.md (GitHub's heading
// anchor of "## ID name").
func RuleHelpURI(id, name string) string {
	return sarifDocsURI + "#" + strings.ToLower(id+"-"+name)
}

func newDriver(version string) *sarif.Run {
	run := sarif.NewRunWithInformationURI("dockopt", sarifInfoURI)
	if version != "" {
		run.Tool.Driver.Version = ptr(version)
	}
	run.ColumnKind = ptr("unicodeCodePoints")
	return run
}

func text(s string) *sarif.Message { return sarif.NewTextMessage(s) }

func mfText(plain, markdown string) *sarif.MultiformatMessageString {
	m := sarif.NewMultiformatMessageString().WithText(plain)
	if markdown != "" {
		m.WithMarkdown(markdown)
	}
	return m
}

// ruleHelp renders a rule's doc as plain text and Markdown.
func ruleHelp(r *rule.Rule) (plain, md string) {
	var p, m strings.Builder
	d := r.Doc
	fmt.Fprintf(&p, "%s %s\n\nWhat it does: %s\n\nWhy is this bad? %s\n", r.ID, r.Name, d.What, d.Why)
	fmt.Fprintf(&m, "**What it does**\n\n%s\n\n**Why is this bad?**\n\n%s\n", d.What, d.Why)
	if d.Example != "" {
		fmt.Fprintf(&p, "\nExample:\n%s\n", indent(d.Example))
		fmt.Fprintf(&m, "\n**Example**\n\n```dockerfile\n%s\n```\n", strings.TrimRight(d.Example, "\n"))
	}
	if d.UseInstead != "" {
		fmt.Fprintf(&p, "\nUse instead:\n%s\n", indent(d.UseInstead))
		fmt.Fprintf(&m, "\n**Use instead**\n\n```dockerfile\n%s\n```\n", strings.TrimRight(d.UseInstead, "\n"))
	}
	if r.Fix != rule.NoFix {
		fmt.Fprintf(&p, "\nFix (%s): %s\n", r.Fix, d.FixNotes)
		fmt.Fprintf(&m, "\n**Fix safety** (%s)\n\n%s\n", r.Fix, d.FixNotes)
	}
	if len(r.Equivalents) > 0 {
		fmt.Fprintf(&p, "\nEquivalents: %s\n", strings.Join(r.Equivalents, ", "))
		fmt.Fprintf(&m, "\n**Equivalents**: %s\n", "`"+strings.Join(r.Equivalents, "`, `")+"`")
	}
	if len(d.References) > 0 {
		p.WriteString("\nReferences:\n")
		m.WriteString("\n**References**\n\n")
		for _, ref := range d.References {
			fmt.Fprintf(&p, "- %s\n", ref)
			fmt.Fprintf(&m, "- %s\n", ref)
		}
	}
	return strings.TrimRight(p.String(), "\n"), strings.TrimRight(m.String(), "\n")
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}

func sarifRule(r *rule.Rule) *sarif.ReportingDescriptor {
	plain, md := ruleHelp(r)
	d := sarif.NewReportingDescriptor()
	d.ID = ptr(r.ID)
	d.Name = ptr(r.Name)
	d.ShortDescription = mfText(r.Doc.What, "")
	d.FullDescription = mfText(r.Doc.Why, "")
	d.Help = mfText(plain, md)
	d.HelpURI = ptr(RuleHelpURI(r.ID, r.Name))
	cfg := sarif.NewReportingConfiguration()
	cfg.Level = sarifLevel(r.Severity)
	d.DefaultConfiguration = cfg
	props := sarif.NewPropertyBag()
	props.AddTag(string(r.Family))
	props.Add("family", string(r.Family))
	props.Add("fix", r.Fix.String())
	if len(r.Equivalents) > 0 {
		props.Add("equivalents", r.Equivalents)
	}
	d.Properties = props
	return d
}

// artifactURI turns a file name into a SARIF artifact location: relative to the current
// directory under %SRCROOT% when possible, else an absolute file:// URI.
func artifactURI(name string) *sarif.ArtifactLocation {
	loc := sarif.NewArtifactLocation()
	p := filepath.ToSlash(name)
	if filepath.IsAbs(name) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, name); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				p = filepath.ToSlash(rel)
			}
		}
	}
	if strings.HasPrefix(p, "/") {
		loc.URI = ptr((&url.URL{Scheme: "file", Path: p}).String())
		return loc
	}
	p = strings.TrimPrefix(p, "./")
	loc.URI = ptr((&url.URL{Path: p}).String())
	loc.URIBaseID = ptr(srcRoot)
	return loc
}

// lineStarts indexes a source by line (byte offsets of line starts).
type lineIndex struct {
	src    []byte
	starts []int
}

func newLineIndex(src []byte) *lineIndex {
	li := &lineIndex{src: src, starts: []int{0}}
	for i, b := range src {
		if b == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

// charOffset converts a byte offset into a code-point offset.
func (li *lineIndex) charOffset(off int) int {
	if li == nil {
		return off
	}
	off = max(0, min(off, len(li.src)))
	return utf8.RuneCount(li.src[:off])
}

func findingRegion(f rule.Finding, li *lineIndex) *sarif.Region {
	r := sarif.NewRegion()
	line := max(f.Line, 1)
	r.WithStartLine(line)
	if f.Column > 0 {
		r.WithStartColumn(f.Column)
	}
	if f.EndLine >= line {
		r.WithEndLine(f.EndLine)
		if f.EndColumn > 0 {
			ec := f.EndColumn
			if f.EndLine == line && f.Column > 0 && ec < f.Column {
				ec = f.Column
			}
			r.WithEndColumn(ec)
		}
	}
	return r
}

func sarifFix(f rule.Finding, li *lineIndex) *sarif.Fix {
	change := sarif.NewArtifactChange().WithArtifactLocation(artifactURI(f.File))
	edits := append([]rule.TextEdit(nil), f.Fix.Edits...)
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	for _, e := range edits {
		reg := sarif.NewRegion()
		start, end := e.Start, max(e.End, e.Start)
		if li != nil {
			cs := li.charOffset(start)
			reg.WithCharOffset(cs).WithCharLength(li.charOffset(end) - cs)
		}
		reg.WithByteOffset(start).WithByteLength(end - start)
		rep := sarif.NewReplacement().WithDeletedRegion(reg)
		if e.New != "" {
			rep.WithInsertedContent(sarif.NewArtifactContent().WithText(e.New))
		}
		change.AddReplacement(rep)
	}
	fx := sarif.NewFix().AddArtifactChange(change)
	desc := f.Fix.Description
	if desc == "" {
		desc = "apply the fix of " + f.Rule.ID
	}
	fx.WithDescription(text(desc))
	props := sarif.NewPropertyBag()
	props.Add("safety", f.Fix.Safety.String())
	fx.WithProperties(props)
	return fx
}

// BuildLintSARIF converts a lint result into a SARIF 2.1.0 report.
func BuildLintSARIF(res *Result, opt Options) *sarif.Report {
	rep := sarif.NewReport()
	run := newDriver(opt.Version)

	// rules: every Dockerfile rule, plus any other a finding names, by ID
	var rules []*rule.Rule
	known := map[*rule.Rule]bool{}
	for _, r := range registry.All() {
		if r.Target != rule.ImageTarget {
			rules = append(rules, r)
			known[r] = true
		}
	}
	for _, f := range res.Findings {
		if f.Rule != nil && !known[f.Rule] {
			known[f.Rule] = true
			rules = append(rules, f.Rule)
		}
	}
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	index := map[*rule.Rule]int{}
	for i, r := range rules {
		index[r] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(r))
	}
	nd := sarif.NewReportingDescriptor()
	nd.ID = ptr(ParseErrorID)
	nd.Name = ptr("parse-error")
	nd.ShortDescription = mfText("A file could not be linted: it does not parse as a Dockerfile or could not be read.", "")
	dcfg := sarif.NewReportingConfiguration()
	dcfg.Level = sarif.LevelError
	nd.DefaultConfiguration = dcfg
	run.Tool.Driver.Notifications = append(run.Tool.Driver.Notifications, nd)

	indexes := map[string]*lineIndex{}
	lines := func(file string) *lineIndex {
		if li, ok := indexes[file]; ok {
			return li
		}
		var li *lineIndex
		if src, ok := res.Sources[file]; ok {
			li = newLineIndex(src)
		}
		indexes[file] = li
		return li
	}
	for _, f := range res.Findings {
		li := lines(f.File)
		r := sarif.NewResult()
		r.RuleID = ptr(f.Rule.ID)
		r.RuleIndex = index[f.Rule]
		r.Level = sarifLevel(f.Severity)
		r.Message = text(f.Message)
		pl := sarif.NewPhysicalLocation().WithArtifactLocation(artifactURI(f.File)).WithRegion(findingRegion(f, li))
		r.AddLocation(sarif.NewLocationWithPhysicalLocation(pl))
		if f.Fix != nil && len(f.Fix.Edits) > 0 {
			r.Fixes = append(r.Fixes, sarifFix(f, li))
		}
		run.AddResult(r)
	}

	inv := sarif.NewInvocation()
	inv.ExecutionSuccessful = ptr(len(res.Errors) == 0)
	for _, e := range res.Errors {
		n := sarif.NewNotification()
		n.Level = sarif.LevelError
		n.Message = text(e.Message)
		n.Descriptor = sarif.NewReportingDescriptorReference().WithID(ParseErrorID).WithIndex(0)
		pl := sarif.NewPhysicalLocation().WithArtifactLocation(artifactURI(e.File))
		if e.Line > 0 {
			reg := sarif.NewRegion().WithStartLine(e.Line)
			if e.Column > 0 {
				reg.WithStartColumn(e.Column)
			}
			pl.WithRegion(reg)
		}
		n.AddLocation(sarif.NewLocationWithPhysicalLocation(pl))
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	run.AddInvocation(inv)
	rep.AddRun(run)
	return rep
}

// writeSARIF writes a lint result as SARIF 2.1.0.
func writeSARIF(w io.Writer, res *Result, opt Options) error {
	return writeReport(w, BuildLintSARIF(res, opt))
}

func writeReport(w io.Writer, rep *sarif.Report) error {
	if err := rep.PrettyWrite(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// imageSeverityLevel maps an image check severity to a SARIF level.
func imageSeverityLevel(s string) string {
	switch s {
	case "error":
		return sarif.LevelError
	case "warning":
		return sarif.LevelWarning
	}
	return sarif.LevelNote
}

// imageRootBase is the uriBaseId of paths inside an inspected image.
const imageRootBase = "IMAGEROOT"

// BuildImageSARIF converts an image inspection into a SARIF 2.1.0 report. Files inside the
// image are artifact locations relative to the uriBaseId IMAGEROOT (the image's root
// filesystem, described in run.originalUriBaseIds), with a logical location naming the
// image; findings about the whole image (root user, no HEALTHCHECK, ENV, wasted layers)
// carry only the logical location of the image.
func BuildImageSARIF(img *imagescan.Report, opt Options) *sarif.Report {
	rep := sarif.NewReport()
	run := newDriver(opt.Version)
	index := map[string]int{}
	for i, c := range imagescan.Checks {
		index[c.ID] = i
		d := sarif.NewReportingDescriptor()
		d.ID = ptr(c.ID)
		d.Name = ptr(c.Name)
		d.ShortDescription = mfText(c.Doc.What, "")
		d.FullDescription = mfText(c.Doc.Why, "")
		var p, m strings.Builder
		fmt.Fprintf(&p, "%s %s\n\nWhat it finds: %s\n\nWhy it matters: %s\n", c.ID, c.Name, c.Doc.What, c.Doc.Why)
		fmt.Fprintf(&m, "**What it finds**\n\n%s\n\n**Why it matters**\n\n%s\n", c.Doc.What, c.Doc.Why)
		if len(c.Equivalents) > 0 {
			fmt.Fprintf(&p, "\nEquivalents: %s\n", strings.Join(c.Equivalents, ", "))
			fmt.Fprintf(&m, "\n**Equivalents**: `%s`\n", strings.Join(c.Equivalents, "`, `"))
		}
		p.WriteString("\nReferences:\n")
		m.WriteString("\n**References**\n\n")
		for _, r := range c.Doc.References {
			fmt.Fprintf(&p, "- %s\n", r)
			fmt.Fprintf(&m, "- %s\n", r)
		}
		d.Help = mfText(strings.TrimRight(p.String(), "\n"), strings.TrimRight(m.String(), "\n"))
		d.HelpURI = ptr(imageChecksURI)
		cfg := sarif.NewReportingConfiguration()
		cfg.Level = imageSeverityLevel(c.Severity.String())
		d.DefaultConfiguration = cfg
		if len(c.Equivalents) > 0 {
			d.Properties = sarif.NewPropertyBag().Add("equivalents", c.Equivalents)
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, d)
	}
	imageName := img.Reference
	if img.Tag != "" && img.Source != imagescan.FromDaemon {
		imageName += " (" + img.Tag + ")"
	}
	base := sarif.NewArtifactLocation()
	base.Description = text("root filesystem of the image " + imageName)
	base.Index = -1
	run.OriginalUriBaseIds = map[string]sarif.ArtifactLocation{imageRootBase: *base}
	imageLoc := func() *sarif.LogicalLocation {
		return sarif.NewLogicalLocation().WithName(imageName).WithFullyQualifiedName(imageName).WithKind("module")
	}
	for _, is := range img.Issues() {
		r := sarif.NewResult()
		r.RuleID = ptr(is.Check.ID)
		r.RuleIndex = index[is.Check.ID]
		r.Level = imageSeverityLevel(is.Severity)
		r.Message = text(is.Message)
		loc := sarif.NewLocation()
		if is.Path != "" {
			al := sarif.NewArtifactLocation()
			al.URI = ptr((&url.URL{Path: strings.TrimPrefix(is.Path, "/")}).String())
			al.URIBaseID = ptr(imageRootBase)
			loc.PhysicalLocation = sarif.NewPhysicalLocation().WithArtifactLocation(al)
			loc.LogicalLocations = append(loc.LogicalLocations, sarif.NewLogicalLocation().WithName(is.Path).
				WithFullyQualifiedName(imageName+":"+is.Path).WithKind("resource"))
		} else {
			loc.LogicalLocations = append(loc.LogicalLocations, imageLoc())
		}
		r.AddLocation(loc)
		if is.Layer >= 0 {
			r.Properties = sarif.NewPropertyBag().Add("layer", is.Layer)
		}
		run.AddResult(r)
	}
	inv := sarif.NewInvocation()
	inv.ExecutionSuccessful = ptr(true)
	run.AddInvocation(inv)
	props := sarif.NewPropertyBag()
	props.Add("image_id", img.ImageID)
	props.Add("uncompressed_size_bytes", img.UncompressedSizeBytes)
	props.Add("wasted_bytes", img.WastedBytes)
	props.Add("efficiency", img.Efficiency)
	run.Properties = props
	rep.AddRun(run)
	return rep
}

// WriteImageSARIF writes an image inspection as SARIF 2.1.0.
func WriteImageSARIF(w io.Writer, img *imagescan.Report, opt Options) error {
	return writeReport(w, BuildImageSARIF(img, opt))
}
