// Package config reads dockopt's configuration: `.dockopt.yaml`, or, when there is none, the
// compatible keys of hadolint's `.hadolint.yaml` (ignored, override, trustedRegistries,
// failure-threshold, label-schema, strict-labels), so a repository set up for hadolint works unchanged. It also says which
// opt-in rules (rule.Rule.OptIn) are turned on: `enable:`, `all-rules:`, or a severity given
// in `override:` (hadolint's own way to turn on its off-by-default DL3057).
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/agext/levenshtein"
	"gopkg.in/yaml.v3"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
	"github.com/dockopt/dockopt/rules/style"
)

// Config is the resolved configuration.
type Config struct {
	// Path is the file it was read from, "" for defaults.
	Path string
	// Ignored are the rules never reported.
	Ignored map[*rule.Rule]bool
	// Severity overrides a rule's default severity.
	Severity map[*rule.Rule]rule.Severity
	// Enabled are opt-in rules turned on (`enable:`, or a severity in `override:`).
	Enabled map[*rule.Rule]bool
	// AllRules turns on every opt-in rule (`all-rules: true`, `--all-rules`).
	AllRules bool
	// TrustedRegistries, when not empty, are the only registries base images may come from.
	TrustedRegistries []string
	// LabelSchema maps label keys to the format of their value (hadolint's label-schema:
	// text, url, semver, hash, rfc3339, spdx, email); it turns on the label-schema rules.
	LabelSchema map[string]string
	// StrictLabels: labels outside LabelSchema are reported (hadolint's strict-labels).
	StrictLabels bool
	// FailureThreshold: findings at or above it make `lint` exit 1 (default: info, so any
	// finding except style fails, like hadolint's default).
	FailureThreshold rule.Severity
	// DisableIgnorePragma: inline ignore comments (# dockopt ignore=, # hadolint ignore=) are
	// not honoured (hadolint's disable-ignore-pragma).
	DisableIgnorePragma bool
	// NoFail: lint exits 0 whatever it finds (hadolint's no-fail).
	NoFail bool
	// Warnings are what a hadolint file says that has no effect here: a DLxxxx or SCxxxx code
	// dockopt has no rule for, each with its file and line. The commands print them.
	Warnings []string
}

// Default returns the configuration used when no file is found.
func Default() *Config {
	return &Config{Ignored: map[*rule.Rule]bool{}, Severity: map[*rule.Rule]rule.Severity{}, Enabled: map[*rule.Rule]bool{}, FailureThreshold: rule.Info}
}

// Runs reports whether a default lint run (no rule named on the command line) runs r as far
// as the configuration is concerned: not ignored, and, for an opt-in rule, turned on.
func (c *Config) Runs(r *rule.Rule) bool {
	return !c.Ignored[r] && (!r.OptIn || c.AllRules || c.Enabled[r])
}

// Error is a configuration file that cannot be used; it names the file and, when known, the line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	return dockerfile.Pos{File: e.File, Line: e.Line}.String() + ": " + e.Msg
}

type fileFormat struct {
	Ignored           []string            `yaml:"ignored"`
	Override          map[string][]string `yaml:"override"`
	Enable            []string            `yaml:"enable"`
	AllRules          bool                `yaml:"all-rules"`
	TrustedRegistries []string            `yaml:"trustedRegistries"`
	LabelSchema       map[string]string   `yaml:"label-schema"`
	StrictLabels      bool                `yaml:"strict-labels"`
	FailureThreshold  string              `yaml:"failure-threshold"`
	// hadolint's keys with the same meaning here (https://github.com/hadolint/hadolint#configure)
	DisableIgnorePragma bool `yaml:"disable-ignore-pragma"`
	NoFail              bool `yaml:"no-fail"`
}

// Names are the configuration file names looked for, in order.
var Names = []string{".dockopt.yaml", ".dockopt.yml", ".hadolint.yaml", ".hadolint.yml"}

// Find looks for a configuration file in dir and its parents; it returns "" when none exists.
func Find(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		for _, n := range Names {
			p := filepath.Join(abs, n)
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}

// Load reads a configuration file. It returns an *Error for invalid YAML, values of the wrong
// type, unknown keys (in .dockopt.y*ml), unknown severities and unknown rules.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{File: path, Msg: "no such file"}
		}
		return nil, &Error{File: path, Msg: err.Error()}
	}
	return Parse(path, data)
}

