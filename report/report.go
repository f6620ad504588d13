// Package report renders what optimize (and, once run, measure) found: Markdown for people,
// JSON for scripts. Only this package knows about layout; the numbers come from the other
// packages untouched. Measured figures are never estimated: until `dockopt measure` has run,
// the metrics section says so.
package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/docker/go-units"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/optimize"
	"github.com/dockopt/dockopt/rule"
)

// Input is what a report is made from.
type Input struct {
	// Dir is the build context; DockerfileName the original's name in it.
	Dir, DockerfileName string
	// OutDockerfile and OutIgnore are the names the files were written under.
	OutDockerfile, OutIgnore string
	// OutDockerfileIgnore is the optimized Dockerfile's own ignore file ("" when not written).
	OutDockerfileIgnore string
	// Target is the stage built (docker build --target; "" for the last stage).
	Target string
	// MeasureCommand is the command that measures this output ("" for MeasureCommand's).
	MeasureCommand string
	Opt            *optimize.Result
	// MetricsMarkdown is the measured section, rendered by the measure step ("" until then).
	MetricsMarkdown string
	// Metrics is the measured data for JSON (nil until measured).
	Metrics any
	// CIS is the CIS Docker Benchmark section (nil: not written).
	CIS *CIS
}

// serviceName is the build context directory's own name, which names the service in the
// report's example commands.
func serviceName(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return filepath.Base(abs)
	}
	return filepath.Base(dir)
}

// Markdown writes the report, one section after the other.
func Markdown(w io.Writer, in *Input) error {
	m := &mdReport{w: w, in: in, r: in.Opt, name: serviceName(in.Dir)}
	for _, section := range []func(){m.overview, m.optimizations, m.dependencies, m.security, m.healthcheck,
		m.cis, m.notes, m.carried, m.dockerignore, m.migration, m.supplyChain, m.validation, m.metrics} {
		section()
	}
	return nil
}

// mdReport is the Markdown report being written.
type mdReport struct {
	w    io.Writer
	in   *Input
	r    *optimize.Result
	name string // the build context's directory name
}

func (m *mdReport) p(format string, args ...any) { fmt.Fprintf(m.w, format, args...) }

// overview writes the title, what was read and written, and the lint findings before and after.
func (m *mdReport) overview() {
	r := m.r
	in := m.in
	p := m.p
	name := m.name
	p("# dockopt report: %s\n\n", name)
	p("## Overview\n\n")
	p("- Build context: `%s`, Dockerfile `%s`\n", in.Dir, in.DockerfileName)
	p("- Ecosystem: **%s** — %s\n", r.Ecosystem, r.EcosystemWhy)
	p("- Written: `%s`", in.OutDockerfile)
	if in.OutDockerfileIgnore != "" {
		p(", `%s` (its ignore file: BuildKit reads it for `docker build -f %s %s`)", in.OutDockerfileIgnore, in.OutDockerfile, in.Dir)
	}
	if in.OutIgnore != "" {
		if in.OutDockerfileIgnore != "" {
			p(", `%s` (the same patterns, to use as `%s/.dockerignore`)", in.OutIgnore, in.Dir)
		} else {
			p(", `%s`", in.OutIgnore)
		}
	}
	p("\n")
	if r.Ecosystem == "generic" {
		// improved in place: every instruction no change names stays where it was
		p("- Optimizations: %d (below); every other instruction stays as written, in place\n", len(r.Changes))
	} else if len(r.Carried) > 0 {
		// the recipe writes the stages, the working directory, the user, the port and the
		// command itself; Carried are the other instructions it copies as written
		p("- Optimizations: %d (below); other instructions of the original copied as written: %d (\"Instructions carried over\")\n", len(r.Changes), len(r.Carried))
	} else {
		p("- Optimizations: %d (below)\n", len(r.Changes))
	}
	if r.User != "" {
		p("- Runs as: %s\n", r.User)
	}
	p("\n")
	p("Lint findings (dockopt lint) before → after, by family:\n\n| family | before | after |\n|---|---|---|\n")
	for _, fam := range rule.Families {
		b, a := r.FindingsBefore[fam], r.FindingsAfter[fam]
		if a == 0 && b == 0 {
			continue
		}
		p("| %s | %d | %d |\n", fam, b, a)
	}
	if len(r.Left) > 0 {
		p("\nLeft as it was (errors and warnings of the original that the optimized Dockerfile still has):\n\n")
		for _, l := range r.Left {
			p("- %s %s (%s), %d before → %d after: %s\n", l.Rule, l.Name, l.Severity, l.Before, l.After, l.Why)
		}
	}
	if len(r.LeftAfter) > 0 {
		p("\nLeft in the optimized Dockerfile: %s.", strings.Join(r.LeftAfter, ", "))
		for _, l := range r.LeftAfter {
			if strings.HasPrefix(l, "DO7") {
				p(" Pinning findings (info) are a choice dockopt leaves to you: pinned digests and package versions need updating.")
				break
			}
		}
		p("\n")
	}
}

