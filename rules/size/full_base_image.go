package size

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// python:3.12, python:3.12.4-bookworm, ruby:3.3-bullseye, python:latest
	debianSuiteTag = lazyre.New(`^([0-9][0-9.]*(?:rc[0-9]*|a[0-9]+|b[0-9]+)?|[0-9]+-rc|latest)(?:-(trixie|bookworm|bullseye|buster|stretch|jessie))?$`)
	// node:20, node:20.11-bookworm, node:lts, node:iron-bullseye
	nodeTag = lazyre.New(`^([0-9][0-9.]*|lts|current|latest|[a-z]+)(?:-(trixie|bookworm|bullseye|buster|stretch|jessie))?$`)
	// eclipse-temurin:17, 17.0.9_9-jammy
	javaVersionTag = lazyre.New(`^([0-9][0-9._u+]*)(-.*)?$`)
	leadingDigits  = lazyre.New(`^[0-9]+`)
)

// slimSuggestion returns the slimmer image the final stage could use, and what it costs now;
// "" when the image is already slim or unknown.
func slimSuggestion(p *rule.Pass, repo, tag string) (suggest, why string) {
	switch repo {
	case "python", "ruby":
		if dockerfile.IsSmallVariantTag(tag) {
			return "", ""
		}
		m := debianSuiteTag.FindStringSubmatch(tag)
		if m == nil {
			return "", ""
		}
		t := m[1] + "-slim"
		if m[1] == "latest" {
			t = "slim"
		}
		if m[2] != "" {
			t += "-" + m[2]
		}
		return repo + ":" + t, "the full image carries compilers, headers and documentation (about 1 GB)"
	case "node":
		if dockerfile.IsSmallVariantTag(tag) {
			return "", ""
		}
		m := nodeTag.FindStringSubmatch(tag)
		if m == nil {
			return "", ""
		}
		t := m[1]
		if m[2] != "" {
			t += "-" + m[2]
		}
		if t == "latest" {
			t = ""
		} else {
			t += "-"
		}
		return "node:" + t + "slim", "the full image carries compilers, headers and documentation (about 1 GB)"
	case "eclipse-temurin", "openjdk":
		t := strings.ToLower(tag)
		if strings.Contains(t, "jre") || !runsJava(p.File) || compilesInFinal(p) {
			return "", ""
		}
		if repo == "openjdk" {
			major := leadingDigits.FindString(t)
			if major == "" {
				return "", ""
			}
			suffix := ""
			if strings.Contains(t, "alpine") {
				suffix = "-alpine"
			}
			return "eclipse-temurin:" + major + "-jre" + suffix, "a JDK (compiler, jlink, tools) is not needed to run a jar"
		}
		if strings.Contains(t, "jdk") {
			return "eclipse-temurin:" + strings.Replace(t, "jdk", "jre", 1), "a JDK (compiler, jlink, tools) is not needed to run a jar"
		}
		m := javaVersionTag.FindStringSubmatch(t)
		if m == nil {
			return "", ""
		}
		return "eclipse-temurin:" + m[1] + "-jre" + m[2], "a JDK (compiler, jlink, tools) is not needed to run a jar"
	case "golang":
		if runsProgram(p.File, "go") || compilesGoInFinal(p) {
			return "", "" // the go command is used; a build in the final stage is DO108's finding
		}
		return "gcr.io/distroless/static-debian12 (or alpine, or scratch) with the binary copied from a golang build stage",
			"a compiled Go binary needs no toolchain (golang images weigh 250 to 800 MB)"
	}
	return "", ""
}

// runsJava reports whether the image's ENTRYPOINT/CMD runs java (directly or through a shell).
func runsJava(f *dockerfile.File) bool {
	return runsProgram(f, "java") || runsProgram(f, "java.exe")
}

