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
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Exit codes: 0 success, 1 findings at or above the failure threshold (or a check that
// failed), 2 usage, input or parse errors.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

// exitError carries an exit code; its message (if any) is printed on stderr.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

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

func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(os.Stderr, "dockopt: "+ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(os.Stderr, "dockopt: "+err.Error())
	return exitUsage
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
