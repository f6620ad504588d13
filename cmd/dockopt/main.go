// Command dockopt lints, fixes and optimizes Dockerfiles, and measures the result on a real
// engine. This package only wires the commands: each verb is an options struct, a cobra
// constructor that parses flags, and a run function that does the work. Errors map to exit
// codes in one place (exitCode).
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/dockopt/dockopt/app"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Exit codes (README's "Exit codes" line): 0 nothing at or above the failure threshold, 1
// findings or a failed check, 2 usage, input or parse errors, 3 no container engine could be
// used; 128 + the signal's number after an interruption.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
	exitEngine   = 3
)

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "dockopt",
		Short:         "Lint, fix and optimize Dockerfiles, and prove the result on a real engine",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newVersionCmd(), newLintCmd(), newRulesCmd())
	for _, extra := range extraCommands {
		root.AddCommand(extra())
	}
	return root
}

// extraCommands lets each verb's file register itself without editing this one.
var extraCommands []func() *cobra.Command

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	root := newRootCmd()
	root.SetArgs(args)
	err := root.Execute()
	return exitCode(err)
}

// exitCode is the one place where an error becomes an exit code; the error's message (if
// any) is printed on stderr. An error of no known type is a usage or input error.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	code := exitUsage
	var (
		ie *app.InputError
		fe *app.FailedError
		ee *app.EngineError
		xe *app.InterruptedError
	)
	switch {
	case errors.As(err, &xe):
		code = xe.Code
	case errors.As(err, &ee):
		code = exitEngine
	case errors.As(err, &fe):
		code = exitFindings
	case errors.As(err, &ie):
		code = exitUsage
	}
	if msg := err.Error(); msg != "" {
		fmt.Fprintln(os.Stderr, "dockopt: "+msg)
	}
	return code
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print dockopt's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(cmd.OutOrStdout(), "dockopt %s\n", version)
			return nil
		},
	}
}
