package optimize

import (
	"encoding/xml"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// javaRuntime: the jar (java -jar) or class path (java -cp) the command runs, copied from the
// build into a runtime stage: on a glibc JDK of Java 17 or later, a runtime of the modules the
// program uses, linked by jlink in the build stage (javaJLink), on debian slim; otherwise the
// JRE image of the same Java (eclipse-temurin's -jre). A Maven build gets its dependencies
// resolved in a layer of their own (mvn dependency:go-offline after copying pom.xml). It
// declines, with a note naming Java, what it cannot make safe: a command that is not
// `java -jar`/`-cp`, a JDK image with no known JRE that jlink cannot serve, a Maven project
// whose jar does not hold its dependencies, a Gradle build (dockopt does not read
// build.gradle).
func javaRuntime(p *plan, st *dockerfile.Stage, repo, tag string) (*runtimePlan, string) {
	version, jdk := dockerfile.JDKVersion(repo, tag)
	if dockerfile.IsSmallVariantTag(tag) && !strings.Contains(tag, "alpine") && !jdk {
		return nil, ""
	}
	root := p.f.RootImage(st)
	jre, hasJRE := dockerfile.JRETag(repo, tag)
	if !hasJRE && !jdk {
		return nil, fmt.Sprintf("a Java project on %s: dockopt knows the JRE image of eclipse-temurin and of the maven and gradle images built on it, not of this one, so the build was not moved to its own stage", root)
	}
	words := stageCommand(p.f, st)
	wd := p.f.WorkdirEnd(st)
	paths, ok := javaClassPath(words)
	if !ok || wd == "" {
		return nil, fmt.Sprintf("a Java project: %s runs `%s`, not `java -jar FILE` or `java -cp PATH CLASS`, so dockopt cannot tell what to copy into a JRE image and the build was not moved to its own stage", stageLabel(st), commandText(words))
	}
	var sb *springBoot
	if len(findBuildCalls(p.f, st, pkgmgr.Build, "gradle")) > 0 {
		if sb = gradleSpringBoot(p); sb == nil {
			return nil, "a Java project built with Gradle: dockopt reads build.gradle only for the Spring Boot plugin (whose jar holds its dependencies), and it applies none, so the build was not moved to its own stage"
		}
		p.res.Notes = appendOnce(p.res.Notes, "a Spring Boot project built with Gradle: its dependencies are downloaded with the code in one layer (dockopt gives them a layer of their own for Maven only)")
	}
	mvn := findBuildCalls(p.f, st, pkgmgr.Build, "maven")
	var pom *mavenPOM
	if len(mvn) > 0 {
		var why string
		if pom, why = readPOM(p); why != "" {
			return nil, "a Java project built with Maven: " + why + ", so the build was not moved to its own stage"
		}
		sb = mavenSpringBoot(pom)
	}
	rt := &runtimePlan{what: "the class path " + strings.Join(paths, ", ")}
	var roots []string
	for _, cp := range paths {
		a := cleanAbs(cp, wd)
		rt.copies = append(rt.copies, [2]string{a, a})
		roots = append(roots, a)
	}
	if why := javaJLink(p, st, rt, sb != nil, tag, version, roots, words); why != "" {
		if !hasJRE {
			return nil, fmt.Sprintf("a Java project on %s: dockopt knows no JRE image of it, and %s, so the build was not moved to its own stage", root, why)
		}
		p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("a Java project: the runtime is %s, not one linked with jlink: %s", jre, why))
		rt.base = jre
		rt.why = fmt.Sprintf("%s is the Java runtime of the same version without the compiler and the JDK's tools (%s).", jre, "https://hub.docker.com/_/eclipse-temurin")
	}
	if sb != nil && len(roots) == 1 && jarWordIndex(words) >= 0 {
		if why := springLayers(p, st, rt, sb, roots[0], wd); why != "" {
			p.res.Notes = appendOnce(p.res.Notes, "a Spring Boot project: the jar is copied whole, not its layers one by one: "+why)
		}
	}
	for _, r := range p.a.refs.Read {
		d := path.Join(wd, r)
		rt.copies = append(rt.copies, [2]string{d, d})
		rt.what += ", " + r
	}
	rt.stack = "Java"
	if len(mvn) > 0 {
		mavenDepsLayer(p, st, rt, mvn[0], pom)
	}
	return rt, ""
}

// mavenDepsLayer gives a Maven build's dependencies a layer of their own (pom.xml, or the
// wrapper with it, then dependency:go-offline before the code), or says in a note why not.
func mavenDepsLayer(p *plan, st *dockerfile.Stage, rt *runtimePlan, mvn buildCall, pom *mavenPOM) {
	out := pkgmgr.BuildOutputs["maven"]
	files := []string{"pom.xml"}
	prefetch := out.Prefetch
	if mvn.call.Program == "mvnw" {
		// the wrapper and its settings (.mvn/wrapper) are needed to run it
		files = nil
		for _, f := range []string{"mvnw", ".mvn", "pom.xml"} {
			if p.ctx.Exists(f) {
				files = append(files, f)
			}
		}
		prefetch = "./mvnw " + strings.TrimPrefix(prefetch, "mvn ")
	}
	switch {
	case len(pom.Modules) > 0:
		p.res.Notes = appendOnce(p.res.Notes, "a Java project built with Maven: pom.xml has modules, whose poms dependency:go-offline also needs, so the dependencies are not resolved in a layer of their own")
	default:
		edit, ch, why := depsLayerEdit(p, st, mvn, files, prefetch, out.Source)
		if ch != nil {
			rt.buildEdits = append(rt.buildEdits, edit)
			rt.changes = append(rt.changes, *ch)
		} else {
			p.res.Notes = appendOnce(p.res.Notes, "a Java project: "+why)
		}
	}
}