var hadolintCode = lazyre.New(`^(?i:DL|SC)\d{4}$`)

// IsHadolintCode reports whether key is a hadolint (DLnnnn) or ShellCheck (SCnnnn) code.
func IsHadolintCode(key string) bool { return hadolintCode.MatchString(key) }

// Parse parses configuration bytes; path names the file in errors and decides its kind: a
// .dockopt.y*ml file may hold only dockopt's keys (an unknown key is an *Error naming it and
// its line); any other file is read as a hadolint file, whose other keys and DLxxxx/SCxxxx
// codes without a dockopt equivalent are accepted and have no effect.
func Parse(path string, data []byte) (*Config, error) {
	c := Default()
	c.Path = path
	// a file named .dockopt.y*ml is dockopt's own: a key it does not know is a typo. Any
	// other name (.hadolint.yaml, --config ci.yaml) may be a hadolint file, whose other keys
	// (format, color...) and DL/SC codes without a dockopt
	// equivalent are accepted and have no effect.
	hadolint := !IsDockoptName(path)
	ff, empty, err := decodeFile(path, data, hadolint)
	if err != nil {
		return nil, err
	}
	if empty {
		return c, nil
	}
	if err := c.setRules(path, data, ff, hadolint); err != nil {
		return nil, err
	}
	c.AllRules = ff.AllRules
	c.TrustedRegistries = ff.TrustedRegistries
	if err := c.setLabelSchema(path, data, ff.LabelSchema, ff.StrictLabels); err != nil {
		return nil, err
	}
	c.DisableIgnorePragma, c.NoFail = ff.DisableIgnorePragma, ff.NoFail
	if ff.FailureThreshold != "" {
		switch strings.ToLower(ff.FailureThreshold) {
		case "none":
			c.FailureThreshold = -1
		default:
			s, err := rule.ParseSeverity(ff.FailureThreshold)
			if err != nil {
				return nil, &Error{File: path, Line: lineOf(data, ff.FailureThreshold), Msg: "failure-threshold: " + err.Error()}
			}
			c.FailureThreshold = s
		}
	}
	return c, nil
}

// decodeFile reads the configuration file's YAML (empty is true for an empty file); an error
// is an *Error with the file and line.
func decodeFile(path string, data []byte, hadolint bool) (ff fileFormat, empty bool, err error) {
	var doc yaml.Node
	err = yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc)
	if errors.Is(err, io.EOF) {
		return ff, true, nil
	}
	if err == nil && !hadolint {
		err = checkKeys(path, &doc)
	}
	if err == nil {
		err = doc.Decode(&ff)
	}
	if err != nil {
		var ce *Error
		if errors.As(err, &ce) {
			return ff, false, ce
		}
		e := &Error{File: path, Msg: "invalid YAML: " + err.Error()}
		var te *yaml.TypeError
		if errors.As(err, &te) {
			e.Msg = "invalid configuration: " + strings.Join(te.Errors, "; ")
		}
		if m := lineRe.FindStringSubmatch(err.Error()); m != nil {
			fmt.Sscanf(m[1], "%d", &e.Line)
		}
		return ff, false, e
	}
	return ff, false, nil
}

// setRules applies the file's ignored, override and enable lists.
func (c *Config) setRules(path string, data []byte, ff fileFormat, hadolint bool) error {
	resolve := func(key string) ([]*rule.Rule, error) {
		if rs := rules.Resolve(key); len(rs) > 0 {
			return rs, nil
		}
		if hadolint && hadolintCode.MatchString(key) {
			// a hadolint or ShellCheck check dockopt has no rule for: accepted, so a hadolint
			// setup works unchanged, and said
			c.Warnings = append(c.Warnings, fmt.Sprintf("%s: %s: no dockopt rule is its equivalent, so this entry has no effect (the EQUIVALENTS column of `dockopt rules` lists the hadolint codes dockopt has)",
				dockerfile.Pos{File: path, Line: lineOf(data, key)}, key))
			return nil, nil
		}
		return nil, &Error{File: path, Line: lineOf(data, key), Msg: fmt.Sprintf("unknown rule %q (see `dockopt rules`)", key)}
	}
	for _, k := range ff.Ignored {
		rs, err := resolve(k)
		if err != nil {
			return err
		}
		for _, r := range rs {
			c.Ignored[r] = true
		}
	}
	for sev, keys := range ff.Override {
		s, err := rule.ParseSeverity(sev)
		if err != nil {
			return &Error{File: path, Line: lineOf(data, sev), Msg: err.Error()}
		}
		for _, k := range keys {
			rs, err := resolve(k)
			if err != nil {
				return err
			}
			for _, r := range rs {
				c.Severity[r] = s
				c.Enabled[r] = true // a rule given a severity is wanted, opt-in or not
			}
		}
	}
	for _, k := range ff.Enable {
		rs, err := resolve(k)
		if err != nil {
			return err
		}
		for _, r := range rs {
			c.Enabled[r] = true
		}
	}
	return nil
}

