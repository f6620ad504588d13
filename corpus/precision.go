package corpus

import (
	"bytes"
	_ "embed"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/dockopt/dockopt/config"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rules"
)

// SampleSize is how many findings of a rule are hand-checked (all of them when fewer).
const SampleSize = 10

// Verdicts a label may give: a true finding worth its severity, a true finding that is not
// worth its severity (noise, the word), and a false finding.
const (
	TruePositive  = "tp"
	Noise         = "noise"
	FalsePositive = "fp"
)

// Label is one hand-checked finding of corpus/labels.yaml.
type Label struct {
	// File is the finding's file relative to the corpus root (source/name).
	File string `yaml:"file"`
	// Line is the finding's 1-based line.
	Line    int    `yaml:"line"`
	Rule    string `yaml:"rule"`
	Verdict string `yaml:"verdict"`
	// Why is the one-line reason for the verdict.
	Why string `yaml:"why"`
}

// Key identifies a finding for labelling: one rule at one line of one file (several findings
// of a rule on one line, one per package say, share a key and a label).
type Key struct {
	File string
	Line int
	Rule string
}

func (l Label) Key() Key { return Key{l.File, l.Line, l.Rule} }

//go:embed labels.yaml
var labelsYAML []byte

// Labels returns the hand-checked labels of corpus/labels.yaml, checked for completeness.
func Labels() ([]Label, error) {
	var ls []Label
	dec := yaml.NewDecoder(bytes.NewReader(labelsYAML))
	dec.KnownFields(true)
	if err := dec.Decode(&ls); err != nil {
		return nil, fmt.Errorf("corpus/labels.yaml: %w", err)
	}
	seen := map[Key]bool{}
	for i, l := range ls {
		switch {
		case l.File == "" || l.Line < 1 || rules.Lookup(l.Rule) == nil:
			return nil, fmt.Errorf("corpus/labels.yaml: label %d (%s:%d %s): needs a file, a line and a known rule", i+1, l.File, l.Line, l.Rule)
		case l.Verdict != TruePositive && l.Verdict != Noise && l.Verdict != FalsePositive:
			return nil, fmt.Errorf("corpus/labels.yaml: label %d (%s:%d %s): verdict %q, want tp, noise or fp", i+1, l.File, l.Line, l.Rule, l.Verdict)
		case strings.TrimSpace(l.Why) == "":
			return nil, fmt.Errorf("corpus/labels.yaml: label %d (%s:%d %s): no reason given", i+1, l.File, l.Line, l.Rule)
		case seen[l.Key()]:
			return nil, fmt.Errorf("corpus/labels.yaml: label %d (%s:%d %s): labelled twice", i+1, l.File, l.Line, l.Rule)
		}
		seen[l.Key()] = true
	}
	return ls, nil
}

// Hit is one finding of a lint run over the corpus.
type Hit struct {
	Key
	Message string
	EndLine int
}

// Run is a lint run over the corpus, as `dockopt lint --no-context --all-rules` does it (each
// file alone, default configuration with the opt-in rules turned on, so that the table can
// show the default set and the full set).
type Run struct {
	Files, Parsed int
	Hits          []Hit
	// Src holds each parsed file's text by its corpus-relative path.
	Src map[string][]byte
}

// Lint lints every Dockerfile under dir (the corpus root: one folder per source).
func Lint(dir string) (*Run, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*", "*"))
	if err != nil {
		return nil, err
	}
	run := &Run{Src: map[string][]byte{}}
	cfg := config.Default()
	cfg.AllRules = true
	for _, p := range paths {
		if base := filepath.Base(p); base == "LICENSE.txt" || base == "MANIFEST.tsv" {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		run.Files++
		rel := filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(p)), filepath.Base(p)))
		f, err := dockerfile.Parse(rel, src, dockerfile.Options{})
		if err != nil {
			continue // a template: a parse error, no finding
		}
		run.Parsed++
		run.Src[rel] = src
		for _, fd := range lint.Run(f, nil, lint.Options{Config: cfg}) {
			run.Hits = append(run.Hits, Hit{Key{rel, fd.Line, fd.Rule.ID}, fd.Message, fd.EndLine})
		}
	}
	if run.Files == 0 {
		return nil, fmt.Errorf("no corpus files under %s", dir)
	}
	return run, nil
}

// Sample picks the findings of one rule to hand-check: up to SampleSize keys in an order
// fixed by a hash of the key (so the sample does not depend on the order files are read in),
// taking one key per file before a second from the same file.
func Sample(keys []Key) []Key {
	keys = append([]Key(nil), keys...)
	sort.Slice(keys, func(i, j int) bool { return keyHash(keys[i]) < keyHash(keys[j]) })
	var out, later []Key
	files := map[string]bool{}
	for _, k := range keys {
		if files[k.File] {
			later = append(later, k)
			continue
		}
		files[k.File] = true
		out = append(out, k)
	}
	out = append(out, later...)
	if len(out) > SampleSize {
		out = out[:SampleSize]
	}
	return out
}

func keyHash(k Key) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%d|%s", k.File, k.Line, k.Rule)
	return h.Sum64()
}
