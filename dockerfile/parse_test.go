package dockerfile

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func mustParse(t *testing.T, src string) *File {
	t.Helper()
	f, err := Parse("Dockerfile", []byte(src), Options{})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return f
}

func TestStagesAndBaseImages(t *testing.T) {
	f := mustParse(t, `# syntax=docker/dockerfile:1
# escape=\
ARG PY=3.11
ARG VARIANT
FROM python:${PY}-slim AS Builder
RUN echo hi
FROM builder
FROM ${VARIANT}image
`)
	if len(f.Directives) != 2 || f.Directives[0].Name != "syntax" || f.Directives[1].Name != "escape" {
		t.Fatalf("directives = %+v", f.Directives)
	}
	if len(f.GlobalArgs) != 2 || len(f.Stages) != 3 {
		t.Fatalf("global args %d, stages %d", len(f.GlobalArgs), len(f.Stages))
	}
	if got := f.Stages[0].BaseImage; got != "python:3.11-slim" {
		t.Errorf("base image = %q", got)
	}
	if f.Stages[0].Name != "builder" {
		t.Errorf("stage name = %q", f.Stages[0].Name)
	}
	if f.BaseStage(f.Stages[1]) != f.Stages[0] {
		t.Errorf("stage 1 should be built FROM stage 0")
	}
	if f.Stages[2].BaseImage != "" {
		// VARIANT is declared without a value: its value is unknown
		t.Errorf("unresolved base = %q", f.Stages[2].BaseImage)
	}
	f2, _ := Parse("Dockerfile", []byte("ARG PY\nFROM python:${PY}-slim\n"), Options{BuildArgs: map[string]string{"PY": "3.12"}})
	if f2.Stages[0].BaseImage != "python:3.12-slim" {
		t.Errorf("build arg not applied: %q", f2.Stages[0].BaseImage)
	}
	f3, _ := Parse("Dockerfile", []byte("FROM python:${PY}-slim\n"), Options{})
	if f3.Stages[0].BaseImage != "" {
		t.Errorf("undeclared variable should leave the base unresolved, got %q", f3.Stages[0].BaseImage)
	}
}

func TestScriptCommandsAndPositions(t *testing.T) {
	src := "FROM debian\nRUN set -eux; \\\n    # comment in a continuation\n    apt-get update && \\\n    sudo apt-get install -y curl | tee /log\n"
	f := mustParse(t, src)
	run := f.Stages[0].Instructions[1]
	if run.Script == nil {
		t.Fatal("no script")
	}
	var names []string
	for _, c := range run.Script.Commands {
		names = append(names, c.Name)
	}
	if strings.Join(names, ",") != "set,apt-get,apt-get,tee" {
		t.Fatalf("commands = %v", names)
	}
	inst := run.Script.Commands[2]
	if inst.Subcommand(aptFlagsForTest...) != "install" || !inst.HasFlag("-y") || len(inst.Wrappers) != 1 {
		t.Errorf("install command = %+v", inst)
	}
	if inst.Pipeline == 0 || run.Script.Commands[3].Pipeline != inst.Pipeline || run.Script.Commands[3].PipeIndex != 1 {
		t.Errorf("pipeline info wrong")
	}
	line, col := f.Position(inst.StartOffset())
	if line != 5 || col != 5 {
		t.Errorf("sudo apt-get at %d:%d, want 5:5", line, col)
	}
	if got := string(f.Source[inst.StartOffset():inst.EndOffset()]); got != "sudo apt-get install -y curl" {
		t.Errorf("command text = %q", got)
	}
}

var aptFlagsForTest = []string{"-o"}

func TestHeredocScripts(t *testing.T) {
	src := "FROM debian\nRUN <<EOF\napt-get update\napt-get install -y git\nEOF\nRUN <<EOF bash\necho in-bash\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nprint('x')\nEOF\nRUN python3 <<EOF\nprint(1)\nEOF\n"
	f := mustParse(t, src)
	runs := f.Stages[0].Instructions[1:]
	if c := runs[0].Script.Commands; len(c) != 2 || c[1].Name != "apt-get" {
		t.Fatalf("bare heredoc commands = %v", c)
	}
	l, _ := f.Position(runs[0].Script.Commands[1].StartOffset())
	if l != 4 {
		t.Errorf("heredoc command line = %d, want 4", l)
	}
	found := false
	for _, c := range runs[1].Script.Commands {
		found = found || c.Name == "echo"
	}
	if !found {
		t.Errorf("commands of a heredoc fed to bash not parsed")
	}
	if runs[2].Script != nil {
		t.Errorf("python shebang heredoc must not be parsed as shell")
	}
	for _, c := range runs[3].Script.Commands {
		if c.Name == "print(1)" {
			t.Errorf("python stdin heredoc parsed as shell")
		}
	}
}

