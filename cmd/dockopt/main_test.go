package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/fix"
	"github.com/dockopt/dockopt/output"
)

// runCLI runs dockopt with args and returns stdout, stderr and the exit code.
func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	root := newRootCmd()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(args)
	err := root.Execute()
	code := exitCode(err)
	if err != nil && err.Error() != "" {
		errb.WriteString(err.Error())
	}
	return out.String(), errb.String(), code
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLintExitCodesAndJSONContract(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "Dockerfile", "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n")
	out, _, code := runCLI(t, "", "lint", "--format", "json", bad)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (findings)", code)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	var res output.JSONResult
	json.Unmarshal([]byte(out), &res)
	if len(res.Findings) == 0 {
		t.Fatal("no findings")
	}
	var raw struct {
		Findings []map[string]any `json:"findings"`
	}
	json.Unmarshal([]byte(out), &raw)
	for _, key := range []string{"rule", "name", "severity", "family", "file", "line", "column", "end_line", "end_column", "message", "equivalents", "fixable"} {
		if _, ok := raw.Findings[0][key]; !ok {
			t.Errorf("finding lacks key %q", key)
		}
	}
	if _, ok := doc["errors"]; !ok {
		t.Error("no errors key")
	}
	good := write(t, dir, "ok/Dockerfile", "FROM scratch\nCOPY app /app\nUSER 1000\nCMD [\"/app\"]\n")
	if _, _, code := runCLI(t, "", "lint", "--failure-threshold", "error", good); code != 0 {
		t.Errorf("exit %d for a file with nothing at error level", code)
	}
}

