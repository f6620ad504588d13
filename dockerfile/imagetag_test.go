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

func TestJRETag(t *testing.T) {
	for _, c := range []struct{ repo, tag, want string }{
		{"eclipse-temurin", "17-jdk", "eclipse-temurin:17-jre"},
		{"eclipse-temurin", "21-jdk-jammy", "eclipse-temurin:21-jre-jammy"},
		{"eclipse-temurin", "17", "eclipse-temurin:17-jre"},
		{"eclipse-temurin", "17-jammy", "eclipse-temurin:17-jre-jammy"},
		{"maven", "3-eclipse-temurin-17", "eclipse-temurin:17-jre"},
		{"maven", "3.9-eclipse-temurin-21-alpine", "eclipse-temurin:21-jre-alpine"},
		{"gradle", "8-jdk17", "eclipse-temurin:17-jre"},
		{"openjdk", "17", ""},
		{"eclipse-temurin", "17-jre", ""},
	} {
		got, ok := JRETag(c.repo, c.tag)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("JRETag(%q, %q) = %q, %v; want %q", c.repo, c.tag, got, ok, c.want)
		}
	}
}

func TestDebianSuiteOfTag(t *testing.T) {
	for tag, want := range map[string]string{"1": "", "1-bookworm": "bookworm", "1.83-slim-trixie": "trixie", "bullseye": "bullseye"} {
		if got := DebianSuiteOfTag(tag); got != want {
			t.Errorf("DebianSuiteOfTag(%q) = %q, want %q", tag, got, want)
		}
	}
}

func TestJDKVersion(t *testing.T) {
	for _, c := range []struct {
		repo, tag string
		want      int
	}{
		{"eclipse-temurin", "17-jdk", 17},
		{"eclipse-temurin", "21.0.5_11-jdk-jammy", 21},
		{"eclipse-temurin", "17", 17},
		{"eclipse-temurin", "17-jre", 0},
		{"eclipse-temurin", "latest", 0},
		{"openjdk", "17-jdk-slim", 17},
		{"maven", "3.9-eclipse-temurin-21-alpine", 21},
		{"maven", "3-openjdk-17-slim", 17},
		{"maven", "3-amazoncorretto-17", 0},
		{"gradle", "8-jdk17", 17},
		{"gradle", "8.5-jdk21-jammy", 21},
		{"gradle", "8", 0},
		{"golang", "1.22", 0},
	} {
		got, ok := JDKVersion(c.repo, c.tag)
		if got != c.want && ok || ok != (c.want != 0) {
			t.Errorf("JDKVersion(%q, %q) = %d, %v; want %d", c.repo, c.tag, got, ok, c.want)
		}
	}
}
