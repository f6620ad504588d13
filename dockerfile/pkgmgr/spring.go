package pkgmgr

import (
	"strconv"
	"strings"
)

// SpringBootTool is what dockopt knows of Spring Boot's layered jars: a jar the Spring Boot
// Maven or Gradle plugin builds holds a layers index, and a jar mode of the jar itself
// extracts it into one directory per layer, which a Dockerfile copies in order (the
// dependencies, which change least, first); the runtime then starts Spring Boot's launcher
// class from the extracted directories instead of `java -jar`.
type SpringBootTool struct {
	// MavenPlugin is the artifactId of the Maven plugin, GradlePlugin the id of the Gradle
	// plugin, that package a Spring Boot jar.
	MavenPlugin, GradlePlugin string
	PluginSource              Source
	// Layers are the default layers, in the order they are copied.
	Layers       []string
	LayersSource Source
	// MinVersion is the first Spring Boot version whose jars hold the layers index by
	// default.
	MinVersion       string
	MinVersionSource Source
	// Extract are the commands that extract the layers into {dir} ({jar}: the jar), by the
	// version they apply from.
	Extract []SinceVersion
	// Launchers are the launcher classes, by the version they apply from.
	Launchers []SinceVersion
}

// SinceVersion is a value that applies from a version (major.minor) on.
type SinceVersion struct {
	Since, Value string
	Source       Source
}

// SpringBoot is what dockopt knows of Spring Boot's layered jars.
var SpringBoot = &SpringBootTool{
	MavenPlugin: "spring-boot-maven-plugin", GradlePlugin: "org.springframework.boot",
	PluginSource: Source{URL: "https://docs.spring.io/spring-boot/maven-plugin/packaging.html", Version: "Spring Boot 3.3"},
	Layers:       []string{"dependencies", "spring-boot-loader", "snapshot-dependencies", "application"},
	LayersSource: Source{URL: "https://docs.spring.io/spring-boot/reference/packaging/container-images/efficient-images.html", Version: "Spring Boot 3.3"},
	MinVersion:   "2.4",
	MinVersionSource: Source{URL: "https://github.com/spring-projects/spring-boot/wiki/Spring-Boot-2.4-Release-Notes",
		Version: "Spring Boot 2.4: layered jars by default"},
	Extract: []SinceVersion{
		{Since: "2.4", Value: "java -Djarmode=layertools -jar {jar} extract --destination {dir}",
			Source: Source{URL: "https://docs.spring.io/spring-boot/docs/3.2.x/reference/html/container-images.html#container-images.dockerfiles", Version: "Spring Boot 3.2 (layertools)"}},
		{Since: "3.3", Value: "java -Djarmode=tools -jar {jar} extract --layers --launcher --destination {dir}",
			Source: Source{URL: "https://docs.spring.io/spring-boot/reference/packaging/container-images/dockerfiles.html", Version: "Spring Boot 3.3 (tools; layertools deprecated)"}},
	},
	Launchers: []SinceVersion{
		{Since: "2.4", Value: "org.springframework.boot.loader.JarLauncher",
			Source: Source{URL: "https://docs.spring.io/spring-boot/docs/2.7.x/reference/html/executable-jar.html#appendix.executable-jar.launching", Version: "Spring Boot 2.x to 3.1"}},
		{Since: "3.2", Value: "org.springframework.boot.loader.launch.JarLauncher",
			Source: Source{URL: "https://github.com/spring-projects/spring-boot/wiki/Spring-Boot-3.2-Release-Notes#nested-jar-support", Version: "Spring Boot 3.2"}},
	},
}

// Supports reports whether version (as pom.xml or build.gradle names it: 3.3.5, 3.2.0-M1)
// has layered jars by default.
func (s *SpringBootTool) Supports(version string) bool {
	return versionAtLeast(version, s.MinVersion)
}

// ExtractFor is the extract command for version, with the jar and the destination.
func (s *SpringBootTool) ExtractFor(version, jar, dir string) string {
	return strings.NewReplacer("{jar}", jar, "{dir}", dir).Replace(pick(s.Extract, version).Value)
}

// LauncherFor is the launcher class of version.
func (s *SpringBootTool) LauncherFor(version string) SinceVersion { return pick(s.Launchers, version) }

// ExtractSource is where the extract command of version is documented.
func (s *SpringBootTool) ExtractSource(version string) Source { return pick(s.Extract, version).Source }

func pick(vs []SinceVersion, version string) SinceVersion {
	var out SinceVersion
	for _, v := range vs {
		if versionAtLeast(version, v.Since) {
			out = v
		}
	}
	return out
}

// versionAtLeast compares the major.minor of v with min ("3.3.5" ≥ "3.3"); false when v does
// not start with major.minor.
func versionAtLeast(v, min string) bool {
	a, ok1 := majorMinor(v)
	b, ok2 := majorMinor(min)
	return ok1 && ok2 && (a[0] > b[0] || a[0] == b[0] && a[1] >= b[1])
}

func majorMinor(v string) ([2]int, bool) {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return [2]int{}, false
	}
	minor := parts[1]
	if i := strings.IndexFunc(minor, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		minor = minor[:i]
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(minor)
	return [2]int{ma, mi}, err1 == nil && err2 == nil
}