func TestEscapeDirectiveAndPowerShell(t *testing.T) {
	src := "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Write-Host `\n    hello\n"
	f := mustParse(t, src)
	if f.EscapeToken != '`' {
		t.Fatalf("escape = %q", f.EscapeToken)
	}
	run := f.Stages[0].Instructions[2]
	if run.IsPOSIXShell() || run.Script != nil {
		t.Errorf("PowerShell RUN must not be parsed as POSIX shell")
	}
	if run.StartLine != 4 || run.EndLine != 5 {
		t.Errorf("lines %d-%d", run.StartLine, run.EndLine)
	}
}

func TestCRLF(t *testing.T) {
	src := "FROM debian\r\nRUN apt-get install -y \\\r\n  curl\r\n"
	f := mustParse(t, src)
	if !f.UsesCRLF() || f.Newline() != "\r\n" {
		t.Fatal("CRLF not detected")
	}
	c := f.Stages[0].Instructions[1].Script.Commands[0]
	if got := string(f.Source[c.StartOffset():c.EndOffset()]); !strings.HasPrefix(got, "apt-get install -y") || !strings.HasSuffix(got, "curl") {
		t.Errorf("command text = %q", got)
	}
}

func TestBadInput(t *testing.T) {
	cases := map[string]struct {
		src      string
		line     int
		contains string
	}{
		"empty":     {"", 0, "empty"},
		"blank":     {"\n\n  \n", 0, "empty"},
		"binary":    {"FROM a\n\x00\x01", 2, "binary"},
		"utf8":      {"FROM a\nRUN echo \xff\n", 2, "UTF-8"},
		"heredoc":   {"FROM a\nRUN <<EOF\necho\n", 2, "unterminated heredoc"},
		"unknown":   {"FROM a\nFOO bar\n", 2, "unknown instruction"},
		"json":      {"FROM a\nCMD [\"a\", 1]\n", 2, ""},
		"long line": {"FROM a\nRUN echo " + strings.Repeat("x", MaxLineBytes+1) + "\n", 2, "longer than"},
		// a line of exactly the buffer's size fails in BuildKit too (on the line before it)
		"line of 64 KiB": {"FROM a\n" + strings.Repeat("#", MaxLineBytes) + "\nRUN x\n", 2, "longer than"},
		"huge":           {strings.Repeat("RUN echo\n", MaxFileBytes/9+1), 0, "larger than"},
		"no from":        {"RUN echo\n", 1, ""},
		// BuildKit: "dockerfile contains no stages to build"
		"args only": {"# syntax=docker/dockerfile:1\nARG A=1\nARG B\n", 2, "no stages"},
		// a template (the shared corpus has 44): not a Dockerfile yet
		"placeholder": {"FROM alpine:%%TAG%%\n", 1, "invalid base image reference"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			f, err := Parse("Dockerfile", []byte(c.src), Options{})
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("want *ParseError, got %v (file %v)", err, f != nil)
			}
			if pe.Line != c.line {
				t.Errorf("line = %d, want %d (%v)", pe.Line, c.line, err)
			}
			if !strings.Contains(pe.Msg, c.contains) {
				t.Errorf("message %q does not contain %q", pe.Msg, c.contains)
			}
			if !strings.HasPrefix(err.Error(), "Dockerfile") {
				t.Errorf("error does not name the file: %v", err)
			}
		})
	}
}

func TestVarsAndExpand(t *testing.T) {
	f := mustParse(t, "ARG V=1\nFROM a\nARG V\nENV HOME_DIR=/home/${V}\nARG X=${HOME_DIR}/x\nRUN echo\n")
	run := f.Stages[0].Instructions[4]
	v := f.Vars(run)
	if v["V"] != "1" || v["HOME_DIR"] != "/home/1" || v["X"] != "/home/1/x" {
		t.Errorf("vars = %v", v)
	}
	if s, ok := f.Expand(run, "${X}/y"); !ok || s != "/home/1/x/y" {
		t.Errorf("expand = %q %v", s, ok)
	}
	if _, ok := f.Expand(run, "$NOPE"); ok {
		t.Errorf("unknown variable should not resolve")
	}
}

func TestVarsInheritEnvFromBaseStage(t *testing.T) {
	f := mustParse(t, "FROM a AS base\nARG ONLY_HERE=1\nENV APP=/srv\nFROM base\nRUN echo\n")
	v := f.Vars(f.Stages[1].Instructions[1])
	if v["APP"] != "/srv" {
		t.Errorf("ENV not inherited: %v", v)
	}
	if _, ok := v["ONLY_HERE"]; ok {
		t.Errorf("ARG must not be inherited across stages: %v", v)
	}
}

