// Package rule defines what a lint rule is (Rule), what it reports (Finding, with an optional
// Fix made of TextEdits on the original source) and the Pass a rule's check receives; the
// explicit list of all rules is package rules (rules.All). Rules never read configuration, pragmas or files themselves: the lint
// engine does that once and filters findings centrally.
package rule

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
)

// Severity orders findings; lower values are more severe.
type Severity int

const (
	Error Severity = iota
	Warning
	Info
	Style
)

var severityNames = [...]string{"error", "warning", "info", "style"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return "unknown"
	}
	return severityNames[s]
}

// ParseSeverity parses "error", "warning", "info", "style" (also hadolint's "ignore"/"none"
// are not severities: callers handle them). It returns an error naming the bad value.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning, info or style)", s)
}

// Family groups rules by what they protect.
type Family string

const (
	Size        Family = "size"
	Cache       Family = "cache"
	Security    Family = "security"
	Reliability Family = "reliability"
	Correctness Family = "correctness"
	Style_      Family = "style"
)

// Families lists every family in display order.
var Families = []Family{Size, Cache, Security, Reliability, Correctness, Style_}

// FixSafety says whether a rule's fix may apply by default.
type FixSafety int

const (
	// NoFix: the rule has no automatic fix.
	NoFix FixSafety = iota
	// SafeFix: the fix keeps the build's meaning; applied by default.
	SafeFix
	// UnsafeFix: the fix may change behaviour; applied only when asked (--unsafe).
	UnsafeFix
)

func (f FixSafety) String() string {
	switch f {
	case SafeFix:
		return "safe"
	case UnsafeFix:
		return "unsafe"
	}
	return "none"
}

// Target says what a rule examines, and so what runs it.
type Target int

const (
	// DockerfileTarget rules have a Check that lint runs over a parsed Dockerfile.
	DockerfileTarget Target = iota
	// PragmaTarget rules are checked by the lint engine itself, over a file's ignore pragmas
	// once every other rule ran (DO601, unused-suppression); they have no Check.
	PragmaTarget
	// ImageTarget rules are checked by imagescan on a built image; they have no Check.
	ImageTarget
)

// Doc is a rule's documentation, in fixed sections (the shape ruff uses). It is the only
// source of the rule's docs: `dockopt rules ID` and docs/rules.md are generated from it.
type Doc struct {
	// What it finds, one or two sentences.
	What string
	// Why it matters.
	Why string
	// Example is a Dockerfile snippet that triggers the rule.
	Example string
	// UseInstead is the better form of Example.
	UseInstead string
	// FixNotes says what the fix does and why it is (un)safe; "" when there is no fix.
	FixNotes string
	// Fixed is what is true once the fix is applied, as a plain sentence ("Stage names are
	// lower case"): the title optimize's report gives the change. "" when there is no fix.
	Fixed string
	// References are URLs or citations (CIS Docker Benchmark items, Docker docs...).
	References []string
	// OffByDefault says why an opt-in rule (Rule.OptIn) does not run unless asked, and when
	// it is worth turning on; "" for a rule that runs by default.
	OffByDefault string
}

// Rule is one check. A rule is a plain value; Validate checks it is complete.
type Rule struct {
	// ID is the stable identifier (DO101...). Never reused.
	ID string
	// Name is a kebab-case name; rules are addressable by ID or name.
	Name string
	Family
	Severity
	// Equivalents are the IDs of the same check in other tools, as "tool:ID":
	// hadolint:DL3008, shellcheck:SC2086, buildkit:StageNameCasing, cis:4.1,
	// trivy:AVD-DS-0002, dockle:CIS-DI-0001.
	Equivalents []string
	// Fix says whether and how safely the rule's findings can be fixed.
	Fix FixSafety
	// Target says what the rule examines; the zero value is a Dockerfile rule with a Check.
	Target Target
	// NeedsContext is true when the check reads the build context.
	NeedsContext bool
	// OptIn rules are off by default, like hadolint's DL3057 (severity "ignore") and
	// BuildKit's experimental checks: checks whose findings are true but, on most real
	// files, not worth acting on (measured on the labelled corpus: docs/precision.md). They
	// run when named (`--rule`, `--enable`, the configuration's `enable:` or `override:`) or
	// with `--all-rules`; Doc.OffByDefault says why.
	OptIn bool
	Doc   Doc
	// Check inspects the file and reports findings through the pass (Dockerfile rules only).
	Check func(p *Pass)
}

// Validate reports what is missing from a rule definition.
func (r *Rule) Validate() error {
	var missing []string
	if r.ID == "" {
		missing = append(missing, "ID")
	}
	if r.Name == "" || strings.ToLower(r.Name) != r.Name || strings.ContainsAny(r.Name, " _") {
		missing = append(missing, "kebab-case Name")
	}
	if r.Family == "" {
		missing = append(missing, "Family")
	}
	if r.Doc.What == "" || r.Doc.Why == "" || r.Doc.Example == "" || r.Doc.UseInstead == "" {
		missing = append(missing, "Doc (What, Why, Example, UseInstead)")
	}
	if len(r.Doc.References) == 0 {
		missing = append(missing, "Doc.References")
	}
	if r.Fix != NoFix && r.Doc.FixNotes == "" {
		missing = append(missing, "Doc.FixNotes")
	}
	if r.Fix != NoFix && r.Doc.Fixed == "" {
		missing = append(missing, "Doc.Fixed")
	}
	if r.OptIn && strings.TrimSpace(r.Doc.OffByDefault) == "" {
		missing = append(missing, "Doc.OffByDefault (why the opt-in rule is off by default)")
	}
	if r.Check == nil && r.Target == DockerfileTarget {
		missing = append(missing, "Check")
	}
	if len(missing) > 0 {
		return fmt.Errorf("rule %s (%s): missing %s", r.ID, r.Name, strings.Join(missing, ", "))
	}
	if r.Check != nil && r.Target != DockerfileTarget {
		return fmt.Errorf("rule %s (%s): only a Dockerfile rule has a Check", r.ID, r.Name)
	}
	if !r.OptIn && r.Doc.OffByDefault != "" {
		return fmt.Errorf("rule %s (%s): Doc.OffByDefault is set but the rule is not OptIn", r.ID, r.Name)
	}
	return nil
}

