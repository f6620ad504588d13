package dockerfile

import "testing"

func TestImageTags(t *testing.T) {
	for tag, want := range map[string]bool{"3.11-slim": true, "3.19-alpine": true, "17-jre": true, "nonroot": false, "3.11": false, "ltsc2022-windowsservercore": true, "": false} {
		if got := IsSmallVariantTag(tag); got != want {
			t.Errorf("IsSmallVariantTag(%q) = %v, want %v", tag, got, want)
		}
	}
	for tag, want := range map[string]string{"3.11": "3.11-slim", "3.11-bookworm": "3.11-slim-bookworm", "": "slim", "latest": "slim", "bookworm": "slim-bookworm", "3.11-alpine": ""} {
		got, ok := SlimVariantTag(tag)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("SlimVariantTag(%q) = %q, want %q", tag, got, want)
		}
	}
	if IsDebianTag("3.19-alpine") || !IsDebianTag("3.11-slim") {
		t.Error("IsDebianTag is wrong")
	}
}