func TestLintBadInputIsReportedAndOthersStillLinted(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/Dockerfile", "FROM debian\nRUN <<EOF\necho unterminated\n")
	write(t, dir, "b/Dockerfile", "FROM debian:bookworm\nRUN apt-get install -y curl\n")
	write(t, dir, "c/Dockerfile", "")
	write(t, dir, "d/Dockerfile", "FROM a\nRUN \xff\n")
	out, _, code := runCLI(t, "", "lint", "--no-color", dir)
	if code != 2 {
		t.Errorf("exit %d, want 2 (parse errors)", code)
	}
	for _, want := range []string{"a/Dockerfile:2:1: error: unterminated heredoc", "c/Dockerfile: error: file is empty", "d/Dockerfile:2:5: error: invalid UTF-8", "b/Dockerfile:2:"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	_, errOut, code := runCLI(t, "", "lint", filepath.Join(dir, "missing"))
	if code != 2 || !strings.Contains(errOut+out, "") {
		t.Errorf("missing path: exit %d", code)
	}
}

func TestLintStdinAndSuppressions(t *testing.T) {
	src := "FROM debian:bookworm\n# hadolint ignore=DL3015\nRUN apt-get install -y curl\n# dockopt ignore=DO101 -- tested elsewhere\nRUN apt-get install -y wget\nRUN apt-get install -y git\n"
	out, _, _ := runCLI(t, src, "lint", "--format", "json", "--rule", "DO101", "-")
	var res output.JSONResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Line != 6 {
		t.Errorf("want exactly the unsuppressed finding on line 6, got %+v", res.Findings)
	}
	src = "# dockopt global ignore=apt-no-install-recommends\nFROM debian:bookworm\nRUN apt-get install -y curl\n"
	out, _, _ = runCLI(t, src, "lint", "--format", "json", "--rule", "DO101", "-")
	json.Unmarshal([]byte(out), &res)
	if len(res.Findings) != 0 {
		t.Errorf("global ignore by name did not apply: %+v", res.Findings)
	}
}

func TestConfigFiles(t *testing.T) {
	dir := t.TempDir()
	df := write(t, dir, "Dockerfile", "FROM debian:bookworm\nRUN apt-get install -y curl\n")
	cfg := write(t, dir, ".hadolint.yaml", "ignored:\n  - DL3015\n  - DL3999\nfailure-threshold: error\n")
	out, _, code := runCLI(t, "", "lint", "--config", cfg, "--rule", "DO101", df)
	if code != 0 || strings.Contains(out, "DO101") {
		t.Errorf("hadolint config not honoured: exit %d\n%s", code, out)
	}
	badYAML := write(t, dir, "bad.yaml", "ignored: [\n")
	_, errOut, code := runCLI(t, "", "lint", "--config", badYAML, df)
	if code != 2 || !strings.Contains(errOut, "bad.yaml") {
		t.Errorf("invalid YAML: exit %d, %q", code, errOut)
	}
	unknown := write(t, dir, ".dockopt.yaml", "ignored: [DO9999]\n")
	_, errOut, code = runCLI(t, "", "lint", "--config", unknown, df)
	if code != 2 || !strings.Contains(errOut, "unknown rule") {
		t.Errorf("unknown rule: exit %d, %q", code, errOut)
	}
	over := write(t, dir, "over.yaml", "override:\n  error: [DO101]\n")
	out, _, _ = runCLI(t, "", "lint", "--config", over, "--rule", "DO101", "--no-color", df)
	if !strings.Contains(out, " error DO101") {
		t.Errorf("severity override not applied:\n%s", out)
	}
}

func TestOutputFormats(t *testing.T) {
	dir := t.TempDir()
	df := write(t, dir, "Dockerfile", "FROM debian:bookworm\nRUN apt-get install -y curl\n")
	out, _, _ := runCLI(t, "", "lint", "--format", "github", "--rule", "DO101", df)
	if !strings.HasPrefix(out, "::warning file=") || !strings.Contains(out, "line=2") {
		t.Errorf("github format: %q", out)
	}
	out, _, _ = runCLI(t, "", "lint", "--format", "checkstyle", "--rule", "DO101", df)
	if !strings.Contains(out, "<checkstyle") || !strings.Contains(out, `source="dockopt.DO101"`) {
		t.Errorf("checkstyle format: %q", out)
	}
	if _, _, code := runCLI(t, "", "lint", "--format", "yaml", df); code != 2 {
		t.Errorf("unknown format: exit %d", code)
	}
}

func TestRulesCommand(t *testing.T) {
	out, _, code := runCLI(t, "", "rules")
	if code != 0 || !strings.Contains(out, "DO101") {
		t.Fatalf("rules: %d %s", code, out)
	}
	out, _, _ = runCLI(t, "", "rules", "DL3015")
	if !strings.Contains(out, "## DO101 apt-no-install-recommends") || !strings.Contains(out, "### Why is this bad?") {
		t.Errorf("rules DL3015: %s", out)
	}
	out, _, _ = runCLI(t, "", "rules", "--format", "json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) == 0 {
		t.Errorf("rules json: %v", err)
	}
	if _, _, code := runCLI(t, "", "rules", "NOPE"); code != 2 {
		t.Errorf("unknown rule: exit %d", code)
	}
}

func TestFixWriteCheckAndCRLF(t *testing.T) {
	dir := t.TempDir()
	src := "# escape=\\\r\nFROM debian:bookworm\r\n# keep this comment\r\nRUN apt-get install -y curl\r\n"
	df := write(t, dir, "Dockerfile", src)
	os.Chmod(df, 0o640)
	out, _, code := runCLI(t, "", "fix", "--rule", "DO101", df)
	if code != 0 || !strings.Contains(out, "+RUN apt-get install --no-install-recommends -y curl") {
		t.Fatalf("diff: exit %d\n%s", code, out)
	}
	if b, _ := os.ReadFile(df); string(b) != src {
		t.Fatal("fix without --write changed the file")
	}
	if _, _, code := runCLI(t, "", "fix", "--check", "--rule", "DO101", df); code != 1 {
		t.Errorf("--check: exit %d, want 1", code)
	}
	if _, _, code := runCLI(t, "", "fix", "--write", "--rule", "DO101", df); code != 0 {
		t.Fatalf("--write: exit %d", code)
	}
	got, _ := os.ReadFile(df)
	want := "# escape=\\\r\nFROM debian:bookworm\r\n# keep this comment\r\nRUN apt-get install --no-install-recommends -y curl\r\n"
	if string(got) != want {
		t.Errorf("written:\n%q\nwant\n%q", got, want)
	}
	if st, _ := os.Stat(df); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", st.Mode().Perm())
	}
	if _, _, code := runCLI(t, "", "fix", "--check", "--rule", "DO101", df); code != 0 {
		t.Errorf("after --write, --check exit %d, want 0 (idempotent)", code)
	}
}

func TestFixWritesThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	target := write(t, dir, "real/Dockerfile", "FROM debian:bookworm\nRUN apt-get install -y curl\n")
	link := filepath.Join(dir, "Dockerfile")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if _, _, code := runCLI(t, "", "fix", "--write", "--rule", "DO101", link); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a file")
	}
	if b, _ := os.ReadFile(target); !strings.Contains(string(b), "--no-install-recommends") {
		t.Error("the target was not fixed")
	}
}

func TestOptimizeWritesOutAndOriginalsUntouched(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 8000\nCMD [\"python\", \"app.py\"]\n")
	write(t, dir, "requirements.txt", "flask==2.2.2\n")
	write(t, dir, "app.py", "print(1)\n")
	write(t, dir, ".dockerignore", "secret.txt\n")
	out := filepath.Join(t.TempDir(), "out")
	stdout, _, code := runCLI(t, "", "optimize", dir, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stdout)
	}
	for _, name := range []string{"Dockerfile.optimized", ".dockerignore.suggested", "dockopt-report.md"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	ign, _ := os.ReadFile(filepath.Join(out, ".dockerignore.suggested"))
	if !strings.Contains(string(ign), "secret.txt") {
		t.Error("the user's .dockerignore lines were not kept")
	}
	rep, _ := os.ReadFile(filepath.Join(out, "dockopt-report.md"))
	if !strings.Contains(string(rep), "Not measured yet") {
		t.Error("report claims metrics before measuring")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "Dockerfile")); !strings.HasPrefix(string(b), "FROM python:3.11\n") {
		t.Error("original Dockerfile changed without --write")
	}
	if _, _, code := runCLI(t, "", "optimize", dir, "--write"); code != 0 {
		t.Fatalf("--write exit %d", code)
	}
	orig, _ := os.ReadFile(filepath.Join(dir, "Dockerfile.orig"))
	if !strings.HasPrefix(string(orig), "FROM python:3.11\n") {
		t.Error("--write did not keep Dockerfile.orig")
	}
	// a second --write changes nothing, and its hint still measures the backup against the
	// file (it named DIR/Dockerfile.optimized, which --write never writes)
	stdout, _, code = runCLI(t, "", "optimize", dir, "--write")
	if code != 0 || !strings.Contains(stdout, "--original "+filepath.Join(dir, "Dockerfile.orig")+" --optimized "+filepath.Join(dir, "Dockerfile")) {
		t.Errorf("second --write: exit %d, hint:\n%s", code, stdout)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "Dockerfile.orig")); string(again) != string(orig) {
		t.Error("a second --write replaced the backup of the original")
	}
	if _, _, code := runCLI(t, "", "optimize", filepath.Join(dir, "nope")); code != 2 {
		t.Errorf("missing dir: exit %d", code)
	}
}

