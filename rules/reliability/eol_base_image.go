package reliability

import (
	"fmt"
	"strings"
	"time"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// eolNow is the day findings are judged on (a variable so that tests can fix it).
var eolNow = func() string { return time.Now().UTC().Format(time.DateOnly) }

var (
	// EOLBaseImage is DO410 (eol-base-image).
	EOLBaseImage = &rule.Rule{
		ID:       "DO410",
		Name:     "eol-base-image",
		Family:   rule.Reliability,
		Severity: rule.Warning,
		Doc: rule.Doc{
			What: "Finds a FROM whose image is a release its project no longer supports: an official " +
				"language image of an end-of-life version (`python:3.7`, `node:16`, `golang:1.20`, " +
				"`ruby:2.7`, `php:7.4`, .NET 6 from mcr.microsoft.com), or an end-of-life distribution, " +
				"as the image itself (`debian:buster`, `ubuntu:18.04`, `alpine:3.16`, `centos:7`) or " +
				"as the variant in another image's tag (`python:3.11-slim-buster`, `node:20-alpine3.16`). " +
				"Every stage is checked: a build stage on an unsupported compiler ships its unfixed " +
				"standard library in the binary. The dates are a table kept in the source " +
				"(rules/reliability/eol_table.go) with each project's lifecycle page, last checked " +
				"on " + eolTableChecked + "; a release that passes its date after that is only reported " +
				"once the table lists it, and Go releases after 1.23 are not listed yet.",
			Why: "After its end of life a release gets no security fixes: the image's OS packages or " +
				"runtime keep every vulnerability found since, image scanners report them and there is " +
				"no patched tag to move to within the release. Package mirrors of old distributions " +
				"also move to archive servers (Debian's archive.debian.org), so `apt-get update` in " +
				"these images starts failing. Upgrading the release is the only fix.",
			Example:    "FROM python:3.7-slim-buster",
			UseInstead: "FROM python:3.12-slim-bookworm",
			References: []string{
				"https://devguide.python.org/versions/",
				"https://github.com/nodejs/Release#end-of-life-releases",
				"https://go.dev/doc/devel/release",
				"https://www.ruby-lang.org/en/downloads/branches/",
				"https://www.php.net/eol.php",
				"https://wiki.debian.org/LTS",
				"https://wiki.ubuntu.com/Releases",
				"https://alpinelinux.org/releases/",
				"https://www.centos.org/centos-linux-eol/",
				"https://dotnet.microsoft.com/en-us/platform/support/policy/dotnet-core",
			},
		},
		Check: func(p *rule.Pass) {
			f := p.File
			today := eolNow()
			for _, st := range f.Stages {
				if st.BaseImage == "" || strings.EqualFold(st.BaseImage, "scratch") || f.BaseStage(st) != nil {
					continue
				}
				ref := dockerfile.ParseImageRef(st.BaseImage)
				if ref.Unresolved() {
					continue
				}
				var says []string
				for _, h := range eolHits(ref) {
					if h.rel.EOL < today {
						says = append(says, fmt.Sprintf("%s %s reached its end of life on %s", h.product.Name, h.name, h.rel.EOL))
					}
				}
				if len(says) > 0 {
					p.Report(st.From, fmt.Sprintf("%s: %s (no more security fixes): move to a supported release",
						st.BaseImage, strings.Join(says, "; ")))
				}
			}
		},
	}
)

type eolHit struct {
	product *eolProduct
	rel     eolRelease
	name    string // the release as matched ("3.7", "buster")
}

// eolHits returns the table's releases an image reference names: by its repository and the
// start of its tag, and by the distribution variants in its tag's parts.
func eolHits(ref dockerfile.ImageRef) []eolHit {
	repo := ref.Familiar()
	tag := strings.ToLower(ref.Tag)
	if tag == "" {
		return nil
	}
	parts := strings.Split(tag, "-")
	var out []eolHit
	for i := range eolTable {
		pr := &eolTable[i]
		own := false
		for _, im := range pr.Images {
			own = own || im == repo
		}
		for _, rel := range pr.Releases {
			for _, n := range rel.Names {
				switch {
				case own && (parts[0] == n || strings.HasPrefix(parts[0], n+".")):
				case !own && pr.Suffixes && eolSuffixMatch(pr, parts, n):
				default:
					continue
				}
				out = append(out, eolHit{pr, rel, n})
				break
			}
		}
	}
	return out
}

// eolSuffixMatch reports whether a tag part names a distribution release: its code name
// (bookworm, focal), or for Alpine "alpine3.16".
func eolSuffixMatch(pr *eolProduct, parts []string, name string) bool {
	for _, part := range parts {
		if pr.SuffixPrefix != "" {
			v, ok := strings.CutPrefix(part, pr.SuffixPrefix)
			if ok && (v == name || strings.HasPrefix(v, name+".")) {
				return true
			}
			continue
		}
		if strings.Trim(name, "abcdefghijklmnopqrstuvwxyz") == "" && part == name {
			return true
		}
	}
	return false
}