// runsProgram reports whether the final stage's ENTRYPOINT or CMD mentions program as a word.
func runsProgram(f *dockerfile.File, prog string) bool {
	for _, st := range f.StageChain(f.FinalStage()) {
		for _, in := range st.Instructions {
			if in.Cmd != "cmd" && in.Cmd != "entrypoint" {
				continue
			}
			for _, a := range in.Args {
				for _, w := range strings.Fields(a) {
					if w == prog || strings.HasSuffix(w, "/"+prog) {
						return true
					}
				}
			}
		}
	}
	return false
}

// compilesGoInFinal reports whether a RUN of the final stage (or its bases) runs go build/install.
func compilesGoInFinal(p *rule.Pass) bool {
	for _, st := range p.File.StageChain(p.File.FinalStage()) {
		for _, in := range st.Instructions {
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				if what, _ := compileStep(c); strings.HasPrefix(what, "go ") {
					return true
				}
			}
		}
	}
	return false
}

// compilesInFinal reports whether a RUN of the final stage (or its bases) compiles Java.
func compilesInFinal(p *rule.Pass) bool {
	for _, st := range p.File.StageChain(p.File.FinalStage()) {
		for _, in := range st.Instructions {
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				if c.Is("javac", "jlink", "jar", "jpackage") {
					return true
				}
				if what, _ := compileStep(c); what != "" && (c.Is("mvn", "mvnw", "gradle", "gradlew")) {
					return true
				}
			}
		}
	}
	return false
}

var (
	// FullBaseImage is DO109 (full-base-image).
	FullBaseImage = &rule.Rule{
		ID:       "DO109",
		Name:     "full-base-image",
		Family:   rule.Size,
		Severity: rule.Warning,
		Doc: rule.Doc{
			What: "Finds a final image built on a full official image where a slimmer variant fits: " +
				"`python` and `ruby` without `-slim`/`-alpine` (→ `-slim`), `node` without " +
				"`-slim`/`-alpine` (→ `-slim`), an `openjdk` or `eclipse-temurin` JDK when the image " +
				"runs `java` and compiles nothing (→ `eclipse-temurin:<version>-jre`), and `golang` " +
				"when the image neither runs the `go` command nor builds in that stage (a single-stage " +
				"Go build is DO108's finding). The base is read after ARG " +
				"substitution, through stages the final stage is built FROM; a base that cannot be " +
				"resolved is not reported, nor base images: images without their own CMD or ENTRYPOINT, " +
				"ONBUILD templates (the child build installs the dependencies, and native modules " +
				"need the full image's compilers: `ONBUILD RUN npm install`) and language images whose " +
				"command is the bare interpreter (`CMD [\"python3\"]`).",
			Why: "The full variants are built for compiling: python:3.12 is about 1 GB against about " +
				"150 MB for python:3.12-slim, node:20 about 1.1 GB against 250 MB, a JDK about twice a " +
				"JRE. Every extra package is more to download, store, scan and patch.",
			Example:    "FROM python:3.12\nCOPY . /app\nRUN pip install --no-cache-dir -r /app/requirements.txt\nCMD [\"python\", \"/app/main.py\"]",
			UseInstead: "FROM python:3.12-slim\nCOPY . /app\nRUN pip install --no-cache-dir -r /app/requirements.txt\nCMD [\"python\", \"/app/main.py\"]",
			References: []string{
				"https://hub.docker.com/_/python#image-variants",
				"https://hub.docker.com/_/node#image-variants",
				"https://hub.docker.com/_/eclipse-temurin",
				"https://github.com/GoogleContainerTools/distroless",
			},
		},
		Check: func(p *rule.Pass) {
			final := p.File.FinalStage()
			if final == nil || !ruleutil.RunsApplication(p.File) {
				return
			}
			chain := p.File.StageChain(final)
			root := chain[len(chain)-1]
			repo, tag, ok := splitImage(root.BaseImage)
			if !ok {
				return
			}
			suggest, why := slimSuggestion(p, repo, tag)
			if suggest == "" {
				return
			}
			p.Report(root.From, "final image is built on "+repo+":"+tag+": "+why+"; use "+suggest)
		},
	}
)
