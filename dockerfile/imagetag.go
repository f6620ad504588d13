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

// JDKVersion returns the Java feature version of a JDK image from its tag: eclipse-temurin
// and openjdk ("17-jdk", "21-jdk-jammy", "17.0.9_9-jdk", "17-jdk-slim"), and the maven and
// gradle images built on them ("3-eclipse-temurin-17", "3-openjdk-17-slim", "8-jdk21-jammy").
// ok is false for a JRE tag, a tag that names no version (latest) and other images.
func JDKVersion(repo, tag string) (int, bool) {
	t := strings.ToLower(tag)
	if strings.Contains(t, "jre") {
		return 0, false
	}
	var v string
	switch repo {
	case "eclipse-temurin", "openjdk":
		v = t
	case "maven":
		for _, k := range []string{"eclipse-temurin-", "openjdk-"} {
			if _, rest, ok := strings.Cut(t, k); ok {
				v = rest
			}
		}
	case "gradle":
		_, v, _ = strings.Cut(t, "jdk")
	}
	n := 0
	for i := 0; i < len(v) && v[i] >= '0' && v[i] <= '9'; i++ {
		n = n*10 + int(v[i]-'0')
	}
	return n, n >= 8 && n < 100
}
