package pkgmgr

import "testing"

// Spring Boot's extract command and launcher class by version: layertools with the old
// launcher before 3.2, the new launcher from 3.2, the tools jar mode from 3.3; nothing before
// 2.4 (no layers index by default) or for a version that does not parse.
func TestSpringBootByVersion(t *testing.T) {
	s := SpringBoot
	for _, c := range []struct {
		version, extract, launcher string
		ok                         bool
	}{
		{"2.3.12.RELEASE", "", "", false},
		{"2.7.18", "java -Djarmode=layertools -jar app.jar extract --destination out", "org.springframework.boot.loader.JarLauncher", true},
		{"3.1.5", "java -Djarmode=layertools -jar app.jar extract --destination out", "org.springframework.boot.loader.JarLauncher", true},
		{"3.2.0-M1", "java -Djarmode=layertools -jar app.jar extract --destination out", "org.springframework.boot.loader.launch.JarLauncher", true},
		{"3.3.5", "java -Djarmode=tools -jar app.jar extract --layers --launcher --destination out", "org.springframework.boot.loader.launch.JarLauncher", true},
		{"10.0.1", "java -Djarmode=tools -jar app.jar extract --layers --launcher --destination out", "org.springframework.boot.loader.launch.JarLauncher", true},
		{"${boot.version}", "", "", false},
	} {
		if got := s.Supports(c.version); got != c.ok {
			t.Errorf("Supports(%q) = %v", c.version, got)
		}
		if !c.ok {
			continue
		}
		if got := s.ExtractFor(c.version, "app.jar", "out"); got != c.extract {
			t.Errorf("ExtractFor(%q) = %q, want %q", c.version, got, c.extract)
		}
		if got := s.LauncherFor(c.version).Value; got != c.launcher {
			t.Errorf("LauncherFor(%q) = %q, want %q", c.version, got, c.launcher)
		}
	}
}
