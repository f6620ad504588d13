package optimize

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/internal/lazyre"
	"github.com/dockopt/dockopt/rule"
)

// springBoot is what the build files say of a Spring Boot application: the file that names
// the plugin, the Boot version ("" when it names none dockopt can read) and why its jar has
// no layers to extract ("" when it has).
type springBoot struct {
	file, version, noLayers string
}

// bootVersion returns the Spring Boot version pom.xml builds with: the plugin's own version,
// else the spring-boot-starter-parent's, else an imported spring-boot-dependencies's, a
// ${property} read from <properties>.
func (pom *mavenPOM) bootVersion() string {
	v := ""
	for _, d := range pom.Managed {
		if d.ArtifactID == "spring-boot-dependencies" {
			v = d.Version
		}
	}
	if pom.Parent.ArtifactID == "spring-boot-starter-parent" {
		v = pom.Parent.Version
	}
	for _, pl := range pom.Plugins {
		if pl.ArtifactID == pkgmgr.SpringBoot.MavenPlugin && pl.Version != "" {
			v = pl.Version
		}
	}
	if name, ok := strings.CutPrefix(v, "${"); ok {
		v = ""
		for _, p := range pom.Properties.Entries {
			if p.XMLName.Local == strings.TrimSuffix(name, "}") {
				v = strings.TrimSpace(p.Value)
			}
		}
	}
	return v
}

// mavenSpringBoot reads Spring Boot from pom.xml (nil when its plugin is not there).
func mavenSpringBoot(pom *mavenPOM) *springBoot {
	for _, pl := range pom.Plugins {
		if pl.ArtifactID != pkgmgr.SpringBoot.MavenPlugin {
			continue
		}
		sb := &springBoot{file: "pom.xml", version: pom.bootVersion()}
		switch {
		case strings.TrimSpace(pl.Configuration.Layers.Enabled) == "false":
			sb.noLayers = "pom.xml turns the jar's layers off (<layers><enabled>false)"
		case strings.TrimSpace(pl.Configuration.Executable) == "true":
			sb.noLayers = "pom.xml builds a fully executable jar (<executable>true), which the jar mode cannot extract"
		}
		return sb
	}
	return nil
}

var (
	gradleBootPlugin   = lazyre.New(`id\s*\(?\s*["']org\.springframework\.boot["']\s*\)?(\s*version\s*\(?\s*["']([^"']+)["'])?`)
	gradleApplyBoot    = lazyre.New(`apply\s*\(?\s*plugin\s*[:=]\s*["']org\.springframework\.boot["']`)
	gradleNoLayers     = lazyre.New(`layered\s*\{[^}]*enabled\s*(=|\.set\()\s*false`)
	gradleLaunchScript = lazyre.New(`launchScript\s*\(`)
)

// gradleSpringBoot reads Spring Boot from build.gradle or build.gradle.kts (nil when neither
// applies its plugin).
func gradleSpringBoot(p *plan) *springBoot {
	for _, name := range []string{"build.gradle", "build.gradle.kts"} {
		if p.ctx == nil || !p.ctx.Exists(name) {
			continue
		}
		data, err := readContextFile(p.ctx, name)
		if err != nil {
			continue
		}
		text := string(data)
		m := gradleBootPlugin.FindStringSubmatch(text)
		if m == nil && !gradleApplyBoot.MatchString(text) {
			continue
		}
		sb := &springBoot{file: name}
		if m != nil {
			sb.version = m[2]
		}
		switch {
		case gradleNoLayers.MatchString(text):
			sb.noLayers = name + " turns the jar's layers off (layered { enabled = false })"
		case gradleLaunchScript.MatchString(text):
			sb.noLayers = name + " builds a fully executable jar (launchScript()), which the jar mode cannot extract"
		}
		return sb
	}
	return nil
}

