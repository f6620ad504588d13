package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An image rule selected with --rule would run nothing, and lint would report a clean file:
// it is a usage error. A key naming a Dockerfile rule and an image rule selects the former.
func TestResolveRulesImageRule(t *testing.T) {
	_, err := ResolveRules([]string{"IMG003"}, "--rule")
	var in *InputError
	if err == nil || !errors.As(err, &in) || !strings.Contains(err.Error(), "dockopt inspect") {
		t.Fatalf("--rule IMG003: err = %v, want an input error naming dockopt inspect", err)
	}
	rs, err := ResolveRules([]string{"CIS-DI-0001"}, "--rule") // DO301 and IMG007
	if err != nil || len(rs) != 1 || rs[0].ID != "DO301" {
		t.Fatalf("--rule CIS-DI-0001 = %v, %v; want DO301 alone", rs, err)
	}
	if rs, err := ResolveRules([]string{"IMG003"}, "--ignore"); err != nil || len(rs) != 1 {
		t.Fatalf("--ignore IMG003 = %v, %v; want the rule, no error", rs, err)
	}
}

// TestContextDirGivenAFile: `optimize path/Dockerfile` (and measure) name the file and say how
// to give the Dockerfile instead of only "not a directory".
func TestContextDirGivenAFile(t *testing.T) {
	dir := t.TempDir()
	df := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(df, []byte("FROM scratch\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(df, "Dockerfile", nil); err == nil || !strings.Contains(err.Error(), "name the Dockerfile with -f") {
		t.Errorf("Load(file): %v", err)
	}
	if _, err := ResolveMeasure(MeasureFiles{Dir: df}); err == nil || !strings.Contains(err.Error(), "--original") {
		t.Errorf("ResolveMeasure(file): %v", err)
	}
	if _, err := Load(filepath.Join(dir, "nope"), "Dockerfile", nil); err == nil || !strings.Contains(err.Error(), "nope: no such build context directory") {
		t.Errorf("Load(missing): %v", err)
	}
	var ie *InputError
	if _, err := Load(df, "Dockerfile", nil); !errors.As(err, &ie) {
		t.Errorf("not an input error (exit 2): %T", err)
	}
}

// --platform: a comma-separated list, normalised and without repeats; a platform containerd
// cannot read is an input error (exit 2).
func TestParsePlatforms(t *testing.T) {
	got, err := ParsePlatforms(" linux/amd64, linux/arm64 ,linux/x86_64,")
	if err != nil || strings.Join(got, ",") != "linux/amd64,linux/arm64" {
		t.Errorf("got %q, %v", got, err)
	}
	if got, err := ParsePlatforms(""); got != nil || err != nil {
		t.Errorf("empty: %q, %v", got, err)
	}
	var ie *InputError
	if _, err := ParsePlatforms("linux/amd64,linux/nosucharch/x/y"); !errors.As(err, &ie) || !strings.Contains(err.Error(), "linux/nosucharch/x/y") {
		t.Errorf("bad platform: %v", err)
	}
	// containerd's parser takes these; no image has such a platform
	for _, s := range []string{"linux/foo", "linux/amd64,windows/arm,plan10/amd64"} {
		if _, err := ParsePlatforms(s); !errors.As(err, &ie) || !strings.Contains(err.Error(), "unknown") {
			t.Errorf("%q: %v, want an input error naming the unknown word", s, err)
		}
	}
	if got, err := ParsePlatforms("linux/arm/v7,windows/amd64,linux/riscv64"); err != nil || len(got) != 3 {
		t.Errorf("known platforms: %q, %v", got, err)
	}
}

// --health-path goes into a quoted string of the HEALTHCHECK: a path from the root, with URL
// characters only.
func TestParseHealthPath(t *testing.T) {
	for _, ok := range []string{"", "/health", "/api/ping?x=1&y=%2F", "/-._~!$()*+,;=:@"} {
		if err := ParseHealthPath(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	var ie *InputError
	for _, bad := range []string{"nopath", "/a'b", `/a"b`, `/a\b`, "/a b", "/%zz", "/100%", "/é"} {
		if err := ParseHealthPath(bad); !errors.As(err, &ie) {
			t.Errorf("%q: %v, want an input error", bad, err)
		}
	}
}
