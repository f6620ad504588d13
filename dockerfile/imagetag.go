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
