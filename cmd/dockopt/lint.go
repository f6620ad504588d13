package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/dockopt/dockopt/app"
	"github.com/dockopt/dockopt/config"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/output"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/style"
)

type lintOptions struct {
	format     string
	configPath string
	contextDir string
	noContext  bool
	buildArgs  []string
	threshold  string
	rules      []string
	ignore     []string
	enable     []string
	allRules   bool
	noColor    bool
	labels     []string
	strict     bool
	stdout     io.Writer
	stderr     io.Writer
	stdin      io.Reader
}

func newLintCmd() *cobra.Command {
	o := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Report problems in Dockerfiles (./Dockerfile by default; directories are searched; - is stdin)",
		RunE: func(cmd *cobra.Command, args []string) error {
			o.stdout, o.stderr, o.stdin = cmd.OutOrStdout(), cmd.ErrOrStderr(), cmd.InOrStdin()
			return runLint(o, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.format, "format", "f", "text", "output format: "+strings.Join(output.Formats, ", "))
	fl.StringVar(&o.configPath, "config", "", "configuration file (default: .dockopt.yaml or .hadolint.yaml in the current directory or a parent)")
	fl.StringVar(&o.contextDir, "context", "", "build context directory (default: each Dockerfile's directory)")
	fl.BoolVar(&o.noContext, "no-context", false, "lint the files alone, without reading the build context")
	stringArrayVarP(fl, &o.buildArgs, "build-arg", "", "build argument NAME=VALUE used to resolve ARGs (repeatable)")
	fl.StringVar(&o.threshold, "failure-threshold", "", "lowest severity that makes lint exit 1: error, warning, info, style, none")
	stringsVar(fl, &o.rules, "rule", "run only these rules (ID or name, repeatable)")
	stringsVar(fl, &o.ignore, "ignore", "ignore these rules (ID, name or hadolint code, repeatable)")
	stringsVar(fl, &o.enable, "enable", "also run these opt-in rules, which are off by default (ID or name, repeatable; listed by: dockopt rules)")
	fl.BoolVar(&o.allRules, "all-rules", false, "run every rule, the opt-in ones included")
	fl.BoolVar(&o.noColor, "no-color", false, "never colour the text output")
	stringArrayVarP(fl, &o.labels, "require-label", "", "LABEL:FORMAT: add a label to the label schema (formats: "+strings.Join(style.LabelFormats, ", ")+"; repeatable; as hadolint's)")
	fl.BoolVar(&o.strict, "strict-labels", false, "report labels outside the label schema (as hadolint's)")
	return cmd
}

func runLint(o *lintOptions, args []string) error {
	validFormat := false
	for _, f := range output.Formats {
		validFormat = validFormat || f == o.format
	}
	if !validFormat {
		return app.Inputf("unknown format %q (want one of %s)", o.format, strings.Join(output.Formats, ", "))
	}
	cfg, only, err := lintConfig(o)
	if err != nil {
		return err
	}
	bargs, err := app.ParseBuildArgs(o.buildArgs)
	if err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" {
		// a batch of short-lived models: half the collections for a few MB more (~9% less
		// CPU over the shared corpus, peak RSS 32 -> 37 MB)
		debug.SetGCPercent(200)
	}
	files, discoverErrs := lint.Discover(args)
	builds, buildErrs := lint.DiscoverBuilds(args) // compose services and bake targets
	files, discoverErrs = builds.AddTo(files), append(discoverErrs, buildErrs...)
	results := lint.RunFiles(files, lint.FilesOptions{
		Builds:     builds,
		Options:    lint.Options{Config: cfg, Only: only},
		BuildArgs:  bargs,
		ContextDir: o.contextDir,
		NoContext:  o.noContext,
		Stdin:      o.stdin,
	})
	res := lintResult(o, discoverErrs, results)
	color := !o.noColor && os.Getenv("NO_COLOR") == "" && isTerminal(o.stdout)
	if err := output.Write(o.stdout, o.format, res, output.Options{Color: color, Version: version}); err != nil {
		return app.AsInput(err)
	}
	if len(res.Errors) > 0 {
		if o.format != "text" {
			// the text format already printed them on stdout; others carry them in the document
			for _, e := range res.Errors {
				fmt.Fprintf(os.Stderr, "dockopt: %s\n", formatFileError(e))
			}
		}
		return &app.InputError{}
	}
	if lint.Fails(res.Findings, cfg.FailureThreshold) && !cfg.NoFail {
		return &app.FailedError{}
	}
	return nil
}

// lintConfig is the configuration file with the command line's rule and label options
// applied, and the rules --rule keeps (nil for all).
func lintConfig(o *lintOptions) (*config.Config, []*rule.Rule, error) {
	cfg, err := app.LoadConfig(o.configPath)
	if err != nil {
		return nil, nil, err
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintf(o.stderr, "dockopt: warning: %s\n", w)
	}
	if o.threshold != "" {
		if strings.EqualFold(o.threshold, "none") {
			cfg.FailureThreshold = -1
		} else if cfg.FailureThreshold, err = rule.ParseSeverity(o.threshold); err != nil {
			return nil, nil, app.Inputf("--failure-threshold %q: want error, warning, info, style or none", o.threshold)
		}
	}
	only, err := app.ResolveRules(o.rules, "--rule")
	if err != nil {
		return nil, nil, err
	}
	ignored, err := app.ResolveRules(o.ignore, "--ignore")
	if err != nil {
		return nil, nil, err
	}
	for _, r := range ignored {
		cfg.Ignored[r] = true
	}
	if err := app.EnableRules(cfg, o.enable, o.allRules); err != nil {
		return nil, nil, err
	}
	for _, l := range o.labels {
		key, format, _ := strings.Cut(l, ":")
		if err := cfg.RequireLabel(key, format); err != nil {
			return nil, nil, app.Inputf("--require-label %q: %v", l, err)
		}
	}
	if o.strict {
		cfg.SetStrictLabels()
	}
	return cfg, only, nil
}

// lintResult gathers what output writes: each file's findings and source, the files that
// could not be linted, and (on stderr) the files discovery skipped.
func lintResult(o *lintOptions, discoverErrs []error, results []lint.FileResult) *output.Result {
	n := 0
	for _, r := range results {
		n += len(r.Findings)
	}
	res := &output.Result{Sources: make(map[string][]byte, len(results)), Findings: make([]rule.Finding, 0, n)}
	for _, e := range discoverErrs {
		if se, ok := e.(*lint.SkippedError); ok {
			fmt.Fprintf(o.stderr, "dockopt: %v\n", se)
		}
		if fe, ok := e.(*lint.FileError); ok {
			res.Errors = append(res.Errors, output.FileError{File: fe.File, Line: fe.Line, Column: fe.Column, Message: fe.Err.Error()})
		}
	}
	for _, r := range results {
		if r.Err != nil {
			res.Errors = append(res.Errors, output.FileError{File: r.Err.File, Line: r.Err.Line, Column: r.Err.Column, Message: r.Err.Err.Error()})
			continue
		}
		res.Sources[r.Path] = r.Source
		res.Findings = append(res.Findings, r.Findings...)
	}
	return res
}

func formatFileError(e output.FileError) string {
	return dockerfile.Pos{File: e.File, Line: e.Line, Column: e.Column}.String() + ": " + e.Message
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
