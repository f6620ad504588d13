package dockerfile

import "strings"

// What image tags say about the variant of an official image (slim, alpine, full, Windows).
// The one place that knows it: rules and optimize ask here.

// IsSmallVariantTag reports whether an image tag already names a small or runtime-only
// variant: slim, alpine, Windows Server Core or Nano Server, distroless, a JRE, a runtime,
// minimal. There is nothing slimmer of the same image to suggest.
func IsSmallVariantTag(tag string) bool {
	t := strings.ToLower(tag)
	for _, s := range []string{"slim", "alpine", "windowsservercore", "nanoserver", "distroless", "jre", "runtime", "minimal"} {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// SlimVariantTag returns the slim variant of an official Debian-based image tag:
// "3.11" → "3.11-slim", "3.11-bookworm" → "3.11-slim-bookworm", "" or "latest" → "slim";
// ok is false for tags that have no slim variant (alpine, Windows) or are already slim.
func SlimVariantTag(tag string) (string, bool) {
	switch {
	case strings.Contains(tag, "slim"), strings.Contains(tag, "alpine"), strings.Contains(tag, "windows"), strings.Contains(tag, "nanoserver"):
		return tag, false
	case tag == "" || tag == "latest":
		return "slim", true
	}
	for _, suite := range []string{"bookworm", "bullseye", "buster", "trixie"} {
		if strings.HasSuffix(tag, "-"+suite) {
			return strings.TrimSuffix(tag, "-"+suite) + "-slim-" + suite, true
		}
		if tag == suite {
			return "slim-" + suite, true
		}
	}
	return tag + "-slim", true
}

// IsDebianTag reports whether an official image tag names a Debian-based variant (the
// default): not alpine, not Windows.
func IsDebianTag(tag string) bool {
	return !strings.Contains(tag, "alpine") && !strings.Contains(tag, "windows") && !strings.Contains(tag, "nanoserver")
}

// DebianSuiteOfTag returns the Debian release a Debian-based official image tag names
// ("1.83-slim-bookworm" → "bookworm"), "" when it names none (then the image's default,
// which changes with new Debian releases).
func DebianSuiteOfTag(tag string) string {
	for _, suite := range []string{"bookworm", "bullseye", "buster", "trixie"} {
		if tag == suite || strings.HasSuffix(tag, "-"+suite) {
			return suite
		}
	}
	return ""
}

// JRETag returns the Java runtime image of a JDK image: eclipse-temurin's "17-jdk" →
// eclipse-temurin:17-jre (the Eclipse Temurin images publish a -jre of every -jdk tag,
// https://hub.docker.com/_/eclipse-temurin), and the maven and gradle images built on
// Temurin ("3-eclipse-temurin-17", "8-jdk17") → eclipse-temurin:17-jre; ok is false for
// other images (their vendor's runtime image is not known here).
func JRETag(repo, tag string) (string, bool) {
	t := strings.ToLower(tag)
	switch repo {
	case "eclipse-temurin":
		if strings.Contains(t, "jdk") {
			return "eclipse-temurin:" + strings.Replace(t, "jdk", "jre", 1), true
		}
		if t != "" && !strings.Contains(t, "jre") && t[0] >= '0' && t[0] <= '9' {
			// "17", "17-jammy": the JDK; the JRE is "17-jre", "17-jre-jammy"
			v, rest, _ := strings.Cut(t, "-")
			if rest != "" {
				return "eclipse-temurin:" + v + "-jre-" + rest, true
			}
			return "eclipse-temurin:" + v + "-jre", true
		}
	case "maven":
		if _, v, ok := strings.Cut(t, "eclipse-temurin-"); ok {
			ver, rest, _ := strings.Cut(v, "-")
			if rest != "" && !strings.Contains(rest, "alpine") {
				return "eclipse-temurin:" + ver + "-jre-" + rest, true
			}
			if rest == "alpine" {
				return "eclipse-temurin:" + ver + "-jre-alpine", true
			}
			return "eclipse-temurin:" + ver + "-jre", true
		}
	case "gradle":
		if _, v, ok := strings.Cut(t, "-jdk"); ok {
			ver, rest, _ := strings.Cut(v, "-")
			if ver != "" && (rest == "" || rest == "jammy" || rest == "noble" || rest == "alpine") {
				if rest != "" {
					return "eclipse-temurin:" + ver + "-jre-" + rest, true
				}
				return "eclipse-temurin:" + ver + "-jre", true
			}
		}
	}
	return "", false
}
