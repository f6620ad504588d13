package size

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// eachAdd calls fn for every ADD instruction (ONBUILD ADD included).
func eachAdd(p *rule.Pass, fn func(in *dockerfile.Instruction)) {
	for _, in := range p.File.Instructions {
		if in.Cmd == "add" {
			fn(in)
		}
		if in.OnBuild != nil && in.OnBuild.Cmd == "add" {
			fn(in.OnBuild)
		}
	}
}

// addSources returns an ADD's sources after ARG/ENV substitution; ok is false when one cannot
// be resolved.
func addSources(f *dockerfile.File, in *dockerfile.Instruction) (srcs []string, ok bool) {
	if len(in.Args) < 2 {
		return nil, false
	}
	for _, s := range in.Args[:len(in.Args)-1] {
		v, ok := f.Expand(in, s)
		if !ok {
			return nil, false
		}
		srcs = append(srcs, v)
	}
	return srcs, true
}

// keywordEdit returns an edit replacing the instruction keyword (the one after ONBUILD for a
// wrapped instruction) with word, keeping the keyword's letter case.
func keywordEdit(f *dockerfile.File, in *dockerfile.Instruction, word string) []rule.TextEdit {
	off := in.StartOffset
	src := f.Source
	// a wrapped instruction shares the ONBUILD's offsets: skip "ONBUILD" and blanks
	if in.Cmd != "onbuild" && strings.EqualFold(string(src[off:min(off+7, len(src))]), "onbuild") {
		off += 7
		for off < len(src) && (src[off] == ' ' || src[off] == '\t') {
			off++
		}
	}
	kw := string(src[off:min(off+len(in.Keyword), len(src))])
	if !strings.EqualFold(kw, in.Keyword) {
		return nil
	}
	switch {
	case kw == strings.ToLower(kw):
		word = strings.ToLower(word)
	case kw == strings.ToUpper(kw):
		word = strings.ToUpper(word)
	default:
		word = strings.ToUpper(word[:1]) + strings.ToLower(word[1:])
	}
	return []rule.TextEdit{{Start: off, End: off + len(kw), New: word}}
}

var (
	// AddInsteadOfCopy is DO113 (add-instead-of-copy).
	AddInsteadOfCopy = &rule.Rule{
		ID:          "DO113",
		Name:        "add-instead-of-copy",
		Family:      rule.Size,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3020", "trivy:AVD-DS-0005", "dockle:CIS-DI-0009", "cis:4.9"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds ADD of local files or directories that are neither URLs, git repositories " +
				"nor archives ADD would extract (.tar, .tar.gz/.tgz, .tar.bz2, .tar.xz...; not .zip, which " +
				"ADD copies as it is). Sources " +
				"with variables that cannot be resolved are not reported, nor ADD with --checksum, " +
				"--keep-git-dir or --unpack.",
			Why: "ADD fetches URLs and silently extracts local tar archives; COPY only copies. Using " +
				"ADD for plain files hides which of the two is meant, and a file that later becomes " +
				"an archive gets unpacked by surprise. Docker's best practices and the CIS Docker " +
				"Benchmark (4.9) recommend COPY. " +
				"Severity: a warning, where hadolint's DL3020 is an error: ADD of a local file builds and " +
				"gives the same image as COPY; only an archive's unexpected extraction differs.",
			Example:    "ADD requirements.txt /app/",
			UseInstead: "COPY requirements.txt /app/",
			Fixed:      "Local files are copied with COPY, not ADD",
			FixNotes: "Replaces the ADD keyword with COPY (same letter case), keeping every flag " +
				"(--chown, --chmod, --link, --exclude, --from are valid for COPY). Safe: for local " +
				"files that are not archives both copy the same bytes.",
			References: []string{
				"https://github.com/hadolint/hadolint/wiki/DL3020",
				"https://docs.docker.com/build/building/best-practices/#add-or-copy",
				"CIS Docker Benchmark 4.9: Ensure that COPY is used instead of ADD in Dockerfiles",
			},
		},
		Check: func(p *rule.Pass) {
			eachAdd(p, func(in *dockerfile.Instruction) {
				for _, fl := range []string{"checksum", "keep-git-dir", "unpack"} {
					if _, ok := in.Flag(fl); ok {
						return
					}
				}
				srcs, ok := addSources(p.File, in)
				if !ok {
					return
				}
				if len(in.Heredocs) == 0 {
					for _, s := range srcs {
						if isURL(s) || addExtracts(s) || strings.HasSuffix(strings.ToLower(s), ".git") {
							return
						}
					}
				}
				p.Report(in, "ADD of local files: use COPY (ADD also fetches URLs and extracts archives)",
					rule.WithFix("replace ADD with COPY", keywordEdit(p.File, in, "COPY")...))
			})
		},
	}
)
