package report

import (
	"path/filepath"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// MeasureCommand is the command line that measures what optimize wrote: dockopt measure DIR,
// with --original when the Dockerfile is not DIR/Dockerfile (optimize -f NAME) and --out when
// the results are in outDir.
func MeasureCommand(dir, dockerfileName, outDir string) string {
	cmd := "dockopt measure " + shellQuote(dir)
	if dockerfileName != "" && dockerfileName != "Dockerfile" {
		cmd += " --original " + shellQuote(filepath.Join(dir, dockerfileName))
	}
	if outDir != "" {
		cmd += " --out " + shellQuote(outDir)
	}
	return cmd
}

// measureCommand is in.MeasureCommand, else MeasureCommand's for the files named.
func (in *Input) measureCommand() string {
	if in.MeasureCommand != "" {
		return in.MeasureCommand
	}
	outDir := filepath.Dir(in.OutDockerfile)
	if outDir == filepath.Clean(in.Dir) {
		outDir = ""
	}
	return MeasureCommand(in.Dir, in.DockerfileName, outDir)
}

// ShellCommand joins words into a command line for a POSIX shell, each quoted when it needs it.
func ShellCommand(words ...string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = shellQuote(w)
	}
	return strings.Join(q, " ")
}

// shellQuote quotes a word for a POSIX shell when it needs it (a space, a quote, $...), so
// that a printed command works when pasted: mvdan.cc/sh's syntax.Quote, which leaves a plain
// word as it is. A word it cannot quote for POSIX (a NUL byte or a control character, which
// no path or tag here holds) is single-quoted as it is.
func shellQuote(s string) string {
	if q, err := syntax.Quote(s, syntax.LangPOSIX); err == nil {
		return q
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