// springLayers makes the runtime receive a Spring Boot jar's layers instead of the jar: the
// build stage extracts them next to the jar, the runtime copies each layer into its working
// directory in pkgmgr.SpringBoot's order, and the command that ran `java -jar JAR` runs the
// launcher class of the Boot version. It returns why it cannot ("" when done).
func springLayers(p *plan, st *dockerfile.Stage, rt *runtimePlan, sb *springBoot, jar, wd string) string {
	boot := pkgmgr.SpringBoot
	switch {
	case sb.noLayers != "":
		return sb.noLayers
	case sb.version == "":
		return fmt.Sprintf("%s names no Spring Boot version dockopt can read, and the extract command and launcher class depend on it", sb.file)
	case !boot.Supports(sb.version):
		return fmt.Sprintf("Spring Boot %s: jars have the layers index by default from %s", sb.version, boot.MinVersion)
	case !dockerfile.RunsAsRoot(p.f.UserEnd(st)) && !strings.HasPrefix(jar, wd+"/"):
		return fmt.Sprintf("the build runs as user %s, who may not write next to %s", p.f.UserEnd(st), jar)
	}
	ep, cmd := p.f.CommandsAt(st)
	var at *dockerfile.Instruction
	for _, in := range []*dockerfile.Instruction{ep, cmd} {
		if w, ok := instrWords(in); ok && jarWordIndex(w) >= 0 {
			at = in
		}
	}
	if at == nil {
		return "the `java -jar` of the command is not in one CMD or ENTRYPOINT dockopt can rewrite"
	}
	launcher := boot.LauncherFor(sb.version)
	rt.commandLine = func(in *dockerfile.Instruction) (string, bool) {
		w, ok := instrWords(in)
		i := jarWordIndex(w)
		if !ok || i < 0 || in != at {
			return "", false
		}
		out := append(append(append([]string{}, w[:i]...), launcher.Value), w[i+2:]...)
		return strings.ToUpper(in.Cmd) + " " + jsonArray(out), true
	}
	dir := strings.TrimSuffix(jar, ".jar") + "-layers"
	extract := "RUN " + boot.ExtractFor(sb.version, jar, dir)
	var last *dockerfile.Instruction
	for _, in := range st.Instructions {
		if in.Cmd == "run" {
			last = in
		}
	}
	if last == nil {
		last = st.Instructions[len(st.Instructions)-1]
	}
	rt.buildEdits = append(rt.buildEdits, rule.TextEdit{Start: last.EndOffset, End: last.EndOffset, New: p.f.Newline() + extract})
	var copies [][2]string
	for _, c := range rt.copies {
		if c[0] != jar {
			copies = append(copies, c)
		}
	}
	for _, l := range boot.Layers {
		copies = append(copies, [2]string{path.Join(dir, l) + "/", wd + "/"})
	}
	rt.copies = copies
	rt.what = fmt.Sprintf("the layers of the Spring Boot jar %s (%s)", jar, strings.Join(boot.Layers, ", "))
	rt.changes = append(rt.changes, Change{
		Title: "The Spring Boot jar's layers are copied one by one, dependencies first",
		Why: fmt.Sprintf("%s builds with Spring Boot %s: the build stage extracts the jar's layers into %s (%s), the runtime copies %s in that order, so a change of code "+
			"rebuilds only the application layer, and runs the launcher %s instead of `java -jar` (%s; %s).",
			sb.file, sb.version, dir, boot.ExtractSource(sb.version).URL, strings.Join(boot.Layers, ", "), launcher.Value, boot.LayersSource.URL, launcher.Source.URL),
		Rules: []string{"DO108"},
		After: extract,
	})
	return ""
}

// jarWordIndex is the index of -jar in a java command line (-1 when it has none).
func jarWordIndex(w []string) int {
	if len(w) < 3 || path.Base(w[0]) != "java" {
		return -1
	}
	for i := 1; i+1 < len(w); i++ {
		if w[i] == "-jar" {
			return i
		}
	}
	return -1
}