func lineOf(data []byte, needle string) int {
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, needle) {
			return i + 1
		}
	}
	return 0
}

var lineRe = lazyre.New(`line (\d+)`)

// IsDockoptName reports whether path names dockopt's own configuration file (.dockopt.yaml
// or .dockopt.yml), whose keys are checked; other files are read as hadolint-compatible.
func IsDockoptName(path string) bool {
	b := strings.ToLower(filepath.Base(path))
	return b == ".dockopt.yaml" || b == ".dockopt.yml"
}

// knownKeys are the top-level keys of a .dockopt.yaml.
var knownKeys = []string{"ignored", "override", "enable", "all-rules", "trustedRegistries", "failure-threshold", "disable-ignore-pragma", "no-fail", "label-schema", "strict-labels"}

// checkKeys rejects a top-level key that is not a known one, naming it and its line.
func checkKeys(path string, doc *yaml.Node) error {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil // not a mapping: decoding reports it
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if slices.Contains(knownKeys, k.Value) {
			continue
		}
		msg := fmt.Sprintf("unknown key %q", k.Value)
		if s := suggest(k.Value); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			msg += " (known keys: " + strings.Join(knownKeys, ", ") + ")"
		}
		return &Error{File: path, Line: k.Line, Msg: msg}
	}
	return nil
}

// suggest returns the known key closest to k (case-insensitive edit distance at most 3), or "".
func suggest(k string) string {
	best, bestD := "", 4
	for _, known := range knownKeys {
		if d := levenshtein.Distance(strings.ToLower(k), strings.ToLower(known), nil); d < bestD {
			best, bestD = known, d
		}
	}
	return best
}

// labelSchemaRules are the rules a label-schema turns on (hadolint runs DL3049, DL3051-DL3056
// and DL3058 when a schema is given); strictLabelsRule is the one strict-labels turns on.
var (
	labelSchemaRules = []*rule.Rule{style.LabelMissing, style.LabelEmpty, style.LabelNotURL, style.LabelNotRFC3339,
		style.LabelNotSPDX, style.LabelNotGitHash, style.LabelNotSemver, style.LabelNotEmail}
	strictLabelsRule = style.LabelNotInSchema
)

// setLabelSchema checks the formats of a label-schema (an unknown one is an *Error naming its
// line and the known ones; an empty one means text, as in hadolint) and turns on the rules
// that read it.
func (c *Config) setLabelSchema(path string, data []byte, schema map[string]string, strict bool) error {
	for key, format := range schema {
		if err := c.RequireLabel(key, format); err != nil {
			return &Error{File: path, Line: lineOf(data, key+":"), Msg: "label-schema: " + err.Error()}
		}
	}
	if strict {
		c.SetStrictLabels()
	}
	return nil
}

// RequireLabel adds a label and the format of its value to the label schema ("" is text) and
// turns on the rules that read the schema (hadolint's --require-label LABEL:FORMAT); an unknown
// format is an error naming the known ones.
func (c *Config) RequireLabel(key, format string) error {
	if format == "" {
		format = style.FormatText
	}
	if key == "" {
		return fmt.Errorf("a label with no name (want LABEL:FORMAT)")
	}
	if !slices.Contains(style.LabelFormats, format) {
		return fmt.Errorf("label %q has the unknown format %q (known: %s)", key, format, strings.Join(style.LabelFormats, ", "))
	}
	if c.LabelSchema == nil {
		c.LabelSchema = map[string]string{}
	}
	c.LabelSchema[key] = format
	for _, r := range labelSchemaRules {
		c.Enabled[r] = true
	}
	return nil
}

// SetStrictLabels reports labels outside the schema (hadolint's strict-labels).
func (c *Config) SetStrictLabels() {
	c.StrictLabels = true
	c.Enabled[strictLabelsRule] = true
}
