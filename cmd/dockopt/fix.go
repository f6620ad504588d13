package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"github.com/spf13/cobra"

	"github.com/dockopt/dockopt/app"
	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/fix"
	"github.com/dockopt/dockopt/fsutil"
	"github.com/dockopt/dockopt/lint"
)

type fixOptions struct {
	write      bool
	check      bool
	unsafe     bool
	rules      []string
	enable     []string
	allRules   bool
	configPath string
	buildArgs  []string
	noContext  bool
	builds     lint.Builds
	stdout     io.Writer
	stderr     io.Writer
	stdin      io.Reader
}

func init() { extraCommands = append(extraCommands, newFixCmd) }

func newFixCmd() *cobra.Command {
	o := &fixOptions{}
	cmd := &cobra.Command{
		Use:   "fix [PATH...]",
		Short: "Apply the automatic fixes of lint findings (prints a diff; --write to change files)",
		RunE: func(cmd *cobra.Command, args []string) error {
			o.stdout, o.stderr, o.stdin = cmd.OutOrStdout(), cmd.ErrOrStderr(), cmd.InOrStdin()
			return runFix(o, args)
		},
	}
	fl := cmd.Flags()
	fl.BoolVarP(&o.write, "write", "w", false, "rewrite the files in place (atomically, keeping permissions)")
	fl.BoolVar(&o.check, "check", false, "change nothing; exit 1 when a fix would apply (for CI)")
	fl.BoolVar(&o.unsafe, "unsafe", false, "also apply fixes marked unsafe (they may change behaviour)")
	stringsVar(fl, &o.rules, "rule", "only these rules' fixes (ID or name, repeatable)")
	stringsVar(fl, &o.enable, "enable", "also apply the fixes of these opt-in rules, which are off by default (ID or name, repeatable)")
	fl.BoolVar(&o.allRules, "all-rules", false, "apply the fixes of every rule, the opt-in ones included")
	fl.StringVar(&o.configPath, "config", "", "configuration file (default: .dockopt.yaml or .hadolint.yaml found from the current directory)")
	stringArrayVarP(fl, &o.buildArgs, "build-arg", "", "build argument NAME=VALUE used to resolve ARGs (repeatable)")
	fl.BoolVar(&o.noContext, "no-context", false, "do not read the build context")
	return cmd
}

func runFix(o *fixOptions, args []string) error {
	if o.write && o.check {
		return app.Inputf("--write and --check cannot be used together")
	}
	cfg, err := app.LoadConfig(o.configPath)
	if err != nil {
		return err
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintf(o.stderr, "dockopt: warning: %s\n", w)
	}
	only, err := app.ResolveRules(o.rules, "--rule")
	if err != nil {
		return err
	}
	if err := app.EnableRules(cfg, o.enable, o.allRules); err != nil {
		return err
	}
	bargs, err := app.ParseBuildArgs(o.buildArgs)
	if err != nil {
		return err
	}
	files, discoverErrs := lint.Discover(args)
	builds, buildErrs := lint.DiscoverBuilds(args) // compose services and bake targets
	files, discoverErrs = builds.AddTo(files), append(discoverErrs, buildErrs...)
	o.builds = builds
	failed := false
	for _, e := range discoverErrs {
		fmt.Fprintf(o.stderr, "dockopt: %v\n", e)
		if _, skipped := e.(*lint.SkippedError); !skipped {
			failed = true
		}
	}
	var contexts *buildctx.Cache // nil: --no-context
	if !o.noContext {
		contexts = new(buildctx.Cache)
	}
	wouldChange := false
	for _, path := range files {
		changed, err := fixOne(o, path, contexts, lint.Options{Config: cfg, Only: only}, bargs)
		if err != nil {
			fmt.Fprintf(o.stderr, "dockopt: %v\n", err)
			failed = true
			continue
		}
		wouldChange = wouldChange || changed
	}
	if failed {
		return &app.InputError{}
	}
	if o.check && wouldChange {
		return &app.FailedError{}
	}
	return nil
}

// fixOne fixes one file; it returns whether fixes apply.
func fixOne(o *fixOptions, path string, contexts *buildctx.Cache, lo lint.Options, bargs map[string]string) (bool, error) {
	if path == "-" && o.write {
		return false, errors.New("-: cannot --write standard input")
	}
	in, err := app.ReadSource(path, o.stdin, o.builds.ContextDir(path), contexts) // a compose service's or bake target's context
	if err != nil {
		return false, err
	}
	src := in.Bytes
	res, err := fix.File(path, src, in.Context, fix.Options{Lint: lo, Unsafe: o.unsafe, BuildArgs: o.builds.BuildArgs(path, bargs)})
	if err != nil {
		return false, err
	}
	if !res.Changed() {
		return false, nil
	}
	if o.check || !o.write {
		name := diffName(path)
		diff := udiff.Unified("a/"+name, "b/"+name, string(src), string(res.Output))
		fmt.Fprint(o.stdout, diff)
		if !strings.HasSuffix(diff, "\n") {
			fmt.Fprintln(o.stdout)
		}
		return true, nil
	}
	if err := fsutil.WriteFileAtomic(path, res.Output, src, 0o644); err != nil {
		return false, err
	}
	fmt.Fprintf(o.stderr, "%s: applied %d fix(es):\n", path, len(res.Applied))
	for _, a := range res.Applied {
		fmt.Fprintf(o.stderr, "  %s %s: %s\n", a.Rule.ID, a.Rule.Name, a.Description)
	}
	return true, nil
}

// diffName is path as a diff header names it: slash-separated, without a leading "/" or
// "./" (as git writes a/tmp/x for /tmp/x, never a//tmp/x).
func diffName(path string) string {
	name := filepath.ToSlash(path)
	for {
		switch {
		case strings.HasPrefix(name, "/"):
			name = name[1:]
		case strings.HasPrefix(name, "./"):
			name = name[2:]
		default:
			return name
		}
	}
}