// HasEquivalent reports whether the rule lists tool:id (case-insensitive on id).
func (r *Rule) HasEquivalent(tool, id string) bool {
	for _, e := range r.Equivalents {
		t, i, _ := strings.Cut(e, ":")
		if t == tool && strings.EqualFold(i, id) {
			return true
		}
	}
	return false
}

// TextEdit replaces Source[Start:End] with New. Offsets are bytes into the original source.
type TextEdit struct {
	Start, End int
	New        string
}

// Fix is a set of edits that resolves a finding.
type Fix struct {
	// Description says what the fix does, e.g. "add --no-install-recommends".
	Description string
	Safety      FixSafety
	Edits       []TextEdit
}

// Finding is one problem found in a file.
type Finding struct {
	Rule *Rule
	File string
	// Line, Column, EndLine, EndColumn are 1-based; EndColumn is exclusive.
	Line, Column, EndLine, EndColumn int
	Message                          string
	Fix                              *Fix
	// Severity is the effective severity (after configuration overrides).
	Severity Severity
}

// Pass is what a rule's check receives: the parsed file, the build context (nil when the
// file is linted alone), settings, and the way to report.
type Pass struct {
	File    *dockerfile.File
	Context *buildctx.Context
	// TrustedRegistries are the registries base images may come from; empty means any.
	TrustedRegistries []string
	// LabelSchema maps label keys to the format their value must have (text, url, semver,
	// hash, rfc3339, spdx, email: hadolint's label-schema); empty means no schema.
	LabelSchema map[string]string
	// StrictLabels: labels outside LabelSchema are reported (hadolint's strict-labels).
	StrictLabels bool
	// ReadFile returns the content of a build-context file (rel is slash-separated, relative
	// to the context root). Rules never open files: the engine that runs them provides the
	// reader (lint: buildctx's files, one size limit); nil or a failing read means the file
	// cannot be read.
	ReadFile func(rel string) ([]byte, error)
	// Rule is the rule being run.
	Rule     *Rule
	findings []Finding
	cache    map[string]any
}

// NewPass returns a pass over f; ctx may be nil.
func NewPass(f *dockerfile.File, ctx *buildctx.Context) *Pass {
	return &Pass{File: f, Context: ctx, cache: map[string]any{}}
}

// Memo returns a value computed once per pass and shared by all rules (e.g. BuildKit's own
// lint results).
func (p *Pass) Memo(key string, compute func() any) any {
	if v, ok := p.cache[key]; ok {
		return v
	}
	v := compute()
	p.cache[key] = v
	return v
}

// Findings returns what has been reported so far.
func (p *Pass) Findings() []Finding { return p.findings }

// Option adds to a finding.
type Option func(*Finding)

// WithFix attaches a fix with the rule's fix safety.
func WithFix(description string, edits ...TextEdit) Option {
	return func(f *Finding) {
		if len(edits) == 0 {
			return
		}
		f.Fix = &Fix{Description: description, Safety: f.Rule.Fix, Edits: edits}
	}
}

// ReportRange reports a finding covering source offsets [start, end).
func (p *Pass) ReportRange(start, end int, msg string, opts ...Option) {
	f := Finding{Rule: p.Rule, File: p.File.Path, Message: msg, Severity: p.Rule.Severity}
	if start < 0 {
		start = 0
	}
	if end < start {
		end = start
	}
	f.Line, f.Column = p.File.Position(start)
	f.EndLine, f.EndColumn = p.File.Position(end)
	for _, o := range opts {
		o(&f)
	}
	p.findings = append(p.findings, f)
}

// Report reports a finding on a whole instruction (its first line).
func (p *Pass) Report(in *dockerfile.Instruction, msg string, opts ...Option) {
	end := p.File.LineEndOffset(in.StartLine)
	if end > in.EndOffset {
		end = in.EndOffset
	}
	p.ReportRange(in.StartOffset, end, msg, opts...)
}

// ReportLine reports a finding at a 1-based line (whole line).
func (p *Pass) ReportLine(line int, msg string, opts ...Option) {
	p.ReportRange(p.File.LineOffset(line), p.File.LineEndOffset(line), msg, opts...)
}

// ReportCommand reports a finding on one shell command of a RUN; it falls back to the
// instruction when the command's position is unknown.
func (p *Pass) ReportCommand(in *dockerfile.Instruction, c *dockerfile.Command, msg string, opts ...Option) {
	s, e := c.StartOffset(), c.EndOffset()
	if s < 0 || e < 0 || e < s {
		p.Report(in, msg, opts...)
		return
	}
	p.ReportRange(s, e, msg, opts...)
}