// optimizations writes each change, why, and the instructions before and after.
func (m *mdReport) optimizations() {
	r := m.r
	p := m.p
	p("\n## Optimizations\n\n")
	for i, c := range r.Changes {
		p("### %d. %s\n\n", i+1, c.Title)
		if len(c.Rules) > 0 {
			p("Rules: %s\n\n", strings.Join(c.Rules, ", "))
		}
		p("%s\n\n", c.Why)
		if c.Before != "" {
			p("Before:\n\n```dockerfile\n%s\n```\n\n", strings.TrimSpace(c.Before))
		}
		if c.After != "" {
			p("After:\n\n```dockerfile\n%s\n```\n\n", strings.TrimSpace(c.After))
		}
	}
}

// dependencies writes the Debian packages of the build and runtime stages.
func (m *mdReport) dependencies() {
	r := m.r
	p := m.p
	p("## Build and runtime dependencies\n\n")
	if len(r.BuildPackages)+len(r.RuntimePackages) > 0 {
		p("- Build stage only: %s\n", codeList(r.BuildPackages))
		p("- Runtime stage: %s\n", codeList(r.RuntimePackages))
		if len(r.UnknownDev) > 0 {
			p("- Unknown -dev packages (no runtime library installed for them): %s\n", codeList(r.UnknownDev))
		}
		p("\nRuntime libraries are chosen from a table of Debian bookworm packages (each -dev package's shared library), not guessed.\n\n")
		return
	}
	fc := r.Facts
	if len(fc.Packages) == 0 {
		p("The optimized Dockerfile installs no distribution packages in %s, the stage that ships (the base image's own packages are not counted).\n\n", fc.Target)
		return
	}
	p("Distribution packages %s (the stage that ships) installs: %s.\n\n", fc.Target, codeList(fc.Packages))
}

func orUnknown(s string) string {
	if s == "" {
		return "(unresolved)"
	}
	return "`" + s + "`"
}

// security writes the user, the build tools and caches left out, the secrets kept out of the context.
func (m *mdReport) security() {
	r := m.r
	p := m.p
	p("## Security changes\n\n")
	fc := r.Facts
	switch {
	case !dockerfile.RunsAsRoot(r.User):
		p("- The container runs as **%s**, not root.\n", r.User)
	case fc.Target != "":
		why := r.LeftWhy("DO301")
		if why == "" {
			why = "no non-root user could be added"
		}
		p("- The container still runs as **root** (%s): %s.\n", fc.Target, strings.TrimSuffix(why, "."))
	}
	if len(fc.BuildTools) > 0 {
		p("- Build tools are still installed in %s, the stage that ships: %s.\n", fc.Target, codeList(fc.BuildTools))
	} else {
		p("- No build tools (compilers, -dev headers, make, git) are installed in %s, the stage that ships (its base image %s may have its own).\n", fc.Target, orUnknown(fc.BaseImage))
	}
	if len(fc.CacheFindings) > 0 {
		p("- Package caches left in layers, as the lint rules find them: %s.\n", strings.Join(fc.CacheFindings, ", "))
	} else {
		p("- The package-cache rules (%s) find no cache left in a layer.\n", strings.Join(fc.CacheRules, ", "))
	}
	if r.Ignore != nil {
		secrets := 0
		for _, l := range r.Ignore.Lines {
			if strings.HasPrefix(l.Why, "secrets") {
				secrets++
			}
		}
		if secrets > 0 {
			p("- `.dockerignore` keeps %d kind(s) of secret files (.env, keys, credentials) out of the build context.\n", secrets)
		}
	}
}

// healthcheck writes the HEALTHCHECK added, if any.
func (m *mdReport) healthcheck() {
	r := m.r
	p := m.p
	p("\n## HEALTHCHECK\n\n")
	switch {
	case r.Healthcheck != "":
		p("```dockerfile\n%s\n```\n\n", r.Healthcheck)
	case r.Facts.Healthcheck != "":
		p("The image's HEALTHCHECK, as the optimized Dockerfile has it:\n\n```dockerfile\n%s\n```\n\n", r.Facts.Healthcheck)
	default:
		p("None: the optimized image has no HEALTHCHECK.\n\n")
	}
}

// cis writes the CIS Docker Benchmark section, when there is one.
func (m *mdReport) cis() {
	if m.in.CIS != nil {
		m.p("%s", CISMarkdown(m.in.CIS))
	}
}

// notes writes the optimizer's notes.
func (m *mdReport) notes() { m.list("Notes", m.r.Notes) }

// carried writes the instructions carried over unchanged.
func (m *mdReport) carried() { m.list("Instructions carried over", m.r.Carried) }

// list writes a section of one bullet per item, nothing when there are none.
func (m *mdReport) list(title string, items []string) {
	if len(items) == 0 {
		return
	}
	m.p("## %s\n\n", title)
	for _, it := range items {
		m.p("- %s\n", it)
	}
	m.p("\n")
}