// javaClassPath returns the files a `java -jar FILE` or `java -cp A:B CLASS` command line
// needs (a class path entry dir/* is the directory); ok is false for any other command.
func javaClassPath(words []string) ([]string, bool) {
	if len(words) < 3 || path.Base(words[0]) != "java" {
		return nil, false
	}
	for i := 1; i+1 < len(words); i++ {
		switch words[i] {
		case "-jar":
			return []string{words[i+1]}, !strings.ContainsAny(words[i+1], "$*")
		case "-cp", "-classpath", "--class-path":
			var out []string
			for _, e := range strings.Split(words[i+1], ":") {
				e = strings.TrimSuffix(e, "/*")
				if e == "" || strings.ContainsAny(e, "$*") {
					return nil, false
				}
				out = append(out, e)
			}
			return out, true
		}
	}
	return nil, false
}

// mavenPOM is what javaRuntime reads of pom.xml.
type mavenPOM struct {
	Packaging    string   `xml:"packaging"`
	Modules      []string `xml:"modules>module"`
	Dependencies []struct {
		ArtifactID string `xml:"artifactId"`
		Scope      string `xml:"scope"`
	} `xml:"dependencies>dependency"`
	Plugins []struct {
		ArtifactID    string `xml:"artifactId"`
		Version       string `xml:"version"`
		Configuration struct {
			Executable string `xml:"executable"`
			Layers     struct {
				Enabled string `xml:"enabled"`
			} `xml:"layers"`
		} `xml:"configuration"`
	} `xml:"build>plugins>plugin"`
	Parent struct {
		ArtifactID string `xml:"artifactId"`
		Version    string `xml:"version"`
	} `xml:"parent"`
	Managed []struct {
		ArtifactID string `xml:"artifactId"`
		Version    string `xml:"version"`
	} `xml:"dependencyManagement>dependencies>dependency"`
	Properties struct {
		Entries []struct {
			XMLName xml.Name
			Value   string `xml:",chardata"`
		} `xml:",any"`
	} `xml:"properties"`
}

// fatJarPlugins are the Maven plugins that put a project's dependencies into its jar
// (https://docs.spring.io/spring-boot/maven-plugin/packaging.html,
// https://maven.apache.org/plugins/maven-shade-plugin/, https://maven.apache.org/plugins/maven-assembly-plugin/).
var fatJarPlugins = []string{"spring-boot-maven-plugin", "maven-shade-plugin", "maven-assembly-plugin"}

// hasPlugin reports whether pom.xml builds with the plugin whose artifactId is id (false for
// no pom).
func (pom *mavenPOM) hasPlugin(id string) bool {
	if pom == nil {
		return false
	}
	for _, pl := range pom.Plugins {
		if pl.ArtifactID == id {
			return true
		}
	}
	return false
}

// readPOM reads the context's pom.xml; why says what makes a jar-only runtime unsafe.
func readPOM(p *plan) (*mavenPOM, string) {
	if p.ctx == nil || !p.ctx.Exists("pom.xml") {
		return nil, "pom.xml is not at the build context's root"
	}
	data, err := readContextFile(p.ctx, "pom.xml")
	var pom mavenPOM
	if err != nil || xml.Unmarshal(data, &pom) != nil {
		return nil, "pom.xml could not be read"
	}
	if pom.Packaging != "" && pom.Packaging != "jar" {
		return nil, fmt.Sprintf("pom.xml packages a %s, not a jar", pom.Packaging)
	}
	fat := slices.ContainsFunc(fatJarPlugins, pom.hasPlugin)
	for _, d := range pom.Dependencies {
		if d.Scope != "test" && d.Scope != "provided" && !fat {
			return nil, fmt.Sprintf("pom.xml depends on %s and builds no jar that holds its dependencies (%s), so the jar alone would not run", d.ArtifactID, strings.Join(fatJarPlugins, ", "))
		}
	}
	return &pom, ""
}

// javaHealthNote says why a Java service gets no HEALTHCHECK on base: probing it takes an HTTP
// client, java cannot run one given on its command line without the compiler module (the
// source-file launcher, https://openjdk.org/jeps/330), and dockopt invents no probe.
func javaHealthNote(base string) string {
	client := fmt.Sprintf("%s has no curl or wget", base)
	if !strings.HasPrefix(base, "debian:") {
		client = "dockopt does not read which path a Java service answers on"
	}
	return "no HEALTHCHECK is added for the Java service: a check needs an HTTP client, java cannot run one given on its command line " +
		"(the source-file launcher needs the jdk.compiler module, which a JRE and a jlink'd runtime lack: https://openjdk.org/jeps/330), and " + client +
		" (a Spring Boot actuator endpoint needs a client too). Add one by hand: a client installed in the stage that ships, or a probe class of the program's own"
}