// TestCheckDirectiveAboveInstruction: BuildKit's instruction parser needs a linter when a
// `# check=` comment sits above an instruction; without one it panicked.
func TestCheckDirectiveAboveInstruction(t *testing.T) {
	mustParse(t, "FROM debian\n# check=skip=JSONArgsRecommended\nCMD echo hi\n")
}

// Issue 5: a JSON-form argument that is not valid JSON is found, with its line and column,
// not taken for the shell form BuildKit silently falls back to. It is a parse error for SHELL
// (Docker refuses it) and Instruction.InvalidExecForm otherwise (Docker builds it with
// another meaning; the invalid-exec-form rule reports it and the rest of the file is linted).
func TestMalformedExecForm(t *testing.T) {
	bad := map[string]struct {
		src       string
		line, col int
		contains  string
	}{
		"unclosed cmd":       {"FROM a\nCMD [\"echo\", \"hi\"\n", 2, 5, `CMD argument ["echo", "hi" is not a valid JSON array (Docker would run it as a shell command): unexpected end of JSON input`},
		"single quotes":      {"FROM a\nENTRYPOINT ['/app', '--serve']\n", 2, 12, "ENTRYPOINT argument"},
		"trailing comma":     {"FROM a\nRUN [\"a\", \"b\",]\n", 2, 5, "not a valid JSON array"},
		"missing comma":      {"FROM a\nCMD [ \"a\" \"b\" ]\n", 2, 5, "not a valid JSON array"},
		"unquoted":           {"FROM a\nCMD [echo, hi]\n", 2, 5, "not a valid JSON array"},
		"spaced unquoted":    {"FROM a\nCMD [ echo, hi ]\n", 2, 5, "not a valid JSON array"},
		"bad escape":         {"FROM a\nRUN [\"cmd\", \"C:\\path\"]\n", 2, 5, "invalid character"},
		"run with flags":     {"FROM a\nRUN --mount=type=cache,target=/root/.cache --network=none [\"pip\", \"install\"\n", 2, 59, "RUN argument"},
		"continuation":       {"FROM a\nCMD \\\n  [\"a\", \\\n   \"b\"\n", 3, 3, "CMD argument"},
		"healthcheck":        {"FROM a\nHEALTHCHECK --interval=5s CMD [\"curl\", \"-f\" \"http://x\"]\n", 2, 31, "HEALTHCHECK argument"},
		"copy":               {"FROM a\nCOPY [\"a\", \"b/\"\n", 2, 6, "Docker would split it at white space instead"},
		"add":                {"FROM a\nADD --chown=1:1 ['a', 'b/']\n", 2, 17, "ADD argument"},
		"volume":             {"FROM a\nVOLUME [\"/data\",]\n", 2, 8, "VOLUME argument"},
		"shell":              {"FROM a\nSHELL [\"bash\", \"-c\"\n", 2, 7, "SHELL requires one"},
		"onbuild":            {"FROM a\nONBUILD RUN [\"make\",\n", 2, 13, "RUN argument"},
		"escape backtick":    {"# escape=`\nFROM a\nCMD [\"a\", `\n  \"b\"\n", 3, 5, "CMD argument"},
		"unclosed one elem":  {"FROM a\nCMD [\"nginx\"\n", 2, 5, "not a valid JSON array"},
		"spaced one element": {"FROM a\nCMD [ \"nginx\"\n", 2, 5, "not a valid JSON array"},
	}
	for name, c := range bad {
		t.Run(name, func(t *testing.T) {
			f, err := Parse("Dockerfile", []byte(c.src), Options{})
			var pe *ParseError
			if name == "shell" {
				if !errors.As(err, &pe) {
					t.Fatalf("want *ParseError, got %v", err)
				}
			} else {
				if err != nil {
					t.Fatalf("want the file parsed, got %v", err)
				}
				for _, in := range f.Instructions {
					if in.InvalidExecForm != nil {
						pe = in.InvalidExecForm
					}
				}
				if pe == nil {
					t.Fatal("no instruction has InvalidExecForm")
				}
				err = pe
			}
			if pe.Line != c.line || pe.Column != c.col || !strings.Contains(pe.Msg, c.contains) {
				t.Errorf("got %v, want line %d column %d containing %q", err, c.line, c.col, c.contains)
			}
			if strings.Contains(pe.Msg, "\n") {
				t.Errorf("message is not one line: %q", pe.Msg)
			}
		})
	}
	// shell commands that start with `[` (the test builtin) and valid exec forms still parse
	for _, src := range []string{
		"FROM a\nRUN [ -f /etc/x ]\n",
		"FROM a\nRUN [ ! -e /etc/nsswitch.conf ] && echo 'hosts: files dns' > /etc/nsswitch.conf\n",
		"FROM a\nRUN [ \"$A\" = \"b\" ] || exit 1\n",
		"FROM a\nRUN [ \"$(id -u)\" -eq 0 ]\n",
		"FROM a\nRUN [ -n \"$X\" ] && [ \"a,b\" != \"$X\" ]\n",
		"FROM a\nRUN [[ -n \"$X\" ]] && echo y\n",
		"FROM a\nRUN [ -z \"${A}\" ] \\\n  && echo empty\n",
		"FROM a\nCMD []\n",
		"FROM a\nCMD [ \"nginx\", \"-g\", \"daemon off;\" ]\n",
		"FROM a\nHEALTHCHECK NONE\n",
		"FROM a\nHEALTHCHECK CMD [ -f /tmp/ok ]\n",
		"FROM a\nCOPY --chown=a:b [\"x y\", \"/z/\"]\n",
		"FROM a\nCOPY [a] /b/\n", // a glob character class, not JSON
		"FROM a\nVOLUME /data\n",
		"FROM a\nRUN <<EOF\n[\"not\", json\nEOF\n",
	} {
		if _, err := Parse("Dockerfile", []byte(src), Options{}); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}

// Columns count characters (code points), not bytes, and a byte order mark is not counted.
func TestPositionColumnsAreCodePoints(t *testing.T) {
	src := "\ufeffFROM debian\nRUN echo café && echo ☕ done\n"
	f, err := Parse("Dockerfile", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := func(sub string) int { return strings.Index(src, sub) }
	for _, c := range []struct {
		off       int
		line, col int
	}{
		{at("FROM"), 1, 1},   // after the 3-byte BOM
		{at("debian"), 1, 6}, //
		{at("&&"), 2, 15},    // "RUN echo café " is 14 characters, 15 bytes
		{at("done"), 2, 25},  // ☕ is one character of 3 bytes
		{at("é") + 1, 2, 13}, // inside é: é's column
		{at("☕") + 3, 2, 24}, // just after ☕
	} {
		if l, col := f.Position(c.off); l != c.line || col != c.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
}

// TestInvalidBaseImageIsNotAParseError: BuildKit parses `FROM DEBIAN` and fails only when it
// resolves the stage, so the file parses and the stage says why its reference is invalid.
func TestInvalidBaseImageIsNotAParseError(t *testing.T) {
	for src, want := range map[string]string{
		"FROM DEBIAN\nRUN true\n":         "must be lowercase",
		"FROM x@sha256:f1db\nRUN true\n":  "invalid",
		"FROM debian:12\nRUN true\n":      "",
		"FROM scratch\nRUN true\n":        "",
		"ARG B\nFROM ${B}\nRUN true\n":    "",
		"FROM a AS b\nFROM b\nRUN true\n": "",
	} {
		f, err := Parse("Dockerfile", []byte(src), Options{})
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		got := f.Stages[len(f.Stages)-1].InvalidBaseImage
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("%q: InvalidBaseImage = %q, want it to contain %q", src, got, want)
		}
	}
}

// A "# ..." line of a heredoc's body is the body's text, not a Dockerfile comment (BuildKit
// reads it so): it is no pragma, and it is not in File.Comments.
func TestHeredocBodyIsNoComment(t *testing.T) {
	f := mustParse(t, "FROM debian:12\n# before\nRUN <<EOF\necho x\n# dockopt ignore=DO113\nEOF\n# after\nADD b.txt /b\n")
	var lines []int
	for _, c := range f.Comments {
		lines = append(lines, c.Line)
	}
	if !slices.Equal(lines, []int{2, 7}) {
		t.Errorf("comments on lines %v, want [2 7]", lines)
	}
}

// The line just under BuildKit's buffer parses; an invalid byte's column counts characters.
func TestLineLimitAndUTF8Column(t *testing.T) {
	if _, err := Parse("Dockerfile", []byte("FROM a\n"+strings.Repeat("#", MaxLineBytes-1)+"\nRUN x\n"), Options{}); err != nil {
		t.Errorf("a %d-byte line: %v", MaxLineBytes-1, err)
	}
	_, err := Parse("Dockerfile", []byte("FROM a\nRUN echo üü\xff\n"), Options{})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 2 || pe.Column != 12 {
		t.Errorf("got %v, want line 2 column 12 (the 12th character)", err)
	}
}