// dockerignore writes the context before and after, and each ignore pattern with its reason.
func (m *mdReport) dockerignore() {
	r := m.r
	p := m.p
	if r.Ignore != nil {
		p("## .dockerignore\n\n")
		p("Build context sent to the engine: %d files, %s before → %d files, %s after.\n\n", r.Ignore.FilesBefore, units.BytesSize(float64(r.Ignore.BytesBefore)), r.Ignore.FilesAfter, units.BytesSize(float64(r.Ignore.BytesAfter)))
		for _, l := range r.Ignore.Lines {
			if l.Kept {
				p("- `%s` (yours, kept)\n", l.Pattern)
			} else {
				p("- `%s` — %s\n", l.Pattern, l.Why)
			}
		}
		for _, l := range r.Ignore.Skipped {
			p("- not added: `%s` (%s) — the Dockerfile copies a path it would exclude\n", l.Pattern, l.Why)
		}
		p("\n")
	}
}

// migration writes how to build and run the optimized image, and a compose service for it.
func (m *mdReport) migration() {
	r := m.r
	in := m.in
	p := m.p
	name := m.name
	tag := sanitizeTag(name)
	p("## Migration\n\n")
	if in.OutDockerfileIgnore != "" {
		p("BuildKit reads `%s` as the ignore file of `%s`; with the classic builder, copy it to `%s/.dockerignore` first.\n\n", in.OutDockerfileIgnore, in.OutDockerfile, in.Dir)
	}
	target := ""
	if in.Target != "" {
		target = " --target " + shellQuote(in.Target)
	}
	p("```sh\ndocker build -f %s%s -t %s:optimized %s\n", in.OutDockerfile, target, tag, in.Dir)
	if r.Port > 0 {
		p("docker run --rm -p 127.0.0.1:%d:%d %s:optimized\n", r.Port, r.Port, tag)
	} else {
		p("docker run --rm %s:optimized\n", tag)
	}
	// compose resolves a relative dockerfile against the context: name the written file by
	// its path from the context when it is outside it (--out)
	composeContext, composeDockerfile := ".", filepath.Base(in.OutDockerfile)
	absDir, err1 := filepath.Abs(in.Dir)
	absOut, err2 := filepath.Abs(in.OutDockerfile)
	if rel, err := filepath.Rel(absDir, absOut); err1 == nil && err2 == nil && err == nil && strings.HasPrefix(rel, "..") {
		composeContext, composeDockerfile = in.Dir, absOut
	}
	where := "a compose file in the build context"
	if composeContext != "." {
		where = "paths as given to dockopt: make them relative to the compose file's directory"
	}
	p("```\n\ndocker-compose service (%s):\n\n```yaml\nservices:\n  %s:\n    build:\n      context: %s\n      dockerfile: %s\n", where, tag, composeContext, composeDockerfile)
	if in.Target != "" {
		p("      target: %s\n", in.Target)
	}
	if r.Port > 0 {
		p("    ports:\n      - \"127.0.0.1:%d:%d\"\n", r.Port, r.Port)
	}
	if len(r.HealthTest()) > 0 {
		p("    healthcheck:\n      test: %s\n      interval: 30s\n      timeout: 5s\n      start_period: 15s\n      retries: 3\n", yamlFlow(append([]string{"CMD"}, r.HealthTest()...)))
	}
	p("```\n\n")
}

// validation writes the commands that check the result.
func (m *mdReport) validation() {
	r := m.r
	in := m.in
	p := m.p
	measureCmd := in.measureCommand()
	p("## Validation\n\n```sh\ndockopt lint --context %s %s\n%s    # builds and runs both images, fills the metrics below\n", in.Dir, in.OutDockerfile, measureCmd)
	if r.Port > 0 {
		p("curl -fsS http://127.0.0.1:%d%s\n", r.Port, r.HealthPath)
	}
	p("```\n\n")
}

// metrics writes the measured section, or how to get it.
func (m *mdReport) metrics() {
	in := m.in
	p := m.p
	p("## Metrics\n\n")
	if in.MetricsMarkdown != "" {
		p("%s\n", in.MetricsMarkdown)
	} else {
		p("Not measured yet — run `%s`. dockopt does not estimate sizes or times: every figure here comes from a build and a run on a real engine.\n", in.measureCommand())
	}
}

func codeList(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	s := append([]string(nil), xs...)
	sort.Strings(s)
	return "`" + strings.Join(s, "`, `") + "`"
}

// yamlFlow writes a list of strings as a YAML flow sequence of double-quoted scalars (JSON's
// syntax, which YAML accepts), without JSON's HTML escaping: `=>` stays `=>`, not `=\u003e`.
func yamlFlow(xs []string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(xs)
	return strings.TrimSuffix(b.String(), "\n")
}

func sanitizeTag(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "app"
	}
	return b.String()
}