// BenchmarkFixLargeFile fixes a 30,000-RUN file (the tester's 1.5 MB case):
// go test ./cmd/dockopt -run XXX -bench FixLargeFile -benchtime 1x -cpuprofile cpu.out
func BenchmarkFixLargeFile(b *testing.B) {
	var src strings.Builder
	src.WriteString("FROM debian:12\n")
	for i := range 30000 {
		fmt.Fprintf(&src, "RUN apt-get install -y pkg%d && echo %d\n", i, i)
	}
	for b.Loop() {
		if _, err := fix.File("Dockerfile", []byte(src.String()), nil, fix.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Regression: an absolute path gave "--- a//tmp/...": headers drop the leading slash, as git does.
func TestFixDiffHeadersOfAbsolutePaths(t *testing.T) {
	df := write(t, t.TempDir(), "Dockerfile", "FROM debian:bookworm\nRUN apt-get install -y curl\n")
	out, _, _ := runCLI(t, "", "fix", "--rule", "DO101", "--no-context", df)
	name := strings.TrimPrefix(filepath.ToSlash(df), "/")
	if !strings.Contains(out, "--- a/"+name+"\n") || !strings.Contains(out, "+++ b/"+name+"\n") || strings.Contains(out, "a//") {
		t.Errorf("diff headers:\n%s", out)
	}
	for in, want := range map[string]string{"/tmp/x/Dockerfile": "tmp/x/Dockerfile", "./Dockerfile": "Dockerfile", "app/Dockerfile": "app/Dockerfile", "-": "-"} {
		if got := diffName(in); got != want {
			t.Errorf("diffName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTooLargeFileNamesItsSize(t *testing.T) {
	big := strings.Repeat("RUN echo\n", 3*dockerfile.MaxFileBytes/9)
	df := write(t, t.TempDir(), "Dockerfile", big)
	want := fmt.Sprintf("file is %d bytes, larger than the %d-byte limit", len(big), dockerfile.MaxFileBytes)
	for _, cmd := range []string{"lint", "fix"} {
		out, errOut, code := runCLI(t, "", cmd, "--no-context", df)
		if code != 2 || !strings.Contains(out+errOut, want) {
			t.Errorf("%s: exit %d, output lacks %q:\n%s%s", cmd, code, want, out, errOut)
		}
	}
	out, errOut, code := runCLI(t, big, "lint", "-")
	if code != 2 || !strings.Contains(out+errOut, fmt.Sprintf("standard input is more than %d bytes", dockerfile.MaxFileBytes)) {
		t.Errorf("stdin: exit %d\n%s%s", code, out, errOut)
	}
}

func TestConfigTypoKeyAndHadolintFileUnderAnotherName(t *testing.T) {
	dir := t.TempDir()
	df := write(t, dir, "Dockerfile", "FROM debian:bookworm\nRUN apt-get install -y curl\n")
	typo := write(t, dir, ".dockopt.yaml", "ignore: [DO101]\n")
	_, errOut, code := runCLI(t, "", "lint", "--config", typo, df)
	if code != 2 || !strings.Contains(errOut, ".dockopt.yaml:1: unknown key \"ignore\"") {
		t.Errorf("typo key: exit %d, %q", code, errOut)
	}
	ci := write(t, dir, "ci.yaml", "ignored: [SC2086, DL3001, DL3015]\nno-color: true\nfailure-threshold: error\n")
	out, errOut, code := runCLI(t, "", "lint", "--config", ci, "--rule", "DO101", df)
	if code != 0 || strings.Contains(out, "DO101") {
		t.Errorf("hadolint file as --config ci.yaml: exit %d\n%s%s", code, out, errOut)
	}
}

// hadolint habits that must keep working: --ignore with a code dockopt has no rule for, and
// the disable-ignore-pragma and no-fail keys of a hadolint configuration file.
func TestHadolintCompatibility(t *testing.T) {
	dir := t.TempDir()
	df := filepath.Join(dir, "Dockerfile")
	os.WriteFile(df, []byte("FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y curl\n"), 0o644)
	if _, stderr, code := runCLI(t, "", "lint", "--no-color", "--ignore", "DL3001", "--ignore", "SC2086", df); code == exitUsage {
		t.Errorf("--ignore with hadolint codes without a dockopt rule: exit %d: %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "lint", "--failure-threshold", "bogus", df); code != exitUsage || !strings.Contains(stderr, "or none") {
		t.Errorf("bad threshold: exit %d, %s", code, stderr)
	}
	// DO701 (DL3008's equivalent) is opt-in: --enable turns it on, by hadolint code here
	plain, _, _ := runCLI(t, "", "lint", "--no-color", "--format", "json", "--enable", "DL3008", df)
	cfg := filepath.Join(dir, "hadolint.yaml")
	os.WriteFile(cfg, []byte("disable-ignore-pragma: true\n"), 0o644)
	noPragma, _, _ := runCLI(t, "", "lint", "--no-color", "--format", "json", "--enable", "DL3008", "--config", cfg, df)
	if strings.Contains(plain, `"DO701"`) || !strings.Contains(noPragma, `"DO701"`) {
		t.Errorf("disable-ignore-pragma: the ignored DL3008-equivalent finding should appear only with it:\nwithout: %s\nwith: %s", plain, noPragma)
	}
	os.WriteFile(cfg, []byte("no-fail: true\ndisable-ignore-pragma: true\n"), 0o644)
	if _, _, code := runCLI(t, "", "lint", "--no-color", "--config", cfg, df); code != 0 {
		t.Errorf("no-fail: exit %d, want 0", code)
	}
	if _, _, code := runCLI(t, "", "lint", "--no-color", df); code != exitFindings {
		t.Errorf("without no-fail: exit %d, want %d", code, exitFindings)
	}
}

// A Dockerfile outside the build context (optimize --out) is linted with its own ignore file,
// <Dockerfile>.dockerignore next to it, as BuildKit builds it.
func TestLintDockerfileOutsideContext(t *testing.T) {
	ctxDir, out := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(ctxDir, "app.py"), []byte("print(1)\n"), 0o644)
	os.WriteFile(filepath.Join(ctxDir, ".env"), []byte("SECRET=FAKE\n"), 0o644)
	df := filepath.Join(out, "Dockerfile.optimized")
	os.WriteFile(df, []byte("FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD [\"python\", \"app.py\"]\n"), 0o644)
	rel, err := filepath.Rel(mustGetwd(t), ctxDir)
	if err != nil {
		rel = ctxDir
	}
	before, _, _ := runCLI(t, "", "lint", "--no-color", "--context", rel, df)
	if !strings.Contains(before, "DO302") {
		t.Fatalf("without an ignore file, DO302 should report .env:\n%s", before)
	}
	os.WriteFile(df+".dockerignore", []byte("**/.env\n"), 0o644)
	after, _, _ := runCLI(t, "", "lint", "--no-color", "--context", rel, df)
	if strings.Contains(after, "DO302") {
		t.Errorf("Dockerfile.optimized.dockerignore next to the Dockerfile was not used:\n%s", after)
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// A Dockerfile.* symbolic link with no target, found in a directory, is skipped with a warning
// naming it; the directory's other Dockerfiles are linted and the exit code is theirs.
func TestLintSkipsDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", "FROM debian:12\nRUN apt-get install curl\n")
	if err := os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "Dockerfile.dev")); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, "", "lint", "--format", "json", dir)
	if code == exitUsage {
		t.Errorf("exit %d: a dangling symlink made the run an input error\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "Dockerfile.dev: skipped: a symbolic link to") {
		t.Errorf("no warning naming the skipped link:\n%s", stderr)
	}
	if !strings.Contains(stdout, `"`+filepath.Join(dir, "Dockerfile")+`"`) {
		t.Errorf("the regular Dockerfile was not linted:\n%s", stdout)
	}
}

// The opt-in rules: off in a plain lint, on with --enable or --all-rules, listed as "off" by
// `dockopt rules`, and their documentation says why and how to turn them on.
func TestOptInRulesCLI(t *testing.T) {
	dir := t.TempDir()
	df := write(t, dir, "Dockerfile", "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER 10001\nCMD [\"curl\", \"--version\"]\n")
	out, _, code := runCLI(t, "", "lint", "--no-color", "--no-context", df)
	if code != 0 || strings.Contains(out, "DO701") || strings.Contains(out, "DO707") {
		t.Errorf("plain lint: exit %d, want 0 and no opt-in finding:\n%s", code, out)
	}
	out, _, code = runCLI(t, "", "lint", "--no-color", "--no-context", "--enable", "apt-pin", df)
	if code != exitFindings || !strings.Contains(out, "DO701") || strings.Contains(out, "DO707") {
		t.Errorf("--enable apt-pin: exit %d, want DO701 alone:\n%s", code, out)
	}
	out, _, code = runCLI(t, "", "lint", "--no-color", "--no-context", "--all-rules", df)
	if code != exitFindings || !strings.Contains(out, "DO701") || !strings.Contains(out, "DO707") {
		t.Errorf("--all-rules: exit %d, want DO701 and DO707:\n%s", code, out)
	}
	if _, errOut, code := runCLI(t, "", "lint", "--enable", "DO999", df); code != exitUsage || !strings.Contains(errOut, "--enable") {
		t.Errorf("--enable DO999: exit %d, %s", code, errOut)
	}
	list, _, _ := runCLI(t, "", "rules")
	for _, l := range strings.Split(list, "\n") {
		f := strings.Fields(l)
		if len(f) > 4 && (f[0] == "DO701" && f[4] != "off" || f[0] == "DO101" && f[4] != "on") {
			t.Errorf("rules list: %q: want DO701 off and DO101 on in the DEFAULT column", l)
		}
	}
	doc, _, _ := runCLI(t, "", "rules", "DO707")
	if !strings.Contains(doc, "### Off by default") || !strings.Contains(doc, "--enable DO707") {
		t.Errorf("rules DO707 does not say it is off by default and how to turn it on:\n%s", doc)
	}
}

// The label schema from the command line, as hadolint's --require-label LABEL:FORMAT and
// --strict-labels; from .dockopt.yaml the same; an unknown format is a usage error.
func TestLabelSchemaCLI(t *testing.T) {
	dir := t.TempDir()
	df := write(t, dir, "Dockerfile", "FROM debian:12\nLABEL version=\"v1\" extra=\"x\"\nUSER 10001\nCMD [\"true\"]\n")
	out, _, code := runCLI(t, "", "lint", "--no-color", "--no-context", df)
	if code != 0 || strings.Contains(out, "DO6") {
		t.Errorf("no schema: exit %d, want no label finding:\n%s", code, out)
	}
	out, _, code = runCLI(t, "", "lint", "--no-color", "--no-context", "--require-label", "version:semver", "--require-label", "author:", df)
	if code != exitFindings || !strings.Contains(out, "DO610") || !strings.Contains(out, `"author"`) || strings.Contains(out, "DO604") {
		t.Errorf("--require-label: exit %d, want DO610 and DO603 for author, no DO604:\n%s", code, out)
	}
	out, _, _ = runCLI(t, "", "lint", "--no-color", "--no-context", "--strict-labels", "--require-label", "version:text", df)
	if !strings.Contains(out, "DO604") || !strings.Contains(out, "extra") || strings.Contains(out, "DO610") {
		t.Errorf("--strict-labels: want DO604 naming extra, no DO610:\n%s", out)
	}
	cfg := write(t, dir, ".dockopt.yaml", "label-schema:\n  version: semver\n")
	out, _, _ = runCLI(t, "", "lint", "--no-color", "--no-context", "--config", cfg, df)
	if !strings.Contains(out, "DO610") {
		t.Errorf("label-schema in .dockopt.yaml: want DO610:\n%s", out)
	}
	if _, errOut, code := runCLI(t, "", "lint", "--require-label", "version:date", df); code != exitUsage || !strings.Contains(errOut, "--require-label") || !strings.Contains(errOut, "semver") {
		t.Errorf("--require-label version:date: exit %d, %s", code, errOut)
	}
}

// hadolint's DL3057 names DO401: `--enable DL3057` turns it on, as a migrated configuration
// would ask.
func TestEnableHadolintCodeOfOptInRule(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Dockerfile", "FROM python:3.11-slim\nCOPY app.py /app.py\nEXPOSE 8000\nUSER 10001\nCMD [\"python\", \"/app.py\"]\n")
	stdout, stderr, code := runCLI(t, "", "lint", "--no-context", "--enable", "DL3057", filepath.Join(dir, "Dockerfile"))
	if code == exitUsage || !strings.Contains(stdout, "DO401") {
		t.Errorf("exit %d, DO401 not reported:\n%s%s", code, stdout, stderr)
	}
}

// `dockopt rules --facts` prints the facts the rules and the optimizer read, each with its
// source, as docs/package-managers.md does.
func TestRulesFacts(t *testing.T) {
	out, _, code := runCLI(t, "", "rules", "--facts")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "docs", "package-managers.md"))
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("rules --facts differs from docs/package-managers.md")
	}
	if _, _, code := runCLI(t, "", "rules", "--facts", "DO101"); code != 2 {
		t.Errorf("--facts with a rule: exit %d, want 2", code)
	}
}
